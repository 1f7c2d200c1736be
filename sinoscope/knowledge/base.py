"""What every knowledge entry is made of: an id, its citations, and the small validated value types.

Entries are frozen pydantic models so that the curated data cannot drift after loading, and so that a
bad YAML value fails at load time with the file and entry named, not later inside an analysis.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, model_validator

from sinoscope.documents.anchors import split_anchor

_ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
_DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
_PERIOD_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$|^\d{4}-\d{4}$")


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(f"{value!r} is not an id (lower-case letters, digits and '-')")
    return value


def _check_date(value: str) -> str:
    if not _DATE_RE.match(value):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def _check_period(value: str) -> str:
    if not _PERIOD_RE.match(value):
        raise ValueError(f"{value!r} is not a period (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-YYYY)")
    if len(value) == 9 and value[4] == "-" and value[5:] < value[:4]:
        raise ValueError(f"{value!r}: a period cannot end before it starts")
    return value


def _year_to_text(value: Any) -> Any:
    """YAML reads `2015` as an int and `2015-05-08` as a date; dates and periods are text everywhere else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _printed(value: Any) -> Any:
    """A quoted figure must be text as printed: YAML would turn `69.00` into 69.0 and lose the zeros."""
    if isinstance(value, bool):
        raise ValueError("a quoted value must be text")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueError(f"quote {value!r} as printed, in quotes (YAML reads it as a float)")
    return value


Id = Annotated[str, AfterValidator(_check_id)]
DateText = Annotated[str, BeforeValidator(_year_to_text), AfterValidator(_check_date)]
Period = Annotated[str, BeforeValidator(_year_to_text), AfterValidator(_check_period)]


class Frozen(BaseModel):
    """Immutable and strict: an unknown key in the data is a typo, not something to ignore."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(Frozen):
    """Where a fact comes from: a passage of an ingested report (`anchor`), or an outside `source`.

    `quote_value` is the figure (or short phrase) as printed in that passage, e.g. "21.8"; `kb check`
    verifies that the passage really contains it.
    """

    anchor: str | None = None
    quote_value: Annotated[str | None, BeforeValidator(_printed)] = None
    source: str | None = None
    """A public source outside the reports, e.g. "National Bureau of Statistics of China, ..."."""
    url: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> Citation:
        if (self.anchor is None) == (self.source is None):
            raise ValueError("a citation needs exactly one of `anchor` (a report passage) or `source`")
        if self.anchor is not None and split_anchor(self.anchor) is None:
            raise ValueError(f"{self.anchor!r} is not an anchor such as '000#table-4-4' or '001#4.1.4¶3'")
        if self.quote_value is not None and not self.quote_value.strip():
            raise ValueError("quote_value is empty")
        return self

    @property
    def doc_id(self) -> str | None:
        parts = split_anchor(self.anchor) if self.anchor else None
        return parts[0] if parts else None

    @property
    def external(self) -> bool:
        return self.anchor is None


class Entry(Frozen):
    """Anything with an id that facts can be hung on."""

    id: Id
    sources: tuple[Citation, ...] = ()

    def refs(self) -> Iterator[tuple[str, str]]:
        """(field, id) pairs of other entries this one points to; checked on load, used for `kb show`."""
        return iter(())

    def children(self) -> Iterator[Entry]:
        """Entries nested inside this one that have ids of their own (a fund's phases, a chain's stages)."""
        return iter(())


class Named(Entry):
    name: str
    name_zh: str | None = None
    """The name in Simplified Chinese, as Chinese sources print it: found by `kb show` and by linking in
    Chinese documents, and shown beside the English name."""
    aliases: tuple[str, ...] = ()
    summary: str = ""
    """In our own words: one or two sentences on what this is and why the reports mention it."""

    @model_validator(mode="after")
    def _names_present(self) -> Named:
        if not self.name.strip():
            raise ValueError("name is empty")
        if any(not a.strip() for a in self.aliases):
            raise ValueError("an alias is empty")
        return self

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *((self.name_zh,) if self.name_zh else ()), *self.aliases)


def ref_pairs(field: str, values: str | tuple[str, ...] | None) -> Iterator[tuple[str, str]]:
    if values is None:
        return
    if isinstance(values, str):
        yield field, values
        return
    for v in values:
        yield field, v
