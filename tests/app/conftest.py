"""Two invented work reports of an invented province, ingested into a temp database (no dense index)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.app.pipeline import ensure_knowledge, ingest_paths
from sinoscope.app.stages import extract
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
