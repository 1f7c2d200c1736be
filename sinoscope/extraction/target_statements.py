"""Target statements and reported actual values, from the prose of any document, Chinese or English.

A quantity (from the quantity scanner) becomes a *statement* when its sentence says what the figure is for:
- a **target** names a goal: a plan's cue word (目标, 拟, 力争, 确保, "target", "aim", "by 2030"), a bound
  (以上, 不低于, 以内, "at least"), or a figure stated where the document speaks of the future (a section of
  tasks or goals, 今年…要, a normative text: 意见, 办法, 方案, 规划, 计划);
- an **actual** is a figure where the document speaks of the past: a review section (回顾, "progress"), a
  sentence about last year (去年, 过去一年, "last year"), a year before the document's own date.
Forecasts (预计, "expected") are kept apart as such; a change against the previous year (比上年增加…) belongs
to the statement before it; "从 X 提高到 Y" makes X the baseline of Y.

The frame (past / future) of a passage comes from the nearest heading that states one, else from the
document's title (a normative title frames the whole text); a sentence's own time words override it. Years:
a deadline in the sentence (到2025年, "by 2030"), else 今年 / this year (resolved against the document's
date), else the year the heading or the title names. A target with none keeps no year rather than a guessed one.

The indicator phrase is the noun phrase the figure measures, cut from its clause: frame words in front (今年,
预期目标是：), the predicate before the figure (达到, 保持在, 拟按) and enumerations (分别 pairs a list of
names with a list of figures). A clause whose only words are a change verb (增长5.2%) measures what the
previous figure of its sentence measured (国内生产总值超过…，增长5.2% → 国内生产总值增长). A figure with no
noun before it keeps an empty indicator: a reviewer names it, nothing is invented.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from enum import StrEnum

from sinoscope.documents.model import Block, BlockKind, Document
from sinoscope.extraction.model import Kind, Quantity
from sinoscope.extraction.quantities import extract_quantities
from sinoscope.extraction.relative_periods import find_relative, span_end
from sinoscope.extraction.units import CN_SCALES

PROSE = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING})


class Frame(StrEnum):
    PAST = "past"
    FUTURE = "future"
    NONE = "none"


@dataclass(frozen=True)
class Statement:
    """One target or actual value, located in its document."""

    kind: str
    """"target", "actual" or "forecast"."""
    indicator: str
    """The noun phrase the figure measures, as printed (cleaned of frame words); "" when none is named."""
    value: float
    unit: str
    comparator: str
    """">=", "<=", "~", "=", ">" or "<"."""
    year: int | None
    """Deadline of a target, period of an actual; None when the document does not say."""
    start: int
    end: int
    """Document offsets of the exact span: the clause holding the figure."""
    text: str
    figure: str
    """The figure as printed."""
    anchor: str
    line: int
    value_max: float | None = None
    baseline: float | None = None
    change: float | None = None
    """Stated change against the previous year (比上年增加…), in the figure's unit."""
    plan: str | None = None
    """A named plan (《…》) the sentence cites; None: the document itself."""
    lang: str = "zh"


