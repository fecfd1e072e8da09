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
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from .gazetteer import load_gazetteer
from .incidents import Finding, evidence_of, incident_vocab, precision_of
from .records import Casualty, Evidence, Incident, Place

__all__ = ["Merger", "merge_findings"]

_ORDER = {"point": 0, "town": 1, "state": 2, "country": 3}


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

    def add(self, f: Finding) -> None:
        self._dates(*f.dates)
        ev = evidence_of(f)
        for r in self.reports:
            if r.evidence.article_id == ev.article_id and r.evidence.start == ev.start:
                if f.casualties or f.located_by != r.located_by or f.date_basis != r.basis:
                    break  # same sentence, more to say: keep it as another report
                return
        a = f.article
        self.reports.append(_Report(a.id, a.outlet, a.lang, a.date, ev, tuple(f.casualties),
                                    f.date_basis, f.located_by))

    def absorb(self, other: "_Group") -> None:
        self._dates(other.start, other.end)
        for r in other.reports:
            self.reports.append(r._replace(
                located_by=f"merged from {other.place.name} ({r.located_by})"))

    def span(self) -> tuple[date | None, date | None]:
        return self.start, self.end

    def sources(self) -> set[str]:
        return {r.article_id for r in self.reports}


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
            same_place = self._groups.setdefault((f.event_type, f.place.id), [])
            # Newest first: news runs roughly in date order, so a report
            # usually belongs with the latest incident at that place.
            for group in reversed(same_place):
                if _overlap(group.span(), f.dates):
                    break
            else:
                group = _Group(f.event_type, f.place)
                same_place.append(group)
            group.add(f)

    def __len__(self) -> int:
        """Incidents held so far (before state-level reports join finer ones)."""
        return sum(len(gs) for gs in self._groups.values())

    def incidents(self) -> list[Incident]:
        """The merged incidents, sorted by type, state and place (stable).

        Hands the groups over: the merger is empty afterwards.
        """
        by_place, self._groups = self._groups, {}
        # Finer groups by (type, state), so each state-level group only looks
        # at its own state's towns and points: linear, not quadratic.
        finer_by_state: dict[tuple[str, str], list[_Group]] = {}
        for (event_type, _), gs in by_place.items():
            p = gs[0].place
            if precision_of(p) in ("point", "town") and p.admin1:
                finer_by_state.setdefault((event_type, p.admin1), []).extend(gs)
        for (event_type, _), gs in by_place.items():
            if precision_of(gs[0].place) != "state":
                continue  # a country-wide report is broader, not vaguer
            kept = []
            for g in gs:
                # An article's own state-wide report stays beside its local
                # ones ("blockades across Jalisco" and "a blockade in
                # Zapopan"), except for flights, which are only ever suspended
                # at airports: "vuelos cancelados en Quintana Roo" is the
                # Cancún suspension told vaguely.
                finer = [o for o in finer_by_state.get((event_type, g.place.admin1), [])
                         if _overlap(o.span(), g.span())
                         and (event_type == "flight_suspension"
                              or not g.sources() <= o.sources())]
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
        out.sort(key=lambda i: (i.event_type, i.iso_3166_2 or "", i.location, i.event_id))
        return out


#: Two reports whose dates are this close may be the same incident.
DATE_TOLERANCE = timedelta(days=1)


def _overlap(a, b) -> bool:
    if None in a or None in b:
        return True
    return a[0] - DATE_TOLERANCE <= b[1] and b[0] - DATE_TOLERANCE <= a[1]


def _record(g: _Group) -> Incident:
    vocab = incident_vocab()
    reports = g.reports
    casualties = _ordered_unique(c for r in reports for c in r.casualties)
    if g.event_type == "casualties":
        spec = vocab["casualties"]
        civilians = any(c.who == "civilians" for c in casualties)
        acled = spec["acled_civilians"] if civilians else spec["acled"]
    else:
        acled = vocab["types"][g.event_type]["acled"]
    p = g.place
    location = load_gazetteer().airport_label(p) if p.kind == "airport" else p.name
    start, end = g.span()
    digest = hashlib.sha1(f"{g.event_type}|{p.id}|{start}".encode()).hexdigest()[:10]
    bases = {r.basis for r in reports}
    basis = next((b for b in ("sentence", "article", "published") if b in bases), "published")
    evidence: dict[tuple[str, int], Evidence] = {}
    for r in reports:
        evidence.setdefault((r.evidence.article_id, r.evidence.start), r.evidence)
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
        sources=sorted({r.article_id for r in reports}),
        outlets=sorted({r.outlet for r in reports if r.outlet}),
        evidence=[evidence[k] for k in sorted(evidence)],
        casualties=sorted(casualties, key=lambda c: (c.source, c.outcome, c.who, c.count)),
        place_id=p.id,
        lang=sorted({r.lang for r in reports if r.lang}),
        date_basis=basis,
        located_by=sorted({r.located_by for r in reports}),
    )


def merge_findings(findings: list[Finding]) -> list[Incident]:
    """Merge a list of findings at once (see :class:`Merger`)."""
    m = Merger()
    m.add(findings)
    return m.incidents()
