"""Which lines make up each table: caption, rows (above or below it), unit lines and notes.

Converted reports print a caption above the table ("Table 4-1." then rows) or below it (rows, then
"Table 1-4: ..."), sometimes with the caption stranded in the middle of a table a page break split,
footnote bodies printed between two halves of the rows, and a row label wrapped onto a line of its
own. Tables are claimed in document order, so a table never takes rows another caption already owns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sinoscope.documents import lines as L
from sinoscope.documents.dates import small_numeral
from sinoscope.documents.lines import Line


@dataclass
class TableRegion:
    caption_index: int | None
    kind: str
    """"table" or "figure"."""
    label: str
    caption: str
    caption_lines: list[int] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    position: str = "none"

    def all_lines(self) -> list[int]:
        return sorted({*self.caption_lines, *self.rows, *self.notes})


def caption_kind(text: str) -> tuple[str, str, str] | None:
    """("table" | "figure", label "4-4", title) for a caption line."""
    m = L.caption_match(text)
    if m is None:
        return None
    kind = "table" if m.group("kind") in ("Table", "TABLE", "表") else "figure"
    label = "".join(m.group("label").split()).replace("–", "-").replace(".", "-")
    if not label[0].isascii() and (n := small_numeral(label)) is not None:
        label = str(n)  # 表三 is table 3: the anchor reads the same as for "表3"
    return kind, label, m.group("title")


def find_tables(lines: list[Line], blocked: set[int]) -> list[TableRegion]:
    """Captioned tables and figures, then runs of tab rows with no caption. `blocked` lines are off limits
    (headings, the table of contents)."""
    claimed: set[int] = set(blocked)
    regions: list[TableRegion] = []
    captions = [(ln, found) for ln in lines if ln.index not in blocked and (found := caption_kind(ln.text))]
    caption_lines = {ln.index for ln, _ in captions}
    for ln, (kind, label, _title) in captions:
        region = TableRegion(ln.index, kind, label, "", caption_lines=[ln.index])
        claimed.add(ln.index)
        if kind == "table":
            _gather_table(lines, region, claimed, caption_lines)
        else:
            region.notes = _trailing_notes(lines, ln.index + 1, claimed, caption_lines)
        region.caption = L.clean_caption(" ".join(lines[i].text for i in region.caption_lines))
        regions.append(region)
        claimed.update(region.all_lines())
    regions.extend(_uncaptioned(lines, claimed))
    return sorted(regions, key=lambda r: min(r.all_lines()))


def _gather_table(lines: list[Line], region: TableRegion, claimed: set[int], captions: set[int]) -> None:
    c = region.caption_index
    assert c is not None
    # A caption wrapped onto the next line (no blank between), e.g. "Commission\t".
    j = c + 1
    while j < len(lines) and not lines[j].blank and not L.is_row(lines[j].text) and _plain(lines[j]):
        if L.is_note(lines[j].text) or len(lines[j].text) > 120:
            break
        region.caption_lines.append(j)
        j += 1
    after_notes, after_rows, after_end = _scan_forward(lines, j, claimed, captions)
    before_rows, before_notes = _scan_backward(lines, c - 1, claimed)
    if before_rows and after_rows and _next_is_caption(lines, after_end, captions):
        after_rows, after_notes = [], []  # those rows belong to the next caption, printed below them
    if not before_rows and not after_rows:
        after_rows = _list_rows(lines, j, claimed, captions)
        if not after_rows:
            region.notes = after_notes
            return
        after_end = after_rows[-1] + 1
    region.rows = before_rows + after_rows
    region.notes = before_notes + after_notes
    region.position = "above" if not before_rows else "below"
    trailing_start = after_end if after_rows else max(region.caption_lines) + 1
    region.notes += [i for i in _trailing_notes(lines, trailing_start, claimed, captions) if i not in region.notes]


def _list_rows(lines: list[Line], j: int, claimed: set[int], captions: set[int], limit: int = 40) -> list[int]:
    """A table printed as one entry per line with no tabs, closed by its "Source:" line."""
    rows: list[int] = []
    while j < len(lines) and j not in claimed and j not in captions and len(rows) <= limit:
        line = lines[j]
        if line.blank:
            j += 1
            continue
        if L.is_note_prefix(line.text):
            return rows if len(rows) >= 2 else []
        if not _plain(line) or L.SECTION.match(line.text) or len(line.text) > 400:
            return []
        rows.append(j)
        j += 1
    return []


def _plain(line: Line) -> bool:
    return not (L.FOOTNOTE_BODY.match(line.text) or L.caption_match(line.text))


def _next_content(lines: list[Line], j: int) -> int | None:
    while j < len(lines) and lines[j].blank:
        j += 1
    return j if j < len(lines) else None


def _next_is_caption(lines: list[Line], j: int, captions: set[int]) -> bool:
    while j < len(lines):
        if lines[j].blank or L.is_note(lines[j].text):
            j += 1
            continue
        return j in captions
    return False


def _is_table_row(line: Line) -> bool:
    """Tab-separated cells; a lone cell with a stray tab counts too when short (a group label row)."""
    if not line.has_tab or L.is_note_prefix(line.text):
        return False
    return L.is_row(line.text) or (bool(L.cells(line.text)) and len(line.text.strip()) <= 120)


def _scan_forward(lines: list[Line], j: int, claimed: set[int], captions: set[int]) -> tuple[list[int], list[int], int]:
    """Unit/note lines right after the caption, then the rows; returns (notes, rows, index after rows)."""
    notes: list[int] = []
    while j < len(lines) and (lines[j].blank or (L.is_note(lines[j].text) and not lines[j].has_tab)):
        if not lines[j].blank:
            if L.is_note_prefix(lines[j].text):
                break  # "Source:" right after a caption closes a table printed above it
            notes.append(j)
        j += 1
    rows: list[int] = []
    end = j
    while j < len(lines) and j not in claimed and j not in captions:
        line = lines[j]
        if line.blank:
            j += 1
            continue
        if _is_table_row(line):
            rows.append(j)
            j += 1
            end = j
            continue
        nxt = _skip_to_row(lines, j, claimed, captions)
        if rows and nxt is not None:
            # Footnote bodies printed between two halves, or a wrapped label on a line of its own.
            rows.extend(i for i in range(j, nxt) if not lines[i].blank and not L.FOOTNOTE_BODY.match(lines[i].text))
            j = nxt
            continue
        break
    return notes, rows, end


def _skip_to_row(lines: list[Line], j: int, claimed: set[int], captions: set[int]) -> int | None:
    """Index of the next row when only footnote bodies or at most two short loose lines come first."""
    loose = 0
    while j < len(lines) and j not in claimed and j not in captions:
        line = lines[j]
        if line.blank:
            j += 1
            continue
        if _is_table_row(line):
            return j
        if L.FOOTNOTE_BODY.match(line.text):
            j += 1
            continue
        if L.is_note_prefix(line.text) or loose >= 2 or L.SECTION.match(line.text):
            return None
        loose += 1
        j += 1
    return None


def _scan_backward(lines: list[Line], j: int, claimed: set[int]) -> tuple[list[int], list[int]]:
    """Rows printed above a caption (and a "Note:" between them), nearest first reversed into order."""
    rows: list[int] = []
    notes: list[int] = []
    while j >= 0 and j not in claimed:
        line = lines[j]
        if line.blank:
            j -= 1
            continue
        if L.is_note_prefix(line.text) and not rows:
            notes.append(j)
            j -= 1
            continue
        if _is_table_row(line):
            rows.append(j)
            j -= 1
            continue
        if rows and L.FOOTNOTE_BODY.match(line.text):
            k = j - 1
            while k >= 0 and (lines[k].blank or L.FOOTNOTE_BODY.match(lines[k].text)):
                k -= 1
            if k >= 0 and k not in claimed and _is_table_row(lines[k]):
                j = k
                continue
        break
    return rows[::-1], notes[::-1]


def _trailing_notes(lines: list[Line], j: int, claimed: set[int], captions: set[int]) -> list[int]:
    """ "Source: ..." and "(Prepared by ...)" lines after a table, with their wrapped continuations."""
    out: list[int] = []
    continuing = False
    while j < len(lines) and j not in claimed and j not in captions:
        line = lines[j]
        if line.blank:
            j += 1
            continue
        if L.is_note(line.text):
            out.append(j)
            continuing = not L.ends_sentence(line.text)
            j += 1
            continue
        if continuing and len(line.text) < 200 and _plain(line) and not L.SECTION.match(line.text):
            out.append(j)
            continuing = not L.ends_sentence(line.text)
            j += 1
            continue
        break
    return out


def _uncaptioned(lines: list[Line], claimed: set[int]) -> list[TableRegion]:
    """Runs of at least two tab rows that no caption claimed (author lists, unlabelled grids)."""
    out: list[TableRegion] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(TableRegion(None, "table", "", "", rows=list(run)))
        run.clear()

    for line in lines:
        if line.index in claimed:
            flush()
            continue
        if line.blank:
            continue
        if _is_table_row(line):
            run.append(line.index)
        else:
            flush()
    flush()
    return out
