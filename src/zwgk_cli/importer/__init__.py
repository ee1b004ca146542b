"""`zwgk import`: catalogue tables in Excel and Word files turned back into domain sources."""