# ------------------------------------------------------------------ cue words (grammar, both languages)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PAST_HEADING = re.compile(
    r"回顾|总结|成就|进展|成效|执行情况|完成情况|\breview\b|\bprogress\b|\bachievements?\b", re.I
)
_FUTURE_HEADING = re.compile(
    r"任务|目标|建议|计划|规划|安排|要求|部署|重点工作|\btasks?\b|\bgoals?\b|\btargets?\b|\bplans?\b|\bpriorities\b",
    re.I,
)
_NORMATIVE_TITLE = re.compile(r"(?:意见|办法|方案|规划|计划|要点|通知|细则|目标|纲要)(?:[（(].*)?$")
_PAST_SENTENCE = re.compile(
    r"现有|目前|现已|去年|上年(?!增加|提高|减少|下降|增长)|过去一年|过去五年|五年来|一年来|已经|已(?=[\u4e00-\u9fff])|\blast\s+year\b"
    r"|\bin\s+the\s+past\b|\bhas\s+(?:reached|risen|grown)\b",
    re.I,
)
_FUTURE_SENTENCE = re.compile(
    r"今年|明年|本年度|到20\d\d年|20\d\d年前|\bthis\s+year\b|\bnext\s+year\b|\bby\s+20\d\d\b", re.I
)
_TARGET_CUE = re.compile(
    r"目标|拟|力争|争取|确保|计划|要求|不低于|不少于|不超过|不高于|以上|以内|控制在|至少"
    r"|\btargets?\b|\bgoals?\b|\baims?\s+(?:to|at|for)\b|\bplans?\s+to\b|\bcommitted\s+to\b|\bpledged?\b"
    r"|\bset\s+(?:a|the|an)\b|\bat\s+least\b|\bno\s+more\s+than\b|\bby\s+20\d\d\b",
    re.I,
)
_FORECAST_CUE = re.compile(
    r"预计|预测|有望|将(?=[会能]?(?:达|超|是|提高|增|上升|相当|接近|突破|占))|\bexpect(?:s|ed)?\b|\bforecast\w*|\bprojected\b|\blikely\b",
    re.I,
)
_CHANGE_BEFORE = re.compile(
    r"(?:比上年(?:年初预算)?|比去年|较上年|同比|比\d{4}年)(?:[^，。；、]{0,6})?(?:增加|提高|减少|下降|增长|降低|多)"
    r"(?:了)?\s*$"
)
_PREPOSITIONAL = re.compile(r"^\s*(?:针对|对于|在现有|在已有|根据|按照|依据|相对于|比照)")
"""A clause opening with a preposition frames something else: the figures in it are its context."""
_BASELINE_BEFORE = re.compile(r"从\s*$|由\s*$|\bfrom\s+$", re.I)
_QUOTE_OPEN = '“「『"'
_QUOTE_CLOSE = '”」』"'

_YEAR_DEADLINE = re.compile(
    r"(?<!截)(?:到|至)(20\d\d)年|(?<!截至)(20\d\d)年(?:前|底|末|要|力争)|\bby\s+(?:the\s+end\s+of\s+)?(20\d\d)\b"
)
_YEAR_ANY = re.compile(r"(?<!\d)(20\d\d|19\d\d)年|(?<![\d-])\b(20\d\d)\b(?![\d-])")
_PLAN = re.compile(r"《([^《》\n]{2,60})》")
_DISTRIBUTE = "分别"

# Chinese comparators, read around the figure
_UNIT_AFTER = (
    r"^\s*(?:万亿|亿|万|千)?(?:人次|人|户|个|场|次|座|家|项|件|名|所|台|辆|万亿斤|亿斤|斤|吨|亿元|元|小时|天)?"
)
_AFTER_GE = re.compile(_UNIT_AFTER + r"(?:以上|及以上|之上)")
_AFTER_LE = re.compile(_UNIT_AFTER + r"(?:以内|之内|内(?![容部外])|以下)")
_AFTER_APPROX = re.compile(_UNIT_AFTER + r"(?:左右|上下)")
_BEFORE_GE = re.compile(r"(?:不低于|不少于|至少|达到?|力争实现|突破)\s*$")
_BEFORE_LE = re.compile(r"(?:不超过|不高于|控制在|(?<!不)低于|(?<!不)少于)\s*$")
_BEFORE_GT = re.compile(r"(?:超过|高于|多于)\s*$")
_BEFORE_APPROX = re.compile(r"(?:约|大约|近|接近)\s*$")
_APPROX_MAP = {"about": "~", "at least": ">=", "at most": "<=", "more than": ">", "over": ">", "less than": "<",
               "under": "<"}  # fmt: skip
_EN_REACH = re.compile(r"\b(?:reach|provide|become|turn|grow|raise|increase|achieve|account)\w*\b", re.I)

