"""Merge findings from all sentences and articles into incident records.

The same incident reported by several sentences or sources becomes one
record listing every source and evidence sentence. Two findings are the same
incident when they have the same type and place and their dates overlap
(within a day). A vaguer report (state
level) joins the single finer report of the same type in that state
whose dates overlap, when another source reported that one ("a raid in
Jalisco" in one article, "an operation in Tapalpa, Jalisco" in another); when
there are several finer candidates it stays on its own, as nothing says which
one it means, and an article's own state-wide report stays beside its local
ones. Conflicting figures are kept side by side,
one :class:`~geo.records.Casualty` per source, never averaged.

:class:`Merger` is incremental: feed it one article's findings at a time and
it keeps only what the records need, not the article texts.
:class:`SpillingMerger` keeps even that on disk, for corpora whose incidents
do not fit in memory, and yields the records one partition at a time.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from .gazetteer import Gazetteer, load_gazetteer
from .incidents import Finding, evidence_of
from .records import TOWN_PRECISIONS, Casualty, Evidence, Incident, Place, precision_of
from .taxonomy import load_taxonomy

__all__ = ["Merger", "SpillingMerger", "merge_findings"]


class _Report(NamedTuple):
    """One source's report of an incident: what the record needs, nothing more."""

    article_id: str
    outlet: str | None
    lang: str | None
    article_date: date | None
    evidence: Evidence
    casualties: tuple[Casualty, ...]
    basis: str
    located_by: str
    url: str | None = None
    title: str | None = None


def _report_of(f: Finding) -> _Report:
    a = f.article
    evidence = evidence_of(f)
    url, title = getattr(a, "url", None), getattr(a, "title", None)
    if url or title:
        evidence = replace(evidence, url=url, title=title)
    return _Report(
        a.id,
        a.outlet,
        a.lang,
        a.date,
        evidence,
        tuple(f.casualties),
        f.date_basis,
        f.located_by,
        url,
        title,
    )


@dataclass(slots=True)
class _Group:
    """One incident being merged: its type, place, dates and reports.

    One small tuple per report rather than a list per field: a large corpus
    holds millions of these, most with a single report.
    """

    event_type: str
    place: Place
    start: date | None = None
    end: date | None = None
    reports: list[_Report] = field(default_factory=list)

    def _dates(self, start: date | None, end: date | None) -> None:
        if start and (self.start is None or start < self.start):
            self.start = start
        if end and (self.end is None or end > self.end):
            self.end = end

    def add(self, dates: tuple[date | None, date | None], report: _Report) -> None:
        self._dates(*dates)
        ev = report.evidence
        for r in self.reports:
            if r.evidence.article_id == ev.article_id and r.evidence.start == ev.start:
                if (
                    report.casualties
                    or report.located_by != r.located_by
                    or report.basis != r.basis
                ):
                    break  # same sentence, more to say: keep it as another report
                return
        self.reports.append(report)

    def absorb(self, other: "_Group") -> None:
        self._dates(other.start, other.end)
        for r in other.reports:
            self.reports.append(
                r._replace(located_by=f"merged from {other.place.name} ({r.located_by})")
            )

    def span(self) -> tuple[date | None, date | None]:
        return self.start, self.end

    def sources(self) -> set[str]:
        return {r.article_id for r in self.reports}


def _place_key(place: Place) -> str:
    """The place a report is merged by.

    A municipality named by its own name ("Centro", Tabasco) is the town at
    its seat (Villahermosa), so the two names of one place give one record.
    """
    return Gazetteer.seat_key(place)


def _ordered_unique(values) -> list:
    seen: set = set()
    return [v for v in values if not (v in seen or seen.add(v))]


