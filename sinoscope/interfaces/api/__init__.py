"""The REST API (versioned under /api/v1) and the app factory that also serves the pages."""

from sinoscope.interfaces.api.app import create_app, prepare_store

__all__ = ["create_app", "prepare_store"]
