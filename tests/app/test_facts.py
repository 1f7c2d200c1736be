"""app.facts: filters, tables and their tidy records, export records in the brief's field names, and
quantities read from raw bytes, over the invented Freedonia reports."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from api.fixtures import build_store

from sinoscope.app import facts
from sinoscope.errors import InputError, NotFoundError
from sinoscope.store import open_store
from sinoscope.store.base import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(build_store(tmp_path_factory.mktemp("facts"), dense=False), create=False) as s:
        yield s


def test_choice_lowercases_and_names_the_choices() -> None:
    assert facts.choice("kind", " Target ", facts.KINDS) == "target"
    assert facts.choice("kind", None, facts.KINDS) is None
    with pytest.raises(InputError) as err:
        facts.choice("format", "xml", facts.FORMATS)
    assert str(err.value) == "format 'xml': expected one of jsonl, csv"


def test_find_facts_filters_and_checks_the_document(store: Store) -> None:
    targets = facts.find_facts(store, " 901 ", kind="target")
    assert [(f.text, f.period) for f in targets] == [("40%", "2020"), ("70%", "2025")]
    assert all(f.unit == "CNY" for f in facts.find_facts(store, unit="CNY"))
    assert facts.find_facts(store, text="no such words") == []
    with pytest.raises(NotFoundError):
        facts.find_facts(store, "404")


def test_a_unit_filter_understands_the_abbreviations_users_type(store: Store) -> None:
    assert facts.find_facts(store, unit="rmb") == facts.find_facts(store, unit="CNY") != []
    points = facts.find_facts(store, unit="percentage points")
    assert facts.find_facts(store, unit="pp") == points


def test_tables_their_readings_and_records(store: Store) -> None:
    assert [b.anchor for b in facts.table_blocks(store)] == ["901#table-1-1"]
    assert facts.table_blocks(store, "902") == []
    (summary,) = facts.tables(store, "901")
    assert (summary.anchor, summary.doc_id, summary.label, summary.rows) == ("901#table-1-1", "901", "1-1", 2)
    (reading,) = facts.table_readings(store)
    assert reading.understood and len(reading.records) == 4
    assert facts.reading_record(reading)["records"] == 4
    assert [r.period for r in facts.table_records(store, "901#table-1-1")] == ["2017", "2018", "2019", "2020"]
    with pytest.raises(NotFoundError, match="not a table"):
        facts.table_records(store, "901#1.1p1")


def test_table_export_names_the_file_and_refuses_an_empty_anchor(store: Store) -> None:
    first = facts.table_export(store, table="901#table-1-1")[0]
    assert tuple(first) == facts.TABLE_FIELDS
    assert (first["doc"], first["doc_id"], first["row_label"], first["value"]) == (
        "901_gadget_policy.txt", "901", "Rate", 15.2,
    )  # fmt: skip
    assert facts.table_export(store, doc="902") == []
    with pytest.raises(NotFoundError, match="no table records"):
        facts.table_export(store, table="901#table-9-9")


def test_records_are_written_as_json_lines_or_csv(store: Store) -> None:
    records = [facts.fact_record(f) for f in facts.find_facts(store, "901", kind="target")]
    assert tuple(records[0]) == facts.FACT_FIELDS
    lines, table = io.StringIO(), io.StringIO()
    assert facts.write_records(lines, records, "jsonl", facts.FACT_FIELDS) == 2
    assert [json.loads(x)["text"] for x in lines.getvalue().splitlines()] == ["40%", "70%"]
    assert facts.write_records(table, records, "csv", facts.FACT_FIELDS) == 2
    header, row = table.getvalue().splitlines()[:2]
    assert header == ",".join(facts.FACT_FIELDS)
    assert ",," in row  # null as an empty cell (value_max)


def test_quantities_from_bytes_and_binary_refused() -> None:
    found = facts.quantities_in_bytes(b"It rose 12% in 2020 to RMB 3.5 billion.\n")
    assert [q.text for q in found] == ["12%", "RMB 3.5 billion"]
    assert tuple(facts.quantity_record(found[0])) == facts.QUANTITY_FIELDS
    with pytest.raises(InputError, match="binary content"):
        facts.quantities_in_bytes(b"\x00\x01\x02binary\x00\x00")
