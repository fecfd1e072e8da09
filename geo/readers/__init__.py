"""Input readers: one module per format, each handing on :class:`Document` records.

======================  =================================  ============================
format                  suffixes (or content that starts)  module
======================  =================================  ============================
seed / plain text       ``.txt .text .md`` and none        :mod:`geo.readers.text`
saved web page          ``.html .htm .xhtml`` (``<html``)  :mod:`geo.readers.html`
JSON Lines / JSON       ``.jsonl .ndjson .json`` (``{``)   :mod:`geo.readers.jsonl`
CSV / TSV export        ``.csv .tsv``                      :mod:`geo.readers.csvfile`
======================  =================================  ============================

A reader turns one file into documents: the text handed on (evidence
offsets are offsets into it), the publication date, URL, title and outlet
where the input says them. :mod:`geo.articles` turns documents into
:class:`~geo.records.Article` records (language, outlet from the text,
checks). A problem with the whole file raises :class:`~geo.errors.ArticleError`;
a problem with one record of an export is reported and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import ArticleError

__all__ = [
    "Document",
    "Columns",
    "MAX_ARTICLE_BYTES",
    "MAX_PAGE_BYTES",
    "MAX_EXPORT_BYTES",
    "SUFFIXES",
    "check_binary",
    "decode_text",
    "format_of",
    "read_document_file",
    "read_document_text",
]

#: A plain-text article, or one record of an export, is a few kilobytes: above
#: this it is a data dump, not an article.
MAX_ARTICLE_BYTES = 5_000_000
#: Saved pages carry scripts and styles besides the article.
MAX_PAGE_BYTES = 20_000_000
#: An export is read record by record, so only its records are limited; this
#: bounds a file so a wrong path (a disk image) fails at once.
MAX_EXPORT_BYTES = 20_000_000_000

#: Suffix (lower case) -> format name.
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    "": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}


@dataclass(frozen=True)
class Document:
    """One article as a reader hands it on.

    ``text`` is what the pipeline reads; ``date_line`` is the (start, end)
    span of ``text`` the date was read from, when it was read from the text.
    ``date_from`` names where the date came from (``date line``, ``header``,
    ``page metadata``, ``record``) or is None when the date is unknown.
    """

    id: str
    path: str
    text: str
    date: date | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    headline: str | None = None


@dataclass(frozen=True)
class Columns:
    """Field names to read from a JSON Lines or CSV export, beyond the usual ones.

    Each is tried before the common names (``text``/``content``/``body``,
    ``date``/``published``/``publishedAt``/``published_at``, ``url``/``link``,
    ``title``/``headline``, ``outlet``/``source``/``site_name``); JSON keys
    may be dotted paths (``source.name``).
    """

    text: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    id: str | None = None

    def candidates(self, part: str) -> list[str]:
        """The names to try for ``part``, the user's first."""
        from .pubdate import reader_vocab

        own = getattr(self, part)
        return ([own] if own else []) + reader_vocab()["columns"][part]


