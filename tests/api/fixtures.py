"""Invented reports and a matching knowledge base for the API and browser tests.

Everything here is made up ("Freedonia", "gadgets"): the tests must not lean on the real corpus. One
report carries markup (`<script>`, an `onerror` image) to prove the pages show it as text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from sinoscope.app.pipeline import ensure_knowledge, ingest_paths
from sinoscope.app.stages import extract as extract_document
from sinoscope.knowledge.loader import DataFile
from sinoscope.retrieval.embedding import Matrix, normalize_rows
from sinoscope.retrieval.service import sync_dense_index
from sinoscope.store import open_store

GADGET_REPORT = """Gadget Industry Policy in Freedonia: An Invented Report for Tests

Table of Contents
Chapter 1 Gadget Policy Overview\t1
1.1 The Gadget Plan\t1
1.2 Outcomes\t2
Chapter 2 Gadget Funds\t3

Chapter 1 Gadget Policy Overview

1.1 The Gadget Plan

The Gadget Plan was announced by the Freedonia Gadget Council in 2016. It asked that the gadget \
self-sufficiency rate reach 40% by 2020 and 70% by 2025¹.

In 2019 the gadget self-sufficiency rate was 21.5%, well below the path the plan had set.

¹ Freedonia Gadget Council, Gadget Plan, 2016.

1.2 Outcomes

Table 1-1. Gadget self-sufficiency rate (%)
Year\t2017\t2018\t2019\t2020
Rate\t15.2\t18.0\t21.5\t26.3
Source: invented for tests.

By 2020 the rate had risen to 26.3%, and the Gadget Fund had invested RMB 98.5 billion in 42 companies.

Chapter 2 Gadget Funds

The Gadget Fund Phase I was launched in 2017 with registered capital of RMB 120 billion.
"""

HOSTILE_REPORT = """Hostile <b>Markup</b> Report

Chapter 1 Markup in Text

Sprocket output rose to 12% in 2020 <script>window.__pwned = true; document.title = "pwned";</script> \
and nothing else happened.

An image tag <img src="x" onerror="window.__pwned = true"> must show as plain text, like <iframe src="/"></iframe>.
"""

KB_YAML = """
countries:
  - {id: fd, name: Freedonia}
  - {id: sy, name: Sylvania}
institutions:
  - {id: gadget-council, name: Freedonia Gadget Council, kind: government, country: fd}
industries:
  - {id: gadgets, name: Gadgets}
companies:
  - {id: acme-gadgets, name: Acme Gadgets, country: fd, ownership: private}
  - {id: globex-widgets, name: Globex Widgets, country: sy, ownership: foreign}
policies:
  - id: gadget-plan
    name: Gadget Plan
    aliases: [Freedonia Gadget Plan]
    kind: plan
    issuer: [gadget-council]
    country: fd
    date: 2016
    status: in-force
    summary: An invented plan that sets self-sufficiency targets for gadgets.
    sources: [{anchor: "901#1.1¶1", quote_value: "2016"}]
  - id: sprocket-act
    name: Sprocket Act
    kind: law
    country: fd
    date: 2012-05
    status: in-force
indicators:
  - id: gadget-self-sufficiency
    name: Gadget self-sufficiency rate
    aliases: [gadget self-sufficiency]
    definition: Share of Freedonia's gadget market supplied by gadgets made in Freedonia.
    unit: "%"
    sources: [{anchor: "901#1.1¶2", quote_value: "21.5%"}]
  - id: sprocket-output
    name: Sprocket output growth
    definition: Growth of sprocket output.
    unit: "%"
targets:
  - id: gadget-plan-2020
    indicator: gadget-self-sufficiency
    policy: gadget-plan
    subject: fd
    value: 40
    unit: "%"
    year: 2020
    sources: [{anchor: "901#1.1¶1", quote_value: "40%"}]
  - id: gadget-plan-2025
    indicator: gadget-self-sufficiency
    policy: gadget-plan
    subject: fd
    value: 70
    unit: "%"
    year: 2025
    sources: [{anchor: "901#1.1¶1", quote_value: "70%"}]
