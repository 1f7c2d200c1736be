"""Every command-line example of the README runs, as printed, against the seed reports.

The README is what a new user copies first; an example that fails there costs more trust than a missing
feature. The examples run in order as shell commands (the real `sinoscope` script, a fresh database through
SINOSCOPE_DB) in a folder beside a link to `../shared`, so `../shared/corpus/*.txt` resolves as in the README.
Placeholders in angle brackets are filled from what an earlier command printed (`<id>`: the first proposed
entry of `review list`). Lines that start servers or clusters (`serve`, `dask scheduler`, `--scheduler`) are
left out: they never return. Skipped, saying so, without ../shared/corpus.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCRIPT = Path(sys.executable).with_name("sinoscope")
NEVER_RETURN = re.compile(r"\bserve\b|\bdask (?:scheduler|worker)\b|--scheduler\b")
NOTES = "Sprocket notes. Output reached 12 units in 2023, and the plan aims for 20 units by 2026.\n"

pytestmark = [
    pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="needs ../shared/corpus (the seed reports)"),
    pytest.mark.skipif(not SCRIPT.exists(), reason=f"needs the installed script {SCRIPT}"),
]


def readme_examples() -> list[str]:
    """Shell lines of the README's `sh` blocks that run sinoscope, their aligned comments stripped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for raw in block.splitlines():
            line = re.sub(r"\s{2,}#.*$", "", raw).strip()  # the README aligns its comments after two spaces
            words = line.split()
            if not words or "sinoscope" not in line or NEVER_RETURN.search(line):
                continue
            if words[0] in ("python3", "export", ".venv/bin/python"):
                continue  # set-up lines: the environment this test already runs in
            lines.append(line)
    return lines


def test_the_readme_has_examples_to_run() -> None:
    examples = readme_examples()
    assert len(examples) >= 20, examples
    assert any(e.startswith("sinoscope ask ") for e in examples)


def _fill(command: str, env: dict[str, str], cwd: Path) -> str:
    if "<id>" not in command:
        return command
    listed = subprocess.run(
        [str(SCRIPT), "review", "list", "--state", "proposed", "--json"],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    entries = json.loads(listed.stdout)
    assert entries, "review list found nothing to accept"
    return command.replace("<id>", shlex.quote(entries[0]["id"]))


def test_every_readme_example_runs(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "shared").symlink_to(SHARED)
    (work / "notes.txt").write_text(NOTES, encoding="utf-8")
    (work / "reports").mkdir()
    (work / "reports" / "sprocket_bulletin.txt").write_text(NOTES.replace("Sprocket", "Gear"), encoding="utf-8")
    env = dict(os.environ, SINOSCOPE_DB=str(tmp_path / "readme.sqlite"), PATH=f"{SCRIPT.parent}:{os.environ['PATH']}")
    env.pop("SINOSCOPE_NO_WARM", None)
    env.pop("SINOSCOPE_EMBED", None)  # the suite turns the dense index off for speed; the README's ingest builds it
    failed: list[str] = []
    for example in readme_examples():
        command = _fill(example, env, work)
        done = subprocess.run(command, shell=True, env=env, cwd=work, capture_output=True, text=True, timeout=900)
        if done.returncode != 0 or "Traceback" in done.stderr:
            failed.append(f"{command}\n  exit {done.returncode}: {done.stderr.strip()[-300:]}")
    assert not failed, "README examples that fail:\n" + "\n".join(failed)
