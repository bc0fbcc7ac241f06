"""Compare reports: two reports field by field, and an issuer (or a period) over time.

:func:`compare` gives a :class:`ReportDiff`: changed fields, conference counts
per noun and in total with deltas, plans and references added and dropped,
recipients, and difficulties that persist, are new or are gone.  Difficulties
are matched by meaning-bearing words, not exact text: each item is segmented
into words with underthesea (imported only when needed), words are tone-folded
(``hoà`` = ``hòa`` = ``hoa``), stop-words (``vocab/data/stopwords.txt``) are
dropped, and two items match when their word sets overlap enough (Jaccard over
words and syllables).  :func:`timeline` reads an archive into one row per period
of an issuer, or one row per issuer for a period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from .layout.grammar import number_key
from .normalise.keys import issuer_key
from . import limits
from .normalise.folding import fold, tone_key
from .report import Report

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .archive import Archive

MATCH_THRESHOLD = 0.3
"""Similarity at or above which two difficulty items count as the same matter."""


# ---------------------------------------------------------------- content words
@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Stop-words as :func:`tone_key` keys (marks kept: ``số`` is a stop-word, ``sở`` is not)."""
    path = Path(__file__).with_name("vocab") / "data" / "stopwords.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(tone_key(line))
    return frozenset(words)


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    try:
        from underthesea import word_tokenize  # 0.3-0.6 s to import: only when comparing

        return word_tokenize
    except Exception:  # pragma: no cover - underthesea missing or broken: syllables only
        return None


@lru_cache(maxsize=4096)
def content_words(text: str) -> tuple[str, ...]:
    """Meaning-bearing words of ``text``: segmented, stop-words and numbers dropped, then tone-folded."""
    seg = _segmenter()
    tokens = seg(text) if seg is not None else text.split()
    stop = stopwords()
    out = []
    for tok in tokens:
        key = tone_key(" ".join(re.findall(r"[^\W\d_]+", tok)))
        if not key or key in stop:
            continue
        out.append(fold(key))
    return tuple(dict.fromkeys(out))


def similarity(a: str, b: str) -> float:
    """How much two items share in meaning-bearing words, 0..1 (Jaccard over words and over syllables)."""
    return _similarity(_word_sets(a), _word_sets(b))


def _word_sets(text: str) -> tuple[frozenset[str], frozenset[str]]:
    words = frozenset(content_words(text))
    return words, frozenset(s for w in words for s in w.split())


def _similarity(x: tuple[frozenset[str], frozenset[str]], y: tuple[frozenset[str], frozenset[str]]) -> float:
    (wa, sa), (wb, sb) = x, y
    if not wa or not wb:
        return 0.0
    words = len(wa & wb) / len(wa | wb)
    syll = len(sa & sb) / len(sa | sb)
    return round(max(words, syll), 4)


def match_items(a: Sequence[str], b: Sequence[str], threshold: float = MATCH_THRESHOLD) -> list[tuple[int, int, float]]:
    """Pairs (i, j, similarity) of items of ``a`` and ``b`` that say the same thing, best pairs first, each item once.

    Each item is segmented once, and only the first :data:`~baocao_parser.limits.MAX_COMPARED_ITEMS` of each
    side are paired (every pair is scored): two reports of 4 000 difficulties each once took 120 s and 2.3 GB.
    """
    cap = limits.MAX_COMPARED_ITEMS
    sa = [_word_sets(x) for x in a[:cap]]
    sb = [_word_sets(y) for y in b[:cap]]
    scored = []
    for i, x in enumerate(sa):
        for j, y in enumerate(sb):
            s = _similarity(x, y)
            if s >= threshold:
                scored.append((s, i, j))
    scored.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for s, i, j in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, s))
    return sorted(pairs)


# ---------------------------------------------------------------- the diff model
class ReportSide(BaseModel):
    sha256: str | None = None
    path: str | None = None
    issuer: str | None = None
    period: str | None = None
    title: str | None = None


