"""The Leaflet map of the incidents (folium), for analysts, readable offline.

:func:`build_map` draws every incident as a marker coloured and shaped by its
family (:data:`geo.layers.LAYERS`) over the 32 states shaded by incident
count, and :func:`write_map` writes it as one self-contained HTML file. The
page (its script and style are ``geo/assets/map.js`` and ``map.css``,
inlined when the page is written) has:

* a header: the title says the date range shown and how many incidents and
  articles are in view; a slider over the incidents' dates with a histogram
  per day or week (longer periods for long corpora) and a play button; state
  and outlet filters; buttons folding the filters, the layer control, the
  legend and (on a phone) the list;
* a list of the incidents beside the map (date, type, place, state,
  fatalities, sources), sortable, with a search box over place, state,
  outlet and the evidence's words; a row flies to its marker and opens its
  popup, and hovering a state-wide incident's row or marker lights its
  state's shape;
* one filter state shared by the markers, the state shading (quantile class
  breaks of the counts in view), the list, the histogram and the title, kept
  in the URL fragment so a filtered view can be bookmarked or shared; the
  family checkboxes of the layer control are the family filter;
* from :data:`CLUSTER_FROM` incidents on, one clustering for all families,
  each cluster a ring of its families' colours around its count.

Three things differ from a stock folium map, on purpose:

* **Offline.** Leaflet's JS and CSS (from the ``xstatic-leaflet`` package) are
  inlined and folium's CDN links (Leaflet, jQuery, Bootstrap, Font Awesome,
  awesome-markers) are dropped; markers are inline SVG, so the page asks the
  network for nothing but the OpenStreetMap tiles. Without a network the
  state polygons, on a plain background, are the base map. ``cdn=True`` keeps
  folium's links instead.
* **Safe.** Article text (evidence, place names, outlets, ids) is
  HTML-escaped where it becomes HTML, and reaches the page's scripts only
  through JSON with ``<``, ``>``, ``&`` and ``'`` escaped, so no string can
  close the ``<script>`` or run code. folium's own ``Popup`` is not used: it
  pastes raw HTML into a JavaScript template literal and needs jQuery.
* **Deterministic.** folium gives every element a random id; ids here are
  numbered in tree order, so the same incidents give byte-identical HTML.

Marker style says how precise the place is: filled for an exact point or a
town, hollow and dashed for "somewhere in the state" (drawn at the state's
label point), hollow and dotted for the whole country. Markers sharing a
spot are spread on a small ring around it so none hides another.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import math
import re
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import MacroElement
from folium.template import Template

from .errors import DataError
from .layers import LAYERS, atomic_write_bytes, layer_of, state_features
from .records import PRECISION_ORDER, PRECISIONS, Incident
from .taxonomy import load_taxonomy

__all__ = [
    "build_map",
    "write_map",
    "popup_fields",
    "marker_svg",
    "MEXICO_BOUNDS",
    "STATE_FILLS",
    "CLUSTER_FROM",
]

#: From this many incidents on, markers are clustered (Leaflet.markercluster):
#: a few hundred separate markers already hide each other at country zoom,
#: and tens of thousands would not draw in a few seconds.
CLUSTER_FROM = 300

#: Mexico's extent as ((south, west), (north, east)) in degrees, the view when
#: there is nothing to fit.
MEXICO_BOUNDS = ((14.5, -118.4), (32.7, -86.7))

#: Fills of the state shading: no incidents, then up to five classes whose
#: breaks are quantiles of the counts in view (computed in the page, so they
#: follow the filters). Greens, so the shading never looks like a marker colour.
STATE_FILLS = ("#f4f3ee", "#d9f0d3", "#a6dba0", "#5aae61", "#1b7837", "#00441b")

_EPOCH = date(1970, 1, 1)

#: Decimal places of the page's marker coordinates: 1e-4 degrees is about 11 m,
#: finer than a marker at any zoom that matters (the GeoJSON layers keep 6).
_PAGE_DECIMALS = 4

#: Marker size in pixels, SVG stroke style and stacking for each precision:
#: exact places are drawn above state-wide ones, which are above country-wide.
_PRECISION_STYLE = {
    "point": {"size": 22, "hollow": False, "dash": None, "stroke": 1.6, "z": 1000},
    "town": {"size": 22, "hollow": False, "dash": None, "stroke": 1.6, "z": 1000},
    "state": {"size": 26, "hollow": True, "dash": "3.2 2.6", "stroke": 2.6, "z": 0},
    "country": {"size": 30, "hollow": True, "dash": "0.1 3.2", "stroke": 3.2, "z": -1000},
}

_PRECISION_TEXT = {
    "point": "exact point",
    "town": "town or city",
    "state": "somewhere in the state (marker at the state's label point)",
    "country": "country-wide (marker at the country's reference point)",
}


def _precision_text(incident: Incident) -> str:
    """What the marker's position means, for the popup."""
    if incident.precision == "state" and incident.location_kind == "region":
        return "somewhere in the region (marker at its main town)"
    return _PRECISION_TEXT[incident.precision]


