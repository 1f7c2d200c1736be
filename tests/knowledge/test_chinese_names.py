"""Chinese names of curated entries: found by `kb show`, shown by the CLI and on entity pages."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sinoscope.interfaces.api import create_app
from sinoscope.interfaces.cli import app as cli_app
from sinoscope.knowledge import load_bundled
from sinoscope.knowledge.base import Named
from sinoscope.knowledge.linking import AliasIndex


def test_chinese_name_resolves_to_the_entry() -> None:
    index = AliasIndex.from_kb(load_bundled())
    assert index.resolve("国家集成电路产业投资基金") == ["big-fund"]
    assert index.resolve("中芯国际") == ["smic"]


def test_every_chinese_name_is_unique_and_han() -> None:
    kb = load_bundled()
    names = [e.name_zh for e in kb.all() if isinstance(e, Named) and e.name_zh]
    assert len(names) >= 60
    assert len(set(names)) == len(names)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names)


def test_kb_show_by_chinese_name_prints_both_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["--db", str(tmp_path / "k.sqlite"), "kb", "show", "中国制造2025"])
    assert result.exit_code == 0, result.output
    assert "Made in China 2025" in result.output and "中国制造2025" in result.output


def test_entity_page_and_json_carry_the_chinese_name(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "k.sqlite")) as c:
        data = c.get("/api/v1/entities/smic").json()
        assert data["name_zh"] == "中芯国际"
        assert "中芯国际" in c.get("/entities/smic").text


def test_chinese_names_are_found_inside_unspaced_chinese_text() -> None:
    index = AliasIndex.from_kb(load_bundled())
    text = "去年国务院部署，国家集成电路产业投资基金二期向中芯国际增资，并评估中国制造2025的落实。"
    found = {(m.entity, m.surface) for m in index.find(text)}
    assert ("state-council", "国务院") in found
    assert ("big-fund-phase-2", "国家集成电路产业投资基金二期") in found  # the longest name wins over 基金
    assert ("smic", "中芯国际") in found and ("made-in-china-2025", "中国制造2025") in found
    for m in index.find(text):
        assert text[m.start : m.end] == m.surface


def test_a_chinese_name_is_not_an_acronym() -> None:
    index = AliasIndex.from_kb(load_bundled())
    assert index.find("中芯国际") and not index.find("中芯")  # a fragment of a name is not the name
