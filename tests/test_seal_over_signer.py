"""A red seal printed over the signer block of a colour scan (issue #10).

The seal covers the left third of the signature and crosses the position and
the name: after it is taken off, letters under an opaque stroke are broken and
lose their tone marks.  Pinned here, on small synthetic images and word lists:
the seal taken off by luminance (no grey ghost rings, print under a JPEG'd seal
kept dark), the seal found as a region, the better of several readings of a
signer line kept (known words and name syllables count), a position with a
broken letter snapped to the vocabulary, a signing prefix with a broken letter
repaired.  Whole pages are in the opt-in slow tests.
"""

from __future__ import annotations

import io

import pytest

np = pytest.importorskip("numpy")
cv2 = pytest.importorskip("cv2")
Image = pytest.importorskip("PIL.Image")

from baocao_parser.normalise.ocr_repair import all_known, repair, snap_family_name, snap_position  # noqa: E402
from baocao_parser.readers import colour  # noqa: E402
from baocao_parser.readers import ocr  # noqa: E402
from baocao_parser.readers.pdf_layout import Word  # noqa: E402

SEAL = np.array([205, 35, 45], np.float32) / 255


def _jpeg(rgb, quality=60):
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=quality)  # 4:2:0: colour at half resolution
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def _page_with_ring():
    """Cream paper, black vertical stems (print), a red ring over them, JPEG'd."""
    page = np.full((300, 400, 3), (246, 240, 226), np.float32)
    for x in range(60, 340, 24):
        page[100:200, x:x + 6] = (15, 15, 15)
    ring = np.zeros((300, 400), np.uint8)
    cv2.circle(ring, (200, 150), 90, 255, 9)
    a = (ring > 0)[..., None] * 0.88
    page *= (1 - a) + a * SEAL  # ink multiplies what is under it
    return _jpeg(np.clip(page, 0, 255).astype(np.uint8)), ring > 0


