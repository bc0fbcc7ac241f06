"""The corpus of real documents (``samples/real``): its integrity, and the parser's score on both parts.

The corpus is split once, by issuer, into a development part and a check part
(``samples/_build/real.py``).  These tests pin the corpus (every spec valid, an
issuer never on both sides, the counts the README gives) and keep the parser's
overall F1 on each part, as ``../shared/eval/score.py`` computes it, from
falling below the figures the README reports.  Rebuild with
``python samples/_build/real.py`` after editing a spec.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from _modules import load_module
from baocao_parser import parse

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "samples" / "real"
BUILD = ROOT / "samples" / "_build"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

FLOORS = {  # part/format -> the overall F1 the parser must keep (the README's figures, rounded down; the check
    # part's .docx/.doc floor went from 0.98 to 0.97 when 20 harder documents joined it, not by a fall, and back
    # to 0.98 when the parser reached 0.984 on its 123 documents; the check part's PDF floor went from 0.98 to
    # 0.97 when round s23's 41 documents joined it, scored 0.925 on arrival: 0.977 on the 210, while the 169
    # of before went from 0.9811 to 0.9812; the check part's .txt floor went from 0.96 to 0.95 when round s25's
    # 26 documents joined it, scored 0.897 on arrival: 0.959 on the 254, while the 228 of before went from
    # 0.9627 to the figure the README gives; the check part's PDF floor went from 0.97 to 0.96 when round s27's
    # 20 documents joined it, scored 0.941 on arrival)
    "dev/txt": 0.99, "dev/docx": 0.99, "dev/doc": 0.99, "dev/pdf": 0.99,
    "check/txt": 0.95, "check/docx": 0.98, "check/doc": 0.98, "check/pdf": 0.96,
}


@pytest.fixture(scope="module")
def real_build():
    return load_module(BUILD / "real.py", "baocao_real_build", beside=BUILD)


def test_every_spec_is_valid_and_built(real_build):
    specs = real_build.load()  # raises SystemExit listing every problem
    for spec in specs:
        part = real_build.part_of(spec)
        for fmt, ext in (("txt", ".txt"), ("docx", ".docx"), ("doc", ".doc"), ("pdf", ".pdf"), ("scan", ".scan.pdf")):
            assert (REAL / part / fmt / f"{spec['id']}{ext}").exists(), f"{spec['id']}: run samples/_build/real.py"
            gold = json.loads((REAL / part / fmt / f"{spec['id']}.gold.json").read_text(encoding="utf-8"))
            assert gold == spec["gold"], f"{spec['id']}: {fmt} gold differs from the spec: run samples/_build/real.py"


def test_corpus_size_and_variety(real_build):
    specs = real_build.load()
    issuers = {real_build.issuer_group(s) for s in specs}
    assert len(specs) >= 100 and len(issuers) >= 50
    assert all(s["source"].startswith(("https://", "http://")) for s in specs)


def test_an_issuer_is_on_one_side_only(real_build):
    sides: dict[str, set[str]] = defaultdict(set)
    for spec in real_build.load():
        sides[real_build.issuer_group(spec)].add(real_build.part_of(spec))
    assert all(len(s) == 1 for s in sides.values())
    parts = [real_build.part_of(s) for s in real_build.load()]
    assert 0.55 <= parts.count("dev") / len(parts) <= 0.75, "about two thirds for development"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside the clone")
@pytest.mark.parametrize("where", sorted(FLOORS))
def test_score_holds(where):
    score = load_module(SCORER, "baocao_shared_score_real")
    tally = score.Tally()
    folder = REAL / where
    n = 0
    for doc, gold in score.cases(folder):
        pred = parse(doc).model_dump(mode="json")
        score.score_case(tally, gold, pred)
        n += 1
    assert n >= 30
    assert tally.f1() >= FLOORS[where], f"{where}: overall F1 {tally.f1():.3f} < {FLOORS[where]}"
