"""The offline geocoder: geopy's interface, names, typos, qualifiers, ranking."""

import random

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.errors import QueryError
from geo.gazetteer import haversine_km, load_gazetteer
from geo.geocoder import CachedGeocoder, OfflineGeocoder


@pytest.fixture(scope="module")
def offline():
    return OfflineGeocoder()


class GeocoderContract:
    """Behaviour every geocoder of this project must show (as geopy's BaseTestGeocoder)."""

    coder = None

    def test_is_a_geopy_geocoder(self):
        assert isinstance(self.coder, Geocoder)

    def test_returns_location(self):
        loc = self.coder.geocode("Tapalpa, Jalisco")
        assert isinstance(loc, Location)
        assert haversine_km(loc.latitude, loc.longitude, 19.9457, -103.7593) < 5

    def test_list_when_not_exactly_one(self):
        locs = self.coder.geocode("Guadalajara", exactly_one=False, limit=3)
        assert isinstance(locs, list) and 1 <= len(locs) <= 3
        assert all(isinstance(x, Location) for x in locs)

    def test_nothing_found_is_none(self):
        assert self.coder.geocode("Qxzqxzqxz Vvvwq") is None

    @pytest.mark.parametrize("bad", ["", "   ", "!!!", "x" * 500])
    def test_absurd_query_is_an_error(self, bad):
        with pytest.raises(QueryError):
            self.coder.geocode(bad)


class TestOfflineContract(GeocoderContract):
    coder = OfflineGeocoder()


class TestCachedContract(GeocoderContract):
    """The cache the Nominatim mode uses, around the offline geocoder (no network here)."""

    @pytest.fixture(autouse=True)
    def _coder(self, tmp_path):
        self.calls = []
        inner = OfflineGeocoder()

        def counting(query, **kw):
            self.calls.append(query)
            return inner.geocode(query, **kw)

        self.coder = CachedGeocoder(counting, tmp_path / "cache.sqlite", "test")

    def test_each_query_is_sent_once(self, tmp_path):
        first = self.coder.geocode("Culiacán")
        again = CachedGeocoder(
            lambda q, **kw: pytest.fail("asked twice"), tmp_path / "cache.sqlite", "test"
        ).geocode("Culiacán")
        assert self.calls == ["Culiacán"]
        assert (again.latitude, again.longitude) == (first.latitude, first.longitude)
        assert again.raw == first.raw


def top(coder, query):
    loc = coder.geocode(query)
    assert loc is not None, query
    return loc.raw


@pytest.mark.parametrize(
    "query,name,kind,iso",
    [
        ("Jalisco", "Jalisco", "state", "MX-JAL"),
        ("Michoacan", "Michoacán", "state", "MX-MIC"),
        ("QUERÉTARO", "Querétaro", "state", "MX-QUE"),
        ("CDMX", "Ciudad de México", "state", "MX-CMX"),
        ("Distrito Federal", "Ciudad de México", "state", "MX-CMX"),
        ("Edomex", "Estado de México", "state", "MX-MEX"),
        ("Estado de México", "Estado de México", "state", "MX-MEX"),
        ("Veracruz de Ignacio de la Llave", "Veracruz", "state", "MX-VER"),
        ("Coahuila", "Coahuila", "state", "MX-COA"),
        ("Nuevo Leon", "Nuevo León", "state", "MX-NLE"),
        ("Jalisco state", "Jalisco", "state", "MX-JAL"),
        ("estado de Sinaloa", "Sinaloa", "state", "MX-SIN"),
        ("Mexico City", "Mexico City", "city", "MX-CMX"),
        ("León", "León de los Aldama", "city", "MX-GUA"),
        ("Xalapa", "Xalapa de Enríquez", "city", "MX-VER"),
        ("Culiacan", "Culiacán", "city", "MX-SIN"),
        ("Mazatlan", "Mazatlán", "city", "MX-SIN"),
        ("Cancun", "Cancún", "city", "MX-ROO"),
        ("Reynosa", "Reynosa", "city", "MX-TAM"),
        ("Nuevo Laredo", "Nuevo Laredo", "city", "MX-TAM"),
        ("Ciudad Juarez", "Ciudad Juárez", "city", "MX-CHH"),
        ("Tijuana", "Tijuana", "city", "MX-BCN"),
        ("Uruapan", "Uruapan", "city", "MX-MIC"),
        ("Tapalpa, Jalisco", "Tapalpa", "town", "MX-JAL"),
        ("Tapalpa, Jalisco, Mexico", "Tapalpa", "town", "MX-JAL"),
        ("Guadalajara Jalisco", "Guadalajara", "city", "MX-JAL"),
        ("Durango, Durango", "Victoria de Durango", "city", "MX-DUR"),
        ("Durango city", "Victoria de Durango", "city", "MX-DUR"),
        ("ciudad de Zacatecas", "Zacatecas", "city", "MX-ZAC"),
        ("Querétaro city", "Santiago de Querétaro", "city", "MX-QUE"),
        ("Mexico", "Mexico", "country", None),
        ("Estados Unidos", "United States", "country", None),
        ("Belice", "Belize", "country", None),
        ("Guatemala", "Guatemala", "country", None),
    ],
)
def test_names(offline, query, name, kind, iso):
    raw = top(offline, query)
    assert (raw["name"], raw["kind"], raw["iso_3166_2"]) == (name, kind, iso)


