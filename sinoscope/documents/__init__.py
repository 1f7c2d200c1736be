"""Documents: recover a report's structure (chapters, sections, blocks) from extracted text."""
