"""Read the curated YAML files into a validated `KnowledgeBase`.

Each file is a mapping from a section name ("policies", "targets", "series"...) to a list of entries.
Besides plain entries, three compact forms keep tables readable and cite every printed cell:

- `series`: one indicator's printed values by period → one `Observation` per point;
- a fund statement with `columns` and `rows` → one `FinancialStatement` per row;
- a portfolio snapshot with a `table` of [sector, companies, amount] rows → `Holding`s.

Every error names the file and the entry ("funds.yaml: funds[0] (id 'big-fund'): ..."), because the
data is edited by hand and reviewed in code review.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]
from pydantic import ValidationError

from sinoscope.errors import InputError
from sinoscope.knowledge.base import Entry
from sinoscope.knowledge.kb import TOP_TYPES, KnowledgeBase
from sinoscope.knowledge.measures import Observation
from sinoscope.knowledge.quotes import parse_printed

SCHEMA_VERSION = "1"

SECTIONS: dict[str, str] = {
    "countries": "country",
    "institutions": "institution",
    "companies": "company",
    "industries": "industry",
    "policies": "policy",
    "funds": "fund",
    "supply_chains": "supply_chain",
    "indicators": "indicator",
    "targets": "target",
    "observations": "observation",
    "series": "observation",
}

_SLUG = re.compile(r"[^a-z0-9]+")


class DataError(InputError):
    """A curated data file is malformed; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class DataFile:
    name: str
    text: str


def bundled_files() -> list[DataFile]:
    """The data files shipped with the package, by name."""
    root = resources.files("sinoscope.knowledge").joinpath("data")
    return _read_dir(root)


def _read_dir(root: Traversable) -> list[DataFile]:
    files = [e for e in root.iterdir() if e.name.endswith((".yaml", ".yml")) and e.is_file()]
    return [DataFile(e.name, e.read_text(encoding="utf-8")) for e in sorted(files, key=lambda e: e.name)]


