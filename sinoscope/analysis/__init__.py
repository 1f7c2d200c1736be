"""Analyses the reports do, as pure functions over the knowledge base and stored tables.

Every result carries the anchors it rests on, so a number printed by an analysis can be traced back to
the passages (or outside sources) it was computed from.
"""
