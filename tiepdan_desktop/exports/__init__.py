"""Files out: Excel (openpyxl), PDF (reportlab with the bundled font), Word.
Plain data in, files out; no Qt, no database sessions."""
