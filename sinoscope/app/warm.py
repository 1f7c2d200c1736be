"""A warm worker: one process per database that keeps sinoscope, the knowledge base and the embedder loaded.

Why: a fresh `sinoscope search` spends ~2 s importing the package and ~2 s loading the dense model before
doing 0.1 s of work. The console launcher (`interfaces/cli/launcher.py`) forwards read-only commands
to a worker listening on a Unix socket, the way dmypy and nailgun do, and runs them in-process itself
whenever no worker answers. Only the standard library is imported here, so the launcher stays cheap.

Protocol (one request per connection): the client sends its descriptors 0, 1 and 2 (SCM_RIGHTS) with a
length-prefixed JSON request (argv, cwd, environment, stream encodings). The worker puts the client's
descriptors on its own 0/1/2 for the duration, so isatty() and terminal-size queries see the client's
terminal, but records what the command writes to `sys.stdout`/`sys.stderr` and sends it back framed,
with the exit code last. Nothing reaches the client's streams before the exit frame, so a worker that
dies or stalls mid-way costs a rerun in-process, never doubled or half output. While it works the worker
sends a heartbeat frame every HEARTBEAT seconds; a silent worker is given up after STALL seconds.

Isolation: the socket lives in a 0700 per-user folder with mode 0600, the worker checks the peer's uid,
and the socket name hashes the absolute database, the sinoscope version, the newest source file time,
the interpreter and the environment that shapes what a process loads, so a worker of another version
or setup never answers. A lock file held for the worker's life tells a dead worker's socket (removed)
from a live one. Opt out with SINOSCOPE_NO_WARM=1; under pytest no worker is used or started unless a
test sets SINOSCOPE_WARM=1. A worker exits after SINOSCOPE_WARM_IDLE seconds (default 300) without a request.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple, cast

import sinoscope

ENV_NO_WARM = "SINOSCOPE_NO_WARM"
ENV_FORCE = "SINOSCOPE_WARM"
ENV_IDLE = "SINOSCOPE_WARM_IDLE"
ENV_LOG = "SINOSCOPE_WARM_LOG"
"""A file the worker appends one line to per request (exit code and argv), to see what it served."""
DEFAULT_IDLE = 300.0
CONNECT_TIMEOUT = 1.0
ACCEPT_WAIT = 10.0
"""How long a client waits for a worker busy with another request before running in-process."""
HEARTBEAT = 0.5
STALL = 5.0
CHECK_EVERY = 10.0
MAX_SOCKET_PATH = 100
"""sun_path holds 108 bytes; a longer folder means no warm worker rather than a truncated name."""

_KEY_ENV_PREFIXES = ("SINOSCOPE_", "XDG_", "PYTHON")
_KEY_ENV_NAMES = ("HOME", "PATH", "LANG", "LC_ALL", "LC_CTYPE", "PGHOST", "PGUSER", "PGPASSWORD", "PGDATABASE")
_KEY_ENV_SKIP = (ENV_NO_WARM, ENV_FORCE, ENV_IDLE, ENV_LOG, "XDG_RUNTIME_DIR", "XDG_SESSION_ID")

_HEADER = struct.Struct(">cI")
_CODE = struct.Struct(">i")


def enabled(env: Mapping[str, str]) -> bool:
    """Whether to use or start a worker: not when opted out, and not under pytest unless a test asks."""
    if env.get(ENV_NO_WARM, "").strip() not in ("", "0"):
        return False
    if "PYTEST_CURRENT_TEST" in env:
        return env.get(ENV_FORCE, "").strip() == "1"
    return True


def idle_seconds(env: Mapping[str, str]) -> float:
    try:
        value = float(env.get(ENV_IDLE, ""))
    except ValueError:
        return DEFAULT_IDLE
    return value if value > 0 else DEFAULT_IDLE


def runtime_dir(env: Mapping[str, str]) -> Path | None:
    """A folder only this user can enter: $XDG_RUNTIME_DIR/sinoscope, else sinoscope-<uid> in the temp dir."""
    base = env.get("XDG_RUNTIME_DIR", "")
    folder = Path(base) / "sinoscope" if base and os.path.isabs(base) else None
    if folder is None or not folder.parent.is_dir():
        import tempfile

        folder = Path(tempfile.gettempdir()) / f"sinoscope-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.lstat()
    except OSError:
        return None
    if not os.path.isdir(folder) or os.path.islink(folder) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return folder


def code_stamp() -> str:
    """The version and the newest source file: an edited or reinstalled package is another worker."""
    newest = 0
    for root, dirs, files in os.walk(os.path.dirname(sinoscope.__file__)):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            if name.endswith(".py"):
                with contextlib.suppress(OSError):
                    newest = max(newest, os.stat(os.path.join(root, name)).st_mtime_ns)
    return f"{sinoscope.__version__}:{newest}"


def socket_path(db: str, env: Mapping[str, str]) -> Path | None:
    """The socket of the worker for database `db` (absolute path or URL) under this code and environment."""
    folder = runtime_dir(env)
    if folder is None:
        return None
    shaping = sorted(
        (k, v)
        for k, v in env.items()
        if (k.startswith(_KEY_ENV_PREFIXES) or k in _KEY_ENV_NAMES) and k not in _KEY_ENV_SKIP
    )
    interpreter = [os.path.realpath(sys.executable), sys.prefix, sinoscope.__file__]
    key = json.dumps([db, code_stamp(), interpreter, shaping])
    path = folder / f"w-{hashlib.sha256(key.encode()).hexdigest()[:24]}.sock"
    return path if len(os.fsencode(path)) <= MAX_SOCKET_PATH else None


# --- which command lines, which database -------------------------------------------------------------

FORWARDED = frozenset({"ask", "search", "show", "docs", "facts"})
"""Commands that only read the store, so running them in a long-lived process changes nothing."""
STARTS_WORKER = frozenset({"ask", "search"})
"""Commands worth keeping a process warm for (they load the dense model)."""
DB_ENV = "SINOSCOPE_DB"


class Plan(NamedTuple):
    command: str
    db: str | None
    """The `--db` value as given (last one wins, as in the CLI), or None."""


def plan(argv: list[str]) -> Plan | None:
    """The command and `--db` of a command line the worker may run; None for anything else (help, errors)."""
    db: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--db":
            if i + 1 >= len(argv):
                return None
            db, i = argv[i + 1], i + 2
        elif arg.startswith("--db="):
            db, i = arg.removeprefix("--db="), i + 1
        elif arg.startswith("-"):
            return None  # --version, --help, or a mistake the CLI should report itself
        else:
            return Plan(arg, db) if arg in FORWARDED else None
    return None


def _is_url(raw: str) -> bool:
    """As `store.postgres_url.is_postgres_url`, without importing the store."""
    return raw.startswith(("postgresql://", "postgres://"))


def database(chosen: str | None) -> str:
    """The database the CLI would open, as an absolute path or a URL: --db, $SINOSCOPE_DB, the default."""
    raw = chosen if chosen is not None else os.environ.get(DB_ENV) or None
    if raw is None:
        from platformdirs import user_data_dir  # ~10 ms, only when no database is named

        raw = os.path.join(user_data_dir("sinoscope", appauthor=False), "sinoscope.sqlite")
    return raw if _is_url(raw) else os.path.abspath(raw)


def program_name() -> str:
    """The name the CLI shows in usage lines, computed as Click does (a script's file name, or python -m)."""
    main_module = sys.modules.get("__main__")
    path = sys.argv[0] if sys.argv else "sinoscope"
    package = getattr(main_module, "__package__", None)
    if not package:
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


def _lock_path(sock: Path) -> Path:
    return sock.with_suffix(".lock")


def _try_lock(sock: Path) -> int | None:
    """The lock file's descriptor, locked, or None when a worker holds it (running or starting)."""
    try:
        fd = os.open(_lock_path(sock), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def worker_running(sock: Path) -> bool:
    fd = _try_lock(sock)
    if fd is None:
        return True
    os.close(fd)
    return False


def _remove_stale(sock: Path) -> None:
    """Remove a socket nobody listens on, but only while holding the lock, so never a starting worker's."""
    fd = _try_lock(sock)
    if fd is None:
        return
    try:
        with contextlib.suppress(OSError):
            sock.unlink()
    finally:
        os.close(fd)


# --- client -----------------------------------------------------------------------------------------


class Reply:
    """What the worker's command wrote and exited with (a plain class: dataclasses cost the launcher ~10 ms)."""

    def __init__(self, code: int) -> None:
        self.code = code
        self.chunks: list[tuple[int, bytes]] = []
        """(1 or 2, bytes) in the order the command wrote them."""

    def replay(self) -> int:
        """Write the output to this process's streams; returns the exit code to use.

        A reader that went away (`sinoscope search x | head -1`) ends it with code 1 and no traceback,
        as Click does for the in-process command.
        """
        try:
            for fd, data in self.chunks:
                stream = sys.stdout if fd == 1 else sys.stderr
                stream.flush()
                stream.buffer.write(data)
                stream.buffer.flush()
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush fails silently too
            return 1
        return self.code


def _stream_info(stream: Any) -> dict[str, Any]:
    return {
        "encoding": getattr(stream, "encoding", None) or "utf-8",
        "errors": getattr(stream, "errors", None) or "strict",
        "line_buffering": bool(getattr(stream, "line_buffering", False)),
    }


def request_for(argv: list[str], prog_name: str) -> dict[str, Any]:
    return {
        "argv": argv,
        "prog_name": prog_name,
        "argv0": sys.argv[0] if sys.argv else prog_name,
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "stdin": _stream_info(sys.stdin),
        "stdout": _stream_info(sys.stdout),
        "stderr": _stream_info(sys.stderr),
    }


def _recv_exact(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError("worker closed the connection")
        data += chunk
    return data


def _read_frame(conn: socket.socket) -> tuple[bytes, bytes]:
    kind, size = _HEADER.unpack(_recv_exact(conn, _HEADER.size))
    return kind, _recv_exact(conn, size) if size else b""


def forward(sock: Path, request: dict[str, Any]) -> Reply | None:
    """Run `request` on the worker at `sock`; None whenever that fails, for the caller to run in-process."""
    payload = json.dumps(request).encode()
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(CONNECT_TIMEOUT)
        try:
            conn.connect(os.fspath(sock))
        except (ConnectionRefusedError, FileNotFoundError):
            _remove_stale(sock)
            return None
        message = struct.pack(">I", len(payload)) + payload
        sent = socket.send_fds(conn, [message], [0, 1, 2])
        conn.sendall(message[sent:])
        conn.settimeout(ACCEPT_WAIT)
        kind, _ = _read_frame(conn)
        if kind != b"a":
            return None
        conn.settimeout(STALL)
        reply = Reply(code=1)
        while True:
            kind, data = _read_frame(conn)
            if kind == b"o":
                reply.chunks.append((1, data))
            elif kind == b"e":
                reply.chunks.append((2, data))
            elif kind == b"x":
                reply.code = _CODE.unpack(data)[0]
                return reply
            elif kind != b"h":
                return None
    except (OSError, ValueError, struct.error):
        return None
    finally:
        conn.close()


def spawn(sock: Path, db: str, module: str) -> None:
    """Start `python -m module --socket SOCK --db DB` detached, unless a worker holds the lock already."""
    if worker_running(sock):
        return
    import subprocess  # only here: the forwarding path never needs it

    with contextlib.suppress(OSError):
        subprocess.Popen(
            [sys.executable, "-m", module, "--socket", os.fspath(sock), "--db", db],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
            cwd="/",
        )


# --- worker -----------------------------------------------------------------------------------------


class _Sink(io.BufferedIOBase):
    """Records what one stream is written, in order with the other stream; answers isatty for the client."""

    def __init__(self, fd: int, chunks: list[tuple[int, bytes]]) -> None:
        super().__init__()
        self._fd = fd
        self._chunks = chunks

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        if chunk:
            self._chunks.append((self._fd, chunk))
        return len(chunk)

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def fileno(self) -> int:
        return self._fd


def _text(buffer: _Sink, info: Mapping[str, Any]) -> io.TextIOWrapper:
    return io.TextIOWrapper(
        cast(Any, buffer),
        encoding=str(info.get("encoding") or "utf-8"),
        errors=str(info.get("errors") or "strict"),
        line_buffering=bool(info.get("line_buffering")),
        write_through=True,
    )


def exit_status(code: object) -> int:
    """What the interpreter would exit with for SystemExit(code) (a message is printed to stderr first)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


@contextlib.contextmanager
def _as_client(request: Mapping[str, Any], fds: list[int], chunks: list[tuple[int, bytes]]) -> Iterator[None]:
    """The process looks like the client's for one command: its descriptors, environment, folder, argv."""
    saved_fds = [os.dup(n) for n in (0, 1, 2)]
    saved = (sys.stdin, sys.stdout, sys.stderr, sys.argv, dict(os.environ))
    try:
        for n, fd in enumerate(fds[:3]):
            os.dup2(fd, n)
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in dict(request.get("env", {})).items()})
        os.chdir(str(request.get("cwd", "/")))
        sys.argv = [str(request.get("argv0", "sinoscope")), *map(str, request.get("argv", []))]
        stdin = dict(request.get("stdin", {}))
        sys.stdin = io.TextIOWrapper(
            open(0, "rb", closefd=False),  # noqa: SIM115 - the client's stdin, kept open for the command
            encoding=str(stdin.get("encoding") or "utf-8"),
            errors=str(stdin.get("errors") or "strict"),
        )
        sys.stdout = _text(_Sink(1, chunks), dict(request.get("stdout", {})))
        sys.stderr = _text(_Sink(2, chunks), dict(request.get("stderr", {})))
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdin, sys.stdout, sys.stderr, sys.argv, env = saved
        os.environ.clear()
        os.environ.update(env)
        with contextlib.suppress(OSError):
            os.chdir("/")
        for n, fd in enumerate(saved_fds):
            os.dup2(fd, n)
            os.close(fd)


def _send(conn: socket.socket, lock: threading.Lock, kind: bytes, data: bytes = b"") -> None:
    with lock:
        conn.sendall(_HEADER.pack(kind, len(data)) + data)


def _heartbeat(conn: socket.socket, lock: threading.Lock, done: threading.Event) -> None:
    while not done.wait(HEARTBEAT):
        try:
            _send(conn, lock, b"h")
        except OSError:
            return


def _receive(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 3)
    if len(data) < 4:
        data += _recv_exact(conn, 4 - len(data))
    size = struct.unpack(">I", data[:4])[0]
    body = data[4:]
    if len(body) < size:
        body += _recv_exact(conn, size - len(body))
    request = json.loads(body.decode())
    if not isinstance(request, dict):
        raise ValueError("request is not an object")
    return request, fds


def _log(code: int, request: Mapping[str, Any]) -> None:
    path = os.environ.get(ENV_LOG)
    if path:
        with contextlib.suppress(OSError), open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps([code, request.get("argv")], ensure_ascii=False) + "\n")


