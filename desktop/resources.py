"""Where the bundled resources (fonts, icons, translations) are on this installation."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """`resources/` next to the package in a checkout, or inside a frozen (PyInstaller) bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def font_file(name: str) -> Path:
    return resources_dir() / "fonts" / name
