"""The warm worker and the console launcher (issue 20): forwarded output is the in-process output, byte for
byte; anything wrong with the worker (dead, stale socket, killed mid-answer, silent, another version) means
the command runs in-process; an idle worker exits and removes its socket.

Each test runs the real `sinoscope` script as a subprocess against a temporary database holding the store
tests' made-up report, with its own runtime folder (sockets), SINOSCOPE_WARM=1 (under pytest the launcher
otherwise neither uses nor starts a worker) and a request log (SINOSCOPE_WARM_LOG) that tells which calls
a worker served. Queries use BM25 where they can, so no test loads the embedding model twice.

The subprocesses import a copy of the package taken when the session starts (PYTHONPATH): a worker only
answers for the exact sources it loaded, and in a shared working tree someone saves a file every few
seconds, which would otherwise turn a forwarded call into an in-process one at random.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store.factory import sample_document

import sinoscope
from sinoscope.app import warm
from sinoscope.store import SqliteStore

SCRIPT = Path(sys.executable).parent / "sinoscope"
WORKER = [sys.executable, "-m", "sinoscope.interfaces.cli.warm_worker"]

SAME_OUTPUT = [
    ["search", "--mode", "bm25", "--json", "domestic production rate"],
    ["search", "--mode", "bm25", "domestic production rate"],
    ["search", "--json", "widget subsidies"],
    ["search", "widget subsidies", "--limit", "2"],
    ["ask", "--mode", "bm25", "--json", "What is the domestic production rate target for widgets?"],
    ["ask", "--mode", "bm25", "What is the domestic production rate target for widgets?"],
    ["docs"],
    ["show", "900#table-1-1"],
    ["show", "900#9.9"],
    ["search"],
]
"""Read commands, plain and JSON, hybrid and BM25, including a usage error and an unknown anchor (exit 2)."""


@pytest.fixture(scope="session")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package as it is now, first on the subprocesses' PYTHONPATH."""
    root = tmp_path_factory.mktemp("src")
    shutil.copytree(Path(sinoscope.__file__).parent, root / "sinoscope", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "warm.sqlite"
    with SqliteStore(path) as store:
        store.save_document(sample_document("900"))
    return path


@pytest.fixture
def runtime() -> Iterator[Path]:
    """A short runtime folder (socket paths are limited to ~100 bytes); workers started in it are ended after."""
    folder = Path(tempfile.mkdtemp(prefix="sw-"))
    yield folder
    for pid in _workers(folder):
        os.kill(pid, signal.SIGTERM)
    shutil.rmtree(folder, ignore_errors=True)


def _workers(folder: Path) -> list[int]:
    """Worker processes whose socket is in `folder` (the ones this test started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"sinoscope.interfaces.cli.warm_worker" in cmdline and any(str(folder).encode() in a for a in cmdline):
                found.append(int(entry.name))
    return found


@pytest.fixture
def env(runtime: Path, tmp_path: Path, db: Path, snapshot: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k != warm.ENV_NO_WARM}
    return {
        **environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(snapshot), environ.get("PYTHONPATH", "")) if p),
        "XDG_RUNTIME_DIR": str(runtime),
        "SINOSCOPE_DB": str(db),
        warm.ENV_FORCE: "1",
        warm.ENV_IDLE: "60",
        warm.ENV_LOG: str(tmp_path / "served.log"),
        "COLUMNS": "100",
    }


def _sino(args: list[str], env: dict[str, str], **extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(SCRIPT), *args], env={**env, **extra}, capture_output=True, timeout=120, check=False)


def _in_snapshot(env: dict[str, str]) -> str:
    """The folder to start `python -m`/`-c` from, so that the snapshot, not the working tree, is imported."""
    return env["PYTHONPATH"].split(os.pathsep)[0]


def _cold(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return _sino(args, env, **{warm.ENV_NO_WARM: "1"})


def _served(env: dict[str, str]) -> list[list[str]]:
    log = Path(env[warm.ENV_LOG])
    return [json.loads(line)[1] for line in log.read_text().splitlines()] if log.exists() else []


def _sock(env: dict[str, str], db: Path) -> Path:
    """The socket the launcher will use, as the snapshot's code names it."""
    code = "import sys; from sinoscope.app import warm; import os; print(warm.socket_path(sys.argv[1], os.environ))"
    found = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        env=env,
        cwd=_in_snapshot(env),
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() not in ("", "None")
    return Path(found.stdout.strip())


def _start_worker(env: dict[str, str], db: Path) -> subprocess.Popen[bytes]:
    sock = _sock(env, db)
    proc = subprocess.Popen(
        [*WORKER, "--socket", str(sock), "--db", str(db), "--no-warm-up"], env=env, cwd=_in_snapshot(env)
    )
    _wait_for(sock.exists, 60)
    return proc


def _wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _same(a: subprocess.CompletedProcess[bytes], b: subprocess.CompletedProcess[bytes]) -> None:
    assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)


@pytest.mark.slow
def test_first_search_starts_a_worker_whose_output_is_byte_identical(env: dict[str, str], db: Path) -> None:
    first = _sino(SAME_OUTPUT[0], env)
    _same(first, _cold(SAME_OUTPUT[0], env))
    assert _served(env) == []
    _wait_for(_sock(env, db).exists, 90)  # started in the background, after its warm-up
    for args in SAME_OUTPUT:
        _same(_sino(args, env), _cold(args, env))
    assert _served(env) == SAME_OUTPUT
    assert oct(_sock(env, db).stat().st_mode & 0o777) == "0o600"


