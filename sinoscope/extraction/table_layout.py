"""Recovering a printed table's layout: which rows are headers, which columns hold row labels, and the
label of every row and column.

Plain-text conversions keep a table as tab-separated cells with empty cells where a merged cell used to be.
Those gaps carry the structure: a group header spans the empty cells to its right ("Phase I<tab><tab>Phase II"
over "Number<tab>Amount<tab>Number<tab>Amount"), and an empty row-label cell repeats the label above it.
Whatever cannot be read with confidence is reported as a `Problem` instead of being guessed: the caller
decides what is safe to keep.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from sinoscope.extraction.table_cells import Cell, CellKind, parse_cell, read_cell
from sinoscope.extraction.table_units import unit_line

_NOTE_ROW = re.compile(
    r"^(?:notes?|sources?|explanation|remarks?|\(?prepared by|\(?compiled|\(?classified"
    r"|\*|※|注|出所|资料来源)\b",
    re.IGNORECASE,
)
_CAPTION_ROW = re.compile(r"^(?:t?able|fig(?:ure)?\.?|図|表)\s*\d+\s*[-‐–.:]\s*\d+", re.IGNORECASE)
_TOTAL = re.compile(r"^(?:grand\s+)?total\b|^all\b|^合计|^总计", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    message: str
    fatal: bool
    """Fatal: no record from this table can be trusted. Otherwise the affected rows are left out."""


@dataclass
class Layout:
    grid: list[list[Cell]]
    width: int
    header_rows: list[int] = field(default_factory=list)
    data_rows: list[int] = field(default_factory=list)
    """Rows that carry values, in order (group rows and dropped rows excluded)."""
    group_rows: list[int] = field(default_factory=list)
    label_columns: list[int] = field(default_factory=list)
    value_columns: list[int] = field(default_factory=list)
    text_columns: set[int] = field(default_factory=set)
    """Value columns that hold words, not numbers ("Representative companies")."""
    unitless_columns: set[int] = field(default_factory=set)
    """Value columns of ranks or years: a table-wide currency does not apply to them."""
    col_labels: dict[int, list[str]] = field(default_factory=dict)
    """Header parts per value column, top level first."""
    row_labels: dict[int, list[str]] = field(default_factory=dict)
    """Label parts per data row, outer level first."""
    skipped_rows: dict[int, str] = field(default_factory=dict)
    """Rows that looked like data but are left out, with the reason."""
    unit_rows: list[str] = field(default_factory=list)
    """Unit lines that sat among the rows ("(RMB hundred million)" printed as a row)."""
    problems: list[Problem] = field(default_factory=list)
    penalties: list[tuple[float, str]] = field(default_factory=list)

    def fatal(self, message: str) -> None:
        self.problems.append(Problem(message, fatal=True))

    def penalise(self, factor: float, message: str) -> None:
        self.penalties.append((factor, message))

    def row_has(self, i: int, cols: list[int] | range) -> bool:
        row = self.grid[i]
        return any(j < len(row) and row[j].kind is not CellKind.EMPTY for j in cols)

    def cell(self, i: int, j: int) -> Cell:
        row = self.grid[i]
        return row[j] if j < len(row) else _EMPTY


_EMPTY = parse_cell("")


def analyse(rows: tuple[tuple[str, ...], ...]) -> Layout:
    """Header rows, label columns and labels for every row and column of a printed table."""
    grid = [[read_cell(c) for c in row] for row in rows]
    width = max((_used_width(r) for r in grid), default=0)
    lay = Layout(grid=grid, width=width)
    if width == 0:
        lay.fatal("the table has no cells")
        return lay
    candidates = _drop_non_rows(lay)
    if not any(c.kind is CellKind.NUMBER and not c.is_year for i in candidates for c in grid[i]):
        lay.fatal("no numeric cells: a text table, kept as text")
        return lay
    header, body = _split_header(lay, candidates)
    if not header:
        lay.fatal("no header row: the columns cannot be labelled")
        return lay
    if not body:
        lay.fatal("no data rows below the header")
        return lay
    _choose_label_columns(lay, header, body)
    if lay.problems and any(p.fatal for p in lay.problems):
        return lay
    # A trailing header-like row that only names a row label is a group row ("Upstream" with no values).
    while len(header) > 1 and not lay.row_has(header[-1], lay.value_columns):
        body.insert(0, header.pop())
    lay.header_rows = header
    _label_columns_from_header(lay)
    _check_side_by_side(lay, body)
    if any(p.fatal for p in lay.problems):
        return lay
    _label_rows(lay, body)
    return lay


def _used_width(row: list[Cell]) -> int:
    for j in range(len(row) - 1, -1, -1):
        if row[j].kind is not CellKind.EMPTY:
            return j + 1
    return 0


def _drop_non_rows(lay: Layout) -> list[int]:
    """Empty rows, notes, stray captions and unit lines printed among the rows are not table rows."""
    keep: list[int] = []
    for i, row in enumerate(lay.grid):
        filled = [c for c in row if c.kind is not CellKind.EMPTY]
        if not filled:
            continue
        first = filled[0].text
        if len(filled) == 1 and unit_line(first) and first.startswith(("(", "（", "Unit", "unit", "单位")):
            lay.unit_rows.append(first)
            continue
        if _CAPTION_ROW.match(first):
            lay.skipped_rows[i] = "a caption printed among the rows"
            lay.penalise(0.9, f"row {i} is a caption printed among the rows")
            continue
        if len(filled) == 1 and (_NOTE_ROW.match(first) or (first.startswith("(") and first.endswith(")"))):
            lay.skipped_rows[i] = "a note printed among the rows"
            continue
        keep.append(i)
    return keep


def _is_header_like(row: list[Cell]) -> bool:
    return all(c.kind in (CellKind.EMPTY, CellKind.TEXT) or c.is_year for c in row)


def _is_junk(cell: Cell) -> bool:
    """Conversion debris in a header ("(enn: eempe", "5,", "J", dot leaders) rather than a label."""
    t = cell.text
    if cell.kind is not CellKind.TEXT:
        return False
    if t.count("(") != t.count(")") or t.endswith(","):
        return True
    core = re.sub(r"[\s·.…,:;'\"`]", "", t)
    if re.search(r"[\u4e00-\u9fff%\d]", core):
        return False
    return len(core) <= 1


def _split_header(lay: Layout, rows: list[int]) -> tuple[list[int], list[int]]:
    n = 0
    while n < len(rows) and _is_header_like(lay.grid[rows[n]]):
        n += 1
    header, body = rows[:n], rows[n:]
    kept: list[int] = []
    for i in header:
        filled = [c for c in lay.grid[i] if c.kind is not CellKind.EMPTY]
        if filled and all(_is_junk(c) for c in filled):
            lay.skipped_rows[i] = "a garbled header row"
            lay.penalise(0.85, f"row {i} is a garbled header row and was ignored")
        else:
            kept.append(i)
            if any(_is_junk(c) for c in filled):
                lay.penalise(0.8, f"row {i} has garbled header cells")
    return kept, body


def _column_kinds(lay: Layout, body: list[int]) -> list[Counter[str]]:
    kinds: list[Counter[str]] = [Counter() for _ in range(lay.width)]
    for i in body:
        for j in range(lay.width):
            c = lay.cell(i, j)
            if c.kind is CellKind.NUMBER:
                kinds[j]["year" if c.is_year else "number"] += 1
            else:
                kinds[j][c.kind.value] += 1
    return kinds


def _is_ordinal(lay: Layout, body: list[int], j: int) -> bool:
    values = [lay.cell(i, j) for i in body]
    nums = [c.number for c in values if c.number is not None]
    if len(nums) < 3 or any(c.kind not in (CellKind.NUMBER, CellKind.EMPTY) for c in values):
        return False
    if not all(c.is_integer and not c.percent for c in values if c.kind is CellKind.NUMBER):
        return False
    return all(0 < b - a <= 2 for a, b in itertools.pairwise(nums))


_SERIAL = re.compile(r"^(?:序号|序號|序|编号|編號|no\.?|#|s/n|item)$", re.IGNORECASE)
"""Headers of a column that numbers the rows (序号 1, 2, 3 in a plan's indicator table): part of the row
label, unlike a "Rank" or "排名" column, which is a value of its own."""


def _serial_header(lay: Layout, header: list[int], j: int) -> bool:
    return any(_SERIAL.match(lay.cell(h, j).text.strip()) for h in header)


def _choose_label_columns(lay: Layout, header: list[int], body: list[int]) -> None:
    kinds = _column_kinds(lay, body)
    header_text = {j: any(lay.cell(h, j).text for h in header) for j in range(lay.width)}
    labels: list[int] = []
    ranks: list[int] = []
    leading: list[int] = []
    first_value: int | None = None
    for j in range(lay.width):
        k = kinds[j]
        filled = sum(k.values()) - k["empty"]
        if filled == 0:
            if labels or header_text[j]:
                first_value = j
                break
            continue  # an empty spacer column before the labels
        # a dash is a missing number only in a column of numbers; among names ("Phase I", "—") it is no name
        numeric = k["number"] + (k["missing"] if k["number"] else 0)
        if k["text"] >= numeric and k["text"] > 0 and k["text"] >= k["year"]:
            labels.append(j)
            continue
        if k["year"] == filled and not labels:
            labels.append(j)  # years down the first column: each row is a period
            continue
        if not labels and k["number"] == filled and _serial_header(lay, header, j):
            labels.append(j)  # 序号 1, 2, 3: part of the row label, however few the rows
            continue
        if _is_ordinal(lay, body, j):
            if ranks:
                first_value = j  # a second numbering: a table printed beside another
                break
            follows_text = _texty(kinds, j + 1)
            if not header_text[j] or (not labels and not follows_text):
                ranks.append(j)
                labels.append(j)  # a plain numbering of the rows is part of the row label
                continue
            if follows_text:
                ranks.append(j)
                lay.unitless_columns.add(j)
                continue  # a "Ranking" column beside the names: a value of its own
            first_value = j  # small consecutive counts under a header: ordinary values
            break
        if not labels and not leading and header_text[j] and _texty(kinds, j + 1):
            leading.append(j)  # an id or rank printed before the names: a value of its own
            lay.unitless_columns.add(j)
            continue
        first_value = j
        break
    if not labels:
        lay.fatal("no row-label column: the rows cannot be labelled")
        return
    lay.label_columns = labels
    start = first_value if first_value is not None else lay.width
    before = [j for j in range(start) if j not in labels and sum(kinds[j].values()) > kinds[j]["empty"]]
    lay.value_columns = sorted(
        before
        + [j for j in range(start, lay.width) if j not in labels and (header_text[j] or kinds[j]["empty"] < len(body))]
    )
    if not lay.value_columns:
        lay.fatal("no value columns")
        return
    for j in lay.value_columns:
        k = kinds[j]
        if k["text"] > k["number"] + k["missing"] + k["year"]:
            lay.text_columns.add(j)
        elif k["year"] and k["number"] == 0:
            lay.unitless_columns.add(j)
    if all(j in lay.text_columns or j in ranks for j in lay.value_columns):
        lay.fatal("no numeric columns besides a numbering: a text table, kept as text")


def _texty(kinds: list[Counter[str]], j: int) -> bool:
    return j < len(kinds) and kinds[j]["text"] > kinds[j]["number"]


def _label_columns_from_header(lay: Layout) -> None:
    """Join header levels per value column; an empty cell under a group header belongs to that group."""
    values = set(lay.value_columns)
    last = lay.header_rows[-1]
    for j in lay.value_columns:
        parts: list[str] = []
        for h in lay.header_rows:
            text = _header_text(lay.cell(h, j))
            if not text and h != last:
                k = j - 1
                while k >= 0 and k in values and not lay.cell(h, k).text:
                    k -= 1
                if k >= 0 and k in values:
                    text = _header_text(lay.cell(h, k))
            if text and text not in parts:
                parts.append(text)
        lay.col_labels[j] = parts


def _header_text(cell: Cell) -> str:
    """A garbled header cell labels nothing: its column counts as unlabelled."""
    return "" if _is_junk(cell) else cell.text


_PERIOD_CELL = re.compile(r"(?:19|20)\d{2}(?:\s*[-–—~至到]\s*(?:19|20)?\d{2,4})?(?:年)?")


def _period_column(lay: Layout, j: int, body: list[int]) -> bool:
    """A column whose cells are years or spans of years ("2019–2023"): it dates its row, as a fund table's
    "Period" column does, and is no label column of a second table printed beside the first."""
    cells = [lay.cell(i, j) for i in body]
    texts = [c.text for c in cells if c.kind is not CellKind.EMPTY]
    return bool(texts) and all(_PERIOD_CELL.fullmatch(t) for t in texts)


def _check_side_by_side(lay: Layout, body: list[int]) -> None:
    """Two tables printed next to each other repeat their label headers and alternate words and numbers."""
    label_heads = {lay.cell(h, j).text.lower() for h in lay.header_rows for j in lay.label_columns}
    label_heads.discard("")
    for j in lay.value_columns:
        bottom = lay.col_labels[j][-1].lower() if lay.col_labels[j] else ""
        if bottom and bottom in label_heads:
            lay.fatal(f"side-by-side tables: the label header '{lay.col_labels[j][-1]}' repeats in column {j}")
            return
    periods = {j for j in lay.text_columns if _period_column(lay, j, body)}
    pattern = ["text" if j in lay.text_columns else "num" for j in lay.value_columns if j not in periods]
    squeezed = [p for k, p in enumerate(pattern) if k == 0 or p != pattern[k - 1]]
    if "".join(s[0] for s in squeezed).find("ntn") >= 0:
        lay.fatal("side-by-side tables: label-like text columns between numeric columns")


def _label_rows(lay: Layout, body: list[int]) -> None:
    label_cols = lay.label_columns
    values = lay.value_columns
    labelled_cols = {j for j in values if lay.col_labels.get(j)}
    carry: list[str] = ["" for _ in label_cols]
    group: list[str] | None = None
    group_level = 0
    group_indent = 0
    guessed_group = False
    any_indent = any(lay.cell(i, label_cols[-1]).indent > 0 or lay.cell(i, label_cols[0]).indent > 0 for i in body)
    text_labels = {j for j in label_cols if not all(lay.cell(i, j).kind is not CellKind.TEXT for i in body)}
    for i in body:
        cells = [lay.cell(i, j) for j in label_cols]
        has_values = lay.row_has(i, values)
        beyond = [j for j in range(lay.width) if j not in label_cols and j not in values and lay.cell(i, j).text]
        unlabelled_values = [j for j in values if j not in labelled_cols and lay.cell(i, j).text]
        deepest = max((k for k, c in enumerate(cells) if c.kind is not CellKind.EMPTY), default=-1)
        if beyond or unlabelled_values:
            lay.skipped_rows[i] = "ragged: cells outside the labelled columns"
            continue
        if any(
            label_cols[k] in text_labels and c.kind is CellKind.NUMBER and not c.is_year for k, c in enumerate(cells)
        ):
            lay.skipped_rows[i] = "ragged: a number where the row label should be"
            continue
        if deepest < 0:
            if has_values:
                lay.skipped_rows[i] = "values without a row label"
            continue
        # An empty outer label cell repeats the one above, until an outer cell of this row starts anew.
        effective: list[str] = []
        new = False
        for k, c in enumerate(cells):
            if k > deepest:
                effective.append("")
            elif c.text:
                effective.append(c.text)
                new = True
            else:
                effective.append("" if new else carry[k])
        carry = effective
        parts = [t for k, t in enumerate(effective) if t and cells[k].kind is not CellKind.MISSING]  # "—": no name
        if not has_values:
            lay.group_rows.append(i)
            if len(label_cols) == 1 or deepest == len(label_cols) - 1:
                group, group_level, group_indent = parts, deepest, cells[deepest].indent
            continue
        if group is not None:
            indent = cells[deepest].indent
            ends = _TOTAL.match(parts[-1]) or deepest < group_level
            if ends or (any_indent and indent <= group_indent):
                group = None
            elif deepest == group_level:
                parts = group + parts
                guessed_group = guessed_group or not any_indent
        lay.row_labels[i] = parts
        lay.data_rows.append(i)
    if guessed_group:
        lay.penalise(0.9, "group rows without indentation: their extent was assumed to run to the next group")