@dataclass
class Problems:
    """Where a reader puts what it skipped (``errors``) and what it doubts (``warnings``)."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


def check_size(name: str, size: int, limit: int, what: str = "an article") -> None:
    """Refuse an input over its limit, naming the limit.

    Raises
    ------
    geo.errors.ArticleError
        ``"big.txt: 10.5 MB, over the 5 MB limit for an article"``.
    """
    if size > limit:
        raise ArticleError(
            f"{name}: {size / 1_000_000:.1f} MB, over the {_mb(limit)} limit for {what}"
        )


_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip-compressed file (gunzip it first)",
    b"GIF8": "a GIF image",
}


def check_binary(raw: bytes, name: str) -> None:
    """Refuse bytes that are not text, naming the real cause (see :func:`decode_text`).

    Raises
    ------
    geo.errors.ArticleError
        For UTF-16 text, a known binary format, binary data or a NUL byte.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(
            f"{name}: UTF-16 text, not UTF-8; convert it with iconv -f UTF-16 -t UTF-8"
        )
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise ArticleError(f"{name}: {what}, not text")
    nul = raw.find(b"\x00")
    if nul >= 0:
        head = raw[:8192]
        controls = sum(1 for b in head if b < 9 or 13 < b < 32)
        if controls > max(1, len(head) // 200):
            raise ArticleError(f"{name}: binary file (NUL byte at offset {nul}), not UTF-8 text")
        line = raw.count(b"\n", 0, nul) + 1
        raise ArticleError(
            f"{name}: a NUL byte at offset {nul} (line {line}) in the text; "
            "text files have none (remove it with tr -d '\\000')"
        )


def decode_text(raw: bytes, name: str) -> str:
    r"""Decode an input's bytes as UTF-8 text, naming the real cause when it is not.

    A byte-order mark is dropped and line ends become ``\\n``. UTF-16 text
    (as some Windows tools save it), a known binary format, a NUL byte in
    otherwise good text and invalid UTF-8 each get their own message.

    Raises
    ------
    geo.errors.ArticleError
        The message names the file, the cause and, where there is one, the fix.
    """
    check_binary(raw, name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{name}: not UTF-8 (invalid byte 0x{raw[exc.start]:02x} "
            f"at offset {exc.start}); convert it with iconv"
        ) from None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def format_of(path: Path, head: bytes = b"") -> str | None:
    """The format a file is read as: from its suffix, or ``head`` when that says more.

    A ``.txt`` file that is a saved page (``<!DOCTYPE html``) is read as a
    page; standard input (no suffix) is sniffed the same way. None when the
    suffix is not one of :data:`SUFFIXES`.
    """
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt == "text":
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
        if start.startswith((b"<!doctype html", b"<html")):
            return "html"
        if start.startswith(b"{") and path.suffix == "":
            return "jsonl"
    return fmt


def _reader(fmt: str) -> Callable[..., Iterator[Document]]:
    if fmt == "html":
        from .html import read_html

        return read_html
    if fmt == "jsonl":
        from .jsonl import read_jsonl

        return read_jsonl
    if fmt == "csv":
        from .csvfile import read_csv

        return read_csv
    from .text import read_text

    return read_text


def read_document_file(
    path: Path, problems: Problems, columns: Columns | None = None
) -> Iterator[Document]:
    """Read one file as the documents it holds (one, or one per export record).

    Raises
    ------
    geo.errors.ArticleError
        If the file is missing, unreadable, of an unknown kind, over its size
        limit, binary or not UTF-8.
    """
    import stat

    name = str(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(s for s in SUFFIXES if s))
        raise ArticleError(f"{name}: not an article format ({path.suffix}); geo reads {known}")
    columns = columns or Columns()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(f"{name}: is a directory")
        if fmt in ("jsonl", "csv"):
            check_size(name, info.st_size, MAX_EXPORT_BYTES, "an export")
        else:
            limit = MAX_PAGE_BYTES if fmt == "html" else MAX_ARTICLE_BYTES
            # A .txt file may turn out to be a saved page, with the page's limit.
            check_size(name, info.st_size, MAX_PAGE_BYTES, "a saved page")
            raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read ({exc.strerror})") from None
    if fmt in ("jsonl", "csv"):
        yield from _reader(fmt)(path, problems, columns)
        return
    fmt = format_of(path, raw[:512])
    if fmt != "html":
        check_size(name, len(raw), limit)
    yield from read_document_text(decode_text(raw, name), path.name, name, fmt, problems, columns)


def read_document_text(
    content: str,
    doc_id: str,
    path: str,
    fmt: str,
    problems: Problems,
    columns: Columns | None = None,
) -> Iterator[Document]:
    """Read decoded content (a file's, or standard input's) in the given format."""
    if fmt in ("jsonl", "csv"):
        import io

        from .csvfile import read_csv_lines
        from .jsonl import read_jsonl_lines

        lines = io.StringIO(content)
        read = read_jsonl_lines if fmt == "jsonl" else read_csv_lines
        yield from read(lines, doc_id, path, problems, columns or Columns())
        return
    if fmt == "html":
        from .html import parse_html

        yield parse_html(content, doc_id, path, problems)
        return
    from .text import parse_text

    yield parse_text(content, doc_id, path, problems)
