"""Knowledge-base fixtures: the bundled data (loaded once) and a way to load made-up data files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from sinoscope.knowledge import KnowledgeBase, load_bundled, load_files
from sinoscope.knowledge.loader import DataFile

LoadYaml = Callable[..., KnowledgeBase]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_bundled()


BASE = """
countries:
  - {id: cn, name: China}
  - {id: jp, name: Japan}
institutions:
  - {id: widget-ministry, name: Ministry of Widgets, kind: ministry, country: cn, aliases: [MOW]}
"""


@pytest.fixture
def load_yaml() -> LoadYaml:
    """Load YAML text given as name=text pairs (dedented), after a small shared base file."""

    def load(**files: str) -> KnowledgeBase:
        data = [DataFile("00_base.yaml", textwrap.dedent(BASE))]
        data += [DataFile(name.replace("_yaml", ".yaml"), textwrap.dedent(text)) for name, text in files.items()]
        return load_files(data)

    return load
