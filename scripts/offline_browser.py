"""Open a generated page in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright) with the network cut off, recording every request and every console error.

Used by the browser tests and by scripts/screenshot.py.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    """The system Chromium: $CHROMIUM, else /usr/bin/chromium (never a downloaded browser)."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and Path(c).exists()), None)


def launch(playwright):
    path = chromium_path()
    if path is None:
        raise RuntimeError(
            "Chromium is not installed: the browser tests use Debian's package "
            "(apt-get install chromium), which 'make test' installs"
        )
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


@dataclass
class PageLog:
    """What a page did: requests it made (beyond its own file), console errors, page errors."""

    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def open_offline(browser, path: Path, viewport=(1400, 860)):
    """Open ``path`` in a new page with every outside request refused; return (page, log)."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, offline=True
    )
    url = Path(path).resolve().as_uri()
    log = PageLog(url)

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda req: req.url != url and log.requests.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and log.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    page.goto(url)
    return page, log


def wait_ready(page, timeout_ms: int = 60_000) -> None:
    """Wait until the network has stabilized and been frozen."""
    page.wait_for_function("window.actorgraph && window.actorgraph.ready", timeout=timeout_ms)
