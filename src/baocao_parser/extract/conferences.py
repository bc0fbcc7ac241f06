"""Counts of conferences, meetings and sessions: ``tổ chức 03 hội nghị``, ``hai buổi tọa đàm``.

A count is a number (digits, with or without leading zeros, or Vietnamese
number words up to the hundreds) standing right before a meeting noun from
``vocab/data/conference_terms.json``.  The noun decides, so the numbers nearby
(participants, percentages, documents, ``04 cuộc kiểm tra``, ``lớp 6``) are
left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import vocab
from ..document import Line, ZonedDocument
from ..normalise.folding import fold, fold_char_aligned
from ..report import Conference
from .common import clean, provenance
from .numbers import digits_value, is_number_word, words_value

_WORD = re.compile(r"[^\s,;:.()“”\"]+|[.,;:()]")


@lru_cache(maxsize=None)
def _noun_re() -> re.Pattern[str]:
    data = vocab.load("conference_terms")
    return re.compile(r"(?<!\w)(?:" + vocab.folded_alternation(data["nouns"]) + r")(?!\w)")


@lru_cache(maxsize=None)
def _noun_heads() -> tuple[str, ...]:
    """The first word of every noun, folded (``hoi``, ``cuoc``, ``buoi``…), for a quick skip."""
    heads = {fold(n).split()[0] for n in vocab.load("conference_terms")["nouns"]}
    return tuple(sorted(heads))


@lru_cache(maxsize=None)
def _buoi_blockers() -> frozenset[str]:
    return frozenset(fold(w) for w in vocab.load("conference_terms")["buoi_not_followed_by"])


_COUNT_BEFORE = re.compile(r"(?P<num>\d{1,3}(?:\.\d{3})+|\d{1,6})\s+$")
_CLAUSE_END = re.compile(r"[,;:.()]|\s(?:va|voi|cho|tai|nham|de|thu\s+hut|trong\s+do)\s")


def extract_conferences(zd: ZonedDocument) -> list[Conference]:
    """Meeting counts of the body."""
    return find_conferences(zd.paragraphs)


def find_conferences(paragraphs: list[Line]) -> list[Conference]:
    """Every count of a meeting noun in ``paragraphs``, in order."""
    out: list[Conference] = []
    heads = _noun_heads()
    for ln in paragraphs:
        text = ln.text
        folded = fold_char_aligned(text)
        if not any(h in folded for h in heads):
            continue  # no meeting noun at all: skip the regex
        for m in _noun_re().finditer(folded):
            if m.group(0).startswith("buoi") and (folded[m.end(): m.end() + 1] == "/"
                                                 or _next_word(folded, m.end()) in _buoi_blockers()):
                continue  # "buổi sáng" is a time of day, "2 buổi/ngày" a timetable
            found = _count_before(text, folded, m.start())
            if found is None:
                continue
            count, count_text, cstart = found
            if count <= 0:
                continue
            description = _description(text, folded, m.start())
            out.append(Conference(count=count, count_text=count_text, noun=clean(text[m.start(): m.end()]),
                                  description=description, sentence=_sentence(text, cstart),
                                  provenance=provenance(ln)))
    return out


def _next_word(folded: str, pos: int) -> str:
    m = re.match(r"\s*(\S+)", folded[pos: pos + 20])
    return m.group(1).strip(",.;") if m else ""


def _count_before(text: str, folded: str, pos: int) -> tuple[int, str, int] | None:
    window_start = max(0, pos - 40)
    head = text[window_start:pos]
    m = _COUNT_BEFORE.search(head)
    if m:
        before = head[: m.start()].rstrip()
        if before.endswith(("/", "-")) or re.search(r"(?:lớp|tuần|ngày|tháng|năm|quý|khóa|khoá)$", before, re.I):
            return None  # 07/09 cuộc…, "lớp 6 buổi" — not a count of meetings
        value = digits_value(m.group("num"))
        return (value, m.group("num"), window_start + m.start()) if value is not None else None
    words = head.split()
    run: list[str] = []
    for w in reversed(words):
        if is_number_word(w):
            run.insert(0, w)
        else:
            break
    while run and words_value(run) is None:
        run.pop(0)
    if not run:
        return None
    value = words_value(run)
    if value is None:
        return None
    count_text = " ".join(run)
    start = window_start + head.rfind(run[0]) if run[0] in head else pos
    return value, count_text, start


def _description(text: str, folded: str, start: int) -> str:
    m = _CLAUSE_END.search(folded, start + 3)
    end = m.start() if m else len(text)
    words = text[start:end].split()
    return clean(" ".join(words[:12]))


_SENTENCE_REACH = 400  # characters looked at on each side: an excerpt, never a copy of a whole paragraph


def _sentence(text: str, pos: int) -> str:
    lo, hi = max(0, pos - _SENTENCE_REACH), min(len(text), pos + _SENTENCE_REACH)
    starts = [text.rfind(sep, lo, pos) for sep in (". ", "; ", ": ")]
    start = max(starts)
    start = lo if start < 0 else start + 2
    ends = [i for i in (text.find(sep, pos, hi) for sep in (". ", "; ")) if i >= 0]
    end = min(ends) + 1 if ends else hi
    return clean(text[start:end])
