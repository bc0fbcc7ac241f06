"""Property-based tests (hypothesis): random and adversarial text never breaks ``parse_text``.

Whatever the text, ``parse_text`` returns a valid, serialisable :class:`Report`
or raises a :class:`BaocaoError` (e.g. "no text"); nothing else escapes, and
each input finishes in bounded time (no regex backtracking or quadratic
blow-ups).  The adversarial inputs run under a SIGALRM watchdog so a blow-up
fails the test in seconds instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _bytes import REPORT_TEXT
from baocao_parser import BaocaoError, Report, parse_text

parse_text(REPORT_TEXT)  # warm up lazy imports and caches so deadlines measure parsing only


class Watchdog(Exception):
    pass


@contextlib.contextmanager
def within(seconds: float):
    """Fail with :class:`Watchdog` when the block runs longer than ``seconds`` (POSIX main thread)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def _alarm(signum, frame):
        raise Watchdog(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


HANG_GUARD_S = 120.0  # not a speed test: only stops a run that would never end (speed: benchmarks/, growth: below)


def check(text: str) -> Report | None:
    """Parse; only BaocaoError may escape; the result is a consistent Report.

    A watchdog stops a run that would hang the suite; how time grows with the input is
    tested by :func:`assert_linear` (a ratio between two sizes), never by a wall-time bound.
    """
    try:
        with within(HANG_GUARD_S):
            report = parse_text(text)
    except BaocaoError:
        return None
    except Watchdog:
        pytest.fail(f"parse_text ran over {HANG_GUARD_S:.0f} s on {len(text)} chars: {text[:80]!r}…")
    assert isinstance(report, Report)
    report.model_dump_json()  # serialisable
    if report.conferences:
        assert report.conference_total == sum(c.count for c in report.conferences)
        assert all(c.count > 0 for c in report.conferences)
    else:
        assert report.conference_total is None
    if report.period is not None and report.period.start is not None:
        assert report.period.start <= report.period.end
    if report.issued_date is not None:
        assert isinstance(report.issued_date, dt.date)
    assert unicodedata.is_normalized("NFC", report.text)
    return report


VI_LETTERS = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ")
VI_ALPHABET = VI_LETTERS + VI_LETTERS.upper() + "0123456789 \n\t.,:;/-–()“”\"'+*•%"

FRAGMENTS = [
    "Số:", "Số: ", "Số:   /BC-UBND", "ngày", "ngày ", "tháng", "năm", " tháng ", " năm ", "12", "05", "2023", "/", "-", "/BC-UBND",
    "BC-UBND", "KH-UBND", "NĐ-CP", "\n", "\n\n", " ", "   ", "        ", ",", ".", ";", ":", "TM.", "KT.", "TL.", "TUQ.", "Q.",
    "ỦY BAN NHÂN DÂN", "XÃ KỲ TÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
    "B Á O  C Á O", "KẾ HOẠCH", "V/v ", "Kính gửi:", "Nơi nhận:", "- ", "+ ", "I. ", "II. ", "1. ", "1.1. ", "a) ", "Điều 1.",
    "quý ", "III", "IV/2023", "6 tháng đầu năm", "9 tháng", "từ ngày ", " đến ngày ", "năm học ", "giai đoạn ",
    "hội nghị", "cuộc họp", "buổi", "hai mươi mốt ", "mười ", "lớp ", "Kế hoạch số ", "Nghị định ", "văn bản số ",
    "Khó khăn, hạn chế", "Nguyên nhân", "Nhiệm vụ", "Kiến nghị", "CHỦ TỊCH", "Nguyễn Văn An", "(Đã ký)", "Lưu: VT.",
    "Trên đây là báo cáo", "./.", "…", "\u00a0", "\ufeff", "\u200b", "\r", "\f",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=300).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_unicode(text):
    check(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=VI_ALPHABET, max_size=4000))
def test_random_vietnamese_text(text):
    check(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragment_text)
def test_report_fragments(text):
    """Many ``Số:``, ``ngày``, markers, signer prefixes and kind lines in any order."""
    check(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, REPORT_TEXT.count("\n")), max_size=60), st.randoms(use_true_random=False))
def test_mangled_report(picks, rnd):
    """A real report with lines dropped, repeated and shuffled."""
    lines = REPORT_TEXT.split("\n")
    chosen = [lines[i % len(lines)] for i in picks] or lines
    if rnd.random() < 0.5:
        rnd.shuffle(chosen)
    check("\n".join(chosen))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(FRAGMENTS + ["1/", "a", "9", "Số: 12/BC-UBND ngày 5 tháng 1 năm 2023 "]), st.integers(1_000, 60_000))
