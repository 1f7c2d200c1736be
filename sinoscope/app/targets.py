"""Use cases: what the documents state as targets and actual values, and where each target stands.

`learn(store)` reads every stored document's target statements (`extraction.target_statements`), gives each
statement an indicator (a curated or seed indicator when its name matches, else a new learned one), drops a
target a document restates, and overlays the analyst's review (state, edits, indicator merges). `tracks`
then sets every target — curated or learned — against actual values of the same indicator, entity and unit
from any document.

The entity a document's figures belong to is the place its issuer or title names first (安徽省, 包头市, a
province or city government) and the country otherwise: a province's growth target is not compared with the
national growth rate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sinoscope.analysis.findings import Finding
from sinoscope.analysis.targets import (
    LearnedTrack,
    Sighting,
    TargetTrack,
    document_disagreements,
    track_all,
    track_sighting,
    year_of,
)
from sinoscope.app.render import plain
from sinoscope.documents.model import Document
from sinoscope.extraction.target_statements import Statement, extract_statements
from sinoscope.knowledge import KnowledgeBase
from sinoscope.knowledge.indicator_match import IndicatorMatcher, Known, new_indicator_id, seed_indicators
from sinoscope.knowledge.learned import EntryKind, LearnedEntry, ReviewState, entry_id
from sinoscope.knowledge.measures import Indicator, Observation
from sinoscope.store import SqliteStore, Store
from sinoscope.store import sqlite_review as review_db
from sinoscope.store.base import DocumentInfo

_PLACE = re.compile(r"^((?:(?!关于|国务院|中共|中央|国家|全国)[\u4e00-\u9fff]){2,6}?(?:省|自治区|市|自治州|州|县|区))")
COUNTRY = "cn"


@dataclass(frozen=True)
class Learned:
    entries: list[LearnedEntry]
    matcher: IndicatorMatcher

    def of(self, kind: EntryKind) -> list[LearnedEntry]:
        return [e for e in self.entries if e.kind is kind]

    def find(self, entry_id: str) -> LearnedEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


def stored_document(store: Store, info: DocumentInfo) -> Document:
    return Document(
        doc_id=info.doc_id, title=info.title, text=store.document_text(info.doc_id),
        chapters=store.outline(info.doc_id), blocks=tuple(store.blocks(info.doc_id)), source_path=info.path,
        source_format=info.format, content_hash=info.content_hash, metadata=dict(info.metadata),
    )  # fmt: skip


def entity_of(info: DocumentInfo) -> str:
    """The place a local government's document speaks for, else the country."""
    for text in (info.metadata.get("issuer", ""), info.metadata.get("title", "") or info.title):
        m = _PLACE.match(text.strip())
        if m:
            return "place-" + new_indicator_id(m.group(1)).removeprefix("learned-")
    return COUNTRY


def matcher_for(kb: KnowledgeBase) -> IndicatorMatcher:
    curated = [(i.id, i.name, i.unit, i.names) for i in kb.indicators()]
    return IndicatorMatcher(seed_indicators(curated))


_CACHE: dict[tuple[str, str, str, str], list[Statement]] = {}
_CACHE_SIZE = 1024


def _statements(store: Store, info: DocumentInfo) -> list[Statement]:
    """A document's statements, computed once per content and metadata (reading a store's blocks is the cost)."""
    key = (info.doc_id, info.content_hash, info.metadata.get("date", ""), info.metadata.get("title", ""))
    hit = _CACHE.get(key)
    if hit is None:
        hit = extract_statements(stored_document(store, info))
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = hit
    return hit


def document_statements(store: Store, doc_id: str, matcher: IndicatorMatcher | None = None) -> list[Statement]:
    """A stored document's targets and actual values, a restated target (same indicator, value, comparator and
    year, in other words) kept once."""
    info = store.get_document(doc_id)
    m = matcher or matcher_for(store.knowledge())
    return [s for s, _ in _resolved(_statements(store, info), m)]


def _resolved(stmts: Iterable[Statement], matcher: IndicatorMatcher) -> list[tuple[Statement, str | None]]:
    out: list[tuple[Statement, str | None]] = []
    seen: set[tuple[str, str, float, str, str, int | None]] = set()
    for s in stmts:
        if s.kind not in ("target", "actual"):
            continue
        ind = _indicator(s, matcher)
        key = (s.kind, ind or f"?{s.start}", s.value, s.unit, s.comparator, s.year)
        if key in seen:
            continue
        seen.add(key)
        out.append((s, ind))
    return out


def _indicator(s: Statement, matcher: IndicatorMatcher) -> str | None:
    if not s.indicator:
        return None
    hit = matcher.match(s.indicator, s.unit)
    if hit is not None:
        return hit.indicator.id
    new = Known(new_indicator_id(s.indicator), s.indicator, s.unit, (s.indicator,), "learned")
    matcher.add(new)
    return new.id


