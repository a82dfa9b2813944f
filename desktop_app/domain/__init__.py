"""Pure rules on plain values: no I/O, no Qt, no peewee."""
