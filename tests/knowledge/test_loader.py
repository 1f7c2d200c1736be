"""Loading curated YAML: compact forms expand to cited entries; errors name the file and the entry."""

from __future__ import annotations

import pytest

from sinoscope.errors import InputError
from sinoscope.knowledge import DataError, Fund, Observation
from sinoscope.knowledge.loader import DataFile, digest_of, observation_id

from .conftest import LoadYaml

POLICY = """
policies:
  - id: widget-plan
    name: Widget Self-Reliance Plan
    aliases: [WSP]
    kind: plan
    issuer: [widget-ministry]
    country: cn
    date: 2019-03-02
    sources: [{anchor: "900#1.1¶1", quote_value: "2019"}]
indicators:
  - {id: widget-rate, name: Widget domestic rate, definition: Share made at home., unit: "%"}
"""


def test_series_keyed_by_period_become_cited_observations(load_yaml: LoadYaml) -> None:
    kb = load_yaml(
        a_yaml=POLICY,
        b_yaml="""
        series:
          - indicator: widget-rate
            entity: cn
            unit: CNY
            scale: 1.0e4
            anchor: "900#table-1-1"
            points: {2019: "1,200", 2020: "– 35.5", 2021: null}
        """,
    )
    obs = sorted(kb.observations(indicator="widget-rate"), key=lambda o: o.period)
    assert [(o.period, o.value) for o in obs] == [("2019", 12_000_000.0), ("2020", -355_000.0)]
    assert obs[0].sources[0].anchor == "900#table-1-1"
    assert obs[0].sources[0].quote_value == "1,200"
    assert obs[0].id == "obs-widget-rate-cn-2019-900"


def test_series_keyed_by_entity_or_dimension(load_yaml: LoadYaml) -> None:
    kb = load_yaml(
        a_yaml=POLICY,
        b_yaml="""
        series:
          - {indicator: widget-rate, period: 2020, by: entity, unit: "%", anchor: "900#table-1-1",
             points: {cn: "40", jp: "55.5%"}}
          - {indicator: widget-rate, entity: cn, period: 2021, by: dimension, dimension: Gears, unit: "%",
             anchor: "900#table-1-2", points: {small: "10", large: "20"}}
        """,
    )
    by_entity = {o.entity: o.value for o in kb.observations(period="2020")}
    assert by_entity == {"cn": 40.0, "jp": 55.5}
    dims = sorted(o.dimension or "" for o in kb.observations(period="2021"))
    assert dims == ["Gears: large", "Gears: small"]


def test_fund_statements_and_snapshot_tables_cite_every_cell(load_yaml: LoadYaml) -> None:
    kb = load_yaml(
        a_yaml=POLICY,
        funds_yaml="""
        funds:
          - id: widget-fund
            name: National Widget Fund
            aliases: [Widget Fund, the Gear Fund]
            kind: state-investment-fund
            established_by: widget-plan
            phases: [{id: widget-fund-1, name: Widget Fund Phase I}]
            statements:
              - phase: widget-fund-1
                scale: 1.0e8
                anchor: "900#table-2-1"
                columns: [total_assets, total_liabilities, shareholders_equity]
                rows: {2020: ["10.5", "0.5", "10.0"], 2021: ["12.0", "-", null]}
            snapshots:
              - id: widget-fund-1-2021
                phase: widget-fund-1
                as_of: 2021-06-30
                scale: 1.0e4
                table:
                  anchor: "900#table-2-2"
                  columns: [sector, companies, amount]
                  rows: [[Gears, "2", "1,500"], [Design, "3", "250"]]
                  total_companies: "5"
                  total_amount: "1,750"
        """,
    )
    fund = kb.get("widget-fund")
    assert isinstance(fund, Fund)
    st2020 = fund.statements[0]
    assert st2020.total_assets == pytest.approx(10.5e8)
    assert st2020.balance_gap() == pytest.approx(0.0)
    assert [c.quote_value for c in st2020.sources] == ["10.5", "0.5", "10.0"]
    snap = fund.snapshots[0]
    assert snap.total_amount == pytest.approx(17_500_000)
    assert [(h.sector, h.companies, h.amount) for h in snap.sectors()] == [
        ("Gears", 2, 15_000_000.0),
        ("Design", 3, 2_500_000.0),
    ]
    assert kb.fund_of("widget-fund-1") is fund
    assert kb.find("widget-fund-1-2021") is snap


