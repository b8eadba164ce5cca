"""Vietnamese wording of spreadsheet imports: the problems of a cell, a row or a file.

Reached through desktop.texts.problem_message (the codes of the rules themselves stay there).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "Import"

# Why a file could not be read (desktop.services.tabular.sources.SourceUnreadable.reason).
_UNREADABLE = {
    "NOT_FOUND": "không tìm thấy tệp",
    "UNSUPPORTED": "chỉ đọc được tệp Excel .xlsx và tệp .csv (hãy lưu lại bằng Excel dưới dạng .xlsx)",
    "DAMAGED": "tệp bị hỏng hoặc không đúng định dạng Excel",
    "LOCKED": "tệp đang được mở trong chương trình khác hoặc không có quyền đọc; hãy đóng Excel rồi thử lại",
    "EMPTY": "tệp không có dữ liệu",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    if code is ProblemCode.IMPORT_NOT_A_DATE:
        if p.get("partial"):
            return _tr("Không đọc được ngày: ghi ngày/tháng/năm (ví dụ 05/02/1960), tháng/năm hoặc chỉ năm.")
        return _tr("Không đọc được ngày: ghi ngày/tháng/năm, ví dụ 05/02/1990.")
    if code is ProblemCode.IMPORT_UNKNOWN_VALUE:
        return _tr("Giá trị không có trong danh mục; ghi một trong: {choices}.").format(
            choices=", ".join(p.get("choices", ())))
    if code is ProblemCode.IMPORT_NOT_TEXT:
        return _tr("Ô này không chứa giá trị đọc được (lỗi công thức hoặc không phải chữ, số).")
    if code is ProblemCode.IMPORT_UNKNOWN_CELL:
        if p.get("within"):
            return _tr("Không có chi bộ nào tên hoặc mã như vậy trong {within}.").format(**p)
        return _tr("Không có chi bộ nào tên hoặc mã như vậy.")
    if code is ProblemCode.IMPORT_AMBIGUOUS_CELL:
        return _tr("Có {count} chi bộ cùng tên này: hãy ghi mã chi bộ (cột “Mã chi bộ”) để phân biệt.").format(**p)
    if code is ProblemCode.IMPORT_CELL_CODE_NAME_MISMATCH:
        return _tr("Mã chi bộ ở dòng này là của “{name}”, không khớp với tên chi bộ đã ghi.").format(**p)
    if code is ProblemCode.IMPORT_DUPLICATE_IN_FILE:
        return _tr("Trùng với dòng {row} của cùng tệp.").format(**p)
    if code is ProblemCode.IMPORT_EXISTING_OUTSIDE_SCOPE:
        return _tr("Số này thuộc một đảng viên ngoài phạm vi tổ chức bạn được giao; không nhập được dòng này.")
    if code is ProblemCode.IMPORT_MATCHES_TWO_MEMBERS:
        return _tr("Số thẻ là của đảng viên {card_holder} nhưng số định danh là của đảng viên {id_holder}.").format(**p)
    if code is ProblemCode.IMPORT_EXIT_STATUS:
        return _tr("Chỉ nhập được đảng viên đang sinh hoạt; người có trạng thái “{status}” được ghi bằng "
                   "quyết định trong hồ sơ, không nhập từ tệp.").format(**p)
    if code is ProblemCode.IMPORT_PARENT_UNKNOWN:
        return _tr("Không có tổ chức cấp trên mã “{code}” (trong cơ sở dữ liệu hay ở các dòng phía trên).").format(**p)
    if code is ProblemCode.IMPORT_CANNOT_CREATE_CELLS:
        if p.get("within"):
            return _tr("Không tạo được chi bộ mới trong {within}: chọn một đảng bộ có chi bộ trực thuộc.").format(**p)
        return _tr("Muốn tạo chi bộ mới, hãy chọn đảng bộ sẽ chứa các chi bộ đó.")
    if code is ProblemCode.IMPORT_NO_HEADER:
        return _tr("Không tìm thấy dòng tiêu đề cột (Họ và tên, Ngày sinh, …) trong 30 dòng đầu của tệp.")
    if code is ProblemCode.IMPORT_COLUMN_MISSING:
        return _tr("Tệp thiếu cột bắt buộc: {columns}. Hãy ghép cột cho các mục này.").format(
            columns=", ".join(p.get("columns", ())))
    if code is ProblemCode.IMPORT_UNREADABLE:
        reason = _UNREADABLE.get(str(p.get("reason")), str(p.get("reason")))
        return _tr("Không đọc được tệp: {reason}.").format(reason=_tr(reason))
    return None
