"""Citation anchors: short, human-readable and stable across re-ingestion.

Grammar (doc id, "#", then one of):
  "4"                 chapter 4 heading        "4.1.4"          section heading
  "4.1.4¶3"           3rd paragraph/list item of section 4.1.4 (or of chapter 4 before its first section: "4¶3")
  "front¶2"           2nd paragraph before the first chapter
  "0/1.1¶2"           a section numbered on its own inside unnumbered chapter 0 (a Prologue's "1.1")
  "table-4-4"         the table printed as "Table 4-4" (a repeated label gets "-b", "-c"...)
  "figure-4-1"        a figure caption
  "fn-4.7"            footnote 7 of chapter 4 ("fn-front.1" before the first chapter)
Anchors depend only on the text, never on database ids, so the same file always yields the same anchors.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NUMERIC_PREFIX = re.compile(r"^(\d+)[_\-. ]")
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def doc_id_for(filename: str) -> str:
    """The preferred id: "000_c58473dc50c16cb9.txt" → "000"; "Annual Report 2023.pdf" → "annual-report-2023".

    Only a preference: ingestion gives a file this id when it is free (or already the file's), and
    otherwise `slug_for` and then a numbered suffix (`free_doc_id`), so two files never share an id.
    """
    m = _NUMERIC_PREFIX.match(filename)
    if m:
        return m.group(1)
    return slug_for(filename)


def slug_for(filename: str) -> str:
    """The whole file name as an id: "2023_plan.txt" → "2023-plan" (non-ASCII names give "doc")."""
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    slug = _SLUG_STRIP.sub("-", stem.lower()).strip("-")
    return slug[:60].strip("-") or "doc"


def free_doc_id(filename: str, taken: Callable[[str], bool]) -> str:
    """The first id for `filename` that is not `taken`: the preferred one, the whole-name slug, then
    the slug with "-2", "-3"... ("2023_a.txt" and "2023_b.txt" → "2023" and "2023-b")."""
    for candidate in (doc_id_for(filename), slug_for(filename)):
        if not taken(candidate):
            return candidate
    base = slug_for(filename)
    n = 2
    while taken(f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"


def section_key(chapter: str | None, section: str | None) -> str:
    """The part of an anchor naming where a block lives."""
    if chapter is None:
        return "front"
    if section is None:
        return chapter
    if section == chapter or section.startswith(chapter + "."):
        return section
    return f"{chapter}/{section}"


def paragraph_anchor(doc_id: str, chapter: str | None, section: str | None, n: int) -> str:
    return f"{doc_id}#{section_key(chapter, section)}¶{n}"


def heading_anchor(doc_id: str, chapter: str, section: str | None) -> str:
    return f"{doc_id}#{section_key(chapter, section)}"


def labelled_anchor(doc_id: str, kind: str, label: str, taken: set[str]) -> str:
    """ "table"/"figure" + "4-4" → "000#table-4-4", suffixing "-b", "-c"... when a label repeats."""
    base = f"{doc_id}#{kind}-{label}" if label else f"{doc_id}#{kind}"
    anchor, i = base, 1
    while anchor in taken:
        anchor = f"{base}-{chr(ord('a') + i)}"
        i += 1
    return anchor


def footnote_anchor(doc_id: str, chapter: str | None, marker: str) -> str:
    return f"{doc_id}#fn-{chapter if chapter is not None else 'front'}.{marker}"


ANCHOR_RE = re.compile(r"^(?P<doc>[a-z0-9][a-z0-9\-]*)#(?P<ref>\S+)$")


def split_anchor(anchor: str) -> tuple[str, str] | None:
    m = ANCHOR_RE.match(anchor)
    return (m.group("doc"), m.group("ref")) if m else None
