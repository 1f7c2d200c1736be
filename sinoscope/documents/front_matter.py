"""YAML front matter (Jekyll, Hugo, Pandoc: `---` lines at the top of a Markdown file): title, date,
author, publisher, language.

Only top-level scalars (and lists of scalars) are read, and deep flow nesting is not handed to the YAML
parser at all: a hostile header can neither print exponentially long (aliases) nor stall the parser.
Readers drop the front matter from the text, so it is read from the file's first bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import yaml  # type: ignore[import-untyped]

from sinoscope.sources.model import SourceFormat, SourceText

FRONT_MATTER_BYTES = 64_000
MAX_FRONT_MATTER_DEPTH = 20
MAX_VALUE_CHARS = 1_000
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$", re.M)


def front_matter(raw: str) -> dict[str, str]:
    """The top-level scalar keys of a YAML front-matter block (lower-cased keys), {} when there is none."""
    m = _FRONT.match(raw)
    if not m:
        return {}
    data: Any = None
    if _flow_depth(m.group(1)) <= MAX_FRONT_MATTER_DEPTH:  # deep nesting makes the YAML parser crawl
        try:
            data = yaml.safe_load(m.group(1))
        except (yaml.YAMLError, RecursionError, ValueError):
            data = None
    if not isinstance(data, Mapping):  # not valid YAML: read `key: value` lines as they are
        data = {k.group("key"): k.group("value") for k in _FRONT_KEY.finditer(m.group(1))}
    out: dict[str, str] = {}
    for key, value in data.items():
        # Only scalars and lists of scalars: an alias-built nested structure could print exponentially long.
        if isinstance(value, list | tuple):
            value = ", ".join(_scalar(v) for v in value[:50] if _scalar(v))
        text = _scalar(value)
        if text and isinstance(key, str):
            out[key.strip().lower()] = text[:MAX_VALUE_CHARS]
    return out


def _flow_depth(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def _scalar(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip().strip("\"'").strip()
    return ""


def read_front_matter(source: SourceText) -> dict[str, str]:
    """The front matter of a Markdown file (readers drop it from the text, so it is read from the file)."""
    if source.format is not SourceFormat.MARKDOWN:
        return {}
    try:
        with open(source.path, "rb") as fh:
            head = fh.read(FRONT_MATTER_BYTES)
    except OSError:
        return {}
    try:
        raw = head.decode(source.encoding or "utf-8", errors="replace")
    except LookupError:
        raw = head.decode("utf-8", errors="replace")
    return front_matter(raw)
