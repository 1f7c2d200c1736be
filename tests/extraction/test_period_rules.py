"""Which years date a figure, rule by rule, on invented sentences (Chinese and English research papers, plans
and think-tank reports): price-base years, comparison bases, a year that owns its figure, average annual
rates and multiples over a span, and event months against reading months."""

from __future__ import annotations

from sinoscope.documents.model import Block, BlockKind, Document, Span
from sinoscope.extraction.doc_context import FigureContext
from sinoscope.extraction.facts import extract_facts
from sinoscope.extraction.model import Kind, Quantity
from sinoscope.extraction.quantities import extract_quantities
from sinoscope.extraction.relative_periods import parse_doc_date


def _by_text(text: str) -> dict[str, Quantity]:
    return {q.text: q for q in extract_quantities(text)}


def test_a_price_base_year_dates_nothing() -> None:
    found = _by_text("2030年，本省装备制造业增加值将达2.5万亿元（2015年价格）。")
    assert found["2.5万亿元"].period == "2030"
    en = _by_text("Output per worker reached USD 41,300 (constant 2017 international dollars) in 2022.")
    assert en["USD 41,300"].period == "2022"
    ppp = _by_text("按购买力平价计算（PPP，2017年国际美元），2022年本省劳动生产率为全国平均水平的118.3%。")
    assert ppp["118.3%"].period == "2022"


def test_a_dollar_figure_after_a_year_keeps_the_year() -> None:
    assert _by_text("In 2020 $5 billion was invested in chip plants.")["$5 billion"].period == "2020"


def test_the_base_of_a_comparison_does_not_date_the_next_clause() -> None:
    found = _by_text("2030年，增加值将达2.5万亿元，比2015年翻一番；高端装备增加值将达3000亿元以上。")
    assert found["3000亿元"].period == "2030"


def test_the_base_year_of_a_multiple_does_not_date_the_figure_before_it() -> None:
    found = _by_text("2024年，全市新认定科技型企业430家，科技型企业总数达到2600家，是2019年末的1.8倍。")
    assert found["2600"].period == "2024"  # the fronting year, not the ratio's base
    assert _by_text("2025年钢材产量120万吨，为2020年的1.5倍。")["120万吨"].period == "2025"


def test_a_year_that_owns_the_figure_dates_it_even_after_cong() -> None:
    found = _by_text("占GDP比重将从2020年的6.5%提高至2030年的9.0%以上。")
    assert (found["6.5%"].period, found["6.5%"].kind) == ("2020", Kind.ACTUAL)
    assert (found["9.0%"].period, found["9.0%"].kind) == ("2030", Kind.FORECAST)


def test_an_average_annual_rate_spans_the_years_of_its_sentence() -> None:
    found = _by_text("在2010年本省研发强度仅为1.2%，到2020年已提高至2.4%，平均每年提高0.12个百分点。")
    assert found["0.12个百分点"].period == "2010-2020"
    assert found["2.4%"].period == "2020"
    listed = _by_text("2005一2020年，甲省和乙省工业增加值年平均增长率分别为12.4%和3.1%，甲省已于2012年超过乙省。")
    assert listed["12.4%"].period == listed["3.1%"].period == "2005-2020"
    en = _by_text("Between 2016 and 2021 spending grew at an average annual rate of 8.5%, reaching $12 billion.")
    assert en["8.5%"].period == "2016-2021"


def test_a_multiple_of_an_earlier_years_value_spans_both_years() -> None:
    found = _by_text("2020年本省研发人员达到45.6万人，相当于2010年12.3万人的3.71倍，是邻省的1.85倍。")
    assert found["12.3万"].period == "2010"
    assert found["3.71倍"].period == "2010-2020"
    assert found["1.85倍"].period == "2020"  # a comparison with another place, in the sentence's own year
    en = _by_text("By 2022 the region was spending triple its 2016 budget and 41 times the amount it spent in 1998.")
    assert en["41 times"].period == "1998-2022"


def test_an_event_month_dates_its_figures_to_the_year() -> None:
    found = _by_text(
        "In June 2023 the parliament passed the Battery Act, which provided nearly $31 billion in grants. "
        "In April 2024 the ministry announced $4.2 billion for Acme Corp."
    )
    assert found["$31 billion"].period == "2023"
    assert found["$4.2 billion"].period == "2024"


def test_a_reading_dated_to_the_month_keeps_the_month() -> None:
    found = _by_text("Capital fell from RMB 12.5 billion (March 2022) to RMB 11.9 billion (May 2023), and the fund "
                     "held stakes in 80 companies in January 2022.")  # fmt: skip
    assert found["RMB 12.5 billion"].period == "2022-03"
    assert found["RMB 11.9 billion"].period == "2023-05"
    assert found["80"].period == "2022-01"


