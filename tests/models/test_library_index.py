"""Folded terms, weights and snippets of the library search."""

from __future__ import annotations

from desktop.models.library_index import (
    ABSTRACT_WEIGHT,
    NUMBER_WEIGHT,
    TEXT_WEIGHT,
    aligned_fold,
    document_terms,
    inverse_frequency,
    query_terms,
    snippet,
)


def test_fold_keeps_every_offset() -> None:
    text = "Đảng ủy Khối quán triệt Nghị quyết ĐẠI HỘI"
    folded = aligned_fold(text)
    assert folded == "dang uy khoi quan triet nghi quyet dai hoi"
    assert len(folded) == len(text)


def test_query_terms_ignore_case_marks_and_repeats() -> None:
    assert query_terms("Nghị QUYẾT nghi quyet 05-NQ/ĐUK") == ["nghi", "quyet", "05", "nq", "duk"]


def test_document_terms_weigh_number_and_abstract_above_the_text() -> None:
    text = "Mở đầu. Công tác cán bộ là then chốt; cán bộ quyết định."
    terms = document_terms("05-NQ/ĐUK", "về công tác cán bộ", "Đảng ủy Khối", None, text)
    assert terms["nq"].weight == NUMBER_WEIGHT and terms["nq"].first_offset is None
    assert terms["can"].weight == ABSTRACT_WEIGHT + 2 * TEXT_WEIGHT
    assert terms["can"].first_offset == text.index("cán")
    assert terms["then"].weight == TEXT_WEIGHT and terms["then"].first_offset == text.index("then")


def test_rare_terms_weigh_more() -> None:
    assert inverse_frequency(5000, 3) > inverse_frequency(5000, 4000) > 0


def test_snippet_cuts_at_words_and_marks_matches_with_their_marks() -> None:
    text = "Đầu văn bản. " * 10 + "Chi bộ tổ chức học tập, quán triệt Nghị quyết đến toàn thể đảng viên. " + "Kết thúc. " * 30
    start = text.index("quán") - 40
    parts = snippet(text[start:start + 260], start, ["quan", "triet"])
    assert parts[0].text.startswith("…") and parts[-1].text.endswith("…")
    assert not any(part.matched for part in (parts[0], parts[-1]))
    marked = [part.text for part in parts if part.matched]
    assert marked == ["quán", "triệt"]
    shown = "".join(part.text for part in parts)
    assert "học tập, quán triệt Nghị quyết" in shown
    assert not shown[1].isspace()
