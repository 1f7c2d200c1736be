"""Answer a question from the store: retrieve passages, score the figures in them, build an answer card.

The card is honest by construction: every value on it is a stored fact or table cell inside a retrieved
passage, quoted with that passage's anchor. Candidates come from the retrieved passages and from passages
holding stored figures of the year asked; the fitted ranker orders them, and the card gives a figure only
when the fitted confidence clears the threshold that keeps wrong answers rare. Otherwise it says "not
found" and lists the closest figures' passages instead of guessing. When figures from different passages
differ and only together are sure enough, all of them are shown with their periods (a dispute); two
periods that fit alike when none is asked give an "ambiguous" card that chooses neither.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from sinoscope.answer.candidates import Candidate, collect
from sinoscope.answer.composite import asks_for_several, formula, growth_rate, growth_years, without_growth_words
from sinoscope.answer.curated import quoted, siblings, source_observation
from sinoscope.answer.entities import Lexicon
from sinoscope.answer.glossary import translate
from sinoscope.answer.meaning import centred_similarity, own_words
from sinoscope.answer.names import names_in
from sinoscope.answer.question import Question, UnitType, asks_upper_bound, is_chinese, parse_question, words
from sinoscope.answer.ranker import (
    FEATURES,
    Model,
    Ranked,
    confidence,
    confidence_features,
    features,
    model,
    value_key,
    value_probabilities,
)
from sinoscope.answer.scope import (
    MAX_NAMED,
    document_years,
    in_named_report,
    named_documents,
    title_words,
    without_title_words,
)
from sinoscope.answer.scoring import (
    Scored,
    WordIndex,
    document_missing,
    score,
    term_weights,
    unit_type,
)
from sinoscope.errors import NotFoundError
from sinoscope.extraction.relative_periods import find_relative
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.linking import AliasIndex
from sinoscope.knowledge.measures import Observation
from sinoscope.retrieval import bilingual
from sinoscope.retrieval.embedding import Embedder
from sinoscope.store.base import Store

DISAGREE_WITHIN = 0.95
"""Figures scoring at least this fraction of the best one, with a different value, are shown as disputes."""
SAME_VALUE = 0.005
PASSAGES = 20
DOCUMENTS_KEPT = 64
FACT_PASSAGES = 5
SCOPED_PASSAGES = 4
"""Passages searched inside each document the question names through its title (`scope`)."""
FACT_PASSAGE_SHARE = 0.5
"""A passage with a stored figure of the year asked becomes a candidate when it holds half the question's words."""
FACT_SECTIONS_READ = 400
"""At most this many such passages are read per question: a large store has thousands of figures a year."""
SHOWN_PASSAGES = 5
CLOSEST = 3
"""A "not found" card lists first the passages of the figures that came closest, then the best retrieved."""

Search = Callable[[str, int], Sequence[str]]
"""(query, limit) → passage anchors, best first."""


class Status(StrEnum):
    FOUND = "found"
    DISAGREEMENT = "disagreement"
    NOT_FOUND = "not found"
    NO_FIGURE = "no figure asked"
    """The question asks why or how, not for a number: the card lists the closest passages only."""
    AMBIGUOUS = "ambiguous"
    """Equally good figures for different periods and the question names none: all are shown, none chosen."""
    SEVERAL = "needs several figures"
    """A list, comparison or ranking: the figures found are shown, each cited, none stands for the answer."""
    COMPUTED = "computed"
    """Growth between two years, computed from two cited figures; the formula is on the card."""


MAX_QUESTION = 500
"""Longer input is not answered: a question is a sentence, and a page pasted in (or one question repeated)
asks for no one figure; its beginning is searched so the card still lists passages."""
_WHY = re.compile(
    r"^\s*(?:why|explain|describe|what (?:is|are) the (?:reasons?|purpose|role)"
    r"|how (?:does|do|did|can|could|should|will|is|are)\b(?!.*\b(?:much|many)\b))"
    r"|为什么|为何|原因|怎么样|如何(?!.*(?:多少|几))",
    re.IGNORECASE,
)
"""A question for reasons or ways ("why did the fund invest?", "为什么…"): no figure answers it."""


