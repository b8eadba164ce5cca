"""Today's date, in one place so that tests and benchmarks can pin it."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()
