"""Where a generated report lives before the user saves it, and how copies of it are made.

Every report is written to a private temporary file in the cache folder, never straight to
where the user wants it: an unfinished or cancelled report must not land anywhere visible.
Saving and opening in another application work on copies of that file. Nothing here shows
anything, so the rules for these files can be read (and tested) apart from the window.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

from desktop import paths

# Preview files older than this are left-overs of a crashed session (or of a file handed to
# another application) and are removed when the window opens.
STALE_AFTER_SECONDS = 24 * 3600


def preview_folder() -> Path:
    """Generated reports before the user saves them: private to this user, never synced."""
    return paths.data_dir() / "cache" / "reports"


def new_preview_path(folder: Path) -> Path:
    """A name no other preview (of this or another open window) can be using."""
    return folder / f"preview-{uuid.uuid4().hex}.pdf"


def viewer_copy_path(file_name: str) -> Path:
    """Where to put the copy handed to another application.

    A copy under a readable name in a folder of its own: the viewer shows that name, and the
    next preview can replace ours while the viewer keeps its copy open.
    """
    return preview_folder() / "open" / uuid.uuid4().hex[:8] / file_name


def remove_stale_previews(folder: Path, now: float | None = None) -> None:
    now = time.time() if now is None else now
    if not folder.is_dir():
        return
    for entry in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        try:
            if entry.is_dir():
                if not any(entry.iterdir()):
                    entry.rmdir()
            elif now - entry.stat().st_mtime > STALE_AFTER_SECONDS:
                entry.unlink()
        except OSError:
            pass  # still open in a viewer (Windows): next time


def delete_quietly(path: Path | None) -> None:
    """Remove a temporary file if it can be removed now; a failure is not worth a message."""
    if path is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # held open by another program: removed as stale later


def save_copy(source: Path, target: Path) -> None:
    """Copy `source` to `target`; raises OSError, leaving no partial file behind."""
    partial = target.with_name(target.name + ".part")
    try:
        # Copied beside the target, then renamed: an interrupted copy never looks finished.
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    except OSError:
        delete_quietly(partial)
        raise
