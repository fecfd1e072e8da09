"""Split article text into sentences with exact character offsets.

A boundary is sentence-final punctuation (``. ! ?`` and an optional closing
quote or bracket) followed by white space and something that can start a
sentence, or a line break. It is not a boundary when the period ends a known
abbreviation (``U.S.``, ``Gen.``, ``Sr.``, ``No.``; the list is in
``sentences.json`` of the language's rule pack), a single initial, or when it falls inside an
open quotation that closes soon after ("He said: “We are calm. We are
ready.”" stays one sentence).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .records import Sentence
from .rules import load_rules

__all__ = ["split_sentences"]

_CANDIDATE = re.compile(
    r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n\s*"
    # "...y policías.Los municipios afectados": pages that lost the space.
    # "...de Chiapas.TUXTLA GUTIÉRREZ, Chis.": a dateline glued to the lead before it.
    r"|(?<=[a-záéíóúüñ]{3})[.!?]+(?=[A-ZÁÉÍÓÚÜÑ][a-záéíóúüñ]|[A-ZÁÉÍÓÚÜÑ]{3,}[ ,])"
)
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
#: A quotation longer than this is taken as unbalanced and no longer protects.
MAX_QUOTE_CHARS = 600


@lru_cache(maxsize=8)
def _vocab(langs: tuple[str, ...] | None = None) -> tuple[frozenset, frozenset, frozenset]:
    v = load_rules("sentences", langs)
    abbrevs = frozenset(a.lower().rstrip(".") for a in v["abbreviations"])
    acronym_ok = frozenset(w.lower() for w in v["sentence_starters"])
    return abbrevs, acronym_ok, frozenset(v["acronyms"])


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-"):
        start -= 1
    return text[start:end]


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*[\"'“‘«¿¡(]*([\w’'-]*)", text[pos:])
    return m.group(1) if m else ""


def _is_boundary(text: str, start: int, end: int, langs: tuple[str, ...] | None = None) -> bool:
    """Decide whether the punctuation run ``text[start:end]`` ends a sentence."""
    abbrevs, starters, acronyms = _vocab(langs)
    punct = text[start:end]
    if punct.startswith("\n"):
        return True
    nxt = _next_word(text, end)
    if not nxt:
        return end >= len(text.rstrip())
    first = nxt[0]
    if not (first.isupper() or first.isdigit()):
        return False
    if punct[0] != ".":
        return True
    word = _word_before(text, start)
    line = text.rfind("\n", 0, start) + 1
    if word.isdigit() and len(word) <= 2 and not text[line : start - len(word)].strip():
        return False  # "  1. Cheran-Zamora road in Carapan": a numbered list's item
    bare = word.lower().rstrip(".")
    if word.count(".") >= 1 and len(word) <= 8 and all(len(p) <= 2 for p in bare.split(".")):
        # An acronym with periods (U.S., EE.UU.): a boundary only before a
        # word that usually starts a sentence ("... the U.S. The next day").
        return nxt.lower() in starters
    if bare in abbrevs:
        return False
    if len(bare) == 1 and bare.isalpha() and word[:1].isupper():
        return False  # an initial: "Andrés M. López"
    if word.upper() in acronyms and nxt.lower() not in starters:
        return False
    return True


def split_sentences(
    text: str, article_id: str = "", langs: tuple[str, ...] | None = None
) -> list[Sentence]:
    """Split ``text`` into :class:`~geo.records.Sentence` records.

    Offsets are into ``text``: ``s.text == text[s.start:s.end]``; leading and
    trailing white space is not part of a sentence.

    Examples
    --------
    >>> [s.text for s in split_sentences("The U.S. helped. Gen. Ruiz led it. It ended.")]
    ['The U.S. helped.', 'Gen. Ruiz led it.', 'It ended.']
    >>> [s.text for s in split_sentences('He said: “We are calm. We are ready.” Then he left.')]
    ['He said: “We are calm. We are ready.”', 'Then he left.']
    >>> [s.text for s in split_sentences("Hubo bloqueos.Los municipios son dos. Vía Milenio.com")]
    ['Hubo bloqueos.', 'Los municipios son dos.', 'Vía Milenio.com']
    """
    cuts = []
    depth_open = None
    for m in _CANDIDATE.finditer(text):
        start, end = m.start(), m.end()
        if depth_open is not None and start - depth_open > MAX_QUOTE_CHARS:
            depth_open = None
        # Track curly quotations opened before this point.
        seg_start = cuts[-1] if cuts else 0
        segment = text[seg_start:end]
        opened = max(segment.rfind(q) for q in _OPEN_QUOTES)
        closed = max(segment.rfind(q) for q in _CLOSE_QUOTES)
        inside = opened > closed
        if inside and not text[start:end].startswith("\n"):
            quote_start = seg_start + opened
            closes = min(
                (text.find(q, end) for q in _CLOSE_QUOTES if text.find(q, end) >= 0), default=-1
            )
            if closes >= 0 and closes - quote_start <= MAX_QUOTE_CHARS:
                continue
        if _is_boundary(text, start, end, langs):
            cut = end if not text[start:end].startswith("\n") else start
            cuts.append(cut)
    out = []
    pos = 0
    for cut in cuts + [len(text)]:
        _append(out, text, pos, cut, article_id)
        pos = cut
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, article_id: str) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(article_id, len(out), start, end, text[start:end]))
