"""Join points to Mexican states by their polygons (geopandas spatial join).

The polygons are Natural Earth 1:10m admin-1 (``data/states.geojson``). A
point inside no polygon (a coastal town, a border crossing, an island the
1:10m outline simplifies away) takes the nearest state within
``max_distance_km`` and is flagged ``state_match="nearest"``. Where the input
carries a GeoNames ``admin1`` code that disagrees with the polygon, the row is
flagged ``admin1_mismatch=True`` and the polygon wins.

Speed. A million points join in well under a second: most points never meet
a polygon. A regular lon/lat grid (:data:`GRID_DEGREES`) is laid over the
states once per process and set of polygons (:func:`_state_grid`, about 0.2 s,
cached). A cell that no state boundary touches lies wholly inside one state
or wholly outside all of them, so its points take their state by an array
look-up; an outside cell far enough from every boundary (a lower bound on the
projected distance, see :class:`_StateGrid`) gives no state at once. Only
points in boundary cells, in the coastal band within ``max_distance_km`` or
outside the grid take the exact path: point-in-polygon against prepared
polygons, and the nearest boundary segment in :data:`MEXICO_LCC`. Where the
fast path could disagree with the plain spatial join (a point on a shared
border, a tie between two states' distances), those points go through the
plain join itself, so the result is the same as ``geopandas.sjoin`` /
``sjoin_nearest``, point for point (``tests/test_join_speed.py``). Inputs of
fewer than :data:`GRID_FROM` points skip the grid: the plain join is quicker
than building it.
"""

from __future__ import annotations

from functools import lru_cache

from .gazetteer import data_dir

__all__ = ["join_states", "load_states", "points_frame", "MEXICO_LCC", "GRID_DEGREES"]

#: Mexico ITRF2008 / LCC, a metric projection covering the whole country.
MEXICO_LCC = "EPSG:6372"

#: Cell size of the look-up grid, in degrees (about 2.2 km). Smaller cells send
#: fewer points down the exact path but take longer to build.
GRID_DEGREES = 0.02
#: Fewer points than this go straight to the exact join: building the grid
#: (about 0.2 s) only pays for itself on large inputs.
GRID_FROM = 2_000


@lru_cache(maxsize=2)
def _states(path: str):
    import geopandas as gpd

    frame = gpd.read_file(path, engine="pyogrio")
    frame = frame[["name", "iso_3166_2", "admin1", "inegi", "label_lat", "label_lon", "geometry"]]
    return frame.set_crs("EPSG:4326", allow_override=True)


def load_states():
    """Return the 32 states as a GeoDataFrame (WGS84) with name, ISO and INEGI codes.

    The frame is cached; callers get a copy they may change.
    """
    return _states(str(data_dir() / "states.geojson")).copy()


#: The state polygons (Natural Earth 1:10m) are generalised: a town whose
#: GeoNames state's polygon lies within this distance keeps that state when
#: another polygon is under its point (Cohuecán, Puebla is 0.8 km from
#: Puebla's outline, inside Morelos'). Of the gazetteer's towns that a polygon
#: puts in another state, five in six lie that close to their own.
BORDER_SLACK_KM = 3.0


def near_own_state(points, admin1, states=None, km: float = BORDER_SLACK_KM):
    """Whether each point lies within ``km`` of the polygon of its own state (``admin1``).

    ``points`` is a WGS84 point GeoDataFrame, ``admin1`` a sequence of GeoNames
    admin1 codes (None for unknown: False).
    """
    projected = _projected_states() if states is None else _outlines(states)
    pts = points.to_crs(6372).geometry.values
    out = []
    for pt, code in zip(pts, admin1):
        own = projected.get(code) if code is not None else None
        out.append(own is not None and own.distance(pt) <= km * 1000)
    return out


def _outlines(states):
    """The states' polygons by admin1 code, in metres (EPSG:6372, Mexico's LCC)."""
    return states.to_crs(6372).set_index("admin1").geometry


@lru_cache(maxsize=1)
def _projected_states():
    return _outlines(load_states())


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
    import numpy as np

    _check_points(points)
    if states is None:
        states = load_states()
    out = points.copy()
    sidx, match, dist = _locate(out.geometry.values, states, max_distance_km)
    out["state"] = _labels(states["name"].values, sidx)
    out["iso_3166_2"] = _labels(states["iso_3166_2"].values, sidx)
    out["state_admin1"] = _labels(states["admin1"].values, sidx)
    out["state_match"] = _labels(
        np.array(["within", "nearest"], dtype=object), match.astype(np.int64) - 1
    )
    out["state_distance_km"] = dist
    if "admin1" in out.columns:
        found = sidx >= 0
        admin1 = np.full(len(out), None, dtype=object)
        admin1[found] = states["admin1"].values[sidx[found]]
        given = out["admin1"].astype(object).values
        out["admin1_mismatch"] = [
            bool(g is not None and a is not None and g == g and str(g) != a)
            for g, a in zip(given, admin1)
        ]
    return out


