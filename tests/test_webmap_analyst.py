"""The map for analysts, in headless Chromium with the network refused.

Time (the date range filters markers, state shading and list together), the
list (search, sort, a row opens its marker's popup), shared filters in the
URL fragment, phones (390x844: the map gets most of the screen, no control
covers another) and big corpora (one clustering whose rings show their
families). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from incident_fixtures import INJECTION, ODD_OUTLET, _evidence, seed_like_incidents

from geo.gazetteer import load_gazetteer
from geo.layers import LAYERS, layer_of
from geo.webmap import CLUSTER_FROM, STATE_FILLS, write_map

ARTIFACTS = Path(__file__).parent / "artifacts"
TITLE_INFO = {"dates": ["2025-03-01"], "sources": ["Reforma", "Milenio"]}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TYPES = ["raid", "blockade", "flight_suspension", "school_closure", "casualties", "arson"]
OUTLETS = ["Reforma", "Milenio", "El Universal", "Proceso"]


def spread_incidents(n: int, days: int = 60, start: date = date(2025, 1, 1)):
    """``n`` incidents over Mexico's towns, ``days`` days, every family, four outlets."""
    base = seed_like_incidents()[1]
    towns = sorted(
        (
            p
            for p in load_gazetteer().places
            if p.country == "MX" and p.kind in ("city", "town") and p.iso_3166_2
        ),
        key=lambda p: p.id,
    )
    out = []
    for k in range(n):
        town = towns[(k * 7919) % len(towns)]
        outlet = OUTLETS[k % len(OUTLETS)]
        day = start + timedelta(days=(k * 37) % days)
        text = f"Something happened in {town.name} on day {k}."
        out.append(
            replace(
                base,
                event_id=f"S{k:05d}",
                event_type=TYPES[k % len(TYPES)],
                location=town.name,
                lat=town.lat,
                lon=town.lon,
                admin1=town.admin1,
                state=town.state,
                iso_3166_2=town.iso_3166_2,
                event_date=day,
                event_date_end=day,
                article_dates=[day + timedelta(days=1)],
                sources=[f"a{k:05d}.txt"],
                outlets=[outlet],
                evidence=[_evidence(text, f"a{k:05d}.txt", outlet)],
                casualties=[],
            )
        )
    return out


def open_map(chromium, path: Path, viewport: dict, fragment: str = ""):
    """The map in a new page, every non-file request refused; page errors collected."""
    page = chromium.new_page(viewport=viewport)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
    )
    page.goto(path.as_uri() + fragment)
    page.wait_for_function("typeof GeoMap !== 'undefined' && GeoMap.state().loading === false")
    page.wait_for_selector(".geo-row", state="attached")
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=ARTIFACTS / name)


def state_fills(page) -> dict:
    codes = load_gazetteer().states_by_iso
    return {code: page.evaluate(f"GeoMap.fill({code!r})") for code in sorted(codes)}


def box(page, selector: str):
    return page.evaluate(
        """(sel) => { const e = document.querySelector(sel); if (!e) return null;
        const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
        if (!r.width || !r.height || s.display === 'none' || s.visibility === 'hidden') return null;
        return {x: r.left, y: r.top, right: r.right, bottom: r.bottom}; }""",
        selector,
    )


def overlaps(a, b) -> bool:
    return (
        a["x"] < b["right"] - 0.5
        and b["x"] < a["right"] - 0.5
        and (a["y"] < b["bottom"] - 0.5 and b["y"] < a["bottom"] - 0.5)
    )


def assert_no_control_covers_another(page, selectors):
    boxes = {s: box(page, s) for s in selectors}
    shown = {s: b for s, b in boxes.items() if b}
    names = sorted(shown)
    for n, a in enumerate(names):
        for b in names[n + 1 :]:
            assert not overlaps(shown[a], shown[b]), (a, shown[a], b, shown[b])
    return shown


