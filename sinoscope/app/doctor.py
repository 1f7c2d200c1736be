"""`sinoscope doctor`: is everything derived from the stored documents there and current, and if not, repair it.

Ingest already repairs what a crash can leave behind (a document whose links or vectors were not written yet,
one derived by older code); the doctor looks at the whole store for any inconsistency, whatever caused it
(a row deleted by hand, a tool that wrote with foreign keys off, an index folder copied from elsewhere), says
what it found per check, and with `repair` fixes it through the pipeline's own stages: documents are
derived again from their files (`ingest_paths`, forced), linked by the link stage, embedded by the index
stage. It never invents data: a document whose file is gone cannot be derived again and stays a problem.

Checks, in the order repairs run:
* orphans: rows (or links bookkeeping) whose document is no longer stored; vectors of removed documents.
* version: documents derived by other reading, structure or extraction code than this sinoscope's.
* structure, facts, tables: rows written with a document (outline and blocks, facts, table cells) that are
  no longer all there; a document with text and no blocks.
* links: the knowledge base is loaded; every document is linked against the current document, knowledge
  base and linker, and has as many links as were saved.
* vectors: each dense index beside the database holds every document's current version, block for block.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sinoscope.app.derived import is_current
from sinoscope.app.pipeline import ingest_paths, kept_overrides, sync_after_ingest
from sinoscope.app.stages import extract
from sinoscope.documents.model import Block
from sinoscope.errors import StoreError
from sinoscope.retrieval.indexer import embedding_text
from sinoscope.retrieval.service import VERSIONS_FILE, forget_documents
from sinoscope.retrieval.snapshot import generation_file, read_meta
from sinoscope.retrieval.vector_index import doc_of, index_path_for
from sinoscope.sources.terminal import printable
from sinoscope.store.base import DerivedState, DocumentInfo, Store
from sinoscope.store.kb_sync import stale_links

CHECKS: dict[str, str] = {
    "orphans": "rows whose document is gone",
    "version": "documents derived by this version's reading, structure and extraction code",
    "structure": "outline and blocks written with each document still there",
    "facts": "facts extracted with each document still there",
    "tables": "table cells extracted with each document still there",
    "links": "knowledge-base links current and complete",
    "vectors": "dense index vectors for each document's current blocks",
}
ROWS_CHECKED = {"structure": ("chapters", "sections", "blocks"), "facts": ("facts",), "tables": ("table_records",)}
REDERIVE = ("version", "structure", "facts", "tables")
"""Problems repaired by deriving the document again from its file."""

Embed = Callable[[Store, str], object]


@dataclass(frozen=True)
class Problem:
    check: str
    doc_id: str | None
    """None for a problem of the store as a whole (orphaned rows, no knowledge base)."""
    detail: str
    repaired: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"check": self.check, "doc_id": self.doc_id, "detail": self.detail, "repaired": self.repaired}


@dataclass(frozen=True)
class CheckResult:
    check: str
    about: str
    problems: tuple[Problem, ...]
    note: str | None = None
    """Why the check was skipped (no dense index to look at)."""

    @property
    def status(self) -> str:
        if any(not p.repaired for p in self.problems):
            return "problems"
        return "repaired" if self.problems else "skipped" if self.note else "ok"

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "about": self.about,
            "status": self.status,
            "problems": len(self.problems),
            "repaired": sum(p.repaired for p in self.problems),
            "note": self.note,
            "items": [p.as_json() for p in self.problems],
        }


@dataclass(frozen=True)
class Diagnosis:
    store: str
    documents: int
    checks: tuple[CheckResult, ...]
    repair: bool

    @property
    def problems(self) -> list[Problem]:
        return [p for c in self.checks for p in c.problems]

    @property
    def unrepaired(self) -> list[Problem]:
        return [p for p in self.problems if not p.repaired]

    @property
    def ok(self) -> bool:
        """Nothing is wrong now (there was nothing, or everything found was repaired)."""
        return not self.unrepaired

    def text(self) -> str:
        """The report as a terminal shows it (`report_lines`)."""
        return "\n".join(report_lines(self))

    def as_json(self) -> dict[str, Any]:
        return {
            "store": self.store,
            "documents": self.documents,
            "repair": self.repair,
            "ok": self.ok,
            "problems": len(self.problems),
            "repaired": len(self.problems) - len(self.unrepaired),
            "unrepaired": len(self.unrepaired),
            "checks": [c.as_json() for c in self.checks],
        }


# --- the checks ------------------------------------------------------------------------------------------


def _row_problems(st: DerivedState) -> list[Problem]:
    out: list[Problem] = []
    for check, tables in ROWS_CHECKED.items():
        differ = [t for t in tables if st.recorded.get(t, st.found[t]) != st.found[t]]
        if differ:
            rows = ", ".join(f"{t} {st.found[t]} of {st.recorded[t]} written" for t in differ)
            out.append(Problem(check, st.doc_id, f"rows lost since it was stored: {rows}"))
        elif check == "structure" and st.chars and not st.found["blocks"]:
            out.append(Problem(check, st.doc_id, f"no blocks for {st.chars:,} characters of text"))
    return out


def _document_problems(states: list[DerivedState]) -> list[Problem]:
    out: list[Problem] = []
    for st in states:
        if not is_current(st.version, extracting=True):
            detail = "derived by another version of sinoscope" if st.version else "derived before versions were kept"
            out.append(Problem("version", st.doc_id, detail))
        out.extend(_row_problems(st))
    return out


def _link_problems(store: Store, states: list[DerivedState]) -> list[Problem]:
    if states and store.knowledge_digest() is None:
        return [Problem("links", None, "no knowledge base loaded, so no document is linked")]
    stale = set(stale_links(store))
    out: list[Problem] = []
    for st in states:
        if st.doc_id in stale:
            detail = "not linked since it was written" if st.links_version is None else "linked against older data"
            out.append(Problem("links", st.doc_id, detail))
        elif st.recorded.get("links", st.found["links"]) != st.found["links"]:
            out.append(Problem("links", st.doc_id, f"links {st.found['links']} of {st.recorded['links']}"))
    return out


def index_folders(db: str | Path) -> list[Path]:
    """The dense indexes beside a database, one per embedding space."""
    one = index_path_for(db, "-")
    return sorted(p for p in one.parent.glob(glob.escape(one.name[:-1]) + "*") if (p / VERSIONS_FILE).is_file())


def index_contents(folder: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """doc_id → version embedded, and doc_id → anchors with a vector."""
    versions = json.loads((folder / VERSIONS_FILE).read_text(encoding="utf-8"))
    anchors: dict[str, set[str]] = {}
    if (folder / "meta.json").is_file():
        text = generation_file(folder, read_meta(folder), "anchors", ".txt").read_text(encoding="utf-8")
        for anchor in filter(None, text.split("\n")):
            anchors.setdefault(doc_of(anchor), set()).add(anchor)
    return {str(k): str(v) for k, v in versions.items()}, anchors


def _embedded(blocks: list[Block]) -> set[str]:
    return {b.anchor for b in blocks if embedding_text(b).strip()}


def _vector_problems(store: Store, db: str | Path, infos: dict[str, DocumentInfo]) -> list[Problem]:
    out: list[Problem] = []
    for folder in index_folders(db):
        space = folder.name.rpartition(".vectors.")[2] or folder.name
        try:
            versions, anchors = index_contents(folder)
        except (StoreError, OSError, ValueError) as err:  # damaged: `sinoscope index --rebuild` makes it anew
            out.append(Problem("vectors", None, f"{space}: unreadable index ({' '.join(str(err).split())})"))
            continue
        for doc_id in sorted(set(versions) | set(anchors)):
            if doc_id not in infos:
                out.append(Problem("vectors", doc_id, f"{space}: vectors of a document no longer stored"))
        for doc_id, info in infos.items():
            held, wanted = anchors.get(doc_id, set()), _embedded(store.blocks(doc_id))
            if doc_id not in versions:
                detail = "not embedded" if wanted else ""
            elif versions[doc_id] != info.content_hash:
                detail = "vectors of another version of its content"
            elif held != wanted:
                detail = f"vectors for {len(held & wanted)} of {len(wanted)} blocks, {len(held - wanted)} for others"
            else:
                detail = ""
            if detail:
                out.append(Problem("vectors", doc_id, f"{space}: {detail}"))
    return out


def _orphan_problems(store: Store) -> list[Problem]:
    gone = "row(s) for documents no longer stored"
    return [Problem("orphans", None, f"{what}: {n:,} {gone}") for what, n in store.orphan_rows().items()]


def diagnose(store: Store, db: str | Path) -> list[Problem]:
    """Every inconsistency found, check by check (nothing is changed)."""
    states = store.derived_states()
    infos = {d.doc_id: d for d in store.list_documents()}
    return [
        *_orphan_problems(store),
        *_document_problems(states),
        *_link_problems(store, states),
        *_vector_problems(store, db, infos),
    ]


# --- repairs -----------------------------------------------------------------------------------------------


def _rederive(store: Store, doc_ids: list[str], unfixable: dict[str, str]) -> list[str]:
    """Derive documents again from their files through the ingest pipeline (forced: the file is unchanged);
    the ids derived. A document whose file is gone or fails is left as it is, and `unfixable` says why."""
    done: list[str] = []
    for doc_id in doc_ids:
        info = store.get_document(doc_id)
        path = Path(info.origin or info.path)
        if not path.is_file():
            unfixable[doc_id] = f"its file is gone ({path}): ingest it again from where it is now"
            continue
        report = ingest_paths(store, [path], extract=extract, force=True, overrides=kept_overrides(info.metadata))
        done.extend(r.doc_id for r in report.results if r.doc_id and not r.error)
        for r in report.results:
            if r.error:
                unfixable[doc_id] = r.error
    return done


def default_embed(store: Store, db: str) -> object:
    from sinoscope.app.search import build_index  # the embedder loads only when vectors need repair

    return build_index(store, db, on_document=lambda *_: None)


def repair(store: Store, db: str | Path, problems: list[Problem], *, embed: Embed = default_embed) -> dict[str, str]:
    """Fix what `diagnose` found, in dependency order: orphans, documents, links, vectors; returns why a
    document could not be derived again, by id."""
    unfixable: dict[str, str] = {}
    if any(p.check == "orphans" for p in problems):
        store.delete_orphan_rows()
    stored = {d.doc_id for d in store.list_documents()}
    gone = sorted({p.doc_id for p in problems if p.check == "vectors" and p.doc_id and p.doc_id not in stored})
    rederived = _rederive(store, sorted({p.doc_id for p in problems if p.check in REDERIVE and p.doc_id}), unfixable)
    relink = [p.doc_id for p in problems if p.check == "links" and p.doc_id]
    if rederived or any(p.check == "links" for p in problems):
        sync_after_ingest(store, dict.fromkeys([*rederived, *relink]))
    vectors = sorted({p.doc_id for p in problems if p.check == "vectors" and p.doc_id} - set(gone))
    if gone or vectors:
        forget_documents(db, [*gone, *vectors])
    if (vectors or rederived) and index_folders(db):
        embed(store, str(db))
    return unfixable


def doctor(store: Store, db: str | Path, *, repair_found: bool = False, embed: Embed = default_embed) -> Diagnosis:
    """Check the store (and with `repair_found`, repair it and check again: a problem still there afterwards
    is reported as not repaired)."""
    found = diagnose(store, db)
    if repair_found and found:
        unfixable = repair(store, db, found, embed=embed)
        left = diagnose(store, db)
        still = {(p.check, p.doc_id) for p in left}
        before = {(p.check, p.doc_id) for p in found}
        found = [_after(p, (p.check, p.doc_id) not in still, unfixable) for p in found]
        found += [p for p in left if (p.check, p.doc_id) not in before]  # new since: not repaired either
    results = []
    for check, about in CHECKS.items():
        mine = tuple(p for p in found if p.check == check)
        note = "no dense index beside the database" if check == "vectors" and not index_folders(db) else None
        results.append(CheckResult(check, about, mine, note))
    return Diagnosis(store.location, len(store.list_documents()), tuple(results), repair_found)


def _after(p: Problem, repaired: bool, unfixable: dict[str, str]) -> Problem:
    why = unfixable.get(p.doc_id or "") if not repaired and p.check in REDERIVE else None
    return Problem(p.check, p.doc_id, f"{p.detail}; not repaired: {why}" if why else p.detail, repaired)


def report_lines(d: Diagnosis, *, limit: int = 10) -> list[str]:
    """The report as a terminal shows it: one row per check, then what was found (at most `limit` a check)."""
    width = max(len(c) for c in CHECKS)
    lines = [f"{printable(d.store)}: {d.documents} documents", ""]
    lines.append(f"{'check':<{width}}  {'status':<9} {'found':>5} {'fixed':>5}  about")
    for c in d.checks:
        fixed = sum(p.repaired for p in c.problems)
        lines.append(f"{c.check:<{width}}  {c.status:<9} {len(c.problems):>5} {fixed:>5}  {c.note or c.about}")
    for c in d.checks:
        for p in c.problems[:limit]:
            mark = "repaired" if p.repaired else "problem"
            lines.append(f"  {c.check}: {printable(p.doc_id or '(store)')}: {printable(p.detail)} [{mark}]")
        if len(c.problems) > limit:
            lines.append(f"  {c.check}: … and {len(c.problems) - limit} more (see --json)")
    lines.append("")
    if d.ok:
        lines.append("all repaired" if d.problems else "no problems found")
    else:
        hint = "" if d.repair else " (run `sinoscope doctor --repair`)"
        lines.append(f"{len(d.unrepaired)} problems{hint}")
    return lines
