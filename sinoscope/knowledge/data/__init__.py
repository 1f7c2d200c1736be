"""Curated knowledge, one YAML file per topic, shipped as package data and read by `knowledge.loader`."""
