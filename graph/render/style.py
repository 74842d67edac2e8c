"""The visual vocabulary shared by every picture: colour and shape per actor kind, colour per
stance, line style per status. The interactive page and the static figures both use it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KindStyle", "STANCE_COLORS", "STATUS_DASHES", "kind_styles"]


@dataclass(frozen=True)
class KindStyle:
    """How actors of one kind are drawn: a fill colour and a vis-network shape."""

    color: str
    shape: str  # one of vis-network's label-outside shapes (dot, square, triangle…)


#: Kinds with a style of their own; other kinds take the fallback styles in order.
_KNOWN = {
    "state": KindStyle("#2563eb", "dot"),
    "government": KindStyle("#7c3aed", "square"),
    "armed_group": KindStyle("#dc2626", "triangle"),
    "military": KindStyle("#92400e", "triangleDown"),
    "person": KindStyle("#ea580c", "dot"),
    "coalition": KindStyle("#0d9488", "hexagon"),
    "facility": KindStyle("#4b5563", "square"),
    "place": KindStyle("#65a30d", "diamond"),
    "legislature": KindStyle("#db2777", "square"),
    "organization": KindStyle("#0891b2", "hexagon"),
    "party": KindStyle("#ca8a04", "dot"),
    "media": KindStyle("#9333ea", "star"),
    "company": KindStyle("#475569", "star"),
    "family": KindStyle("#b45309", "dot"),
}
_FALLBACK = (
    KindStyle("#0f766e", "diamond"),
    KindStyle("#be123c", "star"),
    KindStyle("#4338ca", "hexagon"),
    KindStyle("#a16207", "triangle"),
    KindStyle("#15803d", "square"),
    KindStyle("#6d28d9", "triangleDown"),
)

#: Line colour per relation stance.
STANCE_COLORS = {"hostile": "#dc2626", "cooperative": "#16a34a", "neutral": "#6b7280"}

#: vis-network dash pattern per status (False = solid): confirmed, alleged, denied, refuted
#: (sparse dots: a refuted relation drawn from the library, the commands leaving it out, must
#: not look confirmed).
STATUS_DASHES = {"confirmed": False, "alleged": [10, 6], "denied": [2, 5], "refuted": [1, 9]}


def kind_styles(kinds) -> dict[str, KindStyle]:
    """A style for each kind: its own if known, else the fallback styles in sorted-kind order.

    >>> styles = kind_styles(["state", "tribe", "clan"])
    >>> styles["state"].shape, styles["clan"] == _FALLBACK[0], styles["tribe"] == _FALLBACK[1]
    ('dot', True, True)
    """
    kinds = set(kinds)
    out = {}
    unknown = sorted(k for k in kinds if k not in _KNOWN)
    for kind in kinds:
        out[kind] = _KNOWN.get(kind) or _FALLBACK[unknown.index(kind) % len(_FALLBACK)]
    return out
