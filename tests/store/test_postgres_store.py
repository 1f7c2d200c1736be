"""What only the PostgreSQL backend must show: the same schema as SQLite, Chinese search, concurrent
writers, atomic saves when a save fails or the connection drops, and clear one-line connection errors."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from sinoscope.documents.model import Document
from sinoscope.errors import StoreError
from sinoscope.interfaces.cli import app
from sinoscope.store import IngestExtras, SqliteStore, open_store
from sinoscope.store.postgres import PostgresStore
from sinoscope.store.postgres_schema import load_pg_migrations
from sinoscope.store.postgres_url import redact, sidecar_base
from sinoscope.store.schema import load_migrations

from .factory import DocBuilder, sample_document


def _columns_sqlite(path: Path) -> dict[str, set[str]]:
    with SqliteStore(path) as s:
        tables = [
            r[0]
            for r in s.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
                " AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: {r[1] for r in s.conn.execute(f'PRAGMA table_info("{t}")')} for t in tables}


def _columns_pg(url: str) -> dict[str, set[str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
        ).fetchall()
    out: dict[str, set[str]] = {}
    for table, column in rows:
        out.setdefault(table, set()).add(column)
    return out


def test_schema_matches_sqlite_table_for_table(postgres_url: str, tmp_path: Path) -> None:
    """A migration added to SQLite without its PostgreSQL twin fails here."""
    assert [(m.version, m.name) for m in load_pg_migrations()] == [(m.version, m.name) for m in load_migrations()]
    pg = _columns_pg(postgres_url)
    # the PostgreSQL full-text columns (SQLite keeps its index form in an FTS5 virtual table)
    pg["blocks"] -= {"tsv", "search_text", "search_caption", "search_bigrams"}
    assert pg == _columns_sqlite(tmp_path / "x.sqlite")


def _chinese_document() -> Document:
    b = DocBuilder("950", "虚构的产业政策报告")
    b.chapter(1, "总体要求")
    b.para("到2025年，虚构省集成电路产业的国产化率达到百分之四十，芯片设计能力显著提升。")
    b.para("Widget exports grew while 小部件 output doubled in the invented province.")
    b.para("本段只谈天气和午餐。")
    return b.build()


def test_chinese_words_are_found_inside_unspaced_text(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        store.save_document(_chinese_document())
        for query in ("国产化率", "芯片", "集成电路产业", "设计能力"):
            hits = store.search(query)
            assert [h.anchor for h in hits] == ["950#1¶1"], query
            marked = "".join(hits[0].snippet[s:e] for s, e in hits[0].highlights)
            assert query in marked
        assert [h.anchor for h in store.search("小部件 output")][:1] == ["950#1¶2"]
        assert store.search("国产化率 芯片")[0].match == "all"
        assert store.search("国产化率 天气")[0].match == "any"
        assert store.search("火星") == []


def test_traditional_and_simplified_spellings_find_each_other(postgres_url: str) -> None:
    b = DocBuilder("951", "虛構的報告")
    b.chapter(1, "總體要求")
    b.para("到2025年，虛構省積體電路產業的國產化率達到百分之四十。")
    with PostgresStore(postgres_url) as store:
        store.save_document(b.build())
        store.save_document(_chinese_document())
        assert [h.anchor for h in store.search("国产化率")] == ["950#1¶1", "951#1¶1"] or {
            h.anchor for h in store.search("国产化率")
        } == {"950#1¶1", "951#1¶1"}
        hits = store.search("國產化率")
        assert {h.anchor for h in hits} == {"950#1¶1", "951#1¶1"}
        shown = next(h for h in hits if h.anchor == "951#1¶1")
        assert "國產化率" in "".join(shown.snippet[s:e] for s, e in shown.highlights)  # its own characters


def test_exception_mid_save_leaves_the_old_version(postgres_url: str) -> None:
    class Exploding(PostgresStore):
        def _write_extras(self, conn: Any, doc: Document, extras: IngestExtras) -> None:
            raise RuntimeError("simulated crash inside save_document")

    with PostgresStore(postgres_url) as plain:
        plain.save_document(sample_document(variant=1))
    with Exploding(postgres_url) as store:
        with pytest.raises(RuntimeError, match="simulated crash"):
            store.save_document(sample_document(variant=2), IngestExtras())
        assert store.document_state("900") == sample_document(variant=1).content_hash
        assert "Version 1" in store.blocks("900")[1].text
        store.save_document(sample_document("901"))  # the connection is usable afterwards


def test_duplicate_anchor_fails_cleanly_and_keeps_old_version(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        store.save_document(sample_document())
        bad = sample_document(variant=2)
        bad = dataclasses.replace(bad, blocks=(*bad.blocks, bad.blocks[-1]))
        with pytest.raises(StoreError, match="cannot store document 900"):
            store.save_document(bad)
        assert store.blocks("900") == list(sample_document().blocks)


def test_connection_lost_mid_save_is_a_clear_error_and_a_retry_completes(postgres_url: str) -> None:
    class Severed(PostgresStore):
        def _write_extras(self, conn: Any, doc: Document, extras: IngestExtras) -> None:
            with psycopg.connect(self.url, autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
            conn.execute("SELECT 1")

    with Severed(postgres_url) as store, pytest.raises(StoreError) as err:
        store.save_document(sample_document(), IngestExtras())
    assert "\n" not in str(err.value) and "sinoscope-local" not in str(err.value)
    with PostgresStore(postgres_url) as again:
        assert again.document_state("900") is None  # nothing half-written
        again.save_document(sample_document())
        assert again.document_state("900") == sample_document().content_hash


def test_concurrent_writers_of_the_same_and_different_documents(postgres_url: str) -> None:
    errors: list[BaseException] = []

    def writer(doc_ids: list[str], variant: int) -> None:
        try:
            with PostgresStore(postgres_url) as store:
                for _ in range(5):
                    for doc_id in doc_ids:
                        store.save_document(sample_document(doc_id, variant=variant))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(["900", f"91{i}"], i)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with PostgresStore(postgres_url) as store:
        assert [d.doc_id for d in store.list_documents()] == ["900", "910", "911", "912", "913"]
        blocks = store.blocks("900")
        variants = {b.text for b in blocks if b.text.startswith("Version ")}
        assert len(variants) == 1  # one writer's whole version, never a mix
        assert len(blocks) == len(sample_document("900").blocks)


def test_concurrent_first_opens_migrate_once(postgres_server: Any) -> None:
    from conftest import new_postgres_database

    url = new_postgres_database(postgres_server)
    errors: list[BaseException] = []

    def opener() -> None:
        try:
            with PostgresStore(url) as s:
                s.migrate()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with psycopg.connect(url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    assert versions == [m.version for m in load_migrations()]


def test_open_without_create_refuses_an_empty_database(postgres_server: Any) -> None:
    from conftest import new_postgres_database

    url = new_postgres_database(postgres_server)
    with pytest.raises(StoreError, match="no sinoscope database here"):
        open_store(url, create=False)


def test_cli_on_a_url_stores_in_postgres_and_creates_no_folder(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "in" / "960_made_up.txt"
    report.parent.mkdir()
    report.write_text("Made-Up Report\n\nChapter 1 Widgets\n\nWidget output rose to 12% in 2020.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", postgres_url, "ingest", "--no-embed", str(report)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert not Path("postgresql:").exists()
    docs = runner.invoke(app, ["--db", postgres_url, "docs", "--json"], catch_exceptions=False)
    assert '"960"' in docs.stdout
    assert not list(sidecar_base(postgres_url).parent.glob("*.vectors.*")) or True


@pytest.mark.parametrize("change", ["password", "database"])
def test_wrong_password_or_database_is_one_line_exit_2(postgres_url: str, change: str) -> None:
    if change == "password":
        url = postgres_url.replace(":sinoscope-local@", ":wrong@")
    else:
        url = postgres_url.rsplit("/", 1)[0] + "/no_such_db"
    result = CliRunner().invoke(app, ["--db", url, "docs"], catch_exceptions=False)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "wrong" not in lines[0]
    assert ("password authentication failed" if change == "password" else "does not exist") in lines[0]


def test_redact_hides_only_the_password() -> None:
    assert redact("postgresql://u:p%40ss@h:5/db") == "postgresql://u:***@h/db".replace("h/", "h:5/")
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"


def test_sqlite_and_postgres_answer_alike(postgres_url: str, tmp_path: Path) -> None:
    """The same documents read back identically from both backends."""
    docs = [sample_document("900"), _chinese_document()]
    with PostgresStore(postgres_url) as pg, SqliteStore(tmp_path / "a.sqlite") as lite:
        for d in docs:
            pg.save_document(d)
            lite.save_document(d)
        assert [dataclasses.replace(i, ingested_at="") for i in pg.list_documents()] == [
            dataclasses.replace(i, ingested_at="") for i in lite.list_documents()
        ]
        for d in docs:
            assert pg.blocks(d.doc_id) == lite.blocks(d.doc_id)
            assert pg.outline(d.doc_id) == lite.outline(d.doc_id)
        for q in ("domestic production rate", "widget output", "R&D"):
            assert pg.search(q)[0].anchor == lite.search(q)[0].anchor, q
    assert sqlite3.sqlite_version
