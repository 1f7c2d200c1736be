"""Citations name the document as a bibliography would and point at the exact passage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sinoscope.app.cite import cite
from sinoscope.app.pipeline import ingest_paths
from sinoscope.errors import NotFoundError
from sinoscope.store import Store, open_store

BULLETIN = """---
title: Sprocket Outlook 2031
author: Ruritania Sprocket Institute
date: 2031-04-02
---

# 1 Output

Sprocket output reached 4.2 million units in 2030.

| year | units |
| --- | --- |
| 2030 | 4.2 |
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    (tmp_path / "outlook.md").write_text(BULLETIN, encoding="utf-8")
    with open_store(tmp_path / "c.sqlite") as s:
        report = ingest_paths(s, [tmp_path / "outlook.md"])
        assert not report.errors
        yield s


def _anchor(store: Store, kind: str) -> str:
    doc = store.list_documents()[0].doc_id
    return next(b.anchor for b in store.blocks(doc) if b.kind.value == kind)


def test_a_paragraph_citation_names_author_year_title_place_and_permalink(store: Store) -> None:
    anchor = _anchor(store, "paragraph")
    c = cite(store, anchor, "https://obs.example.org/")
    assert c.author == "Ruritania Sprocket Institute" and c.year == "2031"
    assert c.text.startswith("Ruritania Sprocket Institute (2031). Sprocket Outlook 2031. Section 1, paragraph 1.")
    assert c.permalink.startswith("https://obs.example.org/documents/") and c.text.endswith(c.permalink)
    assert "%C2%B6" in c.permalink  # the ¶ of the anchor, escaped in the URL


def test_bibtex_and_csl_carry_the_same_facts(store: Store) -> None:
    c = cite(store, _anchor(store, "table"), "http://h")
    assert c.bibtex.startswith("@misc{") and "author = {{Ruritania Sprocket Institute}}" in c.bibtex
    assert "year = {2031}" in c.bibtex and f"url = {{{c.permalink}}}" in c.bibtex
    assert c.csl["issued"] == {"date-parts": [[2031, 4, 2]]} and c.csl["author"] == [{"literal": c.author}]
    assert c.where.startswith("table")


def test_a_document_id_cites_the_whole_document(store: Store) -> None:
    doc = store.list_documents()[0].doc_id
    c = cite(store, doc, "http://h")
    assert c.where == "" and c.permalink == f"http://h/documents/{doc}"


def test_an_unknown_anchor_is_not_found(store: Store) -> None:
    doc = store.list_documents()[0].doc_id
    with pytest.raises(NotFoundError):
        cite(store, f"{doc}#9.9¶9", "http://h")
