import unicodedata

import pytest

from desktop.models.text import fold, name_sort_key, nfc, search_key, search_terms

FOLDING = [
    ("Nguyễn Văn An", "nguyen van an"),
    ("NGUYỄN VĂN AN", "nguyen van an"),
    ("nguyễn văn an", "nguyen van an"),
    ("Đặng Thị Đào", "dang thi dao"),
    ("ĐỖ ĐỨC ĐẠT", "do duc dat"),
    ("đường", "duong"),
    ("Ưng Thị Ửng", "ung thi ung"),
    ("Phạm Thị Thơm", "pham thi thom"),
    ("Lê Thị Ơn", "le thi on"),
    ("Hoàng Thị Ắm", "hoang thi am"),
    ("Trần Văn Ẩn", "tran van an"),
    ("Bùi Thị Ê", "bui thi e"),
    ("Vũ Thị Ếch", "vu thi ech"),
    ("Võ Văn Ổn", "vo van on"),
    ("Huỳnh Tấn Phát", "huynh tan phat"),
    ("Lý Thị Ỷ", "ly thi y"),
    ("Hồ Ngọc Hà", "ho ngoc ha"),
    ("Dương Quảng Hàm", "duong quang ham"),
    ("Ngô Sĩ Liên", "ngo si lien"),
    ("Phan Bội Châu", "phan boi chau"),
    ("Tạ Quang Bửu", "ta quang buu"),
    ("Ðặng Văn Ngữ", "dang van ngu"),  # U+00D0 eth, a common mis-typing of Đ
    (unicodedata.normalize("NFD", "Nguyễn Thị Thủy"), "nguyen thi thuy"),
    (unicodedata.normalize("NFD", "Đoàn Thị Điểm"), "doan thi diem"),
    ("nguyên văn ân", "nguyen van an"),
]


@pytest.mark.parametrize(("text", "folded"), FOLDING)
def test_fold_removes_case_tones_and_vowel_marks(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    "query",
    ["nguyen van an", "Nguyen Van An", "nguyễn văn an", "NGUYỄN VĂN AN",
     unicodedata.normalize("NFD", "Nguyễn Văn An"), "ng v an", "van an", "  nguyen   van  an "],
)
def test_every_way_of_typing_matches_the_stored_key_by_word_prefix(query: str) -> None:
    key_words = search_key("Nguyễn Văn An").split()
    terms = search_terms(query)
    assert terms
    assert all(any(word.startswith(term) for word in key_words) for term in terms)


def test_search_terms_join_digit_groups_and_drop_punctuation() -> None:
    assert search_terms("12.345.678") == ["12345678"]
    assert search_terms("001-080-012345") == ["001080012345"]
    assert search_terms("Trần, Văn_Ba!") == ["tran", "van", "ba"]


def test_nfc_trims_and_collapses_spaces_and_composes() -> None:
    assert nfc(unicodedata.normalize("NFD", "  Lê   Thị  Hồng ")) == "Lê Thị Hồng"
    assert nfc(None) is None


def test_names_sort_by_given_name_then_family_in_vietnamese_alphabet_order() -> None:
    names = ["Nguyễn Văn Đức", "Trần Thị Dung", "Lê Văn Anh", "Phạm Thị Ánh", "Hoàng Văn Ân",
             "Bùi Thị Ăn", "Đỗ Văn An", "Võ Văn Bình", "Ngô Thị Ơn", "Lý Văn Ông"]
    ordered = sorted(names, key=name_sort_key)
    assert ordered == [
        "Đỗ Văn An",  # a
        "Lê Văn Anh",  # anh (a n h after a n)
        "Phạm Thị Ánh",  # same letters as Anh, acute tone after level tone
        "Bùi Thị Ăn",  # ă after a
        "Hoàng Văn Ân",  # â after ă
        "Võ Văn Bình",
        "Trần Thị Dung",  # d before đ
        "Nguyễn Văn Đức",
        "Lý Văn Ông",  # ô before ơ
        "Ngô Thị Ơn",
    ]


def test_same_given_name_orders_by_family_name() -> None:
    assert sorted(["Trần Văn An", "Đặng Văn An", "Bùi Văn An"], key=name_sort_key) == [
        "Bùi Văn An", "Đặng Văn An", "Trần Văn An"
    ]


def test_collation_ignores_case_and_normal_form() -> None:
    assert name_sort_key("NGUYỄN VĂN AN") == name_sort_key("nguyễn văn an")
    assert name_sort_key(unicodedata.normalize("NFD", "Đỗ Thị Ửng")) == name_sort_key("Đỗ Thị Ửng")
