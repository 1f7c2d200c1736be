"""A short name for what a figure measures, taken from the words around it.

This is a reading aid for people scanning a list of facts, not a parse: the noun phrase before the verb
that links it to the figure ("the industry's revenue was RMB X" → "industry's revenue"), else the phrase the
figure qualifies ("RMB X decrease in internal reserves"), else the noun it counts.
"""

from __future__ import annotations

import re

_LINK = re.compile(
    r"\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|reached|totaled|totalled|stood\s+at|amounted\s+to"
    r"|rose|fell|grew|increased|decreased|declined|dropped|climbed|accounted\s+for|came\s+to|set\s+at|at|of|as"
    r"|to|from|by|with|hit|exceeded|represented|remained|valued\s+at|达到|为|是|约为|增长|下降|占)\b"
)
_CUT = re.compile(
    r"[,;:(（“”\"。，；：、]|\b(?:that|which|who|when|while|whereas|because|although|and|but|however|according\s+to"
    r"|of\s+which)\b",
    re.IGNORECASE,
)
_DETERMINER = re.compile(
    r"^(?:the|its|their|his|her|our|a|an|this|these|those|that|each|every|there|it|they)(?:\s+|$)", re.IGNORECASE
)
_TAIL_AFTER = re.compile(r"^\s*(?:of\s+)?((?:[A-Za-z’'-]+\s+){0,4}[A-Za-z’'-]+)")
_CJK_TAIL = re.compile(r"^\s*(?:的)?([\u4e00-\u9fff]{2,8}?)(?=[和及与、，。；：]|[零〇一二两三四五六七八九十百千\d]|$)")
_STOPWORD_TAIL = re.compile(
    r"\s+(?:in|on|at|for|by|from|to|and|or|the|a|an|of|was|were|is|are|with|than|since|as)$", re.IGNORECASE
)
_WORDS = 7


def subject(text: str, lo: int, start: int, end: int, hi: int, noun: str | None) -> str:
    """Subject for the figure at `start`..`end` inside `lo`..`hi` (its stretch of the clause)."""
    head = text[lo:start]
    links = list(_LINK.finditer(head))
    for link in reversed(links):
        phrase = _phrase_before(head[: link.start()])
        if phrase:
            return phrase
    if noun:
        return noun
    cjk = _CJK_TAIL.match(text[end:hi])
    if cjk:
        return cjk.group(1)
    tail = _TAIL_AFTER.match(text[end:hi])
    if tail:
        phrase = _trim(tail.group(1))
        if phrase:
            return phrase
    return _phrase_before(head)


def _phrase_before(head: str) -> str:
    cut = list(_CUT.finditer(head))
    if cut:
        head = head[cut[-1].end() :]
    words = head.split()[-_WORDS:]
    return _trim(" ".join(words))


_DATE_PHRASE = re.compile(
    r"\b(?:(?:in|at|as\s+of|by|since|from|during|until|of)\s+)?(?:the\s+)?(?:end\s+of\s+|first\s+half\s+of\s+"
    r"|second\s+half\s+of\s+|(?:first|second|third|fourth)\s+quarter\s+of\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:FY\s?)?(?:19|20)\d\d\b|\b(?:in|at)\s+the\s+end\b|\b(?:approx\.?|approximately)(?=\s|$)",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:to|for|from|in|at|on|of|with|by|as|and|or|but|however|while|whereas|compared|than)\s+)+", re.IGNORECASE
)
_EMPTY = frozenset({"end", "total", "part", "rest", "others", "same", "figure", "figures", "number", "amount"})


def _trim(phrase: str) -> str:
    phrase = _DATE_PHRASE.sub(" ", phrase)
    phrase = " ".join(phrase.split()).strip(" ,.;:()'\"‘’“”")
    while True:
        new = _LEADING.sub("", _DETERMINER.sub("", _STOPWORD_TAIL.sub("", phrase))).strip(" ,.;:()'\"‘’“”")
        if new == phrase:
            break
        phrase = new
    if phrase.lower() in _EMPTY:
        return ""
    if not re.search(r"[A-Za-z\u4e00-\u9fff]{3,}|[\u4e00-\u9fff]{2,}", phrase):
        return ""
    return phrase[:80]