@dataclass(frozen=True)
class AnswerItem:
    value: float
    unit: str
    printed: str
    period: str | None
    kind: str
    anchor: str
    doc_id: str
    line: int | None
    quote: str
    source: str
    as_of: str | None
    score: float
    also_in: tuple[str, ...] = ()
    """Other passages stating the same value."""
    publisher: str | None = None
    """Who produced the figure, when the knowledge base records it."""
    formula: str | None = None
    """For a computed answer: how it follows from the cited inputs listed after it on the card."""


@dataclass(frozen=True)
class Passage:
    anchor: str
    line: int
    text: str


@dataclass(frozen=True)
class Answer:
    question: str
    status: Status
    answers: tuple[AnswerItem, ...]
    """Best first; more than one only when sources disagree."""
    passages: tuple[Passage, ...]
    """The passages the answer rests on first, then the best retrieved ones."""
    parsed: Question
    notes: tuple[str, ...] = field(default=())

    @property
    def best(self) -> AnswerItem | None:
        """The answer, when the card gives one (an ambiguous or several-figure card chooses none)."""
        if self.status in (Status.AMBIGUOUS, Status.SEVERAL):
            return None
        return self.answers[0] if self.answers else None

    def to_json(self) -> dict[str, Any]:
        q = self.parsed
        notes = {"notes": list(self.notes)} if self.notes else {}
        return notes | {
            "question": self.question,
            "status": str(self.status),
            "answers": [asdict(a) for a in self.answers],
            "passages": [asdict(p) for p in self.passages],
            "parsed": {
                "terms": list(q.terms),
                "years": list(q.years),
                "unit_type": str(q.unit_type) if q.unit_type else None,
                "kind": q.kind,
                "publisher": q.publisher,
                "entities": [m.entity for m in q.entities],
            },
        }


_KB_INDEXES: dict[int, tuple[KnowledgeBase, AliasIndex, Lexicon]] = {}
_KB_INDEXES_KEPT = 4


def _indexes(kb: KnowledgeBase) -> tuple[AliasIndex, Lexicon]:
    """The names of `kb` indexed for questions (aliases) and for passages (lexicon), once per knowledge base
    rather than once per question: a server answers every question over the same parsed knowledge base
    (`app.workspace` keeps one per digest), and indexing its ~1,000 entries twice was a fifth of an answer's
    time. All three are immutable, so sharing them between requests is safe."""
    kept = _KB_INDEXES.get(id(kb))
    if kept is None or kept[0] is not kb:
        while len(_KB_INDEXES) >= _KB_INDEXES_KEPT:
            _KB_INDEXES.pop(next(iter(_KB_INDEXES)), None)
        kept = (kb, AliasIndex.from_kb(kb), Lexicon.from_kb(kb))  # holding kb keeps its id from being reused
        _KB_INDEXES[id(kb)] = kept
    return kept[1], kept[2]


_DOCUMENT_WORDS: dict[tuple[str, str, str, str], WordIndex] = {}
_DOCUMENT_WORDS_LOCK = threading.Lock()


