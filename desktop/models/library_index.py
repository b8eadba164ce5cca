"""The library's search rules: which folded terms a document has, their weights, how a result
ranks and what its snippet shows.

Text is folded one character for one character (`aligned_fold`), so an offset found in the
folded text is the same offset in the stored text: the index keeps the first offset of each
term and a snippet is cut from the stored text around it, with the matched words marked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.models.library import TERM_LENGTH
from desktop.models.text import fold

_TOKEN = re.compile(r"[^\W_]+")

# Weight of one occurrence of a term in each part of a document: the number and the abstract
# say what the document is, one word among thousands of pages says much less.
NUMBER_WEIGHT = 60
ABSTRACT_WEIGHT = 12
ISSUER_WEIGHT = 4
TEXT_WEIGHT = 1
# BM25's saturation: the tenth occurrence of a word adds little.
SATURATION = 4.0

SNIPPET_BEFORE = 90  # characters of context before the first match
SNIPPET_LENGTH = 260  # characters read for a snippet


class _FoldTable(dict[int, str]):
    """str.translate table folding each character to exactly one (computed once per character)."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        result = self[code] = folded[0] if len(folded) == 1 else (folded[:1] or chr(code))
        return result


_FOLD_TABLE = _FoldTable()


def aligned_fold(text: str) -> str:
    """fold() character by character: the result has the length of `text` (offsets agree)."""
    return text.translate(_FOLD_TABLE)


def tokens(text: str) -> list[str]:
    """Folded words of a text, as the index and the queries split it."""
    return [word for word in _TOKEN.findall(aligned_fold(text)) if len(word) <= TERM_LENGTH]


def query_terms(text: str) -> list[str]:
    """The distinct folded words of a query, in the order typed."""
    return list(dict.fromkeys(tokens(text)))


@dataclass
class TermStats:
    weight: int
    first_offset: int | None  # in the document's text; None: not in the text


def document_terms(number: str, abstract: str, issuer: str, tags: str | None, text: str) -> dict[str, TermStats]:
    """Every term of a document with its weight and its first offset in `text`."""
    stats: dict[str, TermStats] = {}
    for part, weight in ((number, NUMBER_WEIGHT), (abstract, ABSTRACT_WEIGHT), (tags or "", ABSTRACT_WEIGHT),
                         (issuer, ISSUER_WEIGHT)):
        for word in tokens(part):
            entry = stats.get(word)
            if entry is None:
                stats[word] = TermStats(weight, None)
            else:
                entry.weight += weight
    for match in _TOKEN.finditer(aligned_fold(text)):
        word = match.group()
        if len(word) > TERM_LENGTH:
            continue
        entry = stats.get(word)
        if entry is None:
            stats[word] = TermStats(TEXT_WEIGHT, match.start())
        else:
            entry.weight += TEXT_WEIGHT
            if entry.first_offset is None:
                entry.first_offset = match.start()
    return stats


def inverse_frequency(documents: int, containing: int) -> float:
    """BM25's idf: rare terms weigh more; never negative."""
    return math.log(1.0 + (documents - containing + 0.5) / (containing + 0.5))


# -- snippets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SnippetPart:
    text: str
    matched: bool


def snippet(window: str, window_start: int, terms: Iterable[str]) -> tuple[SnippetPart, ...]:
    """The words of `window` (text read from offset `window_start`), cut at whole words,
    with the words equal to one of `terms` marked; "…" where the text goes on."""
    wanted = set(terms)
    begin = 0
    if window_start > 0:  # the read started mid-word perhaps: drop up to the first space
        space = window.find(" ")
        begin = space + 1 if 0 <= space < 30 else 0
    end = len(window)
    if len(window) >= SNIPPET_LENGTH:
        space = window.rfind(" ", begin)
        end = space if space > begin else end
    shown = " ".join(window[begin:end].split())
    parts: list[SnippetPart] = []
    if window_start > 0 or begin > 0:
        parts.append(SnippetPart("…", False))
    position = 0
    for match in _TOKEN.finditer(aligned_fold(shown)):
        if match.group() in wanted:
            if match.start() > position:
                parts.append(SnippetPart(shown[position:match.start()], False))
            parts.append(SnippetPart(shown[match.start():match.end()], True))
            position = match.end()
    if position < len(shown):
        parts.append(SnippetPart(shown[position:], False))
    if end < len(window):
        parts.append(SnippetPart("…", False))
    return _merged(parts)


def _merged(parts: Sequence[SnippetPart]) -> tuple[SnippetPart, ...]:
    merged: list[SnippetPart] = []
    for part in parts:
        if merged and merged[-1].matched == part.matched and not part.matched:
            merged[-1] = SnippetPart(merged[-1].text + part.text, False)
        else:
            merged.append(part)
    return tuple(merged)


def highlighted(text: str, terms: Iterable[str]) -> tuple[SnippetPart, ...]:
    """A short text (the abstract, the number) with the matched words marked."""
    return snippet(text, 0, terms) if len(text) < SNIPPET_LENGTH else snippet(text[:SNIPPET_LENGTH], 0, terms)


def snippet_window_start(first_offset: int) -> int:
    return max(0, first_offset - SNIPPET_BEFORE)
