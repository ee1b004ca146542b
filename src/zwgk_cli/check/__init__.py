"""Checking a catalogue: the pipeline, the schema, the cross-file rules, the lints, deadlines, claims and coverage."""