def document_words(store: Store, doc_id: str) -> WordIndex:
    """Every word of a document and its title, with the proper names in them (pinyin included), kept for
    the process by the document's content, derivation and title: the application answers each question
    with a new answerer, and splitting and romanizing a long report's text took 0.4 s of a cold question
    (against 0.16 s warm). A document re-ingested with other content, or re-derived, gets a new key."""
    try:
        info = store.get_document(doc_id)
    except NotFoundError:
        return WordIndex.of(frozenset())
    key = (doc_id, info.content_hash, info.derived_version, info.title or "")
    kept = _DOCUMENT_WORDS.get(key)
    if kept is not None:
        return kept
    title = info.title or ""
    try:
        text = store.document_text(doc_id)
    except NotFoundError:
        text = ""
    index = WordIndex.of(frozenset(words(title)) | frozenset(words(text)) | names_in(f"{title} {text}"))
    with _DOCUMENT_WORDS_LOCK:
        while len(_DOCUMENT_WORDS) >= DOCUMENTS_KEPT:
            _DOCUMENT_WORDS.pop(next(iter(_DOCUMENT_WORDS)))
        _DOCUMENT_WORDS[key] = index
    return index


def _aliases(kb: KnowledgeBase | None) -> AliasIndex | None:
    return _indexes(kb)[0] if kb is not None else None


SEVERAL_SHOWN = 8
SEVERAL_WITHIN = 0.6
"""A list shows the figures scoring at least this share of the best one."""
INPUT_DEPTH = 5
RIVAL_WITHIN = 0.9
"""Two figures whose probabilities are this close, for different periods, are equally good answers."""


def _confidence(ranked: Sequence[Ranked], shown: Sequence[Ranked], m: Model) -> float:
    """How sure the ranking is that the answer is one of the values `shown`: their probability, its lead over
    the best figure of another value, and the weakest one's own score (`ranker.confidence`). Two sources
    that disagree split the probability between them, so neither alone is sure, but a card showing both is."""
    values = [r.scored.candidate.value for r in shown]
    mass = sum(r.p for r in shown)
    outside = max((r.p for r in ranked if not any(_same(r.scored.candidate.value, v) for v in values)), default=0.0)
    weakest = min(shown, key=lambda r: r.z)
    return confidence(confidence_features(mass, outside, weakest.z, weakest.features), m)


def _sources(ranked: Sequence[Ranked]) -> list[tuple[Ranked, list[str]]]:
    """The values the card shows, each with the other passages stating it: the best figure, and figures of
    other passages describing the same measure as well (a dispute between sources)."""
    top = ranked[0].scored
    groups: list[tuple[Ranked, list[str]]] = []
    for r in ranked:
        s = r.scored
        if s.score < DISAGREE_WITHIN * top.score:
            continue
        if unit_type(s.candidate.unit) is not unit_type(top.candidate.unit) or s.year_ok != top.year_ok:
            continue
        if s.candidate.kind != top.candidate.kind:
            continue  # a target and the outcome of its year are the target-vs-actual comparison, not a dispute
        if s.coverage < top.coverage - 0.05:
            continue
        if s is not top and s.candidate.anchor == top.candidate.anchor and not _restated(s, top):
            continue  # another figure of the same passage: a neighbour, not a second source
        for best, also in groups:
            b = best.scored.candidate
            if _same(b.value, s.candidate.value) and _same_unit(b.unit, s.candidate.unit):
                if s.candidate.anchor != b.anchor and s.candidate.anchor not in also:
                    also.append(s.candidate.anchor)
                break
        else:
            groups.append((r, []))
    return groups


def _period_rival(q: Question, ranked: Sequence[Ranked]) -> Ranked | None:
    """When the question names no period, a figure as likely as the best one for another period of the same
    measure (same unit, same kind of sentence) means the question cannot choose between them."""
    if q.years or len(ranked) < 2:
        return None
    top = ranked[0]
    a = top.scored.candidate
    for r in ranked[1:]:
        if r.p < RIVAL_WITHIN * top.p:
            return None
        b = r.scored.candidate
        if _same(a.value, b.value) or a.unit != b.unit or a.kind != b.kind:
            continue
        if a.period and b.period and a.period != b.period and abs(r.scored.coverage - top.scored.coverage) < 0.05:
            return r
    return None