def test_dash_cells_print_nothing_and_words_are_refused(load_yaml: LoadYaml) -> None:
    kb = load_yaml(
        a_yaml=POLICY,
        b_yaml="""
        series:
          - {indicator: widget-rate, entity: cn, unit: "%", anchor: "900#1¶1", points: {2020: "-", 2021: "3"}}
        """,
    )
    assert [o.period for o in kb.of(Observation)] == ["2021"]
    with pytest.raises(DataError, match="not a printed number"):
        load_yaml(
            a_yaml=POLICY,
            b_yaml="""
            series:
              - {indicator: widget-rate, entity: cn, unit: "%", anchor: "900#1¶1", points: {2020: "n/a"}}
            """,
        )


def test_errors_name_the_file_and_the_entry(load_yaml: LoadYaml) -> None:
    with pytest.raises(DataError) as err:
        load_yaml(bad_yaml="policies:\n  - {id: ok, name: Plan, kind: plan}\n  - {id: p2, name: P, kind: decree}\n")
    message = str(err.value)
    assert message.startswith("bad.yaml: policies[1] (id 'p2'): kind:")
    assert isinstance(err.value, InputError)


def test_broken_reference_is_reported_with_its_field(load_yaml: LoadYaml) -> None:
    with pytest.raises(DataError, match=r"t.yaml: targets\[0\] \(id 'wt'\): wt: indicator refers to unknown id"):
        load_yaml(
            a_yaml=POLICY,
            t_yaml="""
            targets:
              - {id: wt, indicator: no-such-indicator, policy: widget-plan, value: 50, unit: "%", year: 2030}
            """,
        )


def test_yaml_syntax_errors_give_the_line(load_yaml: LoadYaml) -> None:
    with pytest.raises(DataError, match=r"broken.yaml: not valid YAML at line \d+: "):
        load_yaml(broken_yaml="policies:\n  - id: x\n    name: [unclosed\n")


def test_unknown_sections_and_duplicate_ids_are_refused(load_yaml: LoadYaml) -> None:
    with pytest.raises(DataError, match="unknown section 'polices'"):
        load_yaml(a_yaml="polices: []\n")
    with pytest.raises(DataError, match="already used"):
        load_yaml(a_yaml=POLICY, b_yaml="policies:\n  - {id: widget-plan, name: Again, kind: plan}\n")


def test_a_float_quote_must_be_written_as_printed(load_yaml: LoadYaml) -> None:
    with pytest.raises(DataError, match="as printed"):
        load_yaml(
            a_yaml=POLICY,
            b_yaml="""
            observations:
              - {indicator: widget-rate, entity: cn, period: 2020, value: 69, unit: "%",
                 sources: [{anchor: "900#1¶1", quote_value: 69.00}]}
            """,
        )


def test_same_observation_twice_needs_a_tag(load_yaml: LoadYaml) -> None:
    twice = """
    observations:
      - {indicator: widget-rate, entity: cn, period: 2020, printed: "7.8", unit: "%", sources: [{anchor: "900#1¶1"}]}
      - {indicator: widget-rate, entity: cn, period: 2020, printed: "7.0", unit: "%", sources: [{anchor: "900#1¶2"}]}
    """
    with pytest.raises(DataError, match="already used"):
        load_yaml(a_yaml=POLICY, b_yaml=twice)
    tagged = twice.replace('"7.0", unit', '"7.0", tag: table, unit')
    kb = load_yaml(a_yaml=POLICY, b_yaml=tagged)
    values = sorted(o.value for o in kb.of(Observation))
    assert values == [7.0, 7.8]
    assert observation_id({"indicator": "i", "entity": "cn", "period": "2020", "tag": "table"}) == "obs-i-cn-2020-table"


def test_digest_follows_the_content() -> None:
    a = [DataFile("a.yaml", "policies: []\n")]
    assert digest_of(a) == digest_of([DataFile("a.yaml", "policies: []\n")])
    assert digest_of(a) != digest_of([DataFile("a.yaml", "policies: []\n# edited\n")])
