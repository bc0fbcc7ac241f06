"""Scans as archives hold them: colour ink, turned pages, hand-filled fields, stamps, photos, page sets.

Each step is tested on small synthetic images or word lists (milliseconds);
the OCR of whole pages is in the opt-in slow tests (``BAOCAO_SLOW=1``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
cv2 = pytest.importorskip("cv2")
Image = pytest.importorskip("PIL.Image")

from baocao_parser.errors import BaocaoError  # noqa: E402
from baocao_parser.readers import colour, handwriting, orientation, page_marks, pagesets, photo  # noqa: E402
from baocao_parser.readers.detect import sniff  # noqa: E402
from baocao_parser.readers.pdf_layout import Word  # noqa: E402
from baocao_parser.readers.tesseract_engine import _parse_tsv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- colour


def _page_with_seal():
    """Cream paper, a black bar of 'print', a red ring over it, a blue stroke beside it."""
    page = np.full((300, 400, 3), (245, 240, 225), np.uint8)
    page[140:160, 50:350] = (20, 20, 20)  # print
    ring = np.zeros((300, 400), np.uint8)
    cv2.circle(ring, (150, 150), 80, 255, 8)
    red = ring > 0
    seal = np.array([205, 35, 45], np.float32) / 255
    page[red] = (page[red].astype(np.float32) * (0.15 + 0.85 * seal)).astype(np.uint8)  # ink multiplies
    cv2.line(page, (250, 60), (380, 100), (35, 55, 175), 4)  # blue pen
    return page, red


def test_colour_removal_keeps_print_under_the_seal_and_drops_the_ink():
    page, red = _page_with_seal()
    gray, mask = colour.remove_colour_ink(page)
    assert mask is not None and mask[red].mean() > 0.9
    seal_only = red.copy()
    seal_only[140:160, 50:350] = False
    assert gray[seal_only].mean() > 200  # the seal is paper now
    assert gray[140:160, 50:350][red[140:160, 50:350]].mean() < 90  # print under the seal stays dark
    assert gray[140:160, 50:350].mean() < 60
    assert gray[78:82, 300:330].min() > 180  # the blue stroke is gone


def test_grey_page_is_left_alone():
    page = np.full((100, 100, 3), 240, np.uint8)
    page[40:60, 10:90] = 10
    gray, mask = colour.remove_colour_ink(page)
    assert mask is None
    assert gray[50, 50] < 20 and gray[5, 5] > 230


def test_pale_ink_is_not_print():
    """A light red or blue pixel (ink thinned on the paper) is whitened; near-grey paper is not ink."""
    page = np.full((600, 600, 3), (240, 236, 222), np.uint8)
    page[:100, :100] = (235, 140, 140)
    page[:100, 200:300] = (150, 170, 235)
    gray, mask = colour.remove_colour_ink(page)
    assert mask is not None
    assert gray[50, 50] > 200 and gray[50, 250] > 200
    assert not mask[400, 400]


# ---------------------------------------------------------------- orientation


def _lines_image(vertical: bool):
    img = np.zeros((600, 420), np.uint8)
    for y in range(40, 560, 30):
        img[y:y + 12, 30:390] = 255
    return img.T.copy() if vertical else img


def test_lines_direction():
    assert not orientation.lines_run_vertically(_lines_image(False))
    assert orientation.lines_run_vertically(_lines_image(True))


@pytest.mark.parametrize("deg", [0, 90, 180, 270])
def test_rotate_turns_clockwise_and_back(deg):
    img = np.arange(12, dtype=np.uint8).reshape(3, 4)
    turned = orientation.rotate(img, deg)
    assert np.array_equal(orientation.rotate(turned, (360 - deg) % 360), img)
    if deg == 90:
        assert turned[0, -1] == img[0, 0]  # top-left goes to top-right


def test_rotate_keeps_none():
    assert orientation.rotate(None, 90) is None


# ---------------------------------------------------------------- hand-filled number and day


def _w(text, x0, x1, top=100.0, conf=0.95):
    return Word(text, x0, x1, top, top + 12, conf=conf)


def test_guess_in_the_number_is_blanked_with_a_warning():
    words = [_w("Số:", 60, 80), _w("33J/QĐ-TTg", 84, 150)]
    kept, warns = handwriting.blank_handwritten(words, 842, None)
    assert [w.text for w in kept] == ["Số:", "/QĐ-TTg"]
    assert warns == [handwriting.WARN_NUMBER]


def test_printed_number_is_kept():
    words = [_w("Số:", 60, 80), _w("27/BC-UBND", 84, 150), _w("15-BC/ĐTN", 84, 150, top=400)]
    kept, warns = handwriting.blank_handwritten(words, 842, None)
    assert [w.text for w in kept][:2] == ["Số:", "27/BC-UBND"] and warns == []
    words = [_w("Số:", 60, 80), _w("15-BC/ĐTN", 84, 150)]
    assert handwriting.blank_handwritten(words, 842, None)[1] == []


@pytest.mark.parametrize("row,number", [
    ([("Số", 60, 78), (":", 79, 82), ("03", 86, 98), ("/BC", 100, 118), ("-", 120, 124), ("CBMN", 126, 160)], "03"),
    ([("Số:", 60, 80), ("389", 84, 104), ("-", 106, 110), ("CV/HNDT", 112, 160)], "389"),
    ([("Số:", 60, 80), ("12", 84, 96), ("BC/TWH", 100, 140)], "12"),
    ([("Số:", 60, 80), ("49a/BC-UBND", 84, 150)], "49a"),
    ([("Số:", 60, 80), ("101322/CTHN-TTHT", 84, 190)], "101322"),
    ([("Số", 60, 78), (":04/QĐ-HT", 79, 140)], "04"),
])
def test_printed_number_as_ocr_splits_its_row_is_kept(row, number):
    """A colon read apart from Số, a party number's spaced hyphen, a kind code without one, a letter after
    the digits, a tax office's six digits: the value is judged whole, and printed ones stay."""
    words = [_w(t, a, b) for t, a, b in row]
    kept, warns = handwriting.blank_handwritten(words, 842, None)
    assert warns == [] and number in "".join(w.text for w in kept)