# the indicator phrase: what to cut off around it
_LEAD = re.compile(
    r"^(?:.*[：:])|^(?:今年|去年|明年|全年|当年|上年|其中|同时|此外|另外|主要表现在|并且|并|而且|力争|争取|确保|要|计划|拟"
    r"|到20\d\d年|20\d\d年(?:底|末|前)?|年末|年底|累计|首次)+"
)
_TRAIL = re.compile(
    r"(?:要|将|拟|可|先|再|已|预期目标为|目标为|预期目标|目标|平均为|平均|分别|比上年|首次|稳步|持续|继续|进一步"
    r"|达到|达|为|是|保持在|保持|控制在|稳定在|降到|降至|升至|提高到|增加到|超过|突破|跃上|实现|完成|约|近|约为|不低于"
    r"|不少于|不超过|不高于|至少|大约|接近|按|拟按|安排|发行|新增|累计建设|建设|纳入|联通|提升|提高|增加)+$"
)
_CHANGE_VERBS = ("增长", "增速", "增幅", "涨幅", "上涨", "下降", "降幅", "降低", "提高", "增加", "减少", "上升")
_VERB_FIRST = re.compile(r"^(?:拟安排|安排|发行|拟发行|新增|建设|累计建设|组织发布|完成|联通|设立|培育|建成|打造|支持)")
_PRONOUN = re.compile(r"^(?:其|它|该|此|这|那|上述|以上)[\u4e00-\u9fff]{0,2}$|^(?:it|this|that|these|those)$", re.I)

# Chinese measure words the scanner may not know yet: number + scale + measure word
_CN_MEASURE = {
    "斤": "jin", "吨": "tonnes", "小时": "hours", "天": "days", "户": "households", "场": "sessions", "座": "units",
    "个": "items", "项": "items", "件": "items", "家": "companies", "所": "institutions", "人": "persons",
    "人次": "person-times", "兆": "Mbps", "公里": "km", "千米": "km", "亩": "mu", "台": "units", "辆": "vehicles",
}  # fmt: skip
_CN_FIGURE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(" + "|".join(sorted(CN_SCALES, key=len, reverse=True)) + r")?"
    r"(" + "|".join(sorted(_CN_MEASURE, key=len, reverse=True)) + r")"
)
_EDGE_CHARS = " ，,、；;：:—-（()）"
_SPLIT = re.compile(r"[，。；;！？!?：:]|,\s|\.\s")


@dataclass(frozen=True)
class _Context:
    frame: Frame
    year: int | None
    normative: bool


def document_year(doc: Document) -> int | None:
    """The year of the document's date (METADATA's `date`); None when not known: never the ingest time."""
    m = re.match(r"(\d{4})", doc.metadata.get("date", ""))
    return int(m.group(1)) if m else None


def resolve_year(words: str, doc_year: int | None, *, nearest: bool = True) -> int | None:
    """The year a relative phrase of `words` names (今年, 去年, 过去一年, "last year"), against the document's year
    (`extraction.relative_periods`); the phrase nearest the end of `words` when `nearest`, else the first. A span
    (过去五年) counts by its last year. None without a date."""
    if doc_year is None:
        return None
    found = find_relative(words, str(doc_year))
    if not found:
        return None
    period = span_end((found[-1] if nearest else found[0]).period)
    return int(period[:4]) if re.match(r"\d{4}", period) else None


def extract_statements(doc: Document) -> list[Statement]:
    """Targets, actuals and forecasts in the document's prose, in document order; a statement repeated with
    the same indicator, value and year is kept once (its first mention)."""
    doc_year = document_year(doc)
    line_starts = [0] + [i + 1 for i, ch in enumerate(doc.text) if ch == "\n"]
    title_ctx = _title_context(doc.metadata.get("title") or doc.title, doc_year)
    out: list[Statement] = []
    headings: dict[int, _Context] = {}
    for block in doc.blocks:
        if block.kind not in PROSE or not block.spans:
            continue
        level = _heading_level(block)
        if level is not None:
            ctx = _heading_context(block.text, doc_year)
            headings = {lv: c for lv, c in headings.items() if lv < level}
            if ctx is not None:
                headings[level] = ctx
            continue
        ctx = headings[max(headings)] if headings else title_ctx
        for s in _block_statements(block, ctx, doc_year, title_ctx.year):
            start = block.source_offset(s.start)
            end = block.source_offset(max(s.start, s.end - 1)) + 1
            out.append(replace(s, start=start, end=end, line=bisect_right(line_starts, start)))
    return _dedupe(out)


