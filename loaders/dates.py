"""Dates as written in letters → ISO. Never invents a date: invalid → None."""
from __future__ import annotations

import datetime as dt
import re

from lineage.loaders.patterns import DATE


def iso_date(day: str | int, month: str | int, year: str | int) -> str | None:
    """ISO date, or None when the parts are not a real date.

    >>> iso_date("2", "12", "2020"), iso_date(31, 2, 2021)
    ('2020-12-02', None)
    """
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse_date(m: re.Match[str]) -> str | None:
    """ISO date from a match of ``patterns.DATE``."""
    if m.group("lday"):
        return iso_date(m.group("lday"), m.group("lmonth"), m.group("lyr"))
    return iso_date(m.group("day"), m.group("month"), m.group("yr"))


def find_date(text: str) -> tuple[str | None, re.Match[str] | None]:
    """The first full date in ``text`` ("13/5/2021", "13-5-2021", "ngày 27 tháng 4 năm 2021")."""
    m = DATE.search(text)
    return (parse_date(m), m) if m else (None, None)


def lag_days(earlier: str | None, later: str | None) -> int | None:
    """Days from one ISO date to another."""
    if not earlier or not later:
        return None
    return (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days