def _peer_is_us(conn: socket.socket) -> bool:
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):
        return False
    return bool(struct.unpack("3i", creds)[1] == os.getuid())


Run = Callable[[list[str], str], int]
"""Runs one command line in-process (argv without the program, program name) and returns its exit code."""


def handle(conn: socket.socket, run: Run) -> None:
    """Serve one connection: run its command as the client and send back the output and exit code."""
    conn.settimeout(STALL)
    fds: list[int] = []
    try:
        if not _peer_is_us(conn):
            return
        request, fds = _receive(conn)
        if len(fds) != 3:
            return
        lock, done = threading.Lock(), threading.Event()
        _send(conn, lock, b"a")
        beat = threading.Thread(target=_heartbeat, args=(conn, lock, done), daemon=True)
        beat.start()
        chunks: list[tuple[int, bytes]] = []
        try:
            with _as_client(request, fds, chunks):
                try:
                    code = run([str(a) for a in request.get("argv", [])], str(request.get("prog_name", "sinoscope")))
                except SystemExit as err:
                    code = exit_status(err.code)
                except Exception:  # reported to the client as the interpreter would report it
                    import traceback

                    traceback.print_exc(file=sys.stderr)
                    code = 1
        finally:
            done.set()
            beat.join()
            _close(fds)  # before answering: a reader of the client's pipe must not wait on our copy
        for fd, data in chunks:
            _send(conn, lock, b"o" if fd == 1 else b"e", data)
        _log(code, request)
        _send(conn, lock, b"x", _CODE.pack(code))
    except (OSError, ValueError, struct.error):
        return
    finally:
        _close(fds)
        conn.close()


