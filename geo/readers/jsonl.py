"""JSON Lines exports (one article object a line), and JSON arrays of such objects.

Each object is one article (see :mod:`geo.readers.fields` for the field
names); its id is ``<file>#<line>``, or ``<file>#<id>`` when the record has
an ``id``. A line that is not JSON, or an object without text, is reported
with its line number and the other lines go on. The file is read line by
line, so an export of any size streams. A ``.json`` file holding one array
is read whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ArticleError
from . import MAX_ARTICLE_BYTES, Columns, Document, Problems, decode_text
from .fields import document_of_record

__all__ = ["read_jsonl", "read_jsonl_lines"]


def read_jsonl_lines(
    lines: Iterable[str], name: str, path: str, problems: Problems, columns: Columns
) -> Iterator[Document]:
    """Documents of decoded JSON Lines (or a JSON array), one per object."""
    lines = iter(lines)
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            continue
        if number == 1 and stripped.startswith("["):
            yield from _array(stripped + "".join(lines), name, path, problems, columns)
            return
        where = f"{path} line {number}"
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError as exc:
            problems.errors.append(f"{where}: not JSON ({exc.msg} at column {exc.colno})")
            continue
        doc = document_of_record(record, where, f"{name}#{number}", path, problems, columns)
        if doc is not None:
            yield doc


def _array(content, name, path, problems, columns) -> Iterator[Document]:
    try:
        records = json.loads(content)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(records, list):
        raise ArticleError(f"{path}: a JSON file must hold one array of articles")
    for number, record in enumerate(records, 1):
        where = f"{path} item {number}"
        doc = document_of_record(record, where, f"{name}#{number}", path, problems, columns)
        if doc is not None:
            yield doc


def _decoded_lines(path: Path, problems: Problems) -> Iterator[str]:
    """The file's lines decoded one by one; a bad line is reported and read as blank."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            where = f"{path} line {number}" if number > 1 else str(path)
            try:
                if len(raw) > MAX_ARTICLE_BYTES + 100_000:
                    raise ArticleError(
                        f"{path} line {number}: over the {MAX_ARTICLE_BYTES // 1_000_000} MB "
                        "limit for an article"
                    )
                yield decode_text(raw, where)
            except ArticleError as exc:
                if number == 1:
                    raise
                problems.errors.append(str(exc))
                yield ""


def read_jsonl(path: Path, problems: Problems, columns: Columns) -> Iterator[Document]:
    """Read a JSON Lines (or JSON array) file, streaming it line by line."""
    yield from read_jsonl_lines(
        _decoded_lines(path, problems), path.name, str(path), problems, columns
    )
