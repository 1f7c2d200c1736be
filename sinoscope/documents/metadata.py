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

Pure functions over text: the ingest pipeline calls `extract_metadata` and stores the result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml  # type: ignore[import-untyped]

from sinoscope.sources.model import SourceFormat, SourceText

TITLE_BLOCK_LINES = 40
"""Non-blank lines at the top that may hold the title block (pkulaw headers, cover notice, signature)."""
TITLE_BLOCK_CHARS = 50_000
"""The title block lies within this many characters of the start (bounds the work on a hostile file)."""
SELF_REFERENCE_CHARS = 3_000
"""How far into the text a "YYYY年工作回顾" heading still counts as the report's opening review."""
MAX_TITLE_CHARS = 200

_SPACE = re.compile(r"[\s\u3000]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_HAN_PAD = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])")

_BOILERPLATE = re.compile(
    r"^(?:【[^】]{1,20}】|原文链接|来源[:：]|https?://|www\.|\[?\d+\]?$|第?\s*\d+\s*页|page \d+)", re.I
)
_DOC_NUMBER = re.compile(r"[\u3400-\u9fff]{1,12}\s*[〔［\[（(]\s*((?:19|20)\d\d)\s*[〕］\]）)]\s*第?\s*\d{1,4}\s*号")
_DOC_NUMBER_LINE = re.compile(rf"^[（(]?\s*(?P<num>{_DOC_NUMBER.pattern})\s*[）)]?$")
_ZH_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_ZH_DATE_LINE = re.compile(rf"^{_ZH_DATE.pattern}$")
_SUBTITLE = re.compile(rf"^[—\-－]{{1,3}}\s*{_ZH_DATE.pattern}\s*在(?P<occasion>.+?)上")
_ADDRESSEE = re.compile(r"[:：]$")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百\d]+[章节部分条]|\d+[.．、])"
)
_TRANSMITTAL = re.compile(r"(?:印发|转发|发布|颁布)(?P<inner>.*?)的?(?:通知|决定|公告)$")
_BOOK_TITLE = re.compile(r"《(?P<t>[^《》]+)》")
_ISSUER_FROM_TITLE = re.compile(r"^(?P<who>.{2,40}?)(?:关于|印发|转发)")
_SENTENCE_END = re.compile(r"[。；;！!？?，,]$")
_JUNK_READER_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel) - |untitled\b|(?:document|presentation|slide)\s*\d*$"
    r"|\S+\.(?:docx?|pdf|html?)$)",
    re.I,
)
_SELF_REVIEW = re.compile(r"((?:19|20)\d\d)\s*年(?:的)?(?:政府)?工作(?:回顾|总结)")
_PUBLISHED_LABEL = re.compile(
    r"^(?:发布日期|发布时间|成文日期|印发日期|公布日期|发文日期|published(?: on)?|date(?: of publication)?|"
    r"issued(?: on)?|updated(?: on)?)\s*[:：]?\s*(?P<rest>.+)$",
    re.I,
)
_MANUSCRIPT_LABEL = re.compile(
    r"(?:(?:修改稿收到日期|收稿日期|收到日期|修回日期)\s*[:：]|\b(?:received|revised|accepted)\b\s*[:：]?)\s*(?P<rest>.+)$",
    re.I,
)

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_EN_DATES = (
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)$", re.I),
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)$", re.I),
    re.compile(rf"^{_MONTH},?\s+(?P<year>(?:19|20)\d\d)$", re.I),
    re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[ T].*)?$"),
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


@dataclass(frozen=True)
class _Line:
    index: int
    text: str


# -- helpers --------------------------------------------------------------------------------------------


def clean_line(text: str) -> str:
    """Collapse whitespace; drop the full-width padding inside Han names ("李　强" → "李强")."""
    return _SPACE.sub(" ", _HAN_PAD.sub("", text)).strip()


