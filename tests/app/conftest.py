"""Two invented work reports of an invented province, ingested into a temp database (no dense index); and a
small invented knowledge base ("Freedonia", "widgets") for the unit tests of the knowledge, analysis and
portfolio use cases: a plan with a roadmap under it, two indicators, targets, observations that disagree, a
fund and a supply chain."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.app.pipeline import ensure_knowledge, ingest_paths
from sinoscope.app.stages import extract
from sinoscope.knowledge import KnowledgeBase, load_files
from sinoscope.knowledge.loader import DataFile
from sinoscope.store import SqliteStore

REPORT_2031 = """山河省政府工作报告

一、2030年工作回顾

过去一年，全省地区生产总值增长5.8%，城镇新增就业48万人，居民消费价格上涨1.1%。

二、2031年主要目标和工作安排

今年全省发展主要预期目标是：地区生产总值增长6%左右；城镇新增就业50万人以上；居民消费价格涨幅3%左右；电池隔膜产能利用率达80%以上。

财政赤字率拟按2.9%安排。
"""

REPORT_2032 = """山河省政府工作报告

一、2031年工作回顾

过去一年，全省地区生产总值增长6.3%，城镇新增就业53万人，居民消费价格上涨0.9%，电池隔膜产能利用率达到76%。

二、2032年主要目标和工作安排

今年全省发展主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业50万人以上。
"""


def build(folder: Path, texts: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / "shanhe-2031.txt"
    b = folder / "shanhe-2032.txt"
    first, second = texts or [REPORT_2031, REPORT_2032]
    a.write_text(first, encoding="utf-8")
    b.write_text(second, encoding="utf-8")
    db = folder / "review.sqlite"
    with SqliteStore(db) as store:
        report = ingest_paths(store, [a, b], extract=extract)
        assert not [r.error for r in report.results if r.error]
        ensure_knowledge(store)
    return db


@pytest.fixture
def review_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SINOSCOPE_DB", raising=False)
    monkeypatch.delenv("SINOSCOPE_TOKEN", raising=False)
    return build(tmp_path / "store")


KB_YAML = """
countries:
  - {id: fd, name: Freedonia}
  - {id: sy, name: Sylvania}
companies:
  - {id: acme, name: Acme Widgets, country: fd, ownership: private}
  - {id: globex, name: Globex, country: sy, ownership: foreign}
industries:
  - {id: widgets, name: Widgets}
policies:
  - {id: widget-plan, name: Widget Plan, kind: plan, country: fd, date: 2016, status: in-force}
  - {id: widget-roadmap, name: Widget Roadmap, kind: plan, country: fd, date: 2018, parent: widget-plan}
  - {id: old-act, name: Old Act, kind: law, country: fd}
indicators:
  - {id: widget-rate, name: Widget self-sufficiency rate, unit: "%", definition: Home-made share of widgets.}
  - {id: gear-output, name: Gear output, unit: "t", definition: Gears made.}
targets:
  - {id: plan-2020, indicator: widget-rate, policy: widget-plan, subject: fd, value: 40, unit: "%", year: 2020}
  - {id: roadmap-2025, indicator: widget-rate, policy: widget-roadmap, subject: fd, value: 70, unit: "%", year: 2025}
  - {id: gear-2025, indicator: gear-output, policy: old-act, subject: sy, value: 9, unit: "t", year: 2025}
observations:
  - {indicator: widget-rate, entity: fd, period: 2019, value: 21.5, unit: "%", sources: [{anchor: "901#1.1¶2"}]}
  - {indicator: widget-rate, entity: fd, period: 2019, value: 19.0, unit: "%", publisher: Sylvania office,
     sources: [{source: "Sylvania yearbook"}]}
  - {indicator: widget-rate, entity: fd, period: 2017, value: 15.0, unit: "%", sources: [{source: "A yearbook"}]}
funds:
  - id: widget-fund
    name: Widget Fund
    kind: state-investment-fund
    country: fd
    phases:
      - {id: widget-fund-1, name: Widget Fund Phase I, launched: 2017}
      - {id: widget-fund-2, name: Widget Fund Phase II, launched: 2020}
    snapshots:
      - id: widget-fund-1-2020
        phase: widget-fund-1
        as_of: 2020
        compiled_by: report 901
        holdings:
          - {sector: Assembly, companies: 3, amount: 300}
          - {sector: Design, companies: 1, amount: 100}
      - id: widget-fund-2-2021
        phase: widget-fund-2
        as_of: 2021
        total_amount: 1000
        holdings:
          - {sector: Assembly, companies: 2}
supply_chains:
  - id: fd-widgets
    name: Widget supply chain
    industry: widgets
    country: fd
    stages:
      - id: widget-parts
        name: Widget parts
        position: 1
        components:
          - id: widget-chips
            name: Widget chips
            firms:
              - {company: acme, origin: domestic}
              - {company: globex, origin: foreign}
            shares:
              - {holder: sy, share: 20, rank: 2, year: 2021}
              - {holder: fd, share: 60, rank: 1, year: 2020}
"""
KB_FILES = [DataFile("fixture.yaml", KB_YAML)]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_files(KB_FILES)


@pytest.fixture
def kb_store(tmp_path: Path) -> Iterator[SqliteStore]:
    """A store holding the invented knowledge base and no documents."""
    with SqliteStore(tmp_path / "kb.sqlite") as store:
        ensure_knowledge(store, files=KB_FILES)
        yield store
