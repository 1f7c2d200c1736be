"""Chinese full-text search on invented documents: Han words inside running text, one-character words,
Traditional and Simplified forms as the same words, mixed Chinese/English queries, snippets in the
block's own characters, and English search unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.documents.zh_variants import has_han, same_words, to_simplified, to_traditional
from sinoscope.documents.zh_words import words
from sinoscope.store import SqliteStore
from sinoscope.store.fts_query import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, build_tiers
from sinoscope.store.fts_text import index_text, original_snippet

# An invented provincial plan (Simplified), a Traditional-script notice and an English brief.
PLAN = """某省推进新型基础设施建设三年行动方案

一、总体目标

到2027年，全省建成5G基站8万个，新增算力规模达到3万标准机架。

二、重点任务

（一）扩大有效投资。今年拟安排地方政府专项债券900亿元，重点支持交通、水利和城市更新项目。

（二）推动能源转型。压减散煤使用，煤炭消费比重下降到50%以下。

（三）加强研发投入。全社会R&D经费投入强度达到2.8%。
"""

NOTICE = """某市關於數據開放的通知

一、目標

本市將發行地方政府專項債券用於數據中心建設，並推動公共數據授權運營。
"""

BRIEF = """1 Overview

Local R&D budgets rose, and C++ tooling spread across the ministries.

2 Bonds

Provincial governments issued special bonds to fund rail lines.
"""


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    files = []
    for name, body in (("plan.txt", PLAN), ("notice.txt", NOTICE), ("brief.txt", BRIEF)):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        files.append(path)
    s = SqliteStore(tmp_path / "zh.sqlite")
    s.open()
    report = ingest_paths(s, files)
    assert not report.errors
    return s


def _docs(store: SqliteStore) -> dict[str, str]:
    return {Path(d.path).stem: d.doc_id for d in store.list_documents()}


def test_han_word_inside_running_text_is_found_with_snippet_in_original_characters(store: SqliteStore) -> None:
    hits = store.search("专项债券")
    docs = {h.doc_id for h in hits}
    ids = _docs(store)
    assert ids["plan"] in docs and ids["notice"] in docs
    plan_hit = next(h for h in hits if h.doc_id == ids["plan"])
    assert "专项债券900亿元" in plan_hit.snippet  # no spaces added between characters
    start, end = plan_hit.highlights[0]
    assert plan_hit.snippet[start:end] == "专项债券"


def test_traditional_block_is_found_by_simplified_query_and_shown_in_traditional(store: SqliteStore) -> None:
    hits = [h for h in store.search("数据中心") if h.doc_id == _docs(store)["notice"]]
    assert hits
    assert "數據中心" in hits[0].snippet


def test_traditional_query_finds_simplified_text(store: SqliteStore) -> None:
    hits = store.search("專項債券")
    assert _docs(store)["plan"] in {h.doc_id for h in hits}


def test_one_character_word(store: SqliteStore) -> None:
    hits = store.search("煤")
    assert hits and hits[0].doc_id == _docs(store)["plan"]
    assert "煤" in hits[0].snippet


def test_query_of_several_chinese_words_prefers_the_passage_holding_them_together(store: SqliteStore) -> None:
    hits = store.search("地方政府专项债券额度", limit=3)
    # 额度 occurs nowhere; the words that do occur still bring the bond passages first.
    assert hits and "专项债券" in to_simplified(hits[0].snippet)


def test_mixed_chinese_english_query(store: SqliteStore) -> None:
    hits = store.search("R&D经费", limit=2)
    assert hits and hits[0].doc_id == _docs(store)["plan"] and hits[0].match == "phrase"
    hits = store.search("5G基站")
    assert hits and "5G基站" in hits[0].snippet


def test_english_search_is_unchanged(store: SqliteStore) -> None:
    brief = _docs(store)["brief"]
    assert [h.doc_id for h in store.search("R&D budgets", limit=1)] == [brief]
    assert store.search("C++", limit=1)[0].doc_id == brief
    # porter stemming still joins bond/bonds
    assert brief in {h.doc_id for h in store.search("bond")}


def test_index_text_spaces_han_and_folds_variants() -> None:
    assert index_text("R&D budgets") == "R&D budgets"
    assert index_text("C919投入運營") == "C919 投 入 运 营 "
    assert index_text(None) == ""


def test_original_snippet_maps_back_to_the_block_characters() -> None:
    text = "本市將發行專項債券"
    raw = "本 市 将 发 行 " + HIGHLIGHT_OPEN + "专" + " 项 债 券" + HIGHLIGHT_CLOSE
    shown = original_snippet(raw, text, (HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE))
    assert shown == "本市將發行" + HIGHLIGHT_OPEN + "專項債券" + HIGHLIGHT_CLOSE
    assert original_snippet(raw, "unrelated text 无关", (HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE)) is None


def test_query_tiers_use_words_of_a_han_run() -> None:
    tiers = build_tiers("地方政府专项债券")
    assert tiers[0].match == "phrase"
    assert tiers[0].expression == '"地 方 政 府 专 项 债 券"'
    assert any(t.match == "all" and '"债 券"' in t.expression and '"地 方"' in t.expression for t in tiers)


def test_variant_fold_keeps_length_and_equates_scripts() -> None:
    trad = to_traditional("国内生产总值和专项债券")
    assert trad != "国内生产总值和专项债券" and has_han(trad)
    assert len(to_simplified(trad)) == len(trad)
    assert same_words(trad, "国内生产总值和专项债券")
    assert to_simplified("plain English") == "plain English"


def test_words_keep_latin_runs_literal() -> None:
    assert words("R&D经费占GDP比重")[:1] == ["R&D"]
    assert "GDP" in words("R&D经费占GDP比重")


def test_passage_using_the_phrase_more_often_outranks_a_short_heading(tmp_path: Path) -> None:
    """A one-line heading naming a term once must not outrank the paragraph that is about it."""
    body = (
        "某县发展报告\n\n一、人均地区生产总值目标\n\n"
        "今年地区生产总值增长6%左右，单位地区生产总值能耗下降2%，城乡居民收入稳步增长，"
        "粮食产量保持稳定，重点项目按期推进，营商环境持续改善。\n\n"
        "二、其他\n\n做好安全生产工作，加强应急管理，完善基层治理体系。\n"
    )
    path = tmp_path / "county.txt"
    path.write_text(body, encoding="utf-8")
    with SqliteStore(tmp_path / "c.sqlite") as s:
        ingest_paths(s, [path])
        hits = s.search("地区生产总值")
        assert hits[0].kind == "paragraph" and hits[0].snippet.count("地区生产总值") == 2
        assert any(h.kind == "heading" for h in hits[1:])