def ruled_out(s: Scored) -> bool:
    """A figure dated another year than the one asked is never the answer: "imports in 2015" is not
    answered by the 2021 figure. Nor is a figure nothing ties to the source the question names: asked
    "according to X", another estimate in a passage silent on X is not X's figure."""
    other = s.year_ok is False and s.candidate.period is not None and any(ch.isdigit() for ch in s.candidate.period)
    return other or s.publisher_ok is False


@dataclass(frozen=True)
class Ranking:
    anchors: tuple[str, ...]
    ranked: tuple[Ranked, ...]
    confidence: float = 0.0
    """How likely the first candidate is the answer (`ranker.confidence`)."""


def _restated(s: Scored, top: Scored) -> bool:
    """Does one passage give two values for the same period in two sentences ("set at 49% by 2020. ... revised
    to 58% by 2020")? Then both are shown, as from two sources."""
    a, b = s.candidate, top.candidate
    if a.source == "table":
        return False  # a table's rows are different things measured alike, never one thing stated twice
    same_measure = a.period is not None and (a.period, a.kind, a.unit) == (b.period, b.kind, b.unit)
    return same_measure and a.quote != b.quote and not _same(a.value, b.value)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b), 1e-12)


def _same_unit(a: str, b: str) -> bool:
    return a == b or unit_type(a) is unit_type(b) is UnitType.COUNT


def _item(s: Scored, also: Sequence[str] = ()) -> AnswerItem:
    c: Candidate = s.candidate
    return AnswerItem(
        value=c.value,
        unit=c.unit,
        printed=c.printed,
        period=c.period,
        kind=c.kind,
        anchor=c.anchor,
        doc_id=c.doc_id,
        line=c.line,
        quote=c.quote,
        source=c.source,
        as_of=c.as_of,
        score=round(s.score, 4),
        also_in=tuple(also),
        publisher=c.publisher,
    )


