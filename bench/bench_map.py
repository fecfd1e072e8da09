"""Map output cost: writing time and size for 1k, 10k and 50k incidents, and draw time.

Incidents are synthetic but shaped like real ones (:func:`synthetic_incidents`):
spread over Mexico's towns, airports and states, every family, one to three
evidence sentences of news length, several sources for some, casualty
figures. For each size:

- :func:`geo.webmap.write_map` time and HTML size, with a breakdown of what
  the bytes are (inlined Leaflet, marker data and its string table, state
  polygons, ...);
- :func:`geo.layers.write_layers` time and GeoJSON size;
- the time until the map has drawn its layers in headless Chromium, network
  blocked: from navigation start to the last DOM insertion of a Leaflet
  layer element (marker icon, cluster icon or vector path), seen by a
  ``MutationObserver`` installed before the page's scripts run, once the page
  has been quiet for a second. Median of three loads, each in a new context.

Targets: a 50k-incident map draws within 3 s and weighs under 15 MB.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, median, script_args, workdir  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TARGET_DRAW_S = 3.0
TARGET_MB = 15.0
QUIET_MS = 1000

FAMILIES = {  # event type: (ACLED type, sub-event type, weight)
    "raid": ("Battles", "Armed clash", 20),
    "blockade": ("Strategic developments", "Other", 18),
    "arson": ("Strategic developments", "Looting/property destruction", 18),
    "flight_suspension": ("Strategic developments", "Other", 6),
    "transport_suspension": ("Strategic developments", "Other", 8),
    "school_closure": ("Strategic developments", "Other", 8),
    "shelter_advisory": ("Strategic developments", "Other", 8),
    "casualties": ("Battles", "Armed clash", 14),
}
EVIDENCE = {
    "raid": [
        "Soldiers clashed with gunmen in {place} on {day}, and the army said the "
        "operation was still under way in the surrounding hills.",
        "Elementos del Ejército se enfrentaron a civiles armados en {place}, donde "
        "realizaron un operativo durante la madrugada del {day_es}.",
    ],
    "blockade": [
        "Gunmen blocked the main highways into {place} with hijacked trucks and "
        "buses, stranding hundreds of drivers for hours.",
        "Sujetos armados bloquearon los accesos a {place} con vehículos atravesados "
        "en la carretera, informó la Secretaría de Seguridad.",
    ],
    "arson": [
        "Armed men set fire to at least {n} vehicles and a convenience store in {place}, "
        "according to local authorities.",
        "Hombres armados incendiaron {n} vehículos y una tienda de conveniencia en "
        "{place}, de acuerdo con las autoridades locales.",
    ],
    "flight_suspension": [
        "Airlines suspended flights at {place} as smoke rose near the "
        "terminal and passengers sheltered inside.",
        "Se suspendieron los vuelos en {place} mientras columnas de humo se "
        "elevaban cerca de la terminal.",
    ],
    "transport_suspension": [
        "Public transport was suspended in {place} after several buses "
        "were torched, the city government said.",
        "Se suspendió el transporte público en {place} luego de que "
        "varias unidades fueran incendiadas.",
    ],
    "school_closure": [
        "Classes were suspended in {place} on {day} as a precaution, the "
        "education ministry announced.",
        "La Secretaría de Educación suspendió las clases en {place} este "
        "{day_es} como medida preventiva.",
    ],
    "shelter_advisory": [
        "Authorities urged residents of {place} to shelter in place and "
        "avoid travel until further notice.",
        "Las autoridades pidieron a la población de {place} resguardarse en "
        "sus domicilios y evitar salir.",
    ],
    "casualties": [
        "{n} cartel members were killed and two soldiers were wounded in the "
        "clash in {place}, the defence ministry said.",
        "{n} presuntos delincuentes fueron abatidos y dos militares resultaron "
        "heridos en el enfrentamiento en {place}.",
    ],
}
OUTLETS = [
    "Reforma",
    "Milenio",
    "El Universal",
    "Proceso",
    "Benzinga",
    "Reuters",
    "Al Jazeera",
    "El Financiero",
    "Salon",
    "Animal Politico",
]
DAYS = [("Saturday", "sábado"), ("Sunday", "domingo"), ("Monday", "lunes"), ("Friday", "viernes")]


def synthetic_incidents(n: int, seed: int = 2026):
    """``n`` seeded incidents spread over Mexico, shaped like the pipeline's records."""
    from geo.gazetteer import load_gazetteer
    from geo.records import Casualty, Evidence, Incident

    gaz = load_gazetteer()
    rng = random.Random(seed)
    towns = sorted(
        (p for p in gaz.places if p.country == "MX" and p.kind in ("city", "town")),
        key=lambda p: p.id,
    )
    airports = sorted((gaz.places[i] for i in gaz.airports), key=lambda p: p.id)
    states = sorted(gaz.states.values(), key=lambda p: p.id)
    mexico = gaz.places[gaz.by_id["country:MX"]]
    types = list(FAMILIES)
    weights = [FAMILIES[t][2] for t in types]
    out = []
    for i in range(n):
        kind = rng.random()
        event_type = rng.choices(types, weights)[0]
        if event_type == "flight_suspension" and kind < 0.8:
            place, precision = rng.choice(airports), "point"
        elif kind < 0.78:
            place, precision = rng.choice(towns), "town"
        elif kind < 0.97:
            place, precision = rng.choice(states), "state"
        else:
            place, precision = mexico, "country"
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(790))
        sources = sorted(
            {f"a{rng.randrange(10**7):07d}.txt" for _ in range(rng.choice([1, 1, 1, 2, 3]))}
        )
        evidence = []
        for article_id in sources:
            en, es = DAYS[rng.randrange(len(DAYS))]
            text = rng.choice(EVIDENCE[event_type]).format(
                place=place.name, day=en, day_es=es, n=rng.randint(2, 12)
            )
            start = rng.randrange(200, 2800)
            evidence.append(
                Evidence(article_id, rng.choice(OUTLETS), start, start + len(text), text)
            )
        casualties = []
        if event_type == "casualties":
            casualties = [
                Casualty("killed", rng.randint(2, 12), "cartel members", s) for s in sources
            ]
        acled, sub, _ = FAMILIES[event_type]
        digest = hashlib.sha1(f"{event_type}|{place.id}|{day}|{i}".encode()).hexdigest()[:10]
        out.append(
            Incident(
                event_id=f"MXG-{digest}",
                event_type=event_type,
                event_type_acled=acled,
                sub_event_type=sub,
                location=gaz.airport_label(place) if precision == "point" else place.name,
                location_kind=place.kind,
                lat=place.lat,
                lon=place.lon,
                precision=precision,
                admin1=place.admin1,
                state=place.state if precision != "country" else None,
                iso_3166_2=place.iso_3166_2,
                country=place.country,
                event_date=day,
                event_date_end=day,
                article_dates=[day + timedelta(days=1)],
                sources=sources,
                outlets=sorted({e.outlet for e in evidence}),
                evidence=evidence,
                casualties=casualties,
                place_id=place.id,
                lang=["en"],
                date_basis="sentence",
                located_by=["sentence"],
            )
        )
    return out