class Merger:
    """Collect findings article by article; :meth:`incidents` gives the records."""

    def __init__(self):
        self._groups: dict[tuple[str, str], list[_Group]] = {}

    def add(self, findings: list[Finding]) -> None:
        """Add one article's findings (texts are not kept, only evidence).

        A finding joins the group of the same type and place whose dates
        overlap its own (within a day: sources disagree on "Saturday" and
        "Sunday"); the same place on other dates is another incident.
        """
        for f in findings:
            self._add(f.event_type, f.place, f.dates, _report_of(f))

    def _add(
        self, event_type: str, place: Place, dates: tuple[date | None, date | None], report: _Report
    ) -> None:
        same_place = self._groups.setdefault((event_type, _place_key(place)), [])
        probe = _reach(dates, [report])
        # Newest first: news runs roughly in date order, so a report
        # usually belongs with the latest incident at that place.
        for group in reversed(same_place):
            span = _reach(group.span(), group.reports)
            if _overlap(span, probe) or (
                report.article_id in group.sources()
                and _overlap(span, probe, SAME_ARTICLE_TOLERANCE)
            ):
                break
        else:
            group = _Group(event_type, place)
            same_place.append(group)
        group.add(dates, report)

    def __len__(self) -> int:
        """Incidents held so far (before state-level reports join finer ones)."""
        return sum(len(gs) for gs in self._groups.values())

    def incidents(self) -> list[Incident]:
        """The merged incidents, tolls first, then by type, state and place (stable).

        Hands the groups over: the merger is empty afterwards.
        """
        by_place, self._groups = self._groups, {}
        tax = load_taxonomy()
        # Finer groups by (type, state), so each state-level group only looks
        # at its own state's towns and points: linear, not quadratic.
        finer_by_state: dict[tuple[str, str], list[_Group]] = {}
        for (event_type, _), gs in by_place.items():
            p = gs[0].place
            if precision_of(p) in TOWN_PRECISIONS and p.admin1:
                finer_by_state.setdefault((event_type, p.admin1), []).extend(gs)
        for (event_type, _), gs in by_place.items():
            if precision_of(gs[0].place) != "state":
                continue  # a country-wide report is broader, not vaguer
            kept = []
            for g in gs:
                if any(r.located_by in _OWN_REACH for r in g.reports):
                    kept.append(g)  # a toll of the whole wave is not a town's report
                    continue
                # An article's own state-wide report stays beside its local
                # ones ("blockades across Jalisco" and "a blockade in
                # Zapopan"), except for flights, which are only ever suspended
                # at airports: "vuelos cancelados en Quintana Roo" is the
                # Cancún suspension told vaguely.
                finer = [
                    o
                    for o in finer_by_state.get((event_type, g.place.admin1), [])
                    if _overlap(o.span(), g.span())
                    and (tax.has(event_type, "only_local") or not g.sources() <= o.sources())
                ]
                if len(finer) == 1:
                    finer[0].absorb(g)
                else:
                    kept.append(g)
            gs[:] = kept
        # Records replace groups one by one, so both are never all held at once.
        out = []
        while by_place:
            gs = by_place.popitem()[1]
            while gs:
                out.append(_record(gs.pop()))
        # Tolls first: an ACLED event folds the toll told at its place, and
        # geo.export.acled_events holds only tolls while it streams.
        out.sort(
            key=lambda i: (
                not tax.has(i.event_type, "counts"),
                i.event_type,
                i.iso_3166_2 or "",
                i.location,
                i.event_id,
            )
        )
        return out


class SpillingMerger:
    """A :class:`Merger` that keeps the findings on disk until the end.

    For corpora whose incidents do not fit in memory. Each finding is
    appended, as a compact report, to the file of its partition: its type and
    the state its place lies in. Every merge rule stays inside a partition (the
    same place, or a state-level report and the finer ones of the same type in
    that state), so :meth:`incidents` merges one partition at a time and
    yields its records; only one partition is ever held. The records come in
    the order :meth:`Merger.incidents` gives, except that an incident whose
    state the polygon join later corrects stays where its GeoNames state put it.

    Parameters
    ----------
    directory : str or Path
        An existing, empty folder for the partition files; the caller owns it
        (a :class:`tempfile.TemporaryDirectory`, say).
    """

    def __init__(self, directory):
        self._dir = Path(directory)
        self._files: dict[tuple[str, str], object] = {}
        self._places: dict[str, Place] = {}
        self._count = 0

    def add(self, findings: list[Finding]) -> None:
        """Append one article's findings to their partitions' files."""
        for f in findings:
            key = (f.event_type, f.place.admin1 or "")
            fh = self._files.get(key)
            if fh is None:
                fh = self._files[key] = open(self._dir / f"{len(self._files):04d}.pickle", "wb")
            self._places.setdefault(f.place.id, f.place)
            pickle.dump((f.place.id, f.dates, _report_of(f)), fh, pickle.HIGHEST_PROTOCOL)
            self._count += 1

    def __len__(self) -> int:
        """Findings written so far (several may merge into one incident)."""
        return self._count

    def incidents(self) -> Iterator[Incident]:
        """Merge and yield the records, one partition at a time.

        The partition files are deleted as they are read.
        """
        files, self._files = self._files, {}
        for fh in files.values():
            fh.close()
        states = load_gazetteer().states

        tax = load_taxonomy()

        def order(key):
            event_type, admin1 = key
            return (
                not tax.has(event_type, "counts"),
                event_type,
                states[admin1].iso_3166_2 if admin1 else "",
            )

        for key in sorted(files, key=order):
            path = Path(files[key].name)
            merger = Merger()
            with open(path, "rb") as fh:
                while True:
                    try:
                        place_id, dates, report = pickle.load(fh)
                    except EOFError:
                        break
                    merger._add(key[0], self._places[place_id], dates, report)
            path.unlink()
            yield from merger.incidents()