HEADER_PARTS = [
    ".geo-titles",
    "#geo-filters-button",
    "#geo-layers-button",
    "#geo-legend-button",
    "#geo-list-button",
    "#geo-play",
    ".geo-slider",
    ".geo-range-text",
    "#geo-state",
    "#geo-outlet",
    "#geo-reset",
]
MAP_CONTROLS = [
    ".leaflet-control-zoom",
    ".leaflet-control-layers",
    ".leaflet-control-scale",
    ".leaflet-control-attribution",
    "#geo-legend",
    "#geo-list",
    "#geo-header",
]


@pytest.fixture(scope="module")
def spread_map(tmp_path_factory):
    incidents = spread_incidents(CLUSTER_FROM - 60)
    path = tmp_path_factory.mktemp("spread") / "spread.html"
    write_map(incidents, path, title_info=TITLE_INFO)
    return incidents, path


@pytest.mark.browser
def test_date_range_moves_markers_shading_and_list_together(chromium, spread_map):
    incidents, path = spread_map
    page = open_map(chromium, path, DESKTOP)
    markers = page.locator(".geo-marker")
    assert markers.count() == len(incidents)
    assert page.locator("#geo-list-count").inner_text() == f"{len(incidents)} incidents"
    assert "Incidents in Mexico, 2025-01-01 to 2025-03-01" in page.inner_text("#geo-title-h")
    assert f"{len(incidents)} incidents from {len(incidents)} articles" in page.inner_text(
        "#geo-title-p"
    )
    before = state_fills(page)
    shot(page, "analyst_desktop_full_range.png")

    # A user drags the left thumb: keyboard steps are the same input events.
    page.locator("#geo-from").focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    page.locator("#geo-to").focus()
    for _ in range(10):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "GeoMap.state().hash.indexOf('from=') >= 0 && GeoMap.state().hash.indexOf('to=') >= 0"
    )
    page.wait_for_timeout(800)  # let the last key's update land on a loaded machine
    first, last = page.evaluate(
        "[new URLSearchParams(GeoMap.state().hash).get('from'),"
        " new URLSearchParams(GeoMap.state().hash).get('to')]"
    )
    lo, hi = date.fromisoformat(first), date.fromisoformat(last)
    assert date(2025, 1, 1) < lo <= hi < date(2025, 3, 1)
    shown = [i for i in incidents if lo <= i.event_date <= hi]
    assert 0 < len(shown) < len(incidents)
    assert markers.count() == len(shown)
    assert page.locator("#geo-list-count").inner_text() == f"{len(shown)} incidents"
    title = page.inner_text("#geo-title-h")
    assert title == f"Incidents in Mexico, {first} to {last}"
    assert f"{len(shown)} incidents from {len(shown)} articles (of {len(incidents)})" in (
        page.inner_text("#geo-title-p")
    )
    dates = page.locator(".geo-row-date").all_inner_texts()
    assert dates and all(first <= d <= last for d in dates)
    assert dates == sorted(dates, reverse=True)

    counts = Counter(i.iso_3166_2 for i in shown)
    assert page.evaluate("GeoMap.state().counts") == dict(counts)
    after = state_fills(page)
    assert after != before
    for code, fill in after.items():
        assert (fill == STATE_FILLS[0]) == (counts.get(code, 0) == 0), code
    dom_fills = page.evaluate(
        "[...document.querySelectorAll('.leaflet-overlay-pane path')]"
        ".map(p => p.getAttribute('fill'))"
    )
    assert sorted(dom_fills) == sorted(after.values())
    assert (
        page.locator(".geo-hist rect.in, #geo-hist rect.in").count()
        < page.locator("#geo-hist rect").count()
    )
    shot(page, "analyst_desktop_date_range.png")

    # The fragment is the view: a new page opened with it shows the same incidents.
    fragment = "#" + page.evaluate("GeoMap.state().hash")
    again = open_map(chromium, path, DESKTOP, fragment)
    assert again.locator(".geo-marker").count() == len(shown)
    assert again.locator("#geo-list-count").inner_text() == f"{len(shown)} incidents"
    assert page.errors == [] and again.errors == []
    again.close()

    # Play steps a window through time, every step filtering everything.
    page.locator("#geo-reset").click()
    assert markers.count() == len(incidents)
    page.locator("#geo-play").click()
    page.wait_for_timeout(100)
    playing = page.evaluate("GeoMap.state().visible")
    assert playing < len(incidents)
    assert markers.count() == playing
    step = page.evaluate("GeoMap.state().hash")
    page.wait_for_function(f"GeoMap.state().hash !== {step!r}", timeout=5000)
    page.locator("#geo-play").click()
    assert markers.count() == page.evaluate("GeoMap.state().visible") < len(incidents)
    page.close()


