"""Fix when an event happened from the words around it and the article's date.

"On Sunday" in an article dated Monday 23 February is Sunday 22 February:
the latest such weekday on or before the article date (news reports the past).
"Yesterday" is the day before, "last night" the day before or the same day,
"last month" the whole previous calendar month, "two weeks ago" / "hace dos
semanas" the week around that day, "since February 1" the days
from then to the article's date, and an explicit "February
22" / "22 de febrero" is that day in the article's year (or the year before,
if that day would fall after the article). Every result is a range
``(start, end)``; a known day has ``start == end``. The vocabulary is in
``dates.json`` of the language's rule pack.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from .normalize import fold
from .rules import load_rules

__all__ = ["event_dates", "date_matches", "DateRange"]

_SINCE = re.compile(r"\b(?:since|desde)(?:\s+(?:last|the|el pasado|el|este))?\s+$")

DateRange = tuple[date, date]


@lru_cache(maxsize=8)
def _vocab(langs: tuple[str, ...] | None = None):
    v = load_rules("dates", langs)
    words = "|".join(sorted(v["weekdays"], key=len, reverse=True))
    months = "|".join(sorted(v["months"], key=len, reverse=True))
    rel = "|".join(re.escape(k) for k in sorted(v["relative_days"], key=len, reverse=True))
    per = "|".join(re.escape(k) for k in sorted(v["relative_periods"], key=len, reverse=True))
    # The word boundary is tested once, before the alternatives (much faster).
    nums = "|".join(re.escape(k) for k in sorted(v["ago_numbers"], key=len, reverse=True))
    units = "|".join(sorted(v["ago_units"], key=len, reverse=True))
    before = "|".join(re.escape(k) for k in sorted(v["ago_before"], key=len, reverse=True))
    after = "|".join(re.escape(k) for k in sorted(v["ago_after"], key=len, reverse=True))
    # A bare month or year needs a word before it ("in October", "en 2019"):
    # "March" alone may be a verb, "mar" the sea. Abbreviations never count.
    long_months = "|".join(sorted((m for m in v["months"] if len(m) > 3), key=len, reverse=True))
    pre = "|".join(re.escape(k) for k in sorted(v["period_before"], key=len, reverse=True))
    pre, long_months = pre or "(?!)", long_months or "(?!)"
    period = (
        rf"|(?P<mo>(?P<p3>{pre})\s+(?P<m3>{long_months})"
        rf"(?:,?\s+(?:of\s+|de\s+|del\s+)?(?P<y3>(?:19|20)\d\d))?\b(?!\.?\s+\d))"
        rf"|(?P<yr>(?P<p4>{pre})\s+(?P<y4>(?:19|20)\d\d)\b(?![.,]?\d))"
    )
    spans = "|".join(re.escape(k) for k in sorted(v["span_before"], key=len, reverse=True))
    names = "|".join(re.escape(k) for k in sorted(v["name_before"], key=len, reverse=True))
    tails = "|".join(re.escape(k) for k in sorted(v.get("name_after", []), key=len, reverse=True))
    v = dict(
        v,
        name_regex=re.compile(rf"\b(?:{names or '(?!)'})\.?\s+$"),
        name_after_regex=re.compile(rf"\s+(?:{tails or '(?!)'})\b"),
    )
    pattern = re.compile(
        rf"\b(?:(?P<md>(?P<m1>{months})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?)"
        + period
        + rf"|(?P<span>(?:{spans or '(?!)'})\s+(?P<n3>\d{{1,2}}|{nums})\s+(?P<u3>{units})\b)"
        + rf"|(?P<ago>(?:{before or '(?!)'})\s+(?P<n1>\d{{1,2}}|{nums})\s+(?P<u1>{units})\b"
        rf"|(?P<n2>\d{{1,2}}|{nums})\s+(?P<u2>{units})\s+(?:{after or '(?!)'})\b)"
        rf"|(?P<dm>(?P<d2>\d{{1,2}})\s+(?:de\s+)?(?P<m2>{months})\b"
        rf"(?:,?\s+(?:de\s+|del\s+)?(?P<y2>(?:19|20)\d\d)\b)?)"
        rf"|(?P<rel>(?:{rel})\b)"
        rf"|(?P<per>(?:{per})\b)"
        rf"|(?P<wd>(?:{words})\b))"
    )
    return v, pattern


def event_dates(
    text: str,
    published: date | None,
    folded: str | None = None,
    langs: tuple[str, ...] | None = None,
) -> list[DateRange]:
    """Every date range the text fixes, relative to the publication date.

    Parameters
    ----------
    text : str
        A sentence (or any text).
    published : datetime.date or None
        The article's date; without it, nothing can be fixed.
    folded : str, optional
        ``fold(text)``, when the caller has it already.

    Returns
    -------
    list of (date, date)
        In order of appearance; empty when the text fixes no date.

    Examples
    --------
    >>> event_dates("On Sunday, officials said", date(2026, 2, 23))
    [(datetime.date(2026, 2, 22), datetime.date(2026, 2, 22))]
    >>> event_dates("el pasado sábado", date(2026, 2, 23))
    [(datetime.date(2026, 2, 21), datetime.date(2026, 2, 21))]
    >>> event_dates("Last month, Trump said", date(2026, 2, 23))
    [(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))]
    >>> event_dates("hace tres días", date(2026, 2, 23))
    [(datetime.date(2026, 2, 20), datetime.date(2026, 2, 20))]
    """
    return [r for _, r in date_matches(fold(text) if folded is None else folded, published, langs)]


def date_matches(
    folded: str, published: date | None, langs: tuple[str, ...] | None = None
) -> list[tuple[int, DateRange]]:
    """Like :func:`event_dates` on folded text, with each match's offset."""
    if published is None:
        return []
    v, pattern = _vocab(langs)
    out = []
    matches = list(pattern.finditer(folded))
    # "este lunes 23 de febrero": the weekday whose day and month follow it.
    named_days = {
        a.end()
        for a, b in zip(matches, matches[1:])
        if a.group("wd") and (b.group("md") or b.group("dm")) and b.start() - a.end() <= 3
    }
    for m in matches:
        since = _SINCE.search(folded, max(0, m.start() - 12), m.start()) is not None
        if (m.group("md") or m.group("dm")) and (
            v["name_regex"].search(folded, max(0, m.start() - 24), m.start())
            or v["name_after_regex"].match(folded, m.end())
        ):
            continue  # "la colonia 4 de Marzo", "the 4 de Marzo neighborhood": a name
        if m.group("md") or m.group("dm"):
            month = v["months"][m.group("m1") or m.group("m2")]
            day = int(m.group("d1") or m.group("d2"))
            year = m.group("y1") or m.group("y2")
            try:
                when = date(int(year) if year else published.year, month, day)
            except ValueError:
                continue
            if when > published and year and (when - published).days > NEAR_FUTURE_DAYS:
                continue  # a stated future day ("el 5 de octubre de 2030"): a plan
            if when > published and (when - published).days > NEAR_FUTURE_DAYS:
                try:
                    when = date(published.year - 1, month, day)
                except ValueError:
                    continue
            out.append((m.start(), (when, published if since else when)))
        elif m.group("mo") or m.group("yr"):
            since = since or m.group("p3") in _SINCE_WORDS or m.group("p4") in _SINCE_WORDS
            rng = _month_or_year(v, m, published)
            if rng is not None:
                out.append((m.start(), (rng[0], published) if since else rng))
        elif m.group("span"):
            # "en los últimos dos años": from that far back to the article's date.
            n = m.group("n3")
            count = int(n) if n.isdigit() else v["ago_numbers"][n]
            unit = v["ago_units"][m.group("u3")]
            out.append((m.start(), (published - timedelta(days=count * unit), published)))
        elif m.group("ago"):
            n = m.group("n1") or m.group("n2")
            count = int(n) if n.isdigit() else v["ago_numbers"][n]
            unit = v["ago_units"][m.group("u1") or m.group("u2")]
            when = published - timedelta(days=count * unit)
            half = timedelta(days=unit // 2)
            out.append((m.start(), (when - half, min(when + half, published))))
        elif m.group("rel"):
            lo, hi = v["relative_days"][m.group("rel")]
            out.append(
                (m.start(), (published + timedelta(days=lo), published + timedelta(days=hi)))
            )
        elif m.group("per"):
            out.append((m.start(), _period(v["relative_periods"][m.group("per")], published)))
        elif m.group("wd"):
            if m.end() in named_days:
                continue  # the day and month after it say which Monday
            target = v["weekdays"][m.group("wd")]
            back = (published.weekday() - target) % 7
            when = published - timedelta(days=back)
            # "since last Monday", "desde el lunes": from that day to the article's.
            out.append((m.start(), (when, published if since else when)))
    return out


#: A day and month this many days after the article's date are a coming day the
#: article announces ("suspendió clases para este lunes 23 de febrero"), not last year's.
NEAR_FUTURE_DAYS = 7
#: Words of ``period_before`` that start a period running to the article's date.
_SINCE_WORDS = frozenset({"since", "desde"})


def _month_or_year(v: dict, m: re.Match, published: date) -> DateRange | None:
    """The range of "in October" (the last October on or before ``published``) or "en 2019"."""
    if m.group("yr"):
        year = int(m.group("y4"))
        if year > published.year:
            return None
        return date(year, 1, 1), min(date(year, 12, 31), published)
    month = v["months"][m.group("m3")]
    if m.group("y3"):
        year = int(m.group("y3"))
    else:
        year = published.year if month <= published.month else published.year - 1
    start = date(year, month, 1)
    if start > published:
        return None
    end = date(year, month, calendar.monthrange(year, month)[1])
    return start, min(end, published)


def _period(kind: str, published: date) -> DateRange:
    if kind == "previous_month":
        year, month = (
            (published.year, published.month - 1)
            if published.month > 1
            else (published.year - 1, 12)
        )
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if kind == "previous_year":
        return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
    # previous fall: September to November of the last autumn that has ended.
    year = published.year if published.month == 12 else published.year - 1
    return date(year, 9, 1), date(year, 11, 30)
