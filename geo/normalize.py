"""Text folding shared by the gazetteer, the geocoder and the extractor.

Matching must not care about accents or case: news writes "Michoacan" and
"QUERÉTARO". Folding keeps string length where it can so that offsets found in
folded text map back to the original: each character folds to exactly one
character (accents dropped, case lowered; anything without an ASCII base is
kept as it is).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_char", "name_key", "tokens"]

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character to lower case without its accent (one char out).

    Examples
    --------
    >>> fold_char("É"), fold_char("ñ"), fold_char("’")
    ('e', 'n', "'")
    """
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFKD", ch)[:1]
    if base.isascii() and base:
        return base.lower()
    if ch in "’‘´`":
        return "'"
    if ch in "“”«»":
        return '"'
    if ch in "–—":
        return "-"
    low = ch.lower()
    return low if len(low) == 1 else ch


#: Code points below this fold through one ``str.translate`` table (C speed);
#: rarer characters (CJK, emoji) are kept as they are.
_TABLE_LIMIT = 0x3000


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    return {
        code: fold_char(chr(code))
        for code in range(_TABLE_LIMIT)
        if fold_char(chr(code)) != chr(code)
    }


def fold(text: str) -> str:
    """Fold a whole text character by character; the result has the same length.

    Examples
    --------
    >>> fold("Querétaro, MICHOACÁN")
    'queretaro, michoacan'
    """
    if text.isascii():
        return text.lower()
    return text.translate(_table())


def name_key(name: str) -> str:
    """Return the lookup key of a name: folded, punctuation dropped, spaces single.

    Examples
    --------
    >>> name_key("  León de los Aldama ")
    'leon de los aldama'
    >>> name_key("Xalapa-Enríquez")
    'xalapa enriquez'
    """
    key = _PUNCT.sub(" ", fold(name))
    return _SPACES.sub(" ", key).strip()


def tokens(name: str) -> list[str]:
    """Split a name into folded word tokens.

    Examples
    --------
    >>> tokens("Ciudad de México")
    ['ciudad', 'de', 'mexico']
    """
    return name_key(name).split()
