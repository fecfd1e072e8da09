"""Read articles: files, folders or standard input, in the ``seeds/`` format.

An article file starts with a line `` date YYYY-MM-DD`` (the text may go on on
the same line, as in the seeds); a headline line may follow. Files must be
UTF-8 text. A file that cannot be read is reported with its name and the
others still load; a file without a date line loads with the date unknown and
a warning.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .errors import ArticleError
from .language import detect_language
from .records import Article
from .rules import load_rules

__all__ = [
    "read_articles",
    "read_article",
    "parse_article",
    "ReadReport",
    "find_outlet",
    "detect_language",
    "MAX_ARTICLE_BYTES",
]

#: Larger inputs are refused: an article is a few kilobytes, not a data dump.
MAX_ARTICLE_BYTES = 5_000_000
_DATE_LINE = re.compile(r"^\ufeff?\s*date\s+(\S+)[ \t]*")
_SUFFIXES = {".txt", ".text", ".md", ""}


@dataclass
class ReadReport:
    """What reading produced besides the articles: one line per problem."""

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


def parse_article(
    content: str,
    article_id: str,
    path: str = "-",
    report: ReadReport | None = None,
    lang: str | None = None,
) -> Article:
    """Build an :class:`Article` from the decoded content of one file."""
    report = report if report is not None else ReadReport()
    if not content.strip():
        raise ArticleError(f"{path}: empty file")
    when = None
    offset = 0
    m = _DATE_LINE.match(content)
    if m:
        try:
            when = date.fromisoformat(m.group(1))
        except ValueError:
            raise ArticleError(
                f"{path}: bad date {m.group(1)!r} on the date line (expected YYYY-MM-DD)"
            ) from None
        offset = m.end()
    else:
        report.warnings.append(f"{path}: no ' date YYYY-MM-DD' line; the date is unknown")
    text = content[offset:]
    if not text.strip():
        raise ArticleError(f"{path}: the article has no text")
    headline = None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) > 1 and len(lines[1]) < 120 and not lines[1].endswith((".", "”", '"')):
        headline = lines[1]
    code = lang or detect_language(text)
    return Article(
        id=article_id,
        path=path,
        date=when,
        text=text,
        outlet=find_outlet(text, (code,)),
        lang=code,
        headline=headline,
    )


def read_article(path: Path, report: ReadReport | None = None, lang: str | None = None) -> Article:
    """Read one article file.

    Raises
    ------
    geo.errors.ArticleError
        If the file is missing, unreadable, binary, not UTF-8, empty or huge;
        the message names the file.
    """
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: too large for an article ({size} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a directory") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_article(_decode(raw, str(path)), path.name, str(path), report, lang)


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        raise ArticleError(f"{name}: binary file, not UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{name}: not UTF-8 (invalid byte 0x{raw[exc.start]:02x} "
            f"at offset {exc.start}); convert it with iconv"
        ) from None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _expand(inputs) -> list[Path | str]:
    out: list[Path | str] = []
    for item in inputs:
        if str(item) == "-":
            out.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in _SUFFIXES
            )
            out.extend(files)
        else:
            out.append(path)
    return out


def read_articles(inputs, report: ReadReport | None = None, lang: str | None = None):
    """Yield the articles of files, folders (read recursively, sorted) and ``-``.

    Parameters
    ----------
    inputs : iterable of str or Path
        Files, folders, or ``"-"`` for standard input.
    report : ReadReport, optional
        Collects one line per unreadable file (``errors``) and per article
        without a date (``warnings``); reading goes on past both.
    lang : {"en", "es"}, optional
        Force the language instead of detecting it.

    Yields
    ------
    Article
        One per readable file, in a stable order. Articles are read lazily so
        a large corpus is never held in memory at once.
    """
    report = report if report is not None else ReadReport()
    seen: set[str] = set()
    for item in _expand(inputs):
        try:
            if item == "-":
                content = _decode(sys.stdin.buffer.read(), "<stdin>")
                yield parse_article(content, "stdin", "-", report, lang)
                continue
            article = read_article(item, report, lang)
        except ArticleError as exc:
            report.errors.append(str(exc))
            continue
        if article.id in seen:
            # Same file name in two folders: keep ids unique and stable.
            article = _with_id(article, str(item))
        seen.add(article.id)
        yield article


def _with_id(article: Article, new_id: str) -> Article:
    from dataclasses import replace

    return replace(article, id=new_id)