def test_a_fiscal_year_keeps_its_name_but_not_in_the_next_sentence() -> None:
    found = _by_text(
        "Congress cut the agency's budget for fiscal year 2025. The same month, the province announced an "
        "8 percent increase. In the FY 2025 budget the agency will receive $6 billion, 40 percent of its target."
    )
    assert found["$6 billion"].period == found["40 percent"].period == "FY2025"
    assert found["8 percent"].period == "2025"


def test_a_figure_lasting_n_years_spans_them() -> None:
    found = _by_text("In May 2016 the government announced a 10-year, $200 billion plan for automation.")
    assert found["$200 billion"].period == "2016-2026"
    assert _by_text("The 10-year plan cost $5 billion in 2020.")["$5 billion"].period == "2020"


def test_a_length_of_time_is_dated_only_as_a_level_or_a_plans_own_time() -> None:
    ctx = FigureContext(parse_doc_date("2023-05-01"), "2022")
    assert [(q.value, q.period) for q in extract_quantities("过境免签停留时间延长至144小时。", ctx)] == [(144, "2022")]
    plan = extract_quantities("利用3-5年时间，建成完善的制度体系。", ctx)
    assert [(q.value, q.value_max, q.period) for q in plan] == [(3, 5, "2023-2028")]
    assert [q.period for q in extract_quantities("项目周期为20年。", ctx)] == [None]


def test_parts_of_a_sentence_split_at_semicolons_share_its_opening_year() -> None:
    found = _by_text("2030年，本省装备制造业增加值将达2.5万亿元；智能装备增加值将达6000亿元以上，占比接近25%。")
    assert found["6000亿元"].period == found["2.5万亿元"].period == "2030"


def test_a_heading_that_names_one_span_dates_its_stage_as_a_whole() -> None:
    doc = _stage_doc()
    got = {f.text: f.period for f in extract_facts(doc)}
    assert got["3.2%"] == "2025-2035"  # a level to be reached within the stage, not at its end


def test_a_bare_count_of_years_before_a_change_is_the_past_span() -> None:
    ctx = FigureContext(parse_doc_date("2023-03-05"))
    got = extract_quantities("五年年均增长5.1%，十年增加近60万亿元、年均增长6.4%。", ctx)
    assert [(q.text, q.period) for q in got] == [("5.1%", "2018-2022"), ("60万亿元", "2013-2022"),
                                                 ("6.4%", "2013-2022")]  # fmt: skip


def _stage_doc() -> Document:
    lines = ["# 5 三个阶段", "## 5.2 2025—2035年：并驾齐驱", "这一时期，研发经费与GDP之比将达到3.2%。"]
    text = "\n\n".join(lines)
    blocks, pos = [], 0
    for i, line in enumerate(lines):
        kind = BlockKind.HEADING if line.startswith("#") else BlockKind.PARAGRAPH
        body = line.lstrip("# ")
        blocks.append(Block(kind, f"t#{i}", (Span(pos, pos + len(line)),), body, 1 + 2 * i, None, None, i))
        pos += len(line) + 2
    return Document("t", "", text, (), tuple(blocks), metadata={})


def _dated(text: str, date: str) -> dict[str, Quantity]:
    return {q.text: q for q in extract_quantities(text, FigureContext(parse_doc_date(date)))}


def test_a_month_without_a_year_is_the_latest_such_month_of_a_release() -> None:
    found = _dated("3月份，全省出口同比增长6.1%。3月末，贷款余额12.4万亿元。", "2025-04-16")
    assert found["6.1%"].period == found["12.4万亿元"].period == "2025-03"
    assert found["6.1%"].kind is Kind.ACTUAL  # a month already over is reported, not aimed at
    en = _dated("In November, imports fell 3.2 percent to $212 billion.", "2025-01-10")
    assert en["3.2 percent"].period == "2024-11"
    assert _dated("年内新建充电桩3000个。完成时限：9月底前。", "2025-02-01")["3000"].period == "2025"


def test_words_that_point_back_at_a_year_take_it() -> None:
    found = _dated("2023年，全市软件收入达到860亿元，相当于2018年的2.1倍。全年新增企业420家。", "2024-02-01")
    assert found["420"].period == "2023"  # 全年 is the year named before, not the comparison's base year
    ahead = _by_text("预计2040年总产值将达到约90万亿元；届时人均产值将达到4万美元左右。")
    assert ahead["4万美元"].period == "2040"


