"""Reading one printed table cell: a number, an explicit gap, or text.

Table cells are not prose. A cell either holds exactly one number, printed with the habits of PDF
conversions (thousands separators, a dash *and a space* for a minus sign, trailing footnote marks), or it
does not. Anything that does not read cleanly as one number stays text, so a damaged cell ("7.0 10",
"120,4541") is never turned into a wrong value.

Kept deliberately small: prose quantities (Chinese numerals, ranges) belong to the quantity extractor; a
cell only needs the table dialect. One addition (`read_cell`): a cell printing its own currency or unit and
scale around one number ("USD 14.2 billion", "612亿元", "EUR 2.4 bn") is a number in that unit, read with the
unit words a table's labels use (`table_units.label_info`), as a brief's table of funds prints its sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sinoscope.extraction.table_units import UnitSpec, label_info


class CellKind(StrEnum):
    EMPTY = "empty"
    NUMBER = "number"
    MISSING = "missing"
    """An explicit gap: "-", "—", "_", "n.a." printed where a value would be."""
    TEXT = "text"


@dataclass(frozen=True)
class Cell:
    raw: str
    kind: CellKind
    number: Decimal | None = None
    """The printed number with its sign, exact (so scaling never adds float noise)."""
    percent: bool = False
    approx: str | None = None
    """"more than", "less than", "at least", "at most", "about"."""
    mark: str | None = None
    """A footnote or significance mark printed after the number ("*", "¹")."""
    doubt: str | None = None
    """Why this reading is less certain than usual (e.g. a parenthesised number read as negative)."""
    indent: int = 0
    """Leading spaces as printed: indented row labels belong to the group row above them."""
    unit: UnitSpec | None = None
    """The cell's own unit and scale, when it prints them around its number ("USD 14.2 billion", "612亿元")."""

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def is_year(self) -> bool:
        """A plain four-digit year: in a header it names a period, not a value."""
        return (
            self.kind is CellKind.NUMBER
            and not self.percent
            and self.approx is None
            and _YEAR.fullmatch(self.text) is not None
        )

    @property
    def is_integer(self) -> bool:
        return self.number is not None and self.number == self.number.to_integral_value()


_YEAR = re.compile(r"(?:19|20)\d{2}")
_MISSING = frozenset(
    {"-", "–", "—", "―", "‐", "−", "_", "__", "…", "...", "n.a.", "n.a", "na", "n/a", "N/A", "NA", "N.A."}
)
_APPROX = {
    ">": "more than",
    "＞": "more than",
    "<": "less than",
    "＜": "less than",
    ">=": "at least",
    "≥": "at least",
    "<=": "at most",
    "≤": "at most",
    "~": "about",
    "≈": "about",
    "about": "about",
    "approx.": "about",
    "approx": "about",
    "approximately": "about",
    "around": "about",
    "more than": "more than",
    "over": "more than",
    "less than": "less than",
    "under": "less than",
}
_APPROX_AFTER = {"左右": "about", "上下": "about", "以上": "at least", "以下": "at most", "以内": "at most"}
"""Chinese qualifiers printed after the number ("6.5左右", "60以上"), as plans' indicator tables print targets."""
_APPROX_RE = "|".join(re.escape(k) for k in sorted(_APPROX, key=len, reverse=True))
_AFTER_RE = "|".join(_APPROX_AFTER)
_CELL = re.compile(
    rf"""^(?:(?P<approx>{_APPROX_RE})\s*)?
    (?P<sign>[-−–—‐]\s?|\+)?
    (?P<open>[(\[（〔［])?
    (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:[ \u00a0\u2009\u202f]\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    (?P<close>[)\]）〕］])?
    \s*(?P<pct>[%％])?
    \s*(?P<after>{_AFTER_RE})?
    \s*(?P<mark>\*{{1,3}}|[†‡§]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$""",
    re.VERBOSE | re.IGNORECASE,
)


def parse_cell(raw: str) -> Cell:
    """Read one cell as printed; never raises."""
    text = raw.strip()
    indent = len(raw) - len(raw.lstrip(" \u3000"))
    if not text:
        return Cell(raw, CellKind.EMPTY, indent=indent)
    if text in _MISSING or text.lower() in _MISSING:
        return Cell(raw, CellKind.MISSING, indent=indent)
    m = _CELL.match(text)
    if m is None:
        return Cell(raw, CellKind.TEXT, indent=indent)
    opened, closed = m.group("open"), m.group("close")
    if bool(opened) != bool(closed):
        return Cell(raw, CellKind.TEXT, indent=indent)
    # Thousands grouped by commas, or by spaces as statistical yearbooks and ISO 80000 print them ("13 571.7")
    number = Decimal(re.sub(r"[,\s\u00a0\u2009\u202f]", "", m.group("num")))
    sign = (m.group("sign") or "").strip()
    doubt = None
    if sign and sign != "+":
        number = -number
    if opened in ("(", "（"):
        if sign or _YEAR.fullmatch(m.group("num")):
            return Cell(raw, CellKind.TEXT, indent=indent)
        # Accounting style: a bracketed figure in a statement is a loss. The reports never print
        # negatives this way, so the reading is kept but marked as uncertain.
        number = -number
        doubt = "parenthesised number read as negative"
    elif opened in ("[", "［"):
        doubt = "bracketed number (a cumulative or note figure?)"
    elif opened == "〔":
        doubt = "a cumulative figure over the plan period (〔〕, as Chinese plans print them)"
    approx, after = m.group("approx"), m.group("after")
    return Cell(
        raw,
        CellKind.NUMBER,
        number=number,
        percent=m.group("pct") is not None,
        approx=_APPROX[approx.lower()] if approx else _APPROX_AFTER.get(after or ""),
        mark=m.group("mark"),
        doubt=doubt,
        indent=indent,
    )


_WITH_UNIT = re.compile(
    r"^(?=[^\d()（）\[\]]{0,12}?\s*\d)"  # at most 12 characters before the number, the qualifier included
    rf"(?:(?P<approx>{_APPROX_RE})(?![^\W\d_])\s*)?(?P<pre>[^\d()（）\[\]]*?)\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<post>[^\d()（）\[\]]{0,16})$",
    re.IGNORECASE,
)
"""One number with words around it, a qualifier first as `_CELL` reads it ("about USD 3 billion")."""


def read_cell(raw: str) -> Cell:
    """`parse_cell`, and a cell printing its own unit around one number (`Cell.unit`): the words before and
    after the number must read as a unit a table label would state (a currency and scale, a percent, a
    counted noun with its Chinese measure word), so "Phase 2" or "Round 3" stay text."""
    cell = parse_cell(raw)
    if cell.kind is not CellKind.TEXT:
        return cell
    m = _WITH_UNIT.match(raw.strip())
    if m is None or not (m.group("pre").strip() or m.group("post").strip()):
        return cell
    spec = label_info(f"{m.group('pre').strip()} {m.group('post').strip()}".strip()).unit
    if spec is None or spec.unit is None:
        return cell
    number = Decimal(m.group("num").replace(",", ""))
    approx = _APPROX[m.group("approx").lower()] if m.group("approx") else None
    return Cell(
        raw, CellKind.NUMBER, number=number, percent=spec.unit == "%", approx=approx, indent=cell.indent, unit=spec
    )
