"""The briefing's HTML in a real headless Chromium: offline, clean, and printed to pages."""

from __future__ import annotations

import shutil
import sys

import pytest

from conftest import ROOT

from .conftest import assert_clean

sys.path.insert(0, str(ROOT / "scripts"))

from print_pages import print_pages  # noqa: E402

SEED = ROOT / "data" / "actors.yaml"


@pytest.fixture(scope="module")
def seed_briefs(tmp_path_factory):
    from click.testing import CliRunner

    from graph.cli import cli

    out = tmp_path_factory.mktemp("briefs")
    for audience in ("students", "analysts"):
        result = CliRunner().invoke(cli, ["brief", "--data", str(SEED), "--audience", audience,
                                          "-o", str(out / audience)])  # fmt: skip
        assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("audience", ["students", "analysts"])
def test_the_briefing_opens_offline_with_its_figure(seed_briefs, open_page, audience):
    page, log = open_page(seed_briefs / audience / "actors-brief.html", wait=False)
    assert_clean(log)
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.querySelector('figure img').naturalWidth") > 500
    headings = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent)")
    expected = ["The cast", "Key actors", "Chains of influence", "Hostility and cooperation",
                "Contested claims", "Timeline", "Sources"]  # fmt: skip
    if audience == "students":
        expected += ["Questions for discussion", "Glossary"]
    assert headings == expected


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("audience", ["students", "analysts"])
def test_the_briefing_prints_on_a_few_pages(
    browser, seed_briefs, shots, audience, paper, record_property
):
    pages, log = print_pages(browser, seed_briefs / audience / "actors-brief.html",
                             shots / f"brief-{audience}", paper)  # fmt: skip
    assert_clean(log)
    record_property(f"pages_{audience}_{paper}", len(pages))
    # The aim is two pages: the analysts' briefing fits on two A4 pages; the students' one adds
    # a glossary and questions, and Letter paper is shorter, so they may spill onto a third.
    if (audience, paper) == ("analysts", "A4"):
        assert len(pages) == 2
    else:
        assert 2 <= len(pages) <= 3


def test_the_briefing_is_set_in_times_metric_fonts(seed_briefs, open_page):
    """The page counts above hold for fonts with Times/Arial metrics, which the style sheet asks
    for first (Liberation on Linux, Times New Roman and Arial elsewhere). Chromium reports the
    fonts it really used; a machine without them lays the briefing out wider."""
    page, log = open_page(seed_briefs / "analysts" / "actors-brief.html", wait=False)
    page.emulate_media(media="print")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    used = {}
    for selector in ("blockquote, .quotes li, td", "h2"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        used[selector] = {f["familyName"] for f in fonts}
    assert used["blockquote, .quotes li, td"] <= {"Liberation Serif", "Times New Roman", "Tinos"}, (
        f"body text is set in {used}: install Debian's fonts-liberation (make test does)"
    )
    assert used["h2"] <= {"Liberation Sans", "Arial", "Arimo", "Helvetica"}, used
