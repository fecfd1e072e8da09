"""Plain records passed between the pipeline stages.

``articles → places → incidents → join → map / export``: each stage takes and
returns these frozen dataclasses, so a stage can be tested, replaced or run in
another process on its own. Geometry only appears at the join and the outputs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "Article",
    "Sentence",
    "Place",
    "Mention",
    "Casualty",
    "Evidence",
    "Incident",
    "PRECISIONS",
    "PRECISION_ORDER",
    "TOWN_PRECISIONS",
    "Kind",
    "Match",
    "Precision",
    "Role",
    "precision_of",
]

#: What a gazetteer entry is (:attr:`Place.kind`).
Kind = Literal["country", "region", "state", "city", "town", "airport"]
#: What a named place is to its sentence (:attr:`Mention.role`; see :class:`Mention`).
Role = Literal[
    "place",
    "qualifier",
    "destination",
    "origin",
    "comparison",
    "boundary",
    "road",
    "dateline",
    "context",
    "org",
    "person",
    "name",
]
#: How a name matched its gazetteer entry (:attr:`Mention.match`).
Match = Literal["exact", "folded", "alternate", "fuzzy"]

#: How precisely an incident is placed: the place's kind, coarsened.
Precision = Literal["point", "town", "state", "country"]
#: The precisions, finest first: the one order every stage compares by.
PRECISION_ORDER: tuple[Precision, ...] = ("point", "town", "state", "country")
#: The precisions of a place at a town or finer.
TOWN_PRECISIONS: frozenset[Precision] = frozenset(PRECISION_ORDER[:2])

#: Geographic precision of an incident, finest first. ``geo_precision`` in the
#: CSV follows ACLED's codes: 1 for a point or town, 2 for part of a region,
#: 3 for a state (ACLED's "larger region") and 4, our addition, for a country.
PRECISIONS = {"point": 1, "town": 1, "state": 3, "country": 4}
#: Place ids of settlements, neighbourhoods and roads drawn at their town's
#: point: ACLED's geo_precision 2.
NEAR_TOWN_IDS = ("settlement:", "neighbourhood:", "road:")


@dataclass(frozen=True)
class Article:
    """One input article.

    ``id`` is the file name (stable across runs; ``export.jsonl#3`` for a
    record of an export); ``date`` is the article's publication date (its
    `` date YYYY-MM-DD`` line, header, page metadata or export field), or None
    when unknown. ``text`` is the text the reader handed on (after a seed's
    date marker; a page's title and main text): evidence offsets are offsets
    into ``text``. ``url`` and ``title`` are the article's address and title
    where the input gives them.
    """

    id: str
    path: str
    date: date | None
    text: str
    outlet: str | None = None
    lang: str = "en"
    headline: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: ``text == article.text[start:end]``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved gazetteer entry.

    ``kind`` is one of ``country``, ``state``, ``city``, ``town``, ``airport``
    or ``region`` (a foreign state, such as Texas).
    ``id`` is namespaced: ``geonames:4005539``, ``iso:MX-JAL``, ``icao:MMGL``,
    ``country:US``. ``admin1`` and ``iso_3166_2`` give the Mexican state the
    place lies in (None for countries other than a state's own).
    """

    id: str
    name: str
    kind: Kind
    lat: float
    lon: float
    country: str = "MX"
    admin1: str | None = None
    state: str | None = None
    iso_3166_2: str | None = None
    population: int = 0
    code: str | None = None


def precision_of(place: Place) -> Precision:
    """Geographic precision a place supports: point, town, state or country.

    Parameters
    ----------
    place : Place

    Returns
    -------
    str
        One of :data:`PRECISION_ORDER`.

    Examples
    --------
    >>> precision_of(Place("x", "Culiacán", "city", 24.8, -107.4))
    'town'
    """
    if place.kind == "region" and place.country == "MX" and place.admin1:
        # A Mexican region ("Tierra Caliente"), drawn at its main town, is
        # ACLED's "larger region", as a state is: a finer town named with
        # it is where the event happened.
        return "state"
    return _PRECISION_OF_KIND.get(place.kind, "country")


_PRECISION_OF_KIND: dict[str, Precision] = {
    "airport": "point",
    "city": "town",
    "town": "town",
    "state": "state",
}


@dataclass(frozen=True)
class Mention:
    """A span of an article that names a place.

    ``place`` is None when the span could not be resolved; ``reason`` then says why. ``match``
    says how the name matched: ``exact``, ``folded`` (accents or case differ), ``alternate`` (a
    GeoNames alternate name or short name) or ``fuzzy`` (a misspelling; ``score`` < 1). ``role``
    says what the place is to the sentence: ``place`` (where something may happen),
    ``qualifier`` (the state in "Tapalpa, Jalisco"), ``destination`` ("flown to Mexico City"),
    ``comparison`` ("airports such as Monterrey operated normally"), ``road`` ("the highway to
    Saltillo"), ``boundary`` (a state named as a border: "en los límites de Coahuila y Nuevo
    León, en Progreso"), ``dateline`` (where the story was filed: "CULIACÁN, Sin. —") or
    ``context`` (inside an agency's name: "the Jalisco prosecutor's office"). ``org``,
    ``person`` and ``name`` spans (part of an organisation's, a person's or a numbered road's
    name: "Cártel de Sinaloa", "Ricardo Guadalupe Zamora", "carretera México 15") have no place.
    Only ``place`` mentions carry incidents directly; a dateline's town is a fallback.
    """

    article_id: str
    start: int
    end: int
    text: str
    place: Place | None
    match: Match = "exact"
    score: float = 1.0
    reason: str | None = None
    role: Role = "place"


@dataclass(frozen=True)
class Casualty:
    """A count of people affected, as one source reported it.

    ``outcome`` is ``killed``, ``wounded`` or ``arrested``; ``who`` is a short
    group label such as ``cartel members``, ``soldiers``, ``National Guard``,
    ``civilians`` or ``people``; ``source`` is the article id that said it.
    ``count`` 0 means the source gave no number (ACLED records such an event
    with 0 fatalities).
    """

    outcome: str
    count: int
    who: str
    source: str
    #: The sentence of the source that gave it (its index): figures of one
    #: sentence add up, the same figure told again does not.
    sentence: int | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """The count as a reader says it: "4 cartel members killed", "1 soldier wounded".

        A count of 0 is a report that gives no number ("los agentes fueron
        asesinados"): "police killed (number not given)".
        """
        if self.count == 0:
            return f"{self.who} {self.outcome} (number not given)"
        who = _SINGULAR.get(self.who, self.who) if self.count == 1 else self.who
        return f"{self.count} {who} {self.outcome}"


#: Group labels for a count of one.
_SINGULAR = {
    "cartel members": "cartel member",
    "soldiers": "soldier",
    "civilians": "civilian",
    "people": "person",
    "police": "police officer",
}


@dataclass(frozen=True)
class Evidence:
    """The exact sentence supporting an incident, with its offsets in the article.

    ``url`` and ``title`` are the article's, where its input gave them.
    """

    article_id: str
    outlet: str | None
    start: int
    end: int
    text: str
    url: str | None = None
    title: str | None = None


@dataclass
class Incident:
    """One thing that happened somewhere, with everything that supports it.

    ``event_type`` is a type of ``data/taxonomy.json`` (``raid``,
    ``armed_clash``, ``blockade``, ``arson``, ``flight_suspension``, ...,
    ``casualties``); ``event_type_acled`` and
    ``sub_event_type`` are the nearest ACLED labels. ``precision`` is a key of
    :data:`PRECISIONS`. ``event_date`` and ``event_date_end`` bound when it
    happened (equal when the day is known); ``article_dates`` lists when it was
    reported; ``date_basis`` says what fixed the event date (``sentence``: the
    evidence itself; ``article``: the article's first date expression;
    ``published``: only the publication date). ``located_by`` says how the
    place was chosen (``sentence`` when the evidence names it, otherwise the
    fallback used). ``urls`` and ``titles`` go with ``sources``, one entry
    per source article (None where its input gave none). Coordinates are
    WGS84 degrees, named ``lat``/``lon``.
    """

    event_id: str
    event_type: str
    event_type_acled: str
    sub_event_type: str
    location: str
    location_kind: Kind
    lat: float
    lon: float
    precision: Precision
    admin1: str | None
    state: str | None
    iso_3166_2: str | None
    country: str
    event_date: date | None
    event_date_end: date | None
    article_dates: list[date] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    place_id: str | None = None
    lang: list[str] = field(default_factory=list)
    date_basis: str = "published"
    located_by: list[str] = field(default_factory=list)
    urls: list[str | None] = field(default_factory=list)
    titles: list[str | None] = field(default_factory=list)

    @property
    def geo_precision(self) -> int:
        """ACLED-style precision code (1 town/point, 2 near a town, 3 state or region, 4 country).

        A colonia, community, street or road that the gazetteer places at its
        town or municipality's seat is ACLED's 2: "part of" or near the town
        whose coordinates it takes, not at them.
        """
        if self.precision in TOWN_PRECISIONS and (self.place_id or "").startswith(NEAR_TOWN_IDS):
            return 2
        return PRECISIONS[self.precision]

    @property
    def fatalities(self) -> int | None:
        """Deaths reported, the highest total any one source gave; None if none.

        A source's total adds up its figures for distinct groups (cartel
        members, soldiers, police...), each group at its largest figure, but
        a figure for "people" is already a total ("as many as 73 people have
        died"). When that total is at least each group's figure, it is the
        total: "8 muertos" and then "ocho sicarios ... y dos mujeres" count
        the same eight, not ten. Otherwise the total is the larger of the
        two, never their sum.
        """
        # Per source and sentence, each group's figure ("seis hombres y dos
        # mujeres" add up); then per source, each group at its largest.
        told: dict[tuple, int] = {}
        people: dict[str, int] = {}
        for c in self.casualties:
            if c.outcome != "killed":
                continue
            if c.who == "people":
                people[c.source] = max(people.get(c.source, 0), c.count)
            else:
                key = (c.source, c.sentence, c.who)
                told[key] = told.get(key, 0) + c.count
        groups: dict[str, dict[str, int]] = {}
        for (source, _, who), count in told.items():
            own = groups.setdefault(source, {})
            own[who] = max(own.get(who, 0), count)
        if not groups and not people:
            return None

        def total(source: str) -> int:
            counts = groups.get(source, {})
            everyone = people.get(source, 0)
            if counts and everyone >= max(counts.values()):
                return everyone
            return max(sum(counts.values()), everyone)

        return max(total(s) for s in set(groups) | set(people))

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (dates as ISO strings), keys sorted by callers."""
        d = asdict(self)
        for key in ("event_date", "event_date_end"):
            d[key] = d[key].isoformat() if d[key] else None
        d["article_dates"] = [x.isoformat() for x in self.article_dates]
        d["geo_precision"] = self.geo_precision
        d["fatalities"] = self.fatalities
        for c in d["casualties"]:
            c.pop("sentence", None)  # a reading aid, not part of the record
        return d
