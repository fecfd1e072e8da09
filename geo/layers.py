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
    """The incident as flat JSON-ready properties, with its layer key."""
    record = incident.to_dict()
    record["layer"] = layer_of(incident.event_type)
    return record


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

    The same features :func:`frame_features` makes from :func:`incidents_frame`,
    built without a GeoDataFrame (geopandas is slow to import for a small run).
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
            "properties": _record(i),
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
        return frame_features(states_frame(incidents, states), "iso_3166_2")
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
                "geometry": geometry,
                "properties": {**props, **counts, "incidents_total": sum(counts.values())},
            }
        )
    return out


_STATES_CACHE: list | None = None


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
