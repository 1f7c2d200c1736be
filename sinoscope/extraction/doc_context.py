"""What a document's structure says about the time and kind of the figures beneath it.

Many figures carry no year in their own sentence. A Government Work Report reviews "2023年工作回顾" under
one heading and lists "2024年政府工作任务" under the next; an evaluation scheme is titled "…2022年…办法";
a paragraph opens with "过去一年，" and the paragraphs after it go on reviewing that year. The rules, for any
document with headings (numbered Chinese headings 一、/（一）, Markdown or numbered English headings) or a
title:
- the nearest enclosing heading (the title is the outermost) that names a single year, or a relative year
  resolved against the document date, sets the default period of the figures beneath it;
- a heading that announces tasks, targets or plans (任务, 目标, 计划, "targets", "plans") makes its figures
  targets unless their own clause says otherwise or they are dated before the heading's year;
- a paragraph that assigns a task — a lead or responsible unit named after a colon (牵头单位：, 责任单位：), a
  completion deadline (（6月底完成…）, 完成时限：) — announces targets for itself, as a task heading does: the
  items of work plans, implementation schemes and evaluation rules are what is to be done;
- a paragraph that opens with a relative time phrase (过去一年，/ 今年 / 一年来 / "Last year,") sets the default
  period for itself and the following paragraphs, until the next heading or the next such opening.

A heading is a block the structure recovery marked as one, or a short standalone line with no
sentence-final punctuation that starts with a heading number (一、 （一） 1. 第一章) — structure recovery does
not always mark those in converted documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinoscope.extraction.model import Kind
from sinoscope.extraction.periods import find_times
from sinoscope.extraction.relative_periods import DocDate, find_relative


@dataclass(frozen=True)
class FigureContext:
    """Defaults for the figures of one block, and the document date to resolve relative phrases with."""

    doc_date: DocDate | None = None
    period: str | None = None
    kind: Kind | None = None
    kind_year: int | None = None
    """The year of the heading that set `kind`: figures dated before it are not what it announces."""
    stage: bool = False
    """`period` is a span a heading names ("2020—2040年："): a stage the figures beneath describe as a whole,
    unlike a span said relative to the document ("过去五年"), at whose end a level reached is dated."""


_NUMBERED_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百\d]+[章节部分篇]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]"
    r"|\d+(?:\.\d+)*[．.、]?\s|[IVX]+\.\s|Chapter\s+\d+|Part\s+[IVX\d]+)"
)
_SENTENCE_END = re.compile(r"[。！？；.!?;：:]\s*$")
_TARGET_HEADING = re.compile(
    r"任务|目标|计划|规划|部署|安排|总体要求|预期|建议|\b(?:targets?|goals?|plans?|tasks?|priorities)\b", re.I
)
_LEVEL_PREFIXES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]+[章部分篇]|[一二三四五六七八九十]+[、．.]|Chapter|Part)"), 1),
    (re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百\d]+节|\d+\.\d+(?![.\d]))"), 2),
    (re.compile(r"^\s*(?:\d+[．.、](?!\d)|[（(]\d+[）)]|\d+\.\d+\.\d+)"), 3),
]
_TASK_ITEM = re.compile(
    r"(?:牵头|责任|主责|配合)(?:考核|部门|单位){1,2}[:：]|完成时限[:：]|[（(]\s*(?:\d{1,2}月(?:底|末)|年底|年内)前?完成"
    r"|\b(?:Lead|Responsible)\s+(?:unit|agency|department)s?\s*:|\bDeadline\s*:"
)


def _may_be_task_item(text: str) -> bool:
    """Whether `text` holds what every branch of `_TASK_ITEM` needs, a colon or 完成: a quick `in` that spares
    most paragraphs a scan trying each branch at every character."""
    return ":" in text or "：" in text or "完成" in text


_BARE_YEARS = re.compile(r"(?<![\d〇零])[一二两三四五六七八九十]+年(?!级)")
_LEAD = 8
_LEAD_HEAD = re.compile(r"^\s*(?:回顾|在|于|(?:in|during|over)\s+)?$", re.I)
"""What may stand before a relative time phrase that opens a paragraph ("回顾过去一年，", "Over the past …")."""


def heading_level(text: str, marked: bool) -> int | None:
    """The level of a heading (1 outermost), or None when the block is not one.

    `marked` is whether structure recovery made the block a heading."""
    line = text.strip()
    looks_like = len(line) <= 40 and "\n" not in line and not _SENTENCE_END.search(line)
    if not marked and not (looks_like and _NUMBERED_HEADING.match(line)):
        return None
    for pat, level in _LEVEL_PREFIXES:
        if pat.match(line):
            return level
    return 1


def named_year(text: str, doc_date: DocDate | None) -> str | None:
    """The single year a heading names ("2023年工作回顾", "过去一年工作回顾" with a date), or the single span of
    years it names and nothing else ("2020—2040年：并驾齐驱", the stage of a research paper's outlook); None
    for none or several."""
    exprs = find_times(text).exprs
    periods = {t.period[:4] for t in exprs if re.fullmatch(r"\d{4}(?:-\d\d){0,2}", t.period)}
    spans = {t.period for t in exprs if not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", t.period)}
    relative = find_relative(text, doc_date)
    periods |= {r.period for r in relative if not r.span}
    rest = "".join(c if not any(r.start <= i < r.end for r in relative) else " " for i, c in enumerate(text))
    if any(r.span for r in relative) or _BARE_YEARS.search(rest):
        return None  # "过去一年和五年工作回顾": the heading covers one year and five
    if not periods and len(spans) == 1 and re.fullmatch(r"\d{4}-\d{4}", next(iter(spans))):
        return next(iter(spans))
    return next(iter(periods)) if len(periods) == 1 and not spans else None


def lead_period(text: str, doc_date: DocDate | None) -> str | None:
    """The relative time phrase opening a paragraph ("过去一年，…", "一年来，…"), resolved."""
    for r in find_relative(text[: _LEAD + 8], doc_date):
        if _LEAD_HEAD.match(text[: r.start]):
            return r.period
    return None


class ContextTracker:
    """Walks a document's blocks in order and says which defaults hold for each."""

    def __init__(self, title: str, doc_date: DocDate | None) -> None:
        self._date = doc_date
        self._stack: list[tuple[int, str | None, Kind | None, int | None]] = []
        self._running: tuple[str, int] | None = None
        self.heading(title, 0, announces=False)

    def heading(self, text: str, level: int, *, announces: bool = True) -> None:
        """A heading at `level`; the title (level 0) gives only its year: "…行动计划" names the whole document,
        whose figures are not all targets."""
        self._stack = [h for h in self._stack if h[0] < level]
        year = named_year(text, self._date)
        announced = announces and _TARGET_HEADING.search(text) and not re.search(r"回顾|review", text, re.I)
        # targets of the heading's year, or of the document's own year on: without either, nothing is announced
        kind_year = int(year[:4]) if year else (self._date.year if self._date else None)
        kind = Kind.TARGET if announced and kind_year is not None else None
        self._stack.append((level, year, kind, kind_year if kind else None))
        if self._running is not None and level <= self._running[1]:
            self._running = None  # an opening phrase holds through the sub-headings of its own section

    def paragraph(self, text: str) -> FigureContext:
        lead = lead_period(text, self._date)
        if lead is not None:
            self._running = (lead, self._stack[-1][0] if self._stack else 0)
        period = self._running[0] if self._running is not None else None
        from_heading = period is None
        kind: Kind | None = None
        kind_year: int | None = None
        for _, year, k, ky in reversed(self._stack):
            if period is None and year is not None:
                period = year
            if kind is None and k is not None:
                kind, kind_year = k, ky
        if kind is None and _may_be_task_item(text) and _TASK_ITEM.search(text):
            kind = Kind.TARGET
            kind_year = (
                int(period[:4]) if period and period[:4].isdigit() else (self._date.year if self._date else None)
            )
        stage = from_heading and period is not None and "-" in period
        return FigureContext(self._date, period, kind, kind_year, stage)