@pytest.mark.parametrize(
    "query,code,lat,lon",
    [
        ("Guadalajara airport", "GDL", 20.52, -103.31),
        ("aeropuerto de Puerto Vallarta", "PVR", 20.68, -105.25),
        ("Aeropuerto Internacional de Tijuana", "TIJ", 32.54, -116.97),
        ("Monterrey airport", "MTY", 25.78, -100.11),
        ("Cancun international airport", "CUN", 21.04, -86.87),
        ("GDL", "GDL", 20.52, -103.31),
        ("MMMX", "MEX", 19.44, -99.07),
    ],
)
def test_airports(offline, query, code, lat, lon):
    raw = top(offline, query)
    assert raw["kind"] == "airport" and raw["code"] == code
    assert haversine_km(raw["lat"], raw["lon"], lat, lon) < 3


@pytest.mark.parametrize(
    "query,name,iso",
    [
        ("Talpalpa", "Tapalpa", "MX-JAL"),
        ("Talpalpa, Jalisco", "Tapalpa", "MX-JAL"),
        ("Culiacám", "Culiacán", "MX-SIN"),
        ("Apatsingán", "Apatzingán", "MX-MIC"),
        ("Hermosilo", "Hermosillo", "MX-SON"),
        ("Guadalajra", "Guadalajara", "MX-JAL"),
        ("Chilpancingo de los Bravo", "Chilpancingo", "MX-GRO"),
        ("Zacatecaz", "Zacatecas", None),
    ],
)
def test_misspellings_are_fuzzy_with_a_score(offline, query, name, iso):
    raw = top(offline, query)
    assert raw["name"] == name
    if iso:
        assert raw["iso_3166_2"] == iso
    assert 0 < raw["score"] <= 1


def test_fuzzy_match_is_labelled(offline):
    raw = top(offline, "Talpalpa")
    assert raw["match"] == "fuzzy" and raw["score"] < 0.95
    assert top(offline, "Tapalpa")["match"] == "exact"
    assert top(offline, "tapalpa")["match"] == "folded"


def test_jalisco_alone_is_the_state_not_the_villages(offline):
    locs = offline.geocode("Jalisco", exactly_one=False, limit=5)
    assert locs[0].raw["kind"] == "state"
    villages = [x.raw for x in locs if x.raw["kind"] == "town" and x.raw["name"] == "Jalisco"]
    assert all(v["iso_3166_2"] != "MX-JAL" for v in villages)


@pytest.mark.parametrize(
    "state",
    [
        "Durango",
        "Zacatecas",
        "Querétaro",
        "Chihuahua",
        "Aguascalientes",
        "Campeche",
        "Colima",
        "Oaxaca",
    ],
)
def test_state_named_like_its_capital_never_gives_a_namesake(offline, state):
    raw = top(offline, state)
    assert raw["kind"] == "state"
    city = top(offline, f"{state} city")
    assert city["iso_3166_2"] == raw["iso_3166_2"]
    assert city["population"] > 50_000


def test_state_qualifier_restricts(offline):
    # Several Mexican places are called San Pedro; the qualifier picks the state's.
    raw = top(offline, "San Pedro, Coahuila")
    assert raw["iso_3166_2"] == "MX-COA"


def test_country_codes_filter(offline):
    assert offline.geocode("Colombia").raw["kind"] == "country"
    raw = offline.geocode("Colombia", country_codes="MX").raw
    assert raw["country"] == "MX" and raw["iso_3166_2"] == "MX-NLE"


