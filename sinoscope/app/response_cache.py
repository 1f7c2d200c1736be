"""Answers to GET requests kept until the database changes: a page, a search or an answer computed once is
served again from memory, and a browser that already holds it gets `304 Not Modified`.

Everything the app shows is a function of the request and of what is on disk: the SQLite database (and its
write-ahead log), the dense index beside it and the write token (forms carry an HMAC of it, `app.csrf`). A
*stamp* of those files (inode, size and modification time of each) names the state; a cached response is
kept only while the stamp it was computed under is the current one, and every entry is dropped as soon as
it changes. So an `ingest`, a review decision, `sinoscope index` or `kb load` makes the next request fresh,
in every server worker, without any message between them.

What is never cached, because it may differ between two requests to one URL: anything but GET; a request
presenting credentials (`Authorization`, `X-Sinoscope-Token`) or cookies; a response that is not a plain
200 (errors, redirects), that sets a cookie, says `no-store`/`private`, varies on request headers or brings
its own validators (the static files); and PostgreSQL databases, whose state has no cheap file stamp.

The cache is per worker process (each `serve --workers N` process keeps its own), bounded by bytes and
evicts the least recently used entry first. Concurrent requests for the same missing URL are computed
once: the others wait for the first and are served its response (50 clients opening the home page at
once cost one rendering, not 50).

A cache only helps URLs seen before under the same database: distinct queries still cost a full search.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sinoscope.app.auth import token_path
from sinoscope.store.postgres_url import is_postgres_url

__all__ = ["CachedResponse", "ResponseCache", "ResponseCacheMiddleware", "StoreStamp", "etag_for", "request_key"]

ENV_CACHE_MB = "SINOSCOPE_RESPONSE_CACHE_MB"
"""Per-process memory bound of the cache in MB (0 turns caching off)."""
DEFAULT_MB = 64
ENTRY_SHARE = 8
"""One response may take at most 1/ENTRY_SHARE of the cache: one big export must not flush everything."""
STATUS_HEADER = b"x-sinoscope-cache"
"""`hit` or `miss` on every cacheable response (for tests, the load bench and a curious user)."""
PRIVATE_REQUEST_HEADERS = frozenset({"authorization", "x-sinoscope-token", "cookie", "range"})
UNCACHED_PREFIXES = ("/static/",)
"""Served from files with their own validators (StaticFiles' ETag and Last-Modified)."""
ENTRY_OVERHEAD = 256
"""Bytes counted per entry beyond its body, headers and key (the objects holding them)."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
Headers = tuple[tuple[bytes, bytes], ...]


@dataclass(frozen=True)
class CachedResponse:
    status: int
    headers: Headers
    body: bytes
    etag: str

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + ENTRY_OVERHEAD


class ResponseCache:
    """Responses by request key, valid for one stamp; least recently used evicted first beyond `max_bytes`.

    Not thread-safe: the middleware uses it from its event loop only."""

    def __init__(self, max_bytes: int, max_entry_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes if max_entry_bytes is not None else max_bytes // ENTRY_SHARE
        self.stamp: str | None = None
        self.bytes = 0
        self._entries: OrderedDict[str, CachedResponse] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def _sync(self, stamp: str) -> None:
        """Forget every entry once the database has moved on: none of them can be served again."""
        if stamp != self.stamp:
            self._entries.clear()
            self.bytes = 0
            self.stamp = stamp

    def get(self, stamp: str, key: str) -> CachedResponse | None:
        self._sync(stamp)
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, stamp: str, key: str, entry: CachedResponse) -> bool:
        """Keep `entry` computed under `stamp`; False when it is too big or the stamp is no longer current."""
        cost = entry.size + len(key)
        if stamp != self.stamp or cost > self.max_entry_bytes or cost > self.max_bytes:
            return False
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old.size + len(key)
        self._entries[key] = entry
        self.bytes += cost
        while self.bytes > self.max_bytes:
            gone_key, gone = self._entries.popitem(last=False)
            self.bytes -= gone.size + len(gone_key)
        return True


class StoreStamp:
    """The state of a SQLite database as files show it, read in a few `stat` calls (microseconds).

    Files: the database, its write-ahead log (an empty log counts as absent: SQLite creates and deletes it
    as connections come and go without any change to the data), the write token, and each dense index
    folder beside the database with its version list. The index folders are looked for again only when
    the database's folder changes (a new index creates a folder in it)."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self._folder_mtime: int | None = None
        self._indexes: list[Path] = []

    def __call__(self) -> str | None:
        """The stamp, or None when the database is not a file we can stamp (nothing is cached then)."""
        try:
            folder = self.db.parent.stat()
        except OSError:
            return None
        if folder.st_mtime_ns != self._folder_mtime:
            self._indexes = sorted(self.db.parent.glob(f"{self.db.name}.vectors.*"))
            self._folder_mtime = folder.st_mtime_ns
        parts = [_file_part(self.db), _file_part(Path(f"{self.db}-wal"), empty_is_absent=True)]
        parts.append(_file_part(token_path(self.db)))
        for index in self._indexes:
            parts += [_file_part(index), _file_part(index / "documents.json")]
        return None if parts[0] == "-" else "|".join(parts)


def _file_part(path: Path, *, empty_is_absent: bool = False) -> str:
    try:
        st = path.stat()
    except OSError:
        return "-"
    if empty_is_absent and st.st_size == 0:
        return "-"
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def stamp_for(store_path: str | Path) -> Callable[[], str | None]:
    """How the middleware stamps `store_path`: files for SQLite; never (no caching) for PostgreSQL or memory."""
    if is_postgres_url(store_path) or str(store_path) == ":memory:":
        return lambda: None
    return StoreStamp(store_path)


def request_key(scope: Scope, headers: dict[str, str]) -> str | None:
    """What identifies a GET's response, or None when it must not be cached: scheme, Host, path and query.

    Query parameters are put in order of name (a parameter repeated keeps its own order, which may matter),
    without decoding them, so two spellings of one value are two entries, never one entry for two values."""
    if scope.get("method") != "GET" or any(h in headers for h in PRIVATE_REQUEST_HEADERS):
        return None
    path = str(scope.get("path", ""))
    if path.startswith(UNCACHED_PREFIXES):
        return None
    raw_path = scope.get("raw_path") or path.encode("utf-8")
    query = bytes(scope.get("query_string", b""))
    pairs = sorted((p for p in query.split(b"&") if p), key=lambda p: p.partition(b"=")[0])
    root = str(scope.get("root_path", ""))
    return f"{scope.get('scheme', 'http')}://{headers.get('host', '')}{root}" + (
        bytes(raw_path).decode("latin-1") + "?" + b"&".join(pairs).decode("latin-1")
    )


def etag_for(stamp: str, key: str) -> str:
    """A strong validator for `key`'s response under `stamp`: same state, same URL, same bytes."""
    return '"' + hashlib.sha256(f"{stamp}\n{key}".encode()).hexdigest()[:32] + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an `If-None-Match` value names `etag` (weak comparison, as RFC 9110 asks for this header)."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def storable(status: int, headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether a response may be served again to someone else: a plain 200 that asks for nothing else."""
    if status != 200:
        return False
    for name, value in headers:
        lower = name.lower()
        if lower in (b"set-cookie", b"vary", b"etag", b"last-modified"):
            return False
        if lower == b"cache-control" and any(w in value.lower() for w in (b"no-store", b"private")):
            return False
    return True


def with_validators(headers: Iterable[tuple[bytes, bytes]], etag: str, state: bytes) -> list[tuple[bytes, bytes]]:
    """The response's headers plus its ETag, `Cache-Control: no-cache` (a browser asks again each time and
    gets 304 while nothing changed) unless it set its own, and the cache status."""
    out = [(k, v) for k, v in headers if k.lower() != STATUS_HEADER]
    if not any(k.lower() == b"cache-control" for k, _ in out):
        out.append((b"cache-control", b"no-cache"))
    return [*out, (b"etag", etag.encode("latin-1")), (STATUS_HEADER, state)]


async def _not_modified(send: Send, etag: str, state: bytes) -> None:
    headers = [(b"etag", etag.encode("latin-1")), (b"cache-control", b"no-cache"), (STATUS_HEADER, state)]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _replay(entry: CachedResponse, send: Send, if_none_match: str | None) -> None:
    if matches(if_none_match, entry.etag):
        await _not_modified(send, entry.etag, b"hit")
        return
    headers = [*(h for h in entry.headers if h[0] != STATUS_HEADER), (STATUS_HEADER, b"hit")]
    await send({"type": "http.response.start", "status": entry.status, "headers": headers})
    await send({"type": "http.response.body", "body": entry.body})


class _Recorder:
    """Passes a response through to the client while keeping a copy of it, as long as it may be stored."""

    def __init__(self, send: Send, etag: str, if_none_match: str | None, limit: int) -> None:
        self._send = send
        self.etag = etag
        self._if_none_match = if_none_match
        self._limit = limit
        self.keep = False
        self.complete = False
        self.status = 0
        self.headers: Headers = ()
        self._body: list[bytes] = []
        self._size = 0
        self._not_modified = False

    @property
    def body(self) -> bytes:
        return b"".join(self._body)

    async def __call__(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.status = int(message["status"])
            self.keep = storable(self.status, message.get("headers", ()))
            if self.keep:
                self.headers = tuple(with_validators(message.get("headers", ()), self.etag, b"miss"))
                message = {**message, "headers": list(self.headers)}
                if matches(self._if_none_match, self.etag):
                    self._not_modified = True
                    await _not_modified(self._send, self.etag, b"miss")
                    return
        elif kind == "http.response.body":
            self._record(message)
            if self._not_modified:
                return
        elif kind != "http.response.debug":  # (the test client's template info comes before the start)
            self.keep = False  # trailers, zero-copy file sends...: pass through, never replayed
        await self._send(message)

    def _record(self, message: Message) -> None:
        if self.keep:
            chunk = bytes(message.get("body", b""))
            self._size += len(chunk)
            if self._size > self._limit:
                self.keep, self._body = False, []
            else:
                self._body.append(chunk)
        if not message.get("more_body", False):
            self.complete = True


class ResponseCacheMiddleware:
    """ASGI middleware serving GETs from a `ResponseCache` stamped by the database's files (see the module).

    Put it outermost: a hit then costs a dictionary lookup and a few `stat` calls. It is safe outside the
    Host allow-list because the key holds the Host: only a Host that once got a 200 can ever hit."""

    def __init__(self, app: App, store_path: str | Path, max_bytes: int | None = None) -> None:
        self.app = app
        if max_bytes is None:
            max_bytes = int(float(os.environ.get(ENV_CACHE_MB) or DEFAULT_MB) * 1024 * 1024)
        self.cache = ResponseCache(max_bytes)
        self.stamp: Callable[[], str | None] = stamp_for(store_path) if max_bytes > 0 else (lambda: None)
        self._pending: dict[str, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        stamp = self.stamp() if scope["type"] == "http" else None
        if stamp is None:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        key = request_key(scope, headers)
        if key is None:
            await self.app(scope, receive, send)
            return
        entry = self.cache.get(stamp, key)
        pending = self._pending.get(key)
        if entry is None and pending is not None:  # the same URL is being computed: wait for it
            await pending.wait()
            entry = self.cache.get(stamp, key)
        if entry is not None:
            await _replay(entry, send, headers.get("if-none-match"))
            return
        await self._compute(scope, receive, send, stamp, key, headers.get("if-none-match"))

    async def _compute(self, scope: Scope, receive: Receive, send: Send, stamp: str, key: str, inm: str | None) -> None:
        leader = key not in self._pending
        if leader:
            self._pending[key] = asyncio.Event()
        recorder = _Recorder(send, etag_for(stamp, key), inm, self.cache.max_entry_bytes)
        try:
            await self.app(scope, receive, recorder)
            if recorder.keep and recorder.complete and self.stamp() == stamp:
                entry = CachedResponse(recorder.status, recorder.headers, recorder.body, recorder.etag)
                self.cache.put(stamp, key, entry)
        finally:
            if leader:
                self._pending.pop(key).set()
