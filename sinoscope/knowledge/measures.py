"""What is measured (indicators), what policies aim for (targets), and what was found (observations).

An indicator can have many observations of the same entity and period from different sources, dates
or methods; that is data, not an error, and analyses compare them. Values are stored after applying
the printed scale ("RMB 98.72 billion" → 9.872e10, unit "CNY"); `scale` keeps the printed multiplier
so the figure as printed can be recovered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import model_validator

from sinoscope.extraction.model import Kind
from sinoscope.knowledge.base import DateText, Entry, Id, Named, Period, ref_pairs


class Indicator(Named):
    definition: str
    unit: str
    """"%", "percentage points", an ISO 4217 code, or a count noun ("units", "persons", "companies")."""
    per: str | None = None
    """Denominator of a per-capita unit: "10,000 persons"."""
    method: str = ""
    """How the value is obtained or computed, in words (and which inputs, for derived indicators)."""
    inputs: tuple[Id, ...] = ()
    """Indicators a derived indicator is computed from."""
    higher_is_better: bool | None = None

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("inputs", self.inputs)


Comparator = Literal["=", ">", ">=", "<", "<=", "~"]


class Target(Entry):
    """A goal a policy (or an organisation) sets for an indicator by a year.

    A target without a number (`value` None) is qualitative ("several world-class firms by 2030"); it
    is kept, with its wording in `description`, because it is still what the policy aimed for.
    """

    indicator: Id
    policy: Id | None = None
    owner: Id | None = None
    """Who set it when it is not a policy: a company or institution id."""
    subject: Id = "cn"
    """What the target is about: a country, industry, fund or company id."""
    scope: str = ""
    comparator: Comparator = "="
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    per: str | None = None
    year: Period
    """The target year, or the period over which a rate applies ("2021-2025")."""
    baseline_value: float | None = None
    baseline_year: Period | None = None
    status: Literal["active", "superseded", "withdrawn", "expired"] = "active"
    superseded_by: Id | None = None
    description: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if self.policy is None and self.owner is None:
            raise ValueError("a target needs a `policy` or an `owner`")
        if self.value is None and not self.description.strip():
            raise ValueError("a target without a value needs a description")
        if self.value is not None and not self.unit:
            raise ValueError("a target with a value needs a unit")
        if self.value_max is not None and (self.value is None or self.value_max < self.value):
            raise ValueError("value_max must be at least value")
        if self.status == "superseded" and self.superseded_by is None:
            raise ValueError("a superseded target names its successor in `superseded_by`")
        return self

    @property
    def qualitative(self) -> bool:
        return self.value is None

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("indicator", self.indicator)
        yield from ref_pairs("policy", self.policy)
        yield from ref_pairs("owner", self.owner)
        yield from ref_pairs("subject", self.subject)
        yield from ref_pairs("superseded_by", self.superseded_by)


class Observation(Entry):
    indicator: Id
    entity: Id
    """Whose value it is: a country, company, fund phase, supply-chain stage or component..."""
    period: Period
    value: float
    value_max: float | None = None
    approx: str | None = None
    """"about", "more than", "less than", "at least", "under"... as the passage qualifies it."""
    unit: str
    per: str | None = None
    scale: float = 1.0
    """The multiplier printed with the figure (1e8 for "RMB hundred million"): value / scale is as printed."""
    dimension: str | None = None
    """A breakdown label within the entity: a funding source, an NSFC attribute, a market segment."""
    kind: Kind = Kind.ACTUAL
    publisher: str | None = None
    """Who produced the figure (CSIA, WSTS, IC Insights, the chapter author...)."""
    as_of: DateText | None = None
    """When the figure was taken, if the passage says (a database access date, "as of January 2022")."""
    method: str = ""

    @model_validator(mode="after")
    def _range(self) -> Observation:
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max must be at least value")
        if self.scale <= 0:
            raise ValueError("scale must be positive")
        return self

    @property
    def printed(self) -> float:
        return self.value / self.scale

    def refs(self) -> Iterator[tuple[str, str]]:
        yield from ref_pairs("indicator", self.indicator)
        yield from ref_pairs("entity", self.entity)