def _labels(labels, index):
    """``labels[index]`` as a column, None where ``index`` is -1.

    The column has the dtype pandas would give the object array (``str`` in
    pandas 3), built by ``take`` rather than by inferring it from a million
    Python strings.
    """
    import numpy as np
    import pandas as pd

    found = index >= 0
    if found.any():
        sample = labels[index[np.argmax(found)]]
        dtype = pd.Series(np.array([sample, None], dtype=object)).dtype
        if dtype != np.dtype(object):
            return pd.array(np.asarray(labels, dtype=object), dtype=dtype).take(
                index, allow_fill=True
            )
    values = np.full(len(index), None, dtype=object)
    values[found] = labels[index[found]]
    return values


# Codes of ``match`` in the helpers below; join_states turns them into labels.
_NONE, _WITHIN, _NEAREST = 0, 1, 2
# Codes of grid cells that are not wholly inside one state.
_BORDER, _OUTSIDE = -1, -2


def _locate(geoms, states, max_distance_km):
    """State row, match code and distance (km) of each point: fast path where it is safe.

    Returns three arrays: ``sidx`` (row of ``states``, -1 for none), ``match``
    (``_NONE``, ``_WITHIN`` or ``_NEAREST``) and ``dist`` (km, NaN for none).
    """
    import numpy as np
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    grid = (
        _state_grid(_Polygons(np.asarray(states.geometry.values, dtype=object)))
        if n >= GRID_FROM and max_distance_km > 0
        else None
    )
    if grid is None:
        return _locate_exact(geoms, states, max_distance_km)
    sidx = np.full(n, -1, dtype=np.int64)
    match = np.zeros(n, dtype=np.int8)
    dist = np.full(n, np.nan)

    def take(rows, result):
        sidx[rows], match[rows], dist[rows] = result

    x, y = np.full(n, np.nan), np.full(n, np.nan)
    xy, row = shapely.get_coordinates(geoms, return_index=True)  # skips empty and None
    x[row], y[row] = xy[:, 0], xy[:, 1]
    code, in_grid = grid.cell_codes(x, y)
    inside = code >= 0
    sidx[inside], match[inside], dist[inside] = code[inside], _WITHIN, 0.0
    far = grid.far(code, x, y, in_grid, max_distance_km)
    finite = np.isfinite(x) & np.isfinite(y)
    # Points the grid cannot settle: not finite, outside the grid and not far.
    exact = np.flatnonzero(~inside & ~far & ~(finite & in_grid))
    if len(exact):
        take(exact, _locate_exact(geoms[exact], states, max_distance_km))
    border = np.flatnonzero(in_grid & finite & (code == _BORDER))
    hits, state = grid.containing(x[border], y[border])
    one = hits == 1
    sidx[border[one]], match[border[one]], dist[border[one]] = state[one], _WITHIN, 0.0
    shared = border[hits > 1]  # on a shared border: the plain join picks the state
    if len(shared):
        take(shared, _locate_exact(geoms[shared], states, max_distance_km))
    near = np.concatenate(
        [border[hits == 0], np.flatnonzero(in_grid & finite & (code == _OUTSIDE) & ~far)]
    )
    if len(near):
        rows, s, d, unsure = grid.nearest(x[near], y[near], max_distance_km)
        sidx[near[rows]], match[near[rows]], dist[near[rows]] = s, _NEAREST, d
        unsure = near[unsure]
        if len(unsure):
            take(unsure, _locate_exact(geoms[unsure], states, max_distance_km))
    return sidx, match, dist


