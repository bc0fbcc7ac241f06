"""compare() and timeline() on the series samples; expectations come from the gold files and expected-links.json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from baocao_parser.comparison import compare, match_items, recurring_difficulties, similarity, timeline
from baocao_parser.report import Conference, DocumentNumber, Issuer, Period, Reference, Report, Signatory, Source

SERIES = Path(__file__).resolve().parents[1] / "samples" / "series"
LINKS = json.loads((SERIES / "expected-links.json").read_text(encoding="utf-8"))


def gold(name: str) -> dict:
    return json.loads((SERIES / f"{name}.gold.json").read_text(encoding="utf-8"))


def gold_report(name: str) -> Report:
    g = gold(name)
    d = dt.date.fromisoformat
    plans = [Reference(kind="Kế hoạch", number=p["number"], date=d(p["date"]) if p["date"] else None, text=p["number"]) for p in g["plans"]]
    return Report(
        source=Source(path=name, sha256=name, format="txt"), doc_type=g["doc_type"], issuer=Issuer(name=g["issuer"]), number=DocumentNumber(raw=g["number"]),
        place=g["place"], issued_date=d(g["issued_date"]), title=g["title"],
        period=Period(start=d(g["period"]["start"]), end=d(g["period"]["end"])),
        plans=plans, references=plans,
        conferences=[Conference(count=n, description="", noun=f"loại {i}", count_text=str(n), sentence="") for i, n in enumerate(g["conferences"])],
        conference_total=sum(g["conferences"]), difficulties=g["difficulties"], recipients=g["recipients"],
        signatory=Signatory(**g["signatory"]),
    )


@pytest.mark.parametrize("pair", LINKS["pairs"], ids=lambda p: f"{p['a']}->{p['b']}")
def test_compare_gold_reports(pair):
    a, b = gold_report(pair["a"]), gold_report(pair["b"])
    diff = compare(a, b)
    ga, gb = gold(pair["a"]), gold(pair["b"])
    assert diff.same_issuer  # UỶ/ỦY, HOÀ/HÒA: the same issuer
    assert diff.conference_total.delta == sum(gb["conferences"]) - sum(ga["conferences"])
    na, nb = [p["number"] for p in ga["plans"]], [p["number"] for p in gb["plans"]]
    assert [x.split(" ")[2] for x in diff.plans.added] == [n for n in nb if n not in na]
    assert [x.split(" ")[2] for x in diff.plans.dropped] == [n for n in na if n not in nb]
    got = sorted((a.difficulties.index(m.a), b.difficulties.index(m.b)) for m in diff.difficulties_persisting)
    assert got == sorted(map(tuple, pair["persisting"]))
    assert diff.difficulties_gone == [a.difficulties[i] for i in pair["gone"]]
    assert diff.difficulties_new == [b.difficulties[i] for i in pair["new"]]
    fields = {f.field for f in diff.fields}
    assert {"number", "issued_date", "title"} <= fields and "issuer" not in fields and "place" not in fields
    assert "difficulties" in diff.table() and json.loads(diff.model_dump_json())["conference_total"]["delta"] == diff.conference_total.delta


def test_conferences_per_noun():
    def rep(confs):
        return Report(source=Source(sha256="x", format="txt"),
                      conferences=[Conference(count=n, description=noun, noun=noun, count_text=str(n), sentence="") for n, noun in confs],
                      conference_total=sum(n for n, _ in confs))
    d = compare(rep([(2, "hội nghị"), (3, "cuộc họp"), (1, "hội nghị")]), rep([(4, "Hội nghị"), (2, "buổi")]))
    assert {c.key: (c.a, c.b, c.delta) for c in d.conferences} == {"hội nghị": (3, 4, 1), "cuộc họp": (3, 0, -3), "buổi": (0, 2, 2)}
    assert (d.conference_total.a, d.conference_total.b, d.conference_total.delta) == (6, 6, 0)


def test_similarity_ignores_tone_placement_and_stopwords():
    assert similarity("Công tác hoà giải còn hạn chế", "công tác hòa giải vẫn còn hạn chế") == 1.0
    assert similarity("Kinh phí còn hạn chế", "Trình độ tin học còn hạn chế") < 0.3
    assert match_items(["a b"], []) == []


def test_recurring_difficulties_threads():
    reports = [gold_report(n) for n in LINKS["order"]]
    df = recurring_difficulties(reports)
    longest = df[df.periods == df.periods.max()]
    assert longest.periods.iloc[0] >= 3  # the Một cửa equipment recurs all year
    assert longest.text.str.contains("Một cửa").all()


def test_timeline_on_an_archive_of_the_series(tmp_path):
    from baocao_parser.batch import parse_many

    results = list(parse_many([SERIES], archive=tmp_path / "a.db", workers=2))
    assert all(r.ok for r in results) and sorted({Path(r.path).stem for r in results}) == sorted(LINKS["order"])  # .txt and .docx
    df = timeline(tmp_path / "a.db", issuer="xa quang hoa")
    golds = [gold(n) for n in LINKS["order"]]
    assert [str(x.date()) for x in df.period_start] == [g["period"]["start"] for g in golds]
    assert [str(x.date()) for x in df.period_end] == [g["period"]["end"] for g in golds]
    assert df.conference_total.tolist() == [sum(g["conferences"]) for g in golds]
    assert df.n_difficulties.tolist() == [len(g["difficulties"]) for g in golds]
    assert df.n_plans.tolist() == [len(g["plans"]) for g in golds]
    across = timeline(tmp_path / "a.db", year=2024, period_kind="year")
    assert len(across) == 1 and across.conference_total.tolist() == [sum(golds[-1]["conferences"])]
