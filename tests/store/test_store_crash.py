"""`kill -9` in the middle of saving a document leaves the previous version (or nothing), never half."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sinoscope.store import SqliteStore

from .factory import sample_document

TESTS_DIR = Path(__file__).resolve().parents[1]

# Saves version 2 of document 900, pausing inside the transaction once blocks are written.
_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sinoscope.store import SqliteStore
    from store.factory import DocBuilder

    db, marker = sys.argv[1], Path(sys.argv[2])

    def big_version_2():
        b = DocBuilder("900")
        b.chapter(1, "Rewritten")
        for i in range(3000):
            b.para(f"Version 2 paragraph {i} repeats filler words about sprockets and gaskets at length.")
        return b.build()

    class PausingStore(SqliteStore):
        def open(self):
            super().open()
            # a tiny page cache forces uncommitted pages out to the WAL file before the kill
            self.conn.execute("PRAGMA cache_size = 10")

        def _write_blocks(self, conn, doc):
            super()._write_blocks(conn, doc)
            n = conn.execute("SELECT count(*) FROM blocks WHERE doc_id = ?", (doc.doc_id,)).fetchone()[0]
            marker.write_text(str(n))
            time.sleep(120)

    with PausingStore(db) as store:
        store.save_document(big_version_2())
    """
)


def _kill_mid_save(db: Path, tmp_path: Path) -> tuple[int, int]:
    """Returns (blocks written when killed, bytes in the WAL file when killed)."""
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    marker = tmp_path / "inside-transaction"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(marker)], env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() or not marker.read_text():
            if proc.poll() is not None:
                pytest.fail(f"writer exited early with {proc.returncode}")
            if time.monotonic() > deadline:
                pytest.fail("writer never reached the middle of its transaction")
            time.sleep(0.02)
        written = int(marker.read_text())
        wal = db.with_name(db.name + "-wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return written, wal_bytes


def _check_intact(store: SqliteStore) -> None:
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    store.conn.execute("INSERT INTO blocks_fts(blocks_fts) VALUES ('integrity-check')")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_mid_save_keeps_the_old_version(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite"
    v1 = sample_document(variant=1)
    with SqliteStore(db) as store:
        store.save_document(v1)
    written, wal_bytes = _kill_mid_save(db, tmp_path)
    assert written == 3001  # the kill really hit a half-done save ...
    assert wal_bytes > 200_000  # ... whose uncommitted pages had already reached the disk

    with SqliteStore(db) as store:
        _check_intact(store)
        assert store.document_state("900") == v1.content_hash
        assert store.blocks("900") == list(v1.blocks)
        assert [h.anchor for h in store.search("version 1")][:1] == ["900#1¶1"]
        assert store.search('"version 2"') == [] and store.search("gaskets") == []
        # and the database accepts the next write
        store.save_document(sample_document(variant=2))
        assert store.document_state("900") == sample_document(variant=2).content_hash


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_mid_first_save_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite"
    with SqliteStore(db):
        pass  # schema only
    assert _kill_mid_save(db, tmp_path)[0] == 3001
    with SqliteStore(db) as store:
        _check_intact(store)
        assert store.document_state("900") is None
        assert store.list_documents() == []
        assert store.conn.execute("SELECT count(*) FROM blocks").fetchone()[0] == 0
        assert store.search("widgets") == []
