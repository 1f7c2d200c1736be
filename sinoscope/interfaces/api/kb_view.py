"""Knowledge-base entries as JSON-ready dicts, with the URLs a browser or client follows.

Shared by the REST routes and the pages, so an entity page shows exactly what `/api/v1/entities/{id}`
returns. Every citation carries `url`, the reader page scrolled to the cited passage (None for an
outside source).
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

from sinoscope.interfaces.api.schemas import reader_url
from sinoscope.knowledge import (
    Citation,
    Entry,
    Indicator,
    KnowledgeBase,
    Observation,
    Policy,
    Target,
    display_name,
    type_name,
)
from sinoscope.knowledge.kb import own_citations
from sinoscope.store.base import Store


def entity_url(entity_id: str) -> str:
    return f"/entities/{quote(entity_id)}"


def citation_json(c: Citation) -> dict[str, Any]:
    return {
        "anchor": c.anchor,
        "quote_value": c.quote_value,
        "source": c.source,
        "url": reader_url(c.anchor) if c.anchor else c.url,
        "external_url": c.url,
        "note": c.note,
    }


def first_anchor(sources: tuple[Citation, ...]) -> str | None:
    return next((c.anchor for c in sources if c.anchor), None)


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


def observation_json(kb: KnowledgeBase, o: Observation) -> dict[str, Any]:
    data = o.model_dump(mode="json")
    data["sources"] = [citation_json(c) for c in o.sources]
    anchor = first_anchor(o.sources)
    data["anchor"] = anchor
    data["url"] = reader_url(anchor) if anchor else None
    data["entity_ref"] = ref_json(kb, o.entity)
    return data


def target_json(kb: KnowledgeBase, t: Target) -> dict[str, Any]:
    data = t.model_dump(mode="json")
    data["sources"] = [citation_json(c) for c in t.sources]
    anchor = first_anchor(t.sources)
    data["anchor"] = anchor
    data["url"] = reader_url(anchor) if anchor else None
    data["indicator_ref"] = ref_json(kb, t.indicator)
    data["policy_ref"] = ref_json(kb, t.policy or t.owner)
    data["subject_ref"] = ref_json(kb, t.subject)
    return data


def indicator_json(kb: KnowledgeBase, ind: Indicator) -> dict[str, Any]:
    data = ind.model_dump(mode="json")
    data["sources"] = [citation_json(c) for c in ind.sources]
    data["url"] = f"/indicators/{quote(ind.id)}"
    data["observations"] = len(kb.observations(indicator=ind.id))
    data["targets"] = len(kb.targets(indicator=ind.id))
    return data


def policy_json(kb: KnowledgeBase, p: Policy) -> dict[str, Any]:
    data = p.model_dump(mode="json")
    data["sources"] = [citation_json(c) for c in p.sources]
    data["url"] = entity_url(p.id)
    data["issuer_refs"] = [ref_json(kb, i) for i in p.issuer]
    data["parent_ref"] = ref_json(kb, p.parent)
    data["targets"] = len(kb.targets(policy=p.id))
    return data


def entity_detail(kb: KnowledgeBase, entry: Entry, store: Store, *, max_links: int = 50) -> dict[str, Any]:
    """Everything known about one entry: its fields, its targets and observations, who refers to it, the
    passages it cites and the passages that mention it."""
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
    links = store.links(entity=entry.id)
    return {
        **summary_json(kb, entry),
        "entry": entry.model_dump(mode="json", exclude_defaults=True),
        "citations": [citation_json(c) for c in own_citations(entry)],
        "targets": [target_json(kb, t) for t in targets],
        "observations": [observation_json(kb, o) for o in observations],
        "referrers": [{**summary_json(kb, e), "field": f} for e, f in kb.referrers(entry.id) if e.id not in shown],
        "children": [summary_json(kb, c) for c in entry.children()],
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
