"""The Jinja2 environment of the pages: autoescaping always on, and the few filters templates need.

Autoescaping is forced for every template (not chosen by file extension) because report text is
untrusted: a report containing `<script>` must show those characters, never run them. The filters that
format figures and snippets live in `app.reader`, so every interface reads a number the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi.templating import Jinja2Templates

from sinoscope import __version__
from sinoscope.app.csrf import form_token
from sinoscope.app.knowledge import entity_url, reader_url
from sinoscope.app.reader import num, plain_numbers, qty, snippet_runs
from sinoscope.interfaces.api.schemas import block_api_url
from sinoscope.interfaces.web.twins import json_twin

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


def passage_url(anchor: str) -> str:
    return "/passages/" + quote(anchor, safe="")


def query_string(params: dict[str, Any]) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = num
    env.filters["qty"] = qty
    env.filters["plain_numbers"] = plain_numbers
    env.filters["reader_url"] = reader_url
    env.filters["passage_url"] = passage_url
    env.filters["entity_url"] = entity_url
    env.filters["block_api_url"] = block_api_url
    env.filters["qs"] = query_string
    env.filters["snippet_runs"] = snippet_runs
    env.globals["version"] = __version__
    env.globals["json_twin"] = json_twin
    env.globals["csrf_token"] = lambda request: form_token(request.app.state.sinoscope.store_path)
    return Jinja2Templates(env=env)


TEMPLATES = make_templates()
