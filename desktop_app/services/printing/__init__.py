"""Plain data for the printed documents of the roll, and the history of what was printed."""
