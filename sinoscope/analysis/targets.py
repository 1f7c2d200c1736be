"""Target tracking: where each stated goal stands against the latest observations of its indicator.

Status rules (stated so that a reader can redo them by hand):
- comparable observations are actual or estimated values of the target's subject in its unit, not a
  breakdown of it (a region or segment), inside the target's span when it names one;
- "=" and "~" goals point up or down as the indicator says, else as the target lies against its baseline
  (or the first observation);
- a target without a number is "not evaluable"; one with no comparable observation has "no data";
- once the target year has passed, the observation of that year (else the latest one) decides: "met" or
  "off track";
- before the target year, the main series (the publisher with most points; when it has a single year, one
  point a year pooled across publishers, and the note says so) is projected to the target year (CAGR, or a
  straight line when the series is not positive): "on track" if the projection reaches the
  target, else "off track"; already reaching it early counts as "met"; a single point cannot be projected
  and is "not evaluable" unless it already meets the target.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from sinoscope.analysis.evidence import cited
from sinoscope.analysis.findings import Finding, Severity
from sinoscope.analysis.trend import Projection, project
from sinoscope.extraction.model import Kind
from sinoscope.knowledge.kb import KnowledgeBase
from sinoscope.knowledge.measures import Indicator, Observation, Target

TOLERANCE = 0.02
"""Relative slack for "=" and "~" targets (a 70 % goal is met by 69.5 %)."""


class Status(StrEnum):
    MET = "met"
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    NO_DATA = "no data"
    NOT_EVALUABLE = "not evaluable"


@dataclass(frozen=True)
class Point:
    period: str
    value: float
    unit: str
    publisher: str | None
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class TargetTrack:
    target: Target
    indicator: Indicator | None
    status: Status
    assessed: Point | None
    """The observation the status rests on (None when projected or without data)."""
    latest: tuple[Point, ...]
    """The most recent observation of each publisher, newest first."""
    gap: float | None
    """Target minus the assessed (or latest) value, in the target's unit."""
    projection: Projection | None
    note: str

    @property
    def basis(self) -> Literal["observed", "projected", "none"]:
        """What the status rests on: an observation, a trend projected to the target year, or nothing. A
        projected "on track" is a forecast and is shown apart from an observed "met"."""
        if self.projection is not None:
            return "projected"
        return "observed" if self.assessed is not None else "none"

    @property
    def evidence(self) -> tuple[str, ...]:
        out = list(cited(self.target.sources))
        for p in self.latest:
            out.extend(a for a in p.anchors if a not in out)
        return tuple(out)


def year_of(period: str) -> int | None:
    """The last year a period names: "2025" → 2025, "2021-2025" → 2025, "2022-09" → 2022."""
    years = re.findall(r"(?<!\d)(\d{4})(?!\d)", period)
    return int(years[-1]) if years else None


def start_year(period: str) -> int | None:
    years = re.findall(r"(?<!\d)(\d{4})(?!\d)", period)
    return int(years[0]) if years else None


def _comparable(target: Target, obs: Observation) -> bool:
    """Same subject, unit and denominator, and the whole rather than a breakdown of it (a region's or a
    segment's value says nothing about a national goal); for a target over a span ("2021-2025"), inside it."""
    span_start = start_year(target.year) if "-" in target.year else None
    if span_start is not None and (year_of(obs.period) or 0) < span_start:
        return False
    return (
        obs.entity == target.subject
        and obs.unit == target.unit
        and obs.per == target.per
        and (obs.dimension is None or obs.dimension == target.scope)
        and obs.kind in (Kind.ACTUAL, Kind.ESTIMATE)
        and year_of(obs.period) is not None
    )


def _point(o: Observation) -> Point:
    return Point(o.period, o.value, o.unit, o.publisher, cited(o.sources))


def wants_up(target: Target, indicator: Indicator | None, first: float | None = None) -> bool:
    """Which way the goal points: the comparator says so; for "=" and "~", the indicator's stated
    direction, else the target against its baseline (or the first observation): cutting a subsidy to 0 %
    is a goal below where the series starts."""
    if target.comparator in ("<", "<="):
        return False
    if target.comparator in (">", ">="):
        return True
    if indicator is not None and indicator.higher_is_better is not None:
        return indicator.higher_is_better
    start = target.baseline_value if target.baseline_value is not None else first
    if target.value is not None and start is not None:
        return target.value >= start
    return True


