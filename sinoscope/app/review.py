"""Use cases of analyst review: list the learned entries, accept, edit, merge or reject one, read the trail.

Every write names who made it and why, and is recorded with the entry's fields before and after (see
`store.sqlite_review`). A decision is final for an entry: accepting or rejecting an entry already decided is
an error, so two analysts cannot silently overwrite each other; an edit of an accepted entry is allowed (it
is a correction) and recorded. Review state lives in the SQLite store (migration 0006).
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from sinoscope.app.auth import token_ok
from sinoscope.app.csrf import FIELD, Refused, check_form_token
from sinoscope.app.targets import Learned, learn
from sinoscope.errors import NotFoundError, SinoscopeError
from sinoscope.knowledge.learned import AuditRecord, EntryKind, LearnedEntry, ReviewState, check_edit

__all__ = ["AuditRecord", "EntryKind", "LearnedEntry", "ReviewState"]
from sinoscope.knowledge.learned_export import IndicatorInfo, SourceDoc, export_accepted
from sinoscope.store import SqliteStore, Store
from sinoscope.store import sqlite_review as db


class ReviewError(SinoscopeError):
    """A review action that cannot be done (entry already decided, bad edit)."""


def _conn(store: Store) -> sqlite3.Connection:
    if not isinstance(store, SqliteStore):
        raise ReviewError("review is kept in the SQLite store only")
    return store.conn


def sync(store: Store) -> Learned:
    """Learn from the stored documents and register every entry not registered yet (as proposed)."""
    learned = learn(store)
    db.register(_conn(store), learned.entries)
    return learned


def list_entries(
    store: Store, *, state: ReviewState | None = None, kind: EntryKind | None = None
) -> list[LearnedEntry]:
    learned = sync(store)
    return [e for e in learned.entries if (state is None or e.state is state) and (kind is None or e.kind is kind)]


def _entry(store: Store, entry_id: str) -> LearnedEntry:
    learned = sync(store)
    found = learned.find(entry_id)
    if found is None:
        raise NotFoundError(f"{entry_id}: no such review entry (see `sinoscope review list`)")
    return found


def _decided(e: LearnedEntry, wanted: ReviewState) -> None:
    if e.state is not ReviewState.PROPOSED:
        raise ReviewError(f"{e.id}: already {e.state.value}; cannot mark it {wanted.value}")


def accept(store: Store, entry_id: str, *, actor: str, reason: str = "") -> LearnedEntry:
    e = _entry(store, entry_id)
    _decided(e, ReviewState.ACCEPTED)
    db.update(_conn(store), e, state=ReviewState.ACCEPTED, edited=e.edited, actor=actor, action="accept",
              reason=reason)  # fmt: skip
    return _entry(store, entry_id)


def reject(store: Store, entry_id: str, *, actor: str, reason: str = "") -> LearnedEntry:
    e = _entry(store, entry_id)
    _decided(e, ReviewState.REJECTED)
    db.update(_conn(store), e, state=ReviewState.REJECTED, edited=e.edited, actor=actor, action="reject",
              reason=reason)  # fmt: skip
    return _entry(store, entry_id)


def edit(store: Store, entry_id: str, changes: dict[str, Any], *, actor: str, reason: str = "") -> LearnedEntry:
    """Correct fields of an entry (it becomes accepted with the correction); a rejected entry stays rejected."""
    e = _entry(store, entry_id)
    if e.state is ReviewState.REJECTED:
        raise ReviewError(f"{e.id}: already rejected; cannot edit it")
    if not changes:
        raise ReviewError(f"{e.id}: nothing to change")
    why = check_edit(e.kind, changes)
    if why is not None:
        raise ReviewError(f"{e.id}: {why}")
    edited = {**e.edited, **changes}
    db.update(_conn(store), e, state=ReviewState.ACCEPTED, edited=edited, actor=actor, action="edit", reason=reason)
    return _entry(store, entry_id)


def merge(store: Store, source_id: str, into_id: str, *, actor: str, reason: str = "") -> LearnedEntry:
    """Merge a learned indicator into another indicator (learned, seed or curated): its targets and actual
    values count as the other's from now on."""
    learned = sync(store)
    source = learned.find(source_id)
    if source is None or source.kind is not EntryKind.INDICATOR:
        raise NotFoundError(f"{source_id}: no such learned indicator (see `sinoscope review list --kind indicator`)")
    if learned.matcher.get(into_id) is None and learned.find(into_id) is None:
        raise NotFoundError(f"{into_id}: no such indicator")
    if into_id == source_id:
        raise ReviewError(f"{source_id}: cannot merge an indicator into itself")
    if db.merges(_conn(store)).get(source_id):
        raise ReviewError(f"{source_id}: already merged into {db.merges(_conn(store))[source_id]}")
    db.merge(_conn(store), source, into_id, actor, reason)
    if source.state is ReviewState.PROPOSED:
        db.update(_conn(store), source, state=ReviewState.ACCEPTED, edited={**source.edited, "merged_into": into_id},
                  actor=actor, action="accept-merged", reason=reason)  # fmt: skip
    return _entry(store, source_id)