def test_relative_db_and_working_folder_are_the_clients(env: dict[str, str], db: Path) -> None:
    env.pop("SINOSCOPE_DB")
    proc = _start_worker(env, db)
    try:
        args = ["--db", db.name, "show", "900#1.1"]
        cwd = str(db.parent)
        warm_run = subprocess.run([str(SCRIPT), *args], env=env, cwd=cwd, capture_output=True, check=False)
        cold_run = subprocess.run(
            [str(SCRIPT), *args], env={**env, warm.ENV_NO_WARM: "1"}, cwd=cwd, capture_output=True, check=False
        )
        _same(warm_run, cold_run)
        assert warm_run.returncode == 0
        assert _served(env) == [args]
    finally:
        proc.terminate()


def test_a_dead_workers_socket_is_removed_and_ignored(env: dict[str, str], db: Path) -> None:
    sock = _sock(env, db)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(sock))
    stale.close()  # the file stays, nobody listens: a worker that was killed
    _same(_sino(["docs"], env), _cold(["docs"], env))
    assert not sock.exists()


def test_a_worker_killed_between_calls_means_in_process(env: dict[str, str], db: Path) -> None:
    proc = _start_worker(env, db)
    args = ["search", "--mode", "bm25", "--json", "widget"]
    _same(_sino(args, env), _cold(args, env))
    proc.kill()
    proc.wait()
    _same(_sino(["show", "900#1.1"], env), _cold(["show", "900#1.1"], env))
    assert _served(env) == [args]


def _fake_worker(sock: Path, behaviour: str) -> threading.Thread:
    """A worker that accepts one request, then dies after half an answer or falls silent."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(sock))
    server.listen(1)

    def serve() -> None:
        conn, _ = server.accept()
        try:
            conn.recv(65536)
            conn.sendall(struct.pack(">cI", b"a", 0))
            conn.sendall(struct.pack(">cI", b"o", 7) + b"partial")
            if behaviour == "silent":
                time.sleep(warm.STALL + 2)
        except OSError:
            pass
        finally:
            conn.close()
            server.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("behaviour", ["dies", "silent"])
def test_a_worker_failing_mid_answer_means_in_process_and_no_partial_output(
    env: dict[str, str], db: Path, behaviour: str
) -> None:
    fake = _fake_worker(_sock(env, db), behaviour)
    args = ["show", "--json", "900#1.1"]
    result = _sino(args, env)
    fake.join(timeout=30)
    _same(result, _cold(args, env))
    assert b"partial" not in result.stdout


def test_a_worker_of_another_version_never_answers(
    env: dict[str, str], db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = warm.socket_path(str(db), env)
    monkeypatch.setattr(sinoscope, "__version__", "0.0.0-other")
    other = warm.socket_path(str(db), env)
    assert other is not None and ours is not None and other != ours
    monkeypatch.setattr(warm, "code_stamp", lambda: "0.1.0:1")  # the same version, other sources
    assert warm.socket_path(str(db), env) not in (ours, other)
    assert warm.socket_path(str(db), {**env, "SINOSCOPE_DATA_DIR": "/elsewhere"}) not in (ours, other)
    monkeypatch.undo()
    assert _sock(env, db) != other
    fake = _fake_worker(other, "dies")  # listening under the other version's name: never contacted
    _same(_sino(["docs"], env), _cold(["docs"], env))
    assert fake.is_alive()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unblock:  # let it finish
        unblock.connect(str(other))
    fake.join(timeout=10)


def test_an_idle_worker_exits_and_removes_its_socket(env: dict[str, str], db: Path) -> None:
    sock = _sock(env, db)
    proc = subprocess.Popen(
        [*WORKER, "--socket", str(sock), "--db", str(db), "--no-warm-up"],
        env={**env, warm.ENV_IDLE: "1"},
        cwd=_in_snapshot(env),
    )
    assert proc.wait(timeout=60) == 0
    assert not sock.exists()


def test_a_second_worker_for_the_same_socket_leaves_at_once(env: dict[str, str], db: Path) -> None:
    first = _start_worker(env, db)
    sock = _sock(env, db)
    inode = sock.stat().st_ino
    try:
        second = subprocess.run(
            [*WORKER, "--socket", str(sock), "--db", str(db), "--no-warm-up"],
            env=env,
            cwd=_in_snapshot(env),
            timeout=60,
        )
        assert second.returncode == 0
        # the first keeps its socket (unless it left because someone edited sinoscope meanwhile)
        assert first.poll() is not None or sock.stat().st_ino == inode
    finally:
        first.terminate()


def test_under_pytest_no_worker_unless_asked() -> None:
    assert not warm.enabled({"PYTEST_CURRENT_TEST": "t"})
    assert warm.enabled({"PYTEST_CURRENT_TEST": "t", warm.ENV_FORCE: "1"})
    assert not warm.enabled({warm.ENV_NO_WARM: "1"})
    assert warm.enabled({})


def test_version_is_answered_by_the_launcher(env: dict[str, str]) -> None:
    result = _sino(["--version"], env)
    assert result.stdout == f"sinoscope {sinoscope.__version__}\n".encode()
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["search", "x"], warm.Plan("search", None)),
        (["--db", "a.sqlite", "ask", "q"], warm.Plan("ask", "a.sqlite")),
        (["--db=a", "--db", "b", "docs"], warm.Plan("docs", "b")),
        (["ingest", "x"], None),
        (["--help"], None),
        (["--version", "search"], None),
        (["--db"], None),
        ([], None),
    ],
)
def test_which_command_lines_are_forwarded(argv: list[str], expected: warm.Plan | None) -> None:
    assert warm.plan(argv) == expected
