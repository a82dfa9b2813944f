"""Plain data for the printed documents of the roll, and the history of what was printed.

Other features record what they printed and read the shared print data through these names only."""

from desktop_app.services.printing.gather import (
    PrintRecord, PrintScopeError, default_issuer, estate_name_of, estate_scope, record_print_job,
    roll_scope_label, rooms_count, scope_homes,
)

__all__ = [
    "PrintRecord", "PrintScopeError", "default_issuer", "estate_name_of", "estate_scope", "record_print_job",
    "roll_scope_label", "rooms_count", "scope_homes",
]
