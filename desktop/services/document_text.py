"""The text of a library file, for the search index: PDF (pypdf), Word .docx (python-docx) and
plain text in whatever encoding Vietnamese offices save it.

Files are read as data only: nothing in them is run (no PDF scripts, no macros: .docx is read
from its XML parts, .docm and older .doc are refused by the library rules). A file that cannot
be read raises UnreadableFile; the caller turns it into a message.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from desktop.models.library_rules import file_extension

# A .docx is a zip: refuse archives that would unpack to more than this (a "zip bomb").
_DOCX_MAX_UNPACKED_BYTES = 512 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # PostgreSQL text refuses NUL
_BLANK_LINES = re.compile(r"\n{3,}")


class UnreadableFile(ValueError):
    """The file is damaged, encrypted or not what its name says."""


def extract_text(file_name: str, content: bytes) -> str:
    """The file's text, NFC, one paragraph a line."""
    extension = file_extension(file_name)
    if extension == ".pdf":
        raw = _pdf_text(content)
    elif extension == ".docx":
        raw = _docx_text(content)
    elif extension == ".txt":
        raw = decode_text(content)
    else:
        raise UnreadableFile(file_name)
    return clean_text(raw)


def clean_text(raw: str) -> str:
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", raw.replace("\r\n", "\n").replace("\r", "\n")))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password only: readable
            raise UnreadableFile("encrypted PDF")
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise UnreadableFile(str(error)) from error


def _docx_text(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > _DOCX_MAX_UNPACKED_BYTES:
                raise UnreadableFile("archive too large when unpacked")
    except zipfile.BadZipFile as error:
        raise UnreadableFile(str(error)) from error
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise UnreadableFile(str(error)) from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def decode_text(content: bytes) -> str:
    """Plain text: a BOM says the encoding; else UTF-8 if it decodes, else Windows-1258 (the
    Vietnamese code page of older Windows editors)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if content.startswith(bom):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableFile(str(error)) from error
    if b"\x00" in content[:4096] and _looks_like_utf16(content):
        return content.decode("utf-16-le" if content[1:2] == b"\x00" else "utf-16-be", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1258", errors="replace")


def _looks_like_utf16(content: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII-heavy text is zero."""
    sample = content[:4096]
    zeros = sample[1::2].count(0) + sample[0::2].count(0)
    return zeros > len(sample) // 4