def _star_points(cx=12.0, cy=12.6, outer=10.8, inner=4.6) -> str:
    corners = []
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        a = -math.pi / 2 + k * math.pi / 5
        corners.append(f"{cx + r * math.cos(a):.2f},{cy + r * math.sin(a):.2f}")
    return " ".join(corners)


#: SVG outlines of the marker shapes in a 24 x 24 box; ``{a}`` takes the style.
_SHAPES = {
    "circle": '<circle cx="12" cy="12" r="8.6" {a}/>',
    "square": '<rect x="4.2" y="4.2" width="15.6" height="15.6" {a}/>',
    "triangle": '<polygon points="12,2.8 21.6,20 2.4,20" {a}/>',
    "diamond": '<polygon points="12,1.8 22.2,12 12,22.2 1.8,12" {a}/>',
    "star": f'<polygon points="{_star_points()}" {{a}}/>',
    "hexagon": '<polygon points="12,2 20.7,7 20.7,17 12,22 3.3,17 3.3,7" {a}/>',
}


def marker_svg(shape: str, colour: str, precision: str = "point", size: int | None = None) -> str:
    """Return the inline SVG of a marker: a shape, a colour, a precision style.

    Parameters
    ----------
    shape : str
        A key of the shape table: ``circle``, ``square``, ``triangle``,
        ``diamond`` or ``star``.
    colour : str
        A CSS colour, e.g. ``"#d62728"``.
    precision : str, default "point"
        An incident precision (:data:`geo.records.PRECISIONS`): filled for
        ``point``/``town``, hollow dashed for ``state``, hollow dotted with a
        centre dot for ``country``.
    size : int, optional
        Width and height in pixels; defaults to the precision's size.

    Returns
    -------
    str
        An ``<svg>`` element, with no script and no external reference.

    Examples
    --------
    >>> marker_svg("circle", "#000", "town", 10)[:40]
    '<svg xmlns="http://www.w3.org/2000/svg" '
    """
    style = _PRECISION_STYLE[precision]
    size = size or style["size"]
    if style["hollow"]:
        attrs = (
            f'fill="#ffffff" fill-opacity="0.9" stroke="{colour}" '
            f'stroke-width="{style["stroke"]}" stroke-dasharray="{style["dash"]}" '
            'stroke-linecap="round"'
        )
    else:
        attrs = f'fill="{colour}" stroke="#ffffff" stroke-width="{style["stroke"]}"'
    body = _SHAPES[shape].format(a=attrs)
    if precision == "country":
        body += f'<circle cx="12" cy="12.4" r="2.8" fill="{colour}"/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 24 24" aria-hidden="true">{body}</svg>'
    )


# -- text -------------------------------------------------------------------


def _type_label(event_type: str) -> str:
    return load_taxonomy().label(event_type)


def _date_text(incident: Incident) -> str:
    start, end = incident.event_date, incident.event_date_end
    if start is None:
        return "unknown"
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} to {end.isoformat()}"


def _casualty_text(incident: Incident) -> str:
    return "; ".join(f"{c.text} (per {c.source})" for c in incident.casualties)