#: How a state-wide report was placed when its reach is its own ("aftermath":
#: a toll of a whole wave of violence), so it never joins a town's report.
_OWN_REACH = frozenset({"aftermath"})

#: One article telling the same type at the same place twice within this
#: long tells one event (the Friday kidnapping, "found on Sunday"), unlike
#: two articles, whose reports a day apart may be two events.
SAME_ARTICLE_TOLERANCE = timedelta(days=7)

#: Two reports whose dates are this close may be the same incident.
DATE_TOLERANCE = timedelta(days=1)


#: A report dated only by its article's publication ("date_basis" published)
#: may tell of an event this long before it: a story published on the 26th
#: about "the ambush" is the ambush another source dates the 23rd.
PUBLISHED_REACH = timedelta(days=5)


def _reach(dates, reports) -> tuple[date | None, date | None]:
    """The dates a group or report may stand for when merging (see PUBLISHED_REACH)."""
    start, end = dates
    if start is not None and reports and all(r.basis == "published" for r in reports):
        return start - PUBLISHED_REACH, end
    return start, end


def _overlap(a, b, tolerance: timedelta = DATE_TOLERANCE) -> bool:
    if None in a or None in b:
        return True
    return a[0] - tolerance <= b[1] and b[0] - tolerance <= a[1]


def _told_once(evidence: list[Evidence]) -> list[Evidence]:
    """The evidence with a sentence an article repeats (a caption, a headline) kept once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for e in evidence:
        key = (e.article_id, " ".join(e.text.split()))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _record(g: _Group) -> Incident:
    reports = g.reports
    casualties = _ordered_unique(c for r in reports for c in r.casualties)
    acled = load_taxonomy().types[g.event_type].acled_for(casualties)
    p = g.place
    location = load_gazetteer().airport_label(p) if p.kind == "airport" else p.name
    start, end = g.span()
    digest = hashlib.sha1(f"{g.event_type}|{p.id}|{start}".encode()).hexdigest()[:10]
    bases = {r.basis for r in reports}
    basis = next((b for b in ("sentence", "article", "published") if b in bases), "published")
    evidence: dict[tuple[str, int], Evidence] = {}
    provenance: dict[str, tuple[str | None, str | None]] = {}
    for r in reports:
        evidence.setdefault((r.evidence.article_id, r.evidence.start), r.evidence)
        if r.url or r.title or r.article_id not in provenance:
            provenance[r.article_id] = (r.url, r.title)
    sources = sorted(provenance)
    return Incident(
        event_id=f"MXG-{digest}",
        event_type=g.event_type,
        event_type_acled=acled[0],
        sub_event_type=acled[1],
        location=location,
        location_kind=p.kind,
        lat=p.lat,
        lon=p.lon,
        precision=precision_of(p),
        admin1=p.admin1,
        state=p.state if p.kind != "country" else None,
        iso_3166_2=p.iso_3166_2,
        country=p.country,
        event_date=start,
        event_date_end=end,
        article_dates=sorted({r.article_date for r in reports if r.article_date}),
        sources=sources,
        outlets=sorted({r.outlet for r in reports if r.outlet}),
        evidence=_told_once([evidence[k] for k in sorted(evidence)]),
        casualties=sorted(casualties, key=lambda c: (c.source, c.outcome, c.who, c.count)),
        place_id=p.id,
        lang=sorted({r.lang for r in reports if r.lang}),
        date_basis=basis,
        located_by=sorted({r.located_by for r in reports}),
        urls=[provenance[a][0] for a in sources],
        titles=[provenance[a][1] for a in sources],
    )


def merge_findings(findings: list[Finding]) -> list[Incident]:
    """Merge a list of findings at once (see :class:`Merger`)."""
    m = Merger()
    m.add(findings)
    return m.incidents()
