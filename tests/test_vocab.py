"""The vocabulary data files stay consistent (dateparser style: the data is tested, not only the code).

Every JSON file in ``vocab/data`` loads and says what it is (``_about``); lists
hold no duplicates (compared on the tone-folded key the extractors use); text is
NFC; a kind's code is unique to its name; and every regular expression the
library builds from the data compiles.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from baocao_parser import vocab
from baocao_parser.normalise.folding import fold

DATA = Path(str(resources.files("baocao_parser.vocab").joinpath("data")))
JSON_FILES = sorted(DATA.glob("*.json"))
TEXT_FILES = sorted(DATA.glob("*.txt"))


def _strings(obj, path="$"):
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield f"{path}.{k}(key)", k
            yield from _strings(v, f"{path}.{k}")


def _string_lists(obj, path="$"):
    if isinstance(obj, list):
        if obj and all(isinstance(v, str) for v in obj):
            yield path, obj
        for i, v in enumerate(obj):
            yield from _string_lists(v, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _string_lists(v, f"{path}.{k}")


def test_there_is_data():
    assert len(JSON_FILES) >= 10


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.name)
def test_json_loads_and_has_about(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert isinstance(data.get("_about"), str) and data["_about"].strip(), f"{path.name} has no '_about' saying what it holds"


@pytest.mark.parametrize("path", JSON_FILES + TEXT_FILES, ids=lambda p: p.name)
def test_text_is_nfc(path):
    text = path.read_text(encoding="utf-8")
    bad = [line for line in text.splitlines() if not unicodedata.is_normalized("NFC", line)]
    assert not bad, f"{path.name}: lines not in NFC: {bad[:3]}"


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.name)
def test_no_duplicate_entries_in_lists(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for where, items in _string_lists(data):
        seen: dict[str, str] = {}
        for item in items:
            # Exact entries (after NFC and blank trimming). Old/new tone placement variants
            # (toạ đàm / tọa đàm) are redundant where matching folds, but not duplicates.
            key = unicodedata.normalize("NFC", item).strip()
            if key in seen:
                problems.append(f"{where}: {seen[key]!r} and {item!r}")
            seen[key] = item
    assert not problems, "duplicates: " + "; ".join(problems)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_no_duplicate_lines_in_text_lists(path):
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    seen: set[str] = set()
    dupes = [ln for ln in lines if ln in seen or seen.add(ln)]
    assert not dupes, f"{path.name}: duplicate lines {dupes[:5]}"


def test_doc_kinds_have_no_duplicate_entries():
    names = [k["name"] for k in vocab.doc_kinds()]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, f"doc_kinds.json lists these kinds more than once: {dupes}"


def _code_key(code: str) -> str:
    """The key ``vocab.kind_by_code`` looks codes up by (``code_key`` keeps Đ apart from D)."""
    key = getattr(vocab, "code_key", None)
    return key(code) if key else fold(code).upper()


def test_kind_codes_are_unique_per_name():
    by_code: dict[str, set[str]] = {}
    for k in vocab.doc_kinds():
        assert k["name"] == k["name"].upper() and k["name"].strip() == k["name"]
        if k["code"] is None:
            continue  # a kind with no code of its own (THƯ NGỎ)
        assert k["code"].strip() and " " not in k["code"]
        by_code.setdefault(_code_key(k["code"]), set()).add(k["name"])
    clashes = {c: sorted(n) for c, n in by_code.items() if len(n) > 1}
    assert not clashes, f"one code for several kinds: {clashes}"


@pytest.mark.parametrize("code,kind", [("HĐ", "HỢP ĐỒNG"), ("HD", "HƯỚNG DẪN"), ("ĐA", "ĐỀ ÁN"), ("DA", "DỰ ÁN"),
                                       ("KH", "KẾ HOẠCH"), ("QĐ", "QUYẾT ĐỊNH"), ("NĐ", "NGHỊ ĐỊNH"), ("TTr", "TỜ TRÌNH")])
def test_kind_by_code_keeps_d_stroke_apart(code, kind):
    assert vocab.kind_by_code()[_code_key(code)] == kind


def test_aliases_point_to_one_kind():
    owner: dict[str, str] = {}
    for k in vocab.doc_kinds():
        for word in [k["name"], *k.get("aliases", [])]:
            f = fold(word)
            assert owner.setdefault(f, k["name"]) == k["name"], f"{word!r} names both {owner[f]} and {k['name']}"


def test_roman_quarters_map_to_1_to_4():
    assert sorted(vocab.load("periods")["roman_quarters"].values()) == [1, 2, 3, 4]


def test_number_words_values():
    data = vocab.load("number_words")
    assert all(0 <= v <= 9 for v in data["digits"].values())
    assert {"một", "hai", "ba", "mốt", "lăm"} <= set(data["digits"])


def test_section_families_do_not_share_words():
    fams = vocab.load("section_headings")["families"]
    owner: dict[str, str] = {}
    for fam, words in fams.items():
        for w in words:
            assert owner.setdefault(fold(w), fam) == fam, f"{w!r} is in both {owner[fold(w)]} and {fam}"


def test_every_vocabulary_regex_compiles():
    """Build every pattern the extractors build from the data (the builders are cached functions)."""
    from baocao_parser.extract import conferences, header, infer, period, references, sections
    from baocao_parser.layout import linekinds as patterns

    built = [
        patterns.motto_re(), patterns.authority_re(), *patterns.title_kinds(),
        period._rules(), conferences._noun_re(), conferences._buoi_blockers(), references._mention_re(),
        patterns._organisation_re(), patterns.bare_authority_re(), patterns._position_re(), patterns.stamp_re(), infer._mention_re(),
        sections._closing_re(), *sections._family_res().values(),
    ]
    assert all(b is not None for b in built)
    for name, _ in vocab.load("section_headings")["families"].items():
        assert name in sections._family_res()
    for path in JSON_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for _, items in _string_lists(data):
            re.compile(vocab.folded_alternation(items))


def test_folded_alternation_matches_every_entry():
    for name in ("conference_terms", "positions", "periods"):
        data = vocab.load(name)
        for where, items in _string_lists(data):
            rx = re.compile(r"(?:" + vocab.folded_alternation(items) + r")")
            for item in items:
                assert rx.search(fold(item)), f"{name}{where}: {item!r} does not match its own alternation"


# ---------------------------------------------------------------- every key of the data is read by the code

READS_SCRIPT = Path(__file__).with_name("_vocab_reads.py")

KNOWN_UNREAD: dict[str, set[str]] = {}
"""Keys no code reads today: each file's test is a strict xfail naming them, so wiring (or removing) them shows."""


