"""One module per command: each parses its options, calls one core function, reports and exits."""
