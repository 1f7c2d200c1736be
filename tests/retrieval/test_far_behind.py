"""When neither language holds half of a bridged question, a language whose best passage holds far less of it
than the other's keeps no place among the first (retrieval.search `_not_far_behind`), on invented documents:
an English question about a Chinese city notice no longer gives its second place to an English passage
holding one of its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.retrieval import search
from sinoscope.retrieval.lexicon import Lexicon

from .embedders import dictionary_top

ZH_NOTICE = """某市市场监管局工作要点

一、学校食堂

全市学校食堂接入监管平台300家，实现后厨实时查看。

二、农贸市场

农贸市场改造提升12个，规范经营秩序。

三、网络交易

开展网络交易专项检查4次。
"""
"""The first paragraph answers the question below with two of the five words the dictionary translates
(canteens, platform): under half of it, so no language is sure."""
EN_REPORT = """# Technology outlook

## Platforms

Cloud platform revenue grew for the third year.

## Chips

Chip output was flat.
"""
"""An English passage holding one of the question's six own words (platform)."""
QUESTION = "How many school canteens must join the city's regulatory camera platform?"


def _top(tmp_path: Path) -> list[str]:
    dictionary = Lexicon(
        {
            "canteen": ("食堂",),
            "platform": ("平台",),
            "camera": ("摄像头",),
            "city": ("城市",),
            "regulatory": ("规章",),
        },
        {},
    )
    files = {"notice.txt": ZH_NOTICE, "report.md": EN_REPORT}
    return dictionary_top(tmp_path, files, dictionary, ("platform", "平台"), QUESTION)


def test_a_language_far_behind_keeps_no_place_among_the_first_two(tmp_path: Path) -> None:
    top = _top(tmp_path)
    assert top[0].startswith("全市学校食堂"), top
    assert not any(t.startswith("Cloud platform") for t in top[:2]), top


def test_when_both_keep_a_place_the_english_passage_takes_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contrast: with both languages always given a place, the English passage is among the first two."""
    monkeypatch.setattr(search, "FAR_BEHIND", 0.0)
    top = _top(tmp_path)
    assert any(t.startswith("Cloud platform") for t in top[:2]), top
