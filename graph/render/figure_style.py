"""The figure's drawing settings, shared by the figure and its legend: markers, sizes, inks."""

from __future__ import annotations

from typing import Any

from graph.render.style import STANCE_COLORS, STATUS_DASHES

__all__ = ["MARKERS"]

#: The matplotlib marker for each vis-network shape, so a kind looks alike in page and figure.
MARKERS = {
    "dot": "o",
    "square": "s",
    "triangle": "^",
    "triangleDown": "v",
    "hexagon": "h",
    "diamond": "D",
    "star": "*",
}

# Markers of one size cover different areas (a star is thin, a square full): these factors
# scale each marker so that actors of equal score look about equally big.
_AREA_FACTOR = {"o": 1.0, "s": 0.8, "^": 1.45, "v": 1.45, "h": 1.15, "D": 0.75, "*": 2.1}

_FIGSIZE = (10.0, 6.5)  # inches, landscape
_MUTED = "#4b5563"  # caption and notes
_BORDER = "#1f2937"  # actor outline, as on the page


def _stance(d: dict) -> str:
    return d.get("stance") if d.get("stance") in STANCE_COLORS else "neutral"


def _status(d: dict) -> str:
    return d.get("status") if d.get("status") in STATUS_DASHES else "confirmed"


def _linestyle(status: str) -> Any:
    """The page's dash pattern (pixels, at a width near 2.5) as matplotlib's (times width)."""
    dashes = STATUS_DASHES[status]
    return (0, tuple(d / 2.5 for d in dashes)) if dashes else "-"