def _dedupe(stmts: list[Statement]) -> list[Statement]:
    seen: set[tuple[str, str, float, str, int | None]] = set()
    out: list[Statement] = []
    for s in stmts:
        key = (s.kind, _norm(s.indicator), s.value, s.unit, s.year)
        if s.indicator and key in seen:
            continue
        seen.add(key)
        out.append(s)
    return out


def _norm(phrase: str) -> str:
    return re.sub(r"[\s\W_]+", "", phrase.lower())


# ------------------------------------------------------------------ context: headings and title
_CN_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[章节部分])"
)


def _heading_level(block: Block) -> int | None:
    """Heading blocks, and short unpunctuated numbered paragraphs (a structure pass may not have found them)."""
    text = block.text.strip()
    if block.kind is BlockKind.HEADING:
        return 1 if not text.startswith(("（", "(")) else 2
    if len(text) > 60 or re.search(r"[。；;.!?！？]$", text) or "。" in text:
        return None
    m = _CN_HEADING.match(text)
    if m is None:
        return None
    return 2 if text.startswith(("（", "(")) else 1


def _heading_context(title: str, doc_year: int | None) -> _Context | None:
    year = _named_year(title, doc_year)
    if _PAST_HEADING.search(title):
        return _Context(Frame.PAST, year, False)
    if year is not None and doc_year is not None and year < doc_year:
        return _Context(Frame.PAST, year, False)
    if _FUTURE_HEADING.search(title):
        return _Context(Frame.FUTURE, year, True)
    if year is not None:
        return _Context(Frame.NONE, year, False)  # "2030年的中国": a projection's horizon, not a plan
    return None


def _title_context(title: str, doc_year: int | None) -> _Context:
    year = _named_year(title, doc_year)
    if _NORMATIVE_TITLE.search(title.strip()):
        return _Context(Frame.FUTURE, year, True)
    return _Context(Frame.NONE, year, False)


_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*年?\s*[-–—~至到]\s*((?:19|20)\d\d)")


def _named_year(text: str, doc_year: int | None) -> int | None:
    """The year a heading or title names; for a span (行动计划（2026—2028年）) its end, when its goals are due."""
    span = _YEAR_SPAN.search(text)
    if span:
        return int(span.group(1))
    m = _YEAR_ANY.search(text)
    if m:
        return int(m.group(1) or m.group(2))
    return resolve_year(text, doc_year, nearest=False)


# ------------------------------------------------------------------ one block
@dataclass(frozen=True)
class _Fig:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    approx: str | None
    period: str | None
    kind: Kind
    subject: str


def _figures(text: str) -> list[_Fig]:
    figs = [
        _Fig(q.start, q.end, q.value, q.value_max, q.unit, q.approx, q.period, q.kind, q.subject)
        for q in extract_quantities(text)
        if not _chinese_numeral_only(q)
    ]
    taken = [(f.start, f.end) for f in figs]
    for m in _CN_FIGURE.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        scale = float(CN_SCALES[m.group(2)]) if m.group(2) else 1.0
        value = float(m.group(1)) * scale
        figs.append(_Fig(m.start(), m.end(), value, None, _CN_MEASURE[m.group(3)], None, None, Kind.ACTUAL, ""))
    return sorted(figs, key=lambda f: f.start)


def _chinese_numeral_only(q: Quantity) -> bool:
    """一 … 十 spelled out: programme names (八项行动, “两个维护”), not measured figures."""
    return not re.search(r"[0-9０-９]", q.text)


