"""The analyses in words: how the terminal tables write figures (unknown as "–", big amounts whole, amounts
in hundred millions), on invented analysis results."""

from __future__ import annotations

from sinoscope.analysis.portfolio import FundAnalysis, PhaseShare, SectorLine, SnapshotChange, SnapshotSummary
from sinoscope.analysis.supply_chain import MetricValue, StageProfile, SupplyChainAnalysis
from sinoscope.app import analyses_text as words


def test_numbers_in_words() -> None:
    assert words.num(None) == "–"
    assert words.num(21.456) == "21.46"
    assert words.num(1234567.0) == "1,234,567"
    assert words.num(0.123456, 3) == "0.123"


def _snapshot(phase: str, amount: float) -> SnapshotSummary:
    return SnapshotSummary(
        id=f"{phase}-s", phase=phase, basis="direct", as_of="2022-01", complete=False, currency="CNY",
        total_companies=4, total_amount=amount, sectors=(SectorLine("Foundries", 4, amount, 100.0, amount / 4),),
        top_sectors_share=None, recipients=(), top_recipients_share=None, per_company=amount / 4, anchors=("r#t",),
    )  # fmt: skip


def test_fund_tables_in_hundred_millions_with_notes_and_changes() -> None:
    change = SnapshotChange("p1", "direct", "a", "b", "2022-01", "2022-09", 2, 5e8, (), ("r#t",))
    a = FundAnalysis(
        fund="f", name="Fund", snapshots=(_snapshot("p1", 4e9),), changes=(change,),
        phases=(PhaseShare("2022-01", "p1", 4, 4e9, 100.0, ("r#t",)),),
    )  # fmt: skip
    (table,), phases, changes = words.fund_tables(a)
    assert table.title == "Fund · p1 (direct) as of 2022-01 · partial list"
    assert table.rows == [["Foundries", "4", "40", "100", "10"]]
    assert table.notes == ["  average per investee: CNY 10.00 hundred million"]
    assert phases is not None and phases.columns[3] == "amount (CNY 100m)"
    assert changes == ["p1 (direct) 2022-01 → 2022-09: companies +2, amount +5.00 hundred million (r#t)"]


def test_chain_tables_write_ranges_ranks_and_the_smile_verdict() -> None:
    stage = StageProfile(
        stage="s", name="Parts", position=1,
        rd_intensity=MetricValue("rd-intensity", "2020", 5.0, 7.0, "%", ("r#1",)),
        subsidy_intensity=None, profit=MetricValue("profit", "2021", 2.0, None, "rank", ("r#2",)),
    )  # fmt: skip
    a = SupplyChainAnalysis(chain="c", name="Chain", stages=(stage,), components=(), smile=None, smile_basis="few")
    stages, smile, components = words.chain_tables(a)
    assert stages.rows == [["Parts", "5–7% (2020)", "–", "rank 2 (2021)", "r#1, r#2"]]
    assert smile == "smile curve: unknown (few)"
    assert components.rows == []
