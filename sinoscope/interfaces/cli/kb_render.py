"""How `sinoscope kb` shows knowledge: Rich views for people, plain dicts for `--json`.

All report and data text goes through `Text(...)` so brackets are printed, never read as markup.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from sinoscope.errors import NotFoundError
from sinoscope.extraction.display import human_number, human_quantity
from sinoscope.interfaces.cli.render import fit_width
from sinoscope.knowledge import (
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
from sinoscope.knowledge.check import CheckReport, CitationStatus, passage_text
from sinoscope.knowledge.kb import own_citations
from sinoscope.knowledge.linking import Link
from sinoscope.knowledge.quotes import is_numeric, normalize_phrase, parse_printed
from sinoscope.knowledge.sources import bound_to_content
from sinoscope.store.base import EntityRef, Store
from sinoscope.store.kb_sync import SyncReport, SyncStatus

__all__ = ["fit_width"]

SNIPPET = 90


def type_of(entry: Entry) -> str:
    return type_name(entry)


def sync_line(report: SyncReport) -> str:
    if report.status is SyncStatus.UNCHANGED:
        base = "knowledge base up to date"
    else:
        base = f"knowledge base {report.status}: {report.entries} entries"
    if report.linked:
        base += "; linked " + ", ".join(f"{d}: {n} links" for d, n in sorted(report.linked.items()))
    return base


# -- list -----------------------------------------------------------------------------------------


def _when(entry: Entry) -> str:
    for attr in ("date", "period", "year", "as_of", "launched"):
        value = getattr(entry, attr, None)
        if isinstance(value, str):
            return value
    return ""


def _describe(kb: KnowledgeBase, entry: Entry) -> str:
    if isinstance(entry, Target):
        return target_text(kb, entry)
    if isinstance(entry, Observation):
        return observation_text(kb, entry)
    return display_name(entry)


def list_json(kb: KnowledgeBase, entry: Entry) -> dict[str, Any]:
    owner = kb.parent_of(entry.id)
    return {
        "id": entry.id,
        "type": type_name(entry),
        "name": _describe(kb, entry),
        "when": _when(entry) or None,
        "parent": owner.id if owner else None,
        "sources": len(list(own_citations(entry))),
    }


def list_table(kb: KnowledgeBase, entries: Sequence[Entry]) -> RichTable:
    table = RichTable(title=f"{len(entries)} entities", title_justify="left")
    for col in ("id", "type", "name", "when", "sources"):
        table.add_column(col, overflow="fold", justify="right" if col == "sources" else "left")
    for e in entries:
        row = list_json(kb, e)
        table.add_row(
            Text(e.id), Text(row["type"]), Text(row["name"]), Text(row["when"] or ""), Text(str(row["sources"]))
        )
    return table


def candidates_table(refs: Sequence[EntityRef]) -> RichTable:
    table = RichTable(title="matching entities", title_justify="left")
    for col in ("id", "type", "name"):
        table.add_column(col)
    for r in refs:
        table.add_row(Text(r.id), Text(r.type), Text(r.name))
    return table


# -- figures in words -----------------------------------------------------------------------------


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
    ind = kb.find(o.indicator)
    ent = kb.find(o.entity)
    dim = f" [{o.dimension}]" if o.dimension else ""
    approx = f"{o.approx} " if o.approx else ""
    value = human_quantity(o.value, o.unit, value_max=o.value_max, per=o.per)
    who = f" ({o.publisher})" if o.publisher else ""
    return (
        f"{display_name(ind) if ind else o.indicator} · {display_name(ent) if ent else o.entity}{dim}"
        f" · {o.period}: {approx}{value}{who}"
    )


# -- show -----------------------------------------------------------------------------------------


@dataclass
class SourceView:
    anchor: str | None
    quote: str | None
    source: str | None
    status: str
    passage: str | None = None


@dataclass
class EntityView:
    kb: KnowledgeBase
    entry: Entry
    parent: Entry | None
    targets: list[Target] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    related: list[tuple[Entry, str]] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    link_counts: dict[str, int] = field(default_factory=dict)
    max_links: int = 10

    @classmethod
    def build(cls, kb: KnowledgeBase, entry: Entry, store: Store, max_links: int) -> EntityView:
        view = cls(kb, entry, kb.parent_of(entry.id), max_links=max_links)
        if isinstance(entry, Policy):
            for p in kb.policy_family(entry.id):
                view.targets.extend(kb.targets(policy=p.id))
        elif isinstance(entry, Indicator):
            view.targets.extend(kb.targets(indicator=entry.id))
            view.observations.extend(kb.observations(indicator=entry.id))
        if not isinstance(entry, Indicator | Observation | Target):
            view.targets.extend(t for t in kb.of(Target) if t.subject == entry.id and t not in view.targets)
            view.observations.extend(kb.observations(entity=entry.id))
        shown = {t.id for t in view.targets} | {o.id for o in view.observations}
        view.related = [(e, f) for e, f in kb.referrers(entry.id) if e.id not in shown]
        view.children = list(entry.children())
        view.sources = [_source_view(store, c.anchor, c.quote_value, c.source) for c in own_citations(entry)]
        all_links = store.links(entity=entry.id)
        view.link_counts = dict(Counter(str(lk.method) for lk in all_links))
        view.links = all_links
        return view

    # -- json

    def to_json(self) -> dict[str, Any]:
        kb = self.kb
        return {
            "id": self.entry.id,
            "type": type_name(self.entry),
            "name": display_name(self.entry),
            "name_zh": self.entry.name_zh if isinstance(self.entry, Named) else None,
            "parent": self.parent.id if self.parent else None,
            "entity": self.entry.model_dump(mode="json", exclude_defaults=True),
            "targets": [
                {**t.model_dump(mode="json", exclude_defaults=True), "text": target_text(kb, t)} for t in self.targets
            ],
            "observations": [
                {**o.model_dump(mode="json", exclude_defaults=True), "text": observation_text(kb, o)}
                for o in self.observations
            ],
            "related": [
                {"id": e.id, "type": type_name(e), "name": display_name(e), "field": f} for e, f in self.related
            ],
            "children": [{"id": c.id, "type": type_name(c), "name": display_name(c)} for c in self.children],
            "sources": [s.__dict__ for s in self.sources],
            "links": {"counts": self.link_counts, "items": [_link_json(lk) for lk in self.links[: self.max_links]]},
        }

    # -- rich

    def render(self) -> RenderableType:
        parts: list[RenderableType] = [self._header()]
        if self.targets:
            parts.append(self._targets())
        if self.observations:
            parts.append(self._observations())
        if self.children:
            parts.append(_simple_table("contains", [(type_name(c), c.id, display_name(c)) for c in self.children]))
        if self.related:
            rows = [(type_name(e), e.id, _describe(self.kb, e)) for e, _ in self.related]
            parts.append(_simple_table("referred to by", rows))
        parts.append(self._sources())
        parts.append(self._links())
        return Group(*parts)

    def _header(self) -> RenderableType:
        e = self.entry
        t = Text()
        t.append(display_name(e), style="bold")
        t.append(f"  [{type_name(e)}: {e.id}]", style="dim")
        lines: list[RenderableType] = [t]
        if isinstance(e, Named) and e.name_zh:
            lines.append(Text(f"中文: {e.name_zh}"))
        if isinstance(e, Named) and e.aliases:
            lines.append(Text("also: " + "; ".join(e.aliases), style="dim"))
        facts = []
        for attr in ("kind", "date", "period", "status", "launched", "unit", "country", "ownership"):
            value = getattr(e, attr, None)
            if value not in (None, "", "unknown"):
                facts.append(f"{attr}: {value}")
        issuers = getattr(e, "issuer", ())
        if issuers:
            facts.append("issuer: " + ", ".join(display_name(self.kb.get(i)) for i in issuers))
        if self.parent is not None:
            facts.append(f"part of: {display_name(self.parent)} ({self.parent.id})")
        parent_policy = getattr(e, "parent", None)
        if isinstance(e, Policy) and parent_policy:
            facts.append(f"under: {display_name(self.kb.get(parent_policy))}")
        if facts:
            lines.append(Text(" · ".join(facts)))
        for attr in ("summary", "definition", "method", "description"):
            value = getattr(e, attr, "")
            if isinstance(value, str) and value:
                lines.append(Text(f"{attr}: {value}"))
        if isinstance(e, Target | Observation):
            lines.append(Text(_describe(self.kb, e)))
        extra = _extra_lines(self.kb, e)
        lines.extend(Text(x) for x in extra)
        return Group(*lines)

    def _targets(self) -> RichTable:
        table = RichTable(title="targets", title_justify="left")
        for col in ("target", "policy", "status", "id"):
            table.add_column(col, overflow="fold")
        for t in self.targets:
            policy = self.kb.find(t.policy) if t.policy else self.kb.find(t.owner or "")
            table.add_row(
                Text(target_text(self.kb, t)), Text(display_name(policy) if policy else ""), Text(t.status), Text(t.id)
            )
        return table

    def _observations(self) -> RichTable:
        table = RichTable(title=f"observations ({len(self.observations)})", title_justify="left")
        for col in ("observation", "kind", "source"):
            table.add_column(col, overflow="fold")
        for o in self.observations:
            anchors = ", ".join(c.anchor or (c.source or "")[:40] for c in o.sources)
            table.add_row(Text(observation_text(self.kb, o)), Text(str(o.kind)), Text(anchors))
        return table

    def _sources(self) -> RenderableType:
        table = RichTable(title=f"sources ({len(self.sources)})", title_justify="left")
        for col in ("anchor / source", "quote", "status", "passage"):
            table.add_column(col, overflow="fold")
        for s in self.sources:
            table.add_row(Text(s.anchor or s.source or ""), Text(s.quote or ""), Text(s.status), Text(s.passage or ""))
        return table

    def _links(self) -> RenderableType:
        if not self.links:
            return Text("linked passages: none (ingest the reports to link them)", style="dim")
        counts = ", ".join(f"{k}: {v}" for k, v in sorted(self.link_counts.items()))
        table = RichTable(title=f"linked passages ({counts})", title_justify="left")
        for col in ("anchor", "how", "surface"):
            table.add_column(col, overflow="fold")
        for lk in _best_links(self.links, self.max_links):
            table.add_row(Text(lk.anchor), Text(str(lk.method)), Text(lk.surface))
        return table


def _best_links(links: list[Link], n: int) -> list[Link]:
    order = {"citation": 0, "value": 1, "label": 2, "alias": 3}
    return sorted(links, key=lambda lk: (order.get(str(lk.method), 9), -lk.score, lk.anchor))[:n]


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


def _simple_table(title: str, rows: list[tuple[str, str, str]]) -> RichTable:
    table = RichTable(title=title, title_justify="left")
    for col in ("type", "id", "name"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*(Text(c) for c in r))
    return table


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
            periods = sorted({s.period for s in e.statements})
            out.append(f"financial statements: {', '.join(periods)}")
    elif isinstance(e, FundPhase | PortfolioSnapshot):
        fund = kb.parent_of(e.id)
        if isinstance(fund, Fund) and isinstance(e, FundPhase):
            for s in fund.snapshots_of(e.id):
                out.append(
                    f"snapshot {s.as_of} ({s.compiled_by}): {s.total_companies or '?'} companies, "
                    f"{human_quantity(s.total_amount, s.currency)}"
                )
    elif isinstance(e, SupplyChain):
        for stage in e.stages:
            comps = ", ".join(c.name for c in stage.components)
            out.append(f"{stage.position}. {stage.name}: {comps}")
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
        status = "not ingested" if store.document_state(anchor.split("#", 1)[0]) is None else "no such anchor"
        return SourceView(anchor, quote, None, status)
    return SourceView(anchor, quote, None, "ok", snippet(text, quote))


def snippet(text: str, quote: str | None, width: int = SNIPPET) -> str:
    """A window of `text` around where `quote` is printed (or its start)."""
    flat = " ".join(text.split())
    at = 0
    if quote:
        at = _find(flat, quote)
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
    i = normalize_phrase(flat).find(normalize_phrase(quote))
    return max(i, 0)


# -- check ----------------------------------------------------------------------------------------


def check_json(report: CheckReport, suggestions: dict[tuple[str, str], list[str]]) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "checked": report.checked,
        "counts": report.counts(),
        "missing_documents": report.missing_docs(),
        "failures": [
            {
                "entry": f.entry,
                "anchor": f.anchor,
                "quote_value": f.quote,
                "status": str(f.status),
                "suggest": suggestions.get((f.entry, f.anchor or ""), []),
            }
            for f in report.failures
        ],
    }


def print_check(console: Console, report: CheckReport, suggestions: dict[tuple[str, str], list[str]]) -> None:
    counts = report.counts()
    console.print(
        f"citations: {len(report.results)}; checked {report.checked}: {counts[CitationStatus.OK]} ok, "
        f"{len(report.failures)} failed; {counts[CitationStatus.EXTERNAL]} external (not checked); "
        f"{counts[CitationStatus.NOT_INGESTED]} in reports not ingested",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    missing = report.missing_docs()
    if missing:
        console.print(
            f"not ingested: {', '.join(missing)} (run `sinoscope ingest` on those reports)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if not report.failures:
        if report.checked:
            console.print("all checked citations resolve and print their value", markup=False)
        return
    table = RichTable(title="failed citations", title_justify="left")
    for col in ("entry", "anchor", "quote", "problem", "printed at"):
        table.add_column(col, overflow="fold")
    for f in report.failures:
        sug = ", ".join(suggestions.get((f.entry, f.anchor or ""), []))
        table.add_row(Text(f.entry), Text(f.anchor or ""), Text(f.quote or ""), Text(str(f.status)), Text(sug))
    fit_width(console, table)
    console.print(table)