def test_low_confidence_number_and_fraction_slash():
    words = [_w("Số:", 60, 80), _w("1⁄BC-UBND", 84, 150, conf=0.24)]
    kept, warns = handwriting.blank_handwritten(words, 842, None)
    assert kept[1].text == "/BC-UBND" and warns == [handwriting.WARN_NUMBER]


def test_day_read_badly_is_blanked_month_and_year_stay():
    words = [_w("Hà", 300, 315), _w("Nội,", 318, 340), _w("ngày", 344, 370), _w("1O", 376, 388, conf=0.9),
             _w("tháng", 394, 420), _w("9", 424, 430), _w("năm", 434, 456), _w("2023", 460, 490)]
    kept, warns = handwriting.blank_handwritten(words, 842, None)
    assert " ".join(w.text for w in kept) == "Hà Nội, ngày tháng 9 năm 2023"
    assert warns == [handwriting.WARN_DAY]


def test_blank_with_coloured_ink_says_written_by_hand():
    """The blue ink was taken off (the blank reads empty) but the mask shows it was there."""
    mask = np.zeros((1200, 900), bool)
    f = 300 / 72
    mask[int(102 * f):int(110 * f), int(86 * f):int(100 * f)] = True
    words = [_w("Số:", 60, 80), _w("/BC-UBND", 104, 150)]
    kept, warns = handwriting.blank_handwritten(words, 842, handwriting.InkMap(mask, f))
    assert len(kept) == 2 and warns == [handwriting.WARN_NUMBER]
    kept, warns = handwriting.blank_handwritten(words, 842, handwriting.InkMap(np.zeros_like(mask), f))
    assert warns == []


def test_number_far_down_the_page_is_not_the_header():
    words = [_w("Số:", 60, 80, top=600), _w("33J/QĐ", 84, 150, top=600)]
    assert handwriting.blank_handwritten(words, 842, None)[1] == []


# ---------------------------------------------------------------- stamps


