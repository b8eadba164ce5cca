"""Reading back what a generated PDF says, page by page (as a user copying its text would)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    reader = PdfReader(str(path))
    return [unicodedata.normalize("NFC", page.extract_text() or "") for page in reader.pages]


def page_lines(path: Path, page: int) -> list[str]:
    return [line.strip() for line in page_texts(path)[page].splitlines() if line.strip()]
