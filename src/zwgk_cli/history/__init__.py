"""A catalogue over time: git revisions, older schema versions, and what changed between two versions."""
