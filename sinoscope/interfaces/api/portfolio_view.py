"""Funds and supply chains as JSON-ready views: phases, statements and snapshots; stages and components.

Only arithmetic a reader would do on the page (a sector's share of its snapshot's total, a balance
sheet's gap) is done here; the analyses of issue 5 (concentration, chokepoints, trends) live in
`sinoscope.analysis` and are served beside these views once they exist.
"""

from __future__ import annotations

from typing import Any

from sinoscope.interfaces.api.kb_view import citation_json, ref_json, summary_json
from sinoscope.knowledge import Fund, KnowledgeBase, SupplyChain, display_name


def _cites(sources: Any) -> list[dict[str, Any]]:
    return [citation_json(c) for c in sources]


def fund_view(kb: KnowledgeBase, fund: Fund) -> dict[str, Any]:
    phases = []
    for p in fund.phases:
        phases.append(
            {
                **summary_json(kb, p),
                "launched": p.launched,
                "investors": p.investors,
                "status": p.status,
                "summary": p.summary,
                "capital": [{**c.model_dump(mode="json"), "sources": _cites(c.sources)} for c in p.capital],
            }
        )
    statements = []
    for st in sorted(fund.statements, key=lambda s: (s.phase, s.period)):
        phase = fund.phase(st.phase)
        statements.append(
            {
                **st.model_dump(mode="json"),
                "phase_name": display_name(phase) if phase is not None else st.phase,
                "balance_gap": _rounded(st.balance_gap()),
                "sources": _cites(st.sources),
            }
        )
    snapshots = []
    for snap in sorted(fund.snapshots, key=lambda s: (s.phase, s.as_of)):
        sectors = snap.sectors()
        total = snap.total_amount or sum(h.amount or 0.0 for h in sectors) or None
        phase = fund.phase(snap.phase)
        snapshots.append(
            {
                **summary_json(kb, snap),
                "phase": snap.phase,
                "phase_name": display_name(phase) if phase is not None else snap.phase,
                "label": f"{snap.as_of} · {snap.compiled_by or 'snapshot'}",
                "basis": snap.basis,
                "as_of": snap.as_of,
                "as_of_note": snap.as_of_note,
                "compiled_by": snap.compiled_by,
                "currency": snap.currency,
                "scale": snap.scale,
                "complete": snap.complete,
                "total_companies": snap.total_companies,
                "total_amount": snap.total_amount,
                "sectors": [
                    {
                        "sector": h.sector,
                        "companies": h.companies,
                        "amount": h.amount,
                        "share_of_total": (100.0 * h.amount / total) if (h.amount is not None and total) else None,
                        "sources": _cites(h.sources),
                    }
                    for h in sectors
                ],
                "investees": [
                    {
                        "investee": ref_json(kb, h.investee),
                        "amount": h.amount,
                        "share": h.share,
                        "note": h.note,
                        "sources": _cites(h.sources),
                    }
                    for h in snap.investees()
                ],
                "sources": _cites(snap.sources),
            }
        )
    return {
        **summary_json(kb, fund),
        "summary": fund.summary,
        "kind": fund.kind,
        "established_by": ref_json(kb, fund.established_by),
        "sponsors": [ref_json(kb, s) for s in fund.sponsors],
        "capital": [{**c.model_dump(mode="json"), "sources": _cites(c.sources)} for c in fund.capital],
        "phases": phases,
        "statements": statements,
        "snapshots": snapshots,
        "sources": _cites(fund.sources),
    }


def chain_view(kb: KnowledgeBase, chain: SupplyChain) -> dict[str, Any]:
    stages = []
    for stage in chain.stages:
        components = []
        for comp in stage.components:
            components.append(
                {
                    **summary_json(kb, comp),
                    "summary": comp.summary,
                    "domestic_firms": [ref_json(kb, f.company) for f in comp.firms if f.origin == "domestic"],
                    "foreign_firms": [ref_json(kb, f.company) for f in comp.firms if f.origin == "foreign"],
                    "domestic_share": [
                        {**s.model_dump(mode="json"), "sources": _cites(s.sources)}
                        for s in sorted(comp.domestic_share, key=lambda s: s.year)
                    ],
                    "shares": [
                        {
                            **s.model_dump(mode="json"),
                            "holder_ref": ref_json(kb, s.holder),
                            "firm_ref": ref_json(kb, s.firm),
                            "sources": _cites(s.sources),
                        }
                        for s in sorted(comp.shares, key=lambda s: (s.year, s.rank or 0))
                    ],
                }
            )
        stages.append(
            {
                **summary_json(kb, stage),
                "position": stage.position,
                "summary": stage.summary,
                "metrics": [
                    {**m.model_dump(mode="json"), "sources": _cites(m.sources)}
                    for m in sorted(stage.metrics, key=lambda m: (m.metric, m.period))
                ],
                "components": components,
            }
        )
    return {
        **summary_json(kb, chain),
        "summary": chain.summary,
        "note": chain.note,
        "industry": ref_json(kb, chain.industry),
        "country": ref_json(kb, chain.country),
        "stages": stages,
        "sources": _cites(chain.sources),
    }


def _rounded(gap: float | None) -> float | None:
    """To the cent: what is left below that is floating-point noise from applying the printed scale."""
    return None if gap is None else round(gap, 2) + 0.0
