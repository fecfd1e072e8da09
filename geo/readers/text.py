"""Plain-text articles: the seed format, or any text whose date is in its first lines.

The seed format starts with a line `` date YYYY-MM-DD`` (the text may go on
on the same line); the text handed on starts after that marker. Lines of the
same form right after it may name the article's outlet, address and title
(`` outlet El Universal``, `` url https://...``, `` title ...``). Any other
text is handed on whole, and its publication date is looked for in its first
lines (``Date: 2026-03-02``, ``Publicado: 2 de marzo de 2026``, a byline's
``March 2, 2026``, a day-first ``02/03/2026``; see :mod:`geo.readers.pubdate`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import ArticleError
from . import Document, Problems
from .pubdate import find_header_date

__all__ = ["parse_text", "read_text"]

_DATE_LINE = re.compile(r"^\ufeff?\s*date\s+(\S+)[ \t]*")
#: An optional line after the date line: " outlet NAME", " url URL", " title TEXT".
_META_LINE = re.compile(
    r"[ \t]*(?:(outlet|title)[ \t]+([^\r\n]{1,200})|(url)[ \t]+(https?://\S+)[ \t]*)\r?\n"
)

#: A date line's date cut to the month: "2025-05".
_MONTH_ONLY = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
#: The date line repeated as the text's first words, whole or cut to the
#: month (" date 2016-09 Un presunto ladrón...": the 09 is no count).
_REPEATED_DATE = re.compile(r"[ \t]*date[ \t]+\d{4}(?:-\d{2}){1,2}\b[ \t]*(?:\r?\n)?")


def parse_text(content: str, doc_id: str, path: str, problems: Problems) -> Document:
    """Read one plain-text article from its decoded content.

    Raises
    ------
    geo.errors.ArticleError
        If the content is empty, has a date line with a bad date, or has no
        text after its date line.
    """
    if not content.strip():
        raise ArticleError(f"{path}: empty file")
    m = _DATE_LINE.match(content)
    when: date | None = None
    date_from = None
    if m:
        try:
            when = date.fromisoformat(m.group(1))
            date_from = "date line"
        except ValueError:
            if not _MONTH_ONLY.fullmatch(m.group(1)):
                raise ArticleError(
                    f"{path}: bad date {m.group(1)!r} on the date line (expected YYYY-MM-DD)"
                ) from None
            # " date 2025-05", as some pages give it: read like an article
            # with no date line, with a warning that says why.
            problems.warnings.append(
                f"{path}: the date line gives only a month ({m.group(1)!r}, expected "
                "YYYY-MM-DD); the date is unknown"
            )
        text = content[m.end() :]
        # Optional lines right after it, in the same form: " outlet El
        # Universal", " url https://...", " title ...".
        meta: dict[str, str] = {}
        if text.startswith(("\n", "\r\n")):
            rest = text.lstrip("\r\n")
            while (field := _META_LINE.match(rest)) is not None:
                key = field.group(1) or field.group(3)
                meta.setdefault(key, (field.group(2) or field.group(4)).strip())
                rest = rest[field.end() :]
            # The date line again at the top of the text, the lead after it
            # (" date 2024-04-19 MEXICO CITY (AP) - ..."): a copy of the
            # header some pages carry, not the story's words.
            again = _REPEATED_DATE.match(rest)
            if again is not None:
                rest = rest[again.end() :]
            if meta or again is not None:
                text = "\n" + rest
        if not text.strip():
            raise ArticleError(f"{path}: the article has no text")
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        # The seed format: the lead runs on from the date line, a headline
        # follows; a date line of its own has the headline right under it.
        lead_on_date_line = not text.startswith(("\n", "\r\n"))
        first = 1 if lead_on_date_line else 0
        candidate = lines[first] if len(lines) > first + 1 else None
    else:
        text = content
        found = find_header_date(text)
        skip = ""
        if found:
            when, date_from = found[0], "header"
            skip = text[found[1] : found[2]].strip()
        else:
            problems.warnings.append(
                f"{path}: no date line (' date YYYY-MM-DD', 'Date: ...') or date in the "
                "first lines; the date is unknown"
            )
        lines = [ln.strip() for ln in text.splitlines() if ln.strip() and ln.strip() != skip]
        candidate = lines[0] if len(lines) > 1 else None
    headline = None
    if candidate and len(candidate) < 120 and not candidate.endswith((".", "”", '"')):
        headline = candidate
    meta = meta if m else {}
    return Document(
        id=doc_id,
        path=path,
        text=text,
        date=when,
        title=meta.get("title") or headline,
        date_from=date_from,
        headline=headline,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
    )


def read_text(path: Path, problems: Problems, columns=None) -> Iterator[Document]:
    """Read a text file (see :func:`geo.readers.read_document_file` for the checks)."""
    from . import decode_text

    yield parse_text(decode_text(path.read_bytes(), str(path)), path.name, str(path), problems)