def popup_fields(incident: Incident) -> dict:
    """Return what one incident's popup shows, as plain text.

    The page builds the popup from these strings with DOM text nodes
    (``textContent``), never as HTML, so article text shows as text
    whatever it contains.

    Parameters
    ----------
    incident : Incident
        The incident to describe.

    Returns
    -------
    dict
        ``title``; ``rows``, a list of (label, value) pairs (place, state,
        date, when reported, precision, ACLED type, casualties as each source
        gave them, sources); ``evidence``, a list of (quote, citation: outlet
        and article) pairs; ``links``, (title, URL) of each source article
        with a web address; ``id``.

    Examples
    --------
    >>> from geo.records import Incident
    >>> inc = Incident("E1", "raid", "Battles", "Armed clash", "Tapalpa", "town", 19.9,
    ...                -103.8, "town", "14", "Jalisco", "MX-JAL", "MX", None, None)
    >>> popup_fields(inc)["rows"][0]
    ('Place', 'Tapalpa (town)')
    """
    state = f"{incident.state} ({incident.iso_3166_2})" if incident.state else incident.country
    rows = [
        ("Place", f"{incident.location} ({incident.location_kind})"),
        ("State", state),
        ("Date", _date_text(incident)),
        ("Reported", ", ".join(d.isoformat() for d in incident.article_dates) or "unknown"),
        (
            "Precision",
            f"{_precision_text(incident)} (geo_precision {incident.geo_precision})",
        ),
        ("ACLED", f"{incident.event_type_acled} / {incident.sub_event_type}"),
    ]
    if incident.casualties:
        rows.append(("Casualties", _casualty_text(incident)))
    rows.append(("Sources", ", ".join(incident.outlets or incident.sources) or "unknown outlet"))
    # Character offsets stay in the GeoJSON and CSV: the page shows the quote.
    evidence = [
        (ev.text, f"{ev.outlet or 'unknown outlet'}, {ev.article_id}") for ev in incident.evidence
    ]
    return {
        "title": _type_label(incident.event_type),
        "rows": rows,
        "evidence": evidence,
        "links": _article_links(incident),
        "id": incident.event_id,
    }


def _article_links(incident: Incident) -> list[tuple[str, str]]:
    """(title or article id, URL) of each source article with a web address."""
    out = []
    for k, source in enumerate(getattr(incident, "sources", [])):
        urls, titles = getattr(incident, "urls", []), getattr(incident, "titles", [])
        url = urls[k] if k < len(urls) else None
        title = titles[k] if k < len(titles) else None
        if url and url.startswith(("https://", "http://")):
            out.append((title or source, url))
    return out


def _tooltip_text(incident: Incident) -> str:
    where = (
        incident.location
        if incident.precision != "state"
        else f"{incident.location} ({incident.location_kind})"
    )
    return f"{_type_label(incident.event_type)}: {where}, {_date_text(incident)}"


def _check_title_info(title_info) -> tuple[list[str], list[str]]:
    if not isinstance(title_info, dict) or not {"dates", "sources"} <= set(title_info):
        raise ValueError(
            f"title_info must be a dict with 'dates' and 'sources' lists, got {title_info!r:.80}"
        )
    dates, sources = title_info["dates"], title_info["sources"]
    for key, values in (("dates", dates), ("sources", sources)):
        if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"title_info[{key!r}] must be a list of strings, got {values!r:.80}")
    return list(dates), list(sources)


def _listing(values: list[str], keep: int) -> str:
    if len(values) <= keep:
        return ", ".join(values)
    return ", ".join(values[:keep]) + f" and {len(values) - keep} more"


def _dates_listing(dates: list[str]) -> str:
    dates = sorted(set(dates))
    if len(dates) <= 4:
        return ", ".join(dates)
    return f"{dates[0]} to {dates[-1]} ({len(dates)} dates)"


def _title_texts(dates: list[str], sources: list[str], n_incidents: int) -> tuple[str, str]:
    """The page title and the subtitle line, as plain (unescaped) text."""
    sources = sorted(set(sources))
    title = (
        f"Incidents in Mexico reported {_dates_listing(dates)}"
        if dates
        else "Incidents in Mexico (article dates unknown)"
    )
    sub = (
        f"{n_incidents} incident{'s' * (n_incidents != 1)} from {len(sources)} "
        f"source{'s' * (len(sources) != 1)}: {_listing(sources, 8) or 'none'}"
    )
    return title, sub


# -- map elements -------------------------------------------------------------


class _InlineAssets(MacroElement):
    """A library's CSS and JS written into the page instead of linked."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
    """)

    def __init__(self, name: str, assets: tuple[str, str]):
        super().__init__()
        self._name = name
        self.css, self.js = assets


