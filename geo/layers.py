"""GeoJSON layers of the incidents: one file per incident family, plus the states.

The map stage's data half: :func:`write_layers` writes ``layers/<layer>.geojson``
for every family in :data:`LAYERS` and ``layers/states.geojson`` with incident
counts per state, for QGIS or any GeoJSON reader. The files follow RFC 7946
(WGS84 longitude/latitude, no ``crs`` member, exterior rings counter-clockwise,
six decimals, about 0.1 m) and are deterministic: sorted keys, features sorted
by id, one feature per line, so a rerun on the same input gives byte-identical
files and a diff shows what changed.

Every file is written atomically (:func:`atomic_write_bytes`): a reader never
sees half a file, and a failed run leaves the previous file in place.

Examples
--------
>>> LAYERS["flights"]["title"]
'Flight suspensions'
>>> layer_of("arson")
'blockades_arson'
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError
from .records import Incident
from .taxonomy import load_taxonomy

__all__ = [
    "LAYERS",
    "COORDINATE_DECIMALS",
    "atomic_write_bytes",
    "atomic_writer",
    "feature_collection_bytes",
    "frame_features",
    "incident_features",
    "incidents_frame",
    "layer_of",
    "state_features",
    "states_frame",
    "write_layers",
    "write_geopackage",
    "flat_properties",
    "FLAT_COLUMNS",
    "output_set",
]


class _Layers(Mapping):
    """The map families of the taxonomy (``data/taxonomy.json``), in legend order.

    Each key maps to ``{"title", "event_types", "colour", "shape"}``; every
    event type belongs to exactly one layer. Read from the taxonomy on each
    access, so a data folder chosen at run time (``$GEO_DATA_DIR``) applies.
    """

    def __getitem__(self, key: str) -> dict:
        layer = load_taxonomy().layers[key]
        return {
            "title": layer.title,
            "event_types": layer.types,
            "colour": layer.colour,
            "shape": layer.shape,
        }

    def __iter__(self):
        return iter(load_taxonomy().layers)

    def __len__(self) -> int:
        return len(load_taxonomy().layers)


#: The incident families, in map and legend order (see :class:`_Layers`).
LAYERS: Mapping[str, dict] = _Layers()

#: Decimal places kept in written coordinates: 1e-6 degrees is about 0.11 m,
#: finer than any place the articles name (RFC 7946 section 11.2).
COORDINATE_DECIMALS = 6


def layer_of(event_type: str) -> str:
    """Return the key of the :data:`LAYERS` family holding an event type.

    Parameters
    ----------
    event_type : str
        An :attr:`geo.records.Incident.event_type`, e.g. ``"blockade"``.

    Returns
    -------
    str
        The layer key, e.g. ``"blockades_arson"``.

    Raises
    ------
    ValueError
        If the taxonomy has no such type.

    Examples
    --------
    >>> layer_of("flight_suspension")
    'flights'
    """
    return load_taxonomy().layer_of(event_type)


def _record(incident: Incident) -> dict:
    """The incident as a JSON-ready record (nested lists kept), with its layer key."""
    record = incident.to_dict()
    record["layer"] = layer_of(incident.event_type)
    return record


#: The properties of every incident feature (GeoJSON and GeoPackage), with
#: their one type: ``str`` (may be null), ``int`` or ``float``. Lists are
#: ``"; "``-joined; ``evidence`` joins ``[article] sentence`` with ``" | "``
#: and ``evidence_offsets`` gives ``article:start-end`` for each;
#: ``fatalities`` is 0 where no death is reported, as in ACLED (the JSON
#: output keeps null and the nested records).
FLAT_COLUMNS: dict[str, type] = {
    "event_id": str,
    "layer": str,
    "event_type": str,
    "event_type_acled": str,
    "sub_event_type": str,
    "location": str,
    "location_kind": str,
    "lat": float,
    "lon": float,
    "precision": str,
    "geo_precision": int,
    "admin1": str,
    "state": str,
    "iso_3166_2": str,
    "country": str,
    "event_date": str,
    "event_date_end": str,
    "date_basis": str,
    "article_dates": str,
    "sources": str,
    "outlets": str,
    "url": str,
    "urls": str,
    "titles": str,
    "evidence": str,
    "evidence_offsets": str,
    "casualties": str,
    "fatalities": int,
    "place_id": str,
    "lang": str,
    "located_by": str,
}


def _joined(values) -> str | None:
    text = "; ".join(str(v) for v in values if v)
    return text or None


def flat_properties(incident: Incident) -> dict:
    """The incident as flat properties: every value a scalar of its :data:`FLAT_COLUMNS` type.

    GIS readers (GDAL, QGIS, a Shapefile) take one type per field and no
    lists, so lists become ``"; "``-joined strings.

    Examples
    --------
    >>> from geo.records import Incident
    >>> inc = Incident("E1", "raid", "Battles", "Armed clash", "Tapalpa", "town", 19.9,
    ...                -103.8, "town", "14", "Jalisco", "MX-JAL", "MX", None, None,
    ...                sources=["a.txt", "b.txt"])
    >>> flat_properties(inc)["sources"], flat_properties(inc)["fatalities"]
    ('a.txt; b.txt', 0)
    """
    i = incident
    urls = [u for u in i.urls if u]
    return {
        "event_id": i.event_id,
        "layer": layer_of(i.event_type),
        "event_type": i.event_type,
        "event_type_acled": i.event_type_acled,
        "sub_event_type": i.sub_event_type,
        "location": i.location,
        "location_kind": i.location_kind,
        "lat": float(i.lat),
        "lon": float(i.lon),
        "precision": i.precision,
        "geo_precision": int(i.geo_precision),
        "admin1": i.admin1,
        "state": i.state,
        "iso_3166_2": i.iso_3166_2,
        "country": i.country,
        "event_date": i.event_date.isoformat() if i.event_date else None,
        "event_date_end": i.event_date_end.isoformat() if i.event_date_end else None,
        "date_basis": i.date_basis,
        "article_dates": _joined(d.isoformat() for d in i.article_dates),
        "sources": _joined(i.sources),
        "outlets": _joined(i.outlets),
        "url": urls[0] if urls else None,
        "urls": _joined(urls),
        "titles": _joined(i.titles),
        "evidence": " | ".join(f"[{e.article_id}] {e.text}" for e in i.evidence) or None,
        "evidence_offsets": _joined(f"{e.article_id}:{e.start}-{e.end}" for e in i.evidence),
        "casualties": _joined(f"{c.text} ({c.source})" for c in i.casualties),
        "fatalities": int(i.fatalities or 0),
        "place_id": i.place_id,
        "lang": _joined(i.lang),
        "located_by": _joined(i.located_by),
    }


def incidents_frame(incidents: list[Incident]):
    """Build a point GeoDataFrame of incidents, one row per incident.

    Parameters
    ----------
    incidents : list of Incident
        The incident records; ``lat``/``lon`` are WGS84 degrees.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326 points (x = longitude, y = latitude) in input order. The
        columns are the keys of :meth:`Incident.to_dict` plus ``layer`` (the
        :data:`LAYERS` key). Columns have ``object`` dtype so values keep
        their JSON types: ``fatalities`` stays an int or None (not a float
        NaN), ``sources``, ``outlets`` and ``article_dates`` stay lists of
        strings, ``evidence`` a list of ``{article_id, outlet, start, end,
        text}`` dicts and ``casualties`` a list of ``{outcome, count, who,
        source}`` dicts.

    Raises
    ------
    ValueError
        If an incident's event type belongs to no layer.

    Examples
    --------
    >>> incidents_frame([]).shape[0]
    0
    """
    import pandas as pd

    from .join import points_frame

    rows = [_record(i) for i in incidents]
    columns = list(rows[0]) if rows else _record_columns()
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return points_frame(frame)


def incident_features(incidents: list[Incident]) -> list[dict]:
    """RFC 7946 point features of incidents, sorted by ``event_id``.

    Properties are :func:`flat_properties`: scalars, one type per column
    across every layer. Built without a GeoDataFrame (geopandas is slow to
    import for a small run).
    """
    import numpy as np

    if not incidents:
        return []
    xy = np.round(np.array([[i.lon, i.lat] for i in incidents], dtype=float), COORDINATE_DECIMALS)
    features = [
        {
            "type": "Feature",
            "id": i.event_id,
            "geometry": {"type": "Point", "coordinates": [float(x), float(y)]},
            "properties": flat_properties(i),
        }
        for i, (x, y) in zip(incidents, xy.tolist())
    ]
    return sorted(features, key=lambda f: f["id"])


def state_features(incidents: list[Incident], states=None) -> list[dict]:
    """RFC 7946 features of the 32 states with their incident counts, sorted by ISO code.

    Properties: ``name``, ``iso_3166_2``, ``inegi``, ``incidents_<layer>`` for
    every :data:`LAYERS` key and ``incidents_total`` (see :func:`states_frame`).
    With ``states`` None the bundled polygons are used through shapely alone;
    a GeoDataFrame of states goes through :func:`states_frame`.
    """
    if states is not None:
        features = frame_features(states_frame(incidents, states), "iso_3166_2")
        return [{**f, "geometry": _multi(f["geometry"])} for f in features]
    from collections import Counter

    tally = Counter((i.iso_3166_2, layer_of(i.event_type)) for i in incidents)
    out = []
    for props, geometry in _bundled_states():
        iso = props["iso_3166_2"]
        counts = {f"incidents_{key}": tally.get((iso, key), 0) for key in LAYERS}
        out.append(
            {
                "type": "Feature",
                "id": iso,
                "geometry": _multi(geometry),
                "properties": {**props, **counts, "incidents_total": sum(counts.values())},
            }
        )
    return out


_STATES_CACHE: list | None = None


def _multi(geometry: dict) -> dict:
    """A Polygon as a one-part MultiPolygon: one geometry type for the whole states layer."""
    if geometry["type"] == "Polygon":
        return {"type": "MultiPolygon", "coordinates": [geometry["coordinates"]]}
    return geometry


def _bundled_states() -> list[tuple[dict, dict]]:
    """(name/iso/inegi, geometry) of the bundled states, by ISO code, cached.

    ``data/states.geojson`` is written RFC 7946-ready by ``geo data build``
    (exteriors counter-clockwise, five decimals), so its geometries are used
    as they are; a test checks that :func:`_rfc7946_geometries` leaves them
    unchanged.
    """
    global _STATES_CACHE
    if _STATES_CACHE is None:
        from .gazetteer import load_gazetteer

        feats = sorted(
            load_gazetteer().state_geojson["features"], key=lambda f: f["properties"]["iso_3166_2"]
        )
        _STATES_CACHE = [
            ({k: f["properties"][k] for k in ("name", "iso_3166_2", "inegi")}, f["geometry"])
            for f in feats
        ]
    return _STATES_CACHE


def _record_columns() -> list[str]:
    from dataclasses import fields

    return [f.name for f in fields(Incident)] + ["geo_precision", "fatalities", "layer"]


def states_frame(incidents: list[Incident], states=None):
    """Count the incidents of each layer in each Mexican state.

    An incident counts in the state of its ``iso_3166_2`` (set by the join
    stage from the state polygons), so state-level incidents count in their
    state and country-level ones in none.

    Parameters
    ----------
    incidents : list of Incident
        The incident records.
    states : geopandas.GeoDataFrame, optional
        State polygons with ``name``, ``iso_3166_2`` and ``inegi`` columns;
        defaults to :func:`geo.join.load_states`. Reprojected to WGS84 if
        needed.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per state, sorted by ``iso_3166_2``, with ``name``,
        ``iso_3166_2``, ``inegi``, one ``incidents_<layer>`` column per
        :data:`LAYERS` key, ``incidents_total`` and the polygon geometry.

    Raises
    ------
    ValueError
        If ``states`` lacks a needed column or has no CRS, or an incident's
        event type belongs to no layer.
    """
    import pandas as pd

    from .join import load_states

    states = _check_states(load_states() if states is None else states)
    out = states[["name", "iso_3166_2", "inegi", "geometry"]].sort_values("iso_3166_2")
    out = out.reset_index(drop=True)
    tally = pd.DataFrame(
        {
            "iso": [i.iso_3166_2 for i in incidents],
            "layer": [layer_of(i.event_type) for i in incidents],
        },
        dtype=object,
    )
    counts = (
        tally.groupby(["iso", "layer"]).size().unstack(fill_value=0)
        if len(tally)
        else pd.DataFrame()
    )
    counts = counts.reindex(index=out["iso_3166_2"], columns=list(LAYERS), fill_value=0)
    for key in LAYERS:
        out[f"incidents_{key}"] = counts[key].to_numpy(dtype="int64")
    out["incidents_total"] = counts.sum(axis=1).to_numpy(dtype="int64")
    return out.set_geometry("geometry")


def _check_states(states):
    missing = {"name", "iso_3166_2", "inegi", "geometry"} - set(states.columns)
    if missing:
        raise ValueError(f"states frame lacks the columns {sorted(missing)}")
    if states.crs is None:
        raise ValueError("states frame has no CRS: set EPSG:4326 (WGS84)")
    return states if states.crs.equals("EPSG:4326") else states.to_crs("EPSG:4326")


def _rfc7946_geometries(geometries) -> list[dict]:
    """GeoJSON geometry dicts: coordinates rounded, polygon exteriors counter-clockwise."""
    import numpy as np
    import shapely

    rounded = shapely.transform(
        np.asarray(geometries), lambda xy: np.round(xy, COORDINATE_DECIMALS)
    )
    oriented = shapely.orient_polygons(rounded, exterior_cw=False)
    # shapely writes GeoJSON in C; reading it back is faster than walking
    # every vertex through ``__geo_interface__``.
    return [json.loads(text) for text in shapely.to_geojson(oriented)]


def frame_features(frame, id_column: str) -> list[dict]:
    """Turn a WGS84 GeoDataFrame into RFC 7946 GeoJSON features, sorted by id.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Rows to encode, in EPSG:4326 (x = longitude, y = latitude). Column
        values must be JSON types (see :func:`incidents_frame`).
    id_column : str
        The column giving each feature's ``id`` (it stays a property too).

    Returns
    -------
    list of dict
        Features with coordinates rounded to :data:`COORDINATE_DECIMALS` and
        polygon exteriors counter-clockwise, holes clockwise.
    """
    properties = frame.drop(columns=frame.geometry.name).to_dict("records")
    geometries = _rfc7946_geometries(frame.geometry.values)
    features = [
        {"type": "Feature", "id": p[id_column], "geometry": g, "properties": p}
        for p, g in zip(properties, geometries)
    ]
    return sorted(features, key=lambda f: f["id"])


def feature_collection_bytes(features: list[dict]) -> bytes:
    r"""Encode features as a deterministic RFC 7946 FeatureCollection.

    Keys are sorted, non-ASCII text is kept as UTF-8, NaN is refused (it is
    not JSON) and each feature sits on its own line, so files diff well.

    Parameters
    ----------
    features : list of dict
        GeoJSON Feature objects, already in their final order.

    Returns
    -------
    bytes
        UTF-8 JSON ending with a newline.

    Raises
    ------
    TypeError
        If a property is not JSON-serialisable.
    ValueError
        If a number is NaN or infinite.

    Examples
    --------
    >>> feature_collection_bytes([])
    b'{"features": [], "type": "FeatureCollection"}\n'
    """
    lines = [json.dumps(f, sort_keys=True, ensure_ascii=False, allow_nan=False) for f in features]
    body = "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"
    return ('{"features": ' + body + ', "type": "FeatureCollection"}\n').encode("utf-8")


def write_layers(incidents: list[Incident], out_dir: Path, states=None) -> list[Path]:
    """Write one GeoJSON layer per incident family and one of the states.

    Writes ``out_dir/layers/<layer>.geojson`` for every key of
    :data:`LAYERS`, even when a layer is empty, then
    ``out_dir/layers/states.geojson``. Incident features are WGS84 points at
    the incident's ``lat``/``lon`` (state-level and country-level incidents
    too: their point is the state's or country's label point, and
    ``precision`` says so), with ``id`` = ``event_id`` and the incident
    record as properties (see :func:`incidents_frame`). State features carry
    ``name``, ``iso_3166_2``, ``inegi`` and the counts of
    :func:`states_frame`.

    All files are encoded before the first is written, so bad data (a
    property that is not JSON) leaves every previous file untouched; each
    file is then replaced atomically.

    Parameters
    ----------
    incidents : list of Incident
        The incidents, with their state set by the join stage.
    out_dir : pathlib.Path
        Output folder; ``layers/`` is created inside it.
    states : geopandas.GeoDataFrame, optional
        State polygons; defaults to :func:`geo.join.load_states`.

    Returns
    -------
    list of pathlib.Path
        The files written: the layers in :data:`LAYERS` order, then
        ``states.geojson``.

    Raises
    ------
    OutputError
        If the folder or a file cannot be written.
    ValueError
        If an incident's event type has no layer or a coordinate is NaN.
    TypeError
        If an incident holds a value JSON cannot encode.

    See Also
    --------
    geo.webmap.write_map : the map drawn from the same incidents.
    """
    features = incident_features(incidents)
    documents = {
        key: feature_collection_bytes([f for f in features if f["properties"]["layer"] == key])
        for key in LAYERS
    }
    documents["states"] = feature_collection_bytes(state_features(incidents, states))
    folder = Path(out_dir) / "layers"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {folder}: {exc.strerror}") from exc
    return [
        atomic_write_bytes(folder / f"{name}.geojson", data) for name, data in documents.items()
    ]


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write a file so that readers see the old content or the new, never a part.

    The bytes go to a hidden temporary file in the same folder (so the final
    rename stays on one file system), are flushed to disk, and the file is
    renamed over ``path`` with :func:`os.replace`, which is atomic on POSIX
    and Windows. If anything fails, the temporary file is removed and
    ``path`` keeps its previous content. The new file gets the usual
    permissions (0o666 less the umask).

    Parameters
    ----------
    path : pathlib.Path
        The file to write; its folder must exist.
    data : bytes
        The complete new content.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    OutputError
        If the folder or file cannot be written (the message names the path).
    TypeError
        If ``data`` is not bytes-like.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> atomic_write_bytes(folder / "a.txt", b"hello").read_bytes()
    b'hello'
    """
    with atomic_writer(path) as fh:
        fh.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write piece by piece, in place of ``path`` only once complete.

    What :func:`atomic_write_bytes` does, for content that comes in pieces
    (a streamed CSV): if the block raises, the temporary file is removed,
    ``path`` keeps its previous content and the exception goes on.

    Raises
    ------
    OutputError
        If the folder or file cannot be written (the message names the path).
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    done = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        done = True
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if not done:
            tmp.unlink(missing_ok=True)


