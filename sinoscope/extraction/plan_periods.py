"""China's Five-Year Plan periods named instead of dated: "“十四五”末", "十五五时期", "the 14th Five-Year Plan
period". Plans, work reports and think-tank papers set and judge targets by plan period; a question "到“十四五”末
… 达到多少" asks for the figure of 2025, and "during the 14th FYP" for 2021–2025.

The periods are arithmetic, not a list: the first plan ran 1953–57, the second 1958–62, and from the third
(1966–70, after three years of readjustment) each plan follows the last, so the n-th starts in 1966 + 5 (n − 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinoscope.documents.zh_variants import has_han

_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
    " fifteenth sixteenth"
)
_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(_ORDINALS.split())}
_ZH = re.compile(
    r"[“\"「『]?(?P<n>十[一二三四五六七八九]?|[一二三四五六七八九])五[”\"」』]?"
    r"(?P<when>规划期末|期末|末期?|初期?|时期|期间|规划期|以来)?"
)
_EN_FULL = re.compile(
    r"(?P<end>\bend of (?:the )?)?(?P<start>\b(?:start|beginning) of (?:the )?)?"
    r"\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<word>[a-z]+))[-\s]+five[-\s]year[-\s]plan",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PlanPeriod:
    number: int
    start: int
    end: int
    part: str
    """"end" (十四五末, end of the plan), "start" (十四五初) or "whole" (the period, or the plan itself)."""

    @property
    def years(self) -> tuple[str, ...]:
        """The years a question about this mention asks for."""
        if self.part == "end":
            return (str(self.end),)
        if self.part == "start":
            return (str(self.start),)
        return (str(self.start), str(self.end))


def plan_years(number: int) -> tuple[int, int] | None:
    """First and last year of the `number`-th Five-Year Plan (None outside 1 … 16)."""
    if not 1 <= number <= 16:
        return None
    start = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return start, start + 4


def _zh_number(text: str) -> int:
    if text.startswith("十"):
        return 10 + (_ZH_DIGITS[text[1]] if len(text) > 1 else 0)
    return _ZH_DIGITS[text]


def _zh_part(when: str | None) -> str:
    if when and "末" in when:
        return "end"
    if when and "初" in when:
        return "start"
    return "whole"


def plan_periods(text: str) -> list[PlanPeriod]:
    """Every Five-Year Plan the text names by number, in Chinese ("十四五") or English ("14th Five-Year Plan")."""
    return [p for p, _, _ in _mentions(text)]


def dated(text: str) -> str:
    """`text` with each plan period it names written as its years ("到“十四五”末" → "到2025年", "during the
    14th Five-Year Plan" → "during 2021-2025"), so that year matching and word search treat a question about
    a plan period like one about the years it covers."""
    out, last = [], 0
    for period, start, end in sorted(_mentions(text), key=lambda m: m[1]):
        if start < last:
            continue
        span = "-".join(dict.fromkeys(period.years))
        out += [text[last:start], f"{span}年" if has_han(text[start:end]) else span]
        last = end
    return "".join(out) + text[last:]


def _mentions(text: str) -> list[tuple[PlanPeriod, int, int]]:
    found: list[tuple[PlanPeriod, int, int]] = []
    if "五" in text:
        for m in _ZH.finditer(text):
            # "十四五" must stand as a name: not the tail of a longer numeral ("三十四五个") or a count ("五年")
            after = text[m.end("n") + 1 : m.end("n") + 2]
            glued = m.start() > 0 and text[m.start() - 1] in _ZH_DIGITS
            if glued or after in ("年", "个", "十", "百", "千", "万", "亿"):
                continue
            quoted = m.group(0)[0] in '“"「『'
            if not (m.group("when") or quoted or text.startswith("规划", m.end())):
                continue  # a bare 十四五 with no quotes, 规划, 末 or 时期 is too often a number
            _append(found, _zh_number(m.group("n")), _zh_part(m.group("when")), m.span())
    if "ive" in text:
        for e in _EN_FULL.finditer(text):
            n = int(e.group("n")) if e.group("n") else _ORDINAL_WORDS.get(e.group("word").lower(), 0)
            part = "end" if e.group("end") else "start" if e.group("start") else "whole"
            _append(found, n, part, e.span())
    return found


def _append(found: list[tuple[PlanPeriod, int, int]], number: int, part: str, where: tuple[int, int]) -> None:
    span = plan_years(number)
    if span is not None:
        found.append((PlanPeriod(number, span[0], span[1], part), *where))
