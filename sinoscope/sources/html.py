"""HTML: the visible text of the page in the canonical shape, via selectolax (lexbor).

Scripts, styles, templates and comments are removed before anything is read, so their content can
never reach the text or the search index. Block elements become paragraphs, h1-h6 headings with their
level, <table> rows tab-separated (its <caption> on its own line above), list items one per line, and
digits inside <sup> superscript footnote markers as in the plain conversions. Page furniture (navigation,
site banners and footers, sidebars outside the content) is dropped, and a page with a <main> element is
read from it alone, so menus never become paragraphs or headings.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sinoscope.sources.canonical import CanonicalWriter, clean_inline, superscript_digits
from sinoscope.sources.model import StructureHints
from sinoscope.sources.reject import Rejected

INVISIBLE = [
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "select",
    "button",
]
BLOCKS = frozenset(
    {
        "html",
        "body",
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "blockquote",
        "figure",
        "figcaption",
        "address",
        "center",
        "form",
        "fieldset",
        "details",
        "summary",
        "dl",
        "dt",
        "dd",
        "hr",
        "caption",
        "legend",
        "hgroup",
    }
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
CHROME = "nav, [role=navigation], [role=banner], [role=contentinfo], [role=search], header, footer, aside"
"""Page furniture around the content: site navigation, banners, footers, sidebars. A <header> or <footer>
inside the <main> or <article> it belongs to (an article's title block) is content and stays."""
CONTENT = frozenset({"main", "article"})
LISTS = frozenset({"ul", "ol", "menu"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(head: bytes) -> str | None:
    """The charset a <meta> tag declares, used only when the bytes are not UTF-8."""
    found = _META_CHARSET.search(head[:4096])
    return found.group(1).decode("ascii") if found else None


def read_html(text: str) -> tuple[str, StructureHints, str | None]:
    """Canonical text, hints and the <title> (None when absent or empty)."""
    tree = LexborHTMLParser(text)
    title_node = tree.css_first("title")
    title = clean_inline(title_node.text(deep=True)) if title_node is not None else ""
    writer = CanonicalWriter()
    _render_tree(tree, writer)
    canonical, hints = writer.render()
    return canonical, hints, title or None


def render_fragment(fragment: str, writer: CanonicalWriter) -> None:
    """Render an HTML snippet (a raw HTML block inside Markdown) into an existing writer."""
    _render_tree(LexborHTMLParser(fragment), writer)


def _render_tree(tree: LexborHTMLParser, writer: CanonicalWriter) -> None:
    tree.strip_tags(INVISIBLE)
    _drop_chrome(tree)
    root = tree.css_first("main") or (tree.body if tree.body is not None else tree.root)
    if root is None:
        return
    walker = _Walker(writer)
    try:
        walker.block(root)
    except RecursionError as err:
        raise Rejected("HTML nested too deeply to read") from err


def _drop_chrome(tree: LexborHTMLParser) -> None:
    """Remove navigation, banners, footers and sidebars that are not part of the main content."""
    for node in tree.css(CHROME):
        if node.tag == "nav" or node.attributes.get("role") in ("navigation", "search") or not _in_content(node):
            node.decompose()


def _in_content(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in CONTENT:
            return True
        parent = parent.parent
    return False


class _Walker:
    def __init__(self, writer: CanonicalWriter) -> None:
        self.writer = writer
        self.buffer: list[str] = []

    def flush(self) -> None:
        if self.buffer:
            self.writer.paragraph("".join(self.buffer))
            self.buffer = []

    def block(self, node: LexborNode) -> None:
        """Walk a block container: inline runs become paragraphs, nested blocks their own blocks."""
        child = node.child
        while child is not None:
            self.node(child)
            child = child.next
        self.flush()

    def node(self, node: LexborNode) -> None:
        tag = node.tag
        if tag == "-text":
            self.buffer.append(node.text_content or "")
        elif tag is None or tag.startswith("-"):
            return
        elif tag in HEADINGS:
            self.flush()
            self.writer.heading(inline_text(node), HEADINGS[tag])
        elif tag == "table":
            self.flush()
            self.table(node)
        elif tag in LISTS:
            self.flush()
            self.writer.lines(list_lines(node))
        elif tag == "pre":
            self.flush()
            self.writer.lines((node.text(deep=True) or "").splitlines())
        elif tag in BLOCKS:
            self.flush()
            self.block(node)
        elif tag == "br":
            self.buffer.append(" ")
        else:
            self.buffer.append(inline_text(node))

    def table(self, node: LexborNode) -> None:
        caption = _first_child(node, "caption")
        if caption is not None:
            self.writer.paragraph(inline_text(caption))
        self.writer.table(table_rows(node))


def inline_text(node: LexborNode) -> str:
    """All text under `node`, digits in <sup> as superscripts; line breaks become spaces."""
    if node.tag == "-text":
        return node.text_content or ""
    if node.tag is None or node.tag.startswith("-"):
        return ""
    if node.tag == "br":
        return " "
    parts: list[str] = []
    child = node.child
    while child is not None:
        parts.append(inline_text(child))
        child = child.next
    text = "".join(parts)
    if node.tag == "sup" and text.strip().replace(",", "").isdigit():
        return superscript_digits(text.strip())
    if node.tag in BLOCKS or node.tag in HEADINGS or node.tag in ("li", "tr", "td", "th", "p"):
        return f" {text} "
    return text


def list_lines(node: LexborNode) -> list[str]:
    """Each <li> on its own line with its bullet or number; nested lists follow as their own lines."""
    ordered = node.tag == "ol"
    start = node.attributes.get("start") or "1"
    number = int(start) if start.isdigit() else 1
    lines: list[str] = []
    item = node.child
    while item is not None:
        if item.tag == "li":
            own: list[str] = []
            nested: list[str] = []
            child = item.child
            while child is not None:
                if child.tag in LISTS:
                    nested.extend(list_lines(child))
                else:
                    own.append(inline_text(child))
                child = child.next
            prefix = f"{number}. " if ordered else "- "
            number += 1
            lines.append(prefix + clean_inline("".join(own)))
            lines.extend(nested)
        item = item.next
    return lines


def table_rows(table: LexborNode) -> list[list[str]]:
    """Rows of this table (not of tables nested in its cells) on one grid: a cell spanning several
    columns or rows is printed once and the grid cells it covers are left empty, so every value stays
    under its header."""
    rows: list[list[str]] = []
    covered: dict[int, int] = {}  # column -> how many more rows a rowspan above still covers it
    for row in _rows(table):
        cells: list[str] = []
        cell = row.child
        while cell is not None:
            if cell.tag in ("td", "th"):
                _skip_covered(cells, covered)
                colspan = _span(cell, "colspan")
                rowspan = _span(cell, "rowspan")
                if rowspan > 1:
                    for column in range(len(cells), len(cells) + colspan):
                        covered[column] = rowspan - 1
                cells.append(inline_text(cell))
                cells.extend([""] * (colspan - 1))
            cell = cell.next
        _skip_covered(cells, covered)
        rows.append(cells)
    return rows


def _skip_covered(cells: list[str], covered: dict[int, int]) -> None:
    while covered.get(len(cells), 0) > 0:
        covered[len(cells)] -= 1
        cells.append("")


def _span(cell: LexborNode, name: str) -> int:
    value = (cell.attributes.get(name) or "1").strip()
    return min(max(int(value), 1), 100) if value.isdigit() else 1


def _rows(table: LexborNode) -> list[LexborNode]:
    rows: list[LexborNode] = []
    child = table.child
    while child is not None:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(_rows(child))
        child = child.next
    return rows


def _first_child(node: LexborNode, tag: str) -> LexborNode | None:
    child = node.child
    while child is not None:
        if child.tag == tag:
            return child
        child = child.next
    return None
