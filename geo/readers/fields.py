"""Turn one record of a news export (a JSON object or a CSV row) into a :class:`Document`.

Exports name their fields differently (NewsAPI ``publishedAt`` and
``source.name``, news-please ``maintext`` and ``date_publish``, GDELT
``seendate``, media-monitoring ``body`` and ``site_name``); the names tried,
in order, are in ``geo/readers/vocab.json``, after any the user gives
(:class:`~geo.readers.Columns`). Names match case-insensitively; a JSON
value may be reached by a dotted path (``source.name``), and a ``source``
that is an object gives its ``name``.
"""

from __future__ import annotations

from . import Columns, Document, Problems, check_size
from .pubdate import parse_date

__all__ = ["document_of_record"]


def _lookup(record: dict, name: str):
    node = record
    for part in name.split("."):
        if not isinstance(node, dict):
            return None
        if part in node:
            node = node[part]
            continue
        lowered = {str(k).lower(): k for k in node}
        key = lowered.get(part.lower())
        if key is None:
            return None
        node = node[key]
    return node


def _first(record: dict, names: list[str]):
    for name in names:
        value = _lookup(record, name)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, list):
            value = value[0] if value and isinstance(value[0], str) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return value
    return None


def document_of_record(
    record, where: str, doc_id: str, path: str, problems: Problems, columns: Columns
) -> Document | None:
    """The document of one export record, or None (reported) when it has no text.

    ``where`` names the record in messages (``export.jsonl line 3``);
    ``doc_id`` is its article id (``export.jsonl#3``, or the record's own id).
    """
    if not isinstance(record, dict):
        problems.errors.append(f"{where}: not an object with fields ({type(record).__name__})")
        return None
    text = _first(record, columns.candidates("text"))
    if not isinstance(text, str):
        tried = ", ".join(columns.candidates("text")[:4])
        problems.errors.append(
            f"{where}: no article text (looked for {tried}...; name the field with --text-column)"
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        check_size(where, len(text.encode("utf-8")), _limit())
    except Exception as exc:  # ArticleError: one record is skipped, not the file
        problems.errors.append(str(exc))
        return None
    if "\x00" in text:
        problems.errors.append(f"{where}: a NUL byte in the text; text has none")
        return None
    raw_date = _first(record, columns.candidates("date"))
    when = parse_date(raw_date)
    if when is None:
        detail = f"unreadable date {raw_date!r}" if raw_date is not None else "no date field"
        problems.warnings.append(f"{where}: {detail}; the date is unknown")
    own_id = _first(record, columns.candidates("id")) if columns.id or "id" in record else None
    url = _first(record, columns.candidates("url"))
    title = _first(record, columns.candidates("title"))
    outlet = _first(record, columns.candidates("outlet"))
    return Document(
        id=f"{doc_id.split('#')[0]}#{own_id}" if own_id is not None else doc_id,
        path=path,
        text=text,
        date=when,
        url=str(url).strip() if isinstance(url, str) and url.strip() else None,
        title=" ".join(str(title).split()) if title is not None else None,
        outlet=str(outlet).strip() if outlet is not None else None,
        date_from="record" if when else None,
        headline=" ".join(str(title).split()) if title is not None else None,
    )


def _limit() -> int:
    from . import MAX_ARTICLE_BYTES

    return MAX_ARTICLE_BYTES
