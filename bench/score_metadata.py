"""Score document metadata (title, date, 文号, language) on the dev set: `python bench/score_metadata.py`.

Each dev document is ingested into a throw-away SQLite store (no extraction, no embedding) and what
`sinoscope docs` would show is compared with the expected values: titles from
`../shared/dev/gold/structure.jsonl` (null = the file carries no title: right only when sinoscope marks its
title as a fallback), dates and document numbers written here from each document's own title block or
front matter (the README and PROVENANCE of the dev set name them). GWR 2025 has no date line: its expected
date is the year its own review section implies.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from sinoscope.app.pipeline import ingest_paths
from sinoscope.store import open_store

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"

EXPECTED: dict[str, dict[str, str | None]] = {
    "en_csis2024_investing_in_st.md": {"date": "2024-06-18", "doc_number": None, "lang": "en", "issuer": None},
    "gwr-2023-zh.txt": {"date": "2023-03-05", "doc_number": None, "lang": "zh", "issuer": "国务院总理 李克强"},
    "gwr-2024-zh.txt": {"date": "2024-03-05", "doc_number": None, "lang": "zh", "issuer": "国务院总理 李强"},
    "gwr-2025-zh.txt": {"date": "2025", "doc_number": None, "lang": "zh", "issuer": None},
    "zh_anhui2022_rcep_opinions.txt": {
        "date": "2022-03-23",
        "doc_number": "皖开放办〔2022〕6号",
        "lang": "zh",
        "issuer": "安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室",
    },
    "zh_baotou2022_digital_gov_eval.txt": {
        "date": "2022-04-14",
        "doc_number": "包府办发〔2022〕43号",
        "lang": "zh",
        "issuer": "包头市人民政府办公室",
    },
    "zh_beijing2022_data_zones.txt": {
        "date": "2022-11-21",
        "doc_number": "京经信发〔2022〕87号",
        "lang": "zh",
        "issuer": "北京市经济和信息化局",
    },
    "zh_hu2017_st_power_2050.md": {"date": "2017", "doc_number": None, "lang": "zh", "issuer": None},
}


def _gold_titles() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for line in (DEV / "gold" / "structure.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["doc"]] = rec.get("title")
    return out


def _title_ok(gold: str | None, meta: dict[str, str], title: str) -> bool:
    if gold is None:
        return meta.get("title_source") == "fallback"
    return title.strip() == gold.strip()


def main() -> int:
    if not (DEV / "docs").is_dir():
        print(f"skipped: {DEV / 'docs'} not found")
        return 0
    titles = _gold_titles()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "m.sqlite")
        try:
            paths = [DEV / "docs" / name for name in EXPECTED]
            report = ingest_paths(store, paths)
            by_path = {Path(r.path).name: r.doc_id for r in report.results}
            for name, want in EXPECTED.items():
                doc_id = by_path.get(name)
                info = store.get_document(doc_id) if doc_id else None
                meta = dict(info.metadata) if info else {}
                got_title = info.title if info else ""
                rows.append(
                    (
                        name,
                        _title_ok(titles.get(name), meta, got_title),
                        got_title,
                        meta.get("date"),
                        want["date"],
                        meta.get("date_source"),
                        meta.get("doc_number") == want["doc_number"] if want["doc_number"] else None,
                        meta.get("lang") == want["lang"],
                        meta.get("issuer") == want["issuer"] if want["issuer"] else None,
                    )
                )
        finally:
            store.close()
    print(
        f"{'doc':36} {'title':5} {'date':12} {'want':11} {'date_source':14} {'文号':4} {'lang':4} {'issuer':6}"
        "  title shown"
    )
    for name, t_ok, title, date, want_date, source, num_ok, lang_ok, issuer_ok in rows:
        mark = "ok" if date == want_date else "-"
        num = "" if num_ok is None else ("ok" if num_ok else "-")
        print(
            f"{name:36} {'ok' if t_ok else '-':5} {date!s:12} {want_date!s:11}{mark:>3} {source!s:11}"
            f" {num:4} {'ok' if lang_ok else '-':4} {'' if issuer_ok is None else 'ok' if issuer_ok else '-':6}"
            f"  {title[:40]}"
        )
    n = len(rows)
    titles_ok = sum(1 for r in rows if r[1])
    dates_ok = sum(1 for r in rows if r[3] == r[4])
    nums = [r[6] for r in rows if r[6] is not None]
    langs = sum(1 for r in rows if r[7])
    issuers = [r[8] for r in rows if r[8] is not None]
    print(
        f"titles {titles_ok}/{n}  dates {dates_ok}/{n}  doc numbers {sum(nums)}/{len(nums)}  lang {langs}/{n}"
        f"  issuers {sum(issuers)}/{len(issuers)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
