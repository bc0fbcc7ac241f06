"""TCVN3 / VNI conversion tables, detection and repair (issue 5)."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest

from baocao_parser.normalise.legacy_encoding import (
    TCVN3_TO_UNICODE,
    VNI_TO_UNICODE,
    convert,
    decode_text_bytes,
    detect,
    encoding_for_font,
    is_vietnamese_syllable,
    repair,
    to_legacy,
)

CASES = json.loads((Path(__file__).parent / "cases" / "legacy_detection.json").read_text(encoding="utf-8"))["cases"]

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # ngang huyền sắc hỏi ngã nặng
LOWER = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES] + ["đ"]
UPPER = [c.upper() for c in LOWER]
# the letters that are not plain ASCII: what the tables must cover
NON_ASCII = [c for c in LOWER + UPPER if not c.isascii()]


def test_alphabet_is_complete() -> None:
    assert len(LOWER) == 73 and len(NON_ASCII) == 134


@pytest.mark.parametrize("letter", NON_ASCII)
def test_vni_round_trip_every_letter(letter: str) -> None:
    legacy = to_legacy(letter, "vni")
    assert legacy != letter or letter in "ìíÌÍ"  # VNI keeps ì í as themselves
    assert all(ord(c) < 0x100 for c in legacy)  # a cp1252 surface
    assert convert(legacy, "vni") == letter


@pytest.mark.parametrize("letter", [c for c in NON_ASCII if c.islower()] + list("ĂÂÊÔƠƯĐ"))
def test_tcvn3_round_trip_lower_case_and_base_capitals(letter: str) -> None:
    legacy = to_legacy(letter, "tcvn3")
    assert len(legacy) == 1 and 0xA1 <= legacy.encode("cp1252")[0] <= 0xFE
    assert convert(legacy, "tcvn3") == letter


@pytest.mark.parametrize("letter", [c for c in NON_ASCII if c.isupper()])
def test_tcvn3_round_trip_capitals_only_font(letter: str) -> None:
    # .VnTimeH: upper-case toned letters live at the lower-case positions
    legacy = to_legacy(letter, "tcvn3", capitals=True)
    assert convert(legacy, "tcvn3", capitals=True) == letter


def test_tcvn3_has_no_toned_capitals_outside_h_fonts() -> None:
    with pytest.raises(ValueError):
        to_legacy("Ấ", "tcvn3")


def test_tables_are_one_to_one() -> None:
    assert len(set(TCVN3_TO_UNICODE.values())) == len(TCVN3_TO_UNICODE) == 74
    assert len(set(VNI_TO_UNICODE.values())) == len(VNI_TO_UNICODE) == 134
    assert set(VNI_TO_UNICODE.values()) == set(NON_ASCII)
    # every TCVN3 code is a single cp1252 byte in the upper half
    for code in TCVN3_TO_UNICODE:
        assert len(code) == 1 and code.encode("cp1252")[0] >= 0xA1


def test_whole_words_and_sentences() -> None:
    assert convert("B¸o c¸o kÕt qu¶ thùc hiÖn", "tcvn3") == "Báo cáo kết quả thực hiện"
    assert convert("Baùo caùo keát quaû thöïc hieän", "vni") == "Báo cáo kết quả thực hiện"
    assert convert("B¸O C¸O", "tcvn3", capitals=True) == "BÁO CÁO"
    assert convert("I. KÕT QU¶ THùC HIÖN", "tcvn3", capitals=True) == "I. KẾT QUẢ THỰC HIỆN"
    assert convert("II. KHã KH¡N, H¹N CHÕ", "tcvn3", capitals=True) == "II. KHÓ KHĂN, HẠN CHẾ"
    assert convert("Ñaø Naüng, ngaøy 15 thaùng 11 naêm 2022", "vni") == "Đà Nẵng, ngày 15 tháng 11 năm 2022"
    assert convert("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_ascii_digits_and_punctuation_untouched(encoding: str) -> None:
    s = "Số 12/KH-UBND ngày 06/01/2023; 41,5% (a-z) [x] {y} \"q\" 'r' + = * & # @ ! ? : ~ _ | \\ <>"
    ascii_part = "".join(c for c in s if c.isascii())
    assert convert(ascii_part, encoding) == ascii_part


def test_surfaces_other_than_cp1252() -> None:
    # Latin-1 decoding leaves C1 controls; symbol fonts give U+F0xx
    assert convert("\x93B¸o c¸o\x94", "tcvn3") == "“Báo cáo”"
    assert convert("B\uf0b8o", "tcvn3") == "Báo"
    # PDF text layers: ư as U+2212, only next to letters
    assert convert("ng\u2212êi; 5 \u2212 3", "tcvn3") == "người; 5 \u2212 3"


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        (".VnTime", ("tcvn3", False)),
        (".VnTimeH", ("tcvn3", True)),
        (".vntimeh", ("tcvn3", True)),
        (".VnArial", ("tcvn3", False)),
        (".VnArialH", ("tcvn3", True)),
        (".VnArial NarrowH", ("tcvn3", True)),
        (".VnCentury Schoolbook", ("tcvn3", False)),
        (".VnCentury SchoolbookH", ("tcvn3", True)),
        (" .VnTime ", ("tcvn3", False)),
        ("VNI-Times", ("vni", False)),
        ("vni-times", ("vni", False)),
        ("VNI-Helve", ("vni", False)),
        ("VNI-Aptima", ("vni", False)),
        ("Times New Roman", None),
        ("Arial", None),
        ("Calibri", None),
        ("", None),
        (None, None),
    ],
)
def test_encoding_for_font(font: str | None, expected: tuple[str, bool] | None) -> None:
    assert encoding_for_font(font) == expected


@pytest.mark.parametrize(
    "word",
    "báo cáo kết quả thực hiện nghị quyết gì giữa giêng quốc quyển khuya người hòa hoà thủy thuỷ "
    "hoạch xã đồng chí tỷ lệ hướng dẫn nguyễn ngoặt oanh BÁO Người".split(),
)
def test_valid_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)
    assert is_vietnamese_syllable(unicodedata.normalize("NFD", word))


@pytest.mark.parametrize("word", "café für bàc ngỏc str hello c¸c Baùo 2023 x-y".split())
def test_invalid_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_detect_cases(case: dict) -> None:
    assert detect(case["input"]) == case["expected"]


@pytest.mark.parametrize("case", [c for c in CASES if c["expected"] is None], ids=lambda c: c["note"])
def test_repair_leaves_non_legacy_identical(case: dict) -> None:
    text = case["input"]
    fixed, enc = repair(text)
    assert enc is None
    assert fixed is text


UNICODE_REPORT = (
    "ỦY BAN NHÂN DÂN XÃ AN BÌNH\n"
    "Số: 45/BC-UBND\n"
    "BÁO CÁO\n"
    "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2023\n"
    "I. KẾT QUẢ THỰC HIỆN\n"
    "- Ngay từ đầu năm, UBND xã đã ban hành Kế hoạch số 12/KH-UBND ngày 06/01/2023; tỷ lệ hồ sơ "
    "tiếp nhận trực tuyến đạt 41,5%, tăng so với cùng kỳ năm 2022.\n"
    "- Một bộ phận người dân, nhất là người cao tuổi, chưa quen sử dụng điện thoại thông minh.\n"
)


def _tcvn3_document(text: str) -> str:
    """How a .VnTime/.VnTimeH typist stored each line: capitals lines in the H font."""
    lines = []
    for line in text.splitlines(keepends=True):
        caps = line.strip() == line.strip().upper()
        lines.append(to_legacy(line, "tcvn3", capitals=caps))
    return "".join(lines)


def test_repair_tcvn3_and_vni_reports() -> None:
    legacy = _tcvn3_document(UNICODE_REPORT)
    fixed, enc = repair(legacy)
    assert enc == "tcvn3"
    assert fixed == UNICODE_REPORT  # capitals-only lines come back upper case

    fixed, enc = repair(to_legacy(UNICODE_REPORT, "vni"))
    assert (fixed, enc) == (UNICODE_REPORT, "vni")


def test_repair_keeps_unicode_lines_of_a_mixed_text() -> None:
    mixed = _tcvn3_document(UNICODE_REPORT) + "Nơi nhận: UBND huyện (để báo cáo)\n"
    fixed, enc = repair(mixed)
    assert enc == "tcvn3"
    assert fixed.endswith("Nơi nhận: UBND huyện (để báo cáo)\n")


def test_decode_text_bytes_raw_legacy_files() -> None:
    raw_vni = to_legacy(UNICODE_REPORT, "vni").encode("cp1252")
    assert decode_text_bytes(raw_vni) == (UNICODE_REPORT, "vni")
    raw_tcvn3 = _tcvn3_document(UNICODE_REPORT).encode("cp1252")
    assert decode_text_bytes(raw_tcvn3) == (UNICODE_REPORT, "tcvn3")
    assert decode_text_bytes(UNICODE_REPORT.encode("utf-8")) == (UNICODE_REPORT, None)


def test_samples_unicode_text_left_identical() -> None:
    """Every sample's correct Unicode text must come back byte-identical."""
    root = Path(__file__).resolve().parents[1] / "samples"
    texts = sorted(root.glob("*.txt"))
    dev = Path("/work/shared/dev")
    if dev.is_dir():
        texts += sorted(dev.glob("**/*.txt"))
    if not texts:
        pytest.skip("no sample .txt files yet")
    for path in texts:
        if ".vni." in path.name or ".tcvn3." in path.name:
            continue
        text = path.read_text(encoding="utf-8")
        fixed, enc = repair(text)
        assert enc is None and fixed is text, path


def test_detect_is_fast_and_linear() -> None:
    unit = UNICODE_REPORT * 40  # ~20 KB
    text = unit[:20_000]
    def per_call(sample: str) -> float:
        detect(sample)  # warm the caches
        start = time.perf_counter()
        for _ in range(20):
            detect(sample)
        return (time.perf_counter() - start) / 20

    for sample in (text, _tcvn3_document(text), to_legacy(text, "vni"), "a" * 20_000, "é" * 20_000):
        # linear: 4× the text costs about 4× (a ratio between sizes, not a clock: the suite runs on busy machines)
        small, big = per_call(sample[: len(sample) // 4]), per_call(sample)
        assert big < 12 * max(small, 1e-5), (small, big)
