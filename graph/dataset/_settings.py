"""The dataset's settings, checked where written: the class of its own kinds (``kinds:``) and
how much a claim weighs (``status_weights:``)."""

from __future__ import annotations

from graph._words import did_you_mean
from graph.dataset.model import CLASSES, STATUSES
from graph.dataset.yamlread import REFUSED, YMap

__all__ = ["SettingsChecks"]


class SettingsChecks:
    """Checks of the top-level settings, for a :class:`graph.dataset._values.ValueChecker`
    whose ``content`` (a :class:`graph.dataset.schema.FileContent`) receives them."""

    def mapping(self, root: YMap, key: str, example: str) -> YMap | None:
        value = root.get(key)
        if value is None or value is REFUSED:
            return None
        if not isinstance(value, YMap):
            self.error(root.marks[key], f"'{key}' must be a mapping, like '{key}: {{{example}}}'")
            return None
        self.spend(len(value))
        return value

    def check_kinds(self, root: YMap) -> None:
        """``kinds:``: the class (agent, place or event) of each of the dataset's own kinds."""
        kinds = self.mapping(root, "kinds", "district: place, tribe: agent")
        for kind in kinds or ():
            cls = self.text(kinds, kind, f"kind '{kind}'", required=True)
            if cls is None:
                continue
            if cls not in CLASSES:
                self.error(
                    kinds.marks[kind],
                    f"kind '{kind}': class '{cls}' is not one of {', '.join(CLASSES)}"
                    f"{did_you_mean(cls, CLASSES)}",
                )
                continue
            self.content.kinds.append((kind, cls, self.origin(kinds.key_marks[kind])))

    def check_status_weights(self, root: YMap) -> None:
        """``status_weights:``: how much a relation of each status weighs (0 to 1)."""
        weights = self.mapping(root, "status_weights", "alleged: 0.5, denied: 0.25")
        for status in weights or ():
            if status not in STATUSES:
                self.error(
                    weights.key_marks[status],
                    f"status_weights: '{status}' is not a status ({', '.join(STATUSES)})"
                    f"{did_you_mean(status, STATUSES)}",
                )
                continue
            value = self.number(weights, status, "status_weights",
                                " (1: counts as a fact; 0: left out)")  # fmt: skip
            if value is not None:
                self.content.status_weights.append(
                    (status, value, self.origin(weights.key_marks[status]))
                )