def _inlinable(base: Path, css: str, js: str) -> tuple[str, str]:
    """Drop the source-map link and refuse text that would close its tag early."""
    js = re.sub(r"//# sourceMappingURL=\S+\s*$", "", js)
    for kind, text in (("CSS", css), ("JS", js)):
        if re.search(r"</(script|style)", text, re.IGNORECASE):
            raise DataError(f"{base}: its {kind} contains a closing tag and cannot be inlined")
    return css, js


@lru_cache(maxsize=1)
def _leaflet_assets() -> tuple[str, str]:
    """Leaflet 1.9.3's CSS (images as data URIs) and JS, ready to inline."""
    import xstatic.pkg.leaflet as xleaflet

    base = Path(xleaflet.BASE_DIR)
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"url\(images/([\w.-]+\.png)\)", lambda m: _data_uri(base / "images" / m[1]), css)
    return _inlinable(base, css, (base / "leaflet.js").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _markercluster_assets() -> tuple[str, str]:
    """Leaflet.markercluster's CSS and JS (xstatic package), ready to inline."""
    import xstatic.pkg.leaflet_markercluster as xcluster

    base = Path(xcluster.BASE_DIR)
    css = "\n".join(
        (base / n).read_text(encoding="utf-8")
        for n in ("MarkerCluster.css", "MarkerCluster.Default.css")
    )
    return _inlinable(base, css, (base / "leaflet.markercluster.js").read_text(encoding="utf-8"))


def _data_uri(path: Path) -> str:
    return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"


class _PageAssets(MacroElement):
    """The page's own CSS and JS (``geo/assets/map.css``, ``map.js``), inlined.

    ``map.js`` defines ``GeoMap``: it draws the markers and the state shapes
    from :class:`_IncidentData` and drives the time control, the filters, the
    list and the URL fragment (see the comment at its top).
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "PageAssets"
        self.css, self.js = _page_assets()


@lru_cache(maxsize=1)
def _page_assets() -> tuple[str, str]:
    """``geo/assets/map.css`` and ``map.js``, read through importlib.resources."""
    from importlib.resources import files

    base = files("geo") / "assets"
    try:
        css = (base / "map.css").read_text(encoding="utf-8")
        js = (base / "map.js").read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read the map page's assets from {base}: {exc}") from None
    return _inlinable(Path(str(base)), css, js)


class _HtmlBlock(MacroElement):
    """A block of ready, escaped HTML placed in the page body (title, legend)."""

    _template = Template("""
        {% macro html(this, kwargs) %}{{ this.markup }}{% endmacro %}
    """)

    def __init__(self, markup: str, name: str):
        super().__init__()
        self._name = name
        self.markup = markup


def script_json(data) -> str:
    r"""Serialise data as compact JSON that is safe inside an inline ``<script>``.

    ``<``, ``>``, ``&`` and ``'`` become ``\u003c`` and so on, as Jinja's
    ``tojson`` does, so no string can close the script or open a comment;
    other characters stay UTF-8 and separators have no spaces, which keeps a
    50,000-incident page small.

    Examples
    --------
    >>> print(script_json({"a": "</script>é"}))
    {"a":"\u003c/script\u003eé"}
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("'", "\\u0027"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


class _IncidentData(MacroElement):
    """All incident markers' data, once, as JSON: a string table and rows.

    The JSON is written by :func:`script_json`, which escapes ``<``, ``>``,
    ``&`` and ``'``: no string can end the inline script.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.json }};
        {% endmacro %}
    """)

    def __init__(self, data: dict):
        super().__init__()
        self._name = "IncidentData"
        self.data = data
        self.json = script_json(data)


class _Registered(MacroElement):
    """Tells ``GeoMap`` which layer-control group is a family's (or the states')."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        GeoMap.register({{ this.key|tojson }}, {{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, key: str):
        super().__init__()
        self._name = "Registered"
        self.key = key


class _MapStart(MacroElement):
    """Starts ``GeoMap`` once every layer and the layer control exist."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        GeoMap.start({{ this._parent.get_name() }}, {{ this.source.get_name() }},
                     {{ this.config }});
        {% endmacro %}
    """)

    def __init__(self, source: _IncidentData, config: dict):
        super().__init__()
        self._name = "MapStart"
        self.source = source
        self.config = script_json(config)


class _SpotDots(MacroElement):
    """Small dots marking the true spot at the centre of each marker ring."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        GeoMap.dots({{ this.spots|tojson }}, {{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, spots: list[list[float]]):
        super().__init__()
        self._name = "SpotDots"
        self.spots = spots


