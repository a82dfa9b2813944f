"""A vote's documents and workbooks: printed ballots, result notice, not-voted list, ballot import and export."""
