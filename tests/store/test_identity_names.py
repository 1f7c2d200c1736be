"""Ids for files whose names spell no ASCII id (Chinese titles as file names): each gets its own readable
id from its script and a hash of its name, never the shared "doc"; ASCII names keep the rules they had."""

from __future__ import annotations

import re
from pathlib import Path

from sinoscope.app.pipeline import IngestReport, Status, ingest_paths
from sinoscope.documents.anchors import doc_id_for
from sinoscope.store import Store
from sinoscope.store.identity import free_id, preferred_id

from .fakes import fake_build, fake_read

_HASHED = re.compile(r"^(zh|doc)-[0-9a-f]{6}(-\d+)?$")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _ingest(store: Store, paths: list[Path]) -> IngestReport:
    return ingest_paths(store, paths, read=fake_read, build=fake_build)


def test_a_han_file_name_asks_for_a_script_and_name_hash_id() -> None:
    first, second = preferred_id("某市推进智慧农业的意见.txt"), preferred_id("某省数字乡村行动计划.md")
    assert first.startswith("zh-") and second.startswith("zh-") and first != second
    assert _HASHED.match(first) and preferred_id("某市推进智慧农业的意见.txt") == first  # stable for a name
    assert preferred_id("отчёт.txt").startswith("doc-")  # another script: no language guessed


def test_ascii_names_keep_their_rules() -> None:
    for name in ("2031_plan.txt", "Annual Report 2031.pdf", "000_c58473dc50c16cb9.txt", "doc.txt", "报告_final.md"):
        assert preferred_id(name) == doc_id_for(name), name


def test_a_taken_hashed_id_is_disambiguated() -> None:
    name = "某市推进智慧农业的意见.txt"
    base = preferred_id(name)
    taken = {base, f"{base}-2"}
    assert free_id(name, taken.__contains__) == f"{base}-3"
    assert free_id("2031_b.txt", {"2031"}.__contains__) == "2031-b"


def test_two_han_named_files_are_two_readable_documents(store: Store, tmp_path: Path) -> None:
    a = _write(tmp_path, "某市推进智慧农业的意见.txt", "智慧农业意见\n\n建设智慧农场20个。")
    b = _write(tmp_path, "某省数字乡村行动计划.txt", "数字乡村行动计划\n\n新建益农信息社300个。")
    same_name = _write(tmp_path / "other", "某市推进智慧农业的意见.txt", "另一份意见\n\n内容不同。")
    report = _ingest(store, [a, b, same_name])
    ids = [r.doc_id or "" for r in report.results]
    assert all(r.status is Status.NEW for r in report.results)
    assert ids[0] == preferred_id(a.name) and ids[1] == preferred_id(b.name)
    assert ids[2] == ids[0] + "-2"  # same name, another file: never the first one's id
    assert all(_HASHED.match(i) for i in ids) and "doc" not in ids
    a.write_text("智慧农业意见\n\n建设智慧农场25个。", encoding="utf-8")
    again = _ingest(store, [a])
    assert [(r.doc_id, r.status) for r in again.results] == [(ids[0], Status.UPDATED)]
