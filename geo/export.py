"""Write incidents as a terminal table, JSON or an ACLED-compatible CSV.

The CSV stacks under ACLED data: its first columns are ACLED's, in ACLED's
order, with ACLED's names, types and codes (:data:`ACLED_COLUMNS`); the
tool's own fields follow (:data:`EXTRA_COLUMNS`), the tool's type in
``incident_type``. ACLED's columns this tool cannot know (actors and their
interaction codes, ``admin3``, ``source_scale``, ``tags``; ``admin2`` where
the place does not tell its municipality) are present and empty, as ACLED
leaves an unknown field.

ACLED counts one event once, with its fatalities: a casualties record at the
same place and dates as a clash (or another violent event) is that event's
death toll, not an event of its own. Both CSV forms give the event's row
that toll as its ``fatalities`` (the larger of the two figures: they count
the same dead), with the toll's evidence in its ``notes`` and the toll's id
in ``folded_event_ids``:

- ``acled`` (``geo extract --format acled``) is one row per event, ready to
  stack under ACLED data;
- ``csv`` also keeps the toll as a row of its own (``incident_type``
  ``casualties``, as the annotation format counts a killing beside the clash
  it happened in), with ``fatalities`` 0 and ``toll_of`` naming its event, so
  fatalities still add up once; drop the rows with a ``toll_of`` to get the
  ``acled`` form.

The JSON and GeoJSON keep both records.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from .records import Incident
from .taxonomy import load_taxonomy

__all__ = [
    "ACLED_COLUMNS",
    "EXTRA_COLUMNS",
    "CSV_COLUMNS",
    "acled_events",
    "csv_rows",
    "iter_csv",
    "iter_json",
    "to_csv",
    "to_json",
    "to_table",
]

#: ACLED's columns, in ACLED's order (the export's and the API's).
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

#: The tool's own columns, after ACLED's.
EXTRA_COLUMNS = [
    "incident_type",
    "precision",
    "iso_3166_2",
    "event_date_end",
    "article_dates",
    "casualties",
    "sources",
    "urls",
    "titles",
    "located_by",
    "date_basis",
    "lang",
    "folded_event_ids",
    "toll_of",
]

CSV_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

#: ACLED's disorder type of each of its event types (ACLED codebook).
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

#: ACLED event types a death toll belongs to.
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}

#: ACLED's numeric ISO 3166-1 code of each country the records name.
_ISO_NUMERIC = {"MX": 484, "US": 840, "GT": 320, "BZ": 84, "CA": 124, "CO": 170}
_COUNTRY_NAMES = {"MX": "Mexico", "US": "United States"}
#: ACLED's region of Mexico.
_REGION = {"MX": "Central America", "US": "North America"}

#: Two date ranges this close are the same day's event (as in :mod:`geo.merge`).
_TOLERANCE = timedelta(days=1)


def _casualty_text(incident: Incident) -> str:
    return "; ".join(f"{c.text} ({c.source})" for c in incident.casualties)


def _time_precision(i: Incident) -> int | str:
    """ACLED's time_precision: 1 the day is known, 2 within a week, 3 within a month."""
    if i.event_date is None:
        return ""
    end = i.event_date_end or i.event_date
    span = (end - i.event_date).days
    if span == 0 and i.date_basis != "published":
        return 1
    return 2 if span <= 7 else 3


def _overlap(a: Incident, b: Incident) -> bool:
    if a.event_date is None or b.event_date is None:
        return a.event_date is None and b.event_date is None
    a_end, b_end = a.event_date_end or a.event_date, b.event_date_end or b.event_date
    return a.event_date - _TOLERANCE <= b_end and b.event_date - _TOLERANCE <= a_end


def _is_toll(i: Incident) -> bool:
    return load_taxonomy().has(i.event_type, "counts") and any(
        c.outcome in ("killed", "wounded") for c in i.casualties
    )


def acled_events(incidents: Iterable[Incident]) -> Iterator[tuple[Incident, list[Incident]]]:
    """Group records into ACLED events: each event with the death tolls folded into it.

    A casualties record (killed or wounded) at the same place as a violent
    event (ACLED Battles, Explosions/Remote violence, Violence against
    civilians, Riots) whose dates overlap is folded into it. Casualties
    records are held back until their event comes (the records of
    :func:`geo.pipeline.extract` and :func:`geo.pipeline.iter_incidents`
    come tolls first, then by type); one that finds no event is an event of
    its own, given after the others.

    Yields
    ------
    (Incident, list of Incident)
        The event's record and the casualties records folded into it.
    """
    waiting: dict[str | None, list[Incident]] = {}
    for i in incidents:
        if _is_toll(i):
            waiting.setdefault(i.place_id, []).append(i)
            continue
        folded = []
        if i.event_type_acled in _VIOLENT and not load_taxonomy().has(i.event_type, "counts"):
            pending = waiting.get(i.place_id, [])
            folded = [c for c in pending if _overlap(i, c)]
            if folded:
                waiting[i.place_id] = [c for c in pending if c not in folded]
        yield i, folded
    for pending in waiting.values():
        for c in pending:
            yield c, []


@lru_cache(maxsize=1)
def _municipality_names() -> dict[str, str]:
    """Municipality names by municipality id and by the GeoNames id of its seat."""
    from .gazetteer import load_gazetteer

    out = {}
    for m in load_gazetteer().municipalities:
        out[m.id] = m.name
        if m.code:
            out.setdefault(f"geonames:{m.code}", m.name)
    return out