def _block_statements(block: Block, ctx: _Context, doc_year: int | None, title_year: int | None) -> list[Statement]:
    text = block.text
    figs = _figures(text)
    if not figs:
        return []
    out: list[Statement] = []
    for sent_start, sent_end in _sentences(text):
        sfigs = [f for f in figs if sent_start <= f.start < sent_end]
        if sfigs:
            out.extend(_sentence_statements(block, text, sent_start, sent_end, sfigs, ctx, doc_year, title_year))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[。！？!?]|(?<=[a-z0-9%)\"”])\.\s+(?=[A-Z“\"])|\n", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _sentence_statements(
    block: Block,
    text: str,
    s0: int,
    s1: int,
    figs: list[_Fig],
    ctx: _Context,
    doc_year: int | None,
    title_year: int | None,
) -> list[Statement]:
    sentence = text[s0:s1]
    zh = bool(_CJK.search(sentence))
    plan_m = _PLAN.search(sentence)
    out: list[Statement] = []
    prev_phrase = ""
    baseline: float | None = None
    names = _distributed_names(text, s0, figs)
    group_comp: str | None = None
    for i, f in enumerate(figs):
        c0 = _clause_start(text, s0, f.start)
        before = text[c0 : f.start]
        prev_end = figs[i - 1].end if i > 0 and figs[i - 1].end > c0 else c0
        own = text[prev_end : f.start]
        after = text[f.end : f.end + 8]
        if _aside(text, c0, f) or _PREPOSITIONAL.match(text[c0 : f.start]):
            continue
        if _in_quotes(text, s0, f.start) or _BASELINE_BEFORE.search(own):
            baseline = f.value if _BASELINE_BEFORE.search(own) else baseline
            continue
        if _CHANGE_BEFORE.search(own) and out:
            out[-1] = replace(out[-1], change=f.value)
            continue
        kind = _kind(sentence, text[s0 : f.start], before, after, f, ctx, zh, doc_year)
        if kind == "target" and _dated_before(f, doc_year) and not _deadline_ahead(text[s0 : f.end], doc_year):
            kind = "actual"  # a figure of a year before the document's own is a past value
        if kind is None:
            continue
        phrase = names.get(i) or (_phrase(own, zh, f) if zh else _english_phrase(text[f.end : f.end + 120], f))
        if zh and phrase in (*_CHANGE_VERBS, "") and prev_phrase and not _VERB_FIRST.match(own.strip()):
            phrase = _join_change(prev_phrase, phrase)
        if _PRONOUN.match(phrase):
            phrase = ""
        year = _year(kind, sentence, text[s0 : f.end], f, ctx, doc_year, title_year)
        c1 = _clause_end(text, f.end, s1)
        tail = re.sub(r"^[^\u4e00-\u9fff]*(?:万亿|亿|万|千)?", "", text[f.start : f.end]) + after
        if i in names and group_comp is not None:
            comp = group_comp
        else:
            comp = _comparator(before, tail, text[c0:c1], f, kind, zh)
            group_comp = comp if i in names else None
        out.append(
            Statement(
                kind=kind, indicator=phrase, value=f.value, unit=f.unit, comparator=comp, year=year,
                start=c0, end=c1, text=text[c0:c1], figure=text[f.start : f.end], anchor=block.anchor,
                line=block.line, value_max=f.value_max, baseline=baseline if kind == "target" else None,
                plan=plan_m.group(1) if plan_m else None, lang="zh" if zh else "en",
            )
        )  # fmt: skip
        baseline = None
        if phrase:
            prev_phrase = _noun_part(phrase)
    return out


def _clause_start(text: str, s0: int, pos: int) -> int:
    cut = s0
    for m in _SPLIT.finditer(text, s0, pos):
        cut = m.end()
    while cut < pos and text[cut] in " \t——-":
        cut += 1
    return cut


def _clause_end(text: str, pos: int, s1: int) -> int:
    m = _SPLIT.search(text, pos, s1)
    end = m.start() if m else s1
    return end if end > pos else pos


def _deadline_ahead(text: str, doc_year: int | None) -> bool:
    """A deadline (到2030年, "by 2030") not before the document's year: 到2015年已提高至 in a 2017 paper is past."""
    for m in _YEAR_DEADLINE.finditer(text):
        year = int(next(g for g in m.groups() if g))
        if doc_year is None or year >= doc_year:
            return True
    return False


def _dated_before(f: _Fig, doc_year: int | None) -> bool:
    years = re.findall(r"\d{4}", f.period or "")
    return bool(years) and doc_year is not None and int(years[-1]) < doc_year


def _aside(text: str, c0: int, f: _Fig) -> bool:
    """A figure inside brackets is an aside (a weight, a cumulative figure), not what the clause states."""
    seg = text[c0 : f.start]
    return seg.rfind("（") > seg.rfind("）") or seg.rfind("(") > seg.rfind(")")


def _in_quotes(text: str, s0: int, pos: int) -> bool:
    seg = text[s0:pos]
    opened = max((seg.rfind(q) for q in _QUOTE_OPEN if q != '"'), default=-1)
    closed = max((seg.rfind(q) for q in _QUOTE_CLOSE), default=-1)  # “…" closes with a straight quote too
    return opened > closed


def _kind(
    sentence: str, upto: str, clause_before: str, after: str, f: _Fig, ctx: _Context, zh: bool, doc_year: int | None
) -> str | None:
    if _FORECAST_CUE.search(clause_before):
        return "forecast"
    if not zh:
        return _english_kind(f, ctx)
    past = bool(_PAST_SENTENCE.search(upto))
    dated_ahead = bool(_FUTURE_SENTENCE.search(upto))
    if past and not _deadline_ahead(upto, doc_year):
        return "actual"
    if ctx.frame is Frame.PAST and not dated_ahead:
        return "actual"  # in a review, bounds (控制在, 以上) and 目标 describe outcomes
    if ctx.frame is Frame.FUTURE or dated_ahead or _TARGET_CUE.search(clause_before):
        if f.unit in ("years", "days", "months") and not _AFTER_LE.match(after):
            return None  # a duration (延长30年) is a term, not a goal, unless bounded (3天内)
        return "target"
    if _TARGET_CUE.search(sentence):
        return "target"
    return None


def _english_kind(f: _Fig, ctx: _Context) -> str | None:
    if f.kind is Kind.TARGET:
        return "target"
    if f.kind is Kind.FORECAST or f.kind is Kind.ESTIMATE:
        return "forecast"
    if ctx.frame is Frame.PAST and f.period:
        return "actual"
    return "actual" if f.period else None


def _year(
    kind: str, sentence: str, upto: str, f: _Fig, ctx: _Context, doc_year: int | None, title_year: int | None
) -> int | None:
    m = _YEAR_DEADLINE.search(upto) or _YEAR_DEADLINE.search(sentence)
    if m and kind == "target":
        return int(next(g for g in m.groups() if g))
    if f.period:
        years = re.findall(r"\d{4}", f.period)
        if years:
            return int(years[-1])
    rel = resolve_year(upto, doc_year)
    if rel is not None:
        return rel
    return ctx.year if ctx.year is not None else title_year


def _comparator(before: str, after: str, clause: str, f: _Fig, kind: str, zh: bool) -> str:
    """The bound a figure states. Chinese cues are read in the text (the scanner's span may hold 左右/以上)."""
    if zh:
        if _AFTER_GE.match(after):
            return ">="
        if _AFTER_LE.match(after):
            return "<="
        if _AFTER_APPROX.match(after):
            return "~"
        if _BEFORE_LE.search(before):
            return "<="
        if _BEFORE_GT.search(before):
            return ">"
        if _BEFORE_APPROX.search(before):
            return "~"
        if _BEFORE_GE.search(before):
            return ">=" if kind == "target" else "="
        if re.search(r"要求|力争", clause) and kind == "target":
            return ">="
        return "="
    if f.approx in _APPROX_MAP:
        return _APPROX_MAP[f.approx]
    if kind == "target" and (f.unit == "%" or _EN_REACH.search(before)):
        return ">="
    return "="


_EN_OF = re.compile(
    r"^\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?((?:[\w&'-]+\s+){0,6}?[\w&'-]+)"
    r"(?=\s+(?:from|by|in|to|for|at|on|within|between|over|and\s+(?:a|an|the)\b)\b|\s*[,.;:)]|\s*$)",
    re.I,
)
_EN_NOUNS = re.compile(
    r"^\s+((?:(?!(?:in|of|by|to|for|from|at|on|and|or|is|was|are|were|will|would|be)\b)"
    r"[a-z][\w&'-]*\s+){0,2}(?!(?:in|of|by|to|for|from|at|on|and|or|is|was|are|were|will|would|be)\b)"
    r"[a-z][\w&'-]*)(?=\s+(?:by|in|from|for|at|on|within|between|over|and|to)\b|\s*[,.;:)]|\s*$)"
)


_EN_GOVERNOR = re.compile(
    r"^.*\b(?:of|raise|raising|increase|increasing|reach|reaching|boost|boosting|lift|lifting|cut|cutting|reduce"
    r"|reducing|bring|bringing|keep|keeping|grow|growing)\s+(?:the\s+|its\s+)?",
    re.I,
)


def _english_phrase(after: str, f: _Fig) -> str:
    """What an English figure measures: "70 percent of the key materials" → "key materials"; "a $150 billion
    domestic industry" → "domestic industry"; "raising R&D intensity to 3 percent of GDP" → "R&D intensity (% of
    GDP)"; else the scanner's subject without the verb that governs it."""
    subject = _EN_GOVERNOR.sub("", f.subject.strip())
    m = _EN_OF.match(after)
    if m and f.unit == "%" and m.group(1).lower() in _DENOMINATORS:
        return f"{subject} (% of {m.group(1)})" if subject else ""
    m = m or _EN_NOUNS.match(after)
    if m:
        return m.group(1).strip()
    return subject


_DENOMINATORS = frozenset({"gdp", "gnp", "total", "revenue", "revenues", "sales", "output", "budget", "spending"})


def _phrase(before: str, zh: bool, f: _Fig) -> str:
    s = before.strip(_EDGE_CHARS)
    s = re.sub(r"[（(][^（）()]*[）)]", "", s)
    s = _LEAD.sub("", s)
    s = re.sub(r"^(?:今年|去年|全年|到20\d\d年|20\d\d年)", "", s)
    verb = _VERB_FIRST.match(s)
    if verb and len(s) > verb.end():
        s = s[verb.end() :]
    prev = None
    while prev != s:
        prev = s
        s = _TRAIL.sub("", s) if not s.endswith(_CHANGE_VERBS) else s
        s = s.strip(" 的，,、")
        if s.endswith(_CHANGE_VERBS) and len(s) > 2:
            break
    return s[-24:] if len(s) > 24 else s


def _noun_part(phrase: str) -> str:
    for v in _CHANGE_VERBS:
        if phrase.endswith(v) and len(phrase) > len(v):
            return phrase[: -len(v)]
    return phrase


def _join_change(prev_noun: str, verb: str) -> str:
    return prev_noun + verb if verb else prev_noun


def _distributed_names(text: str, s0: int, figs: list[_Fig]) -> dict[int, str]:
    """分别: "A、B和C分别占比达30%、20%和10%" pairs A, B, C with the three figures (plus what follows 分别)."""
    out: dict[int, str] = {}
    for i, f in enumerate(figs):
        c0 = _clause_start(text, s0, f.start)
        head = text[c0 : f.start]
        k = head.find(_DISTRIBUTE)
        if k < 0:
            continue
        group = [j for j in range(i, len(figs)) if _clause_start(text, s0, figs[j].start) == c0]
        names = [n for n in re.split(r"、|和|及|与(?=[^其他])", _LEAD.sub("", head[:k].strip())) if n]
        measure = _TRAIL.sub("", head[k + len(_DISTRIBUTE) :].strip()) if head[k + 2 :].strip() else ""
        if len(names) == len(group) and len(group) > 1:
            for j, name in zip(group, names, strict=True):
                out[j] = name + measure
        break
    return out
