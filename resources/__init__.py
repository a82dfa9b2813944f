"""Files shipped with the program, installed as the package `desktop_app.resources`.

The folder stays `resources/` at the top of the project so people find it; pyproject.toml maps it to
`desktop_app.resources`, and the program reads it only through `importlib.resources` (see
`desktop_app.paths`), so an installed wheel carries the font and the catalogue.

- `fonts/wqy-microhei.ttc` (+ its license text): the CJK font used when the PC has no official fonts.
- `reference/renovation_catalogue.json`: the renovation catalogue copied into a new database.
"""
