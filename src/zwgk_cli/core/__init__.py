"""The shared ground every stage stands on: the data model, loaded sources, diagnostics, codes and messages."""
