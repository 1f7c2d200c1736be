"""Scales, units and comparators on invented sentences (Chinese and English)."""

from __future__ import annotations

import pytest

from sinoscope.extraction.q_latex import flatten_math_numbers, widen
from sinoscope.extraction.quantities import extract_quantities


def _all(text: str) -> list[tuple[str, float, str]]:
    return [(q.text, q.value, q.unit) for q in extract_quantities(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("全县推进万兆进园区、千兆进社区。", [("万兆", 10000.0, "Mbps"), ("千兆", 1000.0, "Mbps")]),
        ("农村宽带达到百兆，牧区不低于30兆。", [("百兆", 100.0, "Mbps"), ("30兆", 30.0, "Mbps")]),
        ("新建风电装机200兆瓦。", [("200兆瓦", 200.0, "MW")]),
        ("全省油料产量2.6亿斤，新增耕地3.2万亩。", [("2.6亿斤", 2.6e8, "jin"), ("3.2万亩", 32000.0, "mu")]),
        ("新建线路1.5万公里，装机增至8亿千瓦。", [("1.5万公里", 15000.0, "km"), ("8亿千瓦", 8e8, "kW")]),
        ("企业开办压缩至24小时。", [("24小时", 24.0, "hours")]),
        ("吞吐量突破330万标准箱，班列开行450列以上。", [("330万标准箱", 3.3e6, "TEU"), ("450", 450.0, "trains")]),
        ("本项指标满分（15分）。", [("15分", 15.0, "points")]),
        ("累计减免费用900多亿元。", [("900多亿元", 9e10, "CNY")]),
        ("人均收入为21 345.6美元。", [("21 345.6美元", 21345.6, "USD")]),
        ("占比提高了1.5个百分点。", [("1.5个百分点", 1.5, "percentage points")]),
        ("产量是2010年的３倍。", [("３倍", 3.0, "times")]),
        ("The fleet grew 4 times over.", [("4 times", 4.0, "times")]),
    ],
)
def test_scales_and_units(text: str, want: list[tuple[str, float, str]]) -> None:
    got = _all(text)
    assert [(t, round(v, 6), u) for t, v, u in got] == [(t, round(v, 6), u) for t, v, u in want]


def test_a_single_leading_digit_does_not_join_a_spaced_group() -> None:
    assert [v for _, v, _ in _all("共3 100家企业")] != [3100.0]


def test_math_numbers_from_pdf_conversions() -> None:
    text = "人均GDP相当于美国的 $3 4 . 7 \\%$ ，预计达到 $60 \\%$ 以上。"
    qs = extract_quantities(text)
    assert [(q.text, q.value, q.unit, q.comparator) for q in qs] == [
        ("$3 4 . 7 \\%$", 34.7, "%", "="),
        ("$60 \\%$", 60.0, "%", ">="),
    ]
    flat, spans = flatten_math_numbers("a $1 2 . 5 \\%$ b")
    assert len(flat) == len("a $1 2 . 5 \\%$ b") and flat.strip().endswith("b") and "12.5%" in flat
    assert widen(5, 9, spans) == spans[0]


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("覆盖率不低于85%。", ">="),
        ("粮食产量1.2万亿斤以上。", ">="),
        ("审批时限压缩到5天以内。", "<="),
        ("货物在12小时内放行。", "<="),
        ("赤字率控制在3%。", "<="),
        ("增长6%左右。", "~"),
        ("约有40家企业。", "~"),
        ("惠及近200万人。", "~"),
        ("累计超过500家企业。", ">"),
        ("The fund raised more than USD 3 billion.", ">"),
        ("at least 40% of the budget", ">="),
        ("about 12 million persons", "~"),
        ("no more than 5% of revenue", "<="),
        ("GDP grew 5.2% in 2023.", "="),
    ],
)
def test_every_fact_keeps_its_comparator(text: str, comparator: str) -> None:
    assert extract_quantities(text)[0].comparator == comparator


def test_a_target_that_reaches_a_share_is_a_floor() -> None:
    qs = extract_quantities("到2030年，两类产品出口占比分别达到25%和15%。")
    assert [(q.value, str(q.kind), q.comparator) for q in qs] == [(25.0, "target", ">="), (15.0, "target", ">=")]


def test_a_cue_before_a_colon_governs_the_list_after_it() -> None:
    qs = extract_quantities("明年主要预期目标是：全市生产总值增长6%左右；新增就业3万人以上；物价涨幅2%左右。")
    assert [str(q.kind) for q in qs] == ["target", "target", "target"]


def test_plan_verbs_mark_targets() -> None:
    assert str(extract_quantities("财政赤字率拟按3%安排。")[0].kind) == "target"
    assert str(extract_quantities("模拟测试覆盖300家企业。")[0].kind) == "actual"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("今年新建充电桩站点，新增5G基站800座。", "base stations"),
        ("修订地方性法规6件。", "regulations"),
        ("覆盖全市35个部门。", "departments"),
        ("帮扶12个困难群体。", "items"),  # an unknown noun after the classifier: the classifier's own unit
        ("帮扶12个贫困村落。", "villages"),  # a known noun inside the compound after it: 村 counts villages
        ("资助学生200万人次。", "person-times"),  # a classifier that names what it counts wins
    ],
)
def test_a_chinese_count_takes_the_noun_before_it_when_none_follows(text: str, unit: str) -> None:
    assert extract_quantities(text)[0].unit == unit


def test_a_weight_printed_in_a_heading_is_a_fact() -> None:
    from sinoscope.documents.model import Block, BlockKind, Document, Span
    from sinoscope.extraction.facts import extract_facts

    line = "（二）平台建设（4分）"
    block = Block(BlockKind.HEADING, "t#1", (Span(0, len(line)),), line, 1, "1", None, 0)
    facts = extract_facts(Document("t", "", line, (), (block,)))
    assert [(f.text, f.value, f.unit) for f in facts] == [("4分", 4.0, "points")]


def test_full_time_equivalents_count_person_years() -> None:
    assert extract_quantities("全省研发人员全时当量达到18.6万人/年。")[0].unit == "person-years"


def test_a_plan_named_in_passing_does_not_make_its_sentence_a_target() -> None:
    q = extract_quantities("制定三年行动计划，全市森林覆盖率提高到45%。")[0]
    assert str(q.kind) == "actual"
    assert str(extract_quantities("计划投资50亿元建设新区。")[0].kind) == "target"


def test_spaced_digits_with_decimals_may_lead_with_one_digit() -> None:
    assert [v for _, v, _ in _all("耕地约7 412.5万亩。")] == [74125000.0]


def test_a_qualifier_does_not_push_a_count_out_of_its_cue() -> None:
    q = extract_quantities("The city is expected to open more than 1,200 charging stations.")[0]
    assert str(q.kind) == "forecast"


def test_next_years_plan_is_a_target() -> None:
    assert str(extract_quantities("明年计划新建保障性住房1.2万套。")[0].kind) == "target"


def test_a_thousands_k_glued_to_a_count_scales_it_but_metres_are_no_scale() -> None:
    sold = extract_quantities("A total of 2.5k vehicles were sold.")
    assert [(q.value, q.unit) for q in sold] == [(2500, "vehicles")]
    assert extract_quantities("The tower is 5m tall.") == []
    assert [(q.value, q.unit) for q in extract_quantities("They raised USD 5m.")] == [(5e6, "USD")]