class Answerer:
    """Answers questions over one store with a passage search function and (optionally) the knowledge base."""

    def __init__(
        self, store: Store, search: Search, kb: KnowledgeBase | None = None, embedder: Embedder | None = None
    ) -> None:
        """`embedder`: the dense search's, for the ranker's `meaning` feature (None: words alone)."""
        self._store = store
        self._embedder = embedder
        self._model = model(words_only=embedder is None)
        self._search = search
        self._kb = kb
        self._aliases = _aliases(kb)
        self._lexicon = _indexes(kb)[1] if kb is not None else Lexicon()
        self._dates: dict[str, str | None] = {}
        self._doc_words: dict[str, WordIndex] = {}
        self._title_words: dict[str, frozenset[str]] = {}
        self._doc_years: dict[str, frozenset[str]] = {}
        self._curated: dict[str, list[Observation]] = {}
        for o in kb.observations() if kb is not None else ():
            for citation in o.sources:
                if citation.anchor:
                    self._curated.setdefault(citation.anchor, []).append(o)

    def _text(self, anchor: str) -> str:
        try:
            return self._store.get_block(anchor).text
        except NotFoundError:
            return ""

    def _linked(self, c: Candidate) -> Candidate:
        """The candidate with what the knowledge base records about the same figure in the same passage."""
        for o in self._curated.get(c.anchor, ()):
            if o.unit == c.unit and _same(o.value, c.value):
                return replace(c, indicator=o.indicator, entity=o.entity, publisher=c.publisher or o.publisher)
        return c

    def _retrieve(self, q: Question, translated: str) -> list[str]:
        """Passages for the question, and for its reading in the other language: each language searched
        on its own (one language's words would crowd the other's out of one ranking), then interleaved."""
        first = list(self._search(self._query(q), PASSAGES))
        if not translated:
            return list(dict.fromkeys(first))
        second = list(self._search(translated, PASSAGES // 2))
        merged = [a for pair in itertools.zip_longest(first, second) for a in pair if a is not None]
        return list(dict.fromkeys(merged))[:PASSAGES]

    def _titles(self) -> dict[str, frozenset[str]]:
        docs = self._store.list_documents()
        if {d.doc_id for d in docs} != self._title_words.keys():
            self._title_words = {d.doc_id: title_words(d.title or d.file_name) for d in docs}
            self._doc_years = {d.doc_id: document_years(d.title, d.metadata.get("date")) for d in docs}
        return self._title_words

    def _years(self) -> dict[str, frozenset[str]]:
        """Per document, the years it may be named by (`scope.document_years`), kept with the title words."""
        self._titles()
        return self._doc_years

    def _scoped(self, q: Question, translated: str) -> list[str]:
        """Passages of the documents the question names through their titles or by a report's year, searched
        inside each: a report says 全省 where the question says 岚江省, and one year's work report says what
        every other year's says, so a search over all documents ranks other reports first."""
        out: list[str] = []
        titles = self._titles()
        by_year = sorted(d for d, years in self._doc_years.items() if q.report_year in years)
        if len(by_year) > MAX_NAMED:
            by_year = []  # a year many documents share singles none out
        for doc_id in dict.fromkeys([*named_documents(q.text, titles), *by_year]):
            own = without_title_words(self._query(q), titles[doc_id])
            for query in (own, bilingual.translate(own).text()):
                if query:
                    hits = self._store.search(query, SCOPED_PASSAGES, doc_id=doc_id, snippets=False)
                    out.extend(h.anchor for h in hits)
        return list(dict.fromkeys(out))

    def _fact_anchors(self, views: Sequence[Question | None]) -> list[str]:
        """Passages holding a stored figure dated the year asked, ranked by how much of the question they say.

        A review paragraph states last year's growth as "全年国内生产总值增长3%" without the year, which the
        extractor dated from the report's date; word search over the passage text cannot see that date,
        the facts table can. So the passages with facts of the year asked are candidates too, when they
        hold at least half the question's words (in either language's reading)."""
        q = views[0]
        if q is None or not q.years:
            return []
        readings = [frozenset(v.terms) for v in views if v is not None and v.terms]
        sections = dict.fromkeys(f.section for year in q.years for f in self._store.facts(period=year))
        best: dict[str, float] = {}
        for anchor in itertools.islice(sections, FACT_SECTIONS_READ):
            bag = set(words(self._text(anchor)))
            share = max((len(terms & bag) / len(terms) for terms in readings), default=0.0)
            if share >= FACT_PASSAGE_SHARE:
                best[anchor] = share
        return sorted(best, key=lambda a: -best[a])[:FACT_PASSAGES]

    def _query(self, q: Question) -> str:
        """The question plus the main name of each entity it mentions by another name ("Big Fund")."""
        extra = []
        low = q.text.lower()
        base = q.query or q.text
        for m in q.entities:
            names = self._lexicon.names.get(m.entity, [])
            if names and " ".join(names[0]) not in low:
                extra.append(" ".join(names[0]))
        return " ".join([base, *extra])

    def _document_words(self, doc_id: str) -> WordIndex:
        """Every word of a document and its title (`document_words`), kept per answerer so that one question
        asks the store for the document's record once."""
        if doc_id not in self._doc_words:
            if len(self._doc_words) >= DOCUMENTS_KEPT:
                self._doc_words.pop(next(iter(self._doc_words)))
            self._doc_words[doc_id] = document_words(self._store, doc_id)
        return self._doc_words[doc_id]

    def _names_used(self, names: Sequence[str], doc_id: str) -> bool:
        """Does the document use every proper name the question asks about? A figure from a document that
        never names the place, fund or firm asked for (in any form, pinyin included) is not about it: asked
        for "Ostrava's GDP", China's GDP is not a weaker answer but a wrong one."""
        if not names:
            return True
        index = self._document_words(doc_id)
        return all(index.has(n) for n in names)

    def _doc_date(self, doc_id: str) -> str | None:
        if doc_id not in self._dates:
            try:
                self._dates[doc_id] = self._store.get_document(doc_id).metadata.get("date")
            except NotFoundError:
                self._dates[doc_id] = None
        return self._dates[doc_id]

    def _dated(self, q: Question, doc_id: str) -> Question:
        """The question with its relative years ("last year", 去年) read against the document's own date; a
        document without a date leaves them unresolved (never the date of today)."""
        found = find_relative(q.text, self._doc_date(doc_id))
        if not found:
            return q
        years = [r.period.rpartition("-")[2] if r.span else r.period[:4] for r in found]
        return replace(q, years=tuple(dict.fromkeys(years)))

    def _other(self, q: Question, other: str) -> Question | None:
        """The question read in the other language (for documents written in it), with what it asks for
        (years, unit type, kind, figures) kept from the original."""
        if not other:
            return None
        t = parse_question(other, self._aliases)
        return replace(
            t, text=q.text, years=q.years, unit_type=q.unit_type, currency=q.currency, count_noun=q.count_noun,
            kind=q.kind, numbers=q.numbers, publisher=q.publisher, publisher_terms=q.publisher_terms, names=q.names,
        )  # fmt: skip

    def parse(self, question: str) -> Question:
        """The question read with this answerer's knowledge-base names."""
        return parse_question(question, self._aliases)

    def rank(self, q: Question) -> Ranking:
        """Every candidate figure for the question, most likely answer first (the card's raw material)."""
        translated = translate(q.text)
        other = self._other(q, translated)
        anchors = self._retrieve(q, translated)
        anchors += [a for a in self._scoped(q, translated) if a not in anchors]
        anchors += [a for a in self._fact_anchors((q, other)) if a not in anchors]
        texts = [self._text(a) for a in anchors]
        zh_question = is_chinese(q.text)
        cands = collect(self._store, anchors)
        if q.report_year is not None:  # most questions name no report: no second listing of the documents
            allowed = in_named_report(q.report_year, sorted({c.doc_id for c in cands}), self._years())
            cands = [c for c in cands if c.doc_id in allowed]
        if asks_upper_bound(q.text):  # a range answers with the end asked for
            cands = [replace(c, value=c.value_max) if c.value_max is not None else c for c in cands]
        triples: list[tuple[Scored, Question, bool, float]] = []
        for view in (q, other):
            if view is None:
                continue
            same_language = view is q
            mine = [
                c
                for c in cands
                if (is_chinese(c.quote) == zh_question) == same_language and self._names_used(q.names, c.doc_id)
            ]
            if not mine:
                continue
            weights = term_weights(view.terms, texts)
            missing = document_missing(view.terms, view.text, {c.doc_id: self._document_words(c.doc_id) for c in mine})
            dated = {c.doc_id: self._dated(view, c.doc_id) for c in mine}
            scored = [score(dated[c.doc_id], self._linked(c), self._lexicon, weights) for c in mine]
            triples.extend(
                (x, dated[x.candidate.doc_id], not same_language, missing[x.candidate.doc_id]) for x in scored
            )
        by_score = sorted((t[0] for t in triples), key=lambda y: -y.score)
        top = by_score[0] if by_score else None
        runner_up = (
            next((y.score for y in by_score if not _same(y.candidate.value, top.candidate.value)), 0.0) if top else 0.0
        )
        triples = [t for t in triples if t[0].score > 0]  # another unit type, or a number of the question itself
        meanings = centred_similarity(self._embedder, q.text, [own_words(t[0].candidate) for t in triples])
        rows = []
        for (x, view, translated_view, doc_missing), meaning in zip(triples, meanings, strict=True):
            if top is None:
                continue
            best_other = runner_up if _same(x.candidate.value, top.candidate.value) else top.score
            rows.append((x, features(view, x, translated_view, best_other, doc_missing, meaning)))
        keys = [value_key(x.candidate.value, x.candidate.unit, x.candidate.period) for x, _ in rows]
        ps, zs = value_probabilities([f for _, f in rows], keys, self._model)
        ranked = [Ranked(x, f, p, z) for (x, f), p, z in zip(rows, ps, zs, strict=True)]
        ranked.sort(key=lambda r: (-r.p, -r.z, r.scored.candidate.rank))
        sure = _confidence(ranked, [ranked[0]], self._model) if ranked else 0.0
        return Ranking(tuple(anchors), tuple(ranked), sure)

    def ask(self, question: str) -> Answer:
        notes: list[str] = []
        too_long = len(question) > MAX_QUESTION
        question = question[:MAX_QUESTION]
        q = parse_question(question, self._aliases)
        if too_long:
            notes.append(
                f"the question is longer than {MAX_QUESTION} characters: no figure is given for it (ask one "
                "question at a time); the passages closest to its beginning are listed"
            )
            anchors = list(dict.fromkeys(self._search(self._query(q), PASSAGES)))
            return Answer(question, Status.NOT_FOUND, (), self._passages([], anchors), q, tuple(notes))
        if not q.terms:
            anchors = list(self._search(question, PASSAGES)) if question.strip() else []
            notes.append("the question names nothing to look for" if question.strip() else "empty question")
            return Answer(question, Status.NOT_FOUND, (), self._passages([], anchors), q, tuple(notes))
        if _WHY.search(question):
            anchors = list(dict.fromkeys(self._search(self._query(q), PASSAGES)))
            notes.append("this asks for no figure: the closest passages are listed")
            return Answer(question, Status.NO_FIGURE, (), self._passages([], anchors), q, tuple(notes))
        ranking = self.rank(q)
        anchors = list(ranking.anchors)
        m = self._model
        ranked = [r for r in ranking.ranked if r.scored.score > 0]
        if asks_for_several(q.text):
            return self._several(question, q, ranked, anchors, notes)
        answered = bool(ranked) and not ruled_out(ranked[0].scored)
        rival = _period_rival(q, ranked) if answered else None
        if rival is not None and _confidence(ranked, [ranked[0], rival], m) >= m.threshold:
            pair = (_item(ranked[0].scored), _item(rival.scored))
            notes.append("two figures for different periods fit equally well: name the period to choose one")
            cited = [i.anchor for i in pair]
            return Answer(question, Status.AMBIGUOUS, pair, self._passages(cited, anchors), q, tuple(notes))
        groups = _sources(ranked) if answered and rival is None else []
        shown = ranking.confidence
        if len(groups) > 1:
            shown = max(shown, _confidence(ranked, [r for r, _ in groups], m))
        if not (answered and rival is None and shown >= m.threshold):
            years = growth_years(q)
            computed = self._computed(question, q, years, notes) if years else None
            if computed is not None:
                return computed
            closest = list(dict.fromkeys(r.scored.candidate.anchor for r in ranked))[:CLOSEST]
            return Answer(question, Status.NOT_FOUND, (), self._passages(closest, anchors), q, tuple(notes))
        items = tuple(_item(r.scored, also) for r, also in groups)
        items = self._with_curated(items, q)
        status = Status.DISAGREEMENT if len(items) > 1 else Status.FOUND
        cited = [a for i in items for a in (i.anchor, *i.also_in)]
        return Answer(question, status, items, self._passages(cited, anchors), q, tuple(notes))

    def _several(
        self, question: str, q: Question, ranked: Sequence[Ranked], anchors: Sequence[str], notes: list[str]
    ) -> Answer:
        """A list, comparison or ranking: the distinct figures that describe the measure asked, each cited."""
        keep: list[Ranked] = []
        for r in ranked:
            if len(keep) >= SEVERAL_SHOWN or r.scored.score < SEVERAL_WITHIN * ranked[0].scored.score:
                break
            if ruled_out(r.scored) or any(_same(r.scored.candidate.value, k.scored.candidate.value) for k in keep):
                continue
            keep.append(r)
        if not keep:
            return Answer(question, Status.NOT_FOUND, (), self._passages([], anchors), q, tuple(notes))
        notes.append(
            f"this needs several figures: {len(keep)} found are shown, each with its passage; check that the list "
            "is complete before comparing"
        )
        items = tuple(_item(r.scored) for r in keep)
        cited = [i.anchor for i in items]
        return Answer(question, Status.SEVERAL, items, self._passages(cited, anchors), q, tuple(notes))

    def _input(self, q: Question, year: str) -> Ranked | None:
        """The figure of the question's measure for one year (an input of a computed growth)."""
        view = replace(q, years=(year,), terms=without_growth_words(q), unit_type=None, head=None, phrase=())
        ranked = self.rank(view).ranked
        for r in ranked[:INPUT_DEPTH]:
            c = r.scored.candidate
            if unit_type(c.unit) is UnitType.PERCENT or r.features[FEATURES.index("year_exact")] != 1.0:
                continue
            return r if _confidence(ranked, [r], self._model) >= self._model.threshold else None
        return None

    def _computed(self, question: str, q: Question, years: tuple[str, str], notes: list[str]) -> Answer | None:
        """Growth between two years from the two cited figures, when no passage states it."""
        first, last = self._input(q, years[0]), self._input(q, years[1])
        if first is None or last is None:
            return None
        a, b = first.scored.candidate, last.scored.candidate
        if a.unit != b.unit or a.value == 0:
            return None
        rate = growth_rate(a.value, b.value)
        shown = formula((a.value, a.printed), (b.value, b.printed), years)
        result = replace(
            _item(last.scored), value=round(rate, 4), unit="%", printed=f"{rate:.1f}%",
            period=f"{years[0]}-{years[1]}", kind="computed", source="computed", quote=shown, formula=shown,
        )  # fmt: skip
        notes.append(f"computed: {shown}; inputs cited below")
        items = (result, _item(first.scored), _item(last.scored))
        cited = [b.anchor, a.anchor]
        return Answer(question, Status.COMPUTED, items, self._passages(cited, []), q, tuple(notes))

    def _with_curated(self, items: tuple[AnswerItem, ...], q: Question) -> tuple[AnswerItem, ...]:
        """The best answer named with its publisher, then other publishers' values for the same measure and
        period, from the knowledge base."""
        if self._kb is None or not items:
            return items
        best = items[0]
        own = source_observation(self._kb, best.anchor, best.value, best.unit)
        if own is None:
            return items
        if best.publisher is None and own.publisher:
            items = (replace(best, publisher=own.publisher), *items[1:])
        if q.publisher and own.publisher and q.publisher.lower() in own.publisher.lower():
            return items  # the question asked for this publisher's figure, not for every estimate
        shown = [i.value for i in items]
        out: list[AnswerItem] = []
        for f in quoted(self._store, siblings(self._kb, own)):
            o = f.observation
            if any(_same(o.value, v) for v in shown):
                continue
            shown.append(o.value)
            out.append(
                AnswerItem(
                    value=o.value, unit=o.unit, printed=f.printed, period=o.period, kind=str(o.kind),
                    anchor=f.anchor, doc_id=f.anchor.partition("#")[0], line=f.line, quote=f.quote,
                    source=f.source, as_of=o.as_of, score=0.0, publisher=o.publisher,
                )
            )  # fmt: skip
        return (*items, *out)

    def _passages(self, cited: Sequence[str], retrieved: Sequence[str]) -> tuple[Passage, ...]:
        out: list[Passage] = []
        for anchor in dict.fromkeys([*cited, *retrieved]):
            if len(out) >= max(SHOWN_PASSAGES, len(set(cited))):
                break
            try:
                block = self._store.get_block(anchor)
            except NotFoundError:
                continue
            out.append(Passage(anchor, block.line, block.text))
        return tuple(out)
