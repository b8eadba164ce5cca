"""Today's date, in one place so that tests and benchmarks can pin it."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()


def now() -> dt.datetime:
    """Local wall-clock time, naive (settings and records stamped for people to read)."""
    return dt.datetime.now().replace(microsecond=0)
