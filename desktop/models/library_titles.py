"""The names documents print of their own kind (box 5a of §7.2: "NGHỊ QUYẾT", "CHỈ THỊ"…) and
of the statuses and marks, for the printed reports and generated documents, which never
import Qt. The window and the CLI use desktop.library_texts (the same words, translatable).
"""

from __future__ import annotations

from desktop.models.library import Confidentiality, DocumentKind, DocumentStatus

KIND_TITLES = {
    DocumentKind.RESOLUTION: "Nghị quyết", DocumentKind.DECISION: "Quyết định", DocumentKind.DIRECTIVE: "Chỉ thị",
    DocumentKind.CONCLUSION: "Kết luận", DocumentKind.STATUTE: "Quy chế", DocumentKind.REGULATION: "Quy định",
    DocumentKind.CIRCULAR: "Thông tri", DocumentKind.GUIDANCE: "Hướng dẫn", DocumentKind.NOTICE: "Thông báo",
    DocumentKind.COMMUNIQUE: "Thông cáo", DocumentKind.DECLARATION: "Tuyên bố", DocumentKind.APPEAL: "Lời kêu gọi",
    DocumentKind.REPORT: "Báo cáo", DocumentKind.PLAN: "Kế hoạch", DocumentKind.MASTER_PLAN: "Quy hoạch",
    DocumentKind.PROGRAMME: "Chương trình", DocumentKind.SCHEME: "Đề án", DocumentKind.OPTION: "Phương án",
    DocumentKind.PROJECT: "Dự án", DocumentKind.SUBMISSION: "Tờ trình", DocumentKind.OFFICIAL_LETTER: "Công văn",
    DocumentKind.MINUTES: "Biên bản", DocumentKind.OTHER: "Văn bản khác",
}
STATUS_TITLES = {
    DocumentStatus.IN_FORCE: "Còn hiệu lực", DocumentStatus.AMENDED: "Đã được sửa đổi, bổ sung",
    DocumentStatus.REPLACED: "Đã được thay thế", DocumentStatus.EXPIRED: "Hết hiệu lực",
}
MARK_TITLES = {
    Confidentiality.NONE: "", Confidentiality.CONFIDENTIAL: "MẬT", Confidentiality.SECRET: "TỐI MẬT",
    Confidentiality.TOP_SECRET: "TUYỆT MẬT",
}