def html_breakdown(html: str) -> list[dict]:
    """What the bytes of the page are: inline scripts and styles by what they hold.

    Best effort, by content: Leaflet and plugin code are recognised by their
    headers; in the map's own script, the state polygons (the ``GeoJson``
    literal) and the marker data (a ``{"S": [...], "layers": ...}`` literal,
    when the page uses one) are measured apart from the code around them.
    """
    import re

    total = len(html.encode("utf-8"))
    parts: dict[str, int] = {}

    def add(label: str, size: int) -> None:
        parts[label] = parts.get(label, 0) + size

    for m in re.finditer(r"<(script|style)\b[^>]*>(.*?)</\1>", html, re.S | re.I):
        tag, body = m.group(1).lower(), m.group(2)
        size = len(body.encode("utf-8"))
        head = body[:400]
        if tag == "style":
            add("CSS (Leaflet, plugins, page)", size)
        elif "Leaflet 1." in head:
            add("Leaflet JS (inlined)", size)
        elif "markercluster" in body[:3000].lower() or "MarkerClusterGroup" in body[:3000]:
            add("Leaflet.markercluster JS (inlined)", size)
        elif "var GeoMap" in head or "GeoMap = (function" in body[:3000]:
            add("page script and style (geo/assets)", size)
        elif "L.map(" in body:
            states = _literal_size(body, '"FeatureCollection"', backwards=True)
            markers = _literal_size(body, '{"S":')
            add("state polygons (GeoJSON literal)", states)
            add("marker data (JSON literal)", markers)
            add("map script: code, per-marker calls, legend", size - states - markers)
        else:
            add("other inline scripts (page helpers)", size)
    add("HTML outside scripts and styles", total - sum(parts.values()))
    rows = [
        {"part": k, "bytes": v, "share": round(v / total, 3)}
        for k, v in sorted(parts.items(), key=lambda kv: -kv[1])
        if v > 0
    ]
    rows.extend(_marker_data(html, total))
    return rows