def learn(store: Store) -> Learned:
    """Every learned entry with its review state (nothing is written)."""
    kb = store.knowledge()
    matcher = matcher_for(kb)
    conn = store.conn if isinstance(store, SqliteStore) else None
    reviewed = review_db.entries(conn) if conn is not None else {}
    merged = review_db.merges(conn) if conn is not None else {}
    infos = sorted(store.list_documents(), key=lambda i: (i.metadata.get("date", ""), i.doc_id))
    entries: list[LearnedEntry] = []
    first_seen: dict[str, LearnedEntry] = {}
    for info in infos:
        entity = entity_of(info)
        for s, ind in _resolved(_statements(store, info), matcher):
            e = _entry(s, ind, info, entity)
            entries.append(e)
            known = matcher.get(ind) if ind else None
            if known is not None and known.origin == "learned" and known.id not in first_seen:
                first_seen[known.id] = LearnedEntry(
                    id=known.id, kind=EntryKind.INDICATOR, doc_id=info.doc_id, content_hash=info.content_hash,
                    anchor=s.anchor, span_start=s.start, span_end=s.end, quote=s.text,
                    data={"name": known.name, "unit": known.unit, "phrase": s.indicator},
                )  # fmt: skip
    entries.extend(first_seen.values())
    out = [_overlay(e, reviewed.get(e.id), merged) for e in entries]
    return Learned(out, matcher)


def _entry(s: Statement, ind: str | None, info: DocumentInfo, entity: str) -> LearnedEntry:
    kind = EntryKind.TARGET if s.kind == "target" else EntryKind.ACTUAL
    data: dict[str, Any] = {
        "indicator": ind, "indicator_phrase": s.indicator, "value": s.value, "value_max": s.value_max,
        "unit": s.unit, "comparator": s.comparator, "year": s.year, "baseline": s.baseline, "change": s.change,
        "plan": s.plan, "entity": entity, "doc": info.file_name, "line": s.line, "figure": s.figure,
        "lang": s.lang,
    }  # fmt: skip
    return LearnedEntry(
        id=entry_id(kind, info.content_hash, s.start, s.value), kind=kind, data=data, doc_id=info.doc_id,
        content_hash=info.content_hash, anchor=s.anchor, span_start=s.start, span_end=s.end, quote=s.text,
    )  # fmt: skip


def _overlay(e: LearnedEntry, stored: LearnedEntry | None, merged: dict[str, str]) -> LearnedEntry:
    state, edited = (stored.state, dict(stored.edited)) if stored is not None else (e.state, {})
    ind = edited.get("indicator", e.data.get("indicator"))
    if e.kind is not EntryKind.INDICATOR and isinstance(ind, str) and ind in merged:
        edited["indicator"] = merged[ind]
    return LearnedEntry(
        id=e.id, kind=e.kind, data=e.data, state=state, edited=edited, doc_id=e.doc_id,
        content_hash=e.content_hash, anchor=e.anchor, span_start=e.span_start, span_end=e.span_end, quote=e.quote,
    )  # fmt: skip


def sighting(e: LearnedEntry) -> Sighting:
    f = e.fields
    year = f.get("year")
    return Sighting(
        id=e.id, indicator=str(f.get("indicator") or f"unnamed-{e.id}"), entity=str(f.get("entity") or COUNTRY),
        value=float(f["value"]), unit=str(f.get("unit") or ""), comparator=str(f.get("comparator") or "="),
        period=str(year) if year is not None else None, anchor=e.anchor, doc=f.get("doc"), line=f.get("line"),
        review=e.state.value, value_max=f.get("value_max"), quote=e.quote,
    )  # fmt: skip


def curated_sightings(kb: KnowledgeBase, observations: Iterable[Observation]) -> list[Sighting]:
    out: list[Sighting] = []
    for o in observations:
        anchor = next((c.anchor for c in o.sources if c.anchor), None)
        out.append(
            Sighting(
                id=o.id, indicator=o.indicator, entity=o.entity, value=o.value, unit=o.unit,
                comparator="~" if o.approx == "about" else "=", period=o.period, anchor=anchor, doc=None, line=None,
                review=ReviewState.ACCEPTED.value, value_max=o.value_max,
            )
        )  # fmt: skip
    return out


