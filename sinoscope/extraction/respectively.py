"""Figures listed against a list of names: "A、B和C分别增长5%、3%和2%", "exports and imports rose 5% and 3%,
respectively".

Policy texts and statistical reviews pack several measures into one clause this way. Every figure of such a
clause sits among the same words, so whatever reads "the words around a figure" (a fact's subject, an
answer's evidence) sees three figures described alike; the position in the list is what tells them apart.
This pairs the k-th figure of a run with the k-th name of the list before it, in both languages:
- Chinese: the names come before 分别 (separated by 、 和 及 与 以及), the measure after it;
- English: the names come before the linking verb, the figures are followed by "respectively".
A clause whose figures are not one plain run ("首年的2034种、5年内的2725种": words between them) or whose
name count does not match is left alone: a wrong pairing would be worse than none.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

_ZH_EACH = "分别"
_EN_EACH = re.compile(r"(?:\s*[^\s\d,;.]{1,10}){0,2}[\s,]*respectively\b", re.IGNORECASE)
""""…5% and 3%, respectively", "…12 and 9 billion yuan respectively": up to two unit words before it."""
_BETWEEN = re.compile(
    r"^[^\s\d，,；;。、]{0,3}\s*(?:、|,|，|和|及|与|以及|and|as\s+well\s+as|,\s*and)\s*$", re.IGNORECASE
)
"""What may separate two figures of one run: a short unit tail ("亿元", "%") and a list separator."""
_ZH_BREAK = re.compile(r"[，,；;：:。！？!?\n]")
_EN_BREAK = re.compile(r"[；;：:。！？!?\n]|\.\s")
"""English lists use commas ("steel, cement and glass"), so only stronger marks end the stretch of names."""
_ZH_NAMES = re.compile(r"以及|、|和|及|与")
_EN_NAMES = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+", re.IGNORECASE)
_ZH_OF = re.compile("的")
_EN_OF = re.compile(r"\bof\s+", re.IGNORECASE)
_EN_LINK = re.compile(
    r"\s+(?:were|was|are|is|rose|fell|grew|increased|decreased|declined|reached|accounted\s+for|stood\s+at"
    r"|amounted\s+to|totalled|totaled|came\s+to|hit|posted|recorded)\b",
    re.IGNORECASE,
)


def _run(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    return all(_BETWEEN.match(text[a[1] : b[0]]) for a, b in itertools.pairwise(spans))


def _head(text: str, first: int, hard: re.Pattern[str]) -> str:
    breaks = list(hard.finditer(text, 0, first))
    return text[breaks[-1].end() if breaks else 0 : first]


def _fit(names: list[str], n: int, joiner: str, of: re.Pattern[str]) -> list[str] | None:
    """The last n names are the list; leading pieces belong to the first one ("全省与其他国家贸易"). What the
    first name says before its own item through "of" / 的 is shared by all ("exports of turbines, batteries":
    batteries are exports too); without such a word, where the first item starts is not known, so nothing
    is shared."""
    names = [x.strip() for x in names if x.strip()]
    if len(names) < n:
        return None
    first, rest = joiner.join(names[: len(names) - n + 1]), names[len(names) - n + 1 :]
    cut = [m.end() for m in of.finditer(first)]
    shared = first[: cut[-1]] if cut else ""
    return [first, *(f"{shared}{x}" for x in rest)]


def respective_names(text: str, spans: Sequence[tuple[int, int]]) -> list[str] | None:
    """Per figure span (in text order, one run), the words its list position pairs it with: the k-th name
    plus the measure they share; None when `text` does not list names for these figures."""
    n = len(spans)
    if n < 2 or not _run(text, spans):
        return None
    head = _head(text, spans[0][0], _ZH_BREAK)
    k = head.rfind(_ZH_EACH)
    if k >= 0:
        names = _fit(_ZH_NAMES.split(head[:k]), n, "与", _ZH_OF)
        measure = head[k + len(_ZH_EACH) :].strip()
        return None if names is None else [f"{name}{measure}" for name in names]
    if not _EN_EACH.match(text, spans[-1][1]):
        return None
    head = _head(text, spans[0][0], _EN_BREAK)
    link = _EN_LINK.search(head)
    if link is None:
        return None
    names = _fit(_EN_NAMES.split(head[: link.start()]), n, ", ", _EN_OF)
    measure = head[link.start() :].strip()
    return None if names is None else [f"{name} {measure}" for name in names]


def paired_names(text: str, spans: Sequence[tuple[int, int]]) -> dict[int, str]:
    """For figures of one sentence (any order, any number), the name each is paired with by a list of
    names, keyed by the index into `spans`; figures of no such list are absent."""
    out: dict[int, str] = {}
    for run in _runs(text, spans):
        names = respective_names(text, [spans[j] for j in run])
        out.update(zip(run, names or (), strict=False))
    return out


def _runs(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[list[int]]:
    """Indices into `spans` (in text order) of each plain run of two or more figures (`_BETWEEN`)."""
    run: list[int] = []
    for i in [*sorted(range(len(spans)), key=lambda i: spans[i]), -1]:
        if i >= 0 and (not run or _BETWEEN.match(text[spans[run[-1]][1] : spans[i][0]])):
            run.append(i)
            continue
        if len(run) > 1:
            yield run
        run = [i] if i >= 0 else []


_YEAR = r"(?:19|20)\d{2}"
_ZH_YEARS = re.compile(
    rf"({_YEAR})\s*年?(?:底|末|初)?(?:\s*(?:、|和|与|及|以及|，|,)\s*(?:到|至)?\s*({_YEAR})\s*年?(?:底|末|初)?)+"
)
_EN_YEARS = re.compile(
    rf"[^\d.;:]{{0,30}}?\b(?:in|for|by|at\s+the\s+end\s+of)\s+((?:{_YEAR}\s*,\s*)*{_YEAR}\s*,?\s*and\s+{_YEAR})"
    r"\s*,?\s*respectively\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[。！？；;!?\n]|\.\s")


def respective_years(text: str, spans: Sequence[tuple[int, int]]) -> dict[int, str]:
    """For figures of a text (any order), the year a list of years pairs each with, keyed by the index into
    `spans`: "到2025年底、2026年底，规模分别达到320亿元、450亿元" (320亿元 is 2025's, 450亿元 2026's), "grew 5.1%
    and 6.3% in 2024 and 2025 respectively". Only a plain run of figures whose count the list matches."""
    out: dict[int, str] = {}
    for run in _runs(text, spans):
        years = _listed_years(text, [spans[j] for j in run])
        out.update(zip(run, years or (), strict=False))
    return out


def _listed_years(text: str, spans: Sequence[tuple[int, int]]) -> list[str] | None:
    head = _head(text, spans[0][0], _SENTENCE_BREAK)
    k = head.rfind(_ZH_EACH)
    if k >= 0:
        lists = list(_ZH_YEARS.finditer(head, 0, k))
        if lists:
            years = re.findall(_YEAR, lists[-1].group(0))
            return years if len(years) == len(spans) else None
        return None
    m = _EN_YEARS.match(text, spans[-1][1])
    if m is None:
        return None
    years = re.findall(_YEAR, m.group(1))
    return years if len(years) == len(spans) else None