def test_received_stamp_and_ecopy_block_are_set_aside():
    words = [
        _w("ĐẾN", 48, 66, top=16), _w("SAOY", 370, 392, top=19),
        _w("Số:", 48, 60, top=26), _w("453", 62, 75, top=26),
        _w("Cơ", 369, 378, top=27), _w("quan:", 379, 396, top=27), _w("Văn", 397, 409, top=27), _w("phòng", 410, 430, top=27),
        _w("Ngày:", 48, 68, top=34), _w("4/9", 71, 82, top=35),
        _w("Chuyển:", 48, 78, top=43), _w("VP", 80, 90, top=43),
        _w("ỦY", 110, 125, top=80), _w("BAN", 128, 150, top=80),
        _w("Số:", 110, 125, top=120), _w("27/BC-UBND", 128, 190, top=120),
        _w("Quét", 400, 420, top=760), _w("mã", 422, 432, top=760), _w("QR", 434, 446, top=760),
    ]
    kept, n = page_marks.set_aside(words)
    assert [w.text for w in kept] == ["ỦY", "BAN", "Số:", "27/BC-UBND"]
    assert n == len(words) - 4


def test_lines_starting_like_stamp_labels_without_a_stamp_stay():
    words = [_w("Số:", 48, 60, top=26), _w("27/BC-UBND", 62, 120, top=26), _w("Ngày", 48, 70, top=40), _w("15", 72, 80, top=40)]
    kept, n = page_marks.set_aside(words)
    assert n == 0 and len(kept) == 4


# ---------------------------------------------------------------- photos


def _photo():
    """A white page with dark lines, warped onto a dark desk, lit from the left."""
    page = np.full((700, 500), 235, np.uint8)
    for y in range(60, 640, 28):
        page[y:y + 8, 50:450] = 30
    H, W = 900, 800
    src = np.float32([[0, 0], [500, 0], [500, 700], [0, 700]])
    dst = np.float32([[140, 80], [640, 110], [690, 830], [100, 800]])
    m = cv2.getPerspectiveTransform(src, dst)
    desk = np.full((H, W), 50, np.uint8)
    out = cv2.warpPerspective(page, m, (W, H), dst=desk, borderMode=cv2.BORDER_TRANSPARENT)
    light = np.linspace(0.6, 1.0, W, dtype=np.float32)[None, :]
    return (out.astype(np.float32) * light).astype(np.uint8), dst


