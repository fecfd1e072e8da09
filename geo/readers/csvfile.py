"""CSV (and tab-separated) exports: one article a row, a header row naming the fields.

The delimiter is sniffed from the header (comma, semicolon, tab); fields are
found by name as in :mod:`geo.readers.fields`. Each row's id is
``<file>#<row>`` (rows counted from 1 after the header), or ``<file>#<id>``
with an ``id`` column. A row without text is reported and the others go on.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ArticleError
from . import MAX_ARTICLE_BYTES, Columns, Document, Problems, check_binary
from .fields import document_of_record

__all__ = ["read_csv", "read_csv_lines"]


def read_csv_lines(
    lines: Iterable[str], name: str, path: str, problems: Problems, columns: Columns
) -> Iterator[Document]:
    """Documents of decoded CSV text, one per row."""
    lines = iter(lines)
    header = next(lines, "")
    if not header.strip():
        raise ArticleError(f"{path}: empty file")
    delimiter = max(",;\t", key=header.count)
    csv.field_size_limit(MAX_ARTICLE_BYTES + 1)
    reader = csv.DictReader(_chain(header, lines), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, 1):
            where = f"{path} row {number}"
            doc = document_of_record(
                {k: v for k, v in row.items() if k is not None},
                where,
                f"{name}#{number}",
                path,
                problems,
                columns,
            )
            if doc is not None:
                yield doc
    except csv.Error as exc:
        raise ArticleError(f"{path} line {reader.line_num}: not CSV ({exc})") from None


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def read_csv(path: Path, problems: Problems, columns: Columns) -> Iterator[Document]:
    """Read a CSV or TSV export; rows stream, so a large export is not held in memory."""
    with open(path, "rb") as fh:
        check_binary(fh.read(8192), str(path))
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            yield from read_csv_lines(fh, path.name, str(path), problems, columns)
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{path}: not UTF-8 (invalid byte 0x{exc.object[exc.start]:02x}); convert it with iconv"
        ) from None
