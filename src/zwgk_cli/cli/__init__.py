"""The command line: the only place that imports typer and rich."""
