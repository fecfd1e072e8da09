"""Saved web pages: the article's main text and metadata, through trafilatura.

A page saved from a browser (or fetched by another tool) holds much that is
not the article: menus, "related" links, cookie banners, footers. Those name
places too ("Sinaloa", "Guadalajara" in a section menu), so reading them
would invent incidents. :mod:`trafilatura` is built to find the main text;
its metadata pass gives the title, the canonical URL (``<link
rel="canonical">`` or ``og:url``), the site name (``og:site_name``) and the
publication date, which is taken from the page's metadata only
(``article:published_time``, JSON-LD ``datePublished``...), never guessed
from dates in the text. The text handed on is the title, a blank line, then
the main text, paragraphs one per line: evidence offsets index that text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import ArticleError
from . import Document, Problems
from .pubdate import parse_date

__all__ = ["parse_html", "read_html"]

#: Publication dates come from the page's metadata, not from dates in its text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _extract(content: str):
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ArticleError(f"reading HTML pages needs trafilatura: pip install trafilatura ({exc})")
    return trafilatura.bare_extraction(
        content,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )


def parse_html(content: str, doc_id: str, path: str, problems: Problems) -> Document:
    """Read one saved page from its decoded HTML.

    Raises
    ------
    geo.errors.ArticleError
        If no article text can be found in the page.
    """
    doc = _extract(content)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise ArticleError(f"{path}: no article text found in the page")
    title = (doc.title or "").strip() or None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    when = parse_date(doc.date) if doc.date else None
    if when is None:
        problems.warnings.append(f"{path}: the page's metadata gives no publication date")
    url = (doc.url or "").strip() or None
    if url and not url.startswith(("http://", "https://")):
        url = None
    return Document(
        id=doc_id,
        path=path,
        text=text,
        date=when,
        url=url,
        title=title,
        outlet=(doc.sitename or "").strip() or None,
        date_from="page metadata" if when else None,
        headline=title,
    )


def read_html(path: Path, problems: Problems, columns=None) -> Iterator[Document]:
    """Read a saved page file (see :func:`geo.readers.read_document_file` for the checks)."""
    from . import decode_text

    yield parse_html(decode_text(path.read_bytes(), str(path)), path.name, str(path), problems)
