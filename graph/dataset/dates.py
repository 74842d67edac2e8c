"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and the span of days a relation is in force.

The rule, documented in the README: a partial date stands for the whole period it names.
``2020`` covers 1 January to 31 December 2020, ``2020-10`` covers 1 to 31 October 2020.
A relation with ``date: D`` is in force during D's span; with ``start: S`` / ``end: E`` it is
in force from the first day of S to the last day of E, an omitted end leaving that side open.
A relation with no date at all is timeless.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["DateSpan", "PartialDate", "parse_partial_date"]

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date given to the year, month or day; ``first`` and ``last`` are the days it covers."""

    first: date
    last: date
    text: str

    def __str__(self) -> str:
        return self.text


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` saying what is wrong.

    >>> d = parse_partial_date("2020-10")
    >>> d.first, d.last
    (datetime.date(2020, 10, 1), datetime.date(2020, 10, 31))
    >>> parse_partial_date("2021-02-29")
    Traceback (most recent call last):
    ...
    ValueError: '2021-02-29' is not a real day: February 2021 has 28 days
    >>> parse_partial_date("10/03/2020")
    Traceback (most recent call last):
    ...
    ValueError: '10/03/2020' is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2020-10-03
    """
    text = str(text).strip()
    m = _PATTERN.fullmatch(text)
    if not m:
        raise ValueError(
            f"{text!r} is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2020-10-03"
        )
    year = int(m.group(1))
    if year < 1:
        raise ValueError(f"{text!r} is not a real year")
    if m.group(2) is None:
        return PartialDate(date(year, 1, 1), date(year, 12, 31), text)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a real month: the month must be 01 to 12")
    days = calendar.monthrange(year, month)[1]
    if m.group(3) is None:
        return PartialDate(date(year, month, 1), date(year, month, days), text)
    day = int(m.group(3))
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        raise ValueError(f"{text!r} is not a real day: {name} {year} has {days} days")
    d = date(year, month, day)
    return PartialDate(d, d, text)


@dataclass(frozen=True)
class DateSpan:
    """When a relation holds: a single (partial) ``date``, or a period from ``start`` to ``end``.

    ``first`` and ``last`` are the first and last days covered; ``None`` means open-ended.

    >>> span = DateSpan(start=parse_partial_date("2020-10"))
    >>> span.first, span.last, span.label
    (datetime.date(2020, 10, 1), None, 'since 2020-10')
    >>> span.in_force_on(date(2021, 5, 1))
    True
    """

    date: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None

    @property
    def first(self) -> date | None:
        if self.date is not None:
            return self.date.first
        return self.start.first if self.start is not None else None

    @property
    def last(self) -> date | None:
        if self.date is not None:
            return self.date.last
        return self.end.last if self.end is not None else None

    @property
    def label(self) -> str:
        """How the span reads in a sentence: ``2020-10``, ``since 2020-10``, ``2020 to 2021``."""
        if self.date is not None:
            return self.date.text
        if self.start is not None and self.end is not None:
            return f"{self.start} to {self.end}"
        if self.start is not None:
            return f"since {self.start}"
        return f"until {self.end}"

    def in_force_on(self, day: date) -> bool:
        """Whether the relation holds on ``day`` (partial dates cover their whole period)."""
        first, last = self.first, self.last
        return (first is None or first <= day) and (last is None or day <= last)

    def as_dict(self) -> dict[str, str | None]:
        """The span as written in the file, plus the covered days, as ISO strings."""
        return {
            "date": self.date.text if self.date else None,
            "start": self.start.text if self.start else None,
            "end": self.end.text if self.end else None,
            "first_day": self.first.isoformat() if self.first else None,
            "last_day": self.last.isoformat() if self.last else None,
        }
