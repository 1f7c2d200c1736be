"""The knowledge base's JSON views moved to `sinoscope.app.knowledge`; this name stays for imports not yet moved."""

from sinoscope.app.knowledge import entity_url

__all__ = ["entity_url"]