class FieldChange(BaseModel):
    field: str
    a: Any = None
    b: Any = None


class CountDelta(BaseModel):
    key: str
    a: int = 0
    b: int = 0
    delta: int = 0


class ItemsDiff(BaseModel):
    kept: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)
    dropped: list[str] = Field(default_factory=list)


class DifficultyMatch(BaseModel):
    a: str
    b: str
    similarity: float
    shared: list[str] = Field(default_factory=list)
    """The folded meaning-bearing words both items have."""


class ReportDiff(BaseModel):
    """What changed from report ``a`` (earlier) to report ``b`` (later)."""

    a: ReportSide
    b: ReportSide
    same_issuer: bool
    fields: list[FieldChange] = Field(default_factory=list)
    conference_total: CountDelta
    conferences: list[CountDelta] = Field(default_factory=list)
    """Per counted noun (hội nghị, cuộc họp, buổi…), tone-placement-insensitive."""
    plans: ItemsDiff = Field(default_factory=ItemsDiff)
    references: ItemsDiff = Field(default_factory=ItemsDiff)
    recipients: ItemsDiff = Field(default_factory=ItemsDiff)
    difficulties_persisting: list[DifficultyMatch] = Field(default_factory=list)
    difficulties_new: list[str] = Field(default_factory=list)
    difficulties_gone: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    """Limits reached while comparing (items past :data:`~baocao_parser.limits.MAX_COMPARED_ITEMS` not matched)."""

    def table(self, width: int = 100) -> str:
        """A readable plain-text rendering (what ``baocao compare`` prints)."""
        def cut(s: Any, n: int) -> str:
            s = "—" if s is None or s == "" else str(s)
            return s if len(s) <= n else s[: n - 1] + "…"

        half = (width - 24) // 2
        out = [f"A: {cut(self.a.issuer, 40)} | {cut(self.a.period, 30)} | {cut(self.a.path or self.a.sha256, 60)}",
               f"B: {cut(self.b.issuer, 40)} | {cut(self.b.period, 30)} | {cut(self.b.path or self.b.sha256, 60)}", ""]
        if not self.same_issuer:
            out.append("(different issuers)")
        out.append(f"{'field':<22}  {'A':<{half}}  {'B':<{half}}")
        out.append(f"{'-' * 22}  {'-' * half}  {'-' * half}")
        for ch in self.fields:
            out.append(f"{ch.field:<22}  {cut(ch.a, half):<{half}}  {cut(ch.b, half):<{half}}")
        if not self.fields:
            out.append("(no field changed)")
        out += ["", f"{'conferences':<22}  {'A':>5}  {'B':>5}  {'delta':>6}"]
        for c in [*self.conferences, self.conference_total]:
            out.append(f"{cut(c.key, 22):<22}  {c.a:>5}  {c.b:>5}  {c.delta:>+6d}")
        for name, d in (("plans", self.plans), ("references", self.references), ("recipients", self.recipients)):
            if d.added or d.dropped:
                out.append("")
                out.append(f"{name}: {len(d.kept)} kept, {len(d.added)} added, {len(d.dropped)} dropped")
                out += [f"  + {x}" for x in d.added] + [f"  - {x}" for x in d.dropped]
        out += ["", f"difficulties: {len(self.difficulties_persisting)} persisting, "
                    f"{len(self.difficulties_new)} new, {len(self.difficulties_gone)} gone"]
        for m in self.difficulties_persisting:
            out.append(f"  = {cut(m.b, width - 14)} ({m.similarity:.2f})")
            out.append(f"    was: {cut(m.a, width - 10)}")
        out += [f"  + {cut(x, width - 4)}" for x in self.difficulties_new]
        out += [f"  - {cut(x, width - 4)}" for x in self.difficulties_gone]
        out += [f"warning: {w}" for w in self.warnings]
        return "\n".join(out)