def reaches(target: Target, value: float, up: bool) -> bool:
    goal = target.value
    assert goal is not None
    if target.comparator in ("=", "~"):
        if abs(value - goal) <= TOLERANCE * abs(goal):
            return True
        return value >= goal if up else value <= goal
    if target.comparator == ">":
        return value > goal
    if target.comparator == ">=":
        return value >= goal
    if target.comparator == "<":
        return value < goal
    return value <= goal


def _pooled(obs: list[Observation], main_pub: str | None) -> list[Observation]:
    """One observation a year across publishers, the main publisher's where it has one."""
    by_year: dict[int | None, Observation] = {}
    for o in obs:  # sorted by period: a later figure of the same year replaces an earlier one
        y = year_of(o.period)
        if y not in by_year or by_year[y].publisher != main_pub or o.publisher == main_pub:
            by_year[y] = o
    return [by_year[y] for y in sorted(by_year, key=lambda y: y or 0)]


def track(target: Target, indicator: Indicator | None, observations: tuple[Observation, ...]) -> TargetTrack:
    if target.value is None:
        return TargetTrack(target, indicator, Status.NOT_EVALUABLE, None, (), None, None, "qualitative target")
    obs = sorted((o for o in observations if _comparable(target, o)), key=lambda o: (year_of(o.period), o.period))
    if not obs:
        return TargetTrack(target, indicator, Status.NO_DATA, None, (), None, None, "no comparable observation")
    latest_by_pub: dict[str | None, Observation] = {}
    for o in obs:
        latest_by_pub[o.publisher] = o
    latest = tuple(sorted((_point(o) for o in latest_by_pub.values()), key=lambda p: p.period, reverse=True))
    counts = Counter(o.publisher for o in obs)
    main_pub = max(counts, key=lambda p: (counts[p], max(year_of(o.period) or 0 for o in obs if o.publisher == p)))
    series = [o for o in obs if o.publisher == main_pub]
    source = main_pub or "unnamed source"
    if len({year_of(o.period) for o in series}) < 2 and len({year_of(o.period) for o in obs}) >= 2:
        series = _pooled(obs, main_pub)
        source = "several publishers (" + ", ".join(dict.fromkeys(o.publisher or "unnamed" for o in series)) + ")"
    up = wants_up(target, indicator, series[0].value)
    target_year = year_of(target.year) or 0
    last = series[-1]
    last_year = year_of(last.period) or 0
    if last_year >= target_year:
        at = [o for o in series if year_of(o.period) == target_year]
        chosen = at[-1] if at else last
        ok = reaches(target, chosen.value, up)
        return TargetTrack(
            target, indicator, Status.MET if ok else Status.OFF_TRACK, _point(chosen), latest,
            target.value - chosen.value, None, f"observed in {chosen.period} ({source})",
        )  # fmt: skip
    if reaches(target, last.value, up):
        return TargetTrack(
            target, indicator, Status.MET, _point(last), latest, target.value - last.value, None,
            f"already reached in {last.period}, before {target.year}",
        )  # fmt: skip
    points = [(year_of(o.period) or 0, o.value) for o in series]
    projection = project(points, target_year)
    if projection is None:
        return TargetTrack(
            target, indicator, Status.NOT_EVALUABLE, _point(last), latest, target.value - last.value, None,
            "a single observation: no trend to project",
        )  # fmt: skip
    ok = reaches(target, projection.value, up)
    return TargetTrack(
        target, indicator, Status.ON_TRACK if ok else Status.OFF_TRACK, None, latest,
        target.value - last.value, projection,
        f"{projection.method} trend of {source} {points[0][0]}-{points[-1][0]} "
        f"projects {projection.value:.4g} in {target_year}",
    )  # fmt: skip


def track_all(kb: KnowledgeBase) -> list[TargetTrack]:
    out: list[TargetTrack] = []
    for t in kb.targets():
        found = kb.find(t.indicator)
        indicator = found if isinstance(found, Indicator) else None
        out.append(track(t, indicator, kb.observations(indicator=t.indicator)))
    return out


# ------------------------------------------------------------------ targets learned from any document
@dataclass(frozen=True)
class Sighting:
    """A target or actual value as a document states it (extracted, or curated), with its evidence."""

    id: str
    indicator: str
    entity: str
    value: float
    unit: str
    comparator: str
    period: str | None
    """Deadline of a target, period of an actual value."""
    anchor: str | None
    doc: str | None
    line: int | None
    review: str
    """"proposed", "accepted" or "rejected" (curated entries are accepted)."""
    value_max: float | None = None
    quote: str | None = None


