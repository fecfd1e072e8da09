"""Join points to Mexican states by their polygons (geopandas spatial join).

The polygons are Natural Earth 1:10m admin-1 (``data/states.geojson``). A
point inside no polygon (a coastal town, a border crossing, an island the
1:10m outline simplifies away) takes the nearest state within
``max_distance_km`` and is flagged ``state_match="nearest"``. Where the input
carries a GeoNames ``admin1`` code that disagrees with the polygon, the row is
flagged ``admin1_mismatch=True`` and the polygon wins.
"""

from __future__ import annotations

from functools import lru_cache

from .gazetteer import data_dir

__all__ = ["join_states", "load_states", "points_frame", "MEXICO_LCC"]

#: Mexico ITRF2008 / LCC, a metric projection covering the whole country.
MEXICO_LCC = "EPSG:6372"


@lru_cache(maxsize=2)
def _states(path: str):
    import geopandas as gpd

    frame = gpd.read_file(path, engine="pyogrio")
    frame = frame[["name", "iso_3166_2", "admin1", "inegi", "label_lat", "label_lon",
                   "geometry"]]
    return frame.set_crs("EPSG:4326", allow_override=True)


def load_states():
    """Return the 32 states as a GeoDataFrame (WGS84) with name, ISO and INEGI codes.

    The frame is cached; callers get a copy they may change.
    """
    return _states(str(data_dir() / "states.geojson")).copy()


def points_frame(records, lat="lat", lon="lon"):
    """Build a point GeoDataFrame from dicts or a DataFrame with lat/lon columns.

    This is the one place where (lat, lon) becomes shapely's (x=lon, y=lat).
    """
    import geopandas as gpd
    import pandas as pd

    frame = records if isinstance(records, pd.DataFrame) else pd.DataFrame(list(records))
    geometry = gpd.points_from_xy(frame[lon], frame[lat], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def join_states(points, *, max_distance_km: float = 10.0, states=None):
    """Add the Mexican state of each point.

    Parameters
    ----------
    points : geopandas.GeoDataFrame
        Point geometries in WGS84 (EPSG:4326, x = longitude, y = latitude).
        An optional ``admin1`` column (GeoNames admin1 code, e.g. ``"14"``) is
        checked against the polygons.
    max_distance_km : float, default 10
        How far outside every polygon a point may lie and still take the
        nearest state (coasts, borders). Farther points get no state.
    states : geopandas.GeoDataFrame, optional
        The state polygons; defaults to :func:`load_states`.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``points`` (same index and order) with the columns
        ``state``, ``iso_3166_2``, ``state_admin1``, ``state_match``
        (``"within"``, ``"nearest"`` or None), ``state_distance_km`` and, when
        the input has ``admin1``, ``admin1_mismatch``.

    Raises
    ------
    ValueError
        If ``points`` has no CRS, is not WGS84, or holds non-point geometries.

    Examples
    --------
    >>> from geo.join import join_states, points_frame
    >>> pts = points_frame([{"lat": 20.52, "lon": -103.31}])
    >>> join_states(pts)[["state", "iso_3166_2", "state_match"]].values.tolist()
    [['Jalisco', 'MX-JAL', 'within']]
    """
    import geopandas as gpd
    import numpy as np

    _check_points(points)
    if states is None:
        states = load_states()
    out = points.copy()
    n = len(out)
    state = np.full(n, None, dtype=object)
    iso = np.full(n, None, dtype=object)
    admin1 = np.full(n, None, dtype=object)
    match = np.full(n, None, dtype=object)
    dist = np.full(n, np.nan)
    if n:
        geoms = out.geometry.values
        pidx, sidx = states.sindex.query(geoms, predicate="intersects")
        # A point on a shared border meets two polygons: keep the first state.
        first = np.unique(pidx, return_index=True)[1]
        pidx, sidx = pidx[first], sidx[first]
        state[pidx] = states["name"].values[sidx]
        iso[pidx] = states["iso_3166_2"].values[sidx]
        admin1[pidx] = states["admin1"].values[sidx]
        match[pidx] = "within"
        dist[pidx] = 0.0
        outside = np.setdiff1d(np.arange(n), pidx)
        valid = outside[~out.geometry.values[outside].is_empty] if len(outside) else outside
        if len(valid):
            sub = gpd.GeoDataFrame(geometry=geoms[valid], crs=out.crs).to_crs(MEXICO_LCC)
            st = states.to_crs(MEXICO_LCC)
            near_p, near_s = st.sindex.nearest(sub.geometry.values, return_all=False,
                                               max_distance=max_distance_km * 1000)
            d = sub.geometry.values[near_p].distance(st.geometry.values[near_s]) / 1000
            rows = valid[near_p]
            state[rows] = states["name"].values[near_s]
            iso[rows] = states["iso_3166_2"].values[near_s]
            admin1[rows] = states["admin1"].values[near_s]
            match[rows] = "nearest"
            dist[rows] = np.round(d, 3)
    out["state"] = state
    out["iso_3166_2"] = iso
    out["state_admin1"] = admin1
    out["state_match"] = match
    out["state_distance_km"] = dist
    if "admin1" in out.columns:
        given = out["admin1"].astype(object).values
        out["admin1_mismatch"] = [
            bool(g is not None and a is not None and g == g and str(g) != a)
            for g, a in zip(given, admin1)
        ]
    return out


def _check_points(points) -> None:
    import geopandas as gpd

    if not isinstance(points, gpd.GeoDataFrame):
        raise ValueError(f"points must be a GeoDataFrame, not {type(points).__name__}")
    if points.crs is None:
        raise ValueError("points have no CRS: set EPSG:4326 (WGS84 longitude/latitude)")
    if not points.crs.equals("EPSG:4326"):
        raise ValueError(f"points must be in EPSG:4326, not {points.crs.to_string()}")
    types = set(points.geom_type.dropna().unique())
    if types - {"Point"}:
        raise ValueError(f"points must be Point geometries, found {sorted(types)}")
