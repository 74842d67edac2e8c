"""Render the seed dataset's page and photograph it in headless Chromium, for the README;
also write the briefing's static figure beside it.

    python scripts/screenshot.py [--data FILE] [--out docs/screenshot.png] [--select ACTOR]
                                 [--figure docs/brief-figure.png]

The picture is made by the project's own code: `actorgraph render`, then Chromium with the
network cut off; the script fails if the page made any request or logged any error.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from offline_browser import launch, open_offline, wait_ready  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data" / "actors.yaml"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--select", default="iran", help="actor to click before the picture")
    parser.add_argument(
        "--figure",
        default=str(ROOT / "docs" / "brief-figure.png"),
        help="where to write the briefing's static figure (PNG)",
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from graph.dataset.build import build_graph
    from graph.dataset.load import load_dataset
    from graph.render.figure import draw_figure
    from graph.render.page import render_page

    G = build_graph(load_dataset([args.data]))
    Path(args.figure).write_bytes(draw_figure(G)[0])
    with tempfile.TemporaryDirectory() as tmp:
        page_path = render_page(G, Path(tmp) / "page.html")
        with sync_playwright() as p:
            browser = launch(p)
            page, log = open_offline(browser, page_path, viewport=(1400, 860))
            wait_ready(page)
            if args.select:
                page.evaluate("id => window.actorgraph.select(id, false)", args.select)
                page.wait_for_timeout(300)
            page.screenshot(path=args.out)
            browser.close()
    problems = log.requests + log.console_errors + log.page_errors
    if problems:
        print("the page misbehaved:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"wrote {args.out} and {args.figure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
