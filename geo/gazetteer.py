"""The gazetteer: Mexico's places, states, airports and nearby countries.

Loads the committed files in ``data/`` (see ``data/README.md``) into
:class:`~geo.records.Place` records and a name index keyed by
:func:`geo.normalize.name_key`. Loading takes a fraction of a second and is
done once per process (:func:`load_gazetteer` is cached).

Everything the geocoder and the extractor know about particular places comes
from here; no place names live in code.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .collector import collector_paused
from .errors import DataError
from .normalize import name_key
from .records import Place
from .weights import ALTERNATE_NAME_RANK, KIND_IMPORTANCE, OWN_NAME_RANK

__all__ = ["Gazetteer", "NameEntry", "data_dir", "load_gazetteer", "CITY_POPULATION"]

#: Places with at least this many people are ``city``, the rest ``town``.
CITY_POPULATION = 100_000


def data_dir() -> Path:
    """Return the reference-data folder: ``$GEO_DATA_DIR`` or the packaged ``geo.data``.

    The checkout's top-level ``data/`` is installed as the package ``geo.data``
    (see ``pyproject.toml``), so an editable install reads the checkout and a
    wheel reads its own copy. ``$GEO_DATA_DIR`` points at a rebuilt data set.
    """
    env = os.environ.get("GEO_DATA_DIR")
    if env:
        return Path(env)
    return _packaged_data()


@lru_cache(maxsize=1)
def _packaged_data() -> Path:
    """The installed ``geo.data`` folder (asked of importlib once: it is slow)."""
    return Path(str(resources.files("geo.data")))


class NameEntry(NamedTuple):
    """One name of one place in the index.

    ``primary`` tells whether it is the place's own name (or a state's official
    or ISO name) rather than an alternate name; ``case_sensitive`` marks short
    codes and abbreviations (``CDMX``, ``US``, ``Jal.``) that only count when
    written exactly so.
    """

    place: int
    name: str
    primary: bool
    case_sensitive: bool = False

    # A named tuple, not a dataclass: tens of thousands are made at load time.


def _case_sensitive(alias: str) -> bool:
    if not (alias.isupper() or "." in alias):
        return False
    return sum(c.isalpha() for c in alias) <= 4


#: Honorific titles that open official names ("Heroica Matamoros", "Heroica
#: Ciudad de Juchitán"): the rest of the name is the town's own name too.
_HONORIFICS = ("heroica ", "heroico ")


#: The "de" between a person's given names and surname in a municipality's
#: name, often dropped in the news.
_PARTICLE_NAME = re.compile(
    r"^([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+ [A-ZÁÉÍÓÚÑ][a-záéíóúñ]+) de ([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)$"
)


#: An inner "el" of a place's name, as folded keys and labels give it.
_INNER_EL = re.compile(r"(?<=\w) el (?=\w)")
_INNER_EL_LABEL = re.compile(r"(?<=\w) el (?=([A-ZÁÉÍÓÚÑ]\w+))")


class Gazetteer:
    """All places, with a name index and lookups by state.

    Parameters
    ----------
    directory : pathlib.Path, optional
        Folder holding the reference data; defaults to :func:`data_dir`.

    Attributes
    ----------
    places : list of Place
        Countries, foreign regions and cities (``foreign.json``), Mexican
        states, airports, then Mexican GeoNames places.
    index : dict of str to list of NameEntry
        Folded name key to every place carrying that name.
    states : dict of str to Place
        State places by GeoNames admin1 code.
    capitals : dict of str to Place
        Each state's capital city, by the state's admin1 code.
    """

    def __init__(self, directory: Path | None = None):
        self.directory = Path(directory) if directory else data_dir()
        self.places: list[Place] = []
        self.index: dict[str, list[NameEntry]] = {}
        self.states: dict[str, Place] = {}
        self.states_by_iso: dict[str, Place] = {}
        self.airports: list[int] = []
        self.airports_by_code: dict[str, int] = {}
        self._airport_city: dict[int, str] = {}
        self._airport_city_name: dict[int, str] = {}
        self._airports_for: dict[str, tuple[Place, ...]] = {}
        self._airport_names: list | None = None
        self.state_geojson: dict = {}
        self.capitals: dict[str, Place] = {}
        self.by_id: dict[str, int] = {}
        #: Towns whose point lies in another state's polygon than GeoNames says.
        self.polygon_admin1: dict[str, str] = {}
        self.polygons_checked = False
        #: Every municipality (see :meth:`_load_municipalities`), in file order.
        self.municipalities: list[Place] = []
        self._municipality_by_id: dict[str, Place] | None = None
        self._seat_keys: dict[str, set[str]] | None = None
        self._settlements: dict[str, list[tuple[str, int, str]]] | None = None
        self._settlement_starts: set[str] | None = None
        try:
            with collector_paused():
                self._load()
        except (OSError, ValueError, KeyError) as exc:
            raise DataError(f"cannot load reference data from {self.directory}: {exc}") from None

    # -- loading ---------------------------------------------------------------
    def _add(
        self, place: Place, names: list[tuple[str, bool]], keys: list[str] | None = None
    ) -> int:
        idx = len(self.places)
        self.places.append(place)
        self.by_id[place.id] = idx
        seen = set()
        for n, (name, primary) in enumerate(names):
            key = keys[n] if keys is not None else name_key(name)
            if not key or key in seen:
                continue
            seen.add(key)
            self.index.setdefault(key, []).append(
                NameEntry(idx, name, primary, _case_sensitive(name))
            )
        return idx

    def _load(self) -> None:
        d = self.directory
        self.state_geojson = json.loads((d / "states.geojson").read_text(encoding="utf-8"))
        countries = json.loads((d / "countries.json").read_text(encoding="utf-8"))
        #: ISO 3166-1 alpha-2 code -> the country's English name.
        self.country_names = {c["iso"]: c["name"] for c in countries}
        for c in countries:
            place = Place(
                id=f"country:{c['iso']}",
                name=c["name"],
                kind="country",
                lat=c["lat"],
                lon=c["lon"],
                country=c["iso"],
                population=c["population"],
                code=c["iso"],
            )
            self._add(place, [(c["name"], True)] + [(a, False) for a in c["aliases"]])
        foreign = json.loads((d / "foreign.json").read_text(encoding="utf-8"))
        world = d / "world.json.gz"
        if world.exists():
            with gzip.open(world, "rt", encoding="utf-8") as fh:
                foreign += json.load(fh)
        extra = self._foreign_aliases(d)
        for f in foreign:
            place = Place(
                id=f["id"],
                name=f["name"],
                kind=f["kind"],
                lat=f["lat"],
                lon=f["lon"],
                country=f["country"],
                population=f["population"],
                code=f["code"],
            )
            aliases = f["aliases"] + extra.get(f["id"], [])
            self._add(place, [(f["name"], True)] + [(a, False) for a in aliases])
        for feat in self.state_geojson["features"]:
            p = feat["properties"]
            place = Place(
                id=f"iso:{p['iso_3166_2']}",
                name=p["name"],
                kind="state",
                lat=p["label_lat"],
                lon=p["label_lon"],
                admin1=p["admin1"],
                state=p["name"],
                iso_3166_2=p["iso_3166_2"],
                code=p["iso_3166_2"],
            )
            names = [(p["name"], True), (p["iso_name"], True)]
            names += [(a, False) for a in p["aliases"]]
            idx = self._add(place, names)
            self.states[p["admin1"]] = self.places[idx]
            self.states_by_iso[p["iso_3166_2"]] = self.places[idx]
        with (d / "airports.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                state = self.states[row["admin1"]]
                code = row["iata"] or row["icao"]
                place = Place(
                    id=f"icao:{row['icao']}",
                    name=row["name"],
                    kind="airport",
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    admin1=row["admin1"],
                    state=state.name,
                    iso_3166_2=state.iso_3166_2,
                    code=code,
                )
                idx = len(self.places)
                self.places.append(place)
                self.by_id[place.id] = idx
                self.airports.append(idx)
                self.airports_by_code[row["icao"]] = idx
                if row["iata"]:
                    self.airports_by_code[row["iata"]] = idx
                self._airport_city[idx] = name_key(row["city"])
                self._airport_city_name[idx] = row["city"]
        with gzip.open(d / "places.json.gz", "rt", encoding="utf-8") as fh:
            rows = json.load(fh)
        # The loop of _add, inlined: it runs for every place at start-up.
        places, by_id, index = self.places, self.by_id, self.index
        for gid, name, alts, lat, lon, admin1, pop, keys in rows:
            state = self.states.get(admin1)
            idx = len(places)
            place = Place(
                id=f"geonames:{gid}",
                name=name,
                kind="city" if pop >= CITY_POPULATION else "town",
                lat=lat,
                lon=lon,
                admin1=admin1,
                state=state.name if state else None,
                iso_3166_2=state.iso_3166_2 if state else None,
                population=pop,
                code=str(gid),
            )
            places.append(place)
            by_id[place.id] = idx
            seen = set()
            # "Heroica Matamoros" is Matamoros: an honorific title is part of
            # the official name, never of the name news uses.
            plain = keys[0].split(" ", 1)[1] if keys[0].startswith(_HONORIFICS) else None
            for n, key in enumerate(keys):
                if not key or key in seen:
                    continue
                seen.add(key)
                label = name if n == 0 else alts[n - 1]
                entry = NameEntry(idx, label, n == 0 or key == plain, _case_sensitive(label))
                bucket = index.get(key)
                if bucket is None:
                    index[key] = [entry]
                else:
                    bucket.append(entry)
        self._load_municipalities(d)
        self._load_regions(d)
        self._article_contractions()
        for feat in self.state_geojson["features"]:
            p = feat["properties"]
            cap = self.by_id[f"geonames:{p['capital_geonameid']}"]
            self.capitals[p["admin1"]] = self.places[cap]
        #: Folded names of Latin American and Spanish departments and
        #: provinces -> their country ("cauca" -> "CO"): a town qualified by
        #: one is abroad ("Buenos Aires, Cauca").
        subdivisions = d / "foreign_subdivisions.json"
        self.foreign_subdivisions: dict[str, str] = (
            json.loads(subdivisions.read_text(encoding="utf-8")) if subdivisions.exists() else {}
        )
        checked = d / "place_states.json"
        if checked.exists():
            self.polygon_admin1 = json.loads(checked.read_text(encoding="utf-8"))["differ"]
            self.polygons_checked = True

    def _article_contractions(self) -> None:
        """An inner "el" may be written "del": "Santiago del Pinar" is Santiago el Pinar.

        A Mexican place's name with an inner "el" before a capitalised word
        gets the "del" form as an alternate name (not primary), unless another
        place is already called so.
        """
        for key, entries in list(self.index.items()):
            if " el " not in key:
                continue
            alias = _INNER_EL.sub(" del ", key)
            if alias == key or alias in self.index:
                continue
            mx = [
                NameEntry(e.place, _INNER_EL_LABEL.sub(" del ", e.name), False, False)
                for e in entries
                if self.places[e.place].country == "MX" and _INNER_EL_LABEL.search(e.name)
            ]
            if mx:
                self.index[alias] = mx

    @staticmethod
    def _foreign_aliases(d: Path) -> dict[str, list[str]]:
        """Hand-kept names of foreign places (``foreign_aliases_curated.csv``), by id.

        The abbreviations of US states in wire datelines ("Ariz.", "Calif.")
        and their Spanish names ("Carolina del Norte"), which GeoNames lacks.
        """
        path = d / "foreign_aliases_curated.csv"
        if not path.exists():
            return {}
        with path.open(encoding="utf-8", newline="") as fh:
            return {
                row["id"]: [a for a in row["aliases"].split(";") if a.strip()]
                for row in csv.DictReader(fh)
            }

    def _load_municipalities(self, d: Path) -> None:
        """Municipalities by their own names, placed at their seats.

        Only those whose name no GeoNames place at the seat carries get an
        entry (Benito Juárez, Quintana Roo; Centro, Tabasco); all are kept in
        :attr:`municipalities` for the settlements that refer to them.
        """
        path = d / "municipalities.json.gz"
        if not path.exists():
            return
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = json.load(fh)
        for name, admin1, lat, lon, seat_gid, own in rows:
            state = self.states[admin1]
            seat = self.places[self.by_id[f"geonames:{seat_gid}"]]
            place = Place(
                id=f"municipality:{admin1}.{name_key(name).replace(' ', '-')}",
                name=name,
                kind="city" if seat.population >= CITY_POPULATION else "town",
                lat=lat,
                lon=lon,
                admin1=admin1,
                state=state.name,
                iso_3166_2=state.iso_3166_2,
                population=seat.population,
                code=str(seat_gid),
            )
            self.municipalities.append(place)
            names = [(name, True)] if own else []
            short = _TITLED_NAME.match(name)
            if short and len(short.group(1).split()) >= 2:
                # "General Heliodoro Castillo" is "Heliodoro Castillo" in the news.
                names.append((short.group(1), False))
            if own and _PARTICLE_NAME.search(name):
                # "José Joaquín de Herrera" is "José Joaquín Herrera" in the news.
                names.append((_PARTICLE_NAME.sub(r"\1 \2", name), False))
            if names:
                self._add(place, names)

    def _load_regions(self, d: Path) -> None:
        """Mexico's named regions (``regions_curated.csv``), placed at their main town.

        "Tierra Caliente", "Riviera Maya", "Los Altos de Chiapas", "la zona
        metropolitana de Guadalajara": kind ``region``, in one state each (a
        region that spans states has a row per state, and the story's state
        chooses), at the point of the GeoNames town the row names as its
        anchor. An incident there has a state's precision: ACLED's "larger
        region".
        """
        path = d / "regions_curated.csv"
        if not path.exists():
            return
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                state = self.states.get(row["admin1"])
                anchors = [
                    self.places[e.place]
                    for e in self.index.get(name_key(row["anchor"]), [])
                    if self.places[e.place].admin1 == row["admin1"]
                    and self.places[e.place].kind in ("city", "town")
                    and self.places[e.place].id.startswith("geonames:")
                ]
                if state is None or not anchors:
                    raise ValueError(
                        f"{path.name} line {n}: no GeoNames town {row['anchor']!r} in "
                        f"state {row['admin1']!r}"
                    )
                town = max(anchors, key=lambda p: p.population)
                slug = name_key(row["name"]).replace(" ", "-")
                place = Place(
                    id=f"region:MX-{row['admin1']}.{slug}",
                    name=row["name"],
                    kind="region",
                    lat=town.lat,
                    lon=town.lon,
                    admin1=row["admin1"],
                    state=state.name,
                    iso_3166_2=state.iso_3166_2,
                    code=town.code,
                )
                aliases = [a for a in row["aliases"].split(";") if a.strip()]
                self._add(place, [(row["name"], True)] + [(a, False) for a in aliases])

    def settlements(self, key: str) -> list[Place]:
        """SEPOMEX settlements (colonias, communities) of a folded name.

        Each is placed at its municipality's seat: a town's precision, not the
        settlement's own point, which SEPOMEX does not give. ``code`` holds
        the settlement's type (``Colonia``, ``Ranchería``, …) and the id says
        ``settlement:``. The table is read the first time it is asked for:
        most articles name no colonia.
        """
        if self._settlements is None:
            self._settlements = {}
            path = self.directory / "settlements.json.gz"
            if path.exists():
                with gzip.open(path, "rt", encoding="utf-8") as fh:
                    for folded, name, mun, kind in json.load(fh):
                        self._settlements.setdefault(folded, []).append((name, mun, kind))
        return [
            self.settlement_at(self.municipalities[mun], name, key, kind)
            for name, mun, kind in self._settlements.get(key, [])
        ]

    @staticmethod
    def settlement_at(anchor: Place, name: str, key: str, kind: str) -> Place:
        """A settlement of folded name ``key`` placed at ``anchor`` (its municipality or seat).

        Its id says ``settlement:`` and where it was placed; ``code`` holds its
        type (``Colonia``, ``Localidad``, …).
        """
        return Place(
            id=f"settlement:{anchor.id.split(':', 1)[-1]}/{key.replace(' ', '-')}",
            name=name,
            kind="town",
            lat=anchor.lat,
            lon=anchor.lon,
            admin1=anchor.admin1,
            state=anchor.state,
            iso_3166_2=anchor.iso_3166_2,
            population=0,
            code=kind,
        )

    @staticmethod
    def seat_key(place: Place) -> str:
        """A municipality's seat town id; any other place's own id."""
        if place.id.startswith("municipality:") and place.code:
            return f"geonames:{place.code}"
        return place.id

    def has_settlement(self, key: str) -> bool:
        """Whether some settlement has this folded name (no records built)."""
        if self._settlements is None:
            self.settlements("")
        return key in self._settlements

    def settlement_starts(self, word: str) -> bool:
        """Whether some settlement's folded name begins with this word."""
        if self._settlement_starts is None:
            self.settlements("")
            self._settlement_starts = {k.split(" ", 1)[0] for k in self._settlements}
        return word in self._settlement_starts

    def settlement_keys(self) -> set[str]:
        """Every folded settlement name (for the build's common-word list)."""
        self.settlements("")
        return set(self._settlements)

    def is_seat(self, place: Place, key: str) -> bool:
        """Whether a place is the municipality called ``key`` (a folded name) or its seat.

        "el municipio de Atenco" is San Salvador Atenco, the seat of Atenco,
        not San Mateo Atenco, the seat of another municipality.
        """
        if self._seat_keys is None:
            self._seat_keys = {}
            for m in self.municipalities:
                k = name_key(m.name)
                self._seat_keys.setdefault(f"geonames:{m.code}", set()).add(k)
                self._seat_keys.setdefault(m.id, set()).add(k)
        return key in self._seat_keys.get(place.id, ())

    @staticmethod
    def settlement_anchor_id(settlement_id: str) -> str | None:
        """The id of what a settlement is placed at: its municipality, or a town.

        "settlement:01.aguascalientes/el-riego" is SEPOMEX's, placed at its
        municipality ("municipality:01.aguascalientes"); "settlement:4019233/
        jesus-teran" is a colonia SEPOMEX lacks, placed at the town named with
        it ("geonames:4019233"). None for any other place.
        """
        if not settlement_id.startswith("settlement:"):
            return None
        anchor = settlement_id.removeprefix("settlement:").split("/", 1)[0]
        return f"geonames:{anchor}" if anchor.isdigit() else f"municipality:{anchor}"

    def municipality_of(self, settlement: Place) -> Place | None:
        """The municipality a settlement from :meth:`settlements` lies in."""
        mid = self.settlement_anchor_id(settlement.id)
        if mid is None or not mid.startswith("municipality:"):
            return None
        if self._municipality_by_id is None:
            self._municipality_by_id = {m.id: m for m in self.municipalities}
        return self._municipality_by_id.get(mid)

    def polygon_state(self, place: Place) -> str | None:
        """Admin1 code of the state polygon under a gazetteer place, if known.

        Airports and states carry their polygon's state already; towns were
        joined to the polygons when the data was built (``place_states.json``).
        None for a place the gazetteer does not hold: join it at run time.
        """
        if place.id not in self.by_id or not self.polygons_checked:
            return None
        return self.polygon_admin1.get(place.id, place.admin1)

    # -- queries ---------------------------------------------------------------
    def importance(self, place: Place) -> float:
        """Ranking weight: kind first, then log10 of population."""
        base = KIND_IMPORTANCE.get(place.kind)
        if base is not None:
            return base
        return math.log10(place.population + 1)

    def name_rank(self, place: Place, primary: bool) -> float:
        """Rank one reading of a name: importance, plus a bonus for an own or alternate name.

        The difference of one stands for a tenfold population (weights in
        :mod:`geo.weights`).

        "Guadalupe" is Guadalupe, Nuevo León (its own name) before Gustavo A.
        Madero, Mexico City (an old alternate name), though the latter is larger.
        """
        return self.importance(place) + (OWN_NAME_RANK if primary else ALTERNATE_NAME_RANK)

    def lookup(self, key: str) -> list[NameEntry]:
        """Every name entry for a folded key (see :func:`geo.normalize.name_key`)."""
        return self.index.get(key, [])

    def airports_for(self, place: Place) -> list[Place]:
        """Airports serving a place, nearest first.

        An airport serves a city when airportsdata names that city as served,
        or lies within 40 km of it in the same state. Airports named for the
        city come first, then those with an IATA code (commercial), then by
        distance.
        """
        cached = self._airports_for.get(place.id)
        if cached is not None:
            return list(cached)
        key = name_key(place.name)
        out = []
        for idx in self.airports:
            ap = self.places[idx]
            dist = haversine_km(place.lat, place.lon, ap.lat, ap.lon)
            named = self._airport_city.get(idx) == key
            if (named and dist < 80) or (dist < 40 and ap.admin1 == place.admin1):
                out.append(((not named, ap.code == ap.id.removeprefix("icao:"), dist), ap))
        out.sort(key=lambda t: (t[0], t[1].id))
        self._airports_for[place.id] = tuple(ap for _, ap in out)
        return [ap for _, ap in out]

    def airport_named(self, key: str) -> Place | None:
        """The airport whose own name holds a folded name of two or more words.

        News names airports after the people they honour ("aeropuerto Amado
        Nervo", "Benito Juárez airport"); those names are often towns too.
        """
        if " " not in key:
            return None
        if self._airport_names is None:
            self._airport_names = sorted(
                (
                    (not self.places[i].code, name_key(self.places[i].name), self.places[i].id, i)
                    for i in self.airports
                )
            )
        for _, name, _, idx in self._airport_names:
            if f" {key} " in f" {name} " and self._airport_city.get(idx) != key:
                return self.places[idx]
        return None

    def airport_by_code(self, code: str) -> Place | None:
        """The airport with this IATA or ICAO code, or None."""
        idx = self.airports_by_code.get(code.upper())
        return self.places[idx] if idx is not None else None

    def airport_city(self, place: Place) -> Place | None:
        """The city an airport serves (the largest place of that name in its state)."""
        key = self.airport_city_key(place)
        cands = [
            self.places[e.place]
            for e in self.lookup(key or "")
            if self.places[e.place].admin1 == place.admin1
            and self.places[e.place].kind in ("city", "town")
        ]
        return max(cands, key=lambda p: (p.population, p.id)) if cands else None

    def airport_label(self, place: Place) -> str:
        """A short readable name for an airport: "Guadalajara airport (GDL)"."""
        idx = self.by_id.get(place.id)
        city = self._airport_city_name.get(idx) if idx is not None else None
        return f"{city} airport ({place.code})" if city else f"{place.name} ({place.code})"

    def airport_city_key(self, place: Place) -> str | None:
        """Folded name of the city an airport serves, per airportsdata."""
        idx = self.airports_by_code.get(place.id.removeprefix("icao:"))
        return self._airport_city.get(idx) if idx is not None else None


#: A municipality named after someone by rank or title: "General Pánfilo
#: Natera", "Doctor Arroyo"; the news often leaves the title out.
_TITLED_NAME = re.compile(r"(?:General|Doctor|Dr\.|Licenciado|Ingeniero|Profesor|Coronel)\s+(.+)")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points (degrees).

    Examples
    --------
    >>> round(haversine_km(20.0, -103.0, 21.0, -103.0))
    111
    """
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@lru_cache(maxsize=4)
def load_gazetteer(directory: str | None = None) -> Gazetteer:
    """Load the gazetteer once per process (cached by folder)."""
    return Gazetteer(Path(directory) if directory else None)
