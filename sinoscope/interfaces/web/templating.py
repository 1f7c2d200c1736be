"""The Jinja2 environment of the pages: autoescaping always on, and the few filters templates need.

Autoescaping is forced for every template (not chosen by file extension) because report text is
untrusted: a report containing `<script>` must show those characters, never run them.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi.templating import Jinja2Templates

from sinoscope import __version__
from sinoscope.app.knowledge import entity_url, reader_url
from sinoscope.app.reader import human_quantity
from sinoscope.interfaces.api.schemas import block_api_url
from sinoscope.store.base import SearchHit

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


def num(value: Any) -> str:
    """Figures as people read them: 98720000000 → "98,720,000,000", 25.60 → "25.6", None → "–"."""
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    v = float(value)
    if math.isnan(v) or math.isinf(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e18:
        return f"{int(v):,}"
    text = f"{v:,.4f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{v:.3g}"


def qty(
    value: Any, unit: str | None = None, *, value_max: Any = None, comparator: str | None = None, per: str | None = None
) -> str:
    """A figure with its unit as people read it ("RMB 98.72 bn", "at least 70%"): see extraction.display."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return num(value)
    high = value_max if isinstance(value_max, (int, float)) and not isinstance(value_max, bool) else None

    def text(x: Any) -> str | None:  # absent keys arrive as Undefined: they mean "none"
        return x if isinstance(x, str) else None

    return human_quantity(float(value), text(unit), value_max=high, comparator=text(comparator), per=text(per))


_MACHINE_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?e[+-]?\d+(?![\w.])|(?<![\w.])-?\d+\.\d{7,}(?![\w.])", re.I)


def plain_numbers(text: Any) -> str:
    """Sentences composed by the analyses (notes, findings) may print figures as `1.663e+07` or with a
    float's full tail; on a page each such figure reads as `num` shows it ("16,630,000"). The JSON keeps
    the sentence as the analysis wrote it."""
    if not isinstance(text, str):
        return "" if text is None else str(text)
    return _MACHINE_NUMBER.sub(lambda m: num(float(m.group(0))), text)


def passage_url(anchor: str) -> str:
    return "/passages/" + quote(anchor, safe="")


def query_string(params: dict[str, Any]) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def snippet_runs(hit: SearchHit) -> list[tuple[str, bool]]:
    """A search snippet cut at its highlighted ranges: (text, highlighted) pairs, escaped by the template."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(hit.highlights):
        if start < pos or end > len(hit.snippet):
            continue
        if start > pos:
            out.append((hit.snippet[pos:start], False))
        out.append((hit.snippet[start:end], True))
        pos = end
    if pos < len(hit.snippet):
        out.append((hit.snippet[pos:], False))
    return out


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
    return Jinja2Templates(env=env)


TEMPLATES = make_templates()