def _layer_frame(rows: list[dict], columns: dict[str, type], geometries, geometry_type: str):
    """A GeoDataFrame with one dtype per column, even when the layer is empty."""
    import geopandas as gpd
    import pandas as pd

    dtypes = {int: "int64", float: "float64", str: object}
    frame = pd.DataFrame(
        {
            name: pd.Series([r[name] for r in rows], dtype=dtypes[kind])
            for name, kind in columns.items()
        }
    )
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometries, crs="EPSG:4326"))


def write_geopackage(incidents: list[Incident], path: Path, states=None) -> Path:
    """Write the layers as one GeoPackage: a table per incident family, plus ``states``.

    The same features as :func:`write_layers`, for QGIS and GDAL: each
    incident table has the :data:`FLAT_COLUMNS` fields with one type each
    (``fatalities`` and ``geo_precision`` Integer, ``lat``/``lon`` Real,
    the rest String) and Point geometry; ``states`` has MultiPolygon
    geometry and Integer counts. Empty families are empty tables. The file
    is written beside ``path`` and moved over it once complete.

    Parameters
    ----------
    incidents : list of Incident
        The incidents, with their state set by the join stage.
    path : pathlib.Path
        The ``.gpkg`` file to write.
    states : geopandas.GeoDataFrame, optional
        State polygons; defaults to the bundled ones.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    OutputError
        If the file cannot be written.
    """
    import pyogrio
    import shapely

    path = Path(path)
    features = incident_features(incidents)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp.gpkg")
    try:
        for key in LAYERS:
            rows = [f["properties"] for f in features if f["properties"]["layer"] == key]
            points = shapely.points([[r["lon"], r["lat"]] for r in rows]) if rows else []
            frame = _layer_frame(rows, FLAT_COLUMNS, points, "Point")
            pyogrio.write_dataframe(
                frame, tmp, layer=key, driver="GPKG", geometry_type="Point", append=tmp.exists()
            )
        state_feats = state_features(incidents, states)
        state_rows = [f["properties"] for f in state_feats]
        columns = {"name": str, "iso_3166_2": str, "inegi": str}
        columns.update({k: int for k in state_rows[0] if k not in columns} if state_rows else {})
        geoms = [shapely.geometry.shape(f["geometry"]) for f in state_feats]
        frame = _layer_frame(
            [{k: (str(v) if columns[k] is str else v) for k, v in r.items()} for r in state_rows],
            columns,
            geoms,
            "MultiPolygon",
        )
        pyogrio.write_dataframe(
            frame,
            tmp,
            layer="states",
            driver="GPKG",
            geometry_type="MultiPolygon",
            promote_to_multi=True,
            append=True,
        )
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except pyogrio.errors.DataSourceError as exc:
        raise OutputError(f"cannot write {path}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path


@contextlib.contextmanager
def output_set(out_dir: Path) -> Iterator[Path]:
    """A staging folder for one run's outputs, swapped in together once all are written.

    Write every output under the folder this yields, with the paths it will
    have under ``out_dir`` (``incidents.html``, ``layers/raid.geojson``...).
    When the block ends normally, each staged file replaces its target; an
    exception (or an interrupt) inside the block leaves every previous
    output as it was. The swap is a few renames, each atomic, run with
    SIGINT and SIGTERM held back, so an interrupt waits for the swap to end
    and a reader finds the old set or the new set, never a mix; if a rename
    fails, those already done are undone. The staging folder is hidden
    (``.geo-new-...``) inside ``out_dir``, so the renames stay on one file
    system; it is removed in every case.

    Raises
    ------
    OutputError
        If the staging folder cannot be made or a file cannot be swapped in.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> with output_set(out) as stage:
    ...     _ = (stage / "a.txt").write_text("new")
    >>> (out / "a.txt").read_text(), [p.name for p in out.iterdir()]
    ('new', ['a.txt'])
    """
    import shutil

    out_dir = Path(out_dir)
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    stage = out_dir / f".geo-new-{token}"
    try:
        stage.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(f"cannot write in {out_dir}: {exc.strerror or exc}") from exc
    try:
        yield stage
        _swap_in(stage, out_dir, out_dir / f".geo-old-{token}")
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _swap_in(stage: Path, out_dir: Path, backup: Path) -> None:
    import shutil
    import signal

    staged = sorted(p.relative_to(stage) for p in stage.rglob("*") if p.is_file())
    held = {signal.SIGINT, signal.SIGTERM}
    can_hold = hasattr(signal, "pthread_sigmask")
    if can_hold:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    done: list[tuple[Path, bool]] = []
    try:
        for rel in staged:
            target = out_dir / rel
            had_old = target.exists()
            if had_old:
                (backup / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, backup / rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.replace(stage / rel, target)
            except OSError:
                if had_old:
                    os.replace(backup / rel, target)
                raise
            done.append((rel, had_old))
    except OSError as exc:
        for rel, had_old in reversed(done):
            if had_old:
                os.replace(backup / rel, out_dir / rel)
            else:
                (out_dir / rel).unlink(missing_ok=True)
        raise OutputError(
            f"cannot replace the outputs in {out_dir}: {exc.strerror or exc}"
        ) from exc
    finally:
        if can_hold:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        shutil.rmtree(backup, ignore_errors=True)