# ---------------------------------------------------------------- compare
_FIELDS = (
    ("doc_type", lambda r: r.doc_type), ("issuer", lambda r: r.issuer.name), ("issuer.parent", lambda r: r.issuer.parent),
    ("number", lambda r: r.number.raw), ("place", lambda r: r.place), ("issued_date", lambda r: r.issued_date),
    ("title", lambda r: r.title), ("period", lambda r: r.period.label if r.period else None),
    ("period.start", lambda r: r.period.start if r.period else None), ("period.end", lambda r: r.period.end if r.period else None),
    ("signatory.name", lambda r: r.signatory.name), ("signatory.title", lambda r: r.signatory.title),
    ("signatory.authority", lambda r: r.signatory.authority),
)


def _key(v: Any) -> Any:
    return tone_key(v) if isinstance(v, str) else v


def _doc_key(ref: Any) -> str:
    return number_key(ref.number or ref.text or "")


def _doc_label(ref: Any) -> str:
    label = " ".join(x for x in (ref.kind, ref.number) if x) or ref.text
    return f"{label} ngày {ref.date:%d/%m/%Y}" if ref.date else label


def _items_diff(a: Iterable[Any], b: Iterable[Any], key: Any, label: Any) -> ItemsDiff:
    ka = {key(x): x for x in a if key(x)}
    kb = {key(x): x for x in b if key(x)}
    return ItemsDiff(kept=[label(kb[k]) for k in kb if k in ka], added=[label(kb[k]) for k in kb if k not in ka],
                     dropped=[label(ka[k]) for k in ka if k not in kb])


def _total(r: Report) -> int:
    return r.conference_total if r.conference_total is not None else sum(c.count for c in r.conferences)


def _side(r: Report) -> ReportSide:
    return ReportSide(sha256=r.source.sha256, path=r.source.path, issuer=r.issuer.name,
                      period=r.period.label if r.period else None, title=r.title)


def compare(a: Report, b: Report, *, threshold: float = MATCH_THRESHOLD) -> ReportDiff:
    """What changed from ``a`` to ``b`` (give the earlier report first)."""

    fields = []
    for name, get in _FIELDS:
        va, vb = get(a), get(b)
        if _key(va) != _key(vb):
            fields.append(FieldChange(field=name, a=va, b=vb))

    per_noun: dict[str, list[Any]] = {}
    for side, r in ((0, a), (1, b)):
        for c in r.conferences:
            k = tone_key(c.noun or c.description.split(" ")[0])
            entry = per_noun.setdefault(k, [c.noun, 0, 0])
            entry[1 + side] += c.count
    conferences = [CountDelta(key=noun, a=x, b=y, delta=y - x) for noun, x, y in per_noun.values()]
    ta, tb = _total(a), _total(b)

    pairs = match_items(a.difficulties, b.difficulties, threshold)
    matched_a = {i for i, _, _ in pairs}
    matched_b = {j for _, j, _ in pairs}
    persisting = [
        DifficultyMatch(a=a.difficulties[i], b=b.difficulties[j], similarity=s,
                        shared=sorted(set(content_words(a.difficulties[i])) & set(content_words(b.difficulties[j]))))
        for i, j, s in pairs
    ]
    return ReportDiff(
        a=_side(a), b=_side(b),
        same_issuer=issuer_key(a.issuer.name) == issuer_key(b.issuer.name),
        fields=fields,
        conference_total=CountDelta(key="total", a=ta, b=tb, delta=tb - ta),
        conferences=conferences,
        plans=_items_diff(a.plans, b.plans, _doc_key, _doc_label),
        references=_items_diff(a.references, b.references, _doc_key, _doc_label),
        recipients=_items_diff(a.recipients, b.recipients, tone_key, lambda s: s),
        difficulties_persisting=persisting,
        difficulties_new=[x for j, x in enumerate(b.difficulties) if j not in matched_b],
        difficulties_gone=[x for i, x in enumerate(a.difficulties) if i not in matched_a],
        warnings=[limits.warning(f"difficulties of report {side}", limits.MAX_COMPARED_ITEMS, "items", len(r.difficulties))
                  + " for matching" for side, r in (("A", a), ("B", b)) if len(r.difficulties) > limits.MAX_COMPARED_ITEMS],
    )


