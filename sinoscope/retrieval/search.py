"""Search modes over one store: BM25 (the store's FTS5), dense (embedder + vector index) and hybrid (RRF).

Each retriever fetches a deeper candidate list than the caller asked for (`CANDIDATES`), because fusion
can lift a block that neither list had in its top few. In hybrid mode the dense leg runs on a worker
thread while BM25 runs on the caller's (the store's SQLite connection belongs to that thread): both
release the GIL in C, so hybrid costs about the slower leg rather than the sum on a multi-core machine.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum

from sinoscope.documents.zh_variants import has_han
from sinoscope.errors import NotFoundError
from sinoscope.retrieval.bilingual import Expansion
from sinoscope.retrieval.coverage import (
    coverage_ranking,
    holds_most,
    mostly_han,
    own_units,
    printed,
    shares,
    without_interrogatives,
)
from sinoscope.retrieval.embedding import Embedder
from sinoscope.retrieval.fusion import Fused, prefer, reciprocal_rank_fusion
from sinoscope.retrieval.query_years import dated_years, query_years, year_matches
from sinoscope.retrieval.vector_index import VectorIndex
from sinoscope.store.base import SearchHit, Store

CANDIDATES = 50
HAN_SHARE = 0.3
"""A passage whose letters are more than this share Han characters is Chinese text."""
FUSION_K = 10
"""RRF's rank constant for the hybrid lists. At the usual 60 a passage's first place in one list counts
hardly more than its tenth, so agreement decides: four of the six lists come from one translation and vote
together, and a Chinese question's BM25 first hit, in no other list, fell to 14th or 26th behind English
passages those lists shared. At 10 a clear first place counts. All tuning queries (blind6 included), hybrid
recall@3 zh / en / en→zh / zh→en at k = 0, 3, 5, 10, 15, 30, 60, 100: 114, 114, 114, 114, 113, 113, 112, 111 /
132; 93, 93, 93, 95, 95, 95, 94, 94 / 99; 99, 104, 105, 105, 103, 103, 103, 99 / 115; 91, 89, 91, 91, 91, 91,
92, 91 / 98."""
FUSION_WEIGHTS = (1.0, 0.5, 1.0, 0.25)
"""RRF weights of the lists: BM25 of the query, dense, the lexicon terms' translations, CC-CEDICT's words.
A term the bilingual lexicon translated is as good evidence as the query's own words (same weight); a
dictionary's word-by-word guesses are weaker; the static dense ranking is weaker than a phrase match.
Chosen on the tuning half of bench/score_search.py, checked on bench/data/crosslingual_heldout.jsonl.

