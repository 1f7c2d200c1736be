"""Document metadata — title, issuer, date, document number (文号), language — from what a file carries.

Sources are tried from the most to the least explicit, and every value says where it came from
(`title_source`, `date_source`), because later stages resolve "今年"/"last year" against the date and
must know how far to trust it:

1. front matter (YAML between `---` lines at the top of a Markdown file: `title`, `date`, `author`, ...);
2. the reader's title (HTML <title>, PDF metadata, a Markdown front-matter title);
3. the title block of the text itself. Chinese official documents open with title line(s), an optional
   speech subtitle ("——2024年3月5日在…会议上"), a speaker or issuer line, a 文号 line ("国发〔2015〕28号")
   and an issue-date line; a transmittal notice ("关于印发《X》的通知") is a cover whose document is X.
   Legal-database boilerplate ("【法宝引证码】…", "原文链接：…") is skipped; a line that is only a date
   ("MARCH 2021", "2022年4月14日") is a date, never a title;
4. what the text says of itself, conservatively: a report whose opening part reviews "2024年工作" is of
   2025 (year only). A plan's horizon ("到2025年") is never its date, and ingest time never is either.

Pure functions over text, in small modules: `title_block` (3–4), `front_matter` (1), `dates` (dates as
printed → ISO). The ingest pipeline calls `describe_document` and stores the result.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sinoscope.documents.dates import any_date, normalize_date_option
from sinoscope.documents.front_matter import read_front_matter
from sinoscope.documents.title_block import (
    HAN,
    MAX_TITLE_CHARS,
    clean_line,
    doc_number_year,
    is_title_line,
    read_title_block,
    self_reference_year,
)
from sinoscope.sources.model import SourceFormat, SourceText

_LATIN = re.compile(r"[A-Za-z]")
_JUNK_READER_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel) - |untitled\b|(?:document|presentation|slide)\s*\d*$"
    r"|\S+\.(?:docx?|pdf|html?)$)",
    re.I,
)


@dataclass(frozen=True)
class DocumentMetadata:
    title: str | None = None
    title_source: str = "fallback"
    date: str | None = None
    date_source: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    lang: str | None = None
    author: str | None = None

    fallback_title: str = ""
    """What to show when the file carries no title (its file name); never stored as "title"."""

    @property
    def title_or_fallback(self) -> str:
        return (self.title or self.fallback_title or "untitled")[:MAX_TITLE_CHARS]

    def as_dict(self) -> dict[str, str]:
        """The `Document.metadata` contract: only keys with a value ("title" absent = no real title)."""
        pairs = {
            "title": self.title,
            "title_source": self.title_source,
            "date": self.date,
            "date_source": self.date_source if self.date else None,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "lang": self.lang,
            "author": self.author,
        }
        return {k: v for k, v in pairs.items() if v}


def detect_lang(text: str) -> str | None:
    """ "zh" when Han characters carry the text, "en" when Latin letters do; None for neither.

    One Han character carries about a word, so it is weighed against a quarter of the Latin letters.
    """
    sample = text[:50_000]
    han = len(HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    if han == 0 and latin == 0:
        return None
    return "zh" if han * 4 >= latin else "en"


def _reader_title_wins(shown: str, block_title: str | None) -> bool:
    """The file's own title field, unless it is junk ("Microsoft Word - x.docx") or the title block's title
    plus a site name ("X | Site", "X_网站": the text's own title is then inside it)."""
    if not shown or not is_title_line(shown) or _JUNK_READER_TITLE.match(shown):
        return False
    return not (block_title and len(block_title) >= 4 and block_title != shown and block_title in shown)


def extract_metadata(
    text: str,
    *,
    reader_title: str | None = None,
    front: Mapping[str, str] | None = None,
) -> DocumentMetadata:
    """Metadata from the front matter, the reader's title, the title block and the text's self-reference."""
    front = front or {}
    block = read_title_block(text)
    title, title_source = block.title, block.title_source
    shown = clean_line(reader_title or "")
    if _reader_title_wins(shown, title):
        title, title_source = shown, "reader"
    if front.get("title"):
        title, title_source = clean_line(front["title"]), "front-matter"
    date, date_source = block.date, block.date_source
    front_when = any_date(front["date"]) if front.get("date") else None
    if front_when:
        date, date_source = front_when, "front-matter"
    if date is None and block.doc_number:
        year = doc_number_year(block.doc_number)
        if year:
            date, date_source = year, "doc-number"
    if date is None:
        year = self_reference_year(text)
        if year:
            date, date_source = year, "self-reference"
    lang = (front.get("lang") or front.get("language") or "").lower()[:2] or detect_lang(text)
    issuer = front.get("publisher") or front.get("issuer") or front.get("organization") or block.issuer
    author = front.get("author") or front.get("authors")
    return DocumentMetadata(
        title=title[:MAX_TITLE_CHARS] if title else None,
        title_source=title_source if title else "fallback",
        date=date,
        date_source=date_source if date else None,
        issuer=issuer,
        doc_number=block.doc_number,
        lang=lang or None,
        author=author,
    )


# -- values the user sets at ingest ---------------------------------------------------------------------

_LANG_OPTION = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")


@dataclass(frozen=True)
class MetadataOverrides:
    """`ingest --title/--date/--lang/--issuer`: what the user knows and the file does not say."""

    title: str | None = None
    date: str | None = None
    lang: str | None = None
    issuer: str | None = None

    def __bool__(self) -> bool:
        return any((self.title, self.date, self.lang, self.issuer))


def normalize_lang_option(text: str) -> str:
    s = text.strip().lower()
    if not _LANG_OPTION.match(s):
        raise ValueError(f"{text!r} is not a language code (e.g. zh, en)")
    return s


def apply_overrides(meta: DocumentMetadata, overrides: MetadataOverrides) -> DocumentMetadata:
    changes: dict[str, Any] = {}
    if overrides.title:
        changes.update(title=clean_line(overrides.title), title_source="cli")
    if overrides.date:
        changes.update(date=normalize_date_option(overrides.date), date_source="cli")
    if overrides.lang:
        changes["lang"] = normalize_lang_option(overrides.lang)
    if overrides.issuer:
        changes["issuer"] = clean_line(overrides.issuer)
    return dataclasses.replace(meta, **changes) if changes else meta


# -- from a read file -----------------------------------------------------------------------------------

READER_TITLE_FORMATS = frozenset({SourceFormat.HTML, SourceFormat.PDF, SourceFormat.DOCX})
"""Formats whose reader takes the title from the file's own metadata (for text and Markdown the reader
only guesses the first line, which the title block reads better)."""


def describe_document(
    source: SourceText, *, fallback_title: str = "", overrides: MetadataOverrides | None = None
) -> DocumentMetadata:
    """Everything `extract_metadata` finds in a read file, then what the user set on the command line."""
    reader_title = source.title if source.format in READER_TITLE_FORMATS else None
    meta = extract_metadata(source.text, reader_title=reader_title, front=read_front_matter(source))
    meta = dataclasses.replace(meta, fallback_title=fallback_title)
    return apply_overrides(meta, overrides) if overrides else meta