def _admin2(i: Incident) -> str:
    """ACLED's ``admin2``, the municipality, where the place tells it.

    A municipality named as such, a settlement (placed at its municipality's
    seat: its id names the municipality) and a town that is a municipal seat
    know their municipality; any other place leaves it empty, as ACLED does.
    """
    from .gazetteer import Gazetteer

    pid = i.place_id or ""
    pid = Gazetteer.settlement_anchor_id(pid) or pid
    return _municipality_names().get(pid, "")


def _max_fatalities(records: list[Incident]) -> int:
    return max((r.fatalities or 0 for r in records), default=0)


def _timestamp(records: list[Incident]) -> int | str:
    days = [d for r in records for d in r.article_dates]
    if not days:
        return ""
    last = max(days)
    return int(datetime(last.year, last.month, last.day, tzinfo=timezone.utc).timestamp())


def _joined(values) -> str:
    return "; ".join(v for v in values if v)


def _row(i: Incident, folded: list[Incident]) -> dict:
    records = [i, *folded]
    evidence = [e for r in records for e in r.evidence]
    notes = " | ".join(f"[{e.article_id}] {e.text}" for e in evidence)
    sources: dict[str, tuple[str | None, str | None]] = {}
    for r in records:
        for k, src in enumerate(r.sources):
            url = r.urls[k] if k < len(r.urls) else None
            title = r.titles[k] if k < len(r.titles) else None
            if sources.get(src, (None, None)) == (None, None):
                sources[src] = (url, title)
    outlets = sorted({o for r in records for o in r.outlets})
    year = i.event_date.year if i.event_date else ""
    return {
        "event_id_cnty": i.event_id,
        "event_date": i.event_date.isoformat() if i.event_date else "",
        "year": year,
        "time_precision": _time_precision(i),
        "disorder_type": DISORDER_TYPES.get(i.event_type_acled, ""),
        "event_type": i.event_type_acled,
        "sub_event_type": i.sub_event_type,
        "actor1": "",
        "assoc_actor_1": "",
        "inter1": "",
        "actor2": "",
        "assoc_actor_2": "",
        "inter2": "",
        "interaction": "",
        "civilian_targeting": (
            "Civilian targeting" if i.event_type_acled == "Violence against civilians" else ""
        ),
        "iso": _ISO_NUMERIC.get(i.country, ""),
        "region": _REGION.get(i.country, ""),
        "country": _COUNTRY_NAMES.get(i.country, i.country),
        "admin1": i.state or "",
        "admin2": _admin2(i),
        "admin3": "",
        "location": i.location,
        "latitude": f"{i.lat:.5f}",
        "longitude": f"{i.lon:.5f}",
        "geo_precision": i.geo_precision,
        "source": "; ".join(outlets or sorted(sources)),
        "source_scale": "",
        "notes": notes,
        # ACLED writes 0 where no death is reported; so do we (the JSON keeps
        # null for "no figure").
        "fatalities": _max_fatalities(records),
        "tags": "",
        "timestamp": _timestamp(records),
        "incident_type": i.event_type,
        "precision": i.precision,
        "iso_3166_2": i.iso_3166_2 or "",
        "event_date_end": i.event_date_end.isoformat() if i.event_date_end else "",
        "article_dates": "; ".join(
            d.isoformat() for d in sorted({d for r in records for d in r.article_dates})
        ),
        "casualties": _joined(_casualty_text(r) for r in records),
        "sources": "; ".join(sorted(sources)),
        "urls": _joined(sources[s][0] for s in sorted(sources)),
        "titles": _joined(sources[s][1] for s in sorted(sources)),
        "located_by": "; ".join(i.located_by),
        "date_basis": i.date_basis,
        "lang": "; ".join(sorted({x for r in records for x in r.lang})),
        "folded_event_ids": "; ".join(r.event_id for r in folded),
        "toll_of": "",
    }


def _rows(incidents: Iterable[Incident], one_per_event: bool) -> Iterator[dict]:
    for i, folded in acled_events(incidents):
        yield _row(i, folded)
        if one_per_event:
            continue
        for toll in folded:
            row = _row(toll, [])
            row["fatalities"] = 0  # counted on its event's row
            row["toll_of"] = i.event_id
            yield row


def csv_rows(incidents: Iterable[Incident], one_per_event: bool = False) -> list[dict]:
    """One dict per CSV row with the :data:`CSV_COLUMNS` keys.

    ``one_per_event`` gives the ``acled`` form (a death toll folded into its
    event's row only); otherwise a folded toll also has a row of its own,
    with ``fatalities`` 0 and ``toll_of`` set (see the module docstring).
    """
    return list(_rows(incidents, one_per_event))


def to_csv(incidents: list[Incident], one_per_event: bool = False) -> str:
    """The incidents as ACLED-compatible CSV text (RFC 4180 quoting, a header row).

    Examples
    --------
    >>> to_csv([]).split(",")[:3]
    ['event_id_cnty', 'event_date', 'year']
    """
    return "".join(iter_csv(incidents, one_per_event))


def iter_csv(incidents: Iterable[Incident], one_per_event: bool = False) -> Iterator[str]:
    """:func:`to_csv` in pieces: the header, then one row per event as it comes.

    Casualties records wait for the event they belong to (see
    :func:`acled_events`), so only they are held, not the incidents.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    yield out.getvalue()
    for row in _rows(incidents, one_per_event):
        out.seek(0)
        out.truncate()
        writer.writerow(row)
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