# -- features -----------------------------------------------------------------


def _ring_offsets(frame):
    """Pixel offsets spreading incidents that share a spot on a ring around it.

    Incidents at the same rounded lat/lon are ordered by layer then event id
    and placed evenly on a circle, the first at the top; a lone incident
    stays on its spot.
    """
    import numpy as np

    rank = frame["layer"].map({k: n for n, k in enumerate(LAYERS)}).astype(int)
    spot = [frame["lat"].astype(float).round(6), frame["lon"].astype(float).round(6)]
    order = frame.assign(_rank=rank, _lat=spot[0], _lon=spot[1]).sort_values(["_rank", "event_id"])
    groups = order.groupby(["_lat", "_lon"], sort=False)
    k = groups.cumcount().reindex(frame.index).to_numpy(dtype=float)
    n = groups["event_id"].transform("size").reindex(frame.index).to_numpy(dtype=float)
    radius = np.where(n > 1, np.maximum(16.0, 4.6 * n), 0.0)
    angle = -np.pi / 2 + 2 * np.pi * k / np.maximum(n, 1)
    return (
        np.round(radius * np.cos(angle)).astype(int),
        np.round(radius * np.sin(angle)).astype(int),
    )


def _shared_spots(incidents: list[Incident]) -> list[list[float]]:
    """The [lat, lon] spots holding more than one incident, sorted."""
    from collections import Counter

    spots = Counter((round(i.lat, 6), round(i.lon, 6)) for i in incidents)
    return [list(spot) for spot, n in sorted(spots.items()) if n > 1]


def _day(value) -> int:
    """Days since 1970-01-01, or -1 for an unknown date."""
    return -1 if value is None else (value - _EPOCH).days


def _page_data(incidents: list[Incident], ring: bool, states: list[dict]) -> dict:
    """Compact data for the page: a string table ``S``, one row per incident, the states.

    Every string (popup labels and values, evidence, tooltips, ids) is stored
    once in ``S`` and referred to by index, so repeated places, states,
    dates and outlets cost nothing, and the page composes popups, tooltips
    and list rows from the parts (the same content as :func:`popup_fields`):
    a 50,000-incident map stays near 15 MB. The row layout is documented at
    the top of ``geo/assets/map.js``; rows are sorted by event id; ``dx``/``dy``
    spread incidents sharing a spot on a ring (when ``ring``); dates are day
    numbers, so the page filters by date without parsing. ``icons`` holds one
    SVG per family index and precision index; ``states`` the state shapes
    (their shading is computed in the page, from the incidents in view).
    """
    import pandas as pd

    strings: dict[str, int] = {}

    def ref(text: str) -> int:
        n = strings.get(text)
        if n is None:
            n = strings[text] = len(strings)
        return n

    layers = [layer_of(i.event_type) for i in incidents]
    family_index = {key: n for n, key in enumerate(LAYERS)}
    if ring and incidents:
        frame = pd.DataFrame(
            {
                "layer": layers,
                "event_id": [i.event_id for i in incidents],
                "lat": [i.lat for i in incidents],
                "lon": [i.lon for i in incidents],
            }
        )
        dx, dy = _ring_offsets(frame)
    else:
        dx = dy = [0] * len(incidents)
    precision_index = {p: n for n, p in enumerate(PRECISION_ORDER)}
    rows = []
    order = sorted(range(len(incidents)), key=lambda n: incidents[n].event_id)
    for n in order:
        inc = incidents[n]
        state = f"{inc.state} ({inc.iso_3166_2})" if inc.state else inc.country
        evidence = []
        for ev in inc.evidence:
            evidence += [ref(ev.text), ref(ev.outlet or "unknown outlet"), ref(ev.article_id)]
        first = _day(inc.event_date)
        last = _day(inc.event_date_end) if inc.event_date_end else first
        fatalities = getattr(inc, "fatalities", None)
        # Trailing fields that are zero (one-day incidents, no ring) are left out.
        tail = [max(0, last - first) if first >= 0 else 0, int(dx[n]), int(dy[n])]
        while tail and tail[-1] == 0:
            tail.pop()
        rows.append(
            [
                round(inc.lat, _PAGE_DECIMALS),
                round(inc.lon, _PAGE_DECIMALS),
                precision_index[inc.precision],
                family_index[layers[n]],
                ref(_type_label(inc.event_type)),
                ref(inc.location),
                ref(inc.location_kind),
                ref(state),
                [ref(d.isoformat()) for d in inc.article_dates],
                ref(f"{inc.event_type_acled} / {inc.sub_event_type}"),
                ref(_casualty_text(inc)) if inc.casualties else -1,
                # Sources: the outlets, else the articles (a text file names
                # no outlet: its file name says more than "unknown outlet").
                [ref(o) for o in (inc.outlets or inc.sources)],
                evidence,
                ref(inc.event_id),
                ref(inc.iso_3166_2) if inc.state and inc.iso_3166_2 else -1,
                first,
                -1 if fatalities is None else int(fatalities),
                [ref(x) for pair in _article_links(inc) for x in pair] or 0,
                *tail,
            ]
        )
    icons = {
        f"{family_index[key]}|{precision_index[p]}": marker_svg(spec["shape"], spec["colour"], p)
        for key, spec in LAYERS.items()
        for p in _PRECISION_STYLE
    }
    shapes = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": f["id"],
                "geometry": f["geometry"],
                "properties": {"name": f["properties"]["name"]},
            }
            for f in states
        ],
    }
    return {"S": list(strings), "rows": rows, "icons": icons, "states": shapes}