def _locate_exact(geoms, states, max_distance_km):
    """The plain spatial join: the reference the fast path must agree with."""
    import geopandas as gpd
    import numpy as np

    geoms = gpd.array.from_shapely(np.asarray(geoms, dtype=object), crs="EPSG:4326")
    n = len(geoms)
    sidx = np.full(n, -1, dtype=np.int64)
    match = np.zeros(n, dtype=np.int8)
    dist = np.full(n, np.nan)
    if not n:
        return sidx, match, dist
    pidx, hit = states.sindex.query(geoms, predicate="intersects")
    # A point on a shared border meets two polygons: keep the first state.
    first = np.unique(pidx, return_index=True)[1]
    pidx, hit = pidx[first], hit[first]
    sidx[pidx], match[pidx], dist[pidx] = hit, _WITHIN, 0.0
    outside = np.setdiff1d(np.arange(n), pidx)
    valid = outside[~geoms[outside].is_empty] if len(outside) else outside
    if len(valid):
        sub = gpd.GeoDataFrame(geometry=geoms[valid], crs="EPSG:4326").to_crs(MEXICO_LCC)
        st = states.to_crs(MEXICO_LCC)
        near_p, near_s = st.sindex.nearest(
            sub.geometry.values, return_all=False, max_distance=max_distance_km * 1000
        )
        d = sub.geometry.values[near_p].distance(st.geometry.values[near_s]) / 1000
        rows = valid[near_p]
        sidx[rows], match[rows], dist[rows] = near_s, _NEAREST, np.round(d, 3)
    return sidx, match, dist


class _Polygons:
    """State polygons keyed by their WKB, so a grid is built once per set of polygons."""

    def __init__(self, geoms):
        import hashlib

        import shapely

        self.geoms = geoms
        digest = hashlib.sha1()
        for wkb in shapely.to_wkb(geoms):
            digest.update(wkb if wkb is not None else b"-")
        self.key = digest.hexdigest()

    def __hash__(self):
        return hash(self.key)

    def __eq__(self, other):
        return isinstance(other, _Polygons) and other.key == self.key


@lru_cache(maxsize=4)
def _state_grid(polygons: _Polygons):
    """The look-up grid for a set of polygons; None when the fast path cannot be exact.

    That is when some polygon is missing, empty or invalid, or two polygons
    share interior (a point inside both has no single "within" state a cell
    could hold).
    """
    import numpy as np
    import shapely

    geoms = polygons.geoms
    if (
        not len(geoms)
        or shapely.is_missing(geoms).any()
        or shapely.is_empty(geoms).any()
        or not shapely.is_valid(geoms).all()
        or not np.isin(shapely.get_type_id(geoms), (3, 6)).all()
    ):
        return None
    a, b = shapely.STRtree(geoms).query(geoms)
    pair = a < b
    if shapely.relate_pattern(geoms[a[pair]], geoms[b[pair]], "T********").any():
        return None
    return _StateGrid(geoms)


