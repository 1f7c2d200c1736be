"""Who and what the reports talk about: countries, institutions, companies, industries and policies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from sinoscope.knowledge.base import DateText, Id, Named, Period, ref_pairs


class Country(Named):
    """A country or economic bloc ("eu", "asean"); observations and targets name one as their subject."""

    iso: str | None = None
    """ISO 3166 alpha-2 code where one exists ("CN"); None for blocs."""


class Institution(Named):
    kind: Literal[
        "party",
        "government",
        "ministry",
        "agency",
        "legislature",
        "court",
        "funder",
        "research",
        "university",
        "association",
        "data-provider",
        "financial",
        "other",
    ]
    country: Id | None = None
    parent: Id | None = None
    """The body it belongs to (a ministry's bureau, a bank's investment arm)."""

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("country", self.country)
        yield from ref_pairs("parent", self.parent)


class Company(Named):
    country: Id | None = None
    ownership: Literal["state-owned", "private", "foreign", "joint-venture", "university", "mixed", "unknown"] = (
        "unknown"
    )
    listed: bool | None = None
    parent: Id | None = None
    industries: tuple[Id, ...] = ()

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("country", self.country)
        yield from ref_pairs("parent", self.parent)
        yield from ref_pairs("industries", self.industries)


class Industry(Named):
    parent: Id | None = None

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("parent", self.parent)


PolicyStatus = Literal[
    "in-force",
    "completed",
    "revised",
    "superseded",
    "repealed",
    "dead-letter",
    "never-issued",
    "unknown",
]


class Policy(Named):
    """A plan, law, strategy, programme or agreement, with when and by whom it was issued."""

    kind: Literal[
        "plan",
        "strategy",
        "law",
        "regulation",
        "guideline",
        "programme",
        "catalogue",
        "notice",
        "speech",
        "agreement",
        "project",
        "concept",
    ]
    issuer: tuple[Id, ...] = ()
    """Issuing bodies (institution ids)."""
    country: Id | None = None
    date: DateText | None = None
    """When it was issued, adopted or announced, as precisely as the reports say."""
    period: Period | None = None
    """The period it covers ("2021-2025"), when it has one."""
    status: PolicyStatus = "unknown"
    parent: Id | None = None
    """The policy this one implements or belongs to (a roadmap under its plan)."""
    supersedes: tuple[Id, ...] = ()
    industries: tuple[Id, ...] = ()

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("issuer", self.issuer)
        yield from ref_pairs("country", self.country)
        yield from ref_pairs("parent", self.parent)
        yield from ref_pairs("supersedes", self.supersedes)
        yield from ref_pairs("industries", self.industries)
