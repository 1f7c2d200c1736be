"""Screenshots of every page, light and dark, for the closing note and for eyeballing a layout change.

    .venv/bin/python bench/screenshots.py                    # the invented observatory of tests/web
    .venv/bin/python bench/screenshots.py --db my.sqlite     # an existing database instead
    .venv/bin/python bench/screenshots.py --width 390        # as a phone sees them

Writes artifacts/web/pages/<page>-<light|dark>.png (the first screenful of each page at the given width;
`--full` for whole pages) and prints each file with its size. The pages come from tests/web/observatory.py,
the same list the layout tests measure. Needs Debian's Chromium (/usr/bin/chromium) and Playwright. The
PNGs are reduced to a 256-colour palette when Pillow is installed, so that they are small enough to commit.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from api.fixtures import WordHashEmbedder  # noqa: E402
from web.conftest import CHROMIUM, CHROMIUM_FLAGS, serving  # noqa: E402
from web.observatory import PAGES, build_observatory  # noqa: E402

from sinoscope.interfaces.api import create_app  # noqa: E402

OUT = ROOT / "artifacts" / "web" / "pages"


def shrink(path: Path) -> None:
    """Text on flat colours survives a 256-colour palette; the file shrinks about threefold."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def capture(url: str, out: Path, width: int, height: int, full: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for scheme in ("light", "dark"):
            context = browser.new_context(
                viewport={"width": width, "height": height}, base_url=url, color_scheme=scheme
            )
            page = context.new_page()
            page.set_default_timeout(60_000)
            for name, path in PAGES.items():
                page.goto(path)
                page.wait_for_load_state("networkidle")
                for chart in page.locator("[data-spec]").all():
                    page.wait_for_function("el => el.dataset.ready", arg=chart.element_handle())
                target = out / f"{name}-{scheme}.png"
                page.screenshot(path=str(target), full_page=full)
                shrink(target)
                written.append(target)
                print(f"{target}  {target.stat().st_size // 1024} KB", flush=True)
            context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database (default: build the invented observatory)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=860)
    parser.add_argument("--full", action="store_true", help="whole pages, not the first screenful")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        print(f"error: {CHROMIUM}: not found (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_observatory(Path(tmp))
        embedder = None if args.db else WordHashEmbedder()  # a real database has its own dense index
        with serving(create_app(db, embedder=embedder, prepare=False)) as url:
            files = capture(url, args.out, args.width, args.height, args.full)
    total = sum(f.stat().st_size for f in files)
    print(f"{len(files)} screenshots, {total / 1e6:.2f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
