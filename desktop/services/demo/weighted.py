"""Weighted random choice, precomputed once (random.choices rebuilds its tables every call)."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if len(items) != len(weights) or not items:
            raise ValueError("one positive weight per item")
        self.items = tuple(items)
        self._cumulative = list(accumulate(weights))
        self._total = self._cumulative[-1]
        self._last = len(self.items) - 1

    @classmethod
    def of(cls, table: Sequence[tuple[T, float]]) -> Weighted[T]:
        return cls([item for item, _ in table], [weight for _, weight in table])

    def pick(self, rng: random.Random) -> T:
        return self.items[min(bisect(self._cumulative, rng.random() * self._total), self._last)]
