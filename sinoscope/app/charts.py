"""Vega-Lite specifications for the pages and their JSON twins: one indicator over time, every mark linked to
its source.

Each observation and target becomes a point whose `href` is the reader page scrolled to the passage the
figure is cited from, so a reader clicks from a point straight to the sentence or table row. Points
whose only source is outside the reports have no link (and say so in their tooltip).
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from sinoscope.app.knowledge import first_anchor, reader_url
from sinoscope.extraction.display import human_quantity
from sinoscope.knowledge import Indicator, KnowledgeBase, Observation, Target, display_name

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
"""Only an identifier: the schema is never fetched (the vendored Vega-Lite knows its own version)."""

HUMAN_AXIS = (
    "abs(datum.value) >= 1e12 ? format(datum.value / 1e12, ',~g') + ' tn'"
    " : abs(datum.value) >= 1e9 ? format(datum.value / 1e9, ',~g') + ' bn'"
    " : abs(datum.value) >= 1e6 ? format(datum.value / 1e6, ',~g') + ' mn'"
    " : format(datum.value, ',~g')"
)
"""Axis labels as people read them ("34 bn", not Vega's SI "34G"), in Vega's expression language."""

SUBTITLE_WIDTH = 110
"""Characters a subtitle line holds before it wraps: a chart never grows wider than the page to fit its source."""

_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_RANGE = re.compile(r"^(\d{4})-(\d{4})$")


def year_of(period: str) -> float | None:
    """Where a period sits on a year axis: "2019" → 2019, "2022-07" → 2022.5, "2021-2025" → 2025 (its end)."""
    m = _RANGE.match(period)
    if m:
        return float(m.group(2))
    m = _YEAR.match(period)
    if not m:
        return None
    year = float(m.group(1))
    if m.group(2):
        year += (int(m.group(2)) - 1) / 12
    return year


def _name(kb: KnowledgeBase, entity_id: str | None) -> str:
    if entity_id is None:
        return ""
    e = kb.find(entity_id)
    return display_name(e) if e is not None else entity_id


def observation_point(kb: KnowledgeBase, o: Observation) -> dict[str, Any] | None:
    x = year_of(o.period)
    if x is None:
        return None
    anchor = first_anchor(o.sources)
    series = _name(kb, o.entity) + (f" · {o.dimension}" if o.dimension else "")
    if o.publisher:
        series += f" ({o.publisher})"
    if o.method:  # another definition is another series: no line joins figures measured differently
        series += f" — {o.method if len(o.method) <= 48 else o.method[:47] + '…'}"
    return {
        "role": "observation",
        "id": o.id,
        "x": x,
        "period": o.period,
        "value": o.value,
        "unit": o.unit,
        "shown": human_quantity(o.value, o.unit, value_max=o.value_max, per=o.per),
        "series": series,
        "publisher": o.publisher or "",
        "as_of": o.as_of or "",
        "kind": o.kind.value,
        "source": anchor or "outside source",
        "href": reader_url(anchor) if anchor else None,
    }


def target_point(kb: KnowledgeBase, t: Target) -> dict[str, Any] | None:
    x = year_of(t.year)
    if x is None or t.value is None:
        return None
    anchor = first_anchor(t.sources)
    return {
        "role": "target",
        "id": t.id,
        "x": x,
        "period": t.year,
        "value": t.value,
        "unit": t.unit or "",
        "shown": human_quantity(t.value, t.unit, value_max=t.value_max, per=t.per),
        "series": "target: " + _name(kb, t.policy or t.owner) + ("" if t.status == "active" else f" ({t.status})"),
        "publisher": "",
        "as_of": "",
        "kind": f"target ({t.status})",
        "source": anchor or "outside source",
        "href": reader_url(anchor) if anchor else None,
    }


def chart_title(text: str, subtitle: list[str], points: list[dict[str, Any]]) -> dict[str, Any]:
    """Title, unit line and source line drawn inside the chart, so an exported PNG or SVG still says what it
    shows and where the figures come from: the publishers named, then the documents cited."""
    publishers = sorted({p["publisher"] for p in points if p.get("publisher")})
    documents = sorted({p["source"].partition("#")[0] for p in points if p.get("href")})
    named = publishers + (
        [("documents " if len(documents) > 1 else "document ") + ", ".join(documents)] if documents else []
    )
    source = "Source: " + ("; ".join(named) if named else "sinoscope knowledge base") + " (via sinoscope)"
    lines = [part for line in [*subtitle, source] if line for part in textwrap.wrap(line, SUBTITLE_WIDTH)]
    return {"text": text, "subtitle": lines, "anchor": "start"}


def indicator_points(kb: KnowledgeBase, indicator: Indicator) -> list[dict[str, Any]]:
    points = [observation_point(kb, o) for o in kb.observations(indicator=indicator.id)]
    points += [target_point(kb, t) for t in kb.targets(indicator=indicator.id)]
    return sorted((p for p in points if p is not None), key=lambda p: (p["role"], p["series"], p["x"]))


def indicator_spec(kb: KnowledgeBase, indicator: Indicator) -> dict[str, Any]:
    """A Vega-Lite spec: observations as lines with points per series, targets as diamonds."""
    points = indicator_points(kb, indicator)
    big = max((abs(p["value"]) for p in points), default=0.0) >= 1e4
    unit = indicator.unit + (f" per {indicator.per}" if indicator.per else "")
    tooltip = [
        {"field": "series", "title": "series"},
        {"field": "period", "title": "period"},
        {"field": "shown", "title": "value"},
        {"field": "kind", "title": "kind"},
        {"field": "publisher", "title": "publisher"},
        {"field": "as_of", "title": "as of"},
        {"field": "source", "title": "source (click)"},
    ]
    x = {"field": "x", "type": "quantitative", "title": "year", "axis": {"format": "d"}, "scale": {"zero": False}}
    y: dict[str, Any] = {"field": "value", "type": "quantitative", "title": unit}
    if big:
        y["axis"] = {"labelExpr": HUMAN_AXIS}
    color = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "legend": {"orient": "bottom", "columns": 2, "labelLimit": 420},
    }
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"{indicator.name}: observations and targets; click a point to open its source passage.",
        "title": chart_title(
            indicator.name, [unit + (f" · {indicator.definition}" if indicator.definition else "")], points
        ),
        "width": "container",
        "height": 320,
        "data": {"values": points},
        "encoding": {"x": x, "y": y, "color": color},
        "layer": [
            {
                "transform": [{"filter": "datum.role === 'observation'"}],
                "mark": {"type": "line", "opacity": 0.5},
            },
            {
                "transform": [{"filter": "datum.role === 'observation'"}],
                "mark": {"type": "point", "filled": True, "size": 90, "cursor": "pointer"},
                "encoding": {"href": {"field": "href"}, "tooltip": tooltip},
            },
            {
                "transform": [{"filter": "datum.role === 'target'"}],
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "filled": False,
                    "size": 160,
                    "strokeWidth": 2,
                    "cursor": "pointer",
                },
                "encoding": {"href": {"field": "href"}, "tooltip": tooltip},
            },
        ],
    }


def snapshot_spec(title: str, snapshots: list[dict[str, Any]], currency: str) -> dict[str, Any]:
    """Grouped horizontal bars: each sector's amount in each snapshot of one fund phase, side by side, so
    snapshots taken at different dates (or compiled by different reports) can be compared at a glance.
    `snapshots` are `app.portfolio.fund_view` snapshots; every bar links to the cell it is read from."""
    values = []
    for snap in snapshots:
        for h in snap["sectors"]:
            if h["amount"] is None:
                continue
            anchor = next((c["anchor"] for c in h["sources"] if c["anchor"]), None)
            values.append(
                {
                    "sector": h["sector"],
                    "amount": h["amount"],
                    "companies": h["companies"],
                    "share": h["share_of_total"],
                    "shown": human_quantity(h["amount"], currency),
                    "publisher": snap.get("compiled_by") or "",
                    "snapshot": snap["label"],
                    "source": anchor or "outside source",
                    "href": reader_url(anchor) if anchor else None,
                }
            )
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"{title}: amount invested by sector in each snapshot; click a bar to open its table.",
        "title": chart_title(f"{title}: amount invested by sector", [f"{currency}, by snapshot"], values),
        "width": "container",
        "data": {"values": values},
        "mark": {"type": "bar", "cursor": "pointer"},
        "encoding": {
            "y": {"field": "sector", "type": "nominal", "title": None, "sort": None},
            "yOffset": {"field": "snapshot"},
            "x": {"field": "amount", "type": "quantitative", "title": currency, "axis": {"labelExpr": HUMAN_AXIS}},
            "color": {"field": "snapshot", "type": "nominal", "title": None, "legend": {"orient": "bottom"}},
            "href": {"field": "href"},
            "tooltip": [
                {"field": "snapshot"},
                {"field": "sector"},
                {"field": "shown", "title": "amount"},
                {"field": "companies"},
                {"field": "share", "format": ".1f", "title": "% of snapshot total"},
                {"field": "source", "title": "source (click)"},
            ],
        },
    }


def timeline_spec(policies: list[dict[str, Any]]) -> dict[str, Any]:
    """Dated policies as points on a time axis, one row per kind of policy; a click opens the policy's page.
    `policies` are `app.knowledge.policy_json` rows; undated ones are left out of the chart (the list shows them)."""
    values = [
        {
            "year": year_of(p["date"]),
            "shown": p["date"],
            "name": p["name"],
            "kind": p["kind"],
            "status": p["status"],
            "href": p["url"],
        }
        for p in policies
        if p.get("date") and year_of(p["date"]) is not None
    ]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": "Policies by the date they were issued; click a point to open the policy.",
        "title": chart_title("Policies by the date they were issued", ["one row per kind of policy"], []),
        "width": "container",
        "height": {"step": 24},
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 80, "cursor": "pointer", "opacity": 0.8},
        "encoding": {
            "x": {
                "field": "year",
                "type": "quantitative",
                "title": None,
                "scale": {"zero": False, "nice": False, "padding": 12},
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "y": {"field": "kind", "type": "nominal", "title": None},
            "color": {"field": "status", "type": "nominal", "title": "status", "legend": {"orient": "bottom"}},
            "href": {"field": "href"},
            "tooltip": [
                {"field": "name", "title": "policy"},
                {"field": "shown", "title": "issued"},
                {"field": "kind"},
                {"field": "status"},
            ],
        },
    }
