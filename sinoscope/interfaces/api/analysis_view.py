"""Analysis results (issue 5's pure functions) as JSON-ready dicts, every anchor paired with its reader link.

Analyses cite plain strings: a report anchor ("000#table-4-4") or, for curated figures from outside the
reports, the source's name. `evidence()` tells them apart so a page links only what can be opened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from sinoscope.analysis.checks import Finding
from sinoscope.analysis.derive import DERIVATIONS, DerivedRow
from sinoscope.analysis.portfolio import FundAnalysis
from sinoscope.analysis.supply_chain import SupplyChainAnalysis
from sinoscope.analysis.targets import TargetTrack
from sinoscope.documents.anchors import split_anchor
from sinoscope.interfaces.api.kb_view import ref_json, target_json
from sinoscope.interfaces.api.schemas import reader_url
from sinoscope.knowledge import KnowledgeBase


def evidence(anchors: Iterable[str]) -> list[dict[str, Any]]:
    """[{"anchor": "000#4.4¶5", "url": "/documents/000#4.4%C2%B65"}, {"anchor": "NBS yearbook", "url": None}]"""
    return [{"anchor": a, "url": reader_url(a) if split_anchor(a) else None} for a in anchors]


def _plain(obj: Any) -> Any:
    """A dataclass tree as JSON-ready data, with an `evidence` list beside every `anchors` tuple."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        for key in ("anchors", "printed_anchors"):
            if key in out:
                out[key.replace("anchors", "evidence")] = evidence(getattr(obj, key))
        return out
    if isinstance(obj, tuple | list):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    return obj


def track_json(kb: KnowledgeBase, t: TargetTrack) -> dict[str, Any]:
    return {
        "target": target_json(kb, t.target),
        "indicator": ref_json(kb, t.target.indicator),
        "status": t.status.value,
        "assessed": _plain(t.assessed),
        "latest": _plain(t.latest),
        "gap": t.gap,
        "projection": _plain(t.projection),
        "note": t.note,
        "evidence": evidence(t.evidence),
    }


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "check": f.check,
        "severity": f.severity.value,
        "message": f.message,
        "anchors": list(f.anchors),
        "evidence": evidence(f.anchors),
    }


def derivation_json(derivation_id: str, rows: list[DerivedRow]) -> dict[str, Any]:
    d = DERIVATIONS[derivation_id]
    return {
        "id": d.id,
        "name": d.name,
        "indicator": d.indicator,
        "inputs": list(d.inputs),
        "unit": d.unit,
        "method": d.method,
        "rows": [{**_plain(r), "difference": r.difference} for r in rows],
    }


def fund_analysis_json(a: FundAnalysis) -> dict[str, Any]:
    data: dict[str, Any] = _plain(a)
    return data


def chain_analysis_json(a: SupplyChainAnalysis) -> dict[str, Any]:
    data: dict[str, Any] = _plain(a)
    return data
