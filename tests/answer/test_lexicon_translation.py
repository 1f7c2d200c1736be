"""An English question about a Chinese report names its measure through the bilingual lexicon search uses
(`glossary.entries` after the answer glossary): a measure only the lexicon knows (新能源汽车, "new energy
vehicles") is translated, so the figure it describes competes on its words, on an invented communiqué."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinoscope.answer.glossary import translate

from .checks import answerer_over, ranks_first_never_wrong

COMMUNIQUE = """沅州市2025年国民经济和社会发展统计公报

一、综合

全年城镇新增就业41.2万人，比上年多增0.6万人。

二、工业

全年新能源汽车产量12.8万辆，增长35.4%；工业机器人产量2.3万套。

三、文化

年末全市共有公共图书馆15个，博物馆27个，文化馆9个。
"""


def test_the_lexicons_terms_translate_a_question() -> None:
    assert "新能源汽车" in translate("How many new energy vehicles were made?")


def test_a_word_no_glossary_knows_goes_to_the_dictionary() -> None:
    assert "博物馆" in translate("How many museums did Yuanzhou have?")
    assert "museum" in translate("沅州市有多少个博物馆？")
    assert "几个" not in translate("How many museums did Yuanzhou have?")  # asking words are not translated


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("How many new energy vehicles did Yuanzhou produce in 2025?", 128_000, "vehicles"),
        ("How many new urban jobs did Yuanzhou add in 2025?", 412_000, "persons"),
        ("How many museums did Yuanzhou have at the end of 2025?", 27, "items"),
    ],
)
def test_an_english_question_finds_the_chinese_figure(tmp_path: Path, question: str, value: float, unit: str) -> None:
    with answerer_over(tmp_path, {"760_yuanzhou_communique.txt": COMMUNIQUE}) as answerer:
        ranks_first_never_wrong(answerer, question, value, unit)
