"""The loaded knowledge base: every entry by id, and the questions callers ask of it.

Nested entries (a fund's phases and snapshots, a chain's stages and components) have ids of their
own and can be looked up and referred to like top-level ones, so an observation can be about "the
Phase II fund" or "reduction gears" directly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from sinoscope.errors import NotFoundError
from sinoscope.knowledge.actors import Company, Country, Industry, Institution, Policy
from sinoscope.knowledge.base import Citation, Entry, Named
from sinoscope.knowledge.chains import Component, Stage, SupplyChain
from sinoscope.knowledge.funds import Fund, FundPhase, PortfolioSnapshot
from sinoscope.knowledge.measures import Indicator, Observation, Target

E = TypeVar("E", bound=Entry)

TOP_TYPES: dict[str, type[Entry]] = {
    "country": Country,
    "institution": Institution,
    "company": Company,
    "industry": Industry,
    "policy": Policy,
    "fund": Fund,
    "supply_chain": SupplyChain,
    "indicator": Indicator,
    "target": Target,
    "observation": Observation,
}
NESTED_TYPES: dict[str, type[Entry]] = {
    "fund_phase": FundPhase,
    "portfolio_snapshot": PortfolioSnapshot,
    "stage": Stage,
    "component": Component,
}
_TYPE_OF: dict[type[Entry], str] = {cls: name for name, cls in {**TOP_TYPES, **NESTED_TYPES}.items()}


def type_name(entry: Entry) -> str:
    return _TYPE_OF[type(entry)]


def display_name(entry: Entry) -> str:
    return entry.name if isinstance(entry, Named) else entry.id


@dataclass(frozen=True)
class Problem:
    """A broken reference found when checking the whole knowledge base."""

    entry: str
    field: str
    missing: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.field} refers to unknown id {self.missing!r}"


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    """Top-level entries in data order."""
    digest: str = ""
    """Content hash of the data the entries were loaded from (to tell whether a store is up to date)."""
    _by_id: dict[str, Entry] = field(init=False, repr=False, compare=False)
    _parent: dict[str, str] = field(init=False, repr=False, compare=False)
    _referrers: dict[str, list[tuple[str, str]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Entry] = {}
        parent: dict[str, str] = {}
        duplicates: list[str] = []
        for top in self.entries:
            for entry, owner in _walk(top):
                if entry.id in by_id:
                    duplicates.append(entry.id)
                by_id[entry.id] = entry
                if owner is not None:
                    parent[entry.id] = owner
        if duplicates:
            raise ValueError(f"duplicate ids: {', '.join(sorted(set(duplicates)))}")
        referrers: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry in by_id.values():
            for fname, target in entry.refs():
                referrers[target].append((entry.id, fname))
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_parent", parent)
        object.__setattr__(self, "_referrers", dict(referrers))

    # -- lookup -----------------------------------------------------------------------------------

    def __contains__(self, entry_id: object) -> bool:
        return isinstance(entry_id, str) and entry_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, entry_id: str) -> Entry:
        try:
            return self._by_id[entry_id]
        except KeyError:
            raise NotFoundError(f"{entry_id}: no such entity in the knowledge base") from None

    def find(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def all(self) -> Iterator[Entry]:
        """Every entry, nested ones included, in data order."""
        return iter(self._by_id.values())

    def of(self, cls: type[E]) -> tuple[E, ...]:
        return tuple(e for e in self._by_id.values() if isinstance(e, cls))

    def parent_of(self, entry_id: str) -> Entry | None:
        owner = self._parent.get(entry_id)
        return self._by_id[owner] if owner is not None else None

    def referrers(self, entry_id: str) -> list[tuple[Entry, str]]:
        """Entries that point at `entry_id`, with the field they point from."""
        return [(self._by_id[src], fname) for src, fname in self._referrers.get(entry_id, [])]

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        for entry in self._by_id.values():
            for fname, target in entry.refs():
                if target not in self._by_id:
                    out.append(Problem(entry.id, fname, target))
        return out

    # -- the questions analyses ask ----------------------------------------------------------------

    def policies(self) -> tuple[Policy, ...]:
        return self.of(Policy)

    def indicators(self) -> tuple[Indicator, ...]:
        return self.of(Indicator)

    def targets(self, *, policy: str | None = None, indicator: str | None = None) -> tuple[Target, ...]:
        return tuple(
            t
            for t in self.of(Target)
            if (policy is None or t.policy == policy) and (indicator is None or t.indicator == indicator)
        )

    def policy_family(self, policy_id: str) -> tuple[Policy, ...]:
        """The policy and everything that implements it (its roadmaps, their revisions...)."""
        out: list[Policy] = []
        todo = [policy_id]
        while todo:
            pid = todo.pop(0)
            p = self._by_id.get(pid)
            if isinstance(p, Policy) and p not in out:
                out.append(p)
                todo.extend(c.id for c in self.of(Policy) if c.parent == pid)
        return tuple(out)

    def observations(
        self, *, indicator: str | None = None, entity: str | None = None, period: str | None = None
    ) -> tuple[Observation, ...]:
        return tuple(
            o
            for o in self.of(Observation)
            if (indicator is None or o.indicator == indicator)
            and (entity is None or o.entity == entity)
            and (period is None or o.period == period)
        )

    def funds(self) -> tuple[Fund, ...]:
        return self.of(Fund)

    def fund_of(self, phase_id: str) -> Fund | None:
        owner = self.parent_of(phase_id)
        return owner if isinstance(owner, Fund) else None

    def supply_chains(self) -> tuple[SupplyChain, ...]:
        return self.of(SupplyChain)

    def citations(self) -> Iterator[tuple[Entry, Citation]]:
        """Every citation with the entry that owns it, nested values (statements, holdings...) included."""
        for entry in self._by_id.values():
            for cite in own_citations(entry):
                yield entry, cite


def _walk(top: Entry) -> Iterator[tuple[Entry, str | None]]:
    yield top, None
    for child in top.children():
        yield child, top.id


def own_citations(entry: Entry) -> Iterator[Citation]:
    """Citations held by the entry itself or by its id-less parts (not by nested entries with ids)."""
    yield from entry.sources
    if isinstance(entry, Fund):
        for figure in entry.capital:
            yield from figure.sources
        for st in entry.statements:
            yield from st.sources
    elif isinstance(entry, FundPhase):
        for figure in entry.capital:
            yield from figure.sources
    elif isinstance(entry, PortfolioSnapshot):
        for h in entry.holdings:
            yield from h.sources
    elif isinstance(entry, Component):
        for f in entry.firms:
            yield from f.sources
        for s in (*entry.domestic_share, *entry.shares):
            yield from s.sources
    elif isinstance(entry, Stage):
        for m in entry.metrics:
            yield from m.sources
