"""The quick scans that let extraction skip a costly pattern, or try it only where it can start, never change
what it finds: property tests over texts built from the patterns' own pieces (and the characters that
IGNORECASE lets an ASCII letter match), compared with the plain pattern."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sinoscope.extraction import (
    caseless,
    doc_context,
    periods,
    q_exclude,
    q_period,
    q_scan,
    quantities,
    relative_periods,
)

_EVERY_CHARACTER = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)

REF_PIECES = [
    "Table", "tables", "TAB.", "Fig.", "figures", "Chapter", "ch.", "Sec.", "§", "§§", "第", "Article", "Art.",
    "pp.", "p.", "Vol.", "No.", "Number", "Part", "Annex", "Box", "Item", "Phase", "Eq.", "fn.", "Rev.", "Q.",
    "Plan", "Act", "Law", "Order", "Level", "Tier", "Goal", "Rule", "Tableſ", "ſection", "İtem", "ıtem",
    " ", "  ", "\n", "\t", ".", ",", "-", "–", "~", "&", " and ", " to ", " or ", "(", "x", "a", "3", "12", "4.1",
    "2-3", "5A", "１２", "\u212a", "%", " percent", "5%", "中", "年", "the ", "Tables 1", "ab",
]  # fmt: skip
URL_PIECES = [
    "http", "https", "HTTPſ", "ftp", "FTP", "://", ":", "www", "WWW", ".", "doi", "DOİ", "@", "<", ">", "a", "b",
    "html", "HTM", "pdf", "aspx", "php", "jsp", "xls", "docx", "ISBN", "ıssn", "iſbn", " ", "-", "1", "x", "/",
    "com", "中",
]  # fmt: skip
TIME_PIECES = [
    "2021", "1998", "2100", "21", "05", "年", "月", "日", "-", "–", "—", "~", "〜", "～", "一", "至", " ", "\n",
    "January", "June", "May", "Sept.", "Dec", "FY", "Fiscal", "fiscal year ", "CY", "from ", "From ", "Between ",
    " to ", " and ", "in ", "In ", "by ", "since ", "rom", "etween", "iscal", ".", ",", "the ", "%", "Vision ",
]  # fmt: skip
RELATIVE_PIECES = [
    "今年", "去年", "上年", "前年", "明年", "下一年度", "年内", "过去", "近", "五", "十", "3", "年", "年来", "月",
    "本月", "上个月", "下月", "7月", "份", "this ", "last ", "next ", "the past ", "the coming ", "previous ",
    "year", "YEAR", "Years", "years", "decade", "DECADE", "month", "Month", "calendar ", "five ", "12 ", "In ",
    "in ", "June", "May", "than ", "比", " ", "\n", ",", "a", "s",
]  # fmt: skip
TOKEN_PIECES = [
    "3", "12", "1,234", "5 870.4", "２０２２", "3.5", "万", "千", "百", "兆", "千兆", "Mbps", " mbps", "百分之",
    "五", "十", "两", "点", "亿", "元", "%", " ", "a", "中", "年", "-", "二〇二五", ".", "，",
]  # fmt: skip


def _texts(pieces: list[str], size: int = 16) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=size).map("".join)


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def test_the_caseless_letters_are_what_ignorecase_matches() -> None:
    found = set(re.findall("[A-Za-z]", _EVERY_CHARACTER, re.IGNORECASE))
    assert found == set(re.findall(f"[{q_exclude._CASELESS_LETTERS}]", _EVERY_CHARACTER))
    # the letters the hints spell case by case match nothing else under IGNORECASE
    for letter in "yearcdmonthpwhajx":
        assert set(re.findall(letter, _EVERY_CHARACTER, re.IGNORECASE)) == {letter, letter.upper()}, letter
    assert set(re.findall("s", _EVERY_CHARACTER, re.IGNORECASE)) == set("sSſ")
    assert set(re.findall("i", _EVERY_CHARACTER, re.IGNORECASE)) == set("iIİı")


@settings(max_examples=1500, deadline=None)
@given(_texts(REF_PIECES))
def test_references_found_only_where_they_can_start_are_the_same(text: str) -> None:
    assert _spans(q_exclude._refs(text)) == _spans(q_exclude._REF.finditer(text))


@settings(max_examples=1500, deadline=None)
@given(_texts(URL_PIECES))
def test_a_text_without_the_url_literals_has_no_url(text: str) -> None:
    if not q_exclude._url_possible(text):
        assert q_exclude._URL.search(text) is None, text


@settings(max_examples=800, deadline=None)
@given(_texts(TIME_PIECES))
def test_time_hint_literals_are_necessary_and_months_alone_need_a_month_name(text: str) -> None:
    for name, hint in periods._HINTS.items():
        if not periods._may_hold(text, name):
            assert hint.search(text) is None, (name, text)
    if periods._HINTS["month"].search(text) is None:
        assert periods._MONTH_ALONE.search(text) is None, text


@settings(max_examples=1500, deadline=None)
@given(_texts(RELATIVE_PIECES))
def test_a_relative_pattern_skipped_never_matches(text: str) -> None:
    present = relative_periods._present(text)
    for pat in relative_periods._NEEDS:
        if not relative_periods._runs(pat, present):
            assert pat.search(text) is None, (pat.pattern[:30], text)


def test_every_relative_pattern_names_what_it_needs() -> None:
    r = relative_periods
    patterns = [*(p for p, _ in r._YEAR_OFFSETS), *r._PAST_SPAN, *r._NEXT_SPAN, *r._MONTH_ALONE]
    patterns += [p for p, _ in r._MONTH_OFFSETS]
    assert set(patterns) == set(r._NEEDS)
    marks = {m for needs in r._NEEDS.values() for m in needs.split()}
    assert marks <= {*r._MARKS, "年", "月"}


@settings(max_examples=1500, deadline=None)
@given(_texts(TOKEN_PIECES))
def test_digit_tokens_found_from_their_first_character_are_the_same(text: str) -> None:
    for pos in (0, len(text) // 2):
        a, b = q_scan._digit_token(text, pos), q_scan._TOKEN_DIGITS_ONLY.search(text, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), text


@settings(max_examples=500, deadline=None)
@given(_texts(["牵头", "责任", "部门", "单位", ":", "：", "完成", "完成时限", "（", "(", "6月底", "年底", "前", "Lead",
                " unit", "Deadline", " ", "a", "中"]))  # fmt: skip
def test_a_task_item_needs_a_colon_or_completion(text: str) -> None:
    if not doc_context._may_be_task_item(text):
        assert doc_context._TASK_ITEM.search(text) is None, text


def test_superscripts_are_blanked_only_where_there_are_some() -> None:
    for text in ("km² and 3¹ ⁽", "no marks 12", "注¹²", "m³"):
        has = quantities._SUPERSCRIPT_DIGIT.search(text) is not None
        same = quantities._SUPERSCRIPT.sub(lambda m: " " * len(m.group(0)), text) == text
        assert has or same


def test_a_spelled_letter_matches_what_ignorecase_matches() -> None:
    for letter in "abcdefghijklmnopqrstuvwxyz":
        expected = set(re.findall(letter, _EVERY_CHARACTER, re.IGNORECASE))
        assert set(re.findall(caseless.spelled(letter), _EVERY_CHARACTER)) == expected, letter
        assert set(re.findall(caseless.spelled(letter.upper()), _EVERY_CHARACTER)) == expected, letter


_OLD_YEAR = re.compile(
    rf"(?<![\w.,/-])(?P<y>{periods._YEAR})(?![\w%％]|[.,-]\d|\s?(?:%|％|percent\b))"
)  # the year pattern with its look-behind first, as it was written before
_OLD_ANY_NUMBER = re.compile(
    r"[0-9０-９零〇一二两三四五六七八九十百千]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)\b",
    re.IGNORECASE,
)


@settings(max_examples=1500, deadline=None)
@given(_texts([*TIME_PIECES, "a2021", ".2021", "/2021", "-2021", "2021%", "2021.5", "١٩٩٨", "19", "2022年"]))
def test_the_year_pattern_with_its_look_behind_last_finds_the_same(text: str) -> None:
    year = dict(periods._PATTERNS)["year"]
    assert _spans(year.finditer(text)) == _spans(_OLD_YEAR.finditer(text))


@settings(max_examples=1500, deadline=None)
@given(_texts(["one", "ONE", "Twenty", "ſix", "ſeven", "nIne", "nıne", "ten", "tend", "often", "a", " ", "-", "中",
                "百", "五", "3", "x", "eleven"]))  # fmt: skip
def test_any_number_reads_the_same_split_in_two(text: str) -> None:
    split = quantities._ANY_DIGIT.search(text) or quantities._ANY_NUMBER_WORD.search(text)
    assert bool(split) == bool(_OLD_ANY_NUMBER.search(text)), text


@settings(max_examples=1000, deadline=None)
@given(_texts(["全年", "届时", "当年", "同年", "年", "that", " ", "the same", "year", "YEAR", "by", "then", "THEN",
                "at", "time", "tıme", "TİME", "a", "中", "\n"]))  # fmt: skip
def test_anaphoric_words_need_their_hint(text: str) -> None:
    if q_period._ANAPHORIC_HINT.search(text) is None:
        assert q_period._ANAPHORIC.search(text) is None, text


WORD_TOKEN_PIECES = [
    *TOKEN_PIECES, "one", "Twenty", "twenty-one", "ſix", "ſeven", "nıne", "NİNE", "ten", "tend", "often", "someone",
    " hundred", " and ", "five", "-", "eleven", "ninety", "x",
]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(_texts(WORD_TOKEN_PIECES), st.lists(st.integers(0, 6), max_size=8))
def test_tokens_read_in_order_are_the_token_search(text: str, steps: list[int]) -> None:
    tokens = q_scan._Tokens(text)
    pos = 0
    for step in [0, *steps]:
        pos += step
        got, want = tokens.next(pos), q_scan._TOKEN.search(text, pos)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), (text, pos)
        if want is not None:
            pos = max(pos, want.end())
