"""The GET response cache: bounded by bytes, valid for one database stamp, never for private or failed
responses, and a browser holding the current version gets 304. Driven through a toy ASGI app that counts
how often it really ran, and a throwaway SQLite file for the stamp."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import httpx

from sinoscope.app.response_cache import (
    CachedResponse,
    ResponseCache,
    ResponseCacheMiddleware,
    StoreStamp,
    etag_for,
    request_key,
    stamp_for,
)


def entry(body: bytes) -> CachedResponse:
    return CachedResponse(200, ((b"content-type", b"text/plain"),), body, '"x"')


def test_the_cache_keeps_to_its_byte_bound_and_evicts_the_least_recently_used() -> None:
    size = entry(b"a" * 1000).size + len("/a")
    cache = ResponseCache(max_bytes=3 * size, max_entry_bytes=3 * size)
    for key in ("/a", "/b", "/c"):
        assert cache.put("s1", key, entry(key[1].encode() * 1000)) is False  # no stamp seen yet: not current
    assert cache.get("s1", "/a") is None
    for key in ("/a", "/b", "/c"):
        assert cache.put("s1", key, entry(key[1].encode() * 1000))
    assert cache.get("s1", "/a") is not None  # /a used again: /b is now the least recently used
    assert cache.put("s1", "/d", entry(b"d" * 1000))
    assert cache.bytes <= cache.max_bytes and len(cache) == 3
    assert cache.get("s1", "/b") is None
    assert all(cache.get("s1", k) is not None for k in ("/a", "/c", "/d"))


def test_an_entry_bigger_than_its_share_is_not_kept() -> None:
    cache = ResponseCache(max_bytes=100_000, max_entry_bytes=5_000)
    cache.get("s1", "/")
    assert not cache.put("s1", "/big", entry(b"x" * 6_000))
    assert cache.put("s1", "/small", entry(b"x" * 1_000))
    assert len(cache) == 1


def test_a_new_stamp_drops_every_entry_and_refuses_late_ones() -> None:
    cache = ResponseCache(max_bytes=100_000)
    cache.get("s1", "/")
    assert cache.put("s1", "/a", entry(b"old"))
    assert cache.get("s2", "/a") is None
    assert len(cache) == 0 and cache.bytes == 0
    assert not cache.put("s1", "/a", entry(b"computed before the change"))


def scope(path: str = "/p", query: bytes = b"", method: str = "GET", **headers: str) -> dict[str, Any]:
    raw = [(k.replace("_", "-").encode(), v.encode()) for k, v in {"host": "localhost", **headers}.items()]
    return {"type": "http", "method": method, "path": path, "query_string": query, "headers": raw}


def heads(s: dict[str, Any]) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in s["headers"]}


def test_the_key_sorts_parameters_by_name_and_refuses_what_is_private() -> None:
    a, b = scope(query=b"q=x&mode=bm25"), scope(query=b"mode=bm25&q=x")
    assert request_key(a, heads(a)) == request_key(b, heads(b))
    c, d = scope(query=b"k=1&k=2"), scope(query=b"k=2&k=1")
    assert request_key(c, heads(c)) != request_key(d, heads(d))  # a repeated parameter keeps its order
    other_host = scope(host="example.test")
    assert request_key(other_host, heads(other_host)) != request_key(scope(), heads(scope()))
    for private in (
        scope(authorization="Bearer t"),
        scope(x_sinoscope_token="t"),
        scope(cookie="a=b"),
        scope(method="POST"),
        scope(path="/static/app.css"),
    ):
        assert request_key(private, heads(private)) is None


class Counting:
    """A toy app: `/p` answers 200 with a count of its runs, `/err` 404, `/cookie` sets a cookie, `/slow`
    takes a moment (so concurrent requests overlap)."""

    def __init__(self) -> None:
        self.runs = 0

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        self.runs += 1
        path = scope["path"]
        status = 404 if path == "/err" else 200
        headers = [(b"content-type", b"text/plain")]
        if path == "/cookie":
            headers.append((b"set-cookie", b"session=1"))
        if path == "/slow":
            await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": f"run {self.runs}".encode(), "more_body": True})
        await send({"type": "http.response.body", "body": b"."})


def served(path: str, runs: int = 3, **headers: str) -> tuple[Counting, list[httpx.Response]]:
    app = Counting()
    middleware = ResponseCacheMiddleware(app, ":memory:", max_bytes=1_000_000)
    middleware.stamp = lambda: "s1"
    return app, asyncio.run(_get(middleware, [path] * runs, headers))


async def _get(app: Any, paths: list[str], headers: dict[str, str], concurrent: bool = False) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
        if concurrent:
            return list(await asyncio.gather(*(http.get(p, headers=headers) for p in paths)))
        return [await http.get(p, headers=headers) for p in paths]


def test_a_repeated_get_runs_once_and_says_so() -> None:
    app, responses = served("/p")
    assert app.runs == 1
    assert [r.text for r in responses] == ["run 1."] * 3
    assert [r.headers["x-sinoscope-cache"] for r in responses] == ["miss", "hit", "hit"]
    assert len({r.headers["etag"] for r in responses}) == 1 and responses[0].headers["cache-control"] == "no-cache"


def test_errors_cookies_and_credentials_are_never_served_from_the_cache() -> None:
    for path, headers in [
        ("/err", {}),
        ("/cookie", {}),
        ("/p", {"Authorization": "Bearer secret"}),
        ("/p", {"X-Sinoscope-Token": "secret"}),
        ("/p", {"Cookie": "session=1"}),
    ]:
        app, responses = served(path, **headers)
        assert app.runs == 3, (path, headers)
        assert "x-sinoscope-cache" not in responses[-1].headers and "etag" not in responses[-1].headers


def test_a_changed_stamp_runs_the_app_again() -> None:
    app = Counting()
    middleware = ResponseCacheMiddleware(app, ":memory:", max_bytes=1_000_000)
    state = ["s1"]
    middleware.stamp = lambda: state[0]
    first = asyncio.run(_get(middleware, ["/p", "/p"], {}))
    state[0] = "s2"
    second = asyncio.run(_get(middleware, ["/p", "/p"], {}))
    assert [r.text for r in first + second] == ["run 1.", "run 1.", "run 2.", "run 2."]
    assert first[0].headers["etag"] != second[0].headers["etag"]


def test_a_browser_holding_the_current_version_gets_304_without_a_body() -> None:
    app, (first,) = served("/p", runs=1)
    etag = first.headers["etag"]
    assert etag == etag_for("s1", "http://localhost/p?")
    for runs in (1, 2):  # a miss (a fresh worker) and a hit both answer 304
        app, responses = served("/p", runs=runs, **{"If-None-Match": f'W/"other", {etag}'})
        assert all(r.status_code == 304 and r.content == b"" and r.headers["etag"] == etag for r in responses)
        assert app.runs == 1
    _, (stale,) = served("/p", runs=1, **{"If-None-Match": '"older"'})
    assert stale.status_code == 200 and stale.text == "run 1."


def test_concurrent_misses_for_one_url_are_computed_once() -> None:
    app = Counting()
    middleware = ResponseCacheMiddleware(app, ":memory:", max_bytes=1_000_000)
    middleware.stamp = lambda: "s1"
    responses = asyncio.run(_get(middleware, ["/slow"] * 10, {}, concurrent=True))
    assert app.runs == 1
    assert {r.text for r in responses} == {"run 1."}


def test_without_a_stamp_nothing_is_cached() -> None:
    assert stamp_for(":memory:")() is None
    assert stamp_for("postgresql://user@localhost/db")() is None
    app = Counting()
    responses = asyncio.run(_get(ResponseCacheMiddleware(app, ":memory:"), ["/p", "/p"], {}))
    assert app.runs == 2 and "x-sinoscope-cache" not in responses[1].headers


def test_the_stamp_moves_with_a_write_and_a_new_index_but_not_with_readers(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    assert StoreStamp(db)() is None  # no database yet
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x)")
    stamp = StoreStamp(db)
    before = stamp()
    assert before is not None
    for _ in range(3):  # readers open and close the database (SQLite creates and removes an empty log)
        reader = sqlite3.connect(db)
        reader.execute("SELECT count(*) FROM t").fetchone()
        reader.close()
    assert stamp() == before
    writer = sqlite3.connect(db)
    writer.execute("INSERT INTO t VALUES (1)")
    writer.commit()
    after_write = stamp()
    assert after_write != before
    writer.close()
    index = tmp_path / "a.sqlite.vectors.some-model"
    index.mkdir()
    after_close = stamp()
    (index / "documents.json").write_text("{}", encoding="utf-8")
    assert stamp() != after_close
    (tmp_path / "a.sqlite.token").write_text("new token\n", encoding="utf-8")  # forms carry an HMAC of it
    assert stamp() not in (before, after_write, after_close)
