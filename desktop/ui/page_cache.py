"""The rows of a long list kept a few pages at a time: a lazy table model asks for row N, the
cache reads its page from the service when it is not held, and forgets the least recently used
page beyond `max_pages` (the member register, the transfers)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

Row = TypeVar("Row")


class PageCache(Generic[Row]):
    def __init__(self, fetch: Callable[[int, int], list[Row]], page_size: int, max_pages: int) -> None:
        """`fetch(offset, limit)` reads one page in the list's order."""
        self._fetch = fetch
        self.page_size = page_size
        self.max_pages = max_pages
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()

    def clear(self) -> None:
        self._pages.clear()

    def row(self, row: int) -> Row | None:
        page_number, offset = divmod(row, self.page_size)
        page = self._pages.get(page_number)
        if page is None:
            page = self._fetch(page_number * self.page_size, self.page_size)
            self._pages[page_number] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        # The data may have shrunk since the COUNT (someone else's change): no row then.
        return page[offset] if offset < len(page) else None

    def cached_row_count(self) -> int:
        return sum(len(page) for page in self._pages.values())
