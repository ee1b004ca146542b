"""Showing findings and differences in the terminal."""
