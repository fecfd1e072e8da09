"""The fast state join gives the same answer as a plain geopandas spatial join.

``join_states`` settles most points with a look-up grid and sends the rest
down an exact path (see ``geo/join.py``). These tests check the result, not
the speed: on random points over Mexico's bounding box, and on points crowded
around the state boundaries where the grid has to hand over, every point gets
the state, match and distance that ``geopandas.sjoin`` (``intersects``) and
``geopandas.sjoin_nearest`` (in ``MEXICO_LCC``, within ``max_distance_km``)
give it.
"""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.join import MEXICO_LCC, join_states, load_states, points_frame

#: Mexico's bounding box, a little widened: about two thirds of it is outside.
WEST, SOUTH, EAST, NORTH = -118.6, 14.4, -86.6, 32.8


def _random_points(n, seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"lon": rng.uniform(WEST, EAST, n), "lat": rng.uniform(SOUTH, NORTH, n)})


def _boundary_points(n, seed):
    """Points at and around the states' vertices, from 10 cm to 30 km away."""
    rng = np.random.default_rng(seed)
    xy = shapely.get_coordinates(load_states().geometry.values)
    at = xy[rng.integers(0, len(xy), n)]
    offset = rng.normal(size=(n, 2)) * 10 ** rng.uniform(-6, -0.5, size=(n, 1))
    around = at + offset
    around[: n // 10] = at[: n // 10]  # exactly on a vertex, often one two states share
    return pd.DataFrame({"lon": around[:, 0], "lat": around[:, 1]})


def _plain_join(points, states, max_distance_km):
    """Each point's candidate states by the plain joins: {row: (match, {state names}, km)}."""
    answer = {}
    within = gpd.sjoin(
        points[["geometry"]], states[["name", "geometry"]], predicate="intersects", how="inner"
    )
    for row, names in within.groupby(level=0)["name"]:
        answer[row] = ("within", set(names), 0.0)
    rest = points.loc[~points.index.isin(answer)]
    nearest = gpd.sjoin_nearest(
        rest[["geometry"]].to_crs(MEXICO_LCC),
        states[["name", "geometry"]].to_crs(MEXICO_LCC),
        how="inner",
        max_distance=max_distance_km * 1000,
        distance_col="m",
    )
    for row, group in nearest.groupby(level=0):
        answer[row] = ("nearest", set(group["name"]), round(group["m"].iloc[0] / 1000, 3))
    return answer


def _assert_same(points, max_distance_km=10.0, states=None):
    states = load_states() if states is None else states
    fast = join_states(points, max_distance_km=max_distance_km, states=states)
    plain = _plain_join(points, states, max_distance_km)
    wrong = []
    for row, state, match, km in zip(
        fast.index, fast["state"], fast["state_match"], fast["state_distance_km"]
    ):
        expected = plain.get(row)
        if expected is None:
            ok = pd.isna(state) and pd.isna(match) and np.isnan(km)
        else:
            ok = (
                match == expected[0]
                and state in expected[1]
                and km == pytest.approx(expected[2], abs=1e-9)
            )
        if not ok:
            wrong.append((row, state, match, km, expected))
    assert not wrong, f"{len(wrong)} points differ, e.g. {wrong[:5]}"
    return fast


def test_random_points_match_the_plain_spatial_join():
    points = points_frame(_random_points(50_000, seed=20260224))
    out = _assert_same(points)
    # The sample exercises every path: inside, near the coast, far offshore.
    assert set(out["state_match"].dropna()) == {"within", "nearest"}
    assert out["state"].isna().sum() > 10_000


def test_points_around_the_boundaries_match_the_plain_spatial_join():
    points = points_frame(_boundary_points(20_000, seed=7))
    _assert_same(points)


@pytest.mark.parametrize("max_distance_km", [0.5, 30.0, 150.0])
def test_other_reaches_match_the_plain_spatial_join(max_distance_km):
    frame = pd.concat(
        [_random_points(5_000, seed=3), _boundary_points(5_000, seed=4)], ignore_index=True
    )
    _assert_same(points_frame(frame), max_distance_km=max_distance_km)


def test_custom_and_overlapping_polygons_match_the_plain_spatial_join():
    frame = pd.concat(
        [_random_points(4_000, seed=5), _boundary_points(4_000, seed=6)], ignore_index=True
    )
    points = points_frame(frame)
    states = load_states()
    _assert_same(points, states=states.iloc[::3].reset_index(drop=True))
    # Overlapping polygons: the grid cannot hold one state per cell, the plain join decides.
    overlapping = pd.concat([states, states.iloc[[13]]], ignore_index=True)
    _assert_same(points, states=overlapping)


def test_empty_missing_and_faraway_points():
    points = gpd.GeoDataFrame(
        {"k": range(5)},
        geometry=[
            shapely.Point(),
            None,
            shapely.Point(-103.35, 20.67),
            shapely.Point(0.0, 0.0),
            shapely.Point(-105.35, 20.60),
        ],
        crs="EPSG:4326",
    )
    out = join_states(points, max_distance_km=30)
    assert out["state_match"].isna().tolist() == [True, True, False, True, False]
    assert out["state_match"][[2, 4]].tolist() == ["within", "nearest"]
    assert out["iso_3166_2"][[2, 4]].tolist() == ["MX-JAL", "MX-JAL"]
