"""CSV and JSON downloads of tabular results (facts, table cells, observations)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from fastapi.responses import Response

from sinoscope.app.facts import write_csv

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    write_csv(out, rows, columns)
    return out.getvalue()


def download(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: Format, name: str) -> Response:
    """The rows as a file to save: `name.csv` or `name.json` (UTF-8)."""
    if fmt is Format.CSV:
        body = csv_text(rows, columns)
        media = "text/csv; charset=utf-8"
    else:
        body = json.dumps(list(rows), ensure_ascii=False, indent=1)
        media = "application/json"
    safe = _UNSAFE.sub("_", name).strip("_") or "download"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{safe}.{fmt.value}"'}
    )
