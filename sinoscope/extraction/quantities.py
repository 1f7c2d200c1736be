"""Quantities in prose: every figure with its value, unit, period, kind, subject and exact span.

    extract_quantities("IC imports in 2021 were valued at USD 432.6 billion.")
    → [Quantity(text="USD 432.6 billion", value=432600000000.0, unit="USD", period="2021", kind="actual", ...)]

The work is split by question: which spans can never be quantities (`q_exclude`, years and names in
`periods`), where the figures are and what they are counted in (`q_scan`), which time dates them
(`q_period`), what kind of figure they are (`q_kind`) and what they measure (`q_subject`). Clauses
(`q_text`) bound how far a cue reaches.

A figure repeated later in a paragraph ("the 25.6% domestic production rate") is the same claim as its first
mention, so when nothing in its own sentence dates or qualifies it, it takes the first mention's period and kind.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from sinoscope.documents.zh_variants import to_simplified
from sinoscope.extraction import q_change, q_kind, q_period, units
from sinoscope.extraction.caseless import any_of
from sinoscope.extraction.doc_context import FigureContext
from sinoscope.extraction.model import Kind, Quantity
from sinoscope.extraction.periods import TimeExpr, find_times
from sinoscope.extraction.q_comparator import comparator
from sinoscope.extraction.q_exclude import SpanSet, excluded_spans
from sinoscope.extraction.q_latex import flatten_math_numbers, widen
from sinoscope.extraction.q_scan import RawQuantity, scan
from sinoscope.extraction.q_subject import subject
from sinoscope.extraction.q_text import Segment, clauses, sentences
from sinoscope.extraction.relative_periods import RelativeTime, anchor_span, find_relative, span_end
from sinoscope.extraction.respectively import respective_years

_NUMBER_OF = re.compile(
    r"\b(?:numbers?|total|count|population)\s+of\s+(?:the\s+)?((?:[\w-]+\s+){0,3}[A-Za-z-]+s)\b", re.IGNORECASE
)
_POPULATION_OF = re.compile(r"\bpopulation\s+of\s+(?:about\s+|over\s+|some\s+|nearly\s+)?$", re.IGNORECASE)
_SUBJECT_BEFORE = re.compile(
    r"\b([A-Za-z][a-z-]*[a-z]s)\s+(?:[a-z]+ed\s+)?(?:totall?ed|numbered|reached|stood\s+at|(?:rose|grew|fell|increased"
    r"|decreased|climbed|dropped)\s+to|exceeded|topped)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+"
    r"|more\s+than\s+|some\s+|roughly\s+)?$",
    re.IGNORECASE,
)
"""A count whose noun is the subject before its verb: "new urban jobs totalled 512,000", "robot installations
rose to 290,000"."""
_AMOUNT_NOUNS = frozenset({
    "exports", "imports", "sales", "revenues", "profits", "assets", "earnings", "receipts", "outlays",
    "investments", "savings", "deposits", "loans", "reserves", "funds", "costs", "prices", "rates", "shares",
})  # fmt: skip
"""Plural nouns that state an amount or a ratio, not a count: a bare number after them has lost its unit."""
_CN_TITLE = re.compile(r"《[^《》\n]{1,80}》")
_BRACKET_REF = re.compile(r"\[\d{1,3}(?:[,–-]\s?\d{1,3})*\]")
_COUNT_KINDS = frozenset({*units.PERCENT_UNITS, "times"})
_ANY_DIGIT = re.compile("[0-9０-９零〇一二两三四五六七八九十百千]")
_ANY_NUMBER_WORD = re.compile(
    r"\b(?:"
    + any_of(
        "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
        "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    )
    + r")\b"
)
"""Whether a text holds a number at all: a digit or numeral (a quick scan for the class), else a number word
in any case."""
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:more|less|fewer)\s+than|\bat\s+(?:least|most)|\b(?:about|nearly|over|some|roughly|around)|约|超过|近|逾)"
    r"\s*$",
    re.IGNORECASE,
)
_SUPERSCRIPT = re.compile(r"(?<![kcmµμ]m)[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
"""Superscript digits mark footnotes (except in m², km³), and are never part of a figure or a date."""
_SUPERSCRIPT_DIGIT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_DURATIONS = frozenset(units.DURATION_WORDS.values())
_CHANGE_VERBS = q_period.CHANGE_VERBS
"""Chinese verbs of a change; followed by 到/至 they name the level the change reaches."""
_WEIGHTS = frozenset({"points"})
"""Score weights of an evaluation scheme ("（2分）"): what an item is worth, never a target of the item."""


@dataclass(frozen=True)
class _Located:
    raw: RawQuantity
    sentence: int
    clause: Segment
    first_clause: bool


def extract_quantities(text: str, context: FigureContext | None = None) -> list[Quantity]:
    """All quantities in `text`, in order of position; offsets index `text`.

    `context` carries the document date (for 今年, "last year") and the defaults the document's headings
    and leading phrases set (`doc_context`); without it only what the text itself says is used."""
    if not (_ANY_DIGIT.search(text) or _ANY_NUMBER_WORD.search(text)):
        return []
    ctx = context or FigureContext()
    text_in = text
    # Traditional characters (億元, 萬輛, 增長) read as Simplified: the fold keeps every offset
    text = to_simplified(text)
    traditional = text != text_in
    # footnote markers become spaces of the same length, so offsets still index `text_in`
    if _SUPERSCRIPT_DIGIT.search(text):  # rare: the look-behind pattern would be tried at every character
        text = _SUPERSCRIPT.sub(lambda m: " " * len(m.group(0)), text)
    text, math_spans = flatten_math_numbers(text)
    times = find_times(text)
    relative = [
        TimeExpr(r.start, r.end, r.period, relative=True)
        for r in _anchored(text, find_relative(text, ctx.doc_date), times.exprs)
        if not any(r.start < t.end and t.start < r.end for t in times.exprs)
    ]
    relative += q_period.anaphoric_times(text, times.exprs, relative, ctx.period)
    relative += q_period.earlier_times(text, times.exprs, relative)
    excluded = SpanSet(
        [
            *excluded_spans(text),
            *times.names,
            *((t.start, t.end) for t in relative),
            *(m.span() for m in _CN_TITLE.finditer(text)),
            *(m.span() for m in _BRACKET_REF.finditer(text)),
        ]
    )
    raws = scan(text, excluded, SpanSet(list(times.dates)))
    if not raws:
        return []
    spans = SpanSet([(r.number_start, r.end) for r in raws])
    exprs = sorted([t for t in times.exprs if not spans.overlaps(t.start, t.end)] + relative, key=lambda t: t.start)
    sents = sentences(text)
    located = _locate(text, raws, sents)
    resolved: list[_Located] = []
    for loc in located:
        done = _resolve_unit(text, loc, sents, resolved)
        if done is not None:
            resolved.append(done)
    located = resolved
    figures = [(loc.raw.start, loc.raw.after) for loc in located]
    listed_years = respective_years(text, [(loc.raw.start, loc.raw.end) for loc in located])
    out: list[Quantity] = []
    previous_kind: dict[tuple[int, int], tuple[Kind | None, int]] = {}  # clause → (cue kind carried on, figure end)
    ends_in_clause: dict[tuple[int, int], int] = {}  # clause → the furthest end of its figures so far
    first_of: dict[tuple[str | None, float, float | None], Quantity] = {}  # (unit, value, max) → first such figure
    for i, loc in enumerate(located):
        r = loc.raw
        clause = (loc.clause.start, loc.clause.end)
        sentence = sents[loc.sentence] if sents else Segment(0, len(text))
        period, bound = _period_in_change(text, loc, (sentence, sents), exprs, figures)
        period = listed_years.get(i, period)
        from_context = period is None
        if period is None:
            period = ctx.period
        if period is not None and ((from_context and not ctx.stage) or (bound is not None and bound.relative)):
            period = _level_at_span_end(text, loc, period)
        if r.unit in _DURATIONS:
            period, bound = _duration_period(text, r, period, bound, ctx)
        period = q_period.lasting_span(text, r.start, period) or period
        period = q_change.over_span(text, loc.clause.start, loc.raw.start, period)
        read = _kind(text, loc, bound, previous_kind.get(clause), sentence, (exprs, ctx))
        kind, cued, carry = _start_is_actual(text, r.start, read)
        previous_kind[clause] = (carry, r.after)
        aims = r.approx in ("at least", "at most", "about") or bool(
            _AIM_BEFORE.search(text, max(loc.clause.start, r.start - 20), r.start)
        )
        if not cued and period is None and ctx.kind is not None and aims:
            kind = ctx.kind  # a dateless aim under "重点任务", "Targets": what the heading announces
        if not cued and period is not None and r.unit not in _WEIGHTS:
            kind = _context_kind(ctx, period, from_context or (bound is not None and bound.relative), kind, aims)
        lo = ends_in_clause.get(clause, loc.clause.start)
        ends_in_clause[clause] = max(lo, r.after)
        nxt = figures[i + 1][0] if i + 1 < len(figures) and figures[i + 1][0] < loc.clause.end else loc.clause.end
        if period is None and kind is Kind.TARGET:
            # a target's deadline later in its clause dates it: "a target of 70 percent ... by 2025"
            deadline = next((t for t in exprs if t.by and r.after <= t.start and t.end <= loc.clause.end), None)
            period = deadline.period if deadline is not None else None
        q_start, q_end = widen(r.start, r.end, math_spans)
        q = Quantity(
            start=q_start,
            end=q_end,
            text=text_in[q_start:q_end],
            value=float(r.value),
            unit=r.unit,
            value_max=float(r.value_max) if r.value_max is not None else None,
            approx=r.approx,
            comparator=comparator(r.approx, kind, text, loc.clause.start, r.start),
            per=r.per,
            scale=float(r.scale),
            period=period,
            as_of=period if bound is not None and bound.as_of else None,
            kind=kind,
            subject=_as_printed(subject(text, lo, r.start, r.end, nxt, r.noun), text, text_in, nxt, traditional)
            or (out[-1].subject if out and out[-1].start >= loc.clause.start else ""),
        )
        earlier = first_of.setdefault((q.unit, q.value, q.value_max), q)
        if (period is None or not cued) and earlier is not q:
            q = q.model_copy(
                update={
                    "period": period if period is not None else earlier.period,
                    "kind": kind if cued else earlier.kind,
                }
            )
        out.append(q)
    return out


def _as_printed(phrase: str, folded: str, printed: str, end: int, traditional: bool) -> str:
    """A subject read from the folded text, in the script the document prints (same offsets)."""
    if not traditional or not phrase:
        return phrase
    at = folded.rfind(phrase, 0, end + len(phrase))
    return printed[at : at + len(phrase)] if at >= 0 else phrase


def _anchored(text: str, found: list[RelativeTime], times: tuple[TimeExpr, ...]) -> list[RelativeTime]:
    """Span phrases ("the next five years") counted from the year their own sentence names before them."""
    if not any(r.span for r in found):
        return found
    sents = sentences(text)
    out = []
    for r in found:
        sent = next((s for s in sents if s.start <= r.start < s.end), None)
        years = [
            t
            for t in times
            if sent is not None and sent.start <= t.start and t.end <= r.start and re.fullmatch(r"\d{4}", t.period)
        ]
        out.append(anchor_span(r, int(years[-1].period)) if r.span and years else r)
    return out


def _locate(text: str, raws: list[RawQuantity], sents: list[Segment]) -> list[_Located]:
    starts = [s.start for s in sents]
    out: list[_Located] = []
    split: dict[int, tuple[list[Segment], list[int]]] = {}  # a sentence's clauses, split once for all its figures
    for r in raws:
        i = max(0, bisect_right(starts, r.start) - 1)
        sentence = sents[i] if sents else Segment(0, len(text))
        if i not in split:
            cls = clauses(text, sentence)
            split[i] = (cls, [c.start for c in cls])
        cls, clause_starts = split[i]
        if not cls:
            out.append(_Located(r, i, sentence, True))
            continue
        j = max(0, bisect_right(clause_starts, r.start) - 1)
        out.append(_Located(r, i, cls[j], j == 0))
    return out


def _resolve_unit(text: str, loc: _Located, sents: list[Segment], earlier: list[_Located]) -> _Located | None:
    """A bare number counts what its sentence says it counts, or it is dropped.

    "a population of 1.4 billion" counts persons; "the number of industrial robots installed ... grew from 159,000"
    counts robots; "more than 440,000 articles, surpassing the United States with about 420,000" repeats the
    unit of the count before it in the sentence.
    """
    r = loc.raw
    if r.unit:
        return loc
    lo = sents[loc.sentence].start if sents else 0
    word: str | None = None
    if _POPULATION_OF.search(text, max(lo, r.start - 30), r.start):
        word = "population"
    subject = _SUBJECT_BEFORE.search(text, max(lo, r.start - 60), r.start)
    if subject is not None and subject.group(1).lower() not in _AMOUNT_NOUNS and units.looks_plural(subject.group(1)):
        word = subject.group(1)
    for m in reversed(list(_NUMBER_OF.finditer(text, lo, r.start))):
        if word is not None:
            break
        plural = [w for w in m.group(1).split() if units.looks_plural(w)]
        if plural:
            word = plural[0]
    if word is None:
        before = [e.raw for e in earlier if e.sentence == loc.sentence and e.raw.noun and e.raw.start < r.start]
        if before:
            prev = before[-1]
            return _Located(replace(r, unit=prev.unit, noun=prev.noun), loc.sentence, loc.clause, loc.first_clause)
        return None
    return _Located(
        replace(r, unit=units.normalise_count_noun(word), noun=word), loc.sentence, loc.clause, loc.first_clause
    )


def _period(
    text: str,
    loc: _Located,
    sentence: Segment,
    sents: list[Segment],
    exprs: list[TimeExpr],
    figures: list[tuple[int, int]],
) -> tuple[str | None, TimeExpr | None]:
    r = loc.raw
    over = q_period.comparison_span(text, r.start, r.after, r.unit, (sentence.start, sentence.end), exprs)
    if over is not None:
        return over, None
    t = q_period.choose(text, r.start, r.after, (loc.clause.start, loc.clause.end), exprs, figures)
    if t is None:
        t = q_period.fronting(text, sentence.start, exprs)
    if t is None:
        t = next((g for g in reversed(exprs) if g.goal and sentence.start <= g.start and g.end <= r.start), None)
    if t is None and loc.first_clause and loc.sentence > 0 and sents:
        t = _earlier_in_sentence(text, sents, loc.sentence, exprs)
        if t is not None and t.by:
            return t.period, t  # "到2030年，…；培育…300家": the deadline opening the sentence governs its parts
        if t is not None:
            # carried from an earlier sentence, a fiscal year ("budgets for fiscal year 2024. … China announced a
            # 10 percent increase") is only the year: the sentence may be about another government's calendar
            return q_period.event_year(text, t, r.start).removeprefix("FY"), (t if t.relative else None)
    if t is None:
        return None, None
    tight = q_period.tight_after(text, r.after, [t]) is t or t.as_of
    return (t.period if tight else q_period.event_year(text, t, r.start)), t


def _period_in_change(
    text: str,
    loc: _Located,
    sentence: tuple[Segment, list[Segment]],
    exprs: list[TimeExpr],
    figures: list[tuple[int, int]],
) -> tuple[str | None, TimeExpr | None]:
    """`_period`, except at the ends of a change "from A to B" (`q_change`): the end does not take a time from
    the start's part, and the start does not take the deadline that governs the change."""
    r = loc.raw
    period, bound = _period(text, loc, sentence[0], sentence[1], exprs, figures)
    if bound is None:
        return period, bound
    part = q_change.start_part(text, r.start, loc.clause.start, figures)
    if part is not None and part[0] <= bound.start and bound.end <= part[1]:
        rest = [t for t in exprs if not (part[0] <= t.start and t.end <= part[1])]
        return _period(text, loc, sentence[0], sentence[1], rest, figures)
    if bound.by and bound.end <= r.start and q_change.starts_change(text, r.start):
        return None, None  # "到2035年，…从目前的2.4%提高到3.0%": the start is where things stand, not the deadline
    return period, bound


_LEVEL_DURATION_BEFORE = re.compile(
    r"(?:延长|缩短|压缩|减少|降低|提高|增加)(?:至|到)\s*$|\b(?:extended|shortened|cut|reduced|raised)\s+to\s*$", re.I
)
_TIME_TO_ACHIEVE = (re.compile(r"(?:力争)?(?:利用|用)\s*$"), re.compile(r"(?:左右)?(?:的)?时间"))


def _duration_period(
    text: str, r: RawQuantity, period: str | None, bound: TimeExpr | None, ctx: FigureContext
) -> tuple[str | None, TimeExpr | None]:
    """A length of time is not dated by its sentence ("for 20 years"), unless it is a level set (停留时间延长至240
    小时, "extended to 90 days": dated like any level) or the time a plan gives itself (利用2-3年时间, dated from
    the document's year to the end of that time)."""
    head = text[max(0, r.start - 12) : r.start]
    if _LEVEL_DURATION_BEFORE.search(head):
        return period, bound
    if _TIME_TO_ACHIEVE[0].search(head) and _TIME_TO_ACHIEVE[1].match(text, r.after) and ctx.doc_date is not None:
        longest = r.value_max if r.value_max is not None else r.value
        if r.unit == "years" and 0 < longest <= 30:
            return f"{ctx.doc_date.year}-{ctx.doc_date.year + int(longest)}", None
    return None, None


def _earlier_in_sentence(text: str, sents: list[Segment], index: int, exprs: list[TimeExpr]) -> TimeExpr | None:
    """The time that dates a figure from before its own sentence: the last one of the previous sentence ("launched
    in 2014. It announced X"), or — across parts of one sentence split at semicolons ("2020年，制造业增加值将达…；
    …；高技术产业增加值将达X") — the last one of the nearest earlier part that has one."""
    parts = []  # the earlier parts of the figure's own sentence, nearest first
    j = index - 1
    while j >= 0 and text[sents[j].start : sents[j].end].rstrip().endswith(("；", ";")):
        parts.append(sents[j])
        j -= 1
    if not parts:
        prev = sents[index - 1]
        return q_period.last_usable(exprs, prev.start, prev.end)
    opening = q_period.fronting(text, parts[-1].start, exprs)
    if opening is not None and opening.by:
        return opening
    return next((t for part in parts if (t := q_period.last_usable(exprs, part.start, part.end))), None)


def _start_is_actual(text: str, start: int, read: tuple[Kind, bool, Kind | None]) -> tuple[Kind, bool, Kind | None]:
    """The starting point of a change is where things stand, whatever cue or deadline makes the change a target
    ("is to increase from 15% (2020) to 56% (2025)", "到2030年，由目前的41%提高到45%")."""
    kind, cued, carry = read
    if kind in (Kind.TARGET, Kind.FORECAST) and q_change.starts_change(text, start):
        return Kind.ACTUAL, True, carry
    return kind, cued, carry


def _kind(
    text: str,
    loc: _Located,
    bound: TimeExpr | None,
    previous: tuple[Kind | None, int] | None,
    sentence: Segment,
    times: tuple[list[TimeExpr], FigureContext],
) -> tuple[Kind, bool, Kind | None]:
    """The figure's kind, whether a cue (rather than the default) decided it, and the cue's kind that the next
    figure of a list inherits (`_start_is_actual` then reads the start of a change)."""
    r = loc.raw
    if _EXISTING_BEFORE.search(text, max(loc.clause.start, r.start - 24), r.start):
        return Kind.ACTUAL, True, None
    count = r.unit not in _COUNT_KINDS and r.unit not in _CURRENCIES and r.noun is not None
    lo = loc.clause.start if previous is None else max(loc.clause.start, previous[1])
    # the window of a count's cue is measured from where the figure's words begin ("more than 1,500 robots")
    qualifier = _QUALIFIER_BEFORE.search(text, max(lo, r.start - 20), r.start)
    words_start = qualifier.start() if qualifier is not None else r.start
    cue = q_kind.cue_before(text, lo, words_start, count=count) or q_kind.colon_cue(text, sentence.start, r.start)
    governing = cue.kind if cue is not None else (previous[0] if previous is not None else None)
    if governing is not None:
        return governing, True, governing  # also a list under one cue: "as 15.1% in 2014, 13.8% in 2016"
    if bound is not None and bound.goal and bound.end <= r.start:
        return Kind.TARGET, True, None
    exprs, ctx = times
    if (
        bound is not None
        and bound.by
        and not (bound.end <= r.start and q_kind.happened_by(text, bound.end, r.start))
        and not _before_document(bound.period, ctx)  # "By 2021 China accounted for …" written in 2023
    ):
        return Kind.TARGET, True, None
    after = q_kind.cue_after(text, r.after, loc.clause.end)
    if after is not None:
        return after, True, None
    front = q_period.fronting(text, sentence.start, exprs)
    if front is not None and front.by and not q_kind.happened_by(text, front.end, r.start):
        if _before_document(front.period, ctx):
            return Kind.ACTUAL, False, None
        return Kind.TARGET, True, None
    return Kind.ACTUAL, False, None


_CURRENCIES = frozenset({*units.CURRENCY_PREFIX.values(), *units.CURRENCY_SUFFIX.values()})
_LEVEL_BEFORE = re.compile(rf"(?:{_CHANGE_VERBS}|降|升|增|达)(?:到|至)\s*$|(?:达到?|稳定在|保持在|突破|为)\s*$")
"""A level reached ("增加到121万亿元", "提高到65.2%", "达86.5%"), as against a change or a flow over a span."""


def _level_at_span_end(text: str, loc: _Located, period: str) -> str:
    """Over a span ("过去五年"), a level reached is dated at the span's end; changes and flows keep the span."""
    r = loc.raw
    head = text[max(loc.clause.start, r.start - 12) : r.start]
    head = re.sub(r"(?:超过|约|近|接近|逾|达)$", "", head) if not head.endswith(("达", "达到")) else head
    return span_end(period) if _LEVEL_BEFORE.search(head) else period


_EXISTING_BEFORE = re.compile(r"(?:现有|已有|现存)[^，。；,;]{0,20}$")
"""What exists already (在现有40项…的基础上) is where things stand, in a plan too; unlike a cue word it does not
carry over to the next figure of its sentence ("…的基础上，再新增25项")."""
_AIM_BEFORE = re.compile(r"达到?|实现|完成|新增|新建|建成|建设|提高|提升|增加|增长|覆盖|纳入|扩大|降低|减少|力争|确保")


def _context_kind(ctx: FigureContext, period: str, from_context: bool, kind: Kind, aims: bool) -> Kind:
    """An uncued figure under a heading that announces targets (for its year), or dated by context at or after
    the document's own year (今年 in a report issued in that year) in a clause that states an aim — a floor or
    ceiling (以上, 以内) or an achievement verb (达到, 完成, 新增) — is a target."""
    first = int(period[:4]) if period[:4].isdigit() else None
    if first is None or _before_document(period, ctx):
        return kind
    if ctx.kind is not None and (ctx.kind_year is None or first >= ctx.kind_year):
        return ctx.kind
    if from_context and aims and ctx.doc_date is not None and first >= ctx.doc_date.year:
        return Kind.TARGET
    return kind


def _before_document(period: str, ctx: FigureContext) -> bool:
    """A period over before the document was written (July's figures in an August release, "By 2021" in a
    2023 paper) is reported, never aimed at."""
    date = ctx.doc_date
    if date is None:
        return False
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-\d\d)?", period)
    if m is None:
        return False
    if m.group(2) is not None and date.month is not None:
        return (int(m.group(1)), int(m.group(2))) < (date.year, date.month)
    return int(m.group(1)) < date.year
