import re
from pathlib import Path

import pytest
from incident_fixtures import INJECTION, ODD_OUTLET

from geo.join import load_states
from geo.layers import LAYERS
from geo.webmap import CLUSTER_FROM, build_map, popup_fields, write_map

ARTIFACTS = Path(__file__).parent / "artifacts"
TITLE_INFO = {
    "dates": ["2026-02-23", "2026-02-22"],
    "sources": ["Benzinga", "Salon", ODD_OUTLET, "<img src=x onerror=alert(1)>"],
}
CDN_MARKERS = [
    "https://cdn",
    "code.jquery",
    "bootstrap",
    "font-awesome",
    "fontawesome",
    "awesome-markers",
    "cdnjs",
    "netdna",
]


@pytest.fixture
def map_html(incidents, tmp_path):
    path = write_map(incidents, tmp_path / "incidents.html", title_info=TITLE_INFO)
    return path, path.read_text(encoding="utf-8")


def test_offline_map_inlines_leaflet_and_links_nothing(map_html):
    _, html = map_html
    for marker in CDN_MARKERS:
        assert marker not in html.lower(), marker
    assert "<script src=" not in html and "<link" not in html
    assert 't.version="1.9.3"' in html
    assert ".leaflet-container" in html
    assert "url(images/" not in html
    urls = set(re.findall(r"https?://[^\s\"'`)\\]+", html))
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in urls
    assert not [u for u in urls if "cdn" in u or u.endswith((".js", ".css"))]


def test_cdn_map_links_folium_assets(incidents, tmp_path):
    path = write_map(incidents, tmp_path / "cdn.html", title_info=TITLE_INFO, cdn=True)
    html = path.read_text(encoding="utf-8")
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js">' in html
    assert 't.version="1.9.3"' not in html
    offline = write_map(incidents, tmp_path / "offline.html", title_info=TITLE_INFO)
    assert path.stat().st_size < offline.stat().st_size


def test_rerun_gives_byte_identical_html(incidents, map_html, tmp_path):
    path, html = map_html
    again = write_map(list(reversed(incidents)), tmp_path / "again.html", title_info=TITLE_INFO)
    assert again.read_bytes() == path.read_bytes()


def test_injected_text_never_appears_unescaped(incidents, map_html):
    _, html = map_html
    assert INJECTION not in html
    assert "<script>window.__pwned" not in html
    assert 'onerror="window.__pwned=2"' not in html
    assert "<img src=x" not in html
    assert "<b>Co</b>" not in html
    assert html.count("</script>") == html.count("<script")
    injected = next(i for i in incidents if i.event_id == "T-08-injection")
    fields = popup_fields(injected)
    # Plain text for the page's text nodes; in the page the JSON escapes < > & '.
    assert INJECTION in fields["evidence"][0][0]
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=1" in html


def test_title_names_dates_and_escaped_sources(map_html):
    _, html = map_html
    assert "<title>Incidents in Mexico reported 2026-02-22, 2026-02-23</title>" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Benzinga" in html and "Salon" in html


def test_malformed_title_info_is_refused(incidents):
    with pytest.raises(ValueError, match="title_info must be a dict with 'dates' and"):
        build_map(incidents, title_info={"dates": []})
    with pytest.raises(ValueError, match=r"title_info\['sources'\] must be a list of strings"):
        build_map(incidents, title_info={"dates": [], "sources": "Reuters"})


def test_empty_map_shows_mexico(tmp_path):
    path = write_map(
        [], tmp_path / "empty.html", title_info={"dates": [], "sources": []}, states=load_states()
    )
    html = path.read_text(encoding="utf-8")
    assert "[[14.5, -118.4], [32.7, -86.7]]" in html
    assert "0 incidents from 0 articles" in html


def _map_var(page):
    return "window[document.querySelector('.folium-map').id]"