def _page_config(incidents: list[Incident], clustered: bool) -> dict:
    """What ``GeoMap.start`` needs besides the data: families, styles, the view."""
    return {
        "families": [
            {"key": key, "title": spec["title"], "colour": spec["colour"]}
            for key, spec in LAYERS.items()
        ],
        "sizes": {p: style["size"] for p, style in _PRECISION_STYLE.items()},
        "ptext": [
            f"{_PRECISION_TEXT[p]} (geo_precision {PRECISIONS[p]})" for p in _PRECISION_STYLE
        ],
        "fills": list(STATE_FILLS),
        "clustered": clustered,
        "bounds": _fit_bounds(incidents),
    }


# -- header, list and legend ----------------------------------------------------


def _article_count(incidents: list[Incident]) -> int:
    return len(
        {ev.article_id for i in incidents for ev in i.evidence}
        | {s for i in incidents for s in i.sources}
    )


def _header_markup(incidents: list[Incident], sources: list[str]) -> str:
    """The header: title (the date range and counts shown), time control, filters.

    The page rewrites the title's text as the filters change; this is what
    shows before the script runs. The sources of ``title_info`` are in the
    title's tooltip, not its text.
    """
    e = html.escape
    days = sorted({d for i in incidents for d in (i.event_date, i.event_date_end) if d is not None})
    title = (
        f"Incidents in Mexico, {days[0].isoformat()} to {days[-1].isoformat()}"
        if days
        else "Incidents in Mexico"
    )
    n, arts = len(incidents), _article_count(incidents)
    sub = f"{n} incident{'s' * (n != 1)} from {arts} article{'s' * (arts != 1)}"
    full = "Sources: " + (", ".join(sorted(set(sources))) or "none")
    buttons = "".join(
        f'<button type="button" data-panel="{key}" id="geo-{key}-button">{label}</button>'
        for key, label in (
            ("filters", "Filters"),
            ("layers", "Layers"),
            ("legend", "Legend"),
            ("list", "List"),
        )
    )
    return (
        '<header class="geo-header" id="geo-header">'
        '<div class="geo-head-row">'
        f'<div class="geo-titles" title="{e(full, quote=True)}">'
        f'<h1 id="geo-title-h">{e(title)}</h1><p id="geo-title-p">{e(sub)}</p></div>'
        '<div class="geo-filters">'
        '<select id="geo-state" aria-label="State"><option value="">All states</option></select>'
        '<select id="geo-outlet" aria-label="Outlet"><option value="">All outlets</option>'
        "</select>"
        '<button type="button" id="geo-reset">Reset</button></div>'
        f'<div class="geo-tools">{buttons}</div></div>'
        '<div class="geo-time" id="geo-time">'
        '<button type="button" id="geo-play" aria-label="Play through time">▶</button>'
        '<div class="geo-slider"><svg id="geo-hist" preserveAspectRatio="none" '
        'viewBox="0 0 1 100" aria-hidden="true"></svg>'
        '<input type="range" id="geo-from" min="0" max="0" value="0" step="1" '
        'aria-label="First day shown">'
        '<input type="range" id="geo-to" min="0" max="0" value="0" step="1" '
        'aria-label="Last day shown"></div>'
        '<span class="geo-range-text" id="geo-range-text"></span></div>'
        "</header>"
    )