class _StateGrid:
    """A regular lon/lat grid over the states, with what each cell can settle.

    Each cell holds the row of the state that wholly contains it, ``_BORDER``
    when a state boundary touches it, or ``_OUTSIDE`` when it lies wholly
    outside every state. Boundary cells are found by rasterising the rings
    (split into pieces shorter than half a cell, each marking the cells of
    its bounding box, widened by a rounding margin); the other cells are read
    row by row, one point per run of cells between boundary cells.

    An outside cell at least ``m + 1`` cells from every boundary cell is at
    least ``m * GRID_DEGREES`` degrees from the polygons, hence, in
    :data:`MEXICO_LCC`, at least ``scale * m * GRID_DEGREES - sagitta`` metres
    away, where ``scale`` is the least stretch (metres per degree) of the
    projection over the grid and ``sagitta`` the largest gap between a
    projected boundary segment and the projection of the straight lon/lat
    segment; both are measured when the grid is built. Beyond
    ``max_distance_km`` such a point gets no state without being projected.
    """

    #: Rounding margin (degrees) by which boundary pieces are widened.
    EPS = 1e-9

    def __init__(self, geoms, cell: float | None = None):
        import numpy as np
        import pyproj
        import shapely

        d = cell or GRID_DEGREES
        self.d = d
        self.geoms = geoms
        shapely.prepare(geoms)
        minx, miny, maxx, maxy = shapely.total_bounds(geoms)
        #: Degrees between the polygons' bounding box and the grid's edge.
        self.pad = 1.0
        self.x0 = np.floor((minx - self.pad) / d) * d
        self.y0 = np.floor((miny - self.pad) / d) * d
        self.nx = int(np.ceil((maxx + self.pad - self.x0) / d))
        self.ny = int(np.ceil((maxy + self.pad - self.y0) / d))
        self.border = self._rasterise(shapely.get_parts(shapely.boundary(geoms)))
        self.code = self._fill()
        self._to_lcc = pyproj.Transformer.from_crs("EPSG:4326", MEXICO_LCC, always_xy=True)
        lcc = np.asarray(_projected(geoms), dtype=object)
        shapely.prepare(lcc)
        self.lcc = lcc
        lines, owner = shapely.get_parts(shapely.boundary(lcc), return_index=True)
        xy, ring = shapely.get_coordinates(lines, return_index=True)
        same = ring[:-1] == ring[1:]
        self.segment_state = owner[ring[:-1][same]]
        self.segments = shapely.STRtree(
            shapely.linestrings(np.stack([xy[:-1][same], xy[1:][same]], axis=1))
        )
        self.scale = self._least_scale(minx, miny, maxx, maxy)
        self.sagitta = self._largest_sagitta()
        self._far_masks: dict[float, object] = {}

    # -- building ---------------------------------------------------------------
    def _cells(self, x, y):
        import numpy as np

        return (
            np.floor((x - self.x0) / self.d).astype(np.int64),
            np.floor((y - self.y0) / self.d).astype(np.int64),
        )

    def _rasterise(self, lines):
        import numpy as np
        import shapely

        xy, ring = shapely.get_coordinates(shapely.segmentize(lines, self.d / 2), return_index=True)
        same = ring[:-1] == ring[1:]
        a, b = xy[:-1][same], xy[1:][same]
        lo = np.minimum(a, b) - self.EPS
        hi = np.maximum(a, b) + self.EPS
        ix0, iy0 = self._cells(lo[:, 0], lo[:, 1])
        ix1, iy1 = self._cells(hi[:, 0], hi[:, 1])
        border = np.zeros((self.ny, self.nx), dtype=bool)
        span = max(int((ix1 - ix0).max()), int((iy1 - iy0).max()))
        for dx in range(span + 1):
            for dy in range(span + 1):
                ok = (ix0 + dx <= ix1) & (iy0 + dy <= iy1)
                border[iy0[ok] + dy, ix0[ok] + dx] = True
        return border

    def _fill(self):
        import numpy as np

        free = ~self.border.ravel()
        col = np.tile(np.arange(self.nx), self.ny)
        prev = np.concatenate([[False], free[:-1]])
        start = free & ((col == 0) | ~prev)
        run = np.cumsum(start) - 1
        first = np.flatnonzero(start)
        cx = self.x0 + (first % self.nx + 0.5) * self.d
        cy = self.y0 + (first // self.nx + 0.5) * self.d
        hits, state = self.containing(cx, cy)
        run_code = np.where(hits == 1, state, np.where(hits == 0, _OUTSIDE, _BORDER))
        code = np.full(self.ny * self.nx, _BORDER, dtype=np.int16)
        code[free] = run_code[run[free]]
        return code.reshape(self.ny, self.nx)

    def _least_scale(self, minx, miny, maxx, maxy):
        """Least stretch of lon/lat -> MEXICO_LCC over the sampled extent (m per degree)."""
        import numpy as np

        reach = 2 * self.pad
        lon, lat = np.meshgrid(
            np.linspace(minx - reach, maxx + reach, 81), np.linspace(miny - reach, maxy + reach, 81)
        )
        lon, lat, h = lon.ravel(), lat.ravel(), 1e-4
        x, y = self._to_lcc.transform(lon, lat)
        xe, ye = self._to_lcc.transform(lon + h, lat)
        xn, yn = self._to_lcc.transform(lon, lat + h)
        a, b = (xe - x) / h, (ye - y) / h
        c, e = (xn - x) / h, (yn - y) / h
        # Least singular value of the Jacobian [[a, c], [b, e]].
        p, q = a * a + b * b + c * c + e * e, np.abs(a * e - b * c)
        least = np.sqrt(np.maximum(p / 2 - np.sqrt(np.maximum(p * p / 4 - q * q, 0)), 0))
        return 0.99 * float(least.min())

    def _largest_sagitta(self):
        """Largest gap (m) between projected boundary segments and their true images."""
        import numpy as np
        import shapely

        xy, ring = shapely.get_coordinates(
            shapely.get_parts(shapely.boundary(self.geoms)), return_index=True
        )
        same = ring[:-1] == ring[1:]
        a, b = xy[:-1][same], xy[1:][same]
        ax, ay = self._to_lcc.transform(a[:, 0], a[:, 1])
        bx, by = self._to_lcc.transform(b[:, 0], b[:, 1])
        chord = np.hypot(bx - ax, by - ay)
        gap = np.zeros(len(a))
        for t in (0.25, 0.5, 0.75):
            m = a + t * (b - a)
            mx, my = self._to_lcc.transform(m[:, 0], m[:, 1])
            cross = np.abs((bx - ax) * (my - ay) - (by - ay) * (mx - ax))
            gap = np.maximum(
                gap, np.divide(cross, chord, out=np.zeros_like(cross), where=chord > 0)
            )
        return 1.5 * float(gap.max()) + 1.0

    # -- queries ------------------------------------------------------------------
    def cell_codes(self, x, y):
        """Code of each point's cell (``_BORDER`` outside the grid) and whether it is in it."""
        import numpy as np

        with np.errstate(invalid="ignore"):
            ix, iy = self._cells(np.nan_to_num(x, nan=-1e9), np.nan_to_num(y, nan=-1e9))
        in_grid = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        code = np.full(len(x), _BORDER, dtype=np.int64)
        code[in_grid] = self.code[iy[in_grid], ix[in_grid]]
        return code, in_grid

    def far(self, code, x, y, in_grid, max_distance_km):
        """Whether each point is surely farther than ``max_distance_km`` from every state."""
        import numpy as np

        reach = max_distance_km * 1000 + self.sagitta
        out = np.zeros(len(code), dtype=bool)
        outer = ~in_grid & np.isfinite(x) & np.isfinite(y)
        if self.scale * (self.pad - self.EPS) > reach:
            out[outer] = True
        mask = self._far_mask(max_distance_km)
        if mask is not None:
            ix, iy = self._cells(x[in_grid], y[in_grid])
            out[in_grid] = (code[in_grid] == _OUTSIDE) & mask[iy, ix]
        return out

    def _far_mask(self, max_distance_km):
        """Cells more than the reach (in cells) from every boundary cell; None if too far."""
        import numpy as np

        if max_distance_km in self._far_masks:
            return self._far_masks[max_distance_km]
        reach = max_distance_km * 1000 + self.sagitta
        m = int(np.ceil((reach / self.scale + self.EPS) / self.d)) + 1
        mask = None
        if m * self.d <= self.pad:
            near = self.border
            for axis in (0, 1):
                c = np.cumsum(near, axis=axis, dtype=np.int32)
                c = np.concatenate([np.zeros_like(c.take([0], axis=axis)), c], axis=axis)
                size = near.shape[axis]
                hi = np.minimum(np.arange(size) + m + 1, size)
                lo = np.maximum(np.arange(size) - m, 0)
                near = (c.take(hi, axis=axis) - c.take(lo, axis=axis)) > 0
            mask = ~near
        if len(self._far_masks) < 8:
            self._far_masks[max_distance_km] = mask
        return mask

    def containing(self, x, y):
        """How many polygons hold each point (boundary included) and the last one found."""
        import numpy as np
        import shapely

        hits = np.zeros(len(x), dtype=np.int64)
        state = np.full(len(x), -1, dtype=np.int64)
        for i, g in enumerate(self.geoms):
            hit = shapely.intersects_xy(g, x, y)
            hits += hit
            state[hit] = i
        return hits, state

    def nearest(self, x, y, max_distance_km):
        """Nearest state within reach of points outside every polygon (lon/lat degrees).

        Returns the positions that found one, their state rows and distances
        (km, rounded as the plain join rounds them), and the positions whose
        answer only the plain join can give: inside a projected polygon
        though outside it in degrees, or equally near two states.
        """
        import numpy as np
        import shapely

        px, py = self._to_lcc.transform(x, y)
        px, py = np.asarray(px, dtype=float), np.asarray(py, dtype=float)
        odd = ~(np.isfinite(px) & np.isfinite(py))
        for g in self.lcc:
            odd |= shapely.intersects_xy(g, px, py)
        ok = np.flatnonzero(~odd)
        (p, seg), d = self.segments.query_nearest(
            shapely.points(px[ok], py[ok]),
            max_distance=max_distance_km * 1000,
            return_distance=True,
            all_matches=True,
        )
        # All segments at the least distance, grouped by point.
        order = np.argsort(p, kind="stable")
        p, seg, d = p[order], seg[order], d[order]
        rows, first = np.unique(p, return_index=True)
        if len(p):
            s = self.segment_state[seg]
            lo, hi = np.minimum.reduceat(s, first), np.maximum.reduceat(s, first)
        else:
            lo = hi = np.zeros(0, dtype=np.int64)
        tie = lo != hi
        unsure = np.sort(np.concatenate([np.flatnonzero(odd), ok[rows[tie]]]))
        return ok[rows[~tie]], lo[~tie], np.round(d[first][~tie] / 1000, 3), unsure


def _projected(geoms):
    import geopandas as gpd

    return gpd.GeoSeries(geoms, crs="EPSG:4326").to_crs(MEXICO_LCC).values


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