@pytest.fixture(scope="module")
def reads() -> dict:
    """What ``tests/_vocab_reads.py`` saw: keys read per data file and data files opened.

    It runs in a fresh interpreter (the wrap of ``vocab.load`` must precede every
    import of the package, because some patterns are built at import time), so
    this process's caches and functions are left as they were.
    """
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join([src, env["PYTHONPATH"]]) if env.get("PYTHONPATH") else src
    proc = subprocess.run([sys.executable, str(READS_SCRIPT)], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert not out["errors"], f"documents of the representative set failed to parse: {out['errors']}"
    return out


def _unread_params():
    out = []
    for path in JSON_FILES:
        known = KNOWN_UNREAD.get(path.name)
        marks = [pytest.mark.xfail(strict=True, reason=f"read by no code today: {sorted(known)}")] if known else []
        out.append(pytest.param(path, id=path.name, marks=marks))
    return out


@pytest.mark.parametrize("path", _unread_params())
def test_every_json_key_is_read(reads, path):
    """Parsing txt, docx, legacy TCVN3/VNI, a Công văn, a Quyết định, a headerless report, a PDF, tables,
    one OCR repair and one comparison reads every top-level key of every data file (keys that start with
    ``_``, such as ``_about``, are notes for people)."""
    keys = {k for k in json.loads(path.read_text(encoding="utf-8")) if not k.startswith("_")}  # "_…": notes for people
    read = set(reads["keys"].get(path.stem, []))
    unread = sorted(keys - read)
    assert path.stem in reads["keys"], f"{path.name} is never loaded"
    assert not unread, f"{path.name}: keys no code read: {unread}"


def test_known_unread_names_real_keys():
    for name, keys in KNOWN_UNREAD.items():
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
        assert keys <= set(data), f"{name}: KNOWN_UNREAD lists keys the file does not have: {sorted(keys - set(data))}"


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_every_text_list_is_read(reads, path):
    assert path.name in reads["opened"], f"{path.name} is opened by no code in the representative run"


# ---------------------------------------------------------------- the section families agree


def test_section_families_agree_with_parts_and_report():
    """``section_headings.json`` families == ``extract.sections.FAMILIES`` == the fields of ``Parts`` (but
    ``sections``), and each is a field of ``Report``: a family added in one place only is caught."""
    from baocao_parser.extract import sections
    from baocao_parser.report import Report

    data = set(vocab.load("section_headings")["families"])
    code = set(sections.FAMILIES)
    parts = set(sections.Parts.model_fields) - {"sections"}
    assert len(sections.FAMILIES) == len(code), f"FAMILIES repeats a family: {sections.FAMILIES}"
    assert data == code, f"data only: {sorted(data - code)}; FAMILIES only: {sorted(code - data)}"
    assert parts == code, f"Parts only: {sorted(parts - code)}; FAMILIES only: {sorted(code - parts)}"
    missing = sorted(code - set(Report.model_fields))
    assert not missing, f"families that are no field of Report: {missing}"