Session 11 removed a list and two special cases that the measurements no longer supported (each one alone,
and the three together, left the tuning sets' hybrid recall@3 within one query of its figures; together zh /
en / en→zh / zh→en 100/116, 76/83, 93/99, 78/82 → 100/116, 78/83, 93/99, 77/82, MRR 0.81 / 0.85 / 0.83 /
0.82 → 0.81 / 0.86 / 0.82 / 0.81): the own-language synonyms' list (the lexicon's other forms of a found
term, weight 0.25; the expansion no longer computes them: the list voted for English passages that merely
repeat a generic form of a question's word, "research and development" for R&D), a heavier dictionary list
when the lexicon finds no term (0.75 instead of 0.25), and
the lead kept by BM25's phrase and near tiers (the passages it lifted were first in the fusion anyway). The
translation's own dense ranking (`ACROSS_WEIGHT`) was measured too and stays: without it recall@3 was the
same but English → Chinese MRR fell 0.83 → 0.79, and the leg costs one encode."""
ACROSS_WEIGHT = 0.25
"""RRF weight of the dense ranking of the query's translation alone, restricted to passages written in the
translation's language (`Retriever.search`). The query's own embedding favours passages of its own language
(a static encoder's two languages are not perfectly aligned), so without this leg an other-language passage
holding one translated term has a single list vouching for it against own-language passages found by both
BM25 and dense search: the two languages then compete with the same kinds of evidence. Tuned on
bench/data/search_queries_blind.jsonl (the session-7 tuning set): English → Chinese hybrid recall@3 13/20 →
15/20 at 0.15 and 0.25 (14/20 at 0.5 before the language filter); the weaker is kept. Alone it cost the
default tuning half one English query answered in English (8/9), which `both_languages_first` gives back."""
ACROSS_DEPTH = 20
"""Passages the translation's dense ranking contributes: at weight 0.25 its deeper ranks barely move a
passage, and each one costs a block read for the language filter (same tuning figures as 50; hybrid mean
latency on the dev store +1.8 ms over the search without this leg, against +4.8 ms at 50)."""
STRUCTURED_WEIGHT = 0.75
"""RRF weight of the structured translation ranking (`coverage.coverage_ranking`): the other language's
candidates ranked by the query's translated units they hold, each unit counted once whatever rendering
matches and weighted by its rarity among the candidates. The term and word lists each say one thing (all
lexicon terms, or a bag of dictionary words where a common word's many senses can outweigh the query's
rare ones); this one says how much of the question a passage holds, so a Chinese passage holding 新能源汽车,
全球 and 比重 climbs over ones holding only 中国 three times. Tuning sets, hybrid recall@3 en→zh / zh→en
(weight 0 → 0.5 → 0.75 → 1.0): blind 16→16→17→17 / 11→12→12→12 of 20/12, blind2 19→20→21→21 / 20→20→21→21 of
25/25 (with the dictionary's first senses, `lexicon._reverse_senses`); the default tuning half is the same
from 0 to 0.75 (39/40) and loses a Chinese query at 1.0 and 1.5, so 0.75 is kept."""
STRUCTURED_SCORE_POWER = 0.5
"""The structured ranking votes by its score, not by its rank alone (`fusion.reciprocal_rank_fusion`'s
`score_powers`): a passage's vote is scaled by the square root of its coverage score over the first
passage's. Its score says how much of the translated question a passage holds, weighted by each unit's
rarity among the candidates; by rank alone, an English passage holding "2023" and "China" (common, and
printed by most candidates of a report about China) got nearly the vote of one holding the question's rarer
units, and with the term and dictionary lists voting for the same passages this pushed a Chinese
question's BM25-first passage below third. The other lists stay rank-only: the term list's score is a count
of terms (a passage holding one of three got a full vote; scaled by that count, 0.5: −2 English → Chinese),
BM25's and the dense scores have no fixed ceiling. All tuning queries (default tuning half, blind, blind2 to
blind7, tune_mono), hybrid recall@3 zh / en / en→zh / zh→en at power 0 → 0.25 → 0.5 → 0.75 → 1 → 2: 128 →
128 → 129 → 129 → 129 → 129 / 148; 109 (all) / 115; 121 → 122 → 124 → 124 → 124 → 120 / 131; 106 → 106 → 106
→ 105 → 105 → 104 / 114. 0.5 gains four answers (one Chinese, three English → Chinese) and loses none."""
CONFIDENT = 0.5
"""A language earns one of the first places (`Retriever.both_languages_first`) when one of its first
`CONFIDENT_DEPTH` candidates holds at least this share of the query: of the query's own words for its own
language (BM25 candidates), of its translated units for the other (structured ranking). Every bridged query
used to give each language a place: an English question about a figure only a Chinese report prints then
spent one of three places on the best English passage, which held a fifth of its words. Tuning sets, hybrid
recall@3 (always → 0.5 → 0.65): en→zh blind 18 → 19 → 19 of 20, blind2 21 → 22 → 23 of 25; English answered
in English, default tuning half 8 → 8 → 7 of 9 (English queries hold 0.67 to 1.0 of their words in their
passage, en→zh ones 0 to 0.6); no other language changed. 0 and 0.5 for the other language gave the same.
When neither language is confident both keep a place, as before (no evidence says which language answers;
blind en→zh 19 → 18 with this fallback, kept because the translation's dense ranking is then the only
thing vouching for the other language's passage) unless one holds far less of the question than the other
(`FAR_BEHIND`, session 16)."""
CONFIDENT_DEPTH = 10
WHOLE = 1.0
"""An own-language candidate (of the first `CONFIDENT_DEPTH` BM25 hits) holding this share of the query's own
content words holds the whole question: the question is then answered in its own language, and the passages
holding it take the first `WHOLE_PLACES` (`Retriever._languages_first`). Without this, a Chinese or English
question lost places to the other language's passages in two ways: the translation's lists (terms,
dictionary words, structured ranking, the translation's dense ranking) give an other-language passage up to
four votes against the own passage's BM25 and dense ones, so an English passage found first by BM25 and
holding every word of a five-word question fused 27th behind Chinese passages holding one translated word; and a
confident other language always took one of the first two places, leaving the question's own language two
of three. Tuning sets, hybrid recall@3 zh / en / en→zh / zh→en: default tuning half 12/12, 8/9 → 9/9, 10/10,
9/9; blind 3/4, 4/4, 18/20, 12/12; blind2 24/25 / 22/25 (unchanged except English; English MRR 10.5 → 12.0
over the 13 tuning queries). At 0.8 a Chinese question holding 6 of its 7 words lost its answer (blind zh
3 → 2 of 4): most of a question is not the whole of it. Cross-lingual tuning queries hold at most 0.8 of
their words in a passage of their own language, so the rule never fires for them on the tuning sets."""
WHOLE_PLACES = 2
"""Places kept for the passages holding the whole question, in fused order; a confident other language still
has the next place, so a cross-lingual question whose own language happens to hold all of its words keeps a
way to its answer. 1, 2 and 3 places, with or without the other language's place after them, gave the same
tuning figures; two is the smallest number that keeps the other language from splitting the question's own
best passages."""
BETTER_HELD = 0.1
"""When no own-language passage holds the whole question but the best one holds at least `CONFIDENT` of it and
this much more of it than the other language's best passage holds of the translation, the own-language
passages holding that best share take the first places as a whole question's would (`WHOLE_PLACES`, the
other language keeping the next one when confident). The fusion ranks a Chinese question's BM25-first
passage, holding four of its five words, below a passage the static dense ranking favours holding two: the
share of the question a passage holds is better evidence than a dense rank among passages of one language.
Tuning sets, hybrid recall@3 zh / en / en→zh / zh→en: 56/60, 40/43, 69/75, 55/58 → 57/60, 41/43, 69/75,
55/58 (MRR zh 0.83 → 0.85, en 0.80 → 0.85) at 0.3 and 0.2 (0.2 lowered Chinese → English MRR: a question
about a report held 0.75 in Chinese and 0.5 in English); at 0.1 and 0 a Chinese question of the yearly
reports lost its answer to another year's passage holding the same share (most of a question is not the
whole of it; the margin says the other language cannot be what it asks). Since the year vote reads the
years of a passage's dated figures (`query_years.dated_years`), that passage is told apart by its year, and
0.1 (with the untranslated words counted against the other language, `Retriever._evidence`) keeps every
tuning answer 0.3 found and adds a Chinese and an English one (zh / en / en→zh / zh→en 87/96, 60/63, 82/87,
67/70 → 88/96, 61/63, 82/87, 67/70; MRR en 0.85 → 0.92, en→zh 0.86 → 0.85, zh→en 0.81 → 0.80); 0.2 adds
none; 0 (without the untranslated words) lost a Chinese question about 今年's deficit and two Chinese
questions answered in English."""
AGREED_PLACE = 3
"""The own-language passage that both of the question's own retrievers rank first (its BM25 list and its
dense ranking, each among the passages written in the question's language) is never ranked below this
place (`_agreed_first`). Two retrievers of different kinds agreeing on one passage of the question's own
language is the strongest sign that the question is answered there; the translation's lists (terms,
dictionary words, structured ranking, its dense ranking) are built from one translation and vote together,
so a Chinese passage that BM25 and dense search both put first fell to 12th behind English passages each of
those lists voted for. Third place, so that the passages the fusion put first and second keep theirs (a
confident other language's passage among them). Tuning sets, hybrid recall@3 zh / en / en→zh / zh→en:
100/116, 78/83, 93/99, 77/82 → 102/116, 78/83, 93/99, 77/82 (MRR zh 0.811 → 0.814, the rest unchanged);
second place gave the same recall (MRR zh 0.817, zh→en 0.806), first place too but at a cost in
cross-lingual MRR (en→zh 0.822 → 0.787, zh→en 0.808 → 0.794); the first two passages of each list instead of
the first (before the translation's dense leg was kept) lost two English → Chinese questions."""
STRONG_COVERAGE = 0.5
"""A passage holding every translated term counts as a strong match (as a phrase match of the query's
own words does) only when the lexicon's terms carry more than this share of the query. Was 2/3; above
one half a term carrying three of five content words ("VAT credit rebates" in a question about
their total in a year) vouches for the passage holding it: default tuning half 39/40 → 40/40, blind tuning
set unchanged overall (32/40) with the year vote kept below strong matches; 0.4 gave the same."""


EVIDENCE_SMOOTHING = 0.1
"""Added to both languages' shares of the question in `evidence_scales`, so that a language holding none of
it still keeps a little weight (its lists may hold a literal such as "RCEP" or "5G" that the share misses).
0, 0.1 and 0.3 gave the same tuning recall (Chinese 56, 56, 55 of 60); 0.1 had the best MRR."""


def evidence_scales(own_share: float, other_share: float) -> tuple[float, float]:
    """Factors for the RRF weights of the query's own-language lists and of its translation's lists, from the
    share of the question the best candidate of each language holds (`Retriever._evidence`): each share
    over their mean, so equal evidence keeps the tuned weights (1, 1) and the better-held language gains
    what the other loses.

    The translation adds four lists (lexicon terms, dictionary words, structured ranking, the translation's
    dense ranking) to the query's own BM25 one, each a vote whatever the translation found: a Chinese
    question whose report prints its words as BM25's first hit lost its place to English passages holding
    one translated word ("2023", "urban") in several of those lists. The weights were tuned on
    cross-lingual questions, where the own language holds little and the other much; a question its own
    language holds well is the other case, and the evidence says which case a query is, without a threshold.
    Tuning sets, hybrid recall@3 zh / en / en→zh / zh→en: 46/60, 35/43, 68/75, 55/58 → 56/60, 40/43, 68/75,
    55/58 with the interrogatives left out of the shares (`coverage.own_units`); 51/60, 40/43 without."""
    mean = (own_share + other_share) / 2 + EVIDENCE_SMOOTHING
    return (own_share + EVIDENCE_SMOOTHING) / mean, (other_share + EVIDENCE_SMOOTHING) / mean


@dataclass(frozen=True)
class _Evidence:
    """How much of the question each language's best candidates hold (`Retriever._evidence`)."""

    own: list[tuple[str, float]]
    """The own-language passages among the first `CONFIDENT_DEPTH` BM25 hits, each with the share of the
    query's own content words it holds."""
    own_share: float
    other_share: float
    """Best share of the query's translated units held by one of the structured ranking's first passages."""


class _Texts:
    """Passage texts fetched once per search: structured matching, the language filter of the translation's
    dense list, the language round-robin and the agreed passage (`_agreed_first`) read the same candidates."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._texts: dict[str, str | None] = {}
        self._chinese: dict[str, bool | None] = {}

    def get(self, anchor: str) -> str | None:
        if anchor not in self._texts:
            try:
                self._texts[anchor] = self._store.get_block(anchor).text
            except NotFoundError:  # a vector index a little behind the store
                self._texts[anchor] = None
        return self._texts[anchor]

    def chinese(self, anchor: str) -> bool | None:
        if anchor not in self._chinese:
            text = self.get(anchor)
            self._chinese[anchor] = None if text is None else _mostly_han(text)
        return self._chinese[anchor]


class Mode(StrEnum):
    BM25 = "bm25"
    DENSE = "dense"
    HYBRID = "hybrid"


@dataclass(frozen=True)
class Hit:
    anchor: str
    score: float
    """Higher is better; comparable within one result list only (BM25, cosine or RRF score)."""
    bm25_rank: int | None = None
    dense_rank: int | None = None


class Retriever:
    def __init__(
        self,
        store: Store,
        embedder: Embedder | None = None,
        index: VectorIndex | None = None,
        *,
        parallel: bool = True,
        bridge: Callable[[str], Expansion] | None = None,
    ) -> None:
        """`bridge` translates a query into the other language (`bilingual.translate`): dense mode embeds
        the translation with the query, and hybrid search adds a list of the passages holding the
        translated terms and a BM25 list of the dictionary's words, so an English question can reach a
        Chinese passage and vice versa. Without it search is monolingual."""
        if (embedder is None) != (index is None):
            raise ValueError("dense search needs both an embedder and a vector index")
        if embedder is not None and index is not None and embedder.dim != index.dim:
            raise ValueError(f"embedder has {embedder.dim} dimensions, the index {index.dim}")
        self._store = store
        self._embedder = embedder
        self._index = index
        self._parallel = parallel
        self._bridge = bridge
        self._pool: ThreadPoolExecutor | None = None
        self._figure_years: dict[str, tuple[str | None, dict[str, frozenset[str]]]] = {}
        self._own_hits: tuple[tuple[str, str | None, int], list[tuple[str, float]]] | None = None
        """The last hybrid search's own BM25 list, (query, doc_id, depth) → hits (`bm25`)."""

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    @property
    def has_dense(self) -> bool:
        return self._index is not None

    def bm25(
        self, query: str, limit: int, *, doc_id: str | None = None, snippets: bool = True
    ) -> list[tuple[str, float]]:
        """A query hybrid search has just ranked reuses that search's BM25 list: the answer engine interleaves
        the two rankings of each question, and the second full-text search was a sixth of an answer's time.
        The store's ranking is the same at any limit (a shorter list is the longer one's head). The list is
        used once, so a long-lived retriever never serves it after the store has changed."""
        kept, self._own_hits = self._own_hits, None
        if kept is not None and kept[0][:2] == (query, doc_id) and limit <= kept[0][2]:
            return kept[1][:limit]
        return [(h.anchor, h.score) for h in self._store.search(query, limit, doc_id=doc_id, snippets=snippets)]

    def dense(
        self, query: str, limit: int, *, doc_id: str | None = None, bridged: bool = True
    ) -> list[tuple[str, float]]:
        """With `bridged`, the query's translation is embedded with it: alone, dense search has no other way
        across languages. Hybrid search embeds the query alone when the lexicon translated some of its
        terms, since its term list carries them and an appended translation pulled the dense ranking
        towards the other language's passages (tuning half, English hybrid recall@3 8/9 with it, 9/9
        without)."""
        if self._embedder is None or self._index is None or not query.strip():
            return []
        other = self.translate(query) if bridged else ""
        text = f"{query} {other}" if other else query
        return self._index.query(self._embedder.encode([text]), limit, doc_id=doc_id)

    def _dense_legs(
        self, query: str, translation: str, limit: int, doc_id: str | None, bridged: bool
    ) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """The dense ranking of the query and, when it has a lexicon translation, of that translation alone
        (see `ACROSS_WEIGHT`): both on the worker thread, one encode each."""
        semantic = self.dense(query, limit, doc_id=doc_id, bridged=bridged)
        if not translation or self._embedder is None or self._index is None:
            return semantic, []
        across = self._index.query(self._embedder.encode([translation]), ACROSS_DEPTH, doc_id=doc_id)
        return semantic, across

    def translate(self, query: str) -> str:
        return self.expand(query).text().strip()

    def expand(self, query: str) -> Expansion:
        """The bridge's translation of the query without its interrogative words (`coverage.without_interrogatives`):
        多少 or "how many" is not what the other language's passage prints, so its dictionary senses (很多,
        "how much") only found passages that ask or count something else. Tuning sets, hybrid recall@3
        zh / en / en→zh / zh→en 56/60, 40/43, 68/75, 55/58 → 56/60, 40/43, 69/75, 55/58 (Chinese MRR 0.82 →
        0.83); dense mode unchanged but for English MRR 0.49 → 0.51."""
        if self._bridge is None:
            return Expansion((), ())
        return self._bridge(without_interrogatives(query))

    def term_matches(
        self, expansion: Expansion, limit: int, *, doc_id: str | None = None, texts: _Texts | None = None
    ) -> list[tuple[str, float]]:
        """Passages holding the translated terms, each term as an exact phrase in any of its renderings:
        those holding more of the terms first, then by their best BM25 rank for a term. Score = terms held."""
        texts = texts if texts is not None else _Texts(self._store)
        held: dict[str, list[int]] = {}
        for group in expansion.groups:
            best: dict[str, int] = {}
            for rendering in group:
                quoted = '"' + rendering.replace('"', " ") + '"'
                found = self._store.search(quoted, limit, doc_id=doc_id, snippets=False)
                hits = _written_in(found, texts, chinese=has_han(rendering))
                for rank, hit in enumerate(hits):
                    best[hit.anchor] = min(rank, best.get(hit.anchor, rank))
            for anchor, rank in best.items():
                held.setdefault(anchor, []).append(rank)
        order = sorted(held, key=lambda a: (-len(held[a]), min(held[a]), a))
        return [(a, float(len(held[a]))) for a in order[:limit]]

    def structured_match(
        self,
        expansion: Expansion,
        rankings: list[list[tuple[str, float]]],
        *,
        chinese: bool,
        texts: _Texts | None = None,
    ) -> set[str]:
        return self.structured_ranking(expansion, rankings, chinese=chinese, texts=texts)[1]

    def structured_ranking(
        self,
        expansion: Expansion,
        rankings: list[list[tuple[str, float]]],
        *,
        chinese: bool,
        texts: _Texts | None = None,
    ) -> tuple[list[tuple[str, float]], set[str]]:
        """The other-language candidate (from `rankings`) holding most of the query's translated units, when it
        holds most of them (`coverage.strong_structured_match`): where the lexicon knows too little of a
        query for its terms alone to vouch for a passage, the dictionary's words, counted once per query
        word, still can (tuning half, Chinese → English hybrid recall@3 7/9 → 9/9, other languages same)."""
        if not expansion.units:
            return [], set()
        pool = _candidates(rankings, texts if texts is not None else _Texts(self._store), chinese=chinese)
        ranked = coverage_ranking(expansion.units, pool)
        strong = {ranked[0][0]} if ranked and holds_most(expansion.units, pool[ranked[0][0]]) else set()
        return ranked, strong

    def own_coverage_ranking(
        self, query: str, rankings: list[list[tuple[str, float]]], texts: _Texts
    ) -> list[tuple[str, float]]:
        """The query's own-language candidates ranked by how many of its own words they hold; `search` fuses it
        for Chinese queries only.

        A Chinese query's own passages are ranked a second time by how many of its words each holds (the
        structured ranking's `coverage.coverage_ranking` over the query's own words, `coverage.own_units`), as a
        fused list beside its BM25 list, with the structured ranking's weight and score power scaled by the
        own-language evidence (`evidence_scales`): the mirror of what the translation gets. The store indexes Han
        characters one by one and matches a word as their phrase, so Chinese BM25 rewards a passage repeating a few
        common characters as much as one holding more of the question's words; the coverage ranking counts each
        word once, weighted by its rarity among the candidates. An English query's BM25 already scores words
        (porter tokens), and the same list for English queries cost cross-lingual answers (English → Chinese
        138 → 136, Chinese → English 120 → 118 of the tuning queries below) for no English gain.
        All tuning queries (default tuning half, blind, blind2 to blind8, tune_mono), hybrid recall@3 zh / en / en→zh
        / zh→en: 136/164, 123/131, 138/147, 120/130 → 142/164, 123/131, 138/147, 118/130 (MRR zh 0.743 → 0.765). Also
        measured: at weight 0.5 and 1.0 without the score power 138 and 143 Chinese (1.0: zh→en 116); each query
        word's other forms in its own language found through the bilingual lexicon and back (份额 → share → 比重,
        占比; 经济总量 → GDP → 国内生产总值) as alternatives of its unit, 143-144 Chinese, not kept for one or two
        answers against a dictionary's noise (上调 → raise → 提出)."""
        units = own_units(query)
        return coverage_ranking(units, _candidates(rankings, texts, chinese=has_han(query))) if units else []

    def prefer_query_years(self, query: str, fused: list[Fused]) -> list[Fused]:
        """The first `CANDIDATES` re-ranked with a vote for passages matching a year the query names
        (`query_years.py`): of a series of yearly reports, the one of the year asked about."""
        years = query_years(query)
        if not years:
            return fused
        head, tail = fused[:CANDIDATES], fused[CANDIDATES:]
        dates: dict[str, str] = {}

        def doc_year(doc_id: str) -> str:
            if doc_id not in dates:
                try:
                    dates[doc_id] = self._store.get_document(doc_id).metadata.get("date", "")[:4]
                except NotFoundError:
                    dates[doc_id] = ""
            return dates[doc_id]

        def text(anchor: str) -> str:
            try:
                return self._store.get_block(anchor).text
            except NotFoundError:
                return ""

        by_doc: dict[str, dict[str, frozenset[str]]] = {}

        def figure_years(anchor: str) -> frozenset[str]:
            doc_id = anchor.partition("#")[0]
            if doc_id not in by_doc:
                by_doc[doc_id] = self.figure_years(doc_id)
            return by_doc[doc_id].get(anchor, frozenset())

        by_id = {f.id: f for f in head}
        matching = year_matches(years, by_id, text_of=text, doc_year_of=doc_year, figure_years_of=figure_years)
        return [by_id[i] for i in prefer(list(by_id), matching)] + tail

    def figure_years(self, doc_id: str) -> dict[str, frozenset[str]]:
        """Anchor → the years of the passage's dated figures (`query_years.dated_years`) in one document, as
        extraction dated them from the document's structure; remembered per document version (the store's
        content hash), since reading a report's few hundred facts costs more than the rest of the vote."""
        state = self._store.document_state(doc_id)
        cached = self._figure_years.get(doc_id)
        if cached is not None and cached[0] == state:
            return cached[1]
        periods: dict[str, list[str | None]] = {}
        if state is not None:
            for fact in self._store.facts(doc_id):
                periods.setdefault(fact.section, []).append(fact.period)
        years = {anchor: dated_years(ps) for anchor, ps in periods.items()}
        self._figure_years[doc_id] = (state, years)
        return years

    def search(
        self,
        query: str,
        mode: Mode = Mode.HYBRID,
        limit: int = 10,
        *,
        doc_id: str | None = None,
        snippets: bool = True,
    ) -> list[Hit]:
        """`snippets=False` for callers that read only the ranking (the answer engine): cutting a snippet
        for each BM25 hit was a twentieth of an answer's time."""
        if limit <= 0:
            return []
        if mode is Mode.BM25 or (mode is Mode.HYBRID and not self.has_dense):
            ranked = self.bm25(query, limit, doc_id=doc_id, snippets=snippets)
            return [Hit(a, s, bm25_rank=i + 1) for i, (a, s) in enumerate(ranked)]
        if mode is Mode.DENSE:
            return [Hit(a, s, dense_rank=i + 1) for i, (a, s) in enumerate(self.dense(query, limit, doc_id=doc_id))]
        depth = max(limit, CANDIDATES)
        # The query's own BM25 hits keep their snippets (the passages a search shows are cut from these
        # same hits through the store's search-once view); the translated renderings' many searches only
        # rank, so they ask for none.
        expansion = self.expand(query)
        bridged = not expansion.groups  # the lexicon found nothing: the dense leg carries the dictionary's words
        translation = expansion.text().strip() if expansion.groups else ""
        if self._parallel:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sinoscope-dense")
            pending = self._pool.submit(self._dense_legs, query, translation, depth, doc_id, bridged)
            lexical_hits = self._store.search(query, depth, doc_id=doc_id, snippets=snippets)
            semantic, across = pending.result()
        else:
            lexical_hits = self._store.search(query, depth, doc_id=doc_id, snippets=snippets)
            semantic, across = self._dense_legs(query, translation, depth, doc_id, bridged)
        self._own_hits = ((query, doc_id, depth), [(h.anchor, h.score) for h in lexical_hits])
        chinese = has_han(query)
        texts = _Texts(self._store)
        terms = self.term_matches(expansion, depth, doc_id=doc_id, texts=texts)
        words: list[tuple[str, float]] = []
        if expansion.words:
            found = self._store.search(" ".join(expansion.words), depth, doc_id=doc_id, snippets=False)
            words = [(h.anchor, h.score) for h in _written_in(found, texts, chinese=not chinese)]
        across = [(a, s) for a, s in across if texts.chinese(a) is (not chinese)]
        structured, strong = self.structured_ranking(
            expansion, [terms, words, semantic], chinese=not chinese, texts=texts
        )
        own = [(h.anchor, h.score) for h in lexical_hits]
        own_coverage = self.own_coverage_ranking(query, [own, semantic], texts) if chinese else []
        lists = [own, semantic, terms, words, across, structured, own_coverage]
        evidence = self._evidence(query, expansion, lexical_hits, structured, texts)
        own_scale, other_scale = evidence_scales(evidence.own_share, evidence.other_share)
        w_query, w_dense, w_terms, w_words = FUSION_WEIGHTS
        weights = (
            w_query * own_scale,
            w_dense,
            w_terms * other_scale,
            w_words * other_scale,
            ACROSS_WEIGHT * other_scale,
            STRUCTURED_WEIGHT * other_scale,
            STRUCTURED_WEIGHT * own_scale,
        )
        powers = (0, 0, 0, 0, 0, STRUCTURED_SCORE_POWER, STRUCTURED_SCORE_POWER)
        fused = reciprocal_rank_fusion(lists, k=FUSION_K, weights=weights, score_powers=powers)
        # A passage holding all of the query's translated terms, when those terms carry most of the query,
        # or holding most of its translated units (the structured ranking's strong match) is the other
        # language's counterpart of a passage holding the query's own words: it keeps its lead, so that the
        # language the store holds more documents in does not crowd it out.
        other = set(strong)
        if expansion.coverage > STRONG_COVERAGE:
            other |= {a for a, held in terms if held == len(expansion.groups)}
        # The year vote re-ranks before strong matches are lifted: it tells apart the yearly reports' near-
        # identical passages among the fused ones, but must not push a passage holding the query's terms
        # below others that merely print the year (a 2023 report's review of 2022 says 全年, not 2022).
        fused = self.prefer_query_years(query, fused)
        fused = [*(f for f in fused if f.id in other), *(f for f in fused if f.id not in other)]
        if expansion:
            fused = self._languages_first(evidence, fused, texts, chinese=chinese)
            fused = _agreed_first(fused, lexical_hits, semantic, texts, chinese=chinese)
        return [
            Hit(
                f.id,
                f.score,
                bm25_rank=_first(f.ranks[0], f.ranks[2], f.ranks[3]),
                dense_rank=_first(f.ranks[1], f.ranks[4]),
            )
            for f in fused[:limit]
        ]

    def _evidence(
        self,
        query: str,
        expansion: Expansion,
        lexical_hits: list[SearchHit],
        structured: list[tuple[str, float]],
        texts: _Texts,
    ) -> _Evidence:
        """The share of the question each language's best candidates hold: of the query's own content words
        for its own language's first BM25 hits, of its translated units for the structured ranking's first
        passages. Both the fusion weights (`evidence_scales`) and the first places (`_languages_first`)
        follow it.

        A question's words that the bridge does not translate (names: the dictionary has no entry for a person,
        a small place or a think tank) count against the other language's share: the translation's units are
        only what it could render, so an English passage holding two of its three units looked as sure an answer
        as the Chinese passage holding the name and two of four words. Such a word is carried over as itself and
        held by a passage printing it as it is: Chinese text prints Latin names and acronyms among its
        characters (RCEP, 5G), English text no Han characters. For an English question only words written as
        names count (`_written_as_name`): a lowercase word the dictionary misses is mostly an inflection it lacks.
        Tuning sets, hybrid recall@3 with `BETTER_HELD` 0.1: zh / en / en→zh / zh→en 87/96, 60/63, 82/87, 67/70
        → 88/96, 61/63, 82/87, 67/70 for Chinese questions (session 10); English questions' names (session 16):
        all tuning files unchanged but blind10 English 14 → 15 of 16 (an English question naming a think tank
        lost its passage to a Chinese one holding half of the translation's generic words). Counting every
        untranslated English word cost blind9 and blind10 an English → Chinese question each."""
        if not expansion:
            return _Evidence([], 0.0, 0.0)
        chinese = has_han(query)
        own = [(h.anchor, t) for h in lexical_hits[:CONFIDENT_DEPTH] if (t := texts.get(h.anchor)) is not None]
        own = [(a, t) for a, t in own if _mostly_han(t) is chinese]
        units = own_units(query)
        own_shares = shares(units, [t for _, t in own])
        other_texts = [t for a, _ in structured[:CONFIDENT_DEPTH] if (t := texts.get(a)) is not None]
        other_share = 0.0
        if expansion.units:
            # a word the bridge renders as nothing (a name: 胡鞍钢, Brookings) is part of the question too: it is
            # carried over as itself, held only by a passage printing it as it is (RCEP in a Chinese text)
            carried = [word for (word,) in units if _written_as_name(word, query) and not self.expand(word)]
            held = shares(expansion.units, other_texts)
            literal = [sum(1 for w in carried if printed(w, t)) for t in other_texts]
            n = len(expansion.units) + len(carried)
            other_share = max(
                ((h * len(expansion.units) + c) / n for h, c in zip(held, literal, strict=True)), default=0.0
            )
        return _Evidence(
            [(a, share) for (a, _), share in zip(own, own_shares, strict=True)],
            max(own_shares, default=0.0),
            other_share,
        )

    def _languages_first(self, evidence: _Evidence, fused: list[Fused], texts: _Texts, *, chinese: bool) -> list[Fused]:
        """The first places of a bridged query, decided by the share of the question each language's best
        candidates hold: passages holding the whole question in its own language first (`WHOLE`), else the
        best passage of each language that holds half of it (`CONFIDENT`, `both_languages_first`)."""
        confident = {chinese} if evidence.own_share >= CONFIDENT else set()
        if evidence.other_share >= CONFIDENT:
            confident.add(not chinese)
        whole = {a for a, share in evidence.own if share >= WHOLE}
        if not whole and evidence.own_share >= max(CONFIDENT, evidence.other_share + BETTER_HELD):
            whole = {a for a, share in evidence.own if share >= evidence.own_share}
        if not whole:
            return self.both_languages_first(fused, texts, confident or _not_far_behind(evidence, chinese=chinese))
        head = [f for f in fused if f.id in whole][:WHOLE_PLACES]
        ids = {f.id for f in head}
        tail = [f for f in fused if f.id not in ids]
        if (not chinese) in confident:
            tail = self.both_languages_first(tail, texts, {not chinese})
        return head + tail

    def both_languages_first(
        self, fused: list[Fused], texts: _Texts | None = None, languages: set[bool] | None = None
    ) -> list[Fused]:
        """The best passage of each language first (in their fused order), then the rest as fused.

        In a store holding both languages, whichever language the fused evidence favours takes every place
        at the top: an English question about a figure a Chinese report prints lost it to English passages
        sharing a year or a word with it, and an English question answered in English lost to Chinese
        passages holding all of its translated terms. A bridged query does not say which language its answer
        is written in, so each language's best passage is shown among the first two (a minimal round-robin
        of the two languages' rankings, as in CLIR evaluation); the rest keeps the fused order. On the tuning
        sets (default tuning half, blind set): English hybrid recall@3 8/9 → 9/9 and 3/4 → 4/4, Chinese →
        English 12/12 → 11/12 on the blind set (an answer third in its own language).

        `languages` (True = Chinese) limits the places to the languages whose passages vouch for an answer
        (`CONFIDENT`; `search` passes both when neither does): a language holding a fifth of the question
        no longer takes a place from the other's second-best passage."""
        texts = texts if texts is not None else _Texts(self._store)
        wanted = {True, False} if languages is None else languages
        seen: dict[bool, int] = {}
        for i, f in enumerate(fused):
            chinese = texts.chinese(f.id)
            if chinese is None or chinese not in wanted:
                continue
            seen.setdefault(chinese, i)
            if len(seen) == len(wanted):
                break
        if not seen:
            return fused
        head = sorted(seen.values())
        return [fused[i] for i in head] + [f for i, f in enumerate(fused) if i not in head]


def _candidates(rankings: list[list[tuple[str, float]]], texts: _Texts, *, chinese: bool) -> dict[str, str]:
    """Anchor → text of the passages written in one language among the first `CANDIDATES` of each ranking."""
    pool: dict[str, str] = {}
    for ranking in rankings:
        for anchor, _score in ranking[:CANDIDATES]:
            if anchor not in pool:
                text = texts.get(anchor)
                if text is not None and texts.chinese(anchor) is chinese:
                    pool[anchor] = text
    return pool


def _written_in(hits: list[SearchHit], texts: _Texts, *, chinese: bool) -> list[SearchHit]:
    """The hits written in the language of the translation: a Chinese passage that prints "GDP" or "R&D"
    among its characters is not evidence that an English rendering found the other language's text. (The
    passage is judged on its whole text, read once per search, not on a snippet window the store would
    have to build for every hit.)"""
    return [h for h in hits if texts.chinese(h.anchor) is chinese]


def _written_as_name(word: str, query: str) -> bool:
    """A word a dictionary's silence says something about: Chinese words, and Latin words written as names
    (capitalised past the query's first word, or with a digit: Brookings, NSF, 5G). A lowercase English word
    the dictionary misses is mostly an inflection it does not list ("overtaken"), which the other language
    may well print."""
    if has_han(word):
        return True
    if any(ch.isdigit() for ch in word):
        return True
    return word[:1].isupper() and not query.lstrip().startswith(word)


FAR_BEHIND = 0.5
"""When neither language holds half of the question (`CONFIDENT`), the question's own language keeps a place
among the first only if its best passage holds at least this share of what the other language's best holds
(`_not_far_behind`). Before, both always kept one: an English question about a Chinese city notice whose best
English passage held one of its eleven words ("platform") still took the second place, and pushed the Chinese
answer out of the first three. Tuning files, hybrid recall@3: blind8 en→zh 14 → 15 of 16, every other file,
the default tuning half and the cross-lingual `--heldout` set unchanged."""


def _not_far_behind(evidence: _Evidence, *, chinese: bool) -> set[bool]:
    """The languages (True = Chinese) keeping a place when neither holds half of the question: the other
    language always (its share is read through a translation, and a dictionary's miss, 疏浚费 for the passage's
    航道疏浚收费, leaves the translation's dense ranking the only thing vouching for its passage), the
    question's own language only if its best passage holds at least `FAR_BEHIND` of what the other's holds:
    its share is of the question's own words, and a passage holding one word of eleven is no answer."""
    if evidence.own_share >= FAR_BEHIND * evidence.other_share:
        return {True, False}
    return {not chinese}


def _mostly_han(text: str) -> bool:
    return mostly_han(text, HAN_SHARE)


def _agreed_first(
    fused: list[Fused],
    lexical_hits: list[SearchHit],
    semantic: list[tuple[str, float]],
    texts: _Texts,
    *,
    chinese: bool,
) -> list[Fused]:
    """`fused` with the passage of the question's language that its BM25 list and its dense ranking both rank
    first (among that language's passages) moved up to `AGREED_PLACE` when it is below it."""
    own_bm25 = next((h.anchor for h in lexical_hits if texts.chinese(h.anchor) is chinese), None)
    own_dense = next((a for a, _ in semantic if texts.chinese(a) is chinese), None)
    if own_bm25 is None or own_bm25 != own_dense:
        return fused
    at = next((i for i, f in enumerate(fused) if f.id == own_bm25), None)
    if at is None or at < AGREED_PLACE:
        return fused
    out = fused[:at] + fused[at + 1 :]
    out.insert(AGREED_PLACE - 1, fused[at])
    return out


def _first(*ranks: int | None) -> int | None:
    """The best rank among the BM25 lists (the query's own and its translation's) or among the dense ones."""
    known = [r for r in ranks if r is not None]
    return min(known) if known else None