MAX_FORM = 4096
"""Bytes of a review form's body; a decision is a few fields."""


def decide_form(store: Store, db: str | Path, body: bytes) -> str:
    """The tracker page's review form (a URL-encoded POST): accept or reject one entry; returns its id.

    Checked in the order a user can fix them (size, the form's csrf field, the write token, the action);
    each refusal is a `csrf.Refused` with its HTTP status, so the page answers one line, never a traceback."""
    if len(body) > MAX_FORM:
        raise Refused(413, "form too large")
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    check_form_token(db, form.get(FIELD))
    if not token_ok(db, form.get("token")):
        raise Refused(401, "a valid write token is needed")
    entry, action = form.get("entry", ""), form.get("action", "")
    if action not in ("accept", "reject"):
        raise Refused(422, f"action: expected accept or reject (got {action[:40]!r})")
    decide = accept if action == "accept" else reject
    try:
        decide(store, entry, actor="web", reason=form.get("reason", ""))
    except ReviewError as err:
        raise Refused(409, " ".join(str(err).split())) from None
    return entry


def parse_changes(items: list[str]) -> dict[str, Any]:
    """`field=value` pairs as typed on a command line: a number when it reads as one, None for 'null'."""
    parsed: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise ReviewError(f"{item}: expected field=value")
        parsed[key.strip()] = _value(raw.strip())
    return parsed


def _value(raw: str) -> Any:
    if raw == "null":
        return None
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            pass
    return raw


def export(store: Store) -> str:
    """Accepted entries as a curated data file (YAML) that loads beside the bundled knowledge base."""
    learned = sync(store)
    docs = {
        i.doc_id: SourceDoc(i.doc_id, i.metadata.get("title") or i.title, i.metadata.get("date"))
        for i in store.list_documents()
    }
    indicators = {k.id: IndicatorInfo(k.id, k.name, k.unit) for k in learned.matcher.all()}
    for e in learned.of(EntryKind.INDICATOR):
        if e.get("name"):
            indicators[e.id] = IndicatorInfo(e.id, str(e.get("name")), e.get("unit"))
    curated = {i.id for i in store.knowledge().indicators()}
    return export_accepted(learned.entries, docs, indicators, curated)


def audit(store: Store, entry_id: str | None = None) -> list[AuditRecord]:
    return db.audit_log(_conn(store), entry_id)


def export_audit(records: list[AuditRecord], fmt: str) -> str:
    """The trail as JSON Lines or CSV (before/after as JSON text in their cells)."""
    if fmt == "jsonl":
        return "".join(json.dumps(r.as_json(), ensure_ascii=False) + "\n" for r in records)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["seq", "at", "actor", "action", "entry_id", "reason", "before", "after"])
        for r in records:
            w.writerow([r.seq, r.at, r.actor, r.action, r.entry_id, r.reason,
                        json.dumps(r.before, ensure_ascii=False), json.dumps(r.after, ensure_ascii=False)])  # fmt: skip
        return buf.getvalue()
    raise ReviewError(f"{fmt}: unknown format (jsonl or csv)")


def actor_or_login(actor: str | None) -> str:
    """Who a command-line decision is recorded as: `--actor`, else the login name ("cli" where there is none)."""
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


def entry_row(e: LearnedEntry) -> tuple[str, ...]:
    """One line of a review listing: id, kind, state, what it is about, the figure, its year, its evidence."""
    f = e.fields
    what = str(f.get("indicator_phrase") or f.get("name") or "")
    value = "" if e.kind is EntryKind.INDICATOR else f"{f.get('comparator', '')} {f.get('value')} {f.get('unit')}"
    return e.id, e.kind.value, e.state.value, what, value, str(f.get("year") or ""), e.anchor or ""
