"""The serif face of party documents: Times New Roman where the system has it, else Tinos.

Party documents are set in Times New Roman (§7.1). Windows office PCs have it; elsewhere the
bundled Tinos (SIL OFL 1.1, metric-compatible with Times New Roman, resources/fonts/) prints
with the same line breaks. A system face is used only if it has every Vietnamese letter.
Setting PARTY_OFFICE_REPORT_FONT=bundled forces Tinos (the tests do, so that their output
does not depend on the machine).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import font_file

FAMILY = "PartySerif"
FORCE_BUNDLED_VARIABLE = "PARTY_OFFICE_REPORT_FONT"

# The 12 vowels in their 6 tones, both cases, and đ/Đ: what a Vietnamese document needs.
VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
)
REQUIRED_CHARACTERS = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "0123456789*-/.,:;()%"


@dataclass(frozen=True)
class FaceFiles:
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def all_exist(self) -> bool:
        return all(path.is_file() for path in (self.regular, self.bold, self.italic, self.bold_italic))


@dataclass(frozen=True)
class RegisteredFamily:
    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: str  # "system" (Times New Roman) or "bundled" (Tinos)


BUNDLED = FaceFiles(
    font_file("Tinos-Regular.ttf"),
    font_file("Tinos-Bold.ttf"),
    font_file("Tinos-Italic.ttf"),
    font_file("Tinos-BoldItalic.ttf"),
)


def _system_candidates() -> list[FaceFiles]:
    candidates = []
    windows = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windows:
        folder = Path(windows) / "Fonts"
        candidates.append(
            FaceFiles(folder / "times.ttf", folder / "timesbd.ttf", folder / "timesi.ttf", folder / "timesbi.ttf")
        )
    for folder in (Path("/usr/share/fonts/truetype/msttcorefonts"), Path("/Library/Fonts")):
        candidates.append(
            FaceFiles(
                folder / "Times_New_Roman.ttf", folder / "Times_New_Roman_Bold.ttf",
                folder / "Times_New_Roman_Italic.ttf", folder / "Times_New_Roman_Bold_Italic.ttf",
            )
        )
    return candidates


def _covers_vietnamese(font: TTFont) -> bool:
    glyphs = font.face.charToGlyph
    return all(ord(character) in glyphs for character in REQUIRED_CHARACTERS)


_lock = threading.Lock()
_registered: RegisteredFamily | None = None


def register_fonts() -> RegisteredFamily:
    """Register the four faces with ReportLab once per process and return their names."""
    global _registered
    with _lock:
        if _registered is None:
            _registered = _register()
        return _registered


def _register() -> RegisteredFamily:
    if os.environ.get(FORCE_BUNDLED_VARIABLE, "").lower() != "bundled":
        for files in _system_candidates():
            if files.all_exist():
                try:
                    return _register_files(files, "system")
                except (OSError, ValueError):  # damaged or without Vietnamese: use Tinos
                    continue
    return _register_files(BUNDLED, "bundled")


def _register_files(files: FaceFiles, source: str) -> RegisteredFamily:
    names = {
        "regular": f"{FAMILY}-{source}",
        "bold": f"{FAMILY}-{source}-Bold",
        "italic": f"{FAMILY}-{source}-Italic",
        "bold_italic": f"{FAMILY}-{source}-BoldItalic",
    }
    fonts = {
        face: TTFont(names[face], str(getattr(files, face))) for face in names
    }
    if not all(_covers_vietnamese(font) for font in fonts.values()):
        raise ValueError(f"{source} font lacks Vietnamese letters")
    for font in fonts.values():
        pdfmetrics.registerFont(font)
    # So that <b> and <i> in Paragraph markup pick the matching face.
    family = names["regular"]
    addMapping(family, 0, 0, names["regular"])
    addMapping(family, 1, 0, names["bold"])
    addMapping(family, 0, 1, names["italic"])
    addMapping(family, 1, 1, names["bold_italic"])
    return RegisteredFamily(name=family, source=source, **names)