# ---------------------------------------------------------------- over time
TIMELINE_COLUMNS = ("issuer", "period_label", "period_kind", "period_year", "period_index", "period_start", "period_end",
                    "conference_total", "n_conferences", "n_difficulties", "n_plans", "n_references", "n_warnings",
                    "copies", "title", "sha256", "path")


def _open(archive: Archive | str | Any) -> tuple[Any, bool]:
    from .archive import Archive as _Archive

    if isinstance(archive, _Archive):
        return archive, False
    return _Archive.open(archive, read_only=True), True


def timeline(archive: Archive | str, issuer: str | None = None, *, year: int | None = None, period_kind: str | None = None,
             period_index: int | None = None, kind: str | None = None) -> pd.DataFrame:
    """One row per period of ``issuer`` (oldest first), or — without ``issuer`` — one row per issuer and period
    matching ``year``/``period_kind``/``period_index`` (e.g. every xã's 6-month report of 2024).

    The same report archived several times (a .txt and a .docx of it) counts once (``copies`` says how many).
    """
    import pandas as pd

    arc, own = _open(archive)
    try:
        rows = arc.rows(issuer=issuer, year=year, period_kind=period_kind, period_index=period_index, kind=kind)
    finally:
        if own:
            arc.close()
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for r in rows:
        k = (r["issuer_key"], r["period_start"], r["period_end"], tone_key(r["period_label"] or ""), r["doc_type"])
        groups.setdefault(k, []).append(r)
    out = []
    for same in groups.values():
        best = min(same, key=lambda r: (r["n_warnings"] or 0, -(r["n_difficulties"] or 0) - (r["n_conferences"] or 0), r["sha256"]))
        row = {c: best.get(c) for c in TIMELINE_COLUMNS}
        row["copies"] = len(same)
        row["conference_total"] = best["conference_total"] or 0
        out.append(row)
    df = pd.DataFrame(out, columns=list(TIMELINE_COLUMNS))
    for c in ("period_start", "period_end"):
        df[c] = pd.to_datetime(df[c])
    order = ["period_start", "period_end", "issuer"] if issuer else ["issuer", "period_start", "period_end"]
    return df.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)


def recurring_difficulties(reports: Sequence[Report], threshold: float = MATCH_THRESHOLD) -> pd.DataFrame:
    """Difficulties of a series of reports (oldest first) grouped into threads of the same matter.

    One row per (thread, report): ``thread`` numbers a matter, ``periods`` says in how many
    reports it appears, ``text`` is how that report words it.  A thread is continued by the
    most similar item of a later report, also across a report that did not mention it.
    """
    import pandas as pd

    threads: list[list[tuple[int, str]]] = []
    for n, r in enumerate(reports):
        lasts = [t[-1][1] for t in threads]
        pairs = match_items(lasts, r.difficulties, threshold)
        matched = {j: i for i, j, _ in pairs}
        for j, text in enumerate(r.difficulties):
            if j in matched:
                threads[matched[j]].append((n, text))
            else:
                threads.append([(n, text)])
    rows = []
    for t_id, t in enumerate(threads, 1):
        for n, text in t:
            r = reports[n]
            rows.append({"thread": t_id, "periods": len(t), "period_label": r.period.label if r.period else None,
                         "period_start": r.period.start if r.period else None, "report": n, "text": text})
    return pd.DataFrame(rows, columns=["thread", "periods", "period_label", "period_start", "report", "text"])
