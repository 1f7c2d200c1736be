"""Every page names its JSON twin: the API endpoint that returns the result the page renders.

As in Datasette, a reader who sees a figure on a page can fetch the same result as data; the page links it
(`<link rel="alternate" type="application/json">` and a visible "JSON" link), and
`tests/api/test_page_json_twins.py` checks that a page and its twin carry the same figures. The table maps a
page path to the API path that answers it; the page's query string is passed on unchanged.
"""

from __future__ import annotations

import re
from typing import Any

API = "/api/v1"

# (page path pattern, API path with the pattern's groups). The first match wins. A page whose twin needs more
# than its own query (the facts page: its page as offset and limit) names it itself (`json_url`).
_TWINS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), api)
    for p, api in [
        (r"^/documents$", "/documents"),
        (r"^/documents/(?P<id>[^/]+)$", "/documents/{id}"),
        (r"^/passages/(?P<anchor>.+)$", "/blocks/{anchor}"),
        (r"^/search$", "/search"),
        (r"^/ask$", "/ask"),
        (r"^/facts$", "/facts"),
        (r"^/entities$", "/entities"),
        (r"^/entities/(?P<id>[^/]+)$", "/entities/{id}"),
        (r"^/indicators$", "/indicators"),
        (r"^/indicators/(?P<id>[^/]+)$", "/indicators/{id}"),
        (r"^/targets$", "/analyses/tracker"),
        (r"^/findings$", "/findings"),
        (r"^/policies$", "/policies"),
        (r"^/funds$", "/funds"),
        (r"^/supply-chains$", "/supply-chains"),
        (r"^/funds/(?P<id>[^/]+)$", "/analyses/funds/{id}"),
        (r"^/supply-chains/(?P<id>[^/]+)$", "/analyses/supply-chains/{id}"),
        (r"^/targets/review$", "/review"),
    ]
]


def twin_path(path: str) -> str | None:
    """The API path answering the page at `path` (already URL-encoded), or None for a page without data."""
    for pattern, api in _TWINS:
        m = pattern.match(path)
        if m:
            return API + api.format(**m.groupdict())
    return None


def json_twin(request: Any) -> str | None:
    """The twin's URL for the page being rendered, with the page's own query string."""
    path = twin_path(request.scope.get("raw_path", b"").decode("latin-1").split("?")[0] or request.url.path)
    if path is None:
        return None
    query = request.url.query
    return f"{path}?{query}" if query else path