def test_the_whole_year_without_a_year_before_it_is_the_year_of_its_block() -> None:
    ctx = FigureContext(parse_doc_date("2031-02-27"), "2030")
    got = {q.text: q.period for q in extract_quantities("全年登记失业率平均为4.6%，12月份为4.3%。", ctx)}
    assert got == {"4.6%": "2030", "4.3%": "2030-12"}
    en = extract_quantities("In December the rate was 4.3%, while over the full year it averaged 4.6%.", ctx)
    assert [(q.text, q.period) for q in en] == [("4.3%", "2030-12"), ("4.6%", "2030")]
    # with no year for the block, the month is still the latest December before the document's date
    bare = extract_quantities("全年登记失业率平均为4.6%，12月份为4.3%。", FigureContext(parse_doc_date("2031-02-27")))
    assert bare[1].period == "2030-12"


def test_a_deadline_opening_a_clause_governs_the_list_after_it() -> None:
    found = _by_text("方案提出，到2028年全省算力规模达到60EFLOPS以上，数据中心累计达到120个，上云企业达到3万家。")
    assert {found[t].period for t in ("120", "3万")} == {"2028"}
    assert {str(found[t].kind) for t in ("120", "3万")} == {"target"}
    parts = _by_text("到2035年，产业规模力争达到2万亿元，2026—2035年年均增长9%以上；培育领军企业80家，独角兽企业15家。")
    assert parts["80"].period == parts["15"].period == "2035"


def test_a_goal_phrase_naming_a_year_dates_the_figures_of_its_sentence() -> None:
    found = _by_text("The strategy's targets for 2027 are to train 40,000 engineers and to raise the share of "
                     "digital services above 15 percent.")  # fmt: skip
    assert [(found[t].period, str(found[t].kind)) for t in ("40,000", "15 percent")] == [("2027", "target")] * 2


def test_a_passed_deadline_is_a_date_not_a_target() -> None:
    found = _dated("By 2020 the region accounted for 12.5 percent of national output.", "2023-06-01")
    assert (found["12.5 percent"].period, found["12.5 percent"].kind) == ("2020", Kind.ACTUAL)


def test_a_change_from_a_to_b_over_a_span_starts_and_ends_there() -> None:
    found = _by_text("Between 2014 and 2022, the number of registered robot makers rose from 120 to 980.")
    assert (found["120"].period, found["980"].period) == ("2014", "2022")
    zh = _by_text("2016—2021年，研发投入从1.6万亿元增加到2.8万亿元。")
    assert (zh["1.6万亿元"].period, zh["2.8万亿元"].period) == ("2016", "2021")


def test_rates_a_year_and_multiples_of_a_named_year_span_the_sentence() -> None:
    rate = _dated("Over the past five years, provincial S&T spending grew an estimated 7 percent a year.", "2025-03-01")
    assert rate["7 percent"].period == "2020-2024"
    assert _by_text("到2030年，产值力争为2025年的1.8倍左右。")["1.8倍"].period == "2025-2030"
    assert _by_text("Exports in 2023 were 3.4 times those of 2013.")["3.4 times"].period == "2013-2023"


def test_a_budget_request_and_a_plans_proposal_are_targets() -> None:
    assert _by_text("The FY2026 budget requests $4.4 billion for the agency.")["$4.4 billion"].kind is Kind.TARGET
    assert _by_text("规划提出，研发经费投入年均增长8%以上。")["8%"].kind is Kind.TARGET


def test_a_target_set_for_a_year_now_past_is_still_a_target() -> None:
    found = _dated("The roadmap set the domestic production rate at 49% by 2020 and 75% by 2030.", "2024-03-01")
    assert [str(found[t].kind) for t in ("49%", "75%")] == ["target", "target"]


def test_a_comparison_base_after_a_figure_does_not_date_it() -> None:
    found = _by_text("到2028年，全市关键工序数控化率达到72%，比2025年提高8个百分点。")
    assert (found["72%"].period, str(found["72%"].kind)) == ("2028", "target")


def test_a_change_against_a_base_year_is_dated_by_its_clause_not_the_base() -> None:
    """A growth rate stated against a base year, in either order and language, is the reviewed year's."""
    zh = _by_text("2025年，全市出口额317亿美元，比2024年增长6.2%；进口额884亿美元。")
    assert (zh["317亿美元"].period, zh["6.2%"].period) == ("2025", "2025")
    en = _by_text("In 2025 the port's exports reached USD 31.7 billion, up 6.2% on 2024.")
    assert (en["USD 31.7 billion"].period, en["6.2%"].period) == ("2025", "2025")
    assert _by_text("In 2024 revenue grew 4.1 percent over 2023.")["4.1 percent"].period != "2023"


