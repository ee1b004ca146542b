"""Starting and editing a catalogue: `zwgk init` and the JSON Schemas editors use."""
