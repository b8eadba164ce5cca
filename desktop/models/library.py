"""The document library and the study of resolutions (thư viện văn bản, học tập nghị quyết;
domain spec §7.4, §9).

A library document is a party (or state) document the committee keeps: its kind and number
and symbol ("05-NQ/ĐUK"), issuing body, issue date, abstract (trích yếu), status with the
link to the document that replaced or amended it, secrecy mark and tags. Its files (PDF, DOCX,
TXT) are kept in the database, so backups and encryption cover them, with a SHA-256 that
refuses the same file twice; their text is extracted once and indexed in `library_posting`
(folded term → document, with a weight and the first place in the text) so that a search reads
a few index ranges instead of scanning text.

A study session (buổi học tập, quán triệt) studies one document at one organisation; its
attendance lists the members expected; a make-up session (học bù) points to the session
its members missed. A member has studied a document once present at any session of it.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, binary_string, enum_column


class DocumentKind(enum.Enum):
    """Kinds of party document with their symbol in the number (§7.4)."""

    RESOLUTION = "NQ"  # Nghị quyết
    DECISION = "QĐ"  # Quyết định
    DIRECTIVE = "CT"  # Chỉ thị
    CONCLUSION = "KL"  # Kết luận
    STATUTE = "QC"  # Quy chế
    REGULATION = "QĐi"  # Quy định
    CIRCULAR = "TT"  # Thông tri
    GUIDANCE = "HD"  # Hướng dẫn
    NOTICE = "TB"  # Thông báo
    COMMUNIQUE = "TC"  # Thông cáo
    DECLARATION = "TBo"  # Tuyên bố
    APPEAL = "LKG"  # Lời kêu gọi
    REPORT = "BC"  # Báo cáo
    PLAN = "KH"  # Kế hoạch
    MASTER_PLAN = "QH"  # Quy hoạch
    PROGRAMME = "CTr"  # Chương trình
    SCHEME = "ĐA"  # Đề án
    OPTION = "PA"  # Phương án (399-QĐ/TW)
    PROJECT = "DA"  # Dự án (399-QĐ/TW)
    SUBMISSION = "TTr"  # Tờ trình
    OFFICIAL_LETTER = "CV"  # Công văn
    MINUTES = "BB"  # Biên bản
    OTHER = "KHAC"  # a document without a party kind (a law, a book, a state decree…)

    @property
    def symbol(self) -> str | None:
        """The kind's part of "05-NQ/ĐUK"; None for documents outside the party list."""
        return None if self is DocumentKind.OTHER else self.value


class DocumentStatus(enum.Enum):
    IN_FORCE = "IN_FORCE"  # còn hiệu lực
    AMENDED = "AMENDED"  # đã được sửa đổi, bổ sung (in force with changes)
    REPLACED = "REPLACED"  # đã được thay thế (replaced_by_id names the new one)
    EXPIRED = "EXPIRED"  # hết hiệu lực without a replacement


class Confidentiality(enum.Enum):
    """Secrecy marks (§7.3, §10.3): a marked document's file never leaves the database."""

    NONE = "NONE"
    CONFIDENTIAL = "CONFIDENTIAL"  # MẬT
    SECRET = "SECRET"  # TỐI MẬT
    TOP_SECRET = "TOP_SECRET"  # TUYỆT MẬT

    @property
    def is_marked(self) -> bool:
        return self is not Confidentiality.NONE


class StudyForm(enum.Enum):
    IN_PERSON = "IN_PERSON"  # trực tiếp
    ONLINE = "ONLINE"  # trực tuyến


NUMBER_LENGTH = 60
ISSUER_LENGTH = 200
ABSTRACT_LENGTH = 1000
TAGS_LENGTH = 300
FILE_NAME_LENGTH = 255
MEDIA_TYPE_LENGTH = 100
TERM_LENGTH = 60
PRESENTER_LENGTH = 200
NAME_LENGTH = 100


