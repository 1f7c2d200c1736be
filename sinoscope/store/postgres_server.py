"""A throwaway local PostgreSQL server (initdb + pg_ctl on a loopback port) for tests and benchmarks.

Running the real server is the only honest way to test the PostgreSQL backend; Debian's `postgresql`
package ships the binaries under /usr/lib/postgresql/<major>/bin, off PATH. PostgreSQL refuses to run as
root, so under root the data folder is handed to an unprivileged account and the binaries run as it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_SERVER_USER_CANDIDATES = ("postgres", "nobody")
PASSWORD = "sinoscope-local"
"""Password auth (not trust) so that a wrong password is refused as on a real server."""


@dataclass(frozen=True)
class LocalServer:
    """A running server: its data folder and the URL of a database in it."""

    data_dir: Path
    port: int
    user: str
    bin_dir: Path
    run_as: str | None

    password: str = PASSWORD

    def url(self, dbname: str = "postgres", *, password: str | None = None) -> str:
        return f"postgresql://{self.user}:{password or self.password}@127.0.0.1:{self.port}/{dbname}"


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_major, reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _major(path: str) -> int:
    part = Path(path).parents[1].name
    return int(part) if part.isdigit() else 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_account() -> str | None:
    """None when we may run the server ourselves; else an unprivileged account to run it as."""
    if os.geteuid() != 0:
        return None
    for name in _SERVER_USER_CANDIDATES:
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and no unprivileged account (postgres, nobody) to run PostgreSQL as")


def _run(cmd: list[str], run_as: str | None, *, timeout: float = 120) -> None:
    proc = subprocess.run(cmd, user=run_as, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({proc.returncode}): {(proc.stderr or proc.stdout)[-800:]}")


def start(base: Path | None = None, *, port: int | None = None) -> LocalServer:
    """initdb a fresh cluster in a temporary folder and start it on 127.0.0.1 (password auth, fsync off)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_ctl) found")
    run_as = _server_account()
    root = Path(tempfile.mkdtemp(prefix="sinoscope-pg-", dir=base))
    data = root / "data"
    data.mkdir()
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chmod(root, 0o755)
        for p in (root, data):
            os.chown(p, entry.pw_uid, entry.pw_gid)
    user = "sinoscope"
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
    if run_as is not None:
        os.chown(pwfile, pwd.getpwnam(run_as).pw_uid, -1)
    _run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            user,
            "-A",
            "scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        run_as,
    )
    port = port or _free_port()
    # fsync off and no durable commit: a test server's data is thrown away; speed matters, crash safety not.
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={data} -c fsync=off"
        " -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    _run(
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(data / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        ],
        run_as,
    )
    server = LocalServer(data, port, user, bin_dir, run_as)
    _watch(server, os.getpid())
    _wait_ready(server)
    return server


def _watch(server: LocalServer, owner: int) -> None:
    """Stop the server when `owner` ends, even by SIGKILL (a killed test run must not leave it running)."""
    stop_cmd = f"{server.bin_dir / 'pg_ctl'} -D {server.data_dir} -m immediate -w stop"
    if server.run_as is not None:
        stop_cmd = f"runuser -u {server.run_as} -- {stop_cmd}"
    script = (
        f"while kill -0 {owner} 2>/dev/null; do sleep 2; done; {stop_cmd} >/dev/null 2>&1;"
        f" rm -rf {server.data_dir.parent}"
    )
    subprocess.Popen(
        ["sh", "-c", script],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_ready(server: LocalServer, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            if s.connect_ex(("127.0.0.1", server.port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not accept connections on port {server.port}")


def create_database(server: LocalServer, name: str) -> str:
    """A new empty database on `server`; returns its URL."""
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


def stop(server: LocalServer) -> None:
    """Stop the server (fast shutdown) and delete its folder."""
    try:
        _run([str(server.bin_dir / "pg_ctl"), "-D", str(server.data_dir), "-m", "fast", "-w", "stop"], server.run_as)
    finally:
        shutil.rmtree(server.data_dir.parent, ignore_errors=True)
