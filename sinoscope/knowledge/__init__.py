"""Knowledge base: the policies, institutions, funds, supply chains, indicators, targets and observations
the reports describe, as typed, cited data that ships with sinoscope.

`load_bundled()` reads the curated YAML files; `KnowledgeBase` answers questions about them;
`linking` ties ingested passages, facts and table cells to entries; `check` verifies citations.
This layer never touches the store: the store saves and serves what it produces.
"""

from sinoscope.knowledge.actors import Company, Country, Industry, Institution, Policy
from sinoscope.knowledge.base import Citation, Entry, Named
from sinoscope.knowledge.chains import Component, FirmRole, MarketShare, Stage, StageMetric, SupplyChain
from sinoscope.knowledge.funds import CapitalFigure, FinancialStatement, Fund, FundPhase, Holding, PortfolioSnapshot
from sinoscope.knowledge.kb import NESTED_TYPES, TOP_TYPES, KnowledgeBase, display_name, type_name
from sinoscope.knowledge.loader import DataError, load_bundled, load_files
from sinoscope.knowledge.measures import Indicator, Observation, Target

__all__ = [
    "NESTED_TYPES",
    "TOP_TYPES",
    "CapitalFigure",
    "Citation",
    "Company",
    "Component",
    "Country",
    "DataError",
    "Entry",
    "FinancialStatement",
    "FirmRole",
    "Fund",
    "FundPhase",
    "Holding",
    "Indicator",
    "Industry",
    "Institution",
    "KnowledgeBase",
    "MarketShare",
    "Named",
    "Observation",
    "Policy",
    "PortfolioSnapshot",
    "Stage",
    "StageMetric",
    "SupplyChain",
    "Target",
    "display_name",
    "load_bundled",
    "load_files",
    "type_name",
]
