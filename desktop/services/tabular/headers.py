"""Finding the row of column titles, and which column fills which field.

Offices' files start with title rows (the committee's name, "DANH SÁCH ĐẢNG VIÊN", a date,
often merged across the sheet) before the row of column titles; some repeat a row of column
numbers (1, 2, 3, …) under it. The title row is the one among the first rows whose cells name
the most known columns.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from desktop.services.tabular.columns import Column, title_key
from desktop.services.tabular.values import shown

SEARCHED_ROWS = 30  # title rows above the column titles, at most
MIN_MATCHES = 2


@dataclass
class HeaderMatch:
    """The row of column titles (1-based sheet row), its titles and the mapping found."""

    row: int
    titles: list[str]
    mapping: dict[str, int] = field(default_factory=dict)  # field key → 0-based column
    # Rows read past the titles while looking for them: the first data rows.
    pending: list[list[object]] = field(default_factory=list, repr=False)

    @property
    def signature(self) -> str:
        """The same titles in the same order give the same signature (saved mappings)."""
        folded = "\x1f".join(title_key(title) for title in self.titles)
        return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:40]


def match_titles(titles: Sequence[object], columns: Sequence[Column]) -> dict[str, int]:
    """Field key → column index for each known title (the first column wins a repeated title)."""
    known = {key: column.key for column in columns for key in column.keys()}
    mapping: dict[str, int] = {}
    for index, title in enumerate(titles):
        key = known.get(title_key(title))
        if key is not None and key not in mapping:
            mapping[key] = index
    return mapping


def _is_numbering(row: Sequence[object]) -> bool:
    """A row of column numbers (1, 2, 3 … or (1), (2) …) under the titles."""
    values = [title_key(value) for value in row if value not in (None, "")]
    return len(values) >= 3 and all(value.isdigit() for value in values)


def find_header(rows: Iterator[list[object]], columns: Sequence[Column]) -> HeaderMatch | None:
    """Read rows until the titles are found (None: no row names two known columns).

    Rows read beyond the titles are kept in the match (`pending`); `data_rows` yields them
    first, then the rest of the iterator.
    """
    best: HeaderMatch | None = None
    seen: list[tuple[int, list[object]]] = []
    for number, row in enumerate(rows, start=1):
        seen.append((number, row))
        mapping = match_titles(row, columns)
        if len(mapping) >= MIN_MATCHES and (best is None or len(mapping) > len(best.mapping)):
            best = HeaderMatch(number, [shown(value) for value in row], mapping)
        if number >= SEARCHED_ROWS or (best is not None and number > best.row + 1):
            break
    if best is None:
        return None
    best.pending = [row for number, row in seen if number > best.row]
    return best


def _blank(row: Sequence[object]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def data_rows(match: HeaderMatch, rows: Iterator[list[object]]) -> Iterator[tuple[int, list[object]]]:
    """(sheet row number, cells) of every row below the titles; blank rows and a row of
    column numbers right under the titles are skipped."""
    for number, row in enumerate(itertools.chain(match.pending, rows), start=match.row + 1):
        if not (_blank(row) or (number == match.row + 1 and _is_numbering(row))):
            yield number, row
