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
        elif _is_import_module_call(node):  # importlib.import_module("sinoscope.x"): an import all the same
            out.append(node.args[0].value)  # type: ignore[attr-defined]
    return out


def _is_import_module_call(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name == "import_module" and isinstance(node.args[0].value, str)


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


# The interfaces (CLI, API, pages) parse input and render results: they call the application layer and name
# the domain types its results are made of, nothing below. Modules here hold types only (dataclasses, enums,
# protocols), no use case.
DOMAIN_TYPES = {
    "sinoscope",
    "sinoscope.errors",
    "sinoscope.documents.model",
    "sinoscope.extraction.model",
    "sinoscope.store.base",
    "sinoscope.knowledge.base",
    "sinoscope.knowledge.measures",
    "sinoscope.analysis.findings",
}


def _module_allowed_in_interfaces(module: str) -> bool:
    return module in DOMAIN_TYPES or module.startswith(("sinoscope.app", "sinoscope.interfaces"))


def test_interfaces_import_only_the_application_layer_and_domain_types() -> None:
    wrong: list[str] = []
    for path in sorted((PACKAGE / "interfaces").rglob("*.py")):
        for module in _imports(path):
            if module.startswith("sinoscope") and not _module_allowed_in_interfaces(module):
                wrong.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    assert not wrong, f"{len(wrong)} imports below the application layer:\n" + "\n".join(wrong)


def test_the_interfaces_stay_small() -> None:
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in (PACKAGE / "interfaces").rglob("*.py"))
    assert lines < 3000, f"sinoscope/interfaces has {lines} lines of Python; use cases belong in sinoscope/app"


def _windows(path: Path, size: int) -> dict[tuple[str, ...], int]:
    """Every run of `size` non-blank lines (stripped), by where it starts; imports and brackets alone skipped."""
    lines = [(i, ln.strip()) for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
    body = [(i, s) for i, s in lines if s and not s.startswith(("import ", "from ", "#"))]
    out: dict[tuple[str, ...], int] = {}
    for k in range(len(body) - size + 1):
        run = tuple(s for _, s in body[k : k + size])
        if sum(len(s) > 3 for s in run) >= size - 1:  # not a run of closing brackets
            out.setdefault(run, body[k][0])
    return out


def test_no_six_line_block_is_repeated_inside_the_interfaces() -> None:
    seen: dict[tuple[str, ...], str] = {}
    repeated: list[str] = []
    for path in sorted((PACKAGE / "interfaces").rglob("*.py")):
        for run, line in _windows(path, 6).items():
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if run in seen:
                repeated.append(f"{where} repeats {seen[run]}")
            else:
                seen[run] = where
    assert not repeated, "\n".join(repeated)
