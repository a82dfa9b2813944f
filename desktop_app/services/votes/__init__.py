"""Owners' votes: opening on a frozen roll, ballot entry, tally, close, reopen, exchange and printing data."""
