"""PDF documents (reportlab) built from plain data; never queries the database."""
