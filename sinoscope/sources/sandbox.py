"""Parsing untrusted files in a worker process with a wall-clock and a memory limit.

A hostile or pathological file (a zip bomb, a compressed-stream bomb, 100k unclosed tags, a million
percentages) must cost one bounded failure, not the batch: the parent waits at most `Limits.seconds`
for the worker and kills it when time runs out; the worker's data segment is capped with
`setrlimit(RLIMIT_DATA)` so a runaway allocation raises `MemoryError` inside it (or kills it) instead of
exhausting the machine. Either way the caller gets one `InputError` naming the limit, and the next file
runs in a fresh worker.

The worker is a fresh interpreter (`python -m sinoscope.sources.sandbox`: never a fork of a threaded
parent, and no re-import of the caller's main module) kept for the next file, so a batch pays the
interpreter start and imports once. Any module-level function can be run in it
(`Sandbox.call`); functions that cannot be pickled (closures in tests) run in the calling process.
Errors the worker raises come back as `InputError` (a file problem) or `SandboxError` (a bug), each with
a one-line message.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import os
import pickle
import resource
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from sinoscope.errors import InputError, SinoscopeError
from sinoscope.sources.model import SourceText

T = TypeVar("T")

DEFAULT_SECONDS = 25.0
DEFAULT_MEMORY_MB = 1024


@dataclass(frozen=True)
class Limits:
    """Per-file limits (reading, structure and extraction together); 0 disables one. The defaults let
    the seed reports (about 5-10 s and 75 MB each on a busy 2-core machine) through with ample room;
    `SINOSCOPE_PARSE_SECONDS` / `SINOSCOPE_PARSE_MEMORY_MB` override them."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            seconds=_env_number("SINOSCOPE_PARSE_SECONDS", DEFAULT_SECONDS),
            memory_mb=int(_env_number("SINOSCOPE_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB)),
        )


class SandboxError(RuntimeError):
    """The worker failed in a way that is sinoscope's fault (a bug): one line, with the worker's traceback
    in `trace` for debugging."""

    def __init__(self, detail: str, trace: str = "") -> None:
        super().__init__(detail)
        self.trace = trace


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        return default


class Sandbox:
    """One worker process at a time, restarted after a limit kills it; use as a context manager."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits.from_env()
        self._process: Any = None
        self._conn: Connection | None = None
        self._file: str | None = None
        self._deadline = 0.0

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError, ValueError):
                self._conn.send_bytes(b"")  # asks the worker to exit
            self._conn.close()
            self._conn = None
        if self._process is not None:
            try:
                self._process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def call(self, path: Path | str, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in the worker, for the file `path` (named in any error).

        Raises `InputError` for a file problem or a limit reached, `SandboxError` for a bug."""
        try:
            payload = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, AttributeError, TypeError):
            return fn(*args)
        conn = self._worker()
        try:
            conn.send_bytes(payload)
            if not conn.poll(self._time_left(path)):
                self._kill()
                raise InputError(path, f"parsing took longer than the time limit of {self.limits.seconds:g} s")
            status, value = conn.recv()
        except (EOFError, OSError, BrokenPipeError) as err:
            self._kill()
            raise InputError(path, self._death_reason()) from err
        if status == "ok":
            return value  # type: ignore[no-any-return]
        if status == "input":
            raise InputError(path, value)
        raise _rebuilt(*value)

    def _time_left(self, path: Path | str) -> float | None:
        """Seconds the file `path` may still use: the limit holds for all calls about one file together."""
        if not self.limits.seconds:
            return None
        now = time.monotonic()
        if str(path) != self._file:
            self._file = str(path)
            self._deadline = now + self.limits.seconds
        return max(self._deadline - now, 0.0)

    def _worker(self) -> Connection:
        if self._conn is None or self._process is None or self._process.poll() is not None:
            self._kill()
            self._process, self._conn = _start_worker(self.limits.memory_mb)
        return self._conn

    def _kill(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
        self._process = None

    def _death_reason(self) -> str:
        if self.limits.memory_mb:
            return f"parsing stopped: the worker died, most likely at the memory limit of {self.limits.memory_mb} MB"
        return "parsing stopped: the worker process died"


_SHARED: dict[Limits, Sandbox] = {}


def shared_sandbox(limits: Limits | None = None) -> Sandbox | None:
    """One worker per set of limits for the whole process (a batch, or many batches in one server or
    test session, pays the worker's start once); None when `SINOSCOPE_SANDBOX=off` asks to parse in
    process (debugging)."""
    if os.environ.get("SINOSCOPE_SANDBOX", "").strip().lower() in {"0", "off", "no", "false"}:
        return None
    key = limits or Limits.from_env()
    if key not in _SHARED:
        _SHARED[key] = Sandbox(key)
        if len(_SHARED) == 1:
            atexit.register(_close_shared)
    return _SHARED[key]


def _close_shared() -> None:
    for sandbox in _SHARED.values():
        sandbox.close()
    _SHARED.clear()


def read_in_sandbox(path: Path, limits: Limits | None = None, *, max_bytes: int | None = None) -> SourceText:
    """`read_source(path)` in a worker process under `limits` (a one-off worker; a batch should keep a
    `Sandbox` open and `call` it for each file)."""
    with Sandbox(limits) as sandbox:
        return sandbox.call(path, read_file, Path(path), max_bytes)


def read_file(path: Path, max_bytes: int | None) -> SourceText:
    """`read_source` with positional arguments, to be sent to a worker."""
    from sinoscope.sources.read import DEFAULT_MAX_BYTES, read_source

    return read_source(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)


def _start_worker(memory_mb: int) -> tuple[subprocess.Popen[bytes], Connection]:
    """A fresh interpreter running `_serve` (`python -m sinoscope.sources.sandbox`), talking over two
    pipes; it sees the parent's `sys.path` so any function the parent can import, it can too."""
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    args = [sys.executable, "-m", "sinoscope.sources.sandbox", str(to_child_r), str(from_child_w), str(memory_mb)]
    try:
        process = subprocess.Popen(args, pass_fds=(to_child_r, from_child_w), env=env, stdin=subprocess.DEVNULL)
    finally:
        os.close(to_child_r)
        os.close(from_child_w)
    return process, _Duplex(from_child_r, to_child_w)


class _Duplex(Connection):
    """A `Connection` reading one pipe and writing another."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        super().__init__(read_fd, readable=True, writable=False)
        self._writer = Connection(write_fd, readable=False, writable=True)

    def send_bytes(self, buf: Any, offset: int = 0, size: int | None = None) -> None:
        self._writer.send_bytes(buf, offset, size)

    def send(self, obj: Any) -> None:
        self._writer.send(obj)

    def close(self) -> None:
        self._writer.close()
        super().close()


def _serve(conn: Connection, memory_mb: int) -> None:
    """The worker loop: run each pickled call, send back ("ok", result) or a one-line failure."""
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    while True:
        try:
            payload = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if not payload:
            return
        try:
            fn, args = pickle.loads(payload)
            reply: tuple[str, Any] = ("ok", fn(*args))
        except BaseException as err:  # the worker reports every failure; the parent decides what it is
            reply = _failure(err, memory_mb)
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as err:
            conn.send(("bug", ("builtins", "RuntimeError", f"result cannot be sent back ({type(err).__name__})", "")))
        except (OSError, MemoryError):
            return


def _failure(err: BaseException, memory_mb: int) -> tuple[str, Any]:
    if isinstance(err, InputError):
        return ("input", err.reason)
    if isinstance(err, MemoryError):
        return ("input", f"parsing needed more than the memory limit of {memory_mb} MB")
    if isinstance(err, RecursionError):
        return ("input", "structure nested too deeply to read")
    if isinstance(err, ValueError) and "integer string conversion" in str(err):
        return ("input", "holds a number with more digits than sinoscope reads (over 4,300)")
    if isinstance(err, SinoscopeError):
        return ("input", " ".join(str(err).split()))
    kind = type(err)
    message = " ".join(str(err).split())[:300]
    return ("bug", (kind.__module__, kind.__qualname__, message, "".join(traceback.format_exception(err))))


def _rebuilt(module: str, name: str, message: str, trace: str) -> Exception:
    """The worker's bug as the same built-in exception type (so callers print "ValueError: ..." as for
    an in-process bug), else a `SandboxError` naming the type; the worker's traceback is in `trace`."""
    kind = getattr(builtins, name, None) if module == "builtins" else None
    if isinstance(kind, type) and issubclass(kind, Exception):
        try:
            err = kind(message)
        except TypeError:
            err = SandboxError(f"{name}: {message}", trace)
    else:
        err = SandboxError(f"{name}: {message}", trace)
    err.trace = trace  # type: ignore[attr-defined]
    return err


def _main() -> None:
    read_fd, write_fd, memory_mb = (int(arg) for arg in sys.argv[1:4])
    _serve(_Duplex(read_fd, write_fd), memory_mb)


if __name__ == "__main__":
    _main()
