"""Qt widgets, item models, dialogs and the background task runner. The only PySide6 importer."""
