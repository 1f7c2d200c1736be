"""Review of learned knowledge (thin: the use cases are in `sinoscope.app.review`), and every target tracked.

Reads are open like the rest of the API; writes (POST) need the token (`Authorization: Bearer <token>` or
`X-Sinoscope-Token`): SINOSCOPE_TOKEN, or the one `sinoscope serve` generated and printed at its first start.
A write without a valid token gets 401; a decision on an entry already decided gets 409.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field

from sinoscope.app import review
from sinoscope.app.auth import presented_token, token_ok
from sinoscope.app.review import EntryKind, LearnedEntry, ReviewState
from sinoscope.app.targets import target_tracks
from sinoscope.interfaces.api.context import ContextDep, StoreDep
from sinoscope.interfaces.api.schemas import error_responses

router = APIRouter(tags=["review"])
ERRORS = error_responses(404, 422)
WRITE_ERRORS = {**ERRORS, 401: {"description": "No valid write token"}, 409: {"description": "Already decided"}}


class Decision(BaseModel):
    actor: str = Field("api", description="Who decides.")
    reason: str = Field("", description="Why (kept in the audit trail).")


class Edit(Decision):
    changes: dict[str, Any] = Field(description="Fields to correct: value, comparator, unit, year, indicator...")


class Merge(Decision):
    source: str = Field(description="A learned indicator id.")
    into: str = Field(description="The indicator it is the same as.")


AuthHeader = Annotated[str | None, Header(description="Bearer <token>")]
TokenHeader = Annotated[str | None, Header(alias="X-Sinoscope-Token", description="The write token.")]


def require_write_token(
    ctx: ContextDep, authorization: AuthHeader = None, x_sinoscope_token: TokenHeader = None
) -> None:
    """Every write route depends on this, so no route can forget the check."""
    if not token_ok(ctx.store_path, presented_token(authorization, x_sinoscope_token)):
        raise HTTPException(401, "a valid write token is needed (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


WRITE = [Depends(require_write_token)]


def _decide(call: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    try:
        entry: LearnedEntry = call(*args, **kwargs)
    except review.ReviewError as err:
        raise HTTPException(409, " ".join(str(err).split())) from None
    return entry.as_json()


@router.get("/review", responses=ERRORS)
def review_list(
    store: StoreDep,
    state: Annotated[ReviewState | None, Query(description="proposed, accepted or rejected.")] = None,
    kind: Annotated[EntryKind | None, Query(description="target, actual or indicator.")] = None,
) -> list[dict[str, Any]]:
    """Learned entries (targets, actual values, indicators) with their review state and evidence."""
    return [e.as_json() for e in review.list_entries(store, state=state, kind=kind)]


@router.post("/review/{entry_id}/accept", responses=WRITE_ERRORS, dependencies=WRITE)
def review_accept(entry_id: str, body: Decision, store: StoreDep) -> dict[str, Any]:
    """Accept a proposed entry."""
    return _decide(review.accept, store, entry_id, actor=body.actor, reason=body.reason)


@router.post("/review/{entry_id}/reject", responses=WRITE_ERRORS, dependencies=WRITE)
def review_reject(entry_id: str, body: Decision, store: StoreDep) -> dict[str, Any]:
    """Reject a proposed entry."""
    return _decide(review.reject, store, entry_id, actor=body.actor, reason=body.reason)


@router.post("/review/{entry_id}/edit", responses=WRITE_ERRORS, dependencies=WRITE)
def review_edit(entry_id: str, body: Edit, store: StoreDep) -> dict[str, Any]:
    """Correct fields of an entry (it becomes accepted)."""
    return _decide(review.edit, store, entry_id, body.changes, actor=body.actor, reason=body.reason)


@router.post("/review/merge", responses=WRITE_ERRORS, dependencies=WRITE)
def review_merge(body: Merge, store: StoreDep) -> dict[str, Any]:
    """Merge a learned indicator into another."""
    return _decide(review.merge, store, body.source, body.into, actor=body.actor, reason=body.reason)


@router.get("/review/audit", responses=ERRORS, response_model=None)
def review_audit(
    store: StoreDep,
    entry: Annotated[str | None, Query(description="Only this entry's changes.")] = None,
    format: Annotated[str | None, Query(description="csv or jsonl downloads the trail.")] = None,
) -> list[dict[str, Any]] | Response:
    """The audit trail: what changed, who, when, why, before and after."""
    records = review.audit(store, entry)
    if format is None:
        return [r.as_json() for r in records]
    try:
        text = review.export_audit(records, format)
    except review.ReviewError as err:
        raise HTTPException(422, str(err)) from None
    media = "text/csv" if format == "csv" else "application/x-ndjson"
    return PlainTextResponse(text, media_type=media)


@router.get("/tracked-targets", responses=ERRORS)
def tracked_targets(store: StoreDep) -> list[dict[str, Any]]:
    """Every target, curated and learned, with its status and observations from any document (the same
    JSON as `sinoscope targets --json`)."""
    return target_tracks(store)
