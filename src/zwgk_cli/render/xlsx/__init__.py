"""The XLSX workbooks and the streaming writer that produces them."""
