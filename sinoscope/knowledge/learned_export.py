"""Accepted learned entries written as a curated data file, so that what analysts confirmed can ship with the
package: `load_files(bundled_files() + [DataFile("learned.yaml", text)])` reads it back (round trip).

Each source document becomes a policy (`doc-<id>`, kind "plan": the document states the targets); learned
and seed indicators become indicator entries; accepted targets and actual values keep their anchors with the
figure as printed (`quote_value`), which `kb check` verifies. Entries that cannot be expressed in the curated
schema are left out and listed in the file's header: a target without a deadline, a value of a local entity
(a province or city is not a curated entity yet), an entry without an indicator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml  # type: ignore[import-untyped]

from sinoscope.knowledge.learned import EntryKind, LearnedEntry, ReviewState

_SLUG = re.compile(r"[^a-z0-9]+")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class SourceDoc:
    doc_id: str
    title: str
    date: str | None


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    name: str
    unit: str | None


def policy_id(doc_id: str) -> str:
    return "doc-" + (_SLUG.sub("-", doc_id.lower()).strip("-") or "x")


def export_accepted(
    entries: Iterable[LearnedEntry],
    docs: Mapping[str, SourceDoc],
    indicators: Mapping[str, IndicatorInfo],
    curated_ids: set[str],
) -> str:
    """The accepted entries as YAML in the curated format (sections policies, indicators, targets,
    observations)."""
    policies: dict[str, dict[str, Any]] = {}
    inds: dict[str, dict[str, Any]] = {}
    targets: list[dict[str, Any]] = []
    observations: list[dict[str, Any]] = []
    left_out: list[str] = []
    for e in entries:
        if e.state is not ReviewState.ACCEPTED or e.kind is EntryKind.INDICATOR:
            continue
        f = e.fields
        why = _unfit(e, f)
        if why:
            left_out.append(f"{e.id}: {why}")
            continue
        ind = str(f["indicator"])
        if ind not in curated_ids and ind not in inds:
            info = indicators.get(ind)
            inds[ind] = {
                "id": ind, "name": info.name if info else ind, "unit": (info.unit if info else None) or f["unit"],
                "definition": f"Learned from documents and accepted by an analyst (first printed as "
                              f"{f.get('indicator_phrase') or ind}).",
            }  # fmt: skip
        source = {"anchor": e.anchor, "quote_value": str(f.get("figure") or f["value"])}
        if e.kind is EntryKind.TARGET:
            doc = docs.get(e.doc_id or "")
            pid = policy_id(e.doc_id or "x")
            policies.setdefault(pid, _policy(pid, doc, e.doc_id or "x"))
            t: dict[str, Any] = {
                "id": e.id, "indicator": ind, "policy": pid, "comparator": f["comparator"], "value": f["value"],
                "unit": f["unit"], "year": str(f["year"]), "sources": [source],
            }  # fmt: skip
            if f.get("value_max") is not None:
                t["value_max"] = f["value_max"]
            if f.get("baseline") is not None:
                t["baseline_value"] = f["baseline"]
            targets.append(t)
        else:
            observations.append(
                {"id": e.id, "indicator": ind, "entity": "cn", "period": str(f["year"]), "value": f["value"],
                 "unit": f["unit"], "sources": [source]}
            )  # fmt: skip
    data: dict[str, Any] = {}
    for key, items in (("policies", list(policies.values())), ("indicators", list(inds.values())),
                       ("targets", targets), ("observations", observations)):  # fmt: skip
        if items:
            data[key] = items
    header = "# Learned entries accepted by analysts (sinoscope review export).\n"
    header += "".join(f"# left out: {line}\n" for line in left_out)
    return header + (yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=118) if data else "{}\n")


def _unfit(e: LearnedEntry, f: Mapping[str, Any]) -> str | None:
    if not f.get("indicator"):
        return "no indicator named"
    if f.get("year") is None:
        return "no deadline or period"
    if f.get("entity", "cn") != "cn":
        return "a local entity (not in the curated entities)"
    if not e.anchor:
        return "no anchor"
    return None


def _policy(pid: str, doc: SourceDoc | None, doc_id: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": pid, "name": (doc.title if doc and doc.title else doc_id), "kind": "plan"}
    if doc and doc.date and _DATE.match(doc.date):
        out["date"] = doc.date
    return out