def learned_tracks(store: Store, learned: Learned | None = None) -> list[LearnedTrack]:
    """Every learned target (not rejected) against actual values from any document and the curated data."""
    kb = store.knowledge()
    learned = learned or learn(store)
    actuals = [sighting(e) for e in learned.of(EntryKind.ACTUAL) if e.state is not ReviewState.REJECTED]
    actuals.extend(curated_sightings(kb, (o for o in kb.observations() if o.indicator in _learned_ids(learned))))
    out: list[LearnedTrack] = []
    for e in learned.of(EntryKind.TARGET):
        if e.state is ReviewState.REJECTED:
            continue
        t = sighting(e)
        found = kb.find(t.indicator)
        known = learned.matcher.get(t.indicator)
        better = known.higher_is_better if known is not None else None
        out.append(track_sighting(t, actuals, found if isinstance(found, Indicator) else None, better))
    return out


def _learned_ids(learned: Learned) -> set[str]:
    return {str(e.get("indicator")) for e in learned.of(EntryKind.TARGET) if e.get("indicator")}


def _sighting_json(s: Sighting) -> dict[str, Any]:
    return {
        "id": s.id, "value": s.value, "value_max": s.value_max, "unit": s.unit, "comparator": s.comparator,
        "period": s.period, "anchor": s.anchor, "doc": s.doc, "line": s.line, "review": s.review,
        "quote": s.quote,
    }  # fmt: skip


def learned_track_json(t: LearnedTrack, learned: Learned) -> dict[str, Any]:
    """One learned target in the `targets --json` shape (see README)."""
    g = t.target
    known = learned.matcher.get(g.indicator)
    entry = learned.find(g.id)
    fields = entry.fields if entry is not None else {}
    named = learned.find(g.indicator)  # a learned indicator the analyst may have renamed
    name = named.get("name") if named is not None else (known.name if known else fields.get("indicator_phrase"))
    return {
        "id": g.id, "origin": "learned", "review": g.review,
        "indicator": {"id": g.indicator, "name": name,
                      "phrase": fields.get("indicator_phrase"), "origin": known.origin if known else None},
        "entity": g.entity, "value": g.value, "value_max": g.value_max, "comparator": g.comparator, "unit": g.unit,
        "deadline": g.period, "baseline": fields.get("baseline"), "change": fields.get("change"),
        "plan": fields.get("plan"), "doc": g.doc, "line": g.line, "quote": g.quote,
        "sources": [g.anchor] if g.anchor else [],
        "status": t.status.value, "note": t.note, "gap": t.gap,
        "assessed": _sighting_json(t.assessed) if t.assessed else None,
        "observations": [_sighting_json(o) for o in t.observations],
        "target": {"id": g.id, "indicator": g.indicator, "value": g.value, "unit": g.unit,
                   "comparator": g.comparator, "year": g.period},
        "evidence": [a for a in [g.anchor, *(o.anchor for o in t.observations)] if a],
    }  # fmt: skip


def curated_track_extras(t: TargetTrack, learned: Learned, kb: KnowledgeBase) -> dict[str, Any]:
    """Fields added to a curated target's existing JSON: the same names a learned target has, with the
    learned actual values of its indicator among the observations."""
    goal = t.target
    obs = curated_sightings(kb, kb.observations(indicator=goal.indicator))
    obs += [
        sighting(e) for e in learned.of(EntryKind.ACTUAL)
        if e.get("indicator") == goal.indicator and e.state is not ReviewState.REJECTED
    ]  # fmt: skip
    obs = [o for o in obs if o.entity == goal.subject and o.unit == goal.unit]
    obs.sort(key=lambda o: (year_of(o.period or "") or 0, o.id))
    return {
        "id": goal.id, "origin": "curated", "review": ReviewState.ACCEPTED.value, "value": goal.value,
        "value_max": goal.value_max, "comparator": goal.comparator, "unit": goal.unit, "deadline": goal.year,
        "entity": goal.subject, "doc": None, "sources": [c.anchor or c.source for c in goal.sources],
        "observations": [_sighting_json(o) for o in obs],
    }  # fmt: skip


def learned_findings(store: Store) -> list[Finding]:
    """Documents that disagree on an actual value (same indicator, entity, unit and period)."""
    learned = learn(store)
    return document_disagreements([sighting(e) for e in learned.of(EntryKind.ACTUAL)])


def learned_targets(store: Store) -> list[dict[str, Any]]:
    """Only the learned targets, in the `targets --json` shape (the tracker page lists them apart)."""
    learned = learn(store)
    return [learned_track_json(t, learned) for t in learned_tracks(store, learned)]


def target_tracks(store: Store) -> list[dict[str, Any]]:
    """Every target, curated then learned, as `targets --json` prints it (curated tracks keep their fields)."""
    kb = store.knowledge()
    learned = learn(store)
    out = [{**plain(t), **curated_track_extras(t, learned, kb)} for t in track_all(kb)]
    out += [learned_track_json(t, learned) for t in learned_tracks(store, learned)]
    return out
