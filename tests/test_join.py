"""State join on known points."""

import airportsdata
import pandas as pd
import pytest

from geo.join import join_states, points_frame


def _airports():
    rows = [dict(a, code=k) for k, a in airportsdata.load("ICAO").items() if a["country"] == "MX"]
    return points_frame(pd.DataFrame(rows))


def test_every_mexican_airport_lands_in_a_state():
    joined = _airports().pipe(join_states)
    assert joined["iso_3166_2"].notna().all()
    assert len(joined) >= 100


def test_airports_land_in_their_real_state_whatever_subd_says():
    joined = _airports().pipe(join_states).set_index("code")
    # airportsdata puts Tijuana in Baja California Sur; it is in Baja California.
    assert joined.loc["MMTJ", "subd"] == "Baja California Sur"
    assert joined.loc["MMTJ", "iso_3166_2"] == "MX-BCN"
    expected = {
        "MMGL": "MX-JAL",
        "MMPR": "MX-JAL",
        "MMMX": "MX-CMX",
        "MMMY": "MX-NLE",
        "MMUN": "MX-ROO",
        "MMCL": "MX-SIN",
        "MMLO": "MX-GUA",
        "MMMD": "MX-YUC",
        "MMTO": "MX-MEX",
        "MMAA": "MX-GRO",
        "MMCU": "MX-CHH",
        "MMHO": "MX-SON",
    }
    for icao, iso in expected.items():
        assert joined.loc[icao, "iso_3166_2"] == iso, icao
    # Where subd is right (most rows), the polygons agree with it.
    from geo.gazetteer import load_gazetteer
    from geo.normalize import name_key

    by_name = {}
    for s in load_gazetteer().states.values():
        by_name[name_key(s.name)] = s.iso_3166_2
        by_name[name_key(s.iso_3166_2)] = s.iso_3166_2
    known = joined[joined["subd"].map(lambda x: name_key(x) in by_name)]
    agree = (known["subd"].map(lambda x: by_name[name_key(x)]) == known["iso_3166_2"]).mean()
    assert agree > 0.9


def test_point_just_off_the_coast_takes_the_nearest_state_and_is_flagged():
    # 2 km off Puerto Vallarta's beach, in the Bahía de Banderas.
    pts = points_frame([{"lat": 20.62, "lon": -105.26}, {"lat": 0.0, "lon": 0.0}])
    out = join_states(pts)
    assert out.loc[0, "state_match"] in ("within", "nearest")
    assert out.loc[0, "iso_3166_2"] == "MX-JAL"
    assert pd.isna(out.loc[1, "state_match"]) and pd.isna(out.loc[1, "iso_3166_2"])


def test_offshore_point_is_nearest():
    pts = points_frame([{"lat": 20.60, "lon": -105.35}])
    out = join_states(pts, max_distance_km=30)
    assert out.loc[0, "state_match"] == "nearest"
    assert out.loc[0, "state_distance_km"] > 0


def test_admin1_disagreement_is_reported():
    pts = points_frame(
        [
            {"lat": 20.67, "lon": -103.35, "admin1": "14"},
            {"lat": 20.67, "lon": -103.35, "admin1": "11"},
        ]
    )
    out = join_states(pts)
    assert out["admin1_mismatch"].tolist() == [False, True]


def test_rejects_wrong_crs():
    pts = points_frame([{"lat": 20.67, "lon": -103.35}]).to_crs("EPSG:6372")
    with pytest.raises(ValueError, match="EPSG:4326"):
        join_states(pts)


def test_keeps_order_and_index():
    pts = points_frame([{"lat": 25.67, "lon": -100.31}, {"lat": 20.67, "lon": -103.35}])
    pts.index = [10, 5]
    out = join_states(pts)
    assert list(out.index) == [10, 5]
    assert out["iso_3166_2"].tolist() == ["MX-NLE", "MX-JAL"]


def test_precomputed_place_states_match_the_polygons():
    """data/place_states.json is what joining every town to the polygons gives now."""
    import json

    from geo.databuild import build_place_states
    from geo.gazetteer import data_dir, load_gazetteer

    stored = json.loads((data_dir() / "place_states.json").read_text(encoding="utf-8"))
    fresh = build_place_states(load_gazetteer())
    assert stored["checked"] == fresh["checked"] > 16000
    assert stored["differ"] == fresh["differ"]
    assert 0 < len(stored["differ"]) < 1000


def test_incident_state_comes_from_the_polygon_without_a_run_time_join(tmp_path):
    import json
    from dataclasses import replace

    from geo.gazetteer import data_dir, load_gazetteer
    from geo.pipeline import _join_places, extract, join_incidents

    gaz = load_gazetteer()
    differ = json.loads((data_dir() / "place_states.json").read_text())["differ"]
    pid, polygon_admin1 = sorted(differ.items())[0]
    place = gaz.places[gaz.by_id[pid]]
    assert gaz.polygon_state(place) == polygon_admin1 != place.admin1
    # The run-time spatial join agrees with the stored answer.
    assert _join_places({pid: (place.lat, place.lon, place.admin1)}, "local") == {
        pid: polygon_admin1
    }
    (tmp_path / "a.txt").write_text(
        " date 2026-03-02 Gunmen torched buses in Tapalpa, Jalisco.", encoding="utf-8"
    )
    (inc,) = extract([tmp_path]).incidents
    moved = replace(
        inc,
        place_id=pid,
        location=place.name,
        lat=place.lat,
        lon=place.lon,
        admin1=place.admin1,
        state=place.state,
        iso_3166_2=place.iso_3166_2,
        located_by=["sentence"],
    )
    (joined,) = join_incidents([moved])
    assert joined.admin1 == polygon_admin1
    assert joined.iso_3166_2 == gaz.states[polygon_admin1].iso_3166_2
    assert any("state from polygon" in x for x in joined.located_by)


def test_a_town_just_across_a_generalised_border_keeps_its_own_state(tmp_path):
    """Cohuecán, Puebla lies 0.8 km inside Morelos' 1:10m outline: it stays in Puebla."""
    from geo.join import near_own_state, points_frame

    pts = points_frame([{"lat": 18.78268, "lon": -98.72085}, {"lat": 18.78268, "lon": -98.72085}])
    assert near_own_state(pts, ["21", "05"]) == [True, False]
    (tmp_path / "a.txt").write_text(
        " date 2019-08-07\nCinco presuntos secuestradores fueron linchados en Cohuecan, Puebla.\n",
        encoding="utf-8",
    )
    from geo.pipeline import extract

    got = extract([tmp_path]).incidents
    assert got and {i.state for i in got} == {"Puebla"}