def _literal_size(body: str, marker: str, backwards: bool = False) -> int:
    """Bytes of the JSON object literal starting at ``marker`` (or ending after it)."""
    at = body.find(marker)
    if at < 0:
        return 0
    if backwards:
        # The GeoJSON literal is the argument of ``geo_json_..._add(``.
        start = body.rfind("_add(", 0, at)
        if start < 0:
            return 0
        start += len("_add(")
    else:
        start = at
    try:
        _, end = json.JSONDecoder().raw_decode(body, start)
    except ValueError:
        return 0
    return len(body[start:end].encode("utf-8"))


def _marker_data(html: str, total: int) -> list[dict]:
    import re

    start = html.find('{"S":')
    if start < 0:
        return []
    try:
        data, _ = json.JSONDecoder().raw_decode(html, start)
    except ValueError:
        return []
    labels = {
        "S": "  of which the string table S (evidence, places, ids, ...)",
        "layers": "  of which the marker rows (coordinates, indices)",
        "rows": "  of which the incident rows (coordinates, dates, indices)",
        "icons": "  of which the SVG icons",
        "states": "  of which the state polygons (GeoJSON, shaded in the page)",
    }
    rows = []
    for key, label in labels.items():
        if key in data:
            size = len(json.dumps(data[key]).encode("utf-8"))
            rows.append({"part": label, "bytes": size, "share": round(size / total, 3)})
    if "S" in data:
        kinds: dict[str, int] = {}
        for text in data["S"]:
            if re.fullmatch(r"[\w.-]+\.txt(, [\w.-]+\.txt)*", text):
                kind = "article file names and their comma-joined lists"
            elif re.fullmatch(r"MXG-\w+", text):
                kind = "event ids"
            elif len(text) > 80:
                kind = "evidence quotes (strings over 80 characters)"
            else:
                kind = "other strings (places, dates, labels, outlets)"
            kinds[kind] = kinds.get(kind, 0) + len(json.dumps(text).encode("utf-8"))
        for kind, size in sorted(kinds.items(), key=lambda kv: -kv[1]):
            rows.append({"part": f"    S: {kind}", "bytes": size, "share": round(size / total, 3)})
        escapes = len(re.findall(r"\\u[0-9a-fA-F]{4}", json.dumps(data["S"])))
        rows.append(
            {
                "part": "    S: bytes spent on \\uXXXX escapes of accented letters",
                "bytes": escapes * 4,
                "share": round(escapes * 4 / total, 3),
            }
        )
    return rows


_OBSERVER = """
(() => {
  window.__geo = {last: 0, added: 0, start: performance.now()};
  const sel = '.leaflet-marker-icon, .marker-cluster, path, canvas';
  const seen = (n) => n.nodeType === 1 && (n.matches(sel) || n.querySelector(sel));
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (seen(n)) { window.__geo.last = performance.now(); window.__geo.added++; }
      }
    }
  }).observe(document, {childList: true, subtree: true});
})();
"""

_COUNTS = """
() => ({
  last: window.__geo ? window.__geo.last : null,
  added: window.__geo ? window.__geo.added : null,
  now: performance.now(),
  ready: document.readyState,
  load: (performance.getEntriesByType('navigation')[0] || {}).loadEventEnd || null,
  dcl: (performance.getEntriesByType('navigation')[0] || {}).domContentLoadedEventEnd || null,
  markers: document.querySelectorAll('.leaflet-marker-icon').length,
  clusters: document.querySelectorAll('.marker-cluster').length,
  paths: document.querySelectorAll('.leaflet-overlay-pane path').length,
})
"""