def test_one_fragment_repeated_on_a_long_line(fragment, times):
    text = (fragment * times).replace("\n", " ")[:200_000]
    check(text)


def best_time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def assert_linear(make, small: int, factor: int = 4, ratio: float = 10.0, fn=None) -> None:
    """Time at ``factor`` × the size over time at the size stays under ``ratio`` (linear: about ``factor``,
    quadratic: ``factor``²); best of three runs each, so a busy machine does not decide."""
    fn = fn or (lambda text: check(text))
    a, b = make(small), make(small * factor)
    fn(a)  # warm-up
    t_small = max(best_time(lambda: fn(a)), 1e-3)
    t_big = best_time(lambda: fn(b))
    assert t_big / t_small < ratio, f"time grew {t_big / t_small:.1f}× for {factor}× the input ({t_small:.3f} s → {t_big:.3f} s)"


LONG_LINE_FRAGMENTS = ["1/", "/1", "7", "Số: 12/BC-UBND ngày 5 tháng 1 năm 2023 ", "tổ chức 2 hội nghị, ",
                       "Kế hoạch số 12/KH-UBND ngày 06/01/2023 của UBND xã; ", "số 12/KH-UBND, 13/QĐ-UBND, "]


@pytest.mark.parametrize("fragment", LONG_LINE_FRAGMENTS)
def test_a_long_line_of_one_fragment_parses_in_linear_time(fragment):
    """Each fragment repeated on one line inside a report body, then a continuation line."""
    from _casetable import STANDARD_BODY, STANDARD_HEAD, STANDARD_TAIL

    def make(n: int) -> str:
        return STANDARD_HEAD + STANDARD_BODY + "\n" + fragment * (n // len(fragment)) + "\ntiếp theo\n" + STANDARD_TAIL

    assert_linear(make, 20_000)


# ---------------------------------------------------------------- fixed adversarial inputs

MARKERS = ["I.", "1.", "1.1.", "1.1.1.", "1.1.1.1.", "a)", "-", "+", "•", "*"]

ADVERSARIAL = {
    "digits_and_slashes_1MB": "1/" * 500_000,
    "digits_1MB": "0" * 1_000_000,
    "long_line_200k_letters": "a" * 200_000,
    "long_line_200k_words": ("Kế hoạch số 13/KH-UBND ngày 20/02/2023 " * 6000)[:200_000],
    "long_line_200k_spaces_then_text": " " * 200_000 + "BÁO CÁO",
    "so_and_ngay_fragments_on_one_line": "Số: ngày tháng năm " * 10_000,
    "ngay_without_end": "ngày 1" * 100_000,
    "tu_ngay_den_ngay_unclosed": "từ ngày 1/1/2023 đến ngày " * 20_000,
    "number_words_before_noun": "hai mươi " * 30_000 + "hội nghị",
    "van_ban_so_without_number": "văn bản số " * 50_000,
    "deeply_nested_markers": "\n".join(f"{MARKERS[i % len(MARKERS)]} Khó khăn, hạn chế và nguyên nhân {i}" for i in range(10_000)),
    "markers_down_and_up": "\n".join(MARKERS[min(i % 20, 19 - i % 20) % 10] + " mục" for i in range(20_000)),
    "upper_case_lines": "ỦY BAN NHÂN DÂN\n" * 20_000,
    "signer_prefixes": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n" * 10_000,
    "recipients_20k": "Nơi nhận:\n" + "- a;\n" * 20_000,
    "two_column_gaps": ("A" + " " * 5000 + "B\n") * 200,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_input_in_bounded_time(name):
    check(ADVERSARIAL[name])


def test_many_wrapped_lines_of_one_paragraph_parse_in_linear_time():
    """A paragraph hard-wrapped over thousands of lines (every line continues the one before)."""
    assert_linear(lambda n: "Số: 12/BC-UBND ngày 5 tháng 1 năm 2023\n" * n, 2_500)


def test_join_wrapped_is_linear_in_the_number_of_wrapped_lines():
    """``normalise.paragraphs.join_wrapped`` once grew a paragraph with ``cur.text = cur.text + " " + t``,
    copying the whole paragraph for every wrapped line: quadratic (5 s for 10 000 lines, 20 s for 20 000)."""
    from baocao_parser.document import Line
    from baocao_parser.normalise.paragraphs import join_wrapped

    def make(n: int) -> list[Line]:
        return [Line(text="tổ chức tuyên truyền về cải cách hành chính tại các thôn và tổ dân phố", number=i)
                for i in range(1, n + 1)]

    out = join_wrapped(make(20_000))
    assert len(out) == 1 and out[0].end_number == 20_000
    assert_linear(make, 5_000, fn=lambda lines: join_wrapped([Line(text=ln.text, number=ln.number) for ln in lines]))
