"""One spreadsheet cell as the value a field needs, or the problem with it.

Cells arrive as Excel gives them (text, numbers, dates, booleans) or as CSV text. Text is NFC,
trimmed, inner spaces collapsed; numbers that are really identifiers (a card number typed into
a number cell) become their digits; dates may be Excel dates or dd/mm/yyyy text, and month/year
or the year alone where the field allows it (the birth date of older members, §2.2).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from typing import Any

from desktop.models.dates import parse_date, parse_partial_date
from desktop.models.enums import DatePrecision
from desktop.models.problems import ProblemCode
from desktop.models.text import fold, nfc
from desktop.services.tabular.columns import Vocabulary, title_key

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
# Excel's error values (a broken formula) are not data.
_EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!"})
YEAR_RANGE = range(1900, 2101)
NATIONAL_ID_DIGITS = 12


class CellProblem(Exception):
    """The cell cannot be read as the field needs it."""

    def __init__(self, code: ProblemCode, **params: Any) -> None:
        super().__init__(code.value)
        self.code = code
        self.params = params


def shown(value: object) -> str:
    """The cell as the user sees it, for the list of problems."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)[:200]


def text(value: object) -> str | None:
    """Stored text: NFC, trimmed; None for an empty cell. Whole numbers lose their ".0"."""
    if value is None:
        return None
    if value.__class__ is str:  # nearly every cell: the short way
        cleaned = nfc(value.replace("\x00", "") if "\x00" in value else value)  # type: ignore[attr-defined]
        if cleaned in _EXCEL_ERRORS:
            raise CellProblem(ProblemCode.IMPORT_NOT_TEXT)
        return cleaned or None
    if isinstance(value, bool):
        raise CellProblem(ProblemCode.IMPORT_NOT_TEXT)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):  # NaN, infinity
            raise CellProblem(ProblemCode.IMPORT_NOT_TEXT)
        value = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, (dt.datetime, dt.date)):
        value = shown(value)
    elif not isinstance(value, (str, int)):
        raise CellProblem(ProblemCode.IMPORT_NOT_TEXT)
    cleaned = nfc(str(value).replace("\x00", ""))
    if cleaned in _EXCEL_ERRORS:
        raise CellProblem(ProblemCode.IMPORT_NOT_TEXT)
    return cleaned or None


def identifier(value: object, digits: int | None = None) -> str | None:
    """A number written as text (card number, citizen ID): digits kept, spaces dropped.

    `digits`: a citizen ID typed into a number cell loses its leading zeros (the province code
    of Hà Nội is 001); they are put back up to that length.
    """
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    result = text(value)
    if result is None:
        return None
    result = result.replace(" ", "")
    if numeric and digits is not None and result.isdigit() and len(result) < digits:
        result = result.zfill(digits)
    return result


def date(value: object, partial: bool = False) -> tuple[dt.date | None, DatePrecision]:
    """An Excel date, dd/mm/yyyy (or d/m/yyyy, with . or -), ISO yyyy-mm-dd; with `partial`
    also mm/yyyy and yyyy (text or a whole number)."""
    if value is None:
        return None, DatePrecision.DAY
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, dt.date):
        return value, DatePrecision.DAY
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if partial and float(value).is_integer() and int(value) in YEAR_RANGE:
            return dt.date(int(value), 1, 1), DatePrecision.YEAR
        raise CellProblem(ProblemCode.IMPORT_NOT_A_DATE, partial=partial)
    written = text(value)
    if written is None:
        return None, DatePrecision.DAY
    try:
        iso = _ISO_DATE.match(written)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return dt.date(year, month, day), DatePrecision.DAY
        if partial:
            found, precision = parse_partial_date(written)
            if found.year not in YEAR_RANGE:
                raise ValueError(written)
            return found, precision
        found = parse_date(written)
    except (ValueError, OverflowError):
        raise CellProblem(ProblemCode.IMPORT_NOT_A_DATE, partial=partial) from None
    if found.year not in YEAR_RANGE:
        raise CellProblem(ProblemCode.IMPORT_NOT_A_DATE, partial=partial)
    return found, DatePrecision.DAY


def full_date(value: object) -> dt.date | None:
    return date(value)[0]


def choice(value: object, words: Vocabulary, empty: enum.Enum | None = None) -> Any:
    """A code-list value by one of its words, compared without case or diacritics."""
    written = text(value)
    if written is None:
        return empty
    found = words.get(_word(written))
    if found is None:
        raise CellProblem(ProblemCode.IMPORT_UNKNOWN_VALUE, choices=list(words.labels))
    return found


@functools.lru_cache(maxsize=4096)
def _word(written: str) -> str:
    """The folded form code-list words are looked up by (the same few words, millions of rows)."""
    return title_key(written)


@functools.cache
def _folded(allowed: tuple[str, ...]) -> dict[str, str]:
    return {fold(item): item for item in allowed}


def listed(value: object, allowed: tuple[str, ...], empty: str) -> str:
    """A value of an official list (dân tộc, tôn giáo), written as the list writes it."""
    written = text(value)
    if written is None:
        return empty
    if written in allowed:
        return written
    return _folded(allowed).get(fold(written), written)  # unknown ones: check_member says so


YES_WORDS = frozenset({"co", "x", "yes", "true", "1", "dung"})
NO_WORDS = frozenset({"khong", "no", "false", "0", "sai"})


def yes_no(value: object, empty: bool) -> bool:
    if value is None:
        return empty
    if isinstance(value, bool):
        return value
    written = text(value)
    if written is None:
        return empty
    folded = fold(written)
    if folded in YES_WORDS:
        return True
    if folded in NO_WORDS:
        return False
    raise CellProblem(ProblemCode.IMPORT_UNKNOWN_VALUE, choices=["Có", "Không"])
