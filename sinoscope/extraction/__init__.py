"""Extraction: quantities from prose and tidy records from tables, each with its exact source span."""
