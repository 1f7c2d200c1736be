"""Use cases over the knowledge base: look entries up, view one entity with its targets and observations,
list indicators, targets and policies, check the citations, keep the store's knowledge base loaded.

The CLI (`sinoscope kb ...`), the REST routes and the pages all call these functions, so the "targets and
observations of this entity" query (and every other) is written once and the three interfaces cannot
drift apart. JSON-ready views carry the URLs a browser follows: every citation's `url` is the reader page
scrolled to the cited passage (None for an outside source).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from sinoscope.app.pipeline import SyncReport, SyncStatus, ensure_knowledge
from sinoscope.errors import NotFoundError, SinoscopeError, require_choice
from sinoscope.extraction.display import human_number, human_quantity
from sinoscope.knowledge import (
    NESTED_TYPES,
    TOP_TYPES,
    Citation,
    Entry,
    Fund,
    FundPhase,
    Indicator,
    KnowledgeBase,
    Named,
    Observation,
    Policy,
    PortfolioSnapshot,
    SupplyChain,
    Target,
    display_name,
    type_name,
)
from sinoscope.knowledge.check import (
    CheckReport,
    CitationCheck,
    CitationStatus,
    check_citations,
    passage_text,
    suggest_anchors,
)
from sinoscope.knowledge.kb import own_citations
from sinoscope.knowledge.linking import Link
from sinoscope.knowledge.quotes import is_numeric, normalize_phrase, parse_printed
from sinoscope.knowledge.sources import bound_to_content
from sinoscope.store import Store, open_store
from sinoscope.store.base import EntityRef

__all__ = [
    "CheckReport",
    "CitationStatus",
    "EntityRef",
    "Entry",
    "Fund",
    "Indicator",
    "KnowledgeBase",
    "Named",
    "Observation",
    "Policy",
    "Store",
    "SupplyChain",
    "SyncReport",
    "SyncStatus",
    "Target",
    "display_name",
    "ensure_knowledge",
    "type_name",
]

ENTITY_TYPES = tuple(sorted({*TOP_TYPES, *NESTED_TYPES}))
SNIPPET = 90
E = TypeVar("E", bound=Entry)


class AmbiguousEntity(SinoscopeError):
    """A name that several entities answer to; `refs` are the candidates to offer."""

    def __init__(self, query: str, refs: Sequence[EntityRef]) -> None:
        super().__init__(f"{query}: {len(refs)} entities match; give an id")
        self.refs = list(refs)


# -- the store's knowledge base ---------------------------------------------------------------------------


@contextmanager
def knowledge_store(db: str | Path) -> Iterator[tuple[Store, SyncReport]]:
    """A store (created if new) holding the bundled knowledge base, so a new user can look things up before
    ingesting any report."""
    store = open_store(db, create=True)
    try:
        yield store, ensure_knowledge(store)
    finally:
        store.close()


def load_knowledge(db: str | Path, *, force: bool = False) -> SyncReport:
    with open_store(db, create=True) as store:
        return ensure_knowledge(store, force=force)


def entry_of(kb: KnowledgeBase, entry_id: str, cls: type[E], what: str) -> E:
    """The entry `entry_id` when it is a `cls` (e.g. an indicator); NotFoundError naming what it is otherwise."""
    entry = kb.get(entry_id)
    if not isinstance(entry, cls):
        raise NotFoundError(f"{entry_id}: not {what} (it is a {type_name(entry)})")
    return entry


def entry_type(name: str) -> str:
    """A type as people write it ("funds", "supply-chain", "policies") as the knowledge base names it."""
    key = name.strip().lower().replace("-", "_")
    known = [*TOP_TYPES, *NESTED_TYPES]
    for t in known:
        if key in (t, t + "s", t.removesuffix("y") + "ies", t.replace("_", "")):
            return t
    raise SinoscopeError(f"{name}: unknown type (one of: {', '.join(known)})")


def find_entities(kb: KnowledgeBase, store: Store, q: str | None, type: str | None, limit: int) -> list[Entry]:
    """Entries found by id, name or alias (all of them without `q`), optionally of one type."""
    if q is not None and q.strip():
        found = [kb.get(ref.id) for ref in store.find_entities(q, limit=limit) if ref.id in kb]
    else:
        found = list(kb.all())
    return [e for e in found if type_name(e) == type] if type else found


def resolve_entity(store: Store, query: str) -> Entry:
    """The one entity `query` names (an exact id wins over other matches); AmbiguousEntity when several do."""
    refs = store.find_entities(query)
    if not refs:
        raise NotFoundError(f"{query}: no entity with this id, name or alias (try `sinoscope kb list`)")
    if len(refs) > 1 and not any(r.id == query.strip() for r in refs):
        raise AmbiguousEntity(query, refs)
    ref = next((r for r in refs if r.id == query.strip()), refs[0])
    return store.knowledge().get(ref.id)


# -- addresses ------------------------------------------------------------------------------------------


def reader_url(anchor: str) -> str:
    """The reader page scrolled to the passage: "000#4.1¶3" → "/documents/000#4.1¶3"."""
    doc_id, _, ref = anchor.partition("#")
    return f"/documents/{quote(doc_id)}" + (f"#{quote(ref, safe='')}" if ref else "")


def entity_url(entity_id: str) -> str:
    return f"/entities/{quote(entity_id)}"


def first_anchor(sources: tuple[Citation, ...]) -> str | None:
    return next((c.anchor for c in sources if c.anchor), None)


# -- entries as JSON ------------------------------------------------------------------------------------


def citation_json(c: Citation) -> dict[str, Any]:
    url = reader_url(c.anchor) if c.anchor else c.url
    return {
        "anchor": c.anchor,
        "quote_value": c.quote_value,
        "source": c.source,
        "url": url,
        "external_url": c.url,
        "note": c.note,
    }


def cites(sources: Any) -> list[dict[str, Any]]:
    return [citation_json(c) for c in sources]


def ref_json(kb: KnowledgeBase, entity_id: str | None) -> dict[str, Any] | None:
    """A pointer to another entry: id, type, name and page (the id alone when it is not in the KB)."""
    if entity_id is None:
        return None
    e = kb.find(entity_id)
    if e is None:
        return {"id": entity_id, "type": None, "name": entity_id, "url": None}
    return {"id": e.id, "type": type_name(e), "name": display_name(e), "url": entity_url(e.id)}


def summary_json(kb: KnowledgeBase, e: Entry) -> dict[str, Any]:
    parent = kb.parent_of(e.id)
    return {
        "id": e.id,
        "type": type_name(e),
        "name": display_name(e),
        "name_zh": getattr(e, "name_zh", None),
        "parent": parent.id if parent is not None else None,
        "url": entity_url(e.id),
    }


def _cited(item: Observation | Target) -> dict[str, Any]:
    data = item.model_dump(mode="json")
    data["sources"] = cites(item.sources)
    anchor = first_anchor(item.sources)
    data["anchor"] = anchor
    data["url"] = reader_url(anchor) if anchor else None
    return data


def observation_json(kb: KnowledgeBase, o: Observation) -> dict[str, Any]:
    return {**_cited(o), "entity_ref": ref_json(kb, o.entity)}


def target_json(kb: KnowledgeBase, t: Target) -> dict[str, Any]:
    return {
        **_cited(t),
        "indicator_ref": ref_json(kb, t.indicator),
        "policy_ref": ref_json(kb, t.policy or t.owner),
        "subject_ref": ref_json(kb, t.subject),
    }


def indicator_json(kb: KnowledgeBase, ind: Indicator) -> dict[str, Any]:
    return {
        **ind.model_dump(mode="json"),
        "sources": cites(ind.sources),
        "url": f"/indicators/{quote(ind.id)}",
        "observations": len(kb.observations(indicator=ind.id)),
        "targets": len(kb.targets(indicator=ind.id)),
    }


def policy_json(kb: KnowledgeBase, p: Policy) -> dict[str, Any]:
    return {
        **p.model_dump(mode="json"),
        "sources": cites(p.sources),
        "url": entity_url(p.id),
        "issuer_refs": [ref_json(kb, i) for i in p.issuer],
        "parent_ref": ref_json(kb, p.parent),
        "targets": len(kb.targets(policy=p.id)),
    }


# -- one entity -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityContents:
    """What the knowledge base says about one entry: its targets and observations (a policy's include its
    roadmaps' and revisions'; an entity's, those it is the subject of), the entries that refer to it
    (those not already listed), and its nested entries."""

    targets: list[Target]
    observations: list[Observation]
    related: list[tuple[Entry, str]]
    children: list[Entry]


def entity_contents(kb: KnowledgeBase, entry: Entry) -> EntityContents:
    targets: list[Target] = []
    observations: list[Observation] = []
    if isinstance(entry, Policy):
        for p in kb.policy_family(entry.id):
            targets.extend(kb.targets(policy=p.id))
    elif isinstance(entry, Indicator):
        targets.extend(kb.targets(indicator=entry.id))
        observations.extend(kb.observations(indicator=entry.id))
    if not isinstance(entry, Indicator | Observation | Target):
        targets.extend(t for t in kb.of(Target) if t.subject == entry.id and t not in targets)
        observations.extend(kb.observations(entity=entry.id))
    shown = {t.id for t in targets} | {o.id for o in observations}
    related = [(e, f) for e, f in kb.referrers(entry.id) if e.id not in shown]
    return EntityContents(targets, observations, related, list(entry.children()))


def entity_detail(kb: KnowledgeBase, entry: Entry, store: Store, *, max_links: int = 50) -> dict[str, Any]:
    """Everything known about one entry (`/api/v1/entities/{id}` and its page): its fields, its targets and
    observations, who refers to it, the passages it cites and the passages that mention it."""
    c = entity_contents(kb, entry)
    links = store.links(entity=entry.id)
    return {
        **summary_json(kb, entry),
        "entry": entry.model_dump(mode="json", exclude_defaults=True),
        "citations": cites(own_citations(entry)),
        "targets": [target_json(kb, t) for t in c.targets],
        "observations": [observation_json(kb, o) for o in c.observations],
        "referrers": [{**summary_json(kb, e), "field": f} for e, f in c.related],
        "children": [summary_json(kb, ch) for ch in c.children],
        "passages": {
            "counts": dict(Counter(lk.method.value for lk in links)),
            "total": len(links),
            "items": [
                {
                    "anchor": lk.anchor,
                    "url": reader_url(lk.anchor),
                    "method": lk.method.value,
                    "kind": lk.kind.value,
                    "surface": lk.surface,
                }
                for lk in links[:max_links]
            ],
        },
    }


def indicator_detail(kb: KnowledgeBase, indicator_id: str) -> dict[str, Any]:
    """An indicator with all its observations (every source and date) and the targets set for it."""
    ind = entry_of(kb, indicator_id, Indicator, "an indicator")
    return {
        "indicator": indicator_json(kb, ind),
        "observations": [observation_json(kb, o) for o in kb.observations(indicator=ind.id)],
        "targets": [target_json(kb, t) for t in kb.targets(indicator=ind.id)],
    }


def observations(
    kb: KnowledgeBase, indicator: str | None, entity: str | None, period: str | None
) -> list[dict[str, Any]]:
    """Observations filtered by indicator, entity and period (an unknown indicator or entity is NotFound)."""
    for ref in (indicator, entity):
        if ref is not None:
            kb.get(ref)
    return [observation_json(kb, o) for o in kb.observations(indicator=indicator, entity=entity, period=period)]


def targets(kb: KnowledgeBase, policy: str | None, indicator: str | None) -> list[dict[str, Any]]:
    """Targets set for an indicator and/or by a policy (its roadmaps and revisions included)."""
    if indicator is not None:
        entry_of(kb, indicator, Indicator, "an indicator")
    found: list[Target] = list(kb.targets(indicator=indicator))
    if policy is not None:
        family = policy_family(kb, policy)
        found = [t for t in found if t.policy in family]
    return [target_json(kb, t) for t in found]


def policy_family(kb: KnowledgeBase, policy: str) -> set[str]:
    entry_of(kb, policy, Policy, "a policy")
    return {p.id for p in kb.policy_family(policy)}


def policies(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Policies in date order (undated last), for a timeline."""
    ordered = sorted(kb.policies(), key=lambda p: (p.date is None, p.date or "", p.name))
    return [policy_json(kb, p) for p in ordered]


def by_year(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Policy rows grouped by the year they were issued ("undated" last, as the rows come)."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row["date"][:4] if row["date"] else "undated"].append(row)
    return dict(out)


# -- figures in words (the CLI's tables) -----------------------------------------------------------------


def fmt(value: float | None) -> str:
    return "-" if value is None else human_number(value)


def target_text(kb: KnowledgeBase, t: Target) -> str:
    ind = kb.find(t.indicator)
    name = display_name(ind) if ind else t.indicator
    if t.value is None:
        return f"{name}: {t.description} (by {t.year})"
    value = human_quantity(t.value, t.unit, comparator=t.comparator, value_max=t.value_max, per=t.per)
    base = f" (from {fmt(t.baseline_value)} in {t.baseline_year})" if t.baseline_value is not None else ""
    return f"{name}: {value} by {t.year}{base}"


def observation_text(kb: KnowledgeBase, o: Observation) -> str:
    ind, ent = kb.find(o.indicator), kb.find(o.entity)
    dim = f" [{o.dimension}]" if o.dimension else ""
    approx = f"{o.approx} " if o.approx else ""
    value = human_quantity(o.value, o.unit, value_max=o.value_max, per=o.per)
    who = f" ({o.publisher})" if o.publisher else ""
    return (
        f"{display_name(ind) if ind else o.indicator} · {display_name(ent) if ent else o.entity}{dim}"
        f" · {o.period}: {approx}{value}{who}"
    )


def describe(kb: KnowledgeBase, entry: Entry) -> str:
    if isinstance(entry, Target):
        return target_text(kb, entry)
    if isinstance(entry, Observation):
        return observation_text(kb, entry)
    return display_name(entry)


def _when(entry: Entry) -> str:
    for attr in ("date", "period", "year", "as_of", "launched"):
        value = getattr(entry, attr, None)
        if isinstance(value, str):
            return value
    return ""


def list_entries(kb: KnowledgeBase, type: str | None) -> list[dict[str, Any]]:
    """`sinoscope kb list`: every entry (of one type) with what it is, when, its owner and how many sources."""
    out = []
    for e in kb.all():
        if type is None or type_name(e) == type:
            owner = kb.parent_of(e.id)
            out.append(
                {
                    "id": e.id,
                    "type": type_name(e),
                    "name": describe(kb, e),
                    "when": _when(e) or None,
                    "parent": owner.id if owner else None,
                    "sources": len(list(own_citations(e))),
                }
            )
    return out


@dataclass
class SourceView:
    anchor: str | None
    quote: str | None
    source: str | None
    status: str
    passage: str | None = None


@dataclass
class EntityShow:
    """`sinoscope kb show`: an entity with its contents, its citations checked against the stored passages,
    and the passages linked to it; rows ready for a table, `to_json()` for `--json`."""

    kb: KnowledgeBase
    entry: Entry
    parent: Entry | None
    contents: EntityContents
    sources: list[SourceView] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    link_counts: dict[str, int] = field(default_factory=dict)
    max_links: int = 10

    def to_json(self) -> dict[str, Any]:
        kb, c, e = self.kb, self.contents, self.entry
        return {
            "id": e.id,
            "type": type_name(e),
            "name": display_name(e),
            "name_zh": e.name_zh if isinstance(e, Named) else None,
            "parent": self.parent.id if self.parent else None,
            "entity": e.model_dump(mode="json", exclude_defaults=True),
            "targets": [
                {**t.model_dump(mode="json", exclude_defaults=True), "text": target_text(kb, t)} for t in c.targets
            ],
            "observations": [
                {**o.model_dump(mode="json", exclude_defaults=True), "text": observation_text(kb, o)}
                for o in c.observations
            ],
            "related": [{"id": r.id, "type": type_name(r), "name": display_name(r), "field": f} for r, f in c.related],
            "children": [{"id": ch.id, "type": type_name(ch), "name": display_name(ch)} for ch in c.children],
            "sources": [s.__dict__ for s in self.sources],
            "links": {"counts": self.link_counts, "items": [_link_json(lk) for lk in self.links[: self.max_links]]},
        }

    def header(self) -> list[tuple[str, str]]:
        """The lines under the title, each with its style ("dim" or "")."""
        e, kb = self.entry, self.kb
        lines: list[tuple[str, str]] = []
        if isinstance(e, Named) and e.name_zh:
            lines.append((f"中文: {e.name_zh}", ""))
        if isinstance(e, Named) and e.aliases:
            lines.append(("also: " + "; ".join(e.aliases), "dim"))
        facts = []
        for attr in ("kind", "date", "period", "status", "launched", "unit", "country", "ownership"):
            value = getattr(e, attr, None)
            if value not in (None, "", "unknown"):
                facts.append(f"{attr}: {value}")
        issuers = getattr(e, "issuer", ())
        if issuers:
            facts.append("issuer: " + ", ".join(display_name(kb.get(i)) for i in issuers))
        if self.parent is not None:
            facts.append(f"part of: {display_name(self.parent)} ({self.parent.id})")
        if isinstance(e, Policy) and e.parent:
            facts.append(f"under: {display_name(kb.get(e.parent))}")
        if facts:
            lines.append((" · ".join(facts), ""))
        for attr in ("summary", "definition", "method", "description"):
            value = getattr(e, attr, "")
            if isinstance(value, str) and value:
                lines.append((f"{attr}: {value}", ""))
        if isinstance(e, Target | Observation):
            lines.append((describe(kb, e), ""))
        return lines + [(x, "") for x in _extra_lines(kb, e)]

    def target_rows(self) -> list[tuple[str, str, str, str]]:
        rows: list[tuple[str, str, str, str]] = []
        for t in self.contents.targets:
            policy = self.kb.find(t.policy) if t.policy else self.kb.find(t.owner or "")
            rows.append((target_text(self.kb, t), display_name(policy) if policy else "", t.status, t.id))
        return rows

    def observation_rows(self) -> list[tuple[str, str, str]]:
        return [
            (observation_text(self.kb, o), str(o.kind), ", ".join(c.anchor or (c.source or "")[:40] for c in o.sources))
            for o in self.contents.observations
        ]

    def child_rows(self) -> list[tuple[str, str, str]]:
        return [(type_name(c), c.id, display_name(c)) for c in self.contents.children]

    def related_rows(self) -> list[tuple[str, str, str]]:
        return [(type_name(e), e.id, describe(self.kb, e)) for e, _ in self.contents.related]

    def best_links(self) -> list[Link]:
        order = {"citation": 0, "value": 1, "label": 2, "alias": 3}
        ranked = sorted(self.links, key=lambda lk: (order.get(str(lk.method), 9), -lk.score, lk.anchor))
        return ranked[: self.max_links]


def show_entity(store: Store, query: str, max_links: int) -> EntityShow:
    kb = store.knowledge()
    entry = resolve_entity(store, query)
    links = store.links(entity=entry.id)
    return EntityShow(
        kb,
        entry,
        kb.parent_of(entry.id),
        entity_contents(kb, entry),
        sources=[_source_view(store, c.anchor, c.quote_value, c.source) for c in own_citations(entry)],
        links=links,
        link_counts=dict(Counter(str(lk.method) for lk in links)),
        max_links=max_links,
    )


def _link_json(lk: Link) -> dict[str, Any]:
    return {
        "anchor": lk.anchor,
        "kind": str(lk.kind),
        "method": str(lk.method),
        "surface": lk.surface,
        "start": lk.start,
        "end": lk.end,
        "row": lk.row,
        "col": lk.col,
        "score": lk.score,
    }


def _extra_lines(kb: KnowledgeBase, e: Entry) -> list[str]:
    out: list[str] = []
    if isinstance(e, Fund):
        for p in e.phases:
            caps = "; ".join(
                f"{c.kind} {human_quantity(c.value, c.currency)}" + (f" ({c.as_of})" if c.as_of else "")
                for c in p.capital
            )
            out.append(f"{p.name} ({p.id}): launched {p.launched or '?'}; {caps}")
        snaps = defaultdict(list)
        for s in e.snapshots:
            snaps[s.phase].append(
                f"{s.as_of} {s.basis} ({s.compiled_by}): {s.total_companies or '?'} companies, "
                f"{human_quantity(s.total_amount, s.currency)}"
            )
        for phase, items in snaps.items():
            out.extend(f"snapshot {phase}: {x}" for x in items)
        if e.statements:
            out.append(f"financial statements: {', '.join(sorted({s.period for s in e.statements}))}")
    elif isinstance(e, FundPhase | PortfolioSnapshot):
        fund = kb.parent_of(e.id)
        if isinstance(fund, Fund) and isinstance(e, FundPhase):
            for s in fund.snapshots_of(e.id):
                out.append(
                    f"snapshot {s.as_of} ({s.compiled_by}): {s.total_companies or '?'} companies, "
                    f"{human_quantity(s.total_amount, s.currency)}"
                )
    elif isinstance(e, SupplyChain):
        out.extend(f"{st.position}. {st.name}: {', '.join(c.name for c in st.components)}" for st in e.stages)
    return out


def _source_view(store: Store, anchor: str | None, quote: str | None, source: str | None) -> SourceView:
    if anchor is None:
        return SourceView(None, quote, source, "external")
    doc_id = anchor.split("#", 1)[0]
    if not bound_to_content(doc_id, store.document_state(doc_id)):  # absent, or other content under its id
        return SourceView(anchor, quote, None, "not ingested")
    try:
        text = passage_text(store.get_block(anchor))
    except NotFoundError:
        status = "not ingested" if store.document_state(doc_id) is None else "no such anchor"
        return SourceView(anchor, quote, None, status)
    return SourceView(anchor, quote, None, "ok", snippet(text, quote))


def snippet(text: str, quote: str | None, width: int = SNIPPET) -> str:
    """A window of `text` around where `quote` is printed (or its start)."""
    flat = " ".join(text.split())
    at = _find(flat, quote) if quote else 0
    start = max(0, at - width // 2)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def _find(flat: str, quote: str) -> int:
    if is_numeric(quote):
        digits = quote.strip().lstrip("-–−").rstrip("%").strip()
        i = flat.find(digits)
        if i < 0:
            i = flat.find(f"{parse_printed(quote):g}")
        return max(i, 0)
    return max(normalize_phrase(flat).find(normalize_phrase(quote)), 0)


# -- citations ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitationCheckResult:
    report: CheckReport
    suggestions: dict[tuple[str, str], list[str]]
    """For a failed citation (entry, anchor): passages of the same document that do print its value."""

    def suggested(self, f: CitationCheck) -> list[str]:
        return self.suggestions.get((f.entry, f.anchor or ""), [])

    def to_json(self) -> dict[str, Any]:
        r = self.report
        return {
            "ok": r.ok,
            "checked": r.checked,
            "counts": r.counts(),
            "missing_documents": r.missing_docs(),
            "failures": [
                {
                    "entry": f.entry,
                    "anchor": f.anchor,
                    "quote_value": f.quote,
                    "status": str(f.status),
                    "suggest": self.suggested(f),
                }
                for f in r.failures
            ],
        }


def check_knowledge(store: Store, *, suggest: bool = False) -> CitationCheckResult:
    """Every citation: the passage exists in an ingested report and prints the cited value."""
    kb = store.knowledge()
    # a document holding other content than a curated report's counts as that report not ingested
    docs = [d.doc_id for d in store.list_documents() if bound_to_content(d.doc_id, d.content_hash)]
    report = check_citations(kb, lambda anchor: _passage(store, anchor), docs)
    return CitationCheckResult(report, _suggestions(store, report.failures) if suggest else {})


def _passage(store: Store, anchor: str) -> str | None:
    try:
        return passage_text(store.get_block(anchor))
    except NotFoundError:
        return None


def _suggestions(store: Store, failures: list[CitationCheck]) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    blocks_by_doc: dict[str, list[Any]] = {}
    for f in failures:
        if not f.anchor or not f.quote:
            continue
        doc = f.anchor.split("#", 1)[0]
        if doc not in blocks_by_doc:
            blocks_by_doc[doc] = store.blocks(doc)
        out[(f.entry, f.anchor)] = suggest_anchors(f.quote, blocks_by_doc[doc])
    return out


def entities_page(kb: KnowledgeBase, store: Store, q: str, type: str, limit: int = 200) -> dict[str, Any]:
    """The entity browser: matches of `q` (of one `type`, if given) grouped by type name, names sorted."""
    require_choice("type", type, ENTITY_TYPES)
    found = find_entities(kb, store, q, type, limit)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in found:
        grouped[type_name(e)].append(summary_json(kb, e))
    return {"q": q, "type": type, "types": ENTITY_TYPES, "grouped": dict(sorted(grouped.items())), "total": len(found)}


def indicator_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The indicator list, the most observed first."""
    rows = [indicator_json(kb, i) for i in kb.indicators()]
    return sorted(rows, key=lambda r: (-r["observations"], r["name"]))
