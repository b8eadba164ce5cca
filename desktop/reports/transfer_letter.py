"""Giấy giới thiệu sinh hoạt đảng (§7.9): the introduction letter of a transfer, in the party
document format, issued by the đảng ủy of the sending cell and signed "T/M ĐẢNG ỦY".

The header boxes with "Số 07-GGT/ĐU", place and the letter's date; the member's name, birth
date, admission and official dates, card number; from where to where; the deadline to present
the letter at the receiving organisation with its basis in working days; the signature.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.document_header import document_number
from desktop.models.text import nfc
from desktop.models.transfers import TransferKind
from desktop.reports.frame import (
    BuiltDocument,
    Closing,
    DocumentInfo,
    build_document,
    document_styles,
)
from desktop.reports.issuing import issued_parts
from desktop.services.transfer_letters import LETTER_KIND_CODE
from desktop.services.transfer_list import LetterFacts, letter_facts

TITLE = "Giấy giới thiệu sinh hoạt đảng"
TEMPORARY_TITLE = "Giấy giới thiệu sinh hoạt đảng tạm thời"
SAME_AS_ABOVE = "Như trên"


def _bold(text: str) -> str:
    return f"<b>{escape(nfc(text))}</b>"


def _line(label: str, value: str) -> str:
    return f"{escape(label)}: {value}"


def letter_lines(facts: LetterFacts, issuer_name: str) -> list[str]:
    """The body, one paragraph each (markup)."""
    name = nfc(facts.full_name)
    probationary = facts.official_date is None or facts.official_date > facts.letter_date
    lines = [
        _line("Kính gửi", _bold(facts.to_name)),
        f"{escape(nfc(issuer_name))} trân trọng giới thiệu đồng chí: {_bold(name.upper())}",
        _line("Sinh ngày", escape(format_date(facts.date_of_birth, facts.dob_precision))),
        escape("Là đảng viên dự bị." if probationary else "Là đảng viên chính thức."),
        _line("Ngày vào Đảng", escape(format_date(facts.admission_date)))
        + ("" if probationary else "; " + _line("ngày chính thức", escape(format_date(facts.official_date)))),
        _line("Số thẻ đảng viên", escape(facts.party_card_number or "…………………")),
        _line("Đang sinh hoạt tại", escape(facts.from_name)),
    ]
    if facts.kind is TransferKind.TEMPORARY:
        until = format_date(facts.expected_end) if facts.expected_end else "…………"
        lines.append(_line("Đến sinh hoạt đảng tạm thời tại", _bold(facts.to_name))
                     + escape(f", từ ngày {format_date(facts.letter_date)} đến ngày {until}."))
    else:
        lines.append(_line("Chuyển sinh hoạt đảng chính thức đến", _bold(facts.to_name)))
    if facts.reason:
        lines.append(_line("Lý do", escape(nfc(facts.reason))))
    lines.append(escape(f"Đề nghị {facts.to_name} tiếp nhận và quản lý, giúp đỡ đồng chí {name} "
                        "sinh hoạt đảng theo quy định."))
    lines.append(
        escape(f"Đồng chí {name} phải xuất trình giấy giới thiệu này tại nơi đến chậm nhất ngày ")
        + _bold(format_date(facts.report_deadline))
        + escape(f" ({facts.deadline_days} ngày làm việc kể từ ngày {format_date(facts.letter_date)}, "
                 "ngày ký giấy giới thiệu).")
    )
    return lines


def write_transfer_letter(database: Database, transfer_id: int, out_path: Path) -> BuiltDocument:
    """The letter of `transfer_id` as a PDF at `out_path` (replaced atomically).
    PRINT_REPORTS and the sending side in scope; an arrival from outside has no letter of ours."""
    facts = letter_facts(database, transfer_id)
    parts = issued_parts(database, facts.issuing_org_id, facts.letter_date, kind_code=LETTER_KIND_CODE)
    header = replace(parts.header, number=document_number(facts.letter_sequence, LETTER_KIND_CODE,
                                                          parts.issuer.issuer_code))
    styles = document_styles(parts.style)
    body: list[Flowable] = [Paragraph(line, styles.body) for line in letter_lines(facts, parts.issuer.issuer_name)]
    file_copy = parts.issuer.recipients[-1]
    closing = Closing(signature=parts.closing.signature,
                      recipients=(SAME_AS_ABOVE, facts.from_name.split(" — ")[0], file_copy))
    temporary = facts.kind is TransferKind.TEMPORARY
    info = DocumentInfo(
        kind_title=TEMPORARY_TITLE if temporary else TITLE,
        author=parts.issuer.issuer_name,
        subject=f"{TITLE} — {nfc(facts.full_name)}",
        keywords=(LETTER_KIND_CODE,),
    )
    return build_document(Path(out_path), styles, header, info, body, closing)


def letter_file_name(transfer_id: int, letter_date: dt.date) -> str:
    return f"giay-gioi-thieu-{transfer_id}-{letter_date.isoformat()}.pdf"
