"""Deprecated alias of `sinoscope.app.serve_assets` (issue 17), until tests/web_assets imports it from there."""

import sys

from sinoscope.app import serve_assets

sys.modules[__name__] = serve_assets