def test_a_base_year_still_dates_the_base_value() -> None:
    """ "相当于2000年92.2万人的4.27倍": the figure right after the base year is the base's own value."""
    found = _by_text("2020年全市研发人员达到48.6万人，相当于2010年12.5万人的3.9倍。")
    assert (found["48.6万"].period, found["12.5万"].period) == ("2020", "2010")


def test_a_year_earlier_dates_the_earlier_level_and_not_a_change() -> None:
    """English releases date the earlier level beside the latest one: "up from 51% a year earlier" is the year
    before the one named; "rose 4.1% from a year earlier" is a change whose base that is (the change is the
    named year's)."""
    found = _by_text("In 2025 the domestic share was 58%, up from 51% a year earlier.")
    assert (found["58%"].period, found["51%"].period) == ("2025", "2024")
    two = _by_text("In 2025 output reached 9.8 million tonnes, up from 6.1 million tonnes two years earlier.")
    assert two["6.1 million tonnes"].period == "2023" and "two" not in two
    change = _by_text("In 2025 retail sales of the region rose 4.1% from a year earlier.")
    assert change["4.1%"].period == "2025"
    than = _by_text("In 2025 exports grew 6.0%, two points faster than the previous year.")
    assert than["6.0%"].period == "2025"


def test_part_of_a_year_hyphenated() -> None:
    """ "at end-2025", "by mid-2026": the year, as English releases print it; a name such as "Vision-2030"
    stays no time."""
    found = _by_text("Capacity reached 214 GWh at end-2025, up from 168 GWh a year earlier.")
    assert (found["214 GWh"].period, found["168 GWh"].period) == ("2025", "2024")
    assert _by_text("By mid-2026 capacity will reach 300 GWh.")["300 GWh"].period == "2026"
    assert _by_text("The Vision-2030 programme funds 12 laboratories.")["12"].period is None


def test_a_list_of_years_dates_the_figures_listed_respectively() -> None:
    """Years listed before 分别 (or before "respectively") pair in order with the figures of the run: each
    figure is its own year's, not the last year's (or none)."""
    zh = _by_text("到2027年底、2028年底，全市机器人产业规模分别达到210亿元、300亿元，企业分别达到90家、130家。")
    assert [zh[k].period for k in ("210亿元", "300亿元", "90", "130")] == ["2027", "2028", "2027", "2028"]
    review = _by_text("2024年、2025年全县粮食产量分别增长2.1%和3.4%。")
    assert (review["2.1%"].period, review["3.4%"].period) == ("2024", "2025")
    en = _by_text("Port throughput grew 4.2% and 7.9% in 2024 and 2025 respectively.")
    assert (en["4.2%"].period, en["7.9%"].period) == ("2024", "2025")
    names = _by_text("城镇和农村居民人均可支配收入分别增长4.3%、6.9%。")  # names listed, not years: left alone
    assert names["4.3%"].period is None


def test_the_starting_level_of_a_change_under_a_deadline_is_where_things_stand() -> None:
    """ "到2030年，森林覆盖率由当前的41%提高到45%": the deadline makes 45% a target; 41% is the current level."""
    found = _by_text("到2030年，全市森林覆盖率由当前的41%提高到45%。")
    assert (found["41%"].kind, found["45%"].kind) == (Kind.ACTUAL, Kind.TARGET)
    about = _by_text("到2027年，本地配套率由目前的约35%提高到55%。")
    assert (about["35%"].kind, about["55%"].kind) == (Kind.ACTUAL, Kind.TARGET)


def test_the_ends_of_a_change_keep_their_own_times() -> None:
    ctx = FigureContext(parse_doc_date("2031-04-02"), "2031")
    zh = {q.text: q for q in extract_quantities("到2036年，全区工业机器人密度由2030年的310台提高到520台。", ctx)}
    assert (zh["310"].period, str(zh["310"].kind)) == ("2030", "actual")  # the start's own year
    assert (zh["520"].period, str(zh["520"].kind)) == ("2036", "target")  # not the start's year
    now = {q.text: q for q in extract_quantities("到2036年，林地覆盖率从目前的41.5%提高到45%。", ctx)}
    assert (now["41.5%"].period, str(now["41.5%"].kind)) == ("2031", "actual")  # where things stand, not the deadline
    assert now["45%"].period == "2036"
    en = extract_quantities("By 2036 the fleet share is to rise from 12% in 2030 to 30%.", ctx)
    assert [(q.text, q.period, str(q.kind)) for q in en] == [("12%", "2030", "actual"), ("30%", "2036", "target")]
