"""Publication dates as news exports and article headers write them.

One parser for every reader: a field of a JSON Lines or CSV export
(``2026-03-02T14:05:00Z``, ``Mon, 02 Mar 2026 14:05:00 GMT``, a Unix time),
the metadata of a saved page, or the first lines of a plain-text article
(``Date: 2026-03-02``, ``March 2, 2026``, ``2 de marzo de 2026``,
``02/03/2026``). Numeric dates are read day first, as Mexican outlets write
them: ``02/03/2026`` is 2 March (``03/25/2026`` can only be month first and is
read so). The date is taken as written: a time zone does not move it to
another day. Month names live in ``geo/readers/vocab.json``.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources

from ..normalize import fold

__all__ = ["parse_date", "find_header_date"]


@lru_cache(maxsize=1)
def reader_vocab() -> dict:
    """The readers' vocabulary (``geo/readers/vocab.json``), read once."""
    return json.loads(resources.files(__package__).joinpath("vocab.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    v = reader_vocab()
    months = "|".join(sorted(v["months"], key=len, reverse=True))
    date_re = re.compile(
        r"(?<![\d/.-])(?:"
        r"(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})(?!\d)"
        r"|(?P<y4>\d{4})(?P<m4>\d{2})(?P<d4>\d{2})t\d"
        r"|(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4}|\d{2})(?![\d/])"
        rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th|o)?\.?\s+(?:de\s+)?(?P<mw3>{months})\.?,?"
        r"\s+(?:de[l]?\s+)?(?P<y3>\d{4})"
        rf"|(?P<mw5>{months})\.?\s+(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:de\s+)?(?P<y5>\d{{4}})"
        r")"
    )
    labels = "|".join(re.escape(w) for w in sorted(v["date_labels"], key=len, reverse=True))
    label_re = re.compile(rf"^\s*(?:{labels})\s*(?:on|el)?\s*[:\-–—]\s*")
    return date_re, label_re


def _build(year: str, month: str | int, day: str) -> date | None:
    y = int(year)
    if y < 100:
        y += 2000
    m = month if isinstance(month, int) else int(month)
    d = int(day)
    if m > 12 and d <= 12:  # only month first makes sense: 03/25/2026
        m, d = d, m
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_match(m: re.Match) -> date | None:
    months = reader_vocab()["months"]
    if m.group("y1"):
        return _build(m.group("y1"), m.group("m1"), m.group("d1"))
    if m.group("y4"):
        return _build(m.group("y4"), m.group("m4"), m.group("d4"))
    if m.group("y2"):
        return _build(m.group("y2"), m.group("m2"), m.group("d2"))
    if m.group("y3"):
        return _build(m.group("y3"), months[m.group("mw3")], m.group("d3"))
    return _build(m.group("y5"), months[m.group("mw5")], m.group("d5"))


def parse_date(value) -> date | None:
    """Read a publication date from an export's field; None when there is none.

    Parameters
    ----------
    value : str, int, float or None
        The field as the export gives it: ISO 8601 with or without a time,
        RFC 2822 (RSS), a GDELT ``20260302T140500Z``, words in English or
        Spanish, a day-first numeric date, or a Unix time in seconds or
        milliseconds.

    Returns
    -------
    datetime.date or None

    Examples
    --------
    >>> parse_date("2026-03-02T14:05:00Z")
    datetime.date(2026, 3, 2)
    >>> parse_date("Mon, 02 Mar 2026 14:05:00 GMT")
    datetime.date(2026, 3, 2)
    >>> parse_date("02/03/2026")
    datetime.date(2026, 3, 2)
    >>> parse_date("2 de marzo de 2026")
    datetime.date(2026, 3, 2)
    >>> parse_date("no date here") is None
    True
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = fold(str(value).strip())
    if text.isdigit() and len(text) >= 9:
        return parse_date(int(text))
    date_re, _ = _patterns()
    m = date_re.search(text)
    return _from_match(m) if m else None


def find_header_date(text: str, lines: int | None = None) -> tuple[date, int, int] | None:
    r"""Find the publication date in the first lines of a plain-text article.

    A line that starts with a date label (``Date:``, ``Published:``,
    ``Fecha:``, ``Publicado:``) wins; otherwise the first date of the first
    lines counts (a byline's "March 2, 2026", a dateline's "2 de marzo de
    2026"). Dates later in the text are events, not the publication, and are
    left to :mod:`geo.when`.

    Parameters
    ----------
    text : str
        The article's text.
    lines : int, optional
        Non-blank lines to search (default ``first_lines`` in the vocabulary).

    Returns
    -------
    (datetime.date, int, int) or None
        The date and the start and end offsets of the line holding it.

    Examples
    --------
    >>> find_header_date("Balacera en Celaya\nFecha: 02/03/2026\nHombres armados...")[0]
    datetime.date(2026, 3, 2)
    """
    limit = lines or reader_vocab()["first_lines"]
    date_re, label_re = _patterns()
    first = None
    pos = 0
    seen = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > limit:
            break
        folded = fold(line)
        m = date_re.search(folded)
        when = _from_match(m) if m else None
        if when is None:
            continue
        if label_re.match(folded):
            return when, start, start + len(line)
        if first is None:
            first = (when, start, start + len(line))
    return first