def detect_lang(text: str) -> str | None:
    """ "zh" when Han characters carry the text, "en" when Latin letters do; None for neither.

    One Han character carries about a word, so it is weighed against a quarter of the Latin letters.
    """
    sample = text[:50_000]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    if han == 0 and latin == 0:
        return None
    return "zh" if han * 4 >= latin else "en"


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO text at the precision given, or None for an impossible date."""
    try:
        if month is None:
            return f"{year:04d}"
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_zh_date(text: str) -> str | None:
    m = _ZH_DATE.search(text)
    if not m:
        return None
    return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)


def parse_en_date(text: str) -> str | None:
    """A line that is only a date: "March 5, 2021", "5 March 2021", "MARCH 2021", "2021-03-05"."""
    s = text.strip().rstrip(".")
    for pattern in _EN_DATES:
        m = pattern.match(s)
        if not m:
            continue
        parts = m.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
        day = int(parts["day"]) if parts.get("day") else None
        return iso_date(int(parts["year"]), month, day)
    return None


def leading_date(text: str) -> str | None:
    """A date at the start of `text` (what follows a label such as "发布日期：" or "Received")."""
    s = text.strip()
    zh = _ZH_DATE.match(s)
    if zh:
        return iso_date(int(zh.group(1)), int(zh.group(2)), int(zh.group(3)) if zh.group(3) else None)
    for end in (m.end() for m in re.finditer(r"(?:\d{4}|\d{1,2}(?=\D|$))", s[:40])):
        when = parse_en_date(s[:end])
        if when:
            return when
    return None


def date_line(text: str) -> str | None:
    """The date when the whole line is one (Chinese or English), else None."""
    s = clean_line(text).replace(" ", "")
    m = _ZH_DATE_LINE.match(s)
    if m:
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    return parse_en_date(clean_line(text))


def is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE.match(text.strip()))


def doc_number_line(text: str) -> str | None:
    m = _DOC_NUMBER_LINE.match(clean_line(text))
    return _SPACE.sub("", m.group("num")) if m else None


def _is_sentence(s: str) -> bool:
    """Body text, not a title: ends like a Chinese clause, or is a long English sentence ending in "."."""
    return bool(_SENTENCE_END.search(s)) or (s.endswith(".") and len(s.split()) > 12)


def _bracket_free(text: str) -> str:
    return re.sub(r"[《》〈〉<>()（）\[\]“”\"'\s\u3000]", "", text)


# -- front matter ---------------------------------------------------------------------------------------

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
MAX_FRONT_MATTER_DEPTH = 20
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
            out[key.strip().lower()] = text[:MAX_TITLE_CHARS * 5]
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


def _front_date(value: str) -> str | None:
    m = re.match(r"^((?:19|20)\d\d)(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if m:
        return iso_date(
            int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None
        )
    return parse_en_date(value) or parse_zh_date(value)


# -- the title block ------------------------------------------------------------------------------------


@dataclass
class _Block:
    title: str | None = None
    title_source: str = "fallback"
    date: str | None = None
    date_source: str | None = None
    issuer: str | None = None
    doc_number: str | None = None


def _top_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for i, raw in enumerate(text[:TITLE_BLOCK_CHARS].splitlines()):
        s = clean_line(raw[:TITLE_BLOCK_CHARS // 10])
        if s:
            out.append(_Line(i, s))
            if len(out) >= TITLE_BLOCK_LINES:
                break
    return out


def _is_title_line(s: str) -> bool:
    return (
        len(s) <= MAX_TITLE_CHARS
        and not is_boilerplate(s)
        and date_line(s) is None
        and doc_number_line(s) is None
        and not _ADDRESSEE.search(s)
        and not _HEADING.match(s)
        and not _is_sentence(s)
        and not _SUBTITLE.match(s)
        and _PUBLISHED_LABEL.match(s) is None
        and _MANUSCRIPT_LABEL.search(s) is None
    )


def _first_title(lines: list[_Line]) -> tuple[int, str] | None:
    """The first line that can be a title, unless the body (an addressee, a heading) comes first."""
    for pos, ln in enumerate(lines):
        s = ln.text
        if is_boilerplate(s) or date_line(s) or doc_number_line(s):
            continue
        if _ADDRESSEE.search(s) or _HEADING.match(s) or _is_sentence(s) or len(s) > MAX_TITLE_CHARS:
            return None
        if _PUBLISHED_LABEL.match(s) or _MANUSCRIPT_LABEL.search(s):
            continue
        return pos, s
    return None


_ZH_CONTINUED = re.compile(r"(?:关于|印发|转发|的|和|与|及|、|（|《|暨|推进|加快|进一步)$")
_ZH_DOC_KIND = re.compile(r"(?:通知|意见|办法|方案|规划|决定|报告|纲要|计划|细则|规定|条例|公告|通告|批复|指南|标准)$")
_EN_CONTINUED = re.compile(r"(?:\b(?:and|of|the|for|in|on|to|with|a|an)|[:—–-])$", re.I)
MAX_TITLE_LINES = 3


def _continues(title: str, nxt: _Line, prev: _Line) -> bool:
    """Whether `nxt` carries on a title wrapped over lines (Chinese cover titles are often set on two or
    three lines: "国务院关于印发" / "…行动计划的通知"; English ones wrap mid-phrase)."""
    s = nxt.text
    if nxt.index != prev.index + 1 or s == prev.text or len(s) > 80 or not _is_title_line(s):
        return False
    if _HAN.search(title[-1:]) or _HAN.search(s[:1]):
        return bool(_ZH_CONTINUED.search(title)) or (
            bool(_ZH_DOC_KIND.search(s)) and not _ZH_DOC_KIND.search(title)
        )
    return s[:1].islower() or bool(_EN_CONTINUED.search(title))


def _join_wrapped(lines: list[_Line], pos: int) -> tuple[int, str]:
    """The title starting at line `pos`, with its continuation lines; and the last line it uses."""
    title = lines[pos].text
    used = 1
    while pos + 1 < len(lines) and used < MAX_TITLE_LINES and _continues(title, lines[pos + 1], lines[pos]):
        nxt = lines[pos + 1].text
        joiner = "" if _HAN.search(title[-1:]) or _HAN.search(nxt[:1]) else " "
        title, pos, used = title + joiner + nxt, pos + 1, used + 1
    return pos, title


def _enclosed_title(lines: list[_Line], notice: str, after: int) -> str | None:
    """The document a transmittal notice ("关于印发《X》的通知") covers: the title line printed after the
    notice's signature (issuer and date lines), when the notice names it; else the 《X》 it names."""
    m = _TRANSMITTAL.search(notice)
    if not m:
        return None
    named = _bracket_free(m.group("inner"))
    seen_date = False
    for pos in range(after + 1, len(lines)):
        ln = lines[pos]
        if date_line(ln.text):
            seen_date = True
            continue
        if seen_date and _is_title_line(ln.text) and len(_bracket_free(ln.text)) >= 4:
            title = _join_wrapped(lines, pos)[1]
            if _bracket_free(title) in named or named in _bracket_free(title):
                return title
            break
    book = _BOOK_TITLE.search(m.group("inner"))
    return book.group("t").strip() if book else None


