"""Print an HTML file to PDF in headless Chromium (network cut off), then each page to PNG.

    python scripts/print_pages.py PAGE.html OUT_FOLDER [--format A4|Letter]

Prints the number of pages; fails if the page made any request or logged any error.
Needs pdftoppm (Debian's poppler-utils).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from offline_browser import launch, open_offline  # noqa: E402


def print_pages(browser, html: Path, out: Path, paper: str = "A4", dpi: int = 60):
    """PDF and page PNGs of ``html`` in ``out``; returns (page pictures, the page's log)."""
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / f"{html.stem}-{paper}.pdf"
    page, log = open_offline(browser, html)
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    pdf.write_bytes(page.pdf(format=paper, print_background=True))
    page.context.close()
    prefix = out / f"{html.stem}-{paper}-page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    number = lambda p: int(re.findall(r"\d+", p.stem)[-1])  # noqa: E731
    return sorted(out.glob(f"{prefix.name}-*.png"), key=number), log


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--format", default="A4", choices=["A4", "Letter"])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        pages, log = print_pages(browser, args.html, args.out, args.format)
        browser.close()
    print(f"{len(pages)} pages:", *pages, sep="\n  ")
    problems = log.requests + log.console_errors + log.page_errors
    sys.exit(1 if problems else 0)
