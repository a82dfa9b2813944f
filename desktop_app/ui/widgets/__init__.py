"""Parts every page shares: the task runner, forms, tables, the date range, saved files, the scope bar, import review."""
