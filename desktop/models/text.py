"""Vietnamese text rules: NFC storage, diacritic-free search keys and name collation.

No SQLite tokenizer folds đ to d, so search runs on keys folded here and stored in a column.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Đ/đ have no Unicode decomposition; Ð/ð (Icelandic eth) are common mis-typings of them
# in data that went through legacy Vietnamese encodings.
_D_LIKE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[.\-/](?=\d)")
_WORD = re.compile(r"[^\W_]+")


def nfc(text: str | None) -> str | None:
    """Normalise user input the way it is stored: NFC, trimmed, inner spaces collapsed."""
    if text is None:
        return None
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())  # imports normalise millions of cells: split() beats a regex


def nfc_paragraphs(text: str | None) -> str | None:
    """Normalise multi-line input (minutes, notes): NFC, each line as `nfc`, blank lines at the
    ends dropped, the line breaks kept."""
    if text is None:
        return None
    lines = [nfc(line) or "" for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def fold(text: str) -> str:
    """Lower-case, strip tone and vowel marks, đ→d: 'Đặng Thị Ửng' → 'dang thi ung'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_LIKE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_D_LIKE).casefold()


def search_terms(text: str) -> list[str]:
    """Words of a folded text; digit groups written with . - / are joined ('12.345' → '12345')."""
    return _WORD.findall(_DIGIT_SEPARATOR.sub("", fold(text)))


def search_key(*parts: str | None) -> str:
    """The stored, space-separated key that searches match word prefixes against."""
    return " ".join(key for part in parts if part and (key := _part_key(part)))


@functools.lru_cache(maxsize=16384)  # names repeat; identifiers pass through once
def _part_key(part: str) -> str:
    return " ".join(search_terms(part))


# Vietnamese alphabetical order; f j w z only occur in foreign names.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_CODE = {letter: chr(0x30 + index) for index, letter in enumerate(_ALPHABET)}
# Dictionary order of tones: level, grave, hook, tilde, acute, dot below.
_TONE_CODE = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Letters written with a breve, circumflex or horn are letters of their own, not accents.
_MARKED_LETTERS = {"a\u0306": "ă", "a\u0302": "â", "e\u0302": "ê", "o\u0302": "ô",
                   "o\u031b": "ơ", "u\u031b": "ư"}
_END_OF_PRIMARY = "\x01"
_PART_SEPARATOR = "\x02"


@functools.lru_cache(maxsize=16384)  # words repeat: a register has a few thousand distinct ones
def _collate_word(word: str) -> tuple[str, str]:
    """Primary (letters in Vietnamese order) and secondary (tones) keys of one word."""
    primary: list[str] = []
    tones: list[str] = []
    for base_and_marks in re.findall(r".[\u0300-\u036f]*", unicodedata.normalize("NFD", word.lower())):
        base, marks = base_and_marks[0], base_and_marks[1:]
        letter = base
        tone = "0"
        for mark in marks:
            if mark in _TONE_CODE:
                tone = _TONE_CODE[mark]
            else:
                letter = _MARKED_LETTERS.get(base + mark, letter)
        primary.append(_LETTER_CODE.get(letter, letter))
        tones.append(tone)
    return "".join(primary), "".join(tones)


def name_sort_key(full_name: str) -> str:
    """Collation key that orders names as party lists do: given name, then family, then middle.

    Compared byte-wise (SQLite BINARY, PostgreSQL "C"), it follows the Vietnamese alphabet
    (a ă â b c d đ e ê ...) and tone order, ignoring case.
    """
    words = (nfc(full_name) or "").split(" ")
    if len(words) > 1:
        ordered = [words[-1], words[0], *words[1:-1]]
    else:
        ordered = words
    keys = [_collate_word(word) for word in ordered]
    primary = _PART_SEPARATOR.join(p for p, _ in keys)
    secondary = "".join(s for _, s in keys)
    return primary + _END_OF_PRIMARY + secondary
