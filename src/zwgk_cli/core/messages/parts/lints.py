"""Warnings a careful reviewer would raise, and waivers."""

MESSAGES: dict[str, tuple[str, str]] = {}
