"""The title block at the top of a document: title line(s), dated subtitle, issuer or speaker, 文号 and
issue date; and the year a report's opening review implies.

Classes of documents served:
- Chinese official documents: a title (possibly wrapped over lines), the 文号 line ("国发〔2015〕28号"), the
  addressee ("各省…："), and a signature (issuer line, then the issue date "2022年4月14日"). A transmittal
  notice ("…关于印发《X》的通知") is a cover: the document is X, printed again after the signature.
- Speeches and work reports: title, a subtitle "——2024年3月5日在…会议上", the speaker's lines, "各位代表：".
- Legal-database exports: "【法宝引证码】…" / "原文链接：…" lines before the title, the title printed twice.
- English reports: a title, a date line ("MARCH 2021", "5 March 2021", "Published: …"); a date line is
  never a title.
- Journal articles: a manuscript date ("收稿日期：…", "Received …") gives the year only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinoscope.documents.dates import ZH_DATE, date_line, iso_date, leading_date

TITLE_BLOCK_LINES = 40
"""Non-blank lines at the top that may hold the title block (database headers, cover notice, signature)."""
TITLE_BLOCK_CHARS = 50_000
"""The title block lies within this many characters of the start (bounds the work on a hostile file)."""
SELF_REFERENCE_CHARS = 3_000
"""How far into the text a "YYYY年工作回顾" heading still counts as the report's opening review."""
MAX_TITLE_CHARS = 200
MAX_TITLE_LINES = 3

_SPACE = re.compile(r"[\s\u3000]+")
HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_PAD = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])")

_BOILERPLATE = re.compile(
    r"^(?:【[^】]{1,20}】|原文链接|来源[:：]|https?://|www\.|\[?\d+\]?$|第?\s*\d+\s*页|page \d+)", re.I
)
DOC_NUMBER = re.compile(r"[\u3400-\u9fff]{1,12}\s*[〔［\[（(]\s*((?:19|20)\d\d)\s*[〕］\]）)]\s*第?\s*\d{1,4}\s*号")
_DOC_NUMBER_LINE = re.compile(rf"^[（(]?\s*(?P<num>{DOC_NUMBER.pattern})\s*[）)]?$")
_SUBTITLE = re.compile(rf"^[—\-－]{{1,3}}\s*{ZH_DATE.pattern}\s*在(?P<occasion>.+?)上")
_ADDRESSEE = re.compile(r"[:：]$")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百\d]+[章节部分条]|\d+[.．、])"
)
_TRANSMITTAL = re.compile(r"(?:印发|转发|发布|颁布)(?P<inner>.*?)的?(?:通知|决定|公告)$")
_BOOK_TITLE = re.compile(r"《(?P<t>[^《》]+)》")
_ISSUER_FROM_TITLE = re.compile(r"^(?P<who>.{2,40}?)(?:关于|印发|转发)")
_SENTENCE_END = re.compile(r"[。；;！!？?，,]$")
_SELF_REVIEW = re.compile(r"((?:19|20)\d\d)\s*年(?:的)?(?:政府)?工作(?:回顾|总结)")
_PUBLISHED_LABEL = re.compile(
    r"^(?:发布日期|发布时间|成文日期|印发日期|公布日期|发文日期|(?:first )?published(?: on)?|date(?: of publication)?|"
    r"publication date|release date|released(?: on)?|issued(?: on)?|updated(?: on)?)\s*[:：]?\s*(?P<rest>.+)$",
    re.I,
)
_MANUSCRIPT_LABEL = re.compile(
    r"(?:(?:修改稿收到日期|收稿日期|收到日期|修回日期)\s*[:：]|\b(?:received|revised|accepted)\b\s*[:：]?)\s*(?P<rest>.+)$",
    re.I,
)
_SECTION_NAME = re.compile(
    r"^(?:(?:table of )?contents|executive summary|summary|abstract|introduction|foreword|preface|"
    r"acknowledge?ments|目\s*录|摘\s*要|前\s*言|引\s*言|序\s*言)[\s.:：]*$",
    re.I,
)
_ZH_CONTINUED = re.compile(r"(?:关于|印发|转发|的|和|与|及|、|（|《|暨|推进|加快|进一步)$")
_ZH_DOC_KIND = re.compile(r"(?:通知|意见|办法|方案|规划|决定|报告|纲要|计划|细则|规定|条例|公告|通告|批复|指南|标准)$")
_EN_CONTINUED = re.compile(r"(?:\b(?:and|of|the|for|in|on|to|with|a|an)|[:—–-])$", re.I)


@dataclass(frozen=True)
class _Line:
    index: int
    text: str


@dataclass
class TitleBlock:
    title: str | None = None
    title_source: str = "fallback"
    date: str | None = None
    date_source: str | None = None
    issuer: str | None = None
    doc_number: str | None = None


def clean_line(text: str) -> str:
    """Collapse whitespace; drop the full-width padding inside Han names ("李　强" → "李强")."""
    return _SPACE.sub(" ", _HAN_PAD.sub("", text)).strip()


def is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE.match(text.strip()))


def doc_number_line(text: str) -> str | None:
    m = _DOC_NUMBER_LINE.match(clean_line(text))
    return _SPACE.sub("", m.group("num")) if m else None


def doc_number_year(number: str) -> str | None:
    """The year inside a 文号: "国发〔2015〕28号" → "2015"."""
    m = DOC_NUMBER.search(number)
    return m.group(1) if m else None


def _is_sentence(s: str) -> bool:
    """Body text, not a title: ends like a Chinese clause, or is a long English sentence ending in "."."""
    return bool(_SENTENCE_END.search(s)) or (s.endswith(".") and len(s.split()) > 12)


