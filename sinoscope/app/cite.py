"""Use case: a citation an analyst can paste into a memo, for any passage, table, figure or answer anchor.

An anchor such as `001#4.1.4¶3` is exact but opaque to a reader of the memo. The citation names the document
as a bibliography would (author or issuing body, year, title, document number), where in it (section,
paragraph, table), and a permalink to the passage on this observatory. It comes in three forms: plain text
for a memo, BibTeX for LaTeX users and CSL-JSON for Zotero and other reference managers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sinoscope.app.knowledge import reader_url
from sinoscope.documents.model import Block, BlockKind
from sinoscope.store.base import DocumentInfo, Store


@dataclass(frozen=True)
class Citation:
    anchor: str
    doc_id: str
    title: str
    author: str | None
    """The person or body the document is by: its author, else its issuer (国务院, a ministry, a think tank)."""
    year: str | None
    date: str | None
    doc_number: str | None
    where: str
    """Where in the document: "section 4.1, paragraph 3", "table 4-4", "footnote 7"."""
    permalink: str
    text: str
    bibtex: str
    csl: dict[str, Any] = field(default_factory=dict)


def cite(store: Store, anchor: str, base_url: str = "") -> Citation:
    """The citation of `anchor` (a block's anchor, or a bare document id); raises NotFoundError if unknown."""
    doc_id, _, ref = anchor.partition("#")
    info = store.get_document(doc_id)
    block = store.get_block(anchor) if ref else None
    meta = info.metadata
    author = meta.get("author") or meta.get("issuer") or None
    date = meta.get("date") or None
    year = date[:4] if date and re.match(r"\d{4}", date) else None
    where = _where(block)
    permalink = base_url.rstrip("/") + reader_url(anchor)
    title = meta.get("title") or info.title or info.file_name
    doc_number = meta.get("doc_number") or None
    return Citation(
        anchor=anchor,
        doc_id=doc_id,
        title=title,
        author=author,
        year=year,
        date=date,
        doc_number=doc_number,
        where=where,
        permalink=permalink,
        text=_plain(author, year, title, doc_number, where, permalink),
        bibtex=_bibtex(info, author, year, title, doc_number, where, permalink),
        csl=_csl(info, author, date, title, doc_number, where, permalink),
    )


def _where(block: Block | None) -> str:
    if block is None:
        return ""
    if block.kind is BlockKind.TABLE:
        return f"table {block.label}" if block.label else "table"
    if block.kind is BlockKind.FOOTNOTE:
        return f"footnote {block.label}" if block.label else "footnote"
    if block.kind is BlockKind.HEADING:
        return f"section {block.label or block.section}" if (block.label or block.section) else ""
    place, _, paragraph = block.anchor.partition("#")[2].partition("¶")
    section = block.section or (place if place and place[0].isdigit() else "")
    parts = [f"section {section}" if section else "front matter" if place == "front" else ""]
    parts.append(f"paragraph {paragraph}" if paragraph.isdigit() else "")
    return ", ".join(p for p in parts if p)


def _plain(author: str | None, year: str | None, title: str, doc_number: str | None, where: str, permalink: str) -> str:
    """Author-date style: "Issuer (2024). Title. 国发〔2024〕1号. Section 4.1, paragraph 3. <permalink>"."""
    head = f"{author} ({year or 'n.d.'})." if author else f"{title} ({year or 'n.d.'})."
    parts = [head]
    if author:
        parts.append(f"{title}.")
    if doc_number:
        parts.append(f"{doc_number}.")
    if where:
        parts.append(f"{where[0].upper()}{where[1:]}.")
    parts.append(permalink)
    return " ".join(parts)


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}&%$#_])", r"\\\1", text)


def _bibtex(
    info: DocumentInfo,
    author: str | None,
    year: str | None,
    title: str,
    doc_number: str | None,
    where: str,
    permalink: str,
) -> str:
    key = re.sub(r"[^A-Za-z0-9]+", "", info.doc_id) or "doc"
    fields = [("title", "{" + _bibtex_escape(title) + "}")]
    if author:
        # a body, not a person: double braces keep BibTeX from splitting it into first and last names
        fields.append(("author", "{" + _bibtex_escape(author) + "}"))
    if year:
        fields.append(("year", year))
    if doc_number:
        fields.append(("number", _bibtex_escape(doc_number)))
    if where:
        fields.append(("note", _bibtex_escape(where)))
    fields.append(("url", permalink))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key}{year or ''},\n{body}\n}}"


def _csl(
    info: DocumentInfo,
    author: str | None,
    date: str | None,
    title: str,
    doc_number: str | None,
    where: str,
    permalink: str,
) -> dict[str, Any]:
    item: dict[str, Any] = {"id": info.doc_id, "type": "report", "title": title, "URL": permalink}
    if author:
        item["author"] = [{"literal": author}]
    if date:
        item["issued"] = {"date-parts": [[int(p) for p in date.split("-")[:3] if p.isdigit()]]}
    if doc_number:
        item["number"] = doc_number
    if where:
        item["locator"] = where
    return item
