"""Acceptance: a seed report rewritten as Markdown (its headings marked with '#') keeps the outline and
anchors of the plain text, so the format a report arrives in does not change its citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.documents.model import Document
from sinoscope.documents.structure import build_document
from sinoscope.sources.read import read_source

pytestmark = pytest.mark.corpus


def _as_markdown(doc: Document) -> str:
    levels = {c.line: 1 for c in doc.chapters} | {s.line: s.level for c in doc.chapters for s in c.sections}
    out: list[str] = []
    for number, line in enumerate(doc.text.split("\n"), 1):
        if number in levels:
            out.append("#" * levels[number] + " " + line.strip())
        else:  # body text with Markdown's own markup characters taken out
            out.append(line.translate(str.maketrans("", "", "#*_`<>[]|")).lstrip("-+=0123456789. \t"))
        out.append("")
    return "\n".join(out)


def _outline(doc: Document) -> list[tuple[object, ...]]:
    def plain(title: str) -> str:  # "*word*" in a plain-text title is emphasis once it is Markdown
        return title.replace("*", "")

    return [
        (c.number, plain(c.title), c.anchor, tuple((s.number, plain(s.title), s.anchor) for s in c.sections))
        for c in doc.chapters
    ]


def test_seed_reports_as_markdown_keep_their_outline_and_anchors(corpus_dir: Path, tmp_path: Path) -> None:
    for path in sorted(corpus_dir.glob("*.txt")):
        plain = build_document(read_source(path), "r")
        converted = tmp_path / f"{path.stem}.md"
        converted.write_text(_as_markdown(plain), encoding="utf-8")
        assert _outline(build_document(read_source(converted), "r")) == _outline(plain), path.name
