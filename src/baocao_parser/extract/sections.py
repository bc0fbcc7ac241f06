"""The numbered outline of the body and the parts read from it.

Markers (``I.``, ``1.``, ``1.1.``, ``a)``, ``-``, ``+``, ``Điều 1.``) are
nested by first appearance: a marker style seen before closes everything opened
after it, a new style opens a child.  Each heading is matched against the
section-heading vocabulary to find the families (difficulties, achievements,
advantages, causes, tasks, proposals).  The items of a part are its list items,
one per bullet or numbered item; a part written as one paragraph is split into
sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import Field, create_model

from .. import vocab
from ..document import Line, ZonedDocument
from ..normalise.folding import fold, fold_char_aligned, per_document
from ..report import Report, Section
from .common import clean, provenance, strip_item
from ..normalise.charclass import VI_UPPER

FAMILIES = ("difficulties", "causes", "advantages", "achievements", "tasks", "proposals")

_ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(?:PHẦN|Phần)\s+(?:THỨ\s+\w+|thứ\s+\w+|[IVX]{1,5}|\d{1,2})\s*[.:\-–]?\s*")),
    ("chapter", re.compile(r"^(?:CHƯƠNG|Chương)\s+(?:[IVX]{1,5}|\d{1,2})\s*[.:\-–]?\s*")),
    ("article", re.compile(r"^(Điều|ĐIỀU)\s+(\d+)\s*[.:]\s*")),
    ("roman", re.compile(r"^(" + _ROMAN + r")\s*[.)/]\s+")),
    ("upper_letter", re.compile(r"^([A-ZĐ])\s*[.)]\s+(?=\S)")),
    ("num4", re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+")),
    ("num3", re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+")),
    ("num2", re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(?=\D)")),
    ("num", re.compile(r"^(\d{1,2})\s*[.)]\s*(?=[^\d\s])|^(\d{1,2})\s*[.)]\s+")),
    ("letter", re.compile(r"^([a-zđ])\s*\)\s*|^([a-zđ])\.\s+(?=\S)")),
    ("paren", re.compile(r"^\((\d{1,2}|[a-zđ])\)\s*")),
    ("dash", re.compile(r"^([-–—‒])\s*")),
    ("plus", re.compile(r"^(\+)\s*")),
    ("dot", re.compile(r"^([•*·●○■□◦▪➢➤✓❖►])\s*")),
]
_BULLETS = ("paren", "dash", "plus", "dot", "label")
_ANY_MARKER = re.compile("|".join(f"(?P<{kind}>{rx.pattern})" for kind, rx in _MARKERS))
"""The markers as one alternation, tried in the same order: the first that matches names the kind."""


@dataclass
class _Node:
    kind: str | None
    marker: str | None
    line: Line | None
    heading: str = ""
    text: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    raw: str = ""
    rest: str = ""
    """The line after its marker."""
    more: list[str] = field(default_factory=list)
    """Unmarked paragraphs that follow the line (a wrapped item, or a part written as prose)."""


def _marker_of(text: str) -> tuple[str, str, str] | None:
    m = _ANY_MARKER.match(text)
    if m is None:
        return None
    return m.lastgroup, text[: m.end()].strip(), text[m.end():]


def build_outline(paragraphs: list[Line]) -> _Node:
    root = _Node(kind=None, marker=None, line=None)
    stack: list[_Node] = [root]
    for ln in paragraphs:
        t = ln.text.strip()
        if not t:
            continue
        mk = _marker_of(t)
        if mk is None and (_closing_re().match(fold(t)) or t.rstrip().endswith("./.") and _is_item(stack[-1])):
            del stack[1:]  # "Trên đây là báo cáo…", or the last sentence ("…./.") after a list: no item of it
            root.text.append(t)
            continue
        if mk is None and _is_label(t):
            while len(stack) > 1 and stack[-1].kind in _BULLETS:
                stack.pop()  # "Khó khăn, hạn chế:" on its own line heads the bullets below it
            node = _Node(kind="label", marker=None, line=ln, raw=t, rest=t)
            node.heading, inline = _split_heading(t)
            if inline:
                node.text.append(inline)
            stack[-1].children.append(node)
            stack.append(node)
            continue
        if mk is None:
            stack[-1].text.append(t)
            stack[-1].more.append(t)
            continue
        kind, marker, rest = mk
        _close_for(stack, kind)
        node = _Node(kind=kind, marker=marker, line=ln, raw=t, rest=rest)
        node.heading, inline = _split_heading(rest)
        if inline:
            node.text.append(inline)
        stack[-1].children.append(node)
        stack.append(node)
    return root


_RANK = {"part": 0, "chapter": 1, "upper_letter": 2, "article": 3, "roman": 3, "num": 4, "num2": 5, "num3": 6,
         "num4": 7, "letter": 8}


def _close_for(stack: list[_Node], kind: str) -> None:
    """Pop the stack so that a node of ``kind`` can be pushed.

    Numbered markers have a fixed order (I. > 1. > 1.1. > a)); a numbered
    marker closes every bullet and every numbered node of its rank or lower.
    Bullets (-, +, •) nest by first appearance: a bullet style seen before
    closes what was opened after it, a new one opens a child.
    """
    if kind in _RANK:
        rank = _RANK[kind]
        while len(stack) > 1 and (stack[-1].kind not in _RANK or _RANK[stack[-1].kind] >= rank):
            stack.pop()
        return
    levels = [n.kind for n in stack]
    if kind in levels:
        del stack[levels.index(kind):]


@lru_cache(maxsize=None)
def _closing_re() -> re.Pattern[str]:
    return re.compile(r"^(?:" + vocab.folded_alternation(vocab.load("fixed_lines")["closing_phrases"]) + r")\b")


def _is_item(node: _Node) -> bool:
    """A list item (a bullet, or a numbered line that is a sentence, not a heading)."""
    return node.kind in _BULLETS or (node.kind not in ("root", "part", "chapter", "roman") and len(node.raw) >= 80)


def _is_label(text: str) -> bool:
    """An unnumbered heading of a part: short, ends with a colon, names a family."""
    t = text.strip()
    return len(t) <= 160 and t.endswith(":") and bool(families_of(t))


def _split_heading(rest: str) -> tuple[str, str]:
    """``Khó khăn: Hạ tầng…`` → heading and inline text; a long line is all text."""
    rest = rest.strip()
    colon = rest.find(":")
    if 0 < colon <= 80 and len(rest[:colon].split()) <= 12:
        return rest[:colon].strip(), rest[colon + 1:].strip()
    if len(rest) <= 110 and not rest.rstrip().endswith((".", ";")):
        return rest, ""
    return "", rest


@lru_cache(maxsize=None)
def _family_res() -> dict[str, re.Pattern[str]]:
    fams = vocab.load("section_headings")["families"]
    return {f: re.compile(r"(?<!\w)(?:" + vocab.folded_alternation(words) + r")(?!\w)") for f, words in fams.items()}


def families_of(heading: str) -> list[str]:
    """Families named in a heading, in order of first appearance."""
    return list(_families_of(heading))


@per_document
def _families_of(heading: str) -> tuple[str, ...]:
    f = fold(heading)
    found = []
    for fam, rx in _family_res().items():
        m = rx.search(f)
        if m:
            found.append((m.start(), fam))
    return tuple(fam for _, fam in sorted(found))


def _is_heading_node(node: _Node) -> bool:
    return bool(node.heading) and (bool(node.children) or not node.text or len(node.heading) < 80)


def _own_family(node: _Node) -> list[str]:
    if not node.heading or node.kind in ("dash", "plus", "dot", "paren") and not node.children and not node.text:
        return []
    if node.kind in ("dash", "plus", "dot", "paren") and (len(node.heading.split()) > 6 and not node.raw.rstrip().endswith(":")
                                                         or len(node.heading) > 60):
        return []  # "- Vận động hội viên hạn chế sử dụng túi ni lông: …" is an item, not a part
    return families_of(node.heading)


def _node_text(node: _Node) -> str:
    return strip_item(clean(" ".join([node.rest, *node.more])), keep_period=True)


def _items(node: _Node, family: str) -> list[str]:
    """The items of a part: its list items, or the sentences of its paragraph."""
    items: list[str] = []
    if node.children:
        if node.text:
            items.extend(s for t in node.text for s in split_sentences(t))
        for child in node.children:
            fams = _own_family(child)
            if fams and family not in fams:
                continue  # a sibling part (Nguyên nhân under Hạn chế)
            if child.children and (child.heading and not child.text or child.raw.rstrip().endswith(":")):
                items.extend(_items(child, family))
            else:
                items.append(_node_text(child))
    else:
        for t in node.text:
            items.extend(split_sentences(t))
    return [i for i in items if i]


Parts = create_model(
    "Parts",
    __doc__="The outline and the items of each part of a report: ``Report``'s own ``sections`` field and its field "
            "of each family of ``section_headings``, declared once, in ``Report``.",
    **{name: (Report.model_fields[name].annotation, Field(default_factory=list)) for name in ("sections", *FAMILIES)},
)


def extract_parts(zd: ZonedDocument) -> Parts:
    """The numbered outline of the body and the items of its difficulties, tasks, proposals… parts."""
    outline = build_outline(zd.paragraphs)
    return Parts(sections=to_sections(outline), **collect_parts(outline))  # validated: pydantic-core's check costs less than model_construct


def collect_parts(root: _Node) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {f: [] for f in FAMILIES}

    def visit(node: _Node, inherited: str | None) -> None:
        for child in node.children:
            fams = _own_family(child) if _is_heading_node(child) else []
            if len(fams) == 1 and inherited != fams[0]:
                parts[fams[0]].extend(_items(child, fams[0]))
                visit(child, fams[0])
            elif len(fams) > 1:
                sub = {fam for c in child.children for fam in _own_family(c)}
                if sub & set(fams):
                    visit(child, None)  # "Thuận lợi, khó khăn" with a subsection each
                elif fams[0] != inherited:
                    parts[fams[0]].extend(_items(child, fams[0]))
                    visit(child, fams[0])
            else:
                visit(child, inherited)

    visit(root, None)
    if not parts["difficulties"]:
        parts["difficulties"] = _inline_difficulties(root)
    return parts


_INLINE_PART = re.compile(
    r"(?:\bcon\b|mot\s+so|nhung|tuy\s+nhien)[^:.;]{0,40}(?:kho\s+khan|han\s+che|ton\s+tai|vuong\s+mac|bat\s+cap)"
    r"[^:.;]{0,60}\s*:\s*")


def _inline_difficulties(root: _Node) -> list[str]:
    """Without a difficulties part, a sentence that announces them (``… còn một số hạn chế: a; b; c.``).

    The items after its colon are split at ``;`` (or into sentences).
    """
    def paragraphs(node: _Node):
        yield from node.text
        for c in node.children:
            yield c.rest
            yield from paragraphs(c)

    for text in paragraphs(root):
        m = _INLINE_PART.search(fold_char_aligned(text))
        if not m or len(text) - m.end() < 20:
            continue
        rest = text[m.end():].strip()
        pieces = [p for p in re.split(r"\s*;\s*", rest) if p.strip()]
        items = pieces if len(pieces) > 1 else split_sentences(rest)
        return [strip_item(clean(i), keep_period=True) for i in items if len(i.strip()) > 3]
    return []


def to_sections(node: _Node, level: int = 0) -> list[Section]:
    out = []
    for child in node.children:
        out.append(Section(marker=child.marker, level=level + 1, heading=clean(child.heading),
                           text=clean(" ".join(child.text)), children=to_sections(child, level + 1),
                           provenance=provenance(child.line) if child.line else None))
    return out


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    return frozenset(vocab.load("abbreviations")["sentence_internal"])


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”)]?\s+(?=[\"“(" + VI_UPPER + "])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations (``TP.``, ``ThS.``) and numbers do not end one."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        prev = text[start: m.start()].rstrip()
        last_word = prev.split()[-1] if prev.split() else ""
        if last_word.rstrip(".") in _abbreviations() or re.fullmatch(r"[A-ZĐ]\.", last_word):
            continue
        out.append(clean(text[start: m.start()]))
        start = m.end()
    out.append(clean(text[start:]))
    return [s for s in out if s]
