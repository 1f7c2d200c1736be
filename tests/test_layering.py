"""The package reads top to bottom: a lower layer never imports a higher one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sinoscope"
LAYERS = [
    "errors",
    "sources",
    "documents",
    "extraction",
    "knowledge",
    "store",
    "retrieval",
    "analysis",
    "answer",
    "app",
    "interfaces",
]


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "sinoscope" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out.extend(alias.name for alias in node.names)
    return out


def test_no_module_imports_a_higher_layer() -> None:
    wrong: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = _layer("sinoscope." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        if own is None:
            continue
        for module in _imports(path):
            other = _layer(module)
            if other is not None and LAYERS.index(other) > LAYERS.index(own):
                wrong.append(f"{path.relative_to(PACKAGE.parent)} ({own}) imports {module} ({other})")
    assert not wrong, "\n".join(wrong)


def test_every_subpackage_has_a_place_in_the_order() -> None:
    subpackages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert subpackages <= set(LAYERS), subpackages - set(LAYERS)