@pytest.mark.browser
def test_map_in_offline_browser(chromium, incidents, map_html):
    from playwright.sync_api import expect

    path, _ = map_html
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    errors, remote = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def refuse_network(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    page.route("**/*", refuse_network)
    page.goto(path.as_uri())
    page.wait_for_selector(".geo-marker")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "map.png")
    markers = page.locator(".geo-marker")
    assert markers.count() == len(incidents)
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in remote), remote

    control = page.locator(".leaflet-control-layers-overlays")
    # Below 1600 px the layer control starts folded behind its button.
    assert not control.is_visible()
    page.locator("#geo-layers-button").click()
    assert control.is_visible()
    for spec in LAYERS.values():
        assert spec["title"] in control.inner_text()
    assert "States, shaded by incident count" in control.inner_text()
    assert page.locator(".leaflet-interactive").count() >= 32  # the state polygons

    raid_box = control.locator("label", has_text=LAYERS["raid"]["title"]).locator("input")
    raid_box.click()
    assert markers.count() == len(incidents) - 1
    assert page.locator(".geo-marker-raid").count() == 0
    raid_box.click()
    assert markers.count() == len(incidents)

    page.locator(".geo-marker-raid").click()
    popup = page.locator(".leaflet-popup-content")
    assert "Soldiers clashed with gunmen in Tapalpa, Jalisco." in popup.inner_text()
    assert "Tapalpa (town)" in popup.inner_text()
    page.locator(".leaflet-popup-close-button").click()
    expect(popup).to_have_count(0)

    page.locator(".geo-marker-closures_advisories.geo-precision-town").click()
    text = popup.inner_text()
    assert "</script><script>window.__pwned=1</script>" in text
    assert 'onerror="window.__pwned=2"' in text
    assert ODD_OUTLET in text
    assert page.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.locator(".leaflet-popup-close-button").click()
    expect(popup).to_have_count(0)

    point = page.evaluate(f"{_map_var(page)}.latLngToContainerPoint([19.5, -104.5])")
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator(".leaflet-tooltip", has_text="Jalisco (MX-JAL)")
    expect(tooltip).to_be_visible()
    assert "7 incidents" in tooltip.inner_text()
    assert "Flight suspensions: 2" in tooltip.inner_text()

    page.locator(".geo-marker-raid").click()
    expect(popup).to_have_count(1)
    page.wait_for_timeout(500)  # let the popup's fade-in finish
    page.screenshot(path=ARTIFACTS / "map_popup.png")
    assert errors == []
    page.close()


def _many_incidents(n):
    """``n`` incidents spread over the gazetteer's towns (enough to cluster)."""
    from dataclasses import replace

    from incident_fixtures import seed_like_incidents

    from geo.gazetteer import load_gazetteer

    base = seed_like_incidents()[0]
    towns = [p for p in load_gazetteer().places if p.kind in ("city", "town")][:n]
    return [
        replace(
            base,
            event_id=f"M{k:05d}",
            location=p.name,
            lat=p.lat,
            lon=p.lon,
            admin1=p.admin1,
            state=p.state,
            iso_3166_2=p.iso_3166_2,
        )
        for k, p in enumerate(towns)
    ]


def test_large_map_clusters_markers_and_stays_small(tmp_path, chromium):
    incidents = _many_incidents(CLUSTER_FROM + 2000)
    path = write_map(incidents, tmp_path / "big.html", title_info=TITLE_INFO)
    html = path.read_text(encoding="utf-8")
    assert "L.markerClusterGroup" in html and "<script src=" not in html
    assert path.stat().st_size < 1_000 * len(incidents)  # well under a kilobyte each
    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
    )
    page.goto(path.as_uri())
    page.wait_for_selector(".marker-cluster")
    assert page.locator(".marker-cluster").count() > 3
    assert errors == []
    page.close()


def test_popup_links_each_source_article(tmp_path):
    import json

    from geo.pipeline import make_map
    from geo.webmap import popup_fields

    result, _ = make_map(["tests/inputs/uruapan_clash.html"], tmp_path)
    raid = next(i for i in result.incidents if i.event_type == "armed_clash")
    url = "https://www.valleycourier.example/world/mexico/uruapan-clash-five-dead-2026-03-02/"
    assert popup_fields(raid)["links"] == [
        ("Gunmen and soldiers clash in Uruapan, leaving five dead", url)
    ]
    page = (tmp_path / "incidents.html").read_text(encoding="utf-8")
    assert json.dumps(url)[1:-1] in page or url.replace("/", "\\/") in page