def _close(fds: list[int]) -> None:
    while fds:
        with contextlib.suppress(OSError):
            os.close(fds.pop())


def serve(
    sock: Path,
    run: Run,
    *,
    db: str,
    idle: float,
    warm_up: Callable[[], None] | None = None,
) -> int:
    """Be the worker of database `db` at `sock` until `idle` seconds pass without a request, the socket is
    taken or removed, the sources change (no client would ever ask this worker again) or the database
    file is removed (checked every CHECK_EVERY seconds when idle).

    Returns 0 at once when another worker holds the lock. `warm_up` loads what requests will need
    before the socket appears, so no client waits on a half-loaded worker.
    """
    lock_fd = _try_lock(sock)
    if lock_fd is None:
        return 0
    stamp = code_stamp()
    os.chdir("/")
    if warm_up is not None:
        with contextlib.suppress(Exception):
            warm_up()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    inode: int | None = None
    try:
        with contextlib.suppress(FileNotFoundError):
            sock.unlink()  # we hold the lock: whatever is there is a dead worker's
        old_umask = os.umask(0o177)
        try:
            server.bind(os.fspath(sock))
        finally:
            os.umask(old_umask)
        server.listen(16)
        inode = sock.stat().st_ino
        server.settimeout(min(idle, 2.0))
        deadline = time.monotonic() + idle
        checked = time.monotonic()
        while time.monotonic() < deadline:
            try:
                conn, _ = server.accept()
            except TimeoutError:
                if _inode(sock) != inode:
                    return 0  # our socket was removed or replaced: nobody can reach us any more
                if time.monotonic() - checked >= CHECK_EVERY:
                    if not (_is_url(db) or os.path.exists(db)) or code_stamp() != stamp:
                        return 0
                    checked = time.monotonic()
                continue
            handle(conn, run)
            deadline = time.monotonic() + idle
        return 0
    finally:
        server.close()
        if inode is not None and _inode(sock) == inode:
            with contextlib.suppress(OSError):
                sock.unlink()
        os.close(lock_fd)


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None