def _signature_issuer(lines: list[_Line], date_pos: int) -> str | None:
    """The line just above an issue-date line, when it reads as a name (short, no sentence punctuation)."""
    if date_pos <= 0:
        return None
    s = lines[date_pos - 1].text
    if len(s) <= 60 and _is_title_line(s) and not _TRANSMITTAL.search(s):
        return s
    return None


def _speaker(lines: list[_Line], subtitle_pos: int) -> str | None:
    """A speech's speaker: the short lines between its dated subtitle and the addressee ("各位代表：")."""
    names: list[str] = []
    for ln in lines[subtitle_pos + 1 : subtitle_pos + 4]:
        if _ADDRESSEE.search(ln.text) or not _is_title_line(ln.text) or len(ln.text) > 30:
            break
        names.append(ln.text)
    return " ".join(names) or None


def read_title_block(text: str) -> _Block:
    """Title, dates, issuer and 文号 from the top of the text (see the module docstring)."""
    lines = _top_lines(text)
    out = _Block()
    first = _first_title(lines)
    if first is not None:
        pos, title = _join_wrapped(lines, first[0])
        out.title, out.title_source = title, "title-block"
        enclosed = _enclosed_title(lines, title, pos)
        if enclosed:
            out.title, out.title_source = enclosed, "enclosed-document"
        who = _ISSUER_FROM_TITLE.match(title)
        if who:
            out.issuer = who.group("who")
    _scan_block_lines(lines, out)
    return out


