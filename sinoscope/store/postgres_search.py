"""Full-text search on PostgreSQL: the same tiers as the SQLite backend, for English and Chinese text.

Every term goes through one generated tsvector per block (GIN-indexed) and the `sinoscope_en` text search
configuration: English stemming without stop words, like FTS5's porter tokenizer. Han (and kana) text has
no spaces between words, so the default parser would take a whole run of characters as one "word" and a
shorter word inside it would never match; the index and the queries therefore space those characters
apart (`fts_text.index_text`), and a Chinese word becomes a phrase of single characters
(`集 <-> 成 <-> 电 <-> 路`), as in SQLite's index since migration 0005. (A first version matched Han
terms as substrings through pg_trgm: two-character words cannot use a trigram index, and 100 queries on
a 1 MB corpus took a p95 of 544 ms.)

Tiers, strictest first: the whole query as a phrase, every term, any term. (FTS5's NEAR has no tsquery
counterpart; cover-density ranking, `ts_rank_cd`, rewards terms close together inside the "all" tier.)
Blocks and queries share `fts_text.index_text` with the SQLite backend, so Traditional and Simplified
spellings find each other on both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sinoscope.documents.zh_variants import has_han, to_simplified
from sinoscope.store.fts_query import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, han_pairs, parse_terms
from sinoscope.store.fts_text import index_text

CONFIG = "sinoscope_en"
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff])\s+(?=[\u3400-\u9fff\uf900-\ufaff])")
RANK_WEIGHTS = "{0.05, 0.1, 0.5, 1.0}"
"""ts_rank_cd weights for {D, C, B, A}: captions (A) count twice as much as text (B), as in SQLite."""
SNIPPET_OPTIONS = f'StartSel="{HIGHLIGHT_OPEN}", StopSel="{HIGHLIGHT_CLOSE}", MaxWords=24, MinWords=8'
SNIPPET_CHARS = 60
"""Characters either side of the first match in a snippet built for unspaced (Han) terms."""


def unspaced(term: str) -> bool:
    """Whether a term is in a script written without spaces between words (Chinese, Japanese)."""
    return _UNSPACED.search(term) is not None


def spaced(text: str) -> str:
    """A query term in the index form the blocks are indexed in (Traditional folded, Han spaced apart)."""
    return index_text(text)


def han_bigrams(text: str | None) -> str:
    """The overlapping character pairs of every Han run (国内生产 → 国内 内生 生产), Traditional folded.

    A phrase of single characters is slow on PostgreSQL: GIN finds the blocks holding every character and
    must then read each one's tsvector to check the order, and blocks holding 的, 发, 展 ... are most of a
    Chinese corpus. Pairs are rare, so a phrase of pairs narrows the candidates in the index itself.
    """
    if not text or not has_han(text):
        return ""
    pairs: list[str] = []
    for run in _HAN_RUN.findall(to_simplified(text)):
        pairs += [run[i : i + 2] for i in range(len(run) - 1)]
        pairs.append("|")  # runs apart: no phrase crosses from one run into the next
    return " ".join(pairs)


def _pure_han(term: str) -> bool:
    return len(term) >= 2 and _HAN_RUN.fullmatch(to_simplified(term)) is not None


@dataclass(frozen=True)
class Condition:
    """A SQL boolean over the blocks row `b`, with its parameters in order."""

    sql: str
    params: tuple[object, ...]


def term_query(term: str) -> tuple[str, str]:
    """The tsquery SQL for one term and its parameter: Han words as a phrase of character pairs."""
    if _pure_han(term):
        return "phraseto_tsquery('simple', %s)", han_bigrams(term)
    return f"phraseto_tsquery('{CONFIG}', %s)", spaced(term)


def term_condition(term: str) -> Condition:
    sql, param = term_query(term)
    return Condition(f"b.tsv @@ {sql}", (param,))


def _all(conds: Sequence[Condition]) -> Condition:
    return Condition("(" + " AND ".join(c.sql for c in conds) + ")", tuple(p for c in conds for p in c.params))


def _any(conds: Sequence[Condition]) -> Condition:
    return Condition("(" + " OR ".join(c.sql for c in conds) + ")", tuple(p for c in conds for p in c.params))


@dataclass(frozen=True)
class PgTier:
    match: str
    where: Condition


def build_pg_tiers(
    query: str, keep_in_any: Callable[[str], bool] | None = None, absent: Callable[[str], bool] | None = None
) -> list[PgTier]:
    """The tiers to run in order; empty when the query holds nothing searchable.

    `keep_in_any` drops very common words from the loosest tier only (see `fts_query.any_tier`).
    """
    phrases, words = parse_terms(query)
    units = [*phrases, *words]
    if not units:
        return []
    if len(units) == 1:
        return [PgTier("all", term_condition(units[0]))]
    whole = _HAN_GAP.sub("", " ".join(units))  # words of one Han run (split by the query parser) rejoin
    tiers = [PgTier("phrase", term_condition(whole)), PgTier("all", _all([term_condition(u) for u in units]))]
    required = [term_condition(p) for p in phrases]
    optional = [term_condition(w) for w in [*words, *han_pairs(words, absent)] if keep_in_any is None or keep_in_any(w)]
    if optional:
        loose = _any(optional)
        tiers.append(PgTier("any", _all([*required, loose]) if required else loose))
    seen: set[tuple[str, tuple[object, ...]]] = set()
    unique: list[PgTier] = []
    for t in tiers:
        key = (t.where.sql, t.where.params)
        if key not in seen:
            seen.add(key)
            unique.append(t)
    return unique


@dataclass(frozen=True)
class Ranking:
    """How hits inside a tier are ordered and how their snippet is made."""

    score_sql: str
    score_params: tuple[object, ...]
    tsquery_sql: str | None
    tsquery_params: tuple[object, ...]
    unspaced_terms: tuple[str, ...]


def ranking(query: str) -> Ranking:
    """Cover density over every term (phrases of Han characters included), captions weighing more."""
    phrases, words = parse_terms(query)
    units = [*phrases, *words]
    han = tuple(dict.fromkeys(u.lower() for u in units if unspaced(u)))
    if not units:
        return Ranking("0", (), None, (), han)
    queries = [term_query(u) for u in units]
    tsq_sql = "(" + " || ".join(sql for sql, _ in queries) + ")"
    tsq_params = tuple(param for _, param in queries)
    score = f"ts_rank_cd('{RANK_WEIGHTS}', b.tsv, {tsq_sql}, 1)"
    return Ranking(score, tsq_params, tsq_sql, tsq_params, han)


def han_snippet(text: str, terms: Sequence[str]) -> str:
    """A window around the first occurrence of any term, with every occurrence marked for `parse_snippet`."""
    low = to_simplified(text.lower())  # one character for one: offsets stay those of `text`
    if len(low) != len(text):
        low = text.lower()
    found = [(m.start(), m.end()) for t in terms if t for m in re.finditer(re.escape(to_simplified(t)), low)]
    if not found:
        return text[: 2 * SNIPPET_CHARS]
    found.sort()
    first = found[0][0]
    start, end = max(0, first - SNIPPET_CHARS), min(len(text), first + SNIPPET_CHARS)
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for s, e in found:
        if s < pos or e > end:
            continue
        out += [text[pos:s], HIGHLIGHT_OPEN, text[s:e], HIGHLIGHT_CLOSE]
        pos = e
    out.append(text[pos:end])
    out.append("…" if end < len(text) else "")
    return "".join(out)
