"""Located checks of the values read from a YAML file: text, lists of text, extra fields and
their plain copies, each problem reported with its line and column."""

from __future__ import annotations

import math
from typing import Any

from graph._words import did_you_mean
from graph.dataset.model import Origin
from graph.dataset.yamlread import REFUSED, YList, YMap
from graph.errors import Problem

__all__ = ["MAX_ATTRIBUTE_DEPTH", "AliasBomb", "ValueChecker"]

MAX_ATTRIBUTE_DEPTH = 32


class AliasBomb(Exception):
    """Raised when walking the file would visit far more values than the file holds."""


class ValueChecker:
    """Checks values of one file (``name``), appending each problem to ``problems``, and
    visits at most ``budget`` values (aliases can make a small file expand enormously)."""

    def __init__(self, name: str, budget: int, problems: list[Problem]):
        self.name = name
        self.budget = budget
        self.problems = problems
        self.first_problem = len(problems)
        self._known_sets: dict[tuple, frozenset] = {}

    # -- reporting ----------------------------------------------------------------------------
    def error(self, mark: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.name, mark[0], mark[1], message))

    def warn(self, mark: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.name, mark[0], mark[1], message, "warning"))

    def spend(self, n: int = 1) -> None:
        self.budget -= n
        if self.budget < 0:
            raise AliasBomb

    def origin(self, mark: tuple[int, int]) -> Origin:
        return Origin(self.name, mark[0], mark[1])

    # -- typed field access -------------------------------------------------------------------
    def text(self, m: YMap, key: str, what: str, required: bool = False) -> str | None:
        """A text field: scalars are taken as written (``name: 1984`` is the text "1984")."""
        value = m.get(key)
        if value.__class__ is str:  # the common case, first
            text = value.strip()
            if text:
                return text
            if required:
                self.error(m.marks[key], f"{what}: '{key}' is empty: it is required")
            return None
        if value is REFUSED:
            return None
        if value is None:
            if required:
                where = f": '{key}' is empty" if key in m else f" has no '{key}'"
                self.error(m.marks.get(key, m.mark), f"{what}{where}: it is required")
            return None
        if isinstance(value, (YMap, YList)):
            shape = "a mapping" if isinstance(value, YMap) else "a list"
            self.error(m.marks[key], f"{what}: '{key}' must be text, not {shape}")
            return None
        text = m.raw.get(key, value) if not isinstance(value, str) else value
        text = str(text).strip()
        if not text and required:
            self.error(m.marks[key], f"{what}: '{key}' is empty: it is required")
            return None
        return text or None

    def text_list(self, m: YMap, key: str, what: str) -> list[tuple[str, tuple[int, int]]]:
        """A list of texts (a single text is taken as a list of one)."""
        value = m.get(key)
        if value is None or value is REFUSED:
            return []
        if isinstance(value, YMap):
            self.error(m.marks[key], f"{what}: '{key}' must be a list, like [a, b], not a mapping")
            return []
        if not isinstance(value, YList):
            return [(str(m.raw.get(key, value)).strip(), m.marks[key])]
        out = []
        self.spend(len(value))
        for i, item in enumerate(value):
            if item is REFUSED:
                continue
            if isinstance(item, (YMap, YList)) or item is None:
                self.error(value.marks[i], f"{what}: each item of '{key}' must be text")
            else:
                out.append((str(value.raw.get(i, item)).strip(), value.marks[i]))
        return out

    def unknown_fields(
        self, m: YMap, known, what: str, keep: bool, reserved: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """Fields outside the format: kept as attributes (or ignored), a likely typo warned of."""
        extra: dict[str, Any] = {}
        known_set = self._known_sets.get(known)
        if known_set is None:
            known_set = self._known_sets[known] = frozenset(known)
        if known_set.issuperset(m):  # the common case: nothing unknown
            return extra
        for key in m:
            if key in known_set:
                continue
            if reserved and key in reserved:
                self.error(
                    m.key_marks[key],
                    f"{what}: the field name '{key}' is reserved "
                    f"({reserved[key]}); rename this field",
                )
                continue
            hint = did_you_mean(key, known, cutoff=0.75)
            if hint or not keep:
                fate = "kept as an extra attribute" if keep else "ignored"
                self.warn(m.key_marks[key], f"{what}: unknown field '{key}'{hint}; it is {fate}")
            if keep:
                extra[key] = self.plain(m[key], m.marks[key], 0)
        return extra

    def plain(self, value: Any, mark: tuple[int, int], depth: int) -> Any:
        """Copy an extra attribute's value into plain dicts and lists, within the budget."""
        self.spend()
        if value is REFUSED:
            return None
        if depth > MAX_ATTRIBUTE_DEPTH:
            self.error(mark, f"this value is nested more than {MAX_ATTRIBUTE_DEPTH} levels deep")
            return None
        if isinstance(value, YMap):
            return {k: self.plain(v, value.marks[k], depth + 1) for k, v in value.items()}
        if isinstance(value, YList):
            return [self.plain(v, value.marks[i], depth + 1) for i, v in enumerate(value)]
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        return value

    def number(
        self,
        m: YMap,
        key: str,
        what: str,
        meaning: str,
        *,
        low: float = 0.0,
        high: float | None = 1.0,
        whole: bool = False,
        then: str = "",
    ) -> float | int | None:
        """A number field from ``low`` to ``high`` (``whole``: an integer); ``None`` (and an
        error saying what it must be, ``meaning`` after the range) when it is not one; with
        ``then``, a warning saying what is done with it instead of an error."""
        value = m.get(key)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if whole:
            ok = ok and isinstance(value, int)
        try:
            ok = ok and math.isfinite(value) and low <= value and (high is None or value <= high)
        except OverflowError:  # an integer too large for a float
            ok = False
        if ok:
            return value if whole else float(value)
        if value is not REFUSED:
            shown = m.raw.get(key, value)
            span = f"from {low:g} to {high:g}" if high is not None else f"of at least {low:g}"
            kind = "a whole number" if whole else "a number"
            message = f"{what}: '{key}' must be {kind} {span}{meaning}, not {shown!r}"
            if then:
                self.warn(m.marks[key], f"{message}; {then}")
            else:
                self.error(m.marks[key], message)
        return None

    def flag(self, m: YMap, key: str, what: str) -> bool | None:
        """A true/false field; ``None`` (and an error) when it is something else."""
        value = m.get(key)
        if isinstance(value, bool):
            return value
        if value is not REFUSED:
            self.error(m.marks[key], f"{what}: '{key}' must be true or false")
        return None

    def sequence(self, root: YMap, key: str, example: str) -> YList | None:
        value = root.get(key)
        if value is None or value is REFUSED:
            return None
        if not isinstance(value, YList):
            shape = "a mapping" if isinstance(value, YMap) else f"the text {str(value)[:40]!r}"
            self.error(
                root.marks[key],
                f"'{key}' must be a list, each item starting with '- ' (like '{example}'), "
                f"but here it is {shape}",
            )
            return None
        return value