def test_photo_page_found_and_flattened():
    img, dst = _photo()
    corners = photo.find_page(img)
    assert corners is not None
    assert np.abs(corners - dst).max() < 25
    flat = photo.flatten(img)
    assert flat.page_found and flat.dpi is not None
    h, w = flat.image.shape[:2]
    assert 0.6 < w / h < 0.85
    paper = flat.image[flat.image > 150]
    left, right = flat.image[:, : w // 4], flat.image[:, -w // 4:]
    assert abs(float(np.median(left[left > 150])) - float(np.median(right[right > 150]))) < 12  # light evened
    assert paper.size > 0


def test_scan_is_not_taken_for_a_photo():
    page = np.full((700, 500), 240, np.uint8)
    page[100:110, 50:450] = 20
    flat = photo.flatten(page)
    assert not flat.page_found and not flat.light_evened
    assert np.array_equal(flat.image, page)


def test_exif_orientation_is_honoured():
    from baocao_parser.readers.image import ImageFrameLoader

    img = Image.new("L", (300, 200), 255)  # stored landscape …
    img.paste(0, (0, 0, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # … shown turned 90° clockwise: portrait, the mark top-right
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif, dpi=(300, 300))
    arr, dpi, page = ImageFrameLoader(buf.getvalue())(0)
    assert arr.shape[:2] == (300, 200) and page == 1
    assert arr[:20, -20:].mean() < 60 and arr[-20:, :20].mean() > 200


def test_heic_is_sniffed_as_an_image():
    assert sniff(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 32, "x.bin") == "image"


# ---------------------------------------------------------------- page sets


def test_page_set_rule():
    paths = ["a/bc-27_2.jpg", "a/bc-27_1.jpg", "a/bc-27_10.jpg", "a/x.pdf", "a/bc-2023.jpg",
             "a/bc-28_2.jpg", "a/bc-28_3.jpg", "a/r p1.png", "a/r p2.png", "b/bc-27_3.jpg"]
    groups = pagesets.group_page_sets(paths)
    assert groups == [["a/bc-27_1.jpg", "a/bc-27_2.jpg", "a/bc-27_10.jpg"], ["a/x.pdf"], ["a/bc-2023.jpg"],
                      ["a/bc-28_2.jpg"], ["a/bc-28_3.jpg"], ["a/r p1.png", "a/r p2.png"], ["b/bc-27_3.jpg"]]


def test_page_set_needs_the_same_kind_and_distinct_pages():
    assert pagesets.group_page_sets(["bc_1.jpg", "bc_2.png"]) == [["bc_1.jpg"], ["bc_2.png"]]
    assert pagesets.group_page_sets(["bc_1.jpg", "bc_2.jpeg"]) == [["bc_1.jpg", "bc_2.jpeg"]]
    assert pagesets.page_of("bc-27_2023.jpg") is None and pagesets.page_of("notes_1.txt") is None


def test_parse_pages_refuses_non_images(tmp_path):
    from baocao_parser import parse

    t = tmp_path / "a.txt"
    t.write_text("BÁO CÁO\n", encoding="utf-8")
    with pytest.raises(BaocaoError) as e:
        parse([str(t), str(t)])
    assert "a.txt" in str(e.value) and "image" in str(e.value)
    with pytest.raises(BaocaoError):
        parse([])
    with pytest.raises(BaocaoError) as e:
        parse([str(tmp_path / "missing_1.jpg")])
    assert "no such file" in str(e.value)


def test_cli_as_one_names_the_bad_file(tmp_path, capsys):
    from baocao_parser.cli import main

    t = tmp_path / "p1.txt"
    t.write_text("x", encoding="utf-8")
    code = main(["parse", "--as-one", str(t), str(t)])
    assert code == 1 and "p1.txt" in capsys.readouterr().err


# ---------------------------------------------------------------- Tesseract in-process


def test_tsv_of_tesserocr_reads_like_pytesseract():
    tsv = ("1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.5\tSố:\n"
           "5\t1\t1\t1\t1\t2\t44\t20\t60\t12\t91\t27/BC-UBND\n")
    data = _parse_tsv(tsv)
    assert data["text"] == ["", "Số:", "27/BC-UBND"]
    assert data["conf"][1] == 96.5 and data["left"][2] == 44 and data["line_num"][2] == 1


# ---------------------------------------------------------------- whole pages (Tesseract; slow)

OWN = sorted((ROOT / "samples" / "scan-colour").glob("*.pdf"))


@pytest.mark.slow
@pytest.mark.skipif(not OWN, reason="samples/scan-colour is empty: run samples/_build/render_colour.py")
def test_hand_filled_number_and_day_give_null_and_warnings():
    from baocao_parser import parse
    from baocao_parser.readers.ocr import tesseract_available

    if not tesseract_available():
        pytest.skip("Tesseract with Vietnamese data is not installed")
    r = parse(ROOT / "samples" / "scan-colour" / "bc-xa-ntm-q3-2023.colour.pdf")
    assert r.number.raw is None and r.issued_date is None
    assert handwriting.WARN_NUMBER in r.warnings and handwriting.WARN_DAY in r.warnings
    assert r.signatory.name == "Hoàng Minh Quyết"


@pytest.mark.slow
def test_page_set_parses_as_one_report():
    from baocao_parser import parse
    from baocao_parser.readers.ocr import tesseract_available

    pages = sorted((ROOT / "samples" / "scan-pages").glob("bc-truong-th-t3-2024_*.jpg"))
    if not pages or not tesseract_available():
        pytest.skip("no page set sample or no Tesseract")
    r = parse([str(p) for p in pages])
    assert r.source.pages == len(pages)
    assert r.number.raw == "26/BC-THVH" and r.signatory.name == "Nguyễn Thị Thu Hà"


# ---------------------------------------------------------------- text layers that lie


def test_text_layer_judged_by_its_syllables_and_stamps():
    from baocao_parser.readers.text_layer import layer_lies

    real = "Thực hiện Kế hoạch số 12/KH-UBND ngày 06/01/2023 của UBND xã về cải cách hành chính năm 2023. " * 3
    garbage = "Tkwv jkgp Mg jqcej uq 12 pic{ 06 eva WDPF zc xg eck echj jcpj ejkpj pcp 2023 " * 3
    stamp = "Ký bởi: Ủy ban nhân dân xã Kỳ Tân\nThời gian ký: 08.07.2025 08:25:00 +07:00\n2"
    assert not layer_lies(real, True) and not layer_lies(real, False)
    assert layer_lies(garbage, False) and layer_lies(garbage, True)
    assert layer_lies(stamp, True)  # a stamp over a scanned image: the page is the image
    assert not layer_lies(stamp, False)  # a stamp on an empty vector page is all there is
