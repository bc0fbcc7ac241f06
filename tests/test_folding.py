"""normalise.folding: the keys used by search (fold) and by matching (tone_key)."""

import time
import unicodedata

import pytest

from baocao_parser.normalise.folding import fold, tone_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cải cách hành chính", "cai cach hanh chinh"),
        ("ỦY BAN NHÂN DÂN", "uy ban nhan dan"),
        ("UỶ BAN NHÂN DÂN", "uy ban nhan dan"),
        ("Đảng ủy", "dang uy"),
        ("hoà  hòa\thoa", "hoa hoa hoa"),
        ("Thủy – thuỷ", "thuy - thuy"),
        ("ĐƯỜNG Ươm Ơn Ăn Âm Êm Ôm", "duong uom on an am em om"),
        ("", ""),
        ("12/KH-UBND", "12/kh-ubnd"),
        ("ÐẢNG CỘNG SẢN VIỆT NAM, Ðộc lập", "dang cong san viet nam, doc lap"),  # the eth look-alike of Đ
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_is_insensitive_to_composition():
    nfc = "Quảng Hoà, ngày 18 tháng 6"
    nfd = unicodedata.normalize("NFD", nfc)
    assert fold(nfc) == fold(nfd) == "quang hoa, ngay 18 thang 6"


@pytest.mark.parametrize(("old", "new"), [("Uỷ", "Ủy"), ("hoà", "hòa"), ("thuỷ", "thủy"), ("hoá", "hóa"), ("khoẻ", "khỏe"),
                                          ("UỶ BAN", "ỦY BAN"), ("Quảng Hoà", "Quảng Hòa")])
def test_tone_key_unifies_tone_placement(old, new):
    assert tone_key(old) == tone_key(new)


@pytest.mark.parametrize(("a", "b"), [("hòa", "hoa"), ("hóa", "hòa"), ("ủy", "uy"), ("số", "sở"), ("bị", "bi")])
def test_tone_key_keeps_other_differences(a, b):
    assert tone_key(a) != tone_key(b)


def test_tone_key_folds_case_and_space():
    assert tone_key("  Ủy   BAN\nnhân dân ") == tone_key("ủy ban nhân dân")


def test_fold_is_linear():
    """Folding 4× the text costs about 4× the time (a ratio between sizes, not a clock: the suite runs on busy machines)."""
    text = "Uỷ ban nhân dân xã Quảng Hoà báo cáo kết quả thực hiện công tác cải cách hành chính. " * 500

    def best(t: str) -> float:
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            fold(t)
            times.append(time.perf_counter() - t0)
        return min(times)

    small, big = best(text), best(text * 4)
    assert big < 12 * max(small, 1e-4), (small, big)
