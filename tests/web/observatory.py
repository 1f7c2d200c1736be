"""A database that looks like a working observatory for layout tests: the invented reports (an English
report with a table, two Chinese work reports with learned targets) beside the *bundled* knowledge base,
whose long tables (targets, fund portfolios, derived indicators) are the ones that overflowed narrow screens.

Also used by bench/screenshots.py, so the screenshots show the same pages the tests measure.
"""

from __future__ import annotations

from pathlib import Path

from api.fixtures import GADGET_REPORT
from app.conftest import REPORT_2031, REPORT_2032

from sinoscope.app.pipeline import ensure_knowledge, ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.store import open_store

# Every page of the site once, with the ids the bundled knowledge base and the invented reports provide.
PAGES = {
    "home": "/",
    "documents": "/documents",
    "reader": "/documents/901",
    "search": "/search?q=gadget+fund",
    "ask": "/ask?q=What+was+the+gadget+self-sufficiency+rate+in+2019%3F",
    "facts": "/facts",
    "entities": "/entities",
    "entity": "/entities/made-in-china-2025",
    "indicators": "/indicators",
    "indicator": "/indicators/ic-domestic-production-rate",
    "targets": "/targets",
    "findings": "/findings",
    "policies": "/policies",
    "funds": "/funds",
    "fund": "/funds/big-fund",
    "chains": "/supply-chains",
    "chain": "/supply-chains/cn-industrial-robots",
}


def build_observatory(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"901_gadget_policy.txt": GADGET_REPORT, "shanhe-2031.txt": REPORT_2031, "shanhe-2032.txt": REPORT_2032}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "observatory.sqlite"
    with open_store(db) as store:
        report = ingest_paths(store, [folder / name for name in texts], extract=extract_document)
        assert not report.errors, report.errors
        ensure_knowledge(store)
    return db
