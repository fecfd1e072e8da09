"""Reference data integrity: states, places, airports, countries."""

import json

import pycountry
import shapely
from shapely.geometry import shape

from geo.gazetteer import data_dir, load_gazetteer

MEXICO_BOUNDS = (-118.7, 14.3, -86.5, 32.8)  # lon/lat box around Mexico and its islands


def test_32_states_with_unique_codes():
    gaz = load_gazetteer()
    assert len(gaz.states) == 32
    isos = [s.iso_3166_2 for s in gaz.states.values()]
    assert len(set(isos)) == 32
    assert set(isos) == {s.code for s in pycountry.subdivisions.get(country_code="MX")}
    feats = json.loads((data_dir() / "states.geojson").read_text())["features"]
    assert len({f["properties"]["inegi"] for f in feats}) == 32
    assert len({f["properties"]["admin1"] for f in feats}) == 32


def test_current_official_names():
    gaz = load_gazetteer()
    names = {s.iso_3166_2: s.name for s in gaz.states.values()}
    assert names["MX-CMX"] == "Ciudad de México"
    assert "Distrito Federal" not in names.values()


def test_state_polygons_are_valid_and_wound_for_rfc7946():
    feats = json.loads((data_dir() / "states.geojson").read_text())["features"]
    for f in feats:
        geom = shape(f["geometry"])
        assert geom.is_valid, f["properties"]["name"]
        assert geom.geom_type in ("Polygon", "MultiPolygon")
        polys = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
        for poly in polys:
            assert poly.exterior.is_ccw
        minx, miny, maxx, maxy = geom.bounds
        assert MEXICO_BOUNDS[0] <= minx and maxx <= MEXICO_BOUNDS[2]
        assert MEXICO_BOUNDS[1] <= miny and maxy <= MEXICO_BOUNDS[3]


def test_every_place_inside_mexico_bounds_with_a_state():
    gaz = load_gazetteer()
    mx = [p for p in gaz.places if p.country == "MX" and p.kind != "country"]
    assert len([p for p in mx if p.id.startswith("geonames:")]) == 16875
    for p in mx:
        assert MEXICO_BOUNDS[0] <= p.lon <= MEXICO_BOUNDS[2], p
        assert MEXICO_BOUNDS[1] <= p.lat <= MEXICO_BOUNDS[3], p
        assert p.iso_3166_2 is not None, p


def test_state_label_points_inside_their_polygons():
    feats = json.loads((data_dir() / "states.geojson").read_text())["features"]
    for f in feats:
        p = f["properties"]
        assert shapely.contains_xy(shape(f["geometry"]), p["label_lon"], p["label_lat"])


def test_countries_news_names():
    gaz = load_gazetteer()
    countries = {p.code for p in gaz.places if p.kind == "country"}
    assert {"MX", "US", "GT", "BZ"} <= countries


def test_airports_include_the_big_ones():
    gaz = load_gazetteer()
    for code in ("GDL", "PVR", "MEX", "MTY", "CUN", "TIJ", "BJX", "CUL"):
        assert gaz.airport_by_code(code) is not None, code


def test_loading_is_fast():
    import time

    from geo.gazetteer import Gazetteer

    start = time.perf_counter()
    Gazetteer()
    assert time.perf_counter() - start < 1.5  # generous: CI machines vary
