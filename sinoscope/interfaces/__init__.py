"""Interfaces: the ways people reach the store (command line now; API and web later)."""
