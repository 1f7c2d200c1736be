"""Generate report-like plain text with the layout of converted policy reports, for benchmarks and tests.

The prose is assembled from invented word lists, so nothing is copied from real reports; only the layout
follows what PDF-to-text conversion leaves behind: a table of contents with tabs and page numbers,
numbered chapters and sections, superscript footnote markers with their bodies printed between
paragraphs, tab-separated tables with captions above or below and a source line, empty figure
placeholders, paragraphs split at page breaks, and per-chapter reference lists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

_SUBJECTS = [
    "The provincial innovation bureau",
    "Local governments",
    "The national venture fund",
    "State laboratories",
    "Private component makers",
    "Leading universities",
    "The planning commission",
    "Foreign-invested firms",
    "Regional industrial parks",
    "The standards council",
    "Small and medium enterprises",
    "Platform companies",
    "The export credit agency",
    "Municipal guidance funds",
    "Research institutes",
    "Equipment suppliers",
]
_VERBS = [
    "expanded",
    "reallocated",
    "reviewed",
    "tightened",
    "accelerated",
    "consolidated",
    "redirected",
    "subsidised",
    "benchmarked",
    "scaled back",
    "reorganised",
    "prioritised",
    "audited",
    "financed",
]
_OBJECTS = [
    "support for sensor fabrication",
    "grants for basic research",
    "loans to battery producers",
    "procurement of machine tools",
    "the training of process engineers",
    "pilot lines for new materials",
    "tax credits for design software",
    "investment in optical networks",
    "the domestic supply of bearings",
    "funding for open-source toolchains",
    "the certification of medical devices",
    "port logistics upgrades",
    "the commercialisation of patents",
    "the localisation of control systems",
    "data-centre capacity",
]
_MODIFIERS = [
    "after the mid-term review",
    "under the new guidelines",
    "in the coastal provinces",
    "despite weak demand",
    "ahead of the planning deadline",
    "with mixed results",
    "in several pilot cities",
    "as import restrictions tightened",
    "while costs kept rising",
    "to close the capability gap",
]
_LINKS = ["Moreover,", "However,", "In contrast,", "As a result,", "Meanwhile,", "In addition,", "Overall,"]
_TOPICS = [
    "Funding Instruments",
    "Supply Chain Resilience",
    "Talent Programmes",
    "Standards and Certification",
    "Regional Clusters",
    "Procurement Policy",
    "Intellectual Property",
    "Digital Infrastructure",
    "Industrial Guidance Funds",
    "Export Controls",
    "University-Industry Links",
    "Market Structure",
    "Evaluation Methods",
    "Local Implementation",
    "Foreign Investment",
    "Green Manufacturing",
]
_ITEMS = [
    "Sensor modules",
    "Reduction gears",
    "Servo drives",
    "Controllers",
    "Battery cells",
    "Wafers",
    "Optical fibre",
    "Machine tools",
    "Design software",
    "Test equipment",
    "Robot bodies",
    "Memory chips",
]
_UNITS = ["(RMB hundred million)", "(USD million)", "(%)", "(units)", "(RMB 10,000)", "(persons)"]
_SURNAMES = ["Tanaka", "Li", "Suzuki", "Chen", "Watanabe", "Wang", "Kato", "Zhao", "Ito", "Sun", "Mori"]


@dataclass(frozen=True)
class SyntheticReport:
    name: str
    text: str
    chapters: int
    tables: int


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        self.footnote = 0
        self.tables = 0

    def blank(self) -> None:
        self.lines.append("")

    def out(self, line: str) -> None:
        self.lines.append(line)
        self.lines.append("")

    def number(self) -> str:
        r = self.rng
        kind = r.random()
        if kind < 0.3:
            return f"{r.uniform(1, 99):.1f}%"
        if kind < 0.55:
            return f"RMB {r.uniform(1, 900):.2f} {r.choice(['million', 'billion', 'hundred million'])}"
        if kind < 0.75:
            return f"USD {r.randint(2, 950)} {r.choice(['million', 'billion'])}"
        return f"{r.randint(3, 9000):,} {r.choice(['companies', 'projects', 'patents', 'researchers'])}"

    def sentence(self) -> str:
        r = self.rng
        s = f"{r.choice(_SUBJECTS)} {r.choice(_VERBS)} {r.choice(_OBJECTS)} {r.choice(_MODIFIERS)}"
        if r.random() < 0.5:
            s += f", reaching {self.number()} in {r.randint(2008, 2024)}"
        if r.random() < 0.2:
            s = f"{r.choice(_LINKS)} {s[0].lower()}{s[1:]}"
        return s + "."

    def paragraph(self, sentences: int) -> tuple[str, list[str]]:
        """A paragraph and the footnote bodies its markers point to."""
        parts, notes = [], []
        for _ in range(sentences):
            s = self.sentence()
            if self.rng.random() < 0.12:
                self.footnote += 1
                s = s[:-1] + str(self.footnote).translate(SUPERSCRIPT) + "."
                notes.append(self.footnote_body(self.footnote))
            parts.append(s)
        return " ".join(parts), notes

    def footnote_body(self, n: int) -> str:
        r = self.rng
        return (
            f"{str(n).translate(SUPERSCRIPT)} {r.choice(_SURNAMES)} ({r.randint(2005, 2024)}) "
            f'"{r.choice(_TOPICS)} in {r.choice(_ITEMS)}", Working Paper No. {r.randint(1, 99)}.'
        )

    def table(self, chapter: int) -> None:
        r = self.rng
        self.tables += 1
        label = f"{chapter}-{self.tables}"
        unit = r.choice(_UNITS)
        caption = f"Table {label}. {r.choice(_TOPICS)}: {r.choice(_ITEMS)} by Year {unit}"
        years = list(range(r.randint(2010, 2016), r.randint(2018, 2024)))
        rows = ["Item\t" + "\t".join(map(str, years))]
        for item in r.sample(_ITEMS, r.randint(3, 8)):
            rows.append(item + "\t" + "\t".join(f"{r.uniform(1, 5000):.1f}" for _ in years))
        above = r.random() < 0.7
        if above:
            self.out(caption)
        self.lines.extend(rows)
        self.blank()
        self.out(f"Source: {r.choice(_SURNAMES)} Statistical Yearbook ({r.randint(2015, 2024)})")
        if not above:
            self.out(caption)

    def figure(self, chapter: int, k: int) -> None:
        self.out("")  # the empty placeholder left where the image was
        self.out(f"Figure {chapter}-{k}. {self.rng.choice(_TOPICS)} Trends")


def _break_point(text: str) -> int:
    """Where a page break cuts a paragraph: mid-sentence, before a lowercase word."""
    i = text.find(" ", len(text) // 2)
    while i != -1 and i + 1 < len(text) and not text[i + 1].islower():
        i = text.find(" ", i + 1)
    return i if i != -1 else len(text) // 2


def generate_report(index: int, *, seed: int = 0, scale: float = 1.0) -> SyntheticReport:
    """One report; `scale` 1.0 gives about 110 KB on average (a 100-page study is ~3x that)."""
    rng = random.Random(seed * 1_000_003 + index)
    w = _Writer(rng)
    n_chapters = rng.randint(4, 9)
    titles = []
    for _ in range(n_chapters):
        a, b = rng.sample(_TOPICS, 2)
        titles.append(f"{a} and {b} in the {rng.choice(_ITEMS)} Sector")
    w.blank()
    w.out(f"Synthetic Study {index:03d}: {rng.choice(_TOPICS)} in China's {rng.choice(_ITEMS)} Industry")
    w.out(f"March {rng.randint(2019, 2025)}")
    w.out("Table of Contents")
    page = 1
    for c, title in enumerate(titles, 1):
        w.lines.append(f"{c} {title}\t{page}")
        page += rng.randint(8, 20)
    w.blank()
    for c, title in enumerate(titles, 1):
        w.footnote = 0
        w.tables = 0
        w.out(f"{c} {title}")
        figures = 0
        for s in range(1, rng.randint(3, 6) + 1):
            w.out(f"{c}.{s} {rng.choice(_TOPICS)}")
            for _ in range(max(1, int(rng.randint(3, 10) * scale))):
                text, notes = w.paragraph(rng.randint(2, 7))
                if notes and rng.random() < 0.3:
                    # a page break: the paragraph continues after the footnote bodies
                    cut = _break_point(text)
                    w.out(text[:cut])
                    for note in notes:
                        w.out(note)
                    w.out(text[cut + 1 :])
                else:
                    w.out(text)
                    for note in notes:
                        w.out(note)
                roll = rng.random()
                if roll < 0.08:
                    w.table(c)
                elif roll < 0.12:
                    figures += 1
                    w.figure(c, figures)
                elif roll < 0.15:
                    for item in range(1, rng.randint(2, 4) + 1):
                        w.out(f"({item}) {w.sentence()}")
        w.out("References")
        for _ in range(rng.randint(3, 8)):
            w.lines.append(f'- {rng.choice(_SURNAMES)} ({rng.randint(2000, 2024)}) "{rng.choice(_TOPICS)}"')
        w.blank()
    return SyntheticReport(f"{index:03d}_synthetic.txt", "\n".join(w.lines) + "\n", n_chapters, w.tables)


def write_corpus(folder: Path, count: int, *, seed: int = 0, scale: float = 1.0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        report = generate_report(i, seed=seed, scale=scale)
        path = folder / report.name
        path.write_text(report.text, encoding="utf-8")
        paths.append(path)
    return paths