@dataclass(frozen=True)
class LearnedTrack:
    target: Sighting
    status: Status
    observations: tuple[Sighting, ...]
    """Every comparable actual value, oldest first: same indicator, entity and unit, from any document."""
    assessed: Sighting | None
    gap: float | None
    note: str


def comparable(target: Sighting, obs: Sighting) -> bool:
    return (
        obs.indicator == target.indicator
        and obs.entity == target.entity
        and obs.unit == target.unit
        and obs.review != "rejected"
        and obs.period is not None
        and year_of(obs.period) is not None
    )


def track_sighting(
    target: Sighting,
    actuals: Sequence[Sighting],
    indicator: Indicator | None = None,
    higher_is_better: bool | None = None,
) -> LearnedTrack:
    """The status of a learned target against actual values from any document: the observation of the
    deadline year decides, read in the indicator's direction (`higher_is_better`, else the curated indicator's,
    else as the target lies against the first observation). Before the deadline nothing is decided: a yearly
    flow (new jobs, growth) reached last year says nothing about this year, and a single point is not
    projected."""
    obs = tuple(sorted((o for o in actuals if comparable(target, o)), key=lambda o: (year_of(o.period or ""), o.id)))
    if target.period is None or year_of(target.period) is None:
        return LearnedTrack(target, Status.NOT_EVALUABLE, obs, None, None, "no deadline stated")
    if not obs:
        return LearnedTrack(target, Status.NO_DATA, obs, None, None, "no comparable observation")
    goal = Target(
        id="learned", indicator="learned", owner="learned", comparator=_comparator(target.comparator),
        value=target.value, unit=target.unit, year=str(year_of(target.period)),
    )  # fmt: skip
    first = obs[0].value
    known_way = (
        higher_is_better if higher_is_better is not None else (indicator.higher_is_better if indicator else None)
    )
    up = known_way if known_way is not None else wants_up(goal, indicator, first)
    if goal.comparator in (">", ">=", "<", "<="):
        up, known_way = goal.comparator.startswith(">"), True
    deadline = year_of(target.period) or 0
    at = [o for o in obs if year_of(o.period or "") == deadline]
    if at:
        chosen = at[-1]
        ok = reaches(goal, chosen.value, up)
        if known_way is None and abs(chosen.value - target.value) > TOLERANCE * abs(target.value):
            return LearnedTrack(
                target, Status.NOT_EVALUABLE, obs, chosen, target.value - chosen.value,
                f"{chosen.value:g} in {chosen.period} against about {target.value:g}: whether the goal is a "
                "ceiling or an aim is not known",
            )  # fmt: skip
        return LearnedTrack(
            target, Status.MET if ok else Status.OFF_TRACK, obs, chosen, target.value - chosen.value,
            f"observed in {chosen.period} ({chosen.doc or 'curated'})",
        )  # fmt: skip
    last = obs[-1]
    if (year_of(last.period or "") or 0) > deadline:
        return LearnedTrack(target, Status.NO_DATA, obs, None, None, f"no observation for {deadline}")
    return LearnedTrack(
        target, Status.NOT_EVALUABLE, obs, last, target.value - last.value,
        f"no observation for {deadline} yet (latest: {last.period})",
    )  # fmt: skip


def _comparator(c: str) -> Literal["=", ">", ">=", "<", "<=", "~"]:
    for known in ("=", ">", ">=", "<", "<=", "~"):
        if c == known:
            return known
    return "="


def document_disagreements(actuals: Sequence[Sighting], tolerance: float = TOLERANCE) -> list[Finding]:
    """Two documents stating different values for the same indicator, entity, unit and period (a revised
    figure, or a different definition): each pair once, with both anchors. Rejected entries do not count."""
    groups: dict[tuple[str, str, str, str], list[Sighting]] = {}
    for a in actuals:
        if a.review == "rejected" or a.period is None or a.doc is None:
            continue
        groups.setdefault((a.indicator, a.entity, a.unit, a.period), []).append(a)
    out: list[Finding] = []
    for (indicator, entity, unit, period), items in sorted(groups.items()):
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if a.doc == b.doc or abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value)):
                    continue
                out.append(
                    Finding(
                        "documents-disagree", Severity.WARNING,
                        f"{indicator} ({entity}, {period}): {a.value:g} {unit} in {a.doc}, "
                        f"{b.value:g} {unit} in {b.doc}",
                        tuple(x for x in (a.anchor, b.anchor) if x),
                    )
                )  # fmt: skip
    return out
