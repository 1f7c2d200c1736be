"""Word's automatic numbering, resolved to the printed labels ("4", "4.3", "a)", bullets).

Headings in real reports are usually numbered by Word itself, so the number ("4.3") is not in the
paragraph text at all; without it structure recovery could not tell chapter 4 from section 4.3. Only
the common formats are rendered (decimal, letters, roman, bullets, Chinese counting 一 二 三, circled ①,
full-width digits); counters are kept per numbering instance and deeper levels restart when a
shallower level advances, as Word does by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import cn2an

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """numId -> ilvl -> level definition."""
    style_levels: dict[str, int] = field(default_factory=dict)
    """styleId -> ilvl for levels tied to a paragraph style (multi-level heading lists)."""
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_element(cls, root: Any | None) -> Numbering:
        if root is None:
            return cls()
        abstract: dict[str, dict[int, _Level]] = {}
        style_levels: dict[str, int] = {}
        for node in root.findall(f"{{{W}}}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in node.findall(f"{{{W}}}lvl"):
                ilvl = _int(lvl.get(f"{{{W}}}ilvl"), 0)
                levels[ilvl] = _Level(
                    start=_int(_val(lvl, "start"), 1),
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                )
                style = _val(lvl, "pStyle")
                if style:
                    style_levels[style] = ilvl
            abstract[node.get(f"{{{W}}}abstractNumId", "")] = levels
        nums: dict[str, dict[int, _Level]] = {}
        for num in root.findall(f"{{{W}}}num"):
            ref = num.find(f"{{{W}}}abstractNumId")
            if ref is not None:
                nums[num.get(f"{{{W}}}numId", "")] = abstract.get(ref.get(f"{{{W}}}val", ""), {})
        return cls(levels=nums, style_levels=style_levels)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (num_id, ilvl) and return the printed label, None if unnumbered."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none":
            return None

        def render(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            spec = levels.get(k)
            value = counters.get(k, spec.start if spec else 1)
            return _format(value, spec.fmt if spec else "decimal")

        return _PLACEHOLDER.sub(render, level.text).strip() or None


def _val(node: Any, tag: str) -> str | None:
    child = node.find(f"{{{W}}}{tag}")
    return None if child is None else child.get(f"{{{W}}}val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


_CHINESE_COUNTING = frozenset(
    {
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "koreanCounting",
        "chineseLegalSimplified",
    }
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _format(value: int, fmt: str) -> str:
    if fmt in _CHINESE_COUNTING and 0 < value < 100_000:
        return str(cn2an.an2cn(value))  # "一", "十一": the 一、/（一） numbering of Chinese documents
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return str(value).translate(_FULL_WIDTH)
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out, rest = "", value
        for amount, numeral in _ROMAN:
            while rest >= amount:
                out, rest = out + numeral, rest - amount
        return out.upper() if fmt == "upperRoman" else out
    return str(value)
