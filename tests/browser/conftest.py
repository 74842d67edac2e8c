"""Browser fixtures: one headless Chromium for the session, pages opened with the network cut."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from offline_browser import launch, open_offline, wait_ready  # noqa: E402


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


_SHOTS: list[Path] = []


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go (printed at the end of the run, to be looked at)."""
    folder = tmp_path_factory.mktemp("screenshots")
    _SHOTS.append(folder)
    return folder


def pytest_terminal_summary(terminalreporter):
    for folder in _SHOTS:
        pictures = sorted(p.name for p in folder.rglob("*.png"))
        terminalreporter.write_line(f"browser screenshots ({len(pictures)}) in {folder}")


@pytest.fixture
def open_page(browser, shots, request):
    """open_page(path) -> (page, log), the page stabilized. Each page is photographed as the
    test leaves it (shots/<test>[-n].png), then closed."""
    pages = []

    def _open(path, viewport=(1400, 860), wait=True):
        page, log = open_offline(browser, path, viewport)
        pages.append(page)
        if wait:
            wait_ready(page)
        else:
            page.wait_for_load_state("load")
        return page, log

    yield _open
    for i, page in enumerate(pages):
        suffix = f"-{i + 1}" if len(pages) > 1 else ""
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in request.node.name)
        page.screenshot(path=str(shots / f"{name}{suffix}.png"))
        page.context.close()


def assert_clean(log) -> None:
    """No request left the file, and nothing went wrong in the console."""
    assert log.requests == [], f"the page asked for {log.requests}"
    assert log.console_errors == [], log.console_errors
    assert log.page_errors == [], log.page_errors
