"""The two corpus reports read exactly: the text is the decoded file, so gold offsets line up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sinoscope.sources.model import SourceFormat
from sinoscope.sources.read import read_source

pytestmark = pytest.mark.corpus


def test_corpus_reports_read_exactly(corpus_dir: Path, gold_dir: Path) -> None:
    gold = json.loads((gold_dir / "structure.json").read_text(encoding="utf-8"))
    reports = sorted(corpus_dir.glob("*.txt"))
    assert reports, f"no .txt reports in {corpus_dir}"
    for path in reports:
        source = read_source(path)
        assert source.format is SourceFormat.TEXT
        assert source.encoding == "utf-8"
        assert source.text == path.read_bytes().decode("utf-8")
        if path.name in gold:
            assert source.title == gold[path.name]["title"]
