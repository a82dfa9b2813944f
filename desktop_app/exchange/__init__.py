"""xlsx in and out: results carry per-row, per-cell errors; nothing is written until asked."""