def test_seal_over_print_leaves_no_ghost_ring_and_keeps_the_stems_dark():
    rgb, ring = _page_with_ring()
    gray, mask = colour.remove_colour_ink(rgb)
    stems = np.zeros(ring.shape, bool)
    for x in range(61, 339, 24):
        stems[102:198, x:x + 4] = True
    seal_only = cv2.erode(ring.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & ~cv2.dilate(
        stems.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    assert mask is not None
    assert np.percentile(gray[seal_only], 5) > 200  # the ring is paper, its darker parts too
    under = stems & ring
    assert under.sum() > 50 and np.median(gray[under]) < 90  # print under the ring stays print


def test_faint_tint_keeps_its_brightest_channel():
    """A pixel only faintly tinted (a photo's colour fringe on a letter) is not divided: print stays print."""
    page = np.full((200, 200, 3), 235, np.uint8)
    page[50:150, 50:150] = (235, 140, 140)  # a pale red patch: enough colour for the page to count
    page[20:30, 20:120] = (70, 40, 40)  # dark print with a reddish fringe (spread 30 < 60)
    gray, _ = colour.remove_colour_ink(page)
    assert gray[25, 60] < 90 and gray[100, 100] > 200


def test_seal_found_as_a_region_not_a_signature_stroke():
    mask = np.zeros((1200, 900), bool)
    ring = np.zeros(mask.shape, np.uint8)
    cv2.circle(ring, (300, 600), 200, 1, 12)
    mask |= ring > 0
    cv2.line(ring, (500, 300), (850, 360), 2, 5)  # a signature: long and thin
    mask |= ring == 2
    regions = ocr._seal_regions(mask, 300.0)
    assert len(regions) == 1
    x0, y0, x1, y1 = regions[0]
    assert x0 < 110 and x1 > 490 and y0 < 410 and y1 > 790


def _words(text, top, conf, x0=380.0):
    out, x = [], x0
    for t in text.split():
        out.append(Word(t, x, x + 8 * len(t), top, top + 12, conf=conf))
        x += 8 * len(t) + 5
    return out


def test_name_read_again_keeps_the_reading_of_name_syllables():
    """``Hồ Tin Mai`` (0.91) read by the page, ``Hồ Thị Mai`` (0.80) by the second reading: the name wins."""
    page = {(1, 1, 1): _words("Hồ Tin Mai", 360, 0.91)}
    inside = [((1, 1, 1), page[(1, 1, 1)])]
    ocr._keep_best_lines(page, inside, [[_words("Hồ Thị Mai", 361, 0.80)]], 0, lambda row: [])
    texts = [" ".join(w.text for w in u) for u in page.values() if u]
    assert texts == ["Hồ Thị Mai"]


def test_signer_line_read_again_keeps_the_page_reading_when_it_is_better():
    page = {(1, 1, 1): _words("HIỆU TRƯỞNG", 300, 0.95)}
    ocr._keep_best_lines(page, [((1, 1, 1), page[(1, 1, 1)])], [[_words("HIỆU TRƯƠNG", 300, 0.88)]], 0,
                         lambda row: [])
    assert [" ".join(w.text for w in u) for u in page.values() if u] == ["HIỆU TRƯỞNG"]


def test_reading_that_drops_letters_is_not_preferred_for_its_known_words():
    page = {(1, 1, 1): _words("CHỦ TỊCH HỘI", 300, 0.70)}
    ocr._keep_best_lines(page, [((1, 1, 1), page[(1, 1, 1)])], [[_words("CHỦ HỘI", 300, 0.95)]], 0,
                         lambda row: [])
    assert [" ".join(w.text for w in u) for u in page.values() if u] == ["CHỦ TỊCH HỘI"]


def test_known_words_and_name_syllables():
    assert all_known("Hồ Thị Mai".split()) and all_known("Vũ Thị Lan Anh".split())
    assert not all_known("Hồ Tin Mai".split()) and not all_known("Hồ Tnị Mai".split())
    assert all_known("PHÓ CHỦ TỊCH".split()) and all_known("TM. UỶ BAN NHÂN DÂN".split())
    assert not all_known("CHỦ TCH HỘI".split())


@pytest.mark.parametrize("read, want", [
    ("CHỦ 'ïCH HỘI", "CHỦ TỊCH HỘI"),   # a letter broken under the seal
    ("CHỦ TCH HỘI", "CHỦ TỊCH HỘI"),
    ("PHÓ CHỦ TICH", "PHÓ CHỦ TỊCH"),   # a tone lost
    ("GIÁM ĐÓC", "GIÁM ĐỐC"),
    ("CHỦ TỊCH", "CHỦ TỊCH"),
    ("UỶ VIÊN", "UỶ VIÊN"),             # tone placement is the author's
    ("PHÓ Ủ TI", "PHÓ Ủ TI"),           # too far from any position: left as read
    ("PHÓ GIÁM ĐỐC SỞ", "PHÓ GIÁM ĐỐC SỞ"),
    ("PHÓ CỤC TRƯỞNG XÃ.", "PHÓ CỤC TRƯỞNG"),  # a word of the seal's ring read after the position
    ("GIÁM ĐỐC SỞ", "GIÁM ĐỐC SỞ"),     # a short last word without the stray full stop stays
    ("Chủ tịch", "Chủ tịch"),           # not a position line in capitals
])
def test_ocr_position_snapped_to_the_vocabulary(read, want):
    assert snap_position(read) == want


def test_signing_prefix_with_a_broken_letter_is_repaired():
    assert repair("TÌM. UỶ ĐAN NHÂN DÂN") == "TM. UỶ BAN NHÂN DÂN"
    assert repair("TT. HĐND XÃ") == "TT. HĐND XÃ"  # one letter from TM. and from TL.: left alone
    assert repair("KT. CHỦ TỊCH") == "KT. CHỦ TỊCH"


def test_signature_strokes_over_the_seal_read_as_junk_are_dropped():
    """No reading makes words of a signature's strokes (``„ông`` 0.18, ``z X`` 0.36): the line goes."""
    page = {(1, 1, 1): _words("„ông", 300, 0.18), (1, 1, 2): _words("Phan Đình Nghĩa", 340, 0.96)}
    inside = [(k, v) for k, v in page.items()]
    ocr._keep_best_lines(page, inside, [[_words("z X", 300, 0.36)]], 0, lambda row: [])
    assert [" ".join(w.text for w in u) for u in page.values() if u] == ["Phan Đình Nghĩa"]


def test_line_found_only_by_the_block_reading_is_added_beside_a_dropped_one():
    page = {(1, 1, 1): _words("„ông", 300, 0.18)}
    ocr._keep_best_lines(page, list(page.items()), [[_words("z X", 300, 0.36), _words("CHỦ TỊCH", 270, 0.95)]],
                         0, lambda row: [])
    assert [" ".join(w.text for w in u) for u in page.values() if u] == ["CHỦ TỊCH"]


def test_line_missing_from_the_page_reading_taken_from_the_block_reading_that_reads_it_best():
    """A grey seal: the plain block reading breaks ``PHÓ HIỆU TRƯỞNG`` under the ring (``PHÓ TRƯỞNG``), the
    reading with the seal's lighter ink taken off reads it whole; the page's reading had no line there."""
    page = {(1, 1, 1): _words("HIỆU TRƯỞNG", 270, 0.95)}
    plain = [_words("KT. HIỆU TRƯỞNG", 270, 0.90), _words("PHÓ TRƯỞNG", 300, 0.55), _words("an Đức Thắng", 340, 0.85)]
    light = [_words("KT. HIỆU TRƯỞNG", 270, 0.93), _words("PHÓ HIỆU TRƯỞNG", 300, 0.93), _words("Trần Đức Thắng", 340, 0.92)]
    ocr._keep_best_lines(page, list(page.items()), [plain, light], 0, lambda row: [])
    lines = sorted((min(w.top for w in u), " ".join(w.text for w in u)) for u in page.values() if u)
    assert [t for _, t in lines] == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Trần Đức Thắng"]


def _grey_page(ring: bool, text_lines: int = 30):
    """A grey A4 page at 150 dpi: lines of 'text' (dark dashes in rows), a grey seal ring over the
    lower right when ``ring``, as a red seal prints on a grey copy (about 100 against the type's 20)."""
    page = np.full((1754, 1240), 245, np.uint8)
    rng = np.random.default_rng(3)
    for i in range(text_lines):
        y = 150 + i * 36
        x = 150
        while x < 1090:
            w = int(rng.integers(20, 90))
            page[y:y + 14, x:x + w] = 20
            x += w + 12
    if ring:
        cv2.circle(page, (900, 1400), 105, 100, 6)
        cv2.circle(page, (900, 1400), 80, 100, 3)
    return page


def test_grey_seal_found_by_its_ring_and_to_its_outer_ring():
    regions = ocr._grey_seal_regions(_grey_page(ring=True, text_lines=28), 150.0)
    assert len(regions) == 1
    x0, y0, x1, y1 = regions[0]
    assert abs(x0 - 795) < 15 and abs(x1 - 1005) < 15 and abs(y0 - 1295) < 15 and abs(y1 - 1505) < 15


def test_lines_of_text_are_no_grey_seal():
    assert ocr._grey_seal_regions(_grey_page(ring=False, text_lines=44), 150.0) == []


def test_lighter_ink_of_a_grey_seal_taken_off_and_the_type_kept():
    crop = np.full((200, 300), 245, np.uint8)
    cv2.circle(crop, (150, 100), 80, 100, 6)
    crop[90:110, 40:260] = 20  # type across the ring
    out = ocr._without_lighter_ink(crop)
    assert out is not None and out[100, 150 - 80] < 60 and out[20, 150] == 255  # on the type / on the ring only
    assert ocr._without_lighter_ink(np.where(crop < 200, 20, 245).astype(np.uint8)) is None  # one darkness


@pytest.mark.parametrize("read, want", [
    ("Nguyên Trung Tín", "Nguyễn Trung Tín"),   # the family name's tone misread under the ink
    ("NGUYÊN THỊ THU", "NGUYỄN THỊ THU"),
    ("Nguyễn Văn An", "Nguyễn Văn An"),         # read right: left as it is
    ("La Văn Cầu", "La Văn Cầu"),               # La and Lã are both family names: nothing to choose
    ("Tran Thi Hoa", "Tran Thi Hoa"),           # typed without marks: left so
    ("Nguyên", "Nguyên"),                       # one syllable is no full name
])
def test_ocr_family_name_given_back_its_tone(read, want):
    assert snap_family_name(read) == want
