"""Write incidents as a terminal table, JSON or ACLED-like CSV.

The CSV uses ACLED's column names where they exist (``event_id_cnty`` is
``event_id`` here) so analysts can load it beside ACLED data; our own
taxonomy, precision words and date ranges follow in extra columns.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Iterable, Iterator

from .records import Incident

__all__ = ["CSV_COLUMNS", "csv_rows", "iter_csv", "iter_json", "to_csv", "to_json", "to_table"]

CSV_COLUMNS = [
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "country",
    "admin1",
    "iso_3166_2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "incident_type",
    "precision",
    "event_date_end",
    "article_dates",
    "casualties",
    "sources",
    "located_by",
    "date_basis",
    "lang",
]


def _casualty_text(incident: Incident) -> str:
    return "; ".join(f"{c.text} ({c.source})" for c in incident.casualties)


def csv_rows(incidents: list[Incident]) -> list[dict]:
    """One dict per incident with the :data:`CSV_COLUMNS` keys."""
    rows = []
    for i in incidents:
        notes = " | ".join(f"[{e.article_id}] {e.text}" for e in i.evidence)
        rows.append(
            {
                "event_id": i.event_id,
                "event_date": i.event_date.isoformat() if i.event_date else "",
                "event_type": i.event_type_acled,
                "sub_event_type": i.sub_event_type,
                "country": "Mexico" if i.country == "MX" else i.country,
                "admin1": i.state or "",
                "iso_3166_2": i.iso_3166_2 or "",
                "location": i.location,
                "latitude": f"{i.lat:.5f}",
                "longitude": f"{i.lon:.5f}",
                "geo_precision": i.geo_precision,
                "source": "; ".join(i.outlets or i.sources),
                "notes": notes,
                # ACLED writes 0 where no death is reported; so do we (the JSON
                # keeps null for "no figure").
                "fatalities": i.fatalities or 0,
                "incident_type": i.event_type,
                "precision": i.precision,
                "event_date_end": i.event_date_end.isoformat() if i.event_date_end else "",
                "article_dates": "; ".join(d.isoformat() for d in i.article_dates),
                "casualties": _casualty_text(i),
                "sources": "; ".join(i.sources),
                "located_by": "; ".join(i.located_by),
                "date_basis": i.date_basis,
                "lang": "; ".join(i.lang),
            }
        )
    return rows


def to_csv(incidents: list[Incident]) -> str:
    """The incidents as CSV text (RFC 4180 quoting, a header row)."""
    return "".join(iter_csv(incidents))


def iter_csv(incidents: Iterable[Incident]) -> Iterator[str]:
    """:func:`to_csv` in pieces: the header, then one row per incident as it comes."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    yield out.getvalue()
    for incident in incidents:
        out.seek(0)
        out.truncate()
        writer.writerows(csv_rows([incident]))
        yield out.getvalue()


def to_json(incidents: list[Incident]) -> str:
    """The incidents as a JSON array of records (sorted keys, stable)."""
    return "".join(iter_json(incidents))


def iter_json(incidents: Iterable[Incident]) -> Iterator[str]:
    """:func:`to_json` in pieces, one record at a time (the same text)."""
    opened = False
    for incident in incidents:
        record = json.dumps(incident.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
        yield (",\n" if opened else "[\n") + textwrap.indent(record, "  ")
        opened = True
    yield "\n]" if opened else "[]"


def to_table(incidents: list[Incident], width: int | None = None) -> str:
    """A plain-text table a reader can check line by line against the articles."""
    width = width or shutil.get_terminal_size((200, 20)).columns
    headers = [
        "type",
        "location",
        "precision",
        "state",
        "date",
        "sources",
        "casualties",
        "evidence",
    ]
    rows = []
    for i in incidents:
        date = i.event_date.isoformat() if i.event_date else "?"
        if i.event_date_end and i.event_date_end != i.event_date:
            date += f"..{i.event_date_end.isoformat()[5:]}"
        ev = i.evidence[0].text if i.evidence else ""
        if len(i.evidence) > 1:
            ev = f"(+{len(i.evidence) - 1}) {ev}"
        rows.append(
            [
                i.event_type,
                i.location,
                i.precision,
                i.iso_3166_2 or i.country,
                date,
                ", ".join(i.outlets or i.sources),
                _casualty_cell(i),
                ev,
            ]
        )
    widths = [max([len(h)] + [len(r[k]) for r in rows]) for k, h in enumerate(headers)]
    widths[1] = min(widths[1], 38)
    widths[5] = min(widths[5], 24)
    widths[6] = min(widths[6], 44)
    used = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(60, min(widths[-1], width - used))
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths)),
        "  ".join("-" * w for w in widths),
    ]
    for r in rows:
        cells = [_cut(c, w) for c, w in zip(r, widths)]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
    return "\n".join(lines)


def _casualty_cell(incident: Incident) -> str:
    """Counts; with several sources, each says whose it is: "4 ... [a.txt]; 7 ... [b.txt]"."""
    several = len({c.source for c in incident.casualties}) > 1
    return "; ".join(c.text + (f" [{c.source}]" if several else "") for c in incident.casualties)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
