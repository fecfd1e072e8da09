"""The layered Leaflet map of the incidents (folium), readable offline.

:func:`build_map` draws one toggleable layer per incident family of
:data:`geo.layers.LAYERS`, each with its own colour and marker shape, over a
choropleth of the 32 states shaded by incident count, with a layer control, a
legend and a title naming the articles' dates and sources. :func:`write_map`
writes it as one self-contained HTML file.

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
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

from .errors import DataError
from .layers import LAYERS, atomic_write_bytes, layer_of, state_features
from .records import PRECISIONS, Incident
from .taxonomy import load_taxonomy

__all__ = [
    "build_map",
    "write_map",
    "popup_fields",
    "marker_svg",
    "MEXICO_BOUNDS",
    "STATE_CLASSES",
    "CLUSTER_FROM",
]

#: From this many incidents on, markers are clustered (Leaflet.markercluster):
#: a few hundred separate markers already hide each other at country zoom,
#: and tens of thousands would not draw in a few seconds.
CLUSTER_FROM = 300

#: Mexico's extent as ((south, west), (north, east)) in degrees, the view when
#: there is nothing to fit.
MEXICO_BOUNDS = ((14.5, -118.4), (32.7, -86.7))

#: Choropleth classes of the states layer: (lowest, highest or None, fill).
#: Greens, so the shading never looks like a marker colour.
STATE_CLASSES = (
    (0, 0, "#f4f3ee"),
    (1, 1, "#d9f0d3"),
    (2, 2, "#b5e0aa"),
    (3, 4, "#8fcd84"),
    (5, 9, "#63b063"),
    (10, 19, "#3c8f49"),
    (20, None, "#1f6b32"),
)

#: Background under the states where no tiles load (offline): pale sea blue.
BACKGROUND = "#cddbe4"

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
            f"{_PRECISION_TEXT[incident.precision]} (geo_precision {incident.geo_precision})",
        ),
        ("ACLED", f"{incident.event_type_acled} / {incident.sub_event_type}"),
    ]
    if incident.casualties:
        rows.append(("Casualties", _casualty_text(incident)))
    rows.append(("Sources", ", ".join(incident.outlets) or "unknown outlet"))
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
    for k, source in enumerate(incident.sources):
        url = incident.urls[k] if k < len(incident.urls) else None
        title = incident.titles[k] if k < len(incident.titles) else None
        if url and url.startswith(("https://", "http://")):
            out.append((title or source, url))
    return out


def _tooltip_text(incident: Incident) -> str:
    where = incident.location if incident.precision != "state" else f"{incident.location} (state)"
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


class _PageChrome(MacroElement):
    """Page CSS and the two JS helpers every incident layer uses.

    ``GeoMap.add`` turns one family's compact rows (:func:`_marker_data`)
    into SVG div-icon markers, offset on their ring, sharing one icon per
    style, clustered on large maps; popups and tooltips are built when first
    opened, from DOM text nodes only. ``GeoMap.dots`` marks shared spots.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
        .folium-map.leaflet-container { background: {{ this.background }}; }
        .geo-title { position: fixed; top: 10px; left: 50%; transform: translateX(-50%);
            z-index: 1000; max-width: calc(100% - 560px); min-width: 260px;
            background: rgba(255,255,255,0.93); padding: 6px 14px; border-radius: 6px;
            box-shadow: 0 1px 5px rgba(0,0,0,0.35); font: 13px/1.35 system-ui, sans-serif;
            text-align: center; }
        .geo-title h1 { font-size: 16px; margin: 0 0 2px; }
        .geo-title p { margin: 0; color: #333; }
        .geo-legend { position: fixed; bottom: 36px; left: 10px; z-index: 1000;
            background: rgba(255,255,255,0.94); padding: 8px 10px; border-radius: 6px;
            box-shadow: 0 1px 5px rgba(0,0,0,0.35); font: 12px/1.3 system-ui, sans-serif;
            max-height: calc(100% - 130px); overflow-y: auto; width: 236px; }
        .geo-legend h2 { font-size: 12px; margin: 6px 0 3px; text-transform: uppercase;
            letter-spacing: 0.04em; color: #444; }
        .geo-legend h2:first-child { margin-top: 0; }
        .geo-legend div.row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
        .geo-legend svg { flex: none; }
        .geo-legend .scale { display: flex; gap: 2px; }
        .geo-legend .scale span { flex: 1; text-align: center; font-size: 11px; }
        .geo-legend .swatch { display: block; height: 12px; border: 1px solid #888; }
        .geo-legend .note { color: #555; margin-top: 5px; font-size: 11px; }
        .geo-marker { background: none; border: none; }
        .geo-marker svg { display: block; filter: drop-shadow(0 0 1.2px rgba(0,0,0,0.75)); }
        .leaflet-control-layers-overlays label span svg { vertical-align: -3px; }
        .geo-popup .leaflet-popup-content { font: 12px/1.35 system-ui, sans-serif; }
        .geo-popup h3 { margin: 0 0 4px; font-size: 14px; }
        .geo-popup table { border-collapse: collapse; margin-bottom: 4px; }
        .geo-popup th { text-align: left; vertical-align: top; padding: 1px 8px 1px 0;
            color: #555; font-weight: 600; }
        .geo-popup td { padding: 1px 0; }
        .geo-evidence { margin: 5px 0; padding: 3px 0 3px 8px; border-left: 3px solid #bbb;
            white-space: pre-wrap; }
        .geo-evidence cite { display: block; color: #666; font-size: 11px; margin-top: 2px;
            font-style: normal; }
        .geo-id { color: #888; font-size: 10px; }
        </style>
        <script>
        var GeoMap = {
            P: ["point", "town", "state", "country"],
            Z: {point: 1000, town: 1000, state: 0, country: -1000},
            SIZE: {{ this.sizes|tojson }},
            PTEXT: {{ this.precision_texts|tojson }},
            _icons: {},
            icon: function (svg, layer, p, dx, dy) {
                var key = layer + "|" + p + "|" + dx + "|" + dy, s = GeoMap.SIZE[p];
                if (!GeoMap._icons[key]) {
                    GeoMap._icons[key] = L.divIcon({
                        html: svg, iconSize: [s, s],
                        className: "geo-marker geo-marker-" + layer + " geo-precision-" + p,
                        iconAnchor: [s / 2 - dx, s / 2 - dy],
                        popupAnchor: [dx, dy - s / 2], tooltipAnchor: [dx + s / 2, dy]
                    });
                }
                return GeoMap._icons[key];
            },
            el: function (tag, cls, text) {
                var e = document.createElement(tag);
                if (cls) { e.className = cls; }
                if (text !== undefined) { e.textContent = text; }
                return e;
            },
            // Article text only ever goes into textContent: it shows as text.
            // Row: [lat, lon, dx, dy, p, title, place, kind, state, date, reported,
            //       acled, casualties, [outlets], [quote, outlet, article,
            //       ...], id, [title, url, ...]]; strings are indices into S (-1: none),
            //       reported dates, outlets and articles are lists of indices.
            rows: function (r, S) {
                var out = [["Place", S[r[6]] + " (" + S[r[7]] + ")"], ["State", S[r[8]]],
                           ["Date", S[r[9]]], ["Reported", GeoMap.join(r[10], S, "unknown")],
                           ["Precision", GeoMap.PTEXT[r[4]]], ["ACLED", S[r[11]]]];
                if (r[12] >= 0) { out.push(["Casualties", S[r[12]]]); }
                out.push(["Sources", GeoMap.join(r[13], S, "unknown outlet")]);
                return out;
            },
            join: function (refs, S, none) {
                var out = [];
                for (var i = 0; i < refs.length; i++) { out.push(S[refs[i]]); }
                return out.length ? out.join(", ") : none;
            },
            tooltip: function (r, S) {
                var where = S[r[6]] + (GeoMap.P[r[4]] === "state" ? " (state)" : "");
                return GeoMap.el("span", "", S[r[5]] + ": " + where + ", " + S[r[9]]);
            },
            popup: function (r, S) {
                var body = GeoMap.el("div", "geo-popup-body"), i, tr, q, rows = GeoMap.rows(r, S);
                body.appendChild(GeoMap.el("h3", "", S[r[5]]));
                var table = GeoMap.el("table");
                for (i = 0; i < rows.length; i++) {
                    tr = GeoMap.el("tr");
                    tr.appendChild(GeoMap.el("th", "", rows[i][0]));
                    tr.appendChild(GeoMap.el("td", "", rows[i][1]));
                    table.appendChild(tr);
                }
                body.appendChild(table);
                var ev = r[14];
                for (i = 0; i < ev.length; i += 3) {
                    q = GeoMap.el("blockquote", "geo-evidence", S[ev[i]]);
                    q.appendChild(GeoMap.el("cite", "", S[ev[i + 1]] + ", " + S[ev[i + 2]]));
                    body.appendChild(q);
                }
                var links = r[16] || [], a;
                for (i = 0; i < links.length; i += 2) {
                    a = S[links[i + 1]];
                    if (a.indexOf("https://") !== 0 && a.indexOf("http://") !== 0) { continue; }
                    a = GeoMap.el("a", "geo-link", S[links[i]]);
                    a.href = S[links[i + 1]];
                    a.target = "_blank";
                    a.rel = "noopener noreferrer";
                    body.appendChild(GeoMap.el("div", "geo-link-row")).appendChild(a);
                }
                body.appendChild(GeoMap.el("div", "geo-id", S[r[15]]));
                return body;
            },
            POPUP: {maxWidth: 380, minWidth: 240, maxHeight: 360, className: "geo-popup"},
            bind: function (m, S) {
                var r = m.options.row;
                m.bindPopup(function () { return GeoMap.popup(r, S); }, GeoMap.POPUP);
                m.bindTooltip(function () { return GeoMap.tooltip(r, S); }, {direction: "right"});
            },
            add: function (D, key, group, clustered) {
                var S = D.S, rows = D.layers[key], markers = [], i, r, p;
                for (i = 0; i < rows.length; i++) {
                    r = rows[i];
                    p = GeoMap.P[r[4]];
                    markers.push(L.marker([r[0], r[1]], {
                        icon: GeoMap.icon(D.icons[key + "|" + p], key, p, r[2], r[3]),
                        riseOnHover: true, zIndexOffset: GeoMap.Z[p], row: r}));
                }
                if (clustered) {
                    // Popups and tooltips are bound when first needed: binding
                    // tens of thousands up front would slow the first draw.
                    var c = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45,
                                                  disableClusteringAtZoom: 13,
                                                  showCoverageOnHover: false});
                    c.on("mouseover click", function (e) {
                        var m = e.layer;
                        if (m.options.row && !m.getPopup()) {
                            GeoMap.bind(m, S);
                            if (e.type === "click") { m.openPopup(); } else { m.openTooltip(); }
                        }
                    });
                    c.addLayers(markers);
                    group.addLayer(c);
                } else {
                    for (i = 0; i < markers.length; i++) {
                        GeoMap.bind(markers[i], S);
                        group.addLayer(markers[i]);
                    }
                }
            },
            dots: function (spots, group) {
                for (var i = 0; i < spots.length; i++) {
                    L.circleMarker(spots[i], {radius: 3, color: "#222222", weight: 1.2,
                        fill: true, fillColor: "#ffffff", fillOpacity: 1, interactive: false,
                        className: "geo-spot"}).addTo(group);
                }
            }
        };
        </script>
        {% endmacro %}
    """)

    def __init__(self, background: str = BACKGROUND):
        super().__init__()
        self._name = "PageChrome"
        self.background = background
        self.sizes = {p: style["size"] for p, style in _PRECISION_STYLE.items()}
        self.precision_texts = [
            f"{_PRECISION_TEXT[p]} (geo_precision {PRECISIONS[p]})" for p in _PRECISION_STYLE
        ]


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


class _IncidentMarkers(MacroElement):
    """One family's markers inside its FeatureGroup (see ``GeoMap.add``)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        GeoMap.add({{ this.source.get_name() }}, {{ this.key|tojson }},
                   {{ this._parent.get_name() }}, {{ this.clustered|tojson }});
        {% endmacro %}
    """)

    def __init__(self, source: _IncidentData, key: str, clustered: bool):
        super().__init__()
        self._name = "IncidentMarkers"
        self.source, self.key, self.clustered = source, key, clustered


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


def _marker_data(incidents: list[Incident], ring: bool) -> dict:
    """Compact marker data for the page: a string table ``S`` and rows by layer.

    Every string (popup labels and values, evidence, tooltips, ids) is stored
    once in ``S`` and referred to by index, so repeated places, states,
    dates and outlets cost nothing, and the page composes popups and tooltips
    from the parts (the same content as :func:`popup_fields`): a
    50,000-incident map stays a few megabytes. The row layout is documented
    in ``GeoMap.rows``; ``dx``/``dy`` spread incidents sharing a spot on a
    ring (when ``ring``). ``icons`` holds one SVG per layer and precision.
    """
    import pandas as pd

    strings: dict[str, int] = {}

    def ref(text: str) -> int:
        n = strings.get(text)
        if n is None:
            n = strings[text] = len(strings)
        return n

    layers = [layer_of(i.event_type) for i in incidents]
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
    precision_index = {p: n for n, p in enumerate(_PRECISION_STYLE)}
    rows: dict[str, list] = {key: [] for key in LAYERS}
    order = sorted(range(len(incidents)), key=lambda n: incidents[n].event_id)
    for n in order:
        inc = incidents[n]
        state = f"{inc.state} ({inc.iso_3166_2})" if inc.state else inc.country
        evidence = []
        for ev in inc.evidence:
            evidence += [ref(ev.text), ref(ev.outlet or "unknown outlet"), ref(ev.article_id)]
        rows[layers[n]].append(
            [
                round(inc.lat, 5),
                round(inc.lon, 5),
                int(dx[n]),
                int(dy[n]),
                precision_index[inc.precision],
                ref(_type_label(inc.event_type)),
                ref(inc.location),
                ref(inc.location_kind),
                ref(state),
                ref(_date_text(inc)),
                [ref(d.isoformat()) for d in inc.article_dates],
                ref(f"{inc.event_type_acled} / {inc.sub_event_type}"),
                ref(_casualty_text(inc)) if inc.casualties else -1,
                [ref(o) for o in inc.outlets],
                evidence,
                ref(inc.event_id),
                [ref(x) for pair in _article_links(inc) for x in pair],
            ]
        )
    icons = {
        f"{key}|{p}": marker_svg(spec["shape"], spec["colour"], p)
        for key, spec in LAYERS.items()
        for p in _PRECISION_STYLE
    }
    return {"S": list(strings), "layers": rows, "icons": icons}


def _state_class(count: int) -> int:
    for n, (low, high, _) in enumerate(STATE_CLASSES):
        if count >= low and (high is None or count <= high):
            return n
    raise ValueError(f"incident count must be >= 0, got {count}")


def _state_tooltip(row) -> str:
    e = html.escape
    lines = [
        f"<b>{e(row['name'])}</b> ({e(row['iso_3166_2'])})",
        f"{row['incidents_total']} incidents",
    ]
    lines += [
        f"{e(spec['title'])}: {row[f'incidents_{key}']}"
        for key, spec in LAYERS.items()
        if row[f"incidents_{key}"]
    ]
    return "<br>".join(lines)


def _states_layer(states: list[dict]) -> folium.GeoJson:
    """The states choropleth from :func:`geo.layers.state_features` counts.

    Fill by incident count, tooltip (escaped HTML) with the counts per layer.
    """
    features = []
    for f in states:
        p = f["properties"]
        features.append(
            {
                "type": "Feature",
                "id": f["id"],
                "geometry": f["geometry"],
                "properties": {
                    "iso_3166_2": p["iso_3166_2"],
                    "name": p["name"],
                    "incidents_total": p["incidents_total"],
                    "tooltip": _state_tooltip(p),
                    "fill": STATE_CLASSES[_state_class(p["incidents_total"])][2],
                },
            }
        )
    data = {"type": "FeatureCollection", "features": features}
    return folium.GeoJson(
        data,
        name="States, shaded by incident count",
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.7,
            "color": "#6f7d86",
            "weight": 0.8,
        },
        highlight_function=lambda f: {"weight": 2.5, "color": "#222222"},
        on_each_feature=JsCode(
            "function (feature, layer) {"
            " layer.bindTooltip(feature.properties.tooltip, {sticky: true}); }"
        ),
        smooth_factor=0.5,
    )


# -- title and legend -----------------------------------------------------------


def _title_markup(dates: list[str], sources: list[str], n_incidents: int) -> str:
    e = html.escape
    title, sub = _title_texts(dates, sources, n_incidents)
    full = "Sources: " + ", ".join(sorted(set(sources)))
    return (
        f'<div class="geo-title" title="{e(full, quote=True)}"><h1>{e(title)}</h1>'
        f"<p>{e(sub)}</p></div>"
    )


def _legend_markup(counts: dict[str, int], max_state: int) -> str:
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
            ("state", "somewhere in the state, at its label point"),
            ("country", "country-wide"),
        )
    ]
    rows.append('<h2>Incidents per state</h2><div class="scale">')
    top = _state_class(max_state)
    for low, high, colour in STATE_CLASSES[: top + 1]:
        label = str(low) if high == low else (f"{low}+" if high is None else f"{low}-{high}")
        rows.append(f'<span><i class="swatch" style="background:{colour}"></i>{e(label)}</span>')
    rows.append("</div>")
    rows.append(
        '<div class="note">Markers sharing a spot are spread around it '
        "(the small white dot). Click a marker for its evidence and sources.</div>"
    )
    return f'<div class="geo-legend">{"".join(rows)}</div>'


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
    m = folium.Map(
        location=[23.6, -102.5], zoom_start=5, tiles=None, control_scale=True, min_zoom=4
    )
    if not cdn:
        m.default_js, m.default_css = [], []
        m.add_child(_InlineAssets("InlineLeaflet", _leaflet_assets()))
    m.add_child(_PageChrome())
    folium.TileLayer(
        "OpenStreetMap", name="OpenStreetMap tiles (online only)", overlay=True, control=True
    ).add_to(m)
    state_counts = state_features(incidents, states)
    _states_layer(state_counts).add_to(m)
    clustered = len(incidents) >= CLUSTER_FROM
    if clustered:
        m.add_child(_InlineAssets("InlineMarkerCluster", _markercluster_assets()))
    else:
        dots = folium.FeatureGroup(name="shared spots", control=False)
        dots.add_child(_SpotDots(_shared_spots(incidents)))
        dots.add_to(m)
    data = _IncidentData(_marker_data(incidents, ring=not clustered))
    m.add_child(data)
    features = data.data["layers"]
    for key in LAYERS:
        group = folium.FeatureGroup(name=_layer_name(key, len(features[key])), show=True)
        group.add_child(_IncidentMarkers(data, key, clustered))
        group.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    max_state = max(f["properties"]["incidents_total"] for f in state_counts)
    m.add_child(_HtmlBlock(_title_markup(dates, sources, len(incidents)), "Title"))
    m.add_child(
        _HtmlBlock(_legend_markup({k: len(v) for k, v in features.items()}, max_state), "Legend")
    )
    m.fit_bounds(
        _fit_bounds(incidents),
        padding_top_left=(280, 90),
        padding_bottom_right=(300, 30),
        max_zoom=7,
    )
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
