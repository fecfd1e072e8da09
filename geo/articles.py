"""Read articles: files, folders or standard input, in any of the readers' formats.

A folder may mix seed and plain-text articles, saved web pages, and JSON
Lines or CSV exports of news APIs (see :mod:`geo.readers`, one module per
format). Every input that cannot be read is reported with its name and the
reason, and the others still load: a file of another kind, a binary file, a
record without text. Hidden files and folders (a name starting with ``.``)
are passed over. A URL is not fetched (the tool works offline): it is
reported with how to pass a saved page. An article whose date is unknown, or
in the future, loads with a warning.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from .errors import ArticleError
from .language import detect_language
from .readers import (
    MAX_ARTICLE_BYTES,
    SUFFIXES,
    Columns,
    Document,
    decode_text,
    read_document_file,
    read_document_text,
)
from .readers.text import parse_text
from .records import Article
from .rules import load_rules

__all__ = [
    "read_articles",
    "expand_inputs",
    "read_article",
    "parse_article",
    "article_of_document",
    "ReadReport",
    "Columns",
    "find_outlet",
    "detect_language",
    "MAX_ARTICLE_BYTES",
]

_URL = re.compile(r"^(?:https?|ftp):/{1,2}", re.IGNORECASE)


@dataclass
class ReadReport:
    """What reading produced besides the articles: one line per problem.

    ``errors`` lists every input (a file, or one record of an export) that
    was skipped, with the reason; ``warnings`` what loaded with a doubt (an
    unknown or future date).
    """

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=8)
def _outlet_patterns(langs: tuple[str, ...] | None = None) -> list[re.Pattern]:
    return [re.compile(p) for p in load_rules("articles", langs).get("outlet_patterns", [])]


def find_outlet(text: str, langs: tuple[str, ...] | None = None) -> str | None:
    """Name the outlet that published an article, where the text says it.

    Looks for the phrases outlets use about themselves ("reviewed and published
    by Benzinga editors", "did not respond to Salon's request", "Con
    información de ..."); patterns live in ``articles.json`` of the language's rule pack.

    Examples
    --------
    >>> find_outlet("The Pentagon did not respond to Salon's request for comment.")
    'Salon'
    >>> find_outlet("Nothing here names an outlet.") is None
    True
    """
    for pattern in _outlet_patterns(langs):
        m = pattern.search(text)
        if m:
            # "© 2026 Reuters. All rights reserved.": stop at the sentence's end.
            return re.split(r"\.\s", m.group("outlet"))[0].strip().rstrip(".")
    return None


def _today() -> date:
    return date.today()


def article_of_document(
    doc: Document, report: ReadReport | None = None, lang: str | None = None
) -> Article:
    """Build an :class:`Article` from what a reader handed on.

    Detects the language (unless ``lang`` forces it), takes the outlet from
    the input's metadata or else from the text (:func:`find_outlet`), and
    warns when the publication date is after today (a wrong clock, or a
    month-first date read day first).
    """
    report = report if report is not None else ReadReport()
    if not doc.text.strip():
        raise ArticleError(f"{doc.path}: the article has no text")
    if doc.date is not None and doc.date > _today():
        report.warnings.append(
            f"{doc.path}: publication date {doc.date.isoformat()} is in the future "
            f"(today is {_today().isoformat()}); check the date"
            + (" (read day first: 02/03 is 2 March)" if doc.date_from == "header" else "")
        )
    code = lang or detect_language(doc.text)
    return Article(
        id=doc.id,
        path=doc.path,
        date=doc.date,
        text=doc.text,
        outlet=doc.outlet or find_outlet(doc.text, (code,)),
        lang=code,
        headline=doc.headline,
        url=doc.url,
        title=doc.title,
    )


def parse_article(
    content: str,
    article_id: str,
    path: str = "-",
    report: ReadReport | None = None,
    lang: str | None = None,
) -> Article:
    """Build an :class:`Article` from the decoded content of one plain-text file.

    The seed format (a first line `` date YYYY-MM-DD``) or any text whose
    date is in its first lines (see :mod:`geo.readers.text`).
    """
    report = report if report is not None else ReadReport()
    return article_of_document(parse_text(content, article_id, path, report), report, lang)


def read_article(
    path: Path, report: ReadReport | None = None, lang: str | None = None, columns=None
) -> Article:
    """Read one article file (the first article of an export).

    Raises
    ------
    geo.errors.ArticleError
        If the file is missing, unreadable, binary, not UTF-8, empty, over its
        size limit or holds no article; the message names the file.
    """
    report = report if report is not None else ReadReport()
    for doc in read_document_file(Path(path), report, columns):
        return article_of_document(doc, report, lang)
    raise ArticleError(f"{path}: no article in the file")


def iter_file_articles(
    path: Path, report: ReadReport, lang: str | None = None, columns: Columns | None = None
):
    """Yield every article of one file; a problem with the file goes to ``report``."""
    try:
        for doc in read_document_file(Path(path), report, columns):
            try:
                yield article_of_document(doc, report, lang)
            except ArticleError as exc:
                report.errors.append(str(exc))
    except ArticleError as exc:
        report.errors.append(str(exc))


def url_message(item: str) -> str:
    """The one line a URL argument gets: pages are not fetched, pass a saved page."""
    return (
        f"{item}: a URL; geo works offline and does not fetch pages. Save the page "
        "(a browser's Save Page As, or curl -o page.html URL) and pass the file: "
        "geo extract page.html"
    )


#: The hidden file ``geo map`` leaves in its output folder, so that folder is
#: never read as articles.
OUTPUT_MARKER = ".geo-output"


def expand_inputs(inputs, report: ReadReport | None = None) -> list[Path | str]:
    """The files to read, in a stable order; what is passed over goes to ``report``.

    Folders are read recursively, sorted, without hidden files and folders
    and without the folders ``geo map`` wrote its outputs into (they hold an
    ``OUTPUT_MARKER`` file: "geo map . -o out" run twice does not read its
    own map); a file of a kind no reader takes is listed in
    ``report.errors``, as is a URL (pages are not fetched).
    """
    out: list[Path | str] = []
    for item in inputs:
        if str(item) == "-":
            out.append("-")
            continue
        if _URL.match(str(item)):
            if report is not None:
                report.errors.append(url_message(str(item)))
            continue
        path = Path(item)
        if path.is_dir():
            if (path / OUTPUT_MARKER).is_file():
                if report is not None:
                    report.errors.append(
                        f"{path}: a folder geo map wrote its outputs into, not articles"
                    )
                continue
            found = sorted(path.rglob("*"))
            outputs = {p.parent for p in found if p.name == OUTPUT_MARKER and p.is_file()}
            for p in found:
                rel = p.relative_to(path).parts
                if any(part.startswith(".") for part in rel) or not p.is_file():
                    continue
                if outputs and any(parent in outputs for parent in p.parents):
                    continue  # the map and layers of an earlier run
                if p.suffix.lower() in SUFFIXES:
                    out.append(p)
                elif report is not None:
                    known = " ".join(sorted(x for x in SUFFIXES if x))
                    report.errors.append(
                        f"{p}: not an article format ({p.suffix}); geo reads {known}"
                    )
        else:
            out.append(path)
    return out


def read_articles(
    inputs,
    report: ReadReport | None = None,
    lang: str | None = None,
    columns: Columns | None = None,
):
    """Yield the articles of files, folders (read recursively, sorted) and ``-``.

    Parameters
    ----------
    inputs : iterable of str or Path
        Files, folders, or ``"-"`` for standard input (sniffed: a page, JSON
        Lines, or text). A URL is reported, not fetched.
    report : ReadReport, optional
        Collects one line per skipped input (``errors``: a file, or one
        record of an export) and per doubtful article (``warnings``: unknown
        or future date); reading goes on past both.
    lang : {"en", "es"}, optional
        Force the language instead of detecting it.
    columns : Columns, optional
        Field names of JSON Lines and CSV exports beyond the usual ones.

    Yields
    ------
    Article
        One per article, in a stable order. Articles are read lazily so a
        large corpus (or export) is never held in memory at once.
    """
    report = report if report is not None else ReadReport()
    seen: set[str] = set()
    for item in expand_inputs(inputs, report):
        if item == "-":
            articles = _stdin_articles(report, lang, columns)
        else:
            articles = iter_file_articles(item, report, lang, columns)
        for article in articles:
            if article.id in seen:
                # Same file name in two folders: keep ids unique and stable.
                article = replace(article, id=f"{Path(article.path)}{_suffix(article.id)}")
            seen.add(article.id)
            yield article


def _suffix(article_id: str) -> str:
    return article_id[article_id.index("#") :] if "#" in article_id else ""


def _stdin_articles(report: ReadReport, lang, columns):
    from .readers import format_of

    try:
        raw = sys.stdin.buffer.read()
        content = decode_text(raw, "<stdin>")
        fmt = format_of(Path("stdin"), raw[:512]) or "text"
        for doc in read_document_text(content, "stdin", "-", fmt, report, columns):
            yield article_of_document(doc, report, lang)
    except ArticleError as exc:
        report.errors.append(str(exc))