@pytest.mark.browser
def test_search_narrows_the_list_and_a_row_opens_its_popup(chromium, incidents, tmp_path):
    path = write_map(incidents, tmp_path / "seeds.html", title_info=TITLE_INFO)
    page = open_map(chromium, path, DESKTOP)
    rows = page.locator(".geo-row")
    assert rows.count() == len(incidents)

    page.locator("#geo-search").fill("tapalpa")
    page.wait_for_function("GeoMap.state().visible === 2")
    assert rows.count() == 2
    assert page.locator(".geo-marker").count() == 2
    assert page.evaluate("GeoMap.state().hash") == "q=tapalpa"
    page.locator(".geo-row", has_text="Raid or security operation").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Soldiers clashed with gunmen in Tapalpa, Jalisco." in popup.inner_text()
    page.wait_for_timeout(400)
    pop = box(page, ".leaflet-popup")
    mapbox = box(page, ".folium-map")
    assert pop["y"] >= mapbox["y"] and pop["bottom"] <= mapbox["bottom"]
    assert pop["x"] >= mapbox["x"] and pop["right"] <= mapbox["right"]
    for control in (".leaflet-control-layers", ".leaflet-control-zoom", "#geo-legend"):
        shown = box(page, control)
        assert shown is None or not overlaps(pop, shown), control
    shot(page, "analyst_desktop_search_popup.png")

    # Words of the evidence find the injected article; it shows as text everywhere.
    page.locator("#geo-search").fill("pwned onerror")
    page.wait_for_function("GeoMap.state().visible === 1")
    row = rows.first
    assert "Lagos de Moreno" in row.inner_text()
    assert ODD_OUTLET in row.inner_text()
    row.click()
    page.wait_for_function(
        "document.querySelector('.leaflet-popup-content') &&"
        " document.querySelector('.leaflet-popup-content').innerText.indexOf('Buses') >= 0"
    )
    assert INJECTION in page.inner_text(".leaflet-popup-content")
    assert page.locator(".geo-list img, .geo-list script, .geo-list b").count() == 0
    assert page.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"

    # The outlet filter lists the odd outlet as text and filters map and list.
    page.locator("#geo-search").fill("")
    page.wait_for_function(f"GeoMap.state().visible === {len(incidents)}")
    options = page.locator("#geo-outlet option").all_inner_texts()
    assert f"{ODD_OUTLET} (1)" in options
    assert page.locator("#geo-outlet b").count() == 0
    page.locator("#geo-outlet").select_option(ODD_OUTLET)
    assert rows.count() == 1 and page.locator(".geo-marker").count() == 1
    page.locator("#geo-outlet").select_option("")

    # A family's checkbox in the layer control filters the list too.
    if box(page, ".leaflet-control-layers") is None:
        page.locator("#geo-layers-button").click()
    raid = page.locator(".leaflet-control-layers-overlays label", has_text=LAYERS["raid"]["title"])
    raid.locator("input").click()
    assert rows.count() == len(incidents) - 1
    assert "off=raid" in page.evaluate("GeoMap.state().hash")
    raid.locator("input").click()
    assert rows.count() == len(incidents)

    # The state filter, and sorting by place.
    page.locator("#geo-state").select_option("MX-JAL")
    jalisco = [i for i in incidents if i.iso_3166_2 == "MX-JAL" and i.state]
    assert rows.count() == len(jalisco)
    page.locator(".geo-sort[data-sort=place]").click()
    places = page.locator(".geo-row-place").all_inner_texts()
    assert places == sorted(places, key=str.casefold)
    assert "sort=place" in page.evaluate("GeoMap.state().hash")
    assert page.errors == []
    page.close()