def draw_times(browser, path: Path, loads: int = 3, timeout_s: float = 60.0) -> dict:
    """Load the map ``loads`` times, network blocked; when its layers were drawn."""
    results, blocked = [], 0
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_init_script(_OBSERVER)

        def route(r):
            nonlocal blocked
            if r.request.url.startswith(("file:", "data:", "about:")):
                r.continue_()
            else:
                blocked += 1
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        state = None
        while time.perf_counter() - t0 < timeout_s:
            state = page.evaluate(_COUNTS)
            if (
                state["ready"] == "complete"
                and state["last"]
                and state["now"] - max(state["last"], state["load"] or 0) > QUIET_MS
            ):
                break
            time.sleep(0.1)
        wall = time.perf_counter() - t0
        state = state or {}
        results.append(
            {
                "drawn_ms": round(max(state.get("last") or 0, 0)),
                "load_event_ms": round(state.get("load") or 0),
                "dom_content_loaded_ms": round(state.get("dcl") or 0),
                "marker_icons": state.get("markers"),
                "cluster_icons": state.get("clusters"),
                "paths": state.get("paths"),
                "timed_out": wall >= timeout_s,
            }
        )
        context.close()
    drawn = [r["drawn_ms"] for r in results]
    return {
        "loads": results,
        "drawn_ms_median": median(drawn),
        "load_event_ms_median": median([r["load_event_ms"] for r in results]),
        "requests_blocked": blocked,
    }


def run(quick: bool = False, work: Path | None = None) -> dict:
    from geo.layers import write_layers
    from geo.webmap import write_map

    work = (work or workdir()) / "maps"
    sizes = [1000, 10_000] if quick else [1000, 10_000, 50_000]
    out: dict = {"targets": {"draw_s": TARGET_DRAW_S, "mb": TARGET_MB}, "runs": []}
    try:
        import geo.webmap as webmap

        out["cluster_from"] = getattr(webmap, "CLUSTER_FROM", None)
    except ImportError:
        pass
    built = []
    for n in sizes:
        incidents = synthetic_incidents(n)
        folder = work / f"n{n}"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "layers").mkdir(parents=True)
        title = {
            "dates": sorted({i.event_date.isoformat() for i in incidents})[:50],
            "sources": sorted(OUTLETS),
        }
        times = []
        for _ in range(1 if n > 10_000 else 3):
            t = time.perf_counter()
            html = write_map(incidents, folder / "incidents.html", title_info=title)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        layer_paths = write_layers(incidents, folder)
        layers_s = time.perf_counter() - t
        text = Path(html).read_text(encoding="utf-8")
        size = Path(html).stat().st_size
        row = {
            "incidents": n,
            "write_map_s": round(median(times), 3),
            "write_map_runs": [round(v, 3) for v in times],
            "html_bytes": size,
            "html_mb": round(size / 1e6, 2),
            "bytes_per_incident": round(size / n),
            "write_layers_s": round(layers_s, 3),
            "layers_bytes": sum(Path(p).stat().st_size for p in layer_paths),
            "html_breakdown": html_breakdown(text),
        }
        out["runs"].append(row)
        built.append((row, Path(html)))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        out["browser_error"] = f"playwright missing: {exc}"
        return out
    if not Path(CHROMIUM).exists():
        out["browser_error"] = f"{CHROMIUM} is absent"
        return out
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        out["chromium"] = browser.version
        for row, html in built:
            row.update(draw_times(browser, html))
        browser.close()
    big = next((r for r, _ in built if r["incidents"] == 50_000), None)
    if big:
        out["target_met_size"] = big["html_mb"] < TARGET_MB
        out["target_met_draw"] = big["drawn_ms_median"] / 1000 < TARGET_DRAW_S
    return out


def main(argv=None) -> int:
    parser = script_args(__doc__.split("\n")[0])
    args = parser.parse_args(argv)
    return finish(run(args.quick, workdir(args.workdir)), args.json_out)


if __name__ == "__main__":
    sys.exit(main())
