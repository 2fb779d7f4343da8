"""Item files of the demo catalog, one per department."""
