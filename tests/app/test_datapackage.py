"""The observatory as a Frictionless Data Package: every table a CSV, described column by column."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from api.fixtures import build_store

from sinoscope.app.datapackage import export_observatory
from sinoscope.store import open_store


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pkg")
    with open_store(build_store(folder / "db", dense=False)) as store:
        report = export_observatory(store, folder / "out")
    assert report.rows["facts"] > 0 and report.rows["observations"] > 0
    return folder / "out"


def test_every_resource_is_a_described_csv(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    names = [r["name"] for r in descriptor["resources"]]
    assert names == ["documents", "facts", "table_cells", "indicators", "observations", "targets"]
    for r in descriptor["resources"]:
        with (package / r["path"]).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [f["name"] for f in r["schema"]["fields"]]
    assert not list(package.glob("*.tmp"))


def test_figures_keep_their_value_type_and_anchor(package: Path) -> None:
    with (package / "facts.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["text"] == "21.5%")
    assert (float(row["value"]), row["unit"], row["period"], row["section"]) == (21.5, "%", "2019", "901#1.1¶2")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")
    types = {f["name"]: f["type"] for f in facts["schema"]["fields"]}
    assert (types["value"], types["start"], types["text"]) == ("number", "integer", "string")
    with (package / "observations.csv").open(encoding="utf-8", newline="") as fh:
        obs = {r["id"]: r for r in csv.DictReader(fh)}
    assert any(r["sources"].startswith("901#") for r in obs.values())


@pytest.mark.skipif(importlib.util.find_spec("frictionless") is None, reason="frictionless not installed")
def test_the_frictionless_library_validates_it(package: Path) -> None:
    from frictionless import validate

    assert validate(str(package / "datapackage.json")).valid