def _scan_block_lines(lines: list[_Line], out: _Block) -> None:
    for pos, ln in enumerate(lines):
        s = ln.text
        sub = _SUBTITLE.match(s)
        if sub and out.date is None:
            out.date = iso_date(int(sub.group(1)), int(sub.group(2)), int(sub.group(3)) if sub.group(3) else None)
            out.date_source = "subtitle"
            out.issuer = _speaker(lines, pos) or out.issuer
            continue
        number = doc_number_line(s)
        if number and out.doc_number is None:
            out.doc_number = number
            continue
        when = date_line(s)
        if when and out.date is None:
            out.date, out.date_source = when, "date-line"
            out.issuer = _signature_issuer(lines, pos) or out.issuer
            continue
        _labelled_date(s, out)


def _labelled_date(s: str, out: _Block) -> None:
    if out.date is not None:
        return
    pub = _PUBLISHED_LABEL.match(s)
    if pub:
        when = leading_date(pub.group("rest"))
        if when:
            out.date, out.date_source = when, "date-line"
        return
    ms = _MANUSCRIPT_LABEL.search(s)
    if ms:
        when = leading_date(ms.group("rest"))
        if when:
            # A manuscript date dates the writing, not the issue: keep the year only.
            out.date, out.date_source = when[:4], "manuscript-date"


# -- self-reference -------------------------------------------------------------------------------------


def self_reference_year(text: str) -> str | None:
    """The year a report is of, from a short opening line reviewing the previous year's work.

    Only a heading-like line (short, near the top) counts: "一、2024年工作回顾" → "2025". Targets ("到2025年")
    and years in sentences say nothing about when the text was written.
    """
    for raw in text[:SELF_REFERENCE_CHARS].splitlines():
        s = clean_line(raw)
        if len(s) > 30:
            continue
        m = _SELF_REVIEW.search(s)
        if m:
            return str(int(m.group(1)) + 1)
    return None


# -- putting it together --------------------------------------------------------------------------------


def _reader_title_wins(shown: str, block_title: str | None) -> bool:
    """The file's own title field, unless it is junk ("Microsoft Word - x.docx") or the title block's title
    plus a site name ("X | Site", "X_网站": the text's own title is then inside it)."""
    if not shown or not _is_title_line(shown) or _JUNK_READER_TITLE.match(shown):
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
    front_when = _front_date(front.get("date", "")) if front.get("date") else None
    if front_when:
        date, date_source = front_when, "front-matter"
    if date is None and block.doc_number:
        m = _DOC_NUMBER.search(block.doc_number)
        if m:
            date, date_source = m.group(1), "doc-number"
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

_ISO_OPTION = re.compile(r"^((?:19|20)\d\d)(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
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


def normalize_date_option(text: str) -> str:
    """ "2024", "2024-3", "2024-03-05" (or "2024年3月5日", "March 5, 2024") → ISO; ValueError otherwise."""
    s = text.strip()
    m = _ISO_OPTION.match(s)
    when = (
        iso_date(int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None)
        if m
        else date_line(s)
    )
    if when is None:
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return when


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

FRONT_MATTER_BYTES = 64_000
READER_TITLE_FORMATS = frozenset({SourceFormat.HTML, SourceFormat.PDF, SourceFormat.DOCX})
"""Formats whose reader takes the title from the file's own metadata (for text and Markdown the reader
only guesses the first line, which the title block reads better)."""


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


def describe_document(
    source: SourceText, *, fallback_title: str = "", overrides: MetadataOverrides | None = None
) -> DocumentMetadata:
    """Everything `extract_metadata` finds in a read file, then what the user set on the command line."""
    reader_title = source.title if source.format in READER_TITLE_FORMATS else None
    meta = extract_metadata(source.text, reader_title=reader_title, front=read_front_matter(source))
    meta = dataclasses.replace(meta, fallback_title=fallback_title)
    return apply_overrides(meta, overrides) if overrides else meta