def _bracket_free(text: str) -> str:
    return re.sub(r"[《》〈〉<>()（）\[\]“”\"'\s\u3000]", "", text)


def _top_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for i, raw in enumerate(text[:TITLE_BLOCK_CHARS].splitlines()):
        s = clean_line(raw[: TITLE_BLOCK_CHARS // 10])
        if s:
            out.append(_Line(i, s))
            if len(out) >= TITLE_BLOCK_LINES:
                break
    return out


def is_title_line(s: str) -> bool:
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


_EN_BODY = re.compile(
    r"\b(?:republic|kingdom|ministry|office|bureau|agency|department|government|institute|centre|center|"
    r"commission|council|authority|administration|bank|secretariat)\b",
    re.I,
)
_EN_DOC_KIND = re.compile(
    r"\b(?:report|bulletin|review|outlook|brief|plan|strategy|survey|communiqu[eé]|statement|paper|note|update|"
    r"yearbook|assessment|roadmap|monitor|tracker|programme|program|white paper|guidelines?)\b",
    re.I,
)
LETTERHEAD_LINES = 3


def _past_letterhead(lines: list[_Line], pos: int) -> int:
    """An English document printed under a letterhead ("REPUBLIC OF X" / "NATIONAL STATISTICS OFFICE" above
    "STATISTICAL BULLETIN ON …"): the first of the next few lines that names a kind of document is the title,
    when the lines before it name a body and no kind of document. Otherwise `pos` itself."""
    for ahead in range(pos, min(pos + LETTERHEAD_LINES, len(lines))):
        s = lines[ahead].text
        if HAN.search(s) or not is_title_line(s):
            return pos
        if _EN_DOC_KIND.search(s):
            return ahead if len(s.split()) >= 3 else pos
        if not _EN_BODY.search(s):
            return pos
    return pos


def _first_title(lines: list[_Line]) -> tuple[int, str, bool] | None:
    """The first line that can be a title, unless the body (an addressee, a heading) comes first, and whether
    it was found past an English letterhead (`_past_letterhead`)."""
    for pos, ln in enumerate(lines):
        s = ln.text
        if is_boilerplate(s) or date_line(s) or doc_number_line(s):
            continue
        if _ADDRESSEE.search(s) or _HEADING.match(s) or _is_sentence(s) or len(s) > MAX_TITLE_CHARS:
            return None
        if _SECTION_NAME.match(s):  # a document that opens on "Contents" or "摘要" printed no title
            return None
        if _PUBLISHED_LABEL.match(s) or _MANUSCRIPT_LABEL.search(s):
            continue
        title_pos = _past_letterhead(lines, pos)
        return title_pos, lines[title_pos].text, title_pos > pos
    return None


def _continues(title: str, nxt: _Line, prev: _Line) -> bool:
    """Whether `nxt` carries on a title wrapped over lines (Chinese cover titles are often set on two or
    three lines: "国务院关于印发" / "…行动计划的通知"; English ones wrap mid-phrase)."""
    s = nxt.text
    if nxt.index != prev.index + 1 or s == prev.text or len(s) > 80 or not is_title_line(s):
        return False
    if HAN.search(title[-1:]) or HAN.search(s[:1]):
        return bool(_ZH_CONTINUED.search(title)) or (bool(_ZH_DOC_KIND.search(s)) and not _ZH_DOC_KIND.search(title))
    return s[:1].islower() or bool(_EN_CONTINUED.search(title))


def _join_wrapped(lines: list[_Line], pos: int) -> tuple[int, str]:
    """The title starting at line `pos`, with its continuation lines; and the last line it uses."""
    title = lines[pos].text
    used = 1
    while pos + 1 < len(lines) and used < MAX_TITLE_LINES and _continues(title, lines[pos + 1], lines[pos]):
        nxt = lines[pos + 1].text
        joiner = "" if HAN.search(title[-1:]) or HAN.search(nxt[:1]) else " "
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
        if seen_date and is_title_line(ln.text) and len(_bracket_free(ln.text)) >= 4:
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
    if len(s) <= 60 and is_title_line(s) and not _TRANSMITTAL.search(s):
        return s
    return None


def _speaker(lines: list[_Line], subtitle_pos: int) -> str | None:
    """A speech's speaker: the short lines between its dated subtitle and the addressee ("各位代表：")."""
    names: list[str] = []
    for ln in lines[subtitle_pos + 1 : subtitle_pos + 4]:
        if _ADDRESSEE.search(ln.text) or not is_title_line(ln.text) or len(ln.text) > 30:
            break
        names.append(ln.text)
    return " ".join(names) or None


def read_title_block(text: str) -> TitleBlock:
    """Title, dates, issuer and 文号 from the top of the text (see the module docstring)."""
    lines = _top_lines(text)
    out = TitleBlock()
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
        elif first[2]:
            out.issuer = lines[first[0] - 1].text  # the body nearest the title ("National Statistics Office")
    _scan_block_lines(lines, out)
    return out


def _scan_block_lines(lines: list[_Line], out: TitleBlock) -> None:
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


_BYLINE_PARTS = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+")
"""Separators of a byline ("Policy Brief No. 14 | Centre for X | February 2026")."""


def _byline_date(s: str) -> str | None:
    """The date a byline gives as one of its parts, emphasis marks aside: reports and briefs print series,
    publisher and month on one line under the title."""
    parts = _BYLINE_PARTS.split(s.strip("*_ "))
    if len(parts) < 2:
        return None
    return next((when for when in (date_line(p.strip("*_ ")) for p in parts) if when), None)


def _labelled_date(s: str, out: TitleBlock) -> None:
    if out.date is not None:
        return
    byline = _byline_date(s)
    if byline:
        out.date, out.date_source = byline, "byline"
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