def _list_markup() -> str:
    """The list of incidents beside the map; ``GeoMap`` fills it (virtual rows)."""
    sorts = "".join(
        f'<button type="button" class="geo-sort" data-sort="{key}">{label}</button>'
        for key, label in (
            ("date", "Date"),
            ("type", "Type"),
            ("place", "Place"),
            ("state", "State"),
            ("deaths", "Deaths"),
            ("sources", "Sources"),
        )
    )
    return (
        '<aside class="geo-list" id="geo-list" aria-label="Incidents">'
        '<div class="geo-list-head">'
        '<input type="search" id="geo-search" '
        'placeholder="Search place, state, outlet, words of the evidence" '
        'aria-label="Search the incidents">'
        f'<div class="geo-list-meta"><div class="geo-sorts">{sorts}</div>'
        '<span id="geo-list-count"></span></div></div>'
        '<div class="geo-list-body" id="geo-list-body">'
        '<div class="geo-list-rows" id="geo-list-rows"></div></div></aside>'
    )


def _legend_markup(counts: dict[str, int]) -> str:
    e = html.escape
    rows = ["<h2>Incident families</h2>"]
    rows += [
        f'<div class="row">{marker_svg(s["shape"], s["colour"], "point", 18)}'
        f"<span>{e(s['title'])} ({counts.get(k, 0)})</span></div>"
        for k, s in LAYERS.items()
    ]
    rows.append("<h2>Where</h2>")
    rows += [
        f'<div class="row">{marker_svg("circle", "#555555", p, 20)}<span>{e(text)}</span></div>'
        for p, text in (
            ("town", "exact place or town"),
            ("state", "somewhere in the state, at its label point (hover: its shape)"),
            ("country", "country-wide"),
        )
    ]
    rows.append('<h2>Incidents per state (quantiles)</h2><div class="scale" id="geo-scale"></div>')
    rows.append(
        '<div class="note">Rings around a count are clusters, coloured by their families. '
        "Markers sharing a spot are spread around it (the small white dot). "
        "Click a marker or a row of the list for its evidence and sources.</div>"
    )
    return f'<div class="geo-legend" id="geo-legend">{"".join(rows)}</div>'


def _layer_name(key: str, count: int) -> str:
    spec = LAYERS[key]
    return (
        f"<span>{marker_svg(spec['shape'], spec['colour'], 'point', 16)} "
        f"{html.escape(spec['title'])} ({count})</span>"
    )


# -- the map ------------------------------------------------------------------------


def _in_mexico_box(lat: float, lon: float) -> bool:
    (south, west), (north, east) = MEXICO_BOUNDS
    return south <= lat <= north and west <= lon <= east


def _fit_bounds(incidents: list[Incident]):
    """South-west and north-east corners of the incidents, or Mexico's.

    Country-level incidents count only when their reference point lies in
    Mexico's box: a foreign country's point (a US travel advisory, say)
    would zoom the map out to another continent.
    """
    pts = [
        (i.lat, i.lon)
        for i in incidents
        if i.precision != "country" or _in_mexico_box(i.lat, i.lon)
    ]
    if not pts:
        return [list(MEXICO_BOUNDS[0]), list(MEXICO_BOUNDS[1])]
    lats, lons = zip(*pts)
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _number_elements(root) -> None:
    """Replace folium's random element ids by a count in tree order."""
    counter = itertools.count(1)
    stack = [root]
    while stack:
        element = stack.pop()
        element._id = f"{next(counter):05d}"
        stack.extend(reversed(list(element._children.values())))


