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

from .gazetteer import load_gazetteer
from .incidents import Finding, evidence_of, incident_vocab, precision_of
from .records import Casualty, Evidence, Incident, Place

__all__ = ["Merger", "merge_findings"]

_ORDER = {"point": 0, "town": 1, "state": 2, "country": 3}


def _add_new(items: list, value) -> None:
    if value not in items:
        items.append(value)


@dataclass(slots=True)
class _Group:
    """One incident being merged.

    Small lists, not sets: a large corpus holds millions of these, most with
    a single source.
    """

    event_type: str
    place: Place
    start: date | None = None
    end: date | None = None
    article_dates: list[date] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    located_by: list[str] = field(default_factory=list)

    def _dates(self, start: date | None, end: date | None) -> None:
        if start and (self.start is None or start < self.start):
            self.start = start
        if end and (self.end is None or end > self.end):
            self.end = end

    def add(self, f: Finding) -> None:
        self._dates(*f.dates)
        if f.article.date:
            _add_new(self.article_dates, f.article.date)
        _add_new(self.sources, f.article.id)
        if f.article.outlet:
            _add_new(self.outlets, f.article.outlet)
        _add_new(self.langs, f.article.lang)
        ev = evidence_of(f)
        if not any(e.article_id == ev.article_id and e.start == ev.start for e in self.evidence):
            self.evidence.append(ev)
        for c in f.casualties:
            _add_new(self.casualties, c)
        _add_new(self.bases, f.date_basis)
        _add_new(self.located_by, f.located_by)

    def absorb(self, other: "_Group") -> None:
        self._dates(other.start, other.end)
        for mine, theirs in ((self.article_dates, other.article_dates),
                             (self.sources, other.sources), (self.outlets, other.outlets),
                             (self.langs, other.langs), (self.casualties, other.casualties),
                             (self.bases, other.bases)):
            for value in theirs:
                _add_new(mine, value)
        for ev in other.evidence:
            if not any(e.article_id == ev.article_id and e.start == ev.start
                       for e in self.evidence):
                self.evidence.append(ev)
        for x in other.located_by:
            _add_new(self.located_by, f"merged from {other.place.name} ({x})")

    def span(self) -> tuple[date | None, date | None]:
        return self.start, self.end


class Merger:
    """Collect findings article by article; :meth:`incidents` gives the records."""

    def __init__(self):
        self._groups: dict[tuple[str, str, int], _Group] = {}
        self._count: dict[tuple[str, str], int] = {}

    def add(self, findings: list[Finding]) -> None:
        """Add one article's findings (texts are not kept, only evidence).

        A finding joins the group of the same type and place whose dates
        overlap its own (within a day: sources disagree on "Saturday" and
        "Sunday"); the same place on other dates is another incident.
        """
        for f in findings:
            base = (f.event_type, f.place.id)
            group = None
            # Newest first: news runs roughly in date order, so a report
            # usually belongs with the latest incident at that place.
            for n in reversed(range(self._count.get(base, 0))):
                g = self._groups[(*base, n)]
                if _overlap(g.span(), f.dates):
                    group = g
                    break
            if group is None:
                n = self._count.get(base, 0)
                self._count[base] = n + 1
                group = self._groups[(*base, n)] = _Group(f.event_type, f.place)
            group.add(f)

    def incidents(self) -> list[Incident]:
        """The merged incidents, sorted by type, state and place (stable).

        Hands the groups over: the merger is empty afterwards.
        """
        groups = self._groups
        # Finer groups by (type, state), so each state-level group only looks
        # at its own state's towns and points: linear, not quadratic.
        finer_by_state: dict[tuple[str, str], list] = {}
        for key, o in groups.items():
            if precision_of(o.place) in ("point", "town") and o.place.admin1:
                finer_by_state.setdefault((o.event_type, o.place.admin1), []).append(key)
        for key in list(groups):
            g = groups[key]
            if precision_of(g.place) != "state":
                continue  # a country-wide report is broader, not vaguer
            # An article's own state-wide report stays beside its local ones
            # ("blockades across Jalisco" and "a blockade in Zapopan"), except
            # for flights, which are only ever suspended at airports: "vuelos
            # cancelados en Quintana Roo" is the Cancún suspension told vaguely.
            finer = [k for k in finer_by_state.get((g.event_type, g.place.admin1), [])
                     if _overlap(groups[k].span(), g.span())
                     and (g.event_type == "flight_suspension"
                          or not set(g.sources) <= set(groups[k].sources))]
            if len(finer) == 1:
                groups[finer[0]].absorb(g)
                del groups[key]
        # Records replace groups one by one, so both are never all held at once.
        self._groups, self._count = {}, {}
        out = []
        while groups:
            out.append(_record(groups.popitem()[1]))
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
    if g.event_type == "casualties":
        spec = vocab["casualties"]
        civilians = any(c.who == "civilians" for c in g.casualties)
        acled = spec["acled_civilians"] if civilians else spec["acled"]
    else:
        acled = vocab["types"][g.event_type]["acled"]
    p = g.place
    location = load_gazetteer().airport_label(p) if p.kind == "airport" else p.name
    start, end = g.span()
    digest = hashlib.sha1(f"{g.event_type}|{p.id}|{start}".encode()).hexdigest()[:10]
    basis = next((b for b in ("sentence", "article", "published") if b in g.bases), "published")
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
        article_dates=sorted(g.article_dates),
        sources=sorted(g.sources),
        outlets=sorted(g.outlets),
        evidence=sorted(g.evidence, key=lambda e: (e.article_id, e.start)),
        casualties=sorted(g.casualties, key=lambda c: (c.source, c.outcome, c.who, c.count)),
        place_id=p.id,
        lang=sorted(g.langs),
        date_basis=basis,
        located_by=sorted(g.located_by),
    )


def merge_findings(findings: list[Finding]) -> list[Incident]:
    """Merge a list of findings at once (see :class:`Merger`)."""
    m = Merger()
    m.add(findings)
    return m.incidents()
