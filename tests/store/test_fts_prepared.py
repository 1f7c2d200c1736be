"""The full-text index form of a text is the same however it is computed: the run-by-run `index_text` equals
the character-by-character definition, and forms made in advance (`prepared`) store the
same index as forms computed while writing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sinoscope.app.pipeline import Settings, file_stages, prepare_file, store_document
from sinoscope.app.stages import extract
from sinoscope.documents.zh_variants import is_han, to_simplified
from sinoscope.errors import NotFoundError
from sinoscope.store import SqliteStore
from sinoscope.store.base import DocumentInfo
from sinoscope.store.fts_text import document_forms, index_forms, index_text, indexed, prepared
from sinoscope.store.identity import Registry


def _by_character(text: str | None) -> str:
    """The definition: each Han character a token (a space after it, one before it unless the text starts
    there or a space or Han character precedes it), Traditional folded; other text unchanged."""
    if not text:
        return text or ""
    out: list[str] = []
    prev_space = True
    for ch in to_simplified(text):
        if is_han(ch):
            out += [" "] if not prev_space else []
            out += [ch, " "]
            prev_space = True
        else:
            out.append(ch)
            prev_space = ch.isspace()
    return "".join(out)


PIECES = [
    "国",
    "內",
    "生產",
    "总值",
    "𠀀",
    "R&D",
    "C919",
    " ",
    "\u3000",
    "\n",
    "\x1c",
    "，",
    "。",
    "a",
    "2024",
    "（",
    "）",
]
texts = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@settings(max_examples=800, deadline=None)
@given(texts)
def test_index_text_equals_the_character_by_character_definition(text: str) -> None:
    assert index_text(text) == _by_character(text)


def test_index_text_on_edges() -> None:
    for text in (None, "", "中", " 中", "a中b", "中\u3000國", "\x1c中", "中国 ", "𠀀中x", "C919投入運營"):
        assert index_text(text) == _by_character(text), text


def test_prepared_forms_are_a_memo_never_a_change() -> None:
    forms = index_forms(["國內生產總值", "GDP", None, ""])
    assert forms == {"國內生產總值": "国 内 生 产 总 值 "}
    with prepared(forms):
        assert indexed("國內生產總值") == "国 内 生 产 总 值 "
        assert indexed("其他文字") == index_text("其他文字")  # not prepared: computed
        assert indexed(None) == ""
    assert indexed("GDP") == "GDP"


INVENTED = """Invented Gizmo Report

Chapter 1 Targets

1.1 Goals

到2027年，小器件產量達到3.5萬件，國內生產總值增長5%左右。

The invented gizmo output rose 12% in 2024.

Table 1-1 小器件產量

| 年份 | 产量 |
|---|---|
| 2023 | 1.2萬件 |
"""


def _nothing_stored(doc_id: str) -> DocumentInfo:
    raise NotFoundError(doc_id)


def test_a_document_written_with_prepared_forms_indexes_the_same(tmp_path: Path) -> None:
    path = tmp_path / "900_invented_gizmo.md"
    path.write_text(INVENTED, encoding="utf-8")
    prep = prepare_file(path, file_stages(extract=extract), Settings(), Registry([], {}), _nothing_stored)
    assert prep.doc is not None
    forms = document_forms(prep.doc)
    assert forms

    def index_rows(db: Path, forms: dict[str, str] | None) -> list[tuple[object, ...]]:
        with SqliteStore(db) as store:
            assert prep.doc is not None
            if forms is None:
                store_document(store, prep.doc, prep.extras)
            else:
                with prepared(forms):
                    store_document(store, prep.doc, prep.extras)
            rows = store.conn.execute("SELECT rowid, caption, text FROM blocks_fts ORDER BY rowid").fetchall()
            hits = store.search("产量", 10)
            return [*rows, *hits]

    assert index_rows(tmp_path / "a.sqlite", None) == index_rows(tmp_path / "b.sqlite", forms)