def build_map(
    incidents: list[Incident], *, title_info: dict, states=None, cdn: bool = False
) -> folium.Map:
    """Build the layered incident map.

    Parameters
    ----------
    incidents : list of Incident
        The incidents, with states set by the join stage.
    title_info : dict
        ``{"dates": [...], "sources": [...]}``: the articles' dates (ISO
        strings) and sources (outlets, or article ids when the outlet is
        unknown), named in the title.
    states : geopandas.GeoDataFrame, optional
        State polygons; defaults to :func:`geo.join.load_states`.
    cdn : bool, default False
        Link Leaflet and folium's other assets from CDNs (smaller file, needs
        a network) instead of inlining Leaflet and dropping the rest.

    Returns
    -------
    folium.Map
        The map: OpenStreetMap tiles, the states choropleth, one
        FeatureGroup per :data:`geo.layers.LAYERS` family, an expanded layer
        control, a title, a legend, and the view fitted to the incidents
        (Mexico when there are none).

    Raises
    ------
    ValueError
        If ``title_info`` is malformed or an incident's event type has no layer.

    See Also
    --------
    write_map : build and write the HTML file.
    geo.layers.write_layers : the same incidents as GeoJSON files.
    """
    dates, sources = _check_title_info(title_info)
    # min_zoom 4 keeps Mexico in view and spares the clusterer the world-scale levels.
    # Half zoom steps let the view fit the incidents beside the open panels.
    m = folium.Map(
        location=[23.6, -102.5],
        zoom_start=5,
        tiles=None,
        control_scale=True,
        min_zoom=4,
        zoom_snap=0.5,
    )
    if not cdn:
        m.default_js, m.default_css = [], []
        m.add_child(_InlineAssets("InlineLeaflet", _leaflet_assets()))
    clustered = len(incidents) >= CLUSTER_FROM
    if clustered:
        m.add_child(_InlineAssets("InlineMarkerCluster", _markercluster_assets()))
    m.add_child(_PageAssets())
    folium.TileLayer(
        "OpenStreetMap", name="OpenStreetMap tiles (online only)", overlay=True, control=True
    ).add_to(m)
    shapes = folium.FeatureGroup(name="States, shaded by incident count", show=True)
    shapes.add_child(_Registered("states"))
    shapes.add_to(m)
    if not clustered:
        dots = folium.FeatureGroup(name="shared spots", control=False)
        dots.add_child(_SpotDots(_shared_spots(incidents)))
        dots.add_to(m)
    data = _IncidentData(_page_data(incidents, not clustered, state_features([], states)))
    m.add_child(data)
    counts = Counter(layer_of(i.event_type) for i in incidents)
    for key in LAYERS:
        # The groups stay empty: their checkboxes are the family filter, and
        # the markers of every family share one layer (one clustering).
        group = folium.FeatureGroup(name=_layer_name(key, counts.get(key, 0)), show=True)
        group.add_child(_Registered(key))
        group.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    m.add_child(_HtmlBlock(_header_markup(incidents, sources), "Header"))
    m.add_child(_HtmlBlock(_list_markup(), "List"))
    m.add_child(_HtmlBlock(_legend_markup(counts), "Legend"))
    m.fit_bounds(_fit_bounds(incidents), max_zoom=7)
    m.add_child(_MapStart(data, _page_config(incidents, clustered)))
    m.get_root().title = html.escape(_title_texts(dates, sources, len(incidents))[0])
    _number_elements(m.get_root())
    return m


def write_map(
    incidents: list[Incident], path: Path, *, title_info: dict, states=None, cdn: bool = False
) -> Path:
    """Write the incident map as one HTML file, atomically.

    Parameters
    ----------
    incidents : list of Incident
        The incidents to draw.
    path : pathlib.Path
        The HTML file to write; its folder must exist.
    title_info : dict
        ``{"dates": [...], "sources": [...]}``, see :func:`build_map`.
    states : geopandas.GeoDataFrame, optional
        State polygons; defaults to :func:`geo.join.load_states`.
    cdn : bool, default False
        See :func:`build_map`.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    OutputError
        If the file cannot be written.
    ValueError
        If ``title_info`` is malformed.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "map.html"
    >>> write_map([], out, title_info={"dates": [], "sources": []}).exists()
    True
    """
    page = build_map(incidents, title_info=title_info, states=states, cdn=cdn)
    return atomic_write_bytes(Path(path), page.get_root().render().encode("utf-8"))