@pytest.mark.browser
def test_state_wide_incident_lights_its_state(chromium, incidents, tmp_path):
    path = write_map(incidents, tmp_path / "seeds.html", title_info=TITLE_INFO)
    page = open_map(chromium, path, DESKTOP)
    lit = "document.querySelector('.leaflet-overlay-pane path[stroke-width=\"3.5\"]')"
    assert page.evaluate(f"{lit} === null")
    page.locator(".geo-row", has_text="Blockade").hover()
    assert page.evaluate(f"{lit} !== null")
    colour = LAYERS[layer_of("blockade")]["colour"]
    assert page.evaluate(f"{lit}.getAttribute('stroke')") == colour
    shot(page, "analyst_desktop_state_lit.png")
    page.mouse.move(5, 300)
    assert page.evaluate(f"{lit} === null")
    page.locator(".geo-marker-blockades_arson.geo-precision-state").first.hover()
    assert page.evaluate(f"{lit} !== null")
    assert page.errors == []
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_controls_fold_and_never_cover_each_other(chromium, spread_map, viewport):
    _, path = spread_map
    name = "phone" if viewport is PHONE else "desktop"
    page = open_map(chromium, path, viewport)
    screen = viewport["width"] * viewport["height"]
    mapbox = box(page, ".folium-map")
    share = (mapbox["right"] - mapbox["x"]) * (mapbox["bottom"] - mapbox["y"]) / screen
    shot(page, f"analyst_{name}_first_load.png")
    if viewport is PHONE:
        assert share > 0.8, share
        for folded in ("#geo-legend", ".leaflet-control-layers", "#geo-list", "#geo-state"):
            assert box(page, folded) is None, folded
    else:
        assert share > 0.6, share
        # On a desktop under 1600 px the layer control starts folded; its
        # button opens it beside the other controls.
        assert box(page, ".leaflet-control-layers") is None
        page.locator("#geo-layers-button").click()
        assert box(page, ".leaflet-control-layers") is not None
    header = box(page, "#geo-header")
    assert header["bottom"] <= mapbox["y"] + 0.5
    assert_no_control_covers_another(page, HEADER_PARTS)
    assert_no_control_covers_another(page, MAP_CONTROLS)

    if viewport is PHONE:
        for panel in ("legend", "layers", "filters"):
            page.locator(f"#geo-{panel}-button").click()
            page.wait_for_timeout(100)
            assert_no_control_covers_another(page, HEADER_PARTS)
            assert_no_control_covers_another(page, [*MAP_CONTROLS[:3], "#geo-header"])
            assert_no_control_covers_another(page, ["#geo-legend", "#geo-header"])
            shot(page, f"analyst_phone_{panel}_open.png")
            page.locator(f"#geo-{panel}-button").click()
        page.locator("#geo-list-button").click()
        assert box(page, "#geo-list") is not None
        shot(page, "analyst_phone_list.png")
        page.locator(".geo-row").first.click()
        assert box(page, "#geo-list") is None
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        page.wait_for_timeout(800)
        pop = box(page, ".leaflet-popup")
        mapbox = box(page, ".folium-map")
        assert pop["x"] >= 0 and pop["right"] <= viewport["width"]
        assert pop["y"] >= mapbox["y"] and pop["bottom"] <= viewport["height"]
        assert not overlaps(pop, box(page, ".leaflet-control-zoom"))
        shot(page, "analyst_phone_popup.png")
    assert page.errors == []
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_big_map_clusters_show_their_families(chromium, tmp_path_factory, viewport):
    incidents = spread_incidents(3000, days=400)
    path = tmp_path_factory.mktemp("big") / "big.html"
    write_map(incidents, path, title_info=TITLE_INFO)
    html = path.read_text(encoding="utf-8")
    assert html.count("L.markerClusterGroup(") == 1  # one clustering for every family
    page = open_map(chromium, path, viewport)
    page.wait_for_selector(".geo-cluster")
    page.wait_for_timeout(800)  # let the fit's zoom animation retire the old level's icons
    mixes = page.evaluate(
        "[...document.querySelectorAll('.geo-cluster-ring')].map(e => e.dataset.mix)"
    )
    assert len(mixes) > 3
    families = [dict(kv.split(":") for kv in mix.split(",")) for mix in mixes]
    assert max(len(f) for f in families) >= 3
    assert all(set(f) <= set(LAYERS) for f in families)
    colours = set(
        page.evaluate(
            "[...document.querySelectorAll('.geo-cluster-ring g circle')]"
            ".map(c => c.getAttribute('stroke'))"
        )
    )
    assert len(colours) >= 3 and colours <= {s["colour"] for s in LAYERS.values()}
    total = sum(int(n) for f in families for n in f.values())
    singles = page.locator(".geo-marker").count()
    assert total + singles <= len(incidents)
    assert page.locator("#geo-list-count").inner_text() == "3,000 incidents"
    fills = set(state_fills(page).values())
    assert len(fills) >= 4  # quantile classes spread the states over the shades
    name = "phone" if viewport is PHONE else "desktop"
    shot(page, f"analyst_{name}_clusters.png")
    assert page.errors == []
    page.close()