def files_in(folder: Path) -> list[DataFile]:
    if not folder.is_dir():
        raise DataError(folder, "not a folder of knowledge data files")
    return [DataFile(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.y*ml"))]


def digest_of(files: Iterable[DataFile]) -> str:
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for f in files:
        h.update(f.name.encode() + b"\0" + f.text.encode() + b"\0")
    return h.hexdigest()[:16]


def load_bundled() -> KnowledgeBase:
    return load_files(bundled_files())


def load_files(files: list[DataFile]) -> KnowledgeBase:
    entries: list[Entry] = []
    origin: dict[str, str] = {}
    for f in files:
        for entry, where in _load_file(f):
            if entry.id in origin:
                raise DataError(f.name, f"{where}: id {entry.id!r} is already used in {origin[entry.id]}")
            origin[entry.id] = f"{f.name}: {where}"
            entries.append(entry)
    try:
        kb = KnowledgeBase(tuple(entries), digest_of(files))
    except ValueError as err:  # a nested id repeats a top-level one
        raise DataError(files[0].name if files else "knowledge", str(err)) from err
    problems = kb.problems()
    if problems:
        first = problems[0]
        owner = kb.parent_of(first.entry)
        where = origin.get(first.entry) or (origin.get(owner.id) if owner else None) or first.entry
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(where.split(": ", 1)[0], f"{where.split(': ', 1)[-1]}: {first}{more}")
    return kb


def _load_file(f: DataFile) -> list[tuple[Entry, str]]:
    try:
        doc = yaml.safe_load(f.text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        raise DataError(f.name, f"not valid YAML{line}: {getattr(err, 'problem', err)}") from err
    if doc is None:
        return []
    if not isinstance(doc, dict):
        raise DataError(f.name, "expected a mapping of sections (policies:, targets:, ...)")
    out: list[tuple[Entry, str]] = []
    for section, items in doc.items():
        if section not in SECTIONS:
            raise DataError(f.name, f"unknown section {section!r} (known: {', '.join(SECTIONS)})")
        if not isinstance(items, list):
            raise DataError(f.name, f"section {section!r} must be a list of entries")
        cls = TOP_TYPES[SECTIONS[section]]
        for i, raw in enumerate(items):
            where = _where(section, i, raw)
            if not isinstance(raw, dict):
                raise DataError(f.name, f"{where}: an entry must be a mapping")
            try:
                if section == "series":
                    out.extend((e, f"{where} ({e.id})") for e in _expand_series(raw))
                    continue
                out.append((_validate(cls, _expand(section, raw)), where))
            except (ValidationError, ValueError, TypeError, KeyError) as err:
                raise DataError(f.name, f"{where}: {_describe(err)}") from err
    return out


def _where(section: str, i: int, raw: Any) -> str:
    ident = raw.get("id") or raw.get("indicator") if isinstance(raw, dict) else None
    return f"{section}[{i}]" + (f" (id {ident!r})" if ident else "")


def _validate(cls: type[Entry], data: Mapping[str, Any]) -> Entry:
    return cls.model_validate(data)


def _describe(err: Exception) -> str:
    if isinstance(err, ValidationError):
        parts = []
        for e in err.errors()[:3]:
            loc = ".".join(str(x) for x in e["loc"])
            msg = e["msg"].removeprefix("Value error, ")
            parts.append(f"{loc}: {msg}" if loc else msg)
        more = f" (and {err.error_count() - 3} more)" if err.error_count() > 3 else ""
        return "; ".join(parts) + more
    if isinstance(err, KeyError):
        return f"missing key {err.args[0]!r}"
    return str(err)


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def observation_id(data: Mapping[str, Any]) -> str:
    """A stable id from what the observation is: indicator, entity, period, breakdown, source."""
    parts = ["obs", str(data["indicator"]), str(data["entity"]), str(data["period"])]
    if data.get("dimension"):
        parts.append(slug(str(data["dimension"])))
    tag = data.get("tag")
    if tag:
        parts.append(slug(str(tag)))
    else:
        doc = _first_doc(data.get("sources") or ())
        if doc:
            parts.append(doc)
    return slug("-".join(parts))


def _first_doc(sources: Iterable[Any]) -> str | None:
    for s in sources:
        anchor = s.get("anchor") if isinstance(s, dict) else None
        if isinstance(anchor, str) and "#" in anchor:
            return anchor.split("#", 1)[0]
    return None


# -- compact forms --------------------------------------------------------------------------------


def _expand(section: str, raw: dict[str, Any]) -> dict[str, Any]:
    data = dict(raw)
    if section == "observations":
        data = _observation_from_printed(data)
        if "id" not in data:
            data["id"] = observation_id(data)
        data.pop("tag", None)
    elif section == "funds":
        data["statements"] = [_expand_statements(s) for s in data.get("statements", ())]
        data["statements"] = [st for group in data["statements"] for st in group]
        data["snapshots"] = [_expand_snapshot(s) for s in data.get("snapshots", ())]
    return data


def _observation_from_printed(data: dict[str, Any]) -> dict[str, Any]:
    """`printed: "1,042,448"` with `scale` gives `value`; the printed text becomes the quote if none."""
    if "printed" not in data:
        return data
    printed = _text(data.pop("printed"), "printed")
    scale = float(data.get("scale", 1.0))
    data["value"] = parse_printed(printed) * scale
    if "printed_max" in data:
        data["value_max"] = parse_printed(_text(data.pop("printed_max"), "printed_max")) * scale
    sources = [dict(s) for s in data.get("sources", ())]
    for s in sources:
        if s.get("anchor") and "quote_value" not in s:
            s["quote_value"] = printed
    data["sources"] = sources
    return data


_SERIES_KEYS = {
    "indicator",
    "entity",
    "period",
    "by",
    "unit",
    "per",
    "scale",
    "dimension",
    "kind",
    "publisher",
    "as_of",
    "method",
    "approx",
    "tag",
    "anchor",
    "source",
    "url",
    "note",
    "points",
}


def _expand_series(raw: dict[str, Any]) -> list[Observation]:
    """One observation per point. Points are keyed `by` period (default), dimension or entity; the other two
    are fixed for the whole series."""
    unknown = set(raw) - _SERIES_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) in a series: {', '.join(sorted(unknown))}")
    by = raw.get("by", "period")
    if by not in ("period", "dimension", "entity"):
        raise ValueError(f"by must be period, dimension or entity, not {by!r}")
    points = raw["points"]
    if not isinstance(points, dict) or not points:
        raise ValueError(f"points must be a mapping of {by} → value as printed")
    base = {k: v for k, v in raw.items() if k not in {"points", "anchor", "source", "url", "note", "by"}}
    out: list[Observation] = []
    for key, printed in points.items():
        if _blank(printed):
            continue  # a dash in the table: nothing printed for this cell
        cite: dict[str, Any] = {}
        if raw.get("anchor"):
            cite = {"anchor": raw["anchor"], "quote_value": _text(printed, f"point {key}")}
        elif raw.get("source"):
            cite = {"source": raw["source"]}
            if raw.get("url"):
                cite["url"] = raw["url"]
        else:
            raise ValueError("a series needs an `anchor` (report passage) or a `source`")
        if raw.get("note"):
            cite["note"] = raw["note"]
        data = {**base, "printed": printed, "sources": [cite]}
        if by == "dimension" and base.get("dimension"):
            data["dimension"] = f"{base['dimension']}: {key}"
        else:
            data[by] = str(key)
        data = _observation_from_printed(data)
        data["id"] = observation_id(data)
        data.pop("tag", None)
        try:
            out.append(Observation.model_validate(data))
        except ValidationError as err:
            raise ValueError(f"point {key}: {_describe(err)}") from err
    return out


_STATEMENT_FIELDS = {
    "operating_revenue",
    "net_profit",
    "total_assets",
    "total_liabilities",
    "shareholders_equity",
    "capital_stock",
}


def _expand_statements(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, dict) or "rows" not in raw:
        return [raw]
    columns = raw["columns"]
    bad = [c for c in columns if c not in _STATEMENT_FIELDS]
    if bad:
        raise ValueError(f"statement columns {bad} are not among {sorted(_STATEMENT_FIELDS)}")
    scale = float(raw.get("scale", 1.0))
    out = []
    for period, cells in raw["rows"].items():
        if len(cells) != len(columns):
            raise ValueError(f"statement row {period}: {len(cells)} cells for {len(columns)} columns")
        st: dict[str, Any] = {
            "phase": raw["phase"],
            "period": str(period),
            "currency": raw.get("currency", "CNY"),
            "scale": scale,
            "sources": [],
        }
        for col, cell in zip(columns, cells, strict=True):
            if _blank(cell):
                continue
            printed = _text(cell, f"{period}.{col}")
            st[col] = parse_printed(printed) * scale
            st["sources"].append({"anchor": raw["anchor"], "quote_value": printed})
        out.append(st)
    return out


_TABLE_COLUMNS = {"sector", "companies", "amount"}


def _expand_snapshot(raw: Any) -> Any:
    if not isinstance(raw, dict) or "table" not in raw:
        return raw
    data = {k: v for k, v in raw.items() if k != "table"}
    table = raw["table"]
    columns = table["columns"]
    if set(columns) - _TABLE_COLUMNS:
        raise ValueError(f"snapshot table columns must be among {sorted(_TABLE_COLUMNS)}")
    scale = float(raw.get("scale", 1.0))
    anchor = table["anchor"]
    holdings = list(data.get("holdings", ()))
    for row in table["rows"]:
        cells = dict(zip(columns, row, strict=True))
        h: dict[str, Any] = {"sector": str(cells["sector"]), "sources": []}
        for key, convert in (("companies", _to_int), ("amount", lambda v: v * scale)):
            if key in cells and not _blank(cells[key]):
                printed = _text(cells[key], f"{cells['sector']}.{key}")
                h[key] = convert(parse_printed(printed))
                h["sources"].append({"anchor": anchor, "quote_value": printed})
        holdings.append(h)
    data["holdings"] = holdings
    for key, convert in (("total_companies", _to_int), ("total_amount", lambda v: v * scale)):
        printed_total = table.get(key)
        if printed_total is not None:
            data[key] = convert(parse_printed(_text(printed_total, key)))
            data.setdefault("sources", [])
            data["sources"] = [*data["sources"], {"anchor": anchor, "quote_value": _text(printed_total, key)}]
    return data


_DASHES = {"", "-", "–", "—", "_"}


def _blank(cell: Any) -> bool:
    """Nothing printed in this cell: `null` in the YAML, or the table's own dash."""
    return cell is None or (isinstance(cell, str) and cell.strip() in _DASHES)


def _to_int(v: float) -> int:
    if v != int(v):
        raise ValueError(f"{v} is not a whole number")
    return int(v)


def _text(value: Any, what: str) -> str:
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{what}: expected the value as printed")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueError(f"{what}: write {value!r} in quotes, as printed")
    return str(value)