def test_raw_carries_the_facts(offline):
    raw = top(offline, "Tapalpa")
    for key in ("geonameid", "kind", "state", "iso_3166_2", "population", "match", "score"):
        assert key in raw
    assert raw["state"] == "Jalisco"


def test_works_as_a_geopandas_provider():
    import geopandas

    frame = geopandas.tools.geocode(["Tapalpa, Jalisco"], provider=OfflineGeocoder)
    point = frame.geometry.iloc[0]
    assert haversine_km(point.y, point.x, 19.9457, -103.7593) < 5


def test_every_state_capital_resolves_qualified(offline):
    gaz = load_gazetteer()
    for admin1, capital in gaz.capitals.items():
        state = gaz.states[admin1]
        raw = top(offline, f"{capital.name}, {state.name}")
        assert raw["id"] == capital.id, (capital.name, raw["name"])


def _one_edit(word, rng):
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(["swap", "drop", "double", "replace"])
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeioulnrst") + word[i + 1 :]


def test_one_edit_typos_of_large_cities_resolve_qualified(offline):
    """Held-out check: random one-edit typos (seeded), qualified by the state."""
    gaz = load_gazetteer()
    rng = random.Random(7)
    cities = sorted(
        (p for p in gaz.places if p.kind == "city" and len(p.name) >= 6), key=lambda p: p.id
    )
    sample = rng.sample(cities, 60)
    hits = 0
    for p in sample:
        query = f"{_one_edit(p.name, rng)}, {p.state}"
        loc = offline.geocode(query)
        hits += loc is not None and loc.raw["id"] == p.id
    assert hits / len(sample) >= 0.85, hits


def test_an_unreachable_service_is_one_service_error(tmp_path):
    from geopy.exc import GeocoderUnavailable

    from geo.errors import ServiceError

    def down(query, **kw):
        raise GeocoderUnavailable("no route to host")

    coder = CachedGeocoder(down, tmp_path / "cache.sqlite", "nominatim")
    with pytest.raises(ServiceError, match="nominatim did not answer"):
        coder.geocode("Tapalpa")


def test_an_airport_by_its_own_name_before_a_towns_airport():
    g = OfflineGeocoder()
    assert g.geocode("Felipe Angeles airport").raw["code"] == "NLU"
    assert g.geocode("Benito Juárez airport").raw["code"] == "MEX"
    assert g.geocode("Guadalajara airport").raw["code"] == "GDL"


def test_an_honorific_title_is_not_part_of_the_name_news_uses():
    g = OfflineGeocoder()
    first = g.geocode("Matamoros")
    assert first.raw["iso_3166_2"] == "MX-TAM" and first.raw["match"] == "exact"
    assert g.geocode("Matamoros airport").raw["code"] == "MAM"
    assert g.geocode("Matamoros, Coahuila").raw["iso_3166_2"] == "MX-COA"


def test_an_airport_serving_a_town_of_that_name_before_one_near_a_namesake():
    # Ixtapa, Jalisco is larger, but only PVR is near it; ZIH serves Ixtapa, Guerrero.
    assert OfflineGeocoder().geocode("Ixtapa airport").raw["code"] == "ZIH"


def test_address_names_the_place_own_country(offline):
    assert offline.geocode("Houston").address == "Houston, United States"
    assert offline.geocode("Tapalpa, Jalisco").address == "Tapalpa, Jalisco, Mexico"


def test_reverse_has_geopys_signature_and_gives_the_nearest_place_and_its_state():
    import inspect

    from geopy.geocoders import Nominatim
    from geopy.point import Point

    from geo.errors import QueryError
    from geo.geocoder import OfflineGeocoder

    coder = OfflineGeocoder()
    base = inspect.signature(Nominatim.reverse).parameters
    ours = inspect.signature(OfflineGeocoder.reverse).parameters
    assert list(base)[:4] == list(ours)[:4] == ["self", "query", "exactly_one", "timeout"]
    loc = coder.reverse(Point(19.946, -103.759))
    assert loc.raw["name"] == "Tapalpa" and loc.raw["state"] == "Jalisco"
    assert loc.raw["distance_km"] < 1
    near = coder.reverse("20.52, -103.31", exactly_one=False, limit=3)
    assert len(near) == 3 and near[0].raw["code"] == "GDL"
    assert [x.raw["distance_km"] for x in near] == sorted(x.raw["distance_km"] for x in near)
    assert coder.reverse((0.0, -150.0)) is None
    with pytest.raises(QueryError, match="not a point"):
        coder.reverse("north of here")
