"""`party-office report minutes --meeting ID`: the request for one meeting's minutes."""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QCoreApplication

from desktop.db.database import Database
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services.errors import RecordNotFound
from desktop.services.meeting_records import load_meeting

_CONTEXT = "CommandLine"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def minutes_request(database: Database, meeting_id: int | None, as_of: dt.date) -> ReportRequest | None:
    """None (after saying why) when no meeting is given or it does not exist."""
    if meeting_id is None:
        print(_tr("Hãy ghi số của cuộc họp (--meeting)."), file=sys.stderr)
        return None
    try:
        record = load_meeting(database, meeting_id)
    except RecordNotFound:
        print(_tr("Không có cuộc họp nào số {number}.").format(number=meeting_id), file=sys.stderr)
        return None
    return ReportRequest(ReportKind.MINUTES, record.draft.organization_id, as_of, record_id=meeting_id)
