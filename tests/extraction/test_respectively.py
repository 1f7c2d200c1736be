"""Figures paired with a list of names by position: "A、B和C分别…X、Y和Z", "A and B rose X and Y, respectively"."""

from __future__ import annotations

from sinoscope.extraction.respectively import paired_names, respective_names


def _spans(text: str, figures: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for f in figures:
        i = text.index(f, pos)
        out.append((i, i + len(f)))
        pos = i + len(f)
    return out


def test_chinese_list_before_fenbie() -> None:
    text = "到2026年，全市与周边城市货物贸易、跨境投资和技术合同分别占比达25%、15%和8%。"
    names = respective_names(text, _spans(text, ["25%", "15%", "8%"]))
    assert names is not None
    assert [n[:4] for n in names] == ["全市与周", "跨境投资", "技术合同"]
    assert all(n.endswith("占比达") for n in names)


def test_english_list_with_respectively() -> None:
    text = "In 2025, wind, solar and hydro output rose 12%, 30% and 2% respectively."
    names = respective_names(text, _spans(text, ["12%", "30%", "2%"]))
    assert names is not None and names[1].startswith("solar") and names[2].startswith("hydro")
    text = "Exports and imports grew by 4 and 9 billion dollars, respectively."
    assert respective_names(text, _spans(text, ["4", "9"])) == ["Exports grew by", "imports grew by"]


def test_no_pairing_without_a_list_marker_or_with_words_between_figures() -> None:
    text = "Revenue was 5% and costs 3%."
    assert respective_names(text, _spans(text, ["5%", "3%"])) is None
    text = "针对首年零关税的1200种、三年内减税的800种商品"
    assert respective_names(text, _spans(text, ["1200", "800"])) is None


def test_name_count_must_match_figure_count() -> None:
    text = "工业和农业分别增长3%、4%和5%。"
    assert respective_names(text, _spans(text, ["3%", "4%", "5%"])) is None


def test_a_sentence_with_several_runs_pairs_each_run() -> None:
    text = "去年产值增长6%，工业和服务业分别增长4.8%和7.1%，进口和出口分别增长2%、3%。"
    spans = _spans(text, ["6%", "4.8%", "7.1%", "2%", "3%"])
    names = paired_names(text, list(reversed(spans)))  # any order in, keyed by the index given
    assert 4 not in names  # the lone 6% has no list
    assert names[3] == "工业增长" and names[2] == "服务业增长" and names[1] == "进口增长" and names[0] == "出口增长"


def test_the_words_before_of_or_de_are_shared_by_every_item() -> None:
    text = "Harbor exports of turbines, batteries and cables rose 14%, 37% and 6%, respectively."
    names = respective_names(text, _spans(text, ["14%", "37%", "6%"]))
    assert names is not None and names[1] == "Harbor exports of batteries rose"
    text = "全市的工业投资和民间投资分别增长8%和5%。"
    assert respective_names(text, _spans(text, ["8%", "5%"])) == ["全市的工业投资增长", "全市的民间投资增长"]
    text = "高技术制造业和装备制造业分别增长9%和7%。"  # no 的: where the first item starts is not known
    assert respective_names(text, _spans(text, ["9%", "7%"])) == ["高技术制造业增长", "装备制造业增长"]
