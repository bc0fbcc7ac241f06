"""Cited documents: ``Kế hoạch số 12/KH-UBND ngày 06/01/2023 của UBND xã``…

Every cited document of any kind is listed once, in order of first mention,
with its kind, number, date and issuer when printed.  A later short mention
(``kế hoạch tuyên truyền số 13 ngày 20/02/2023``) is resolved to the one
already cited with that sequence number; a later mention without a date does
not erase the date of the first.  ``plans`` are the Kế hoạch among them (by
kind word or by the ``KH`` code of the number).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .. import vocab
from ..document import Line, ZonedDocument
from ..layout import grammar
from ..normalise.folding import fold, fold_char_aligned
from ..report import Reference
from .common import clean, provenance



@lru_cache(maxsize=None)
def _mention_re() -> re.Pattern[str]:
    words: list[str] = []
    for k in vocab.doc_kinds():
        words.append(k["name"])
        words.extend(k.get("aliases", []))
    words += ["văn bản"]
    kinds = vocab.folded_alternation(words)
    return re.compile(
        r"(?<![\w/])(?P<kind>" + kinds + r")(?:\s+lien\s+tich)?"
        r"(?:(?P<gap>(?:\s+(?!so\b|ngay\b)[^\s\d,;.]+){1,6}?)?\s+so\s*[:.]?\s*(?P<num1>" + grammar.NUMBER + "|" + grammar.SHORT_NUMBER + r")"
        r"|\s*(?:so\s*[:.]?\s*)?(?P<num2>" + grammar.NUMBER + r"))"
    )


_LEAD = re.compile(r"\s*[,(]?\s*(?:ban\s+hanh\s+)?")
_NGAY = re.compile(r"ngay\s*")
_OF_ISSUER = re.compile(r"\s*,?\s*(?:cua|do)\s+(?P<issuer>[^,;.()]{3,120}?)(?=\s+(?:ve|v/v|quy\s+dinh|huong\s+dan|ban\s+hanh|trien\s+khai|thuc\s+hien)\b|\s*,?\s*ngay\s*\d|[,;.()]|$)")


def extract_references(zd: ZonedDocument) -> list[Reference]:
    """Documents cited in the subject (after its first line) and the body."""
    subject = [ln for ln in zd.doc.zone("title") if ln.text.strip()]
    return find_references(subject[1:] + zd.paragraphs)


def find_references(paragraphs: list[Line]) -> list[Reference]:
    """Every cited document in ``paragraphs``, once, in order of first mention."""
    refs: list[Reference] = []
    by_number: dict[str, Reference] = {}
    for ln in paragraphs:
        text = ln.text
        if not grammar.HAS_NUMBER.search(text):
            continue  # every mention carries a number: most paragraphs can be skipped at C speed
        folded = fold_char_aligned(text)
        spans: list[tuple[int, int]] = []
        for m in _mention_re().finditer(folded):
            num_group = "num1" if m.group("num1") else "num2"
            number = clean(text[m.start(num_group): m.end(num_group)]).rstrip(".")
            kind = _kind_name(m.group("kind"), number, far=bool(m.group("gap")))
            if kind is None:
                continue
            date, issuer, end = _tail(text, folded, m.end())
            spans.append((m.start(), end))
            _add(refs, by_number, Reference(kind=kind, number=number, date=date, issuer=issuer,
                                            text=clean(text[m.start(): end]), provenance=provenance(ln)))
        covering = 0  # spans and matches both come in order: one pointer keeps the overlap check linear
        for m in grammar.BARE_NUMBER.finditer(folded):
            while covering < len(spans) and spans[covering][1] <= m.start():
                covering += 1
            if covering < len(spans) and spans[covering][0] <= m.start():
                continue
            number = text[m.start("num"): m.end("num")].rstrip(".")
            code_kind = vocab.kind_of_code(text[m.start("code"): m.end("code")])
            if code_kind is None:
                continue
            date, issuer, end = _tail(text, folded, m.end())
            _add(refs, by_number, Reference(kind=vocab.title_case_kind(code_kind), number=number, date=date,
                                            issuer=issuer, text=clean(text[m.start(): end]), provenance=provenance(ln)))
    return refs


def _kind_name(kind_word: str, number: str, *, far: bool = False) -> str | None:
    """The kind of a cited document: its kind word, or the code of its number when the word says nothing
    (``văn bản số …``) or stands words away and the code names another kind (``Sở Kế hoạch và Đầu tư tại
    Tờ trình số 08/TTr-SKHĐT`` is a Tờ trình)."""
    name = vocab.kind_by_folded_name().get(fold(kind_word))
    code = _code_of(number)
    code_kind = vocab.kind_of_code(code) if code else None
    if name is None or fold(kind_word) == "van ban" or (far and code_kind and code_kind != name):
        name = code_kind
        if name is None:
            return None if "/" not in number and "-" not in number else "Văn bản"
    return vocab.title_case_kind(name)


def _code_of(number: str) -> str | None:
    code = grammar.code_of(number)
    return vocab.code_key(code) if code else None


def _tail(text: str, folded: str, pos: int) -> tuple[dt.date | None, str | None, int]:
    """Date and issuer printed right after a number: ``ngày 06/01/2023 của UBND xã``."""
    date, end = _date_at(folded, pos)
    if date is None and (level := _level_after_re().match(folded, pos)):
        date, end = _date_at(folded, level.end())  # "07/KH-HĐND xã ngày 02/11/2023": the issuer's level, then the date
        if date is None:
            end = pos
    issuer = None
    i = _OF_ISSUER.match(folded, end)
    if i:
        issuer = clean(text[i.start("issuer"): i.end("issuer")])
        end = i.end("issuer")
        if date is None:  # "Kế hoạch số 45/KH-UBND của UBND huyện ngày 12/3/2019": the date after the issuer
            date, end = _date_at(folded, end)
    return date, issuer, end


@lru_cache(maxsize=None)
def _level_after_re() -> re.Pattern[str]:
    """The level of the issuer printed after its code, before the date (``xã``, ``huyện``, ``tỉnh``), folded."""
    levels = vocab.folded_alternation(vocab.load("administrative_units")["levels"])
    return re.compile(r"\s+(?:" + levels + r")(?=\s*,?\s*ngay\s*\d)")


def _date_at(folded: str, pos: int) -> tuple[dt.date | None, int]:
    """A date printed at ``pos`` (``ngày 06/01/2023``, ``(ngày 6 tháng 1 năm 2023)``, ``, ngày …``), and where it ends."""
    p = _LEAD.match(folded, pos).end()  # type: ignore[union-attr]
    d = grammar.DATE_WORDS.match(folded, p)
    if d is None:
        n = _NGAY.match(folded, p)
        if n:
            d = grammar.DATE_NUMERIC.match(folded, n.end())
    return (grammar.date_from_match(d), d.end()) if d is not None else (None, pos)


def _add(refs: list[Reference], by_number: dict[str, Reference], ref: Reference) -> None:
    assert ref.number is not None
    key = _citation_key(ref.number)
    found = by_number.get(key)
    if found is not None and found.date and ref.date and found.date != ref.date:
        key = f"{key}@{ref.date.isoformat()}"  # the same number reused in another year: another document
        found = by_number.get(key)
    if found is None and re.fullmatch(r"\d+", key):
        found = _resolve_short(refs, ref)
        if found is None and ref.date is None:
            return  # "số 13" alone, pointing at nothing cited: not a reference we can name
        # (with its date it is a citation of its own, as older documents cite: "kế hoạch số 28, ngày 30/9/2005")
    if found is not None:
        if ref.number and "-" in ref.number and "-" not in (found.number or "") and "/" in ref.number:
            found.number = ref.number  # keep the spelling with its dash
        if found.date is None and ref.date is not None:
            found.date = ref.date
        if found.issuer is None and ref.issuer is not None:
            found.issuer = ref.issuer
        return
    by_number[key] = ref
    refs.append(ref)


def _citation_key(number: str) -> str:
    """``grammar.number_key``, with a slash inside the symbol taken for the dash it stands for.

    One report may write the same plan ``06/KHNGLL-THNCT`` and ``06/KHNGLL/THNCT``; within one
    document's citations that is one document.  (The archive keeps ``number_key`` itself.)
    """
    head, sep, tail = grammar.number_key(number).partition("/")
    return head + sep + tail.replace("/", "")


def _resolve_short(refs: list[Reference], ref: Reference) -> Reference | None:
    seq = int(ref.number or "0")
    for r in refs:
        m = re.match(r"\d+", r.number or "")
        if m and int(m.group(0)) == seq and (ref.kind == r.kind or ref.kind == "Văn bản"):
            if ref.date is None or r.date is None or r.date == ref.date:
                return r
    return None


def plans_of(refs: list[Reference]) -> list[Reference]:
    """The Kế hoạch among the references: what the text calls a Kế hoạch, or its number's code does where the text
    names no kind (a number alone, ``văn bản số …``); not ``Hướng dẫn số 505/KH-PGDĐT`` nor ``Công văn số 09/KH-LĐLĐ``,
    which the text itself calls otherwise (:func:`_kind_name` has already weighed the word against the code)."""
    return [r for r in refs if r.kind == "Kế hoạch"]
