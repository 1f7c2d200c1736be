"""Distributed ingestion embeds with the embedder every search uses (issue 19): the workers' vectors land
in the default embedder's index, a dense search finds them (across languages too), and nothing is embedded
a second time on the client.

The default embedder is the static USE table; deriving all of it takes a minute, so a table holding only
the pieces of these invented documents and queries is written where `load_use_static` looks for its cache
(a temporary data folder): the workers and the searches then load the real loader's file.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sinoscope.app.ingest_dask import cluster_run, dask_client, ingest_distributed
from sinoscope.app.pipeline import Status
from sinoscope.retrieval.search import Mode
from sinoscope.retrieval.service import (
    VERSIONS_FILE,
    default_embedder,
    dense_index_path,
    open_retriever,
    sync_dense_index,
)
from sinoscope.store import SqliteStore

# Invented: a Chinese county notice on water works, and an English report on other matters.
ZH = """某县水利建设通知

一、灌溉工程

今年计划新修灌溉渠道85公里，改造小型水库12座，保障春耕用水。

二、养老服务

新建社区养老服务中心9处，为高龄老人提供上门助餐服务。
"""
EN = """Invented Lantern Festival Tourism Review

1 Visitors

The riverside lantern festival drew record crowds of overseas visitors to the old town.

2 Transport

Extra night ferries carried visitors between the piers until midnight.
"""
CROSS_QUERY = "irrigation canals and small reservoirs"
OWN_QUERY = "night ferries between the piers"
ALL_TEXT = [line for line in (ZH + EN).splitlines() if line.strip()] + [ZH, EN]


def _queries_as_embedded() -> list[str]:
    """What dense search embeds for each query: the query, and the query with its CC-CEDICT bridge."""
    from sinoscope.retrieval.bilingual import translate

    out = []
    for q in (CROSS_QUERY, OWN_QUERY):
        out += [q, q + " " + translate(q).text(), translate(q).text()]
    return out


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temporary data folder whose cached static USE table covers this module's texts."""
    from sinoscope.retrieval.use_multilingual import partial_use_static, resources_dir, static_name

    root = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SINOSCOPE_DATA_DIR", str(root))
        partial = partial_use_static([*ALL_TEXT, *_queries_as_embedded()])
        cache = root / "models" / f"{static_name(resources_dir())}.npy"
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, partial._table.astype(np.float16))  # the layout `load_use_static` caches
        yield root


@pytest.fixture(scope="module")
def cluster(data_dir: Path) -> Iterator[Any]:
    with dask_client(1, None) as client:
        yield client


def _write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "801_water.txt").write_text(ZH, encoding="utf-8")
    (folder / "802_lanterns.txt").write_text(EN, encoding="utf-8")
    return [folder / "801_water.txt", folder / "802_lanterns.txt"]


def _top_text(store: SqliteStore, db: Path, query: str) -> str:
    retriever = open_retriever(store, db, Mode.DENSE)  # the default embedder, as `search --mode dense`
    try:
        hits = retriever.search(query, Mode.DENSE, 1)
    finally:
        retriever.close()
    assert hits, query
    return store.get_block(hits[0].anchor).text


def test_workers_fill_the_index_that_dense_search_opens(cluster: Any, tmp_path: Path) -> None:
    files = _write(tmp_path / "in")
    db = tmp_path / "x.sqlite"
    run = cluster_run(1, None, embed=True)  # what `sinoscope ingest --workers 1` embeds with
    with SqliteStore(db) as store:
        done = ingest_distributed(store, files, cluster, db_location=db, embed=run.plan)
        assert [r.status for r in done.report.results] == [Status.NEW, Status.NEW]
        assert sorted(done.embedded_docs) == ["801", "802"]
        assert (dense_index_path(db, default_embedder()) / VERSIONS_FILE).is_file()
        # the CLI's embed step after the ingest finds every document already embedded
        assert sync_dense_index(store, db).embedded_docs == ()
        assert "灌溉渠道" in _top_text(store, db, CROSS_QUERY)  # an English question, a Chinese passage
        assert "night ferries" in _top_text(store, db, OWN_QUERY)


def test_the_plan_is_the_default_embedder_and_cheap_to_send(data_dir: Path) -> None:
    plan = cluster_run(2, None, embed=True).plan
    assert plan is not None
    assert (plan.name, plan.dim) == (default_embedder().name, default_embedder().dim)
    assert len(pickle.dumps(plan.factory)) < 2_000  # the table is loaded on the worker, never shipped
    remote = cluster_run(None, "tcp://127.0.0.1:1", embed=True).plan
    assert remote is not None and remote.name == plan.name


def test_cli_ingest_on_workers_embeds_once(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from sinoscope.interfaces.cli import app

    monkeypatch.setenv("SINOSCOPE_NO_WARM", "1")
    _write(tmp_path / "in")
    db = tmp_path / "cli.sqlite"
    runner = CliRunner()
    args = ["--db", str(db), "ingest", "--embed", "--workers", "1", str(tmp_path / "in")]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "embedding" in result.stderr and "document(s) embedded" not in result.stderr  # not again here
    found = runner.invoke(app, ["--db", str(db), "search", "--mode", "dense", "--json", CROSS_QUERY])
    assert found.exit_code == 0, found.stderr
    assert "灌溉渠道" in json.loads(found.stdout)[0]["snippet"]