def test_page_assets_are_inlined_from_their_files(incidents, tmp_path):
    from importlib.resources import files

    path = write_map(incidents, tmp_path / "m.html", title_info=TITLE_INFO)
    html = path.read_text(encoding="utf-8")
    for name in ("map.js", "map.css"):
        text = (files("geo") / "assets" / name).read_text(encoding="utf-8")
        assert text in html, name
    assert "<script src=" not in html and "<link" not in html


def test_header_counts_incidents_and_articles_not_file_names(incidents, tmp_path):
    path = write_map(incidents, tmp_path / "m.html", title_info=TITLE_INFO)
    html = path.read_text(encoding="utf-8")
    assert '<h1 id="geo-title-h">Incidents in Mexico, 2026-02-21 to 2026-02-22</h1>' in html
    assert '<p id="geo-title-p">8 incidents from 3 articles</p>' in html
    assert "000_benzinga.txt" not in html.split("<body>")[1].split("<script>")[0]


@pytest.mark.browser
def test_a_regions_incident_says_region_not_state(chromium, tmp_path):
    from geo.pipeline import extract

    (tmp_path / "a.txt").write_text(
        " date 2024-05-01\nEnfrentamientos en la Sierra Tarahumara dejaron cinco muertos.\n",
        encoding="utf-8",
    )
    incidents = extract([tmp_path]).incidents
    path = write_map(incidents, tmp_path / "map.html", title_info=TITLE_INFO)
    page = open_map(chromium, path, DESKTOP)
    rows = page.locator(".geo-row-place").all_inner_texts()
    assert "Sierra Tarahumara (region)" in rows, rows
    assert not any("state-wide" in r for r in rows)
    assert page.errors == []
    page.close()


@pytest.mark.browser
def test_choosing_a_state_brings_it_into_view(chromium, spread_map):
    _, path = spread_map
    page = open_map(chromium, path, DESKTOP)
    codes = page.eval_on_selector_all("#geo-state option", "os => os.map(o => o.value)")
    code = next(c for c in codes if c and c != "MX-CMX")
    before = page.evaluate("c => GeoMap.view(c)", code)
    page.locator("#geo-state").select_option(code)
    page.wait_for_timeout(500)
    after = page.evaluate("c => GeoMap.view(c)", code)
    assert after["shows"] and after["zoom"] > before["zoom"], (code, before, after)
    assert page.errors == []
    page.close()