class LibraryDocument(VersionedMixin, Base):
    __tablename__ = "library_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind))
    number: Mapped[str] = mapped_column(String(NUMBER_LENGTH))  # "05-NQ/ĐUK", as written
    number_key: Mapped[str] = mapped_column(binary_string(NUMBER_LENGTH))  # folded: duplicates
    issuer: Mapped[str] = mapped_column(String(ISSUER_LENGTH))  # cơ quan ban hành
    issuer_key: Mapped[str] = mapped_column(binary_string(ISSUER_LENGTH))  # folded: the filter
    issue_date: Mapped[dt.date] = mapped_column(Date)
    abstract: Mapped[str] = mapped_column(String(ABSTRACT_LENGTH))  # trích yếu
    status: Mapped[DocumentStatus] = mapped_column(enum_column(DocumentStatus))
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("library_document.id", ondelete="SET NULL"))
    amended_by_id: Mapped[int | None] = mapped_column(ForeignKey("library_document.id", ondelete="SET NULL"))
    confidentiality: Mapped[Confidentiality] = mapped_column(enum_column(Confidentiality))
    tags: Mapped[str | None] = mapped_column(String(TAGS_LENGTH))  # "đại hội, cán bộ"
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(NAME_LENGTH))

    __table_args__ = (
        Index("ix_library_document_issue_date", "issue_date", "id"),
        Index("ix_library_document_kind", "kind", "issue_date"),
        Index("ix_library_document_number_key", "number_key"),
        Index("ix_library_document_issuer_key", "issuer_key"),
        Index("ix_library_document_replaced_by", "replaced_by_id"),
    )

    def __repr__(self) -> str:
        return f"<LibraryDocument {self.id} {self.number!r}>"


class LibraryFile(Base):
    """A file of a document, kept in the database and never executed (opened as data only)."""

    __tablename__ = "library_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("library_document.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(FILE_NAME_LENGTH))
    media_type: Mapped[str] = mapped_column(String(MEDIA_TYPE_LENGTH))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)  # the same file is kept once
    content: Mapped[bytes] = mapped_column(LargeBinary)
    text_chars: Mapped[int] = mapped_column(Integer)  # length of the extracted text
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(NAME_LENGTH))


class LibraryDocumentText(Base):
    """The extracted text of all a document's files, one after the other (snippets read it)."""

    __tablename__ = "library_document_text"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("library_document.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class LibraryTerm(Base):
    """A folded word of the index ("nghi", "quyet", "05", "duk")."""

    __tablename__ = "library_term"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(binary_string(TERM_LENGTH), unique=True)


class LibraryPosting(Base):
    """One term in one document: its weight (desktop.models.library_index) and the offset of
    its first occurrence in the document's text (None: only in the number, abstract or tags).

    Written with Core by desktop.services.library_index only, never through the ORM: a
    document has thousands of postings and the audit trail records the document itself.
    """

    __tablename__ = "library_posting"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("library_document.id", ondelete="CASCADE"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("library_term.id"), primary_key=True)
    weight: Mapped[int] = mapped_column(Integer)
    first_offset: Mapped[int | None] = mapped_column(Integer)

    # A search reads (term, document, weight) from this index alone, never the table rows:
    # 25 ms instead of 46 ms for two common words over 5,000 documents.
    __table_args__ = (Index("ix_library_posting_term", "term_id", "document_id", "weight"),)


class StudySession(VersionedMixin, Base):
    __tablename__ = "study_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("library_document.id", ondelete="RESTRICT"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))
    session_date: Mapped[dt.date] = mapped_column(Date)
    form: Mapped[StudyForm] = mapped_column(enum_column(StudyForm))
    presenter: Mapped[str] = mapped_column(String(PRESENTER_LENGTH))  # người quán triệt
    makeup_of_id: Mapped[int | None] = mapped_column(ForeignKey("study_session.id", ondelete="SET NULL"))
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_study_session_document", "document_id", "organization_id", "session_date"),
        Index("ix_study_session_organization", "organization_id", "session_date"),
    )


class StudyAttendance(Base):
    """One expected member of a session; `document_id` repeats the session's, so that
    "who has studied this document" is one index range."""

    __tablename__ = "study_attendance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("study_session.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("library_document.id", ondelete="RESTRICT"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    present: Mapped[bool] = mapped_column(Boolean)
    absence_reason: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (
        UniqueConstraint("session_id", "member_id"),
        Index("ix_study_attendance_document_member", "document_id", "member_id", "present"),
        Index("ix_study_attendance_member", "member_id"),
    )