series:
  - indicator: gadget-self-sufficiency
    entity: fd
    unit: "%"
    publisher: Freedonia statistics office
    anchor: "901#table-1-1"
    points: {2017: "15.2", 2018: "18.0", 2019: "21.5", 2020: "26.3"}
observations:
  - {indicator: sprocket-output, entity: fd, period: 2020, value: 12, unit: "%",
     sources: [{source: "An outside yearbook"}]}
  - {indicator: gadget-self-sufficiency, entity: fd, period: 2019, value: 19.0, unit: "%",
     publisher: Sylvania trade office, sources: [{source: "Sylvania trade office yearbook"}]}
funds:
  - id: gadget-fund
    name: Gadget Fund
    aliases: [Freedonia Gadget Fund]
    kind: state-investment-fund
    country: fd
    established_by: gadget-plan
    sources: [{anchor: "901#2¶1", quote_value: "Gadget Fund"}]
    phases:
      - id: gadget-fund-phase-1
        name: Gadget Fund Phase I
        launched: 2017
        capital:
          - {kind: registered, value: 120000000000, currency: CNY, sources: [{anchor: "901#2¶1", quote_value: "120"}]}
    snapshots:
      - id: gadget-fund-phase-1-2020
        phase: gadget-fund-phase-1
        as_of: 2020
        compiled_by: invented report 901
        holdings:
          - {sector: Assembly, companies: 30, amount: 60000000000,
             sources: [{anchor: "901#1.2¶1", quote_value: "98.5"}]}
          - {sector: Design, companies: 12, amount: 38500000000, sources: [{anchor: "901#1.2¶1", quote_value: "42"}]}
supply_chains:
  - id: fd-gadgets
    name: Gadget supply chain
    industry: gadgets
    country: fd
    stages:
      - id: gadget-upstream
        name: Upstream gadget parts
        position: 1
        metrics:
          - {metric: rd-intensity, period: 2020, value: 6, unit: "%",
             sources: [{anchor: "901#1.2¶1", quote_value: "26.3"}]}
        components:
          - id: gadget-chips
            name: Gadget chips
            firms:
              - {company: acme-gadgets, origin: domestic}
              - {company: globex-widgets, origin: foreign}
            domestic_share:
              - {holder: fd, share: 28, market: china, year: 2020,
                 sources: [{anchor: "901#1.2¶1", quote_value: "26.3"}]}
            shares:
              - {holder: sy, share: 60, rank: 1, firm: globex-widgets, year: 2020}
      - id: gadget-midstream
        name: Gadget assembly
        position: 2
"""

KB_FILES = [DataFile("fixture.yaml", KB_YAML)]


class WordHashEmbedder:
    """Bag of hashed words: texts sharing words get close vectors, with no model at all."""

    name = "word-hash"
    dim = 64

    def encode(self, texts: list[str] | tuple[str, ...]) -> Matrix:  # type: ignore[override]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        return normalize_rows(out + 1e-6)


def build_store(folder: Path, *, dense: bool = True, db: str | Path | None = None) -> Path | str:
    """Ingest the invented reports (real structure recovery and extraction), load the fixture knowledge
    base and link it, and build a dense index with the word-hash embedder; returns the database location
    (a SQLite file in `folder`, or `db`, e.g. a PostgreSQL URL)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "901_gadget_policy.txt").write_text(GADGET_REPORT, encoding="utf-8")
    (folder / "902_hostile_markup.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    db = db if db is not None else folder / "web.sqlite"
    with open_store(db) as store:
        report = ingest_paths(
            store, [folder / "901_gadget_policy.txt", folder / "902_hostile_markup.txt"], extract=extract_document
        )
        assert not report.errors, report.errors
        ensure_knowledge(store, files=KB_FILES)
        if dense:
            sync_dense_index(store, db, embedder=WordHashEmbedder())
    return db
