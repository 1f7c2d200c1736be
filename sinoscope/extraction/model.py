"""Extracted data at the boundary between extraction and the store.

Field names follow the conventions of the domain brief (`shared/docs/domain.md`), so that an exported
fact is directly comparable with hand-checked gold data and other tools.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Kind(StrEnum):
    ACTUAL = "actual"
    TARGET = "target"
    ESTIMATE = "estimate"
    FORECAST = "forecast"


class Quantity(BaseModel):
    """One quantitative claim found in text.

    `start`/`end` index the text the extractor was given; callers that extract from a block shift them to
    document offsets (`Block.source_offset`) before storing.
    """

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    text: str
    """The surface text of the quantity, e.g. "RMB 98.72 billion"."""
    value: float
    """After applying scale words: "RMB 98.72 billion" → 98720000000."""
    unit: str
    """"%", "percentage points", an ISO 4217 code ("CNY", "USD"), or a count noun ("companies")."""
    value_max: float | None = None
    """Upper end of a range ("5%-7%" → value 5, value_max 7)."""
    approx: str | None = None
    """Qualifier: "about", "more than", "less than", "at least", "at most", "over", "under"."""
    comparator: str | None = None
    """How the figure bounds the true value: ">=" (以上, 不低于, "at least"), ">" (超过, "more than"),
    "<=" (以内, 不超过, 控制在), "<", "~" (左右, 约, 近, "about") or "=" (as printed)."""
    per: str | None = None
    """Denominator of a per-capita unit: "10,000 persons"."""
    scale: float = 1.0
    """The multiplier applied from scale words (1e8 for "hundred million" / 亿)."""
    period: str | None = None
    """"2021", "2015-2020", "2022-01", or None."""
    as_of: str | None = None
    kind: Kind = Kind.ACTUAL
    subject: str = ""
    """Short free text naming what is measured."""


class Fact(Quantity):
    """A quantity located in a stored document."""

    doc: str
    """The document's file name, as in the gold data."""
    doc_id: str
    section: str
    """Citation anchor of the block the quantity sits in."""
    line: int | None = None
    source_start: int | None = None
    """Where `text` starts in the file the user holds (characters of the decoded file, see
    `sinoscope.sources.source_map`); None for PDF and DOCX, whose citation is `page` and `text`."""
    source_end: int | None = None
    source_text: str | None = None
    """The characters at `source_start:source_end` as the file prints them (`$2 5 . 8 \\%$` where the
    reader shows "25.8%"); None where the file has no character positions (PDF, DOCX)."""
    source_line: int | None = None
    """1-based line of `source_start` in the file (lines end at "\\n")."""
    page: int | None = None
    """1-based PDF page the fact is printed on; `text` is the quote to find there."""


class TableRecord(BaseModel):
    """One cell of a table in tidy form: what row, what column, what value in what unit."""

    model_config = ConfigDict(frozen=True)

    table_anchor: str
    row: int
    col: int
    row_label: str
    """Row label; merged/multi-level row labels joined with " / "."""
    col_label: str
    """Column label; multi-level headers joined with " / " (e.g. "Investment Fund Phase I / Amount invested")."""
    raw: str
    """The cell as printed."""
    value: float | None
    """Value after applying the scale inherited from caption/header; None for a non-numeric cell."""
    printed_value: float | None
    """The number as printed, before scaling."""
    unit: str | None
    scale: float = 1.0
    period: str | None = None
    confidence: float = 1.0
    per: str | None = None
    """Denominator of a per-unit header such as "(per 10,000 persons)" or "(USD 1000 / unit)"."""
    approx: str | None = None
    """Qualifier printed in the cell: ">7" → "more than"."""
