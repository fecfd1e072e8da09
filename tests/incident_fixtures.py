"""Incident records resembling the seed articles, for the map-stage tests.

Coordinates come from the real offline geocoder and gazetteer, so the tests
check the layers and the map against real places: a raid at Tapalpa,
flights suspended at the Guadalajara (GDL) and Puerto Vallarta (PVR)
airports, a state-wide blockade and arson in Jalisco, casualty figures that
disagree between two sources, a country-wide shelter advisory, and one
incident whose evidence tries to inject a script.
"""

from __future__ import annotations

from datetime import date

from geo.gazetteer import load_gazetteer
from geo.geocoder import OfflineGeocoder
from geo.records import Casualty, Evidence, Incident

#: Evidence text that must show as text and never run.
INJECTION = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'

#: An outlet name with quotes, an ampersand and markup.
ODD_OUTLET = 'Diario "El Sol" & <b>Co</b>'

ARTICLE_A = "000_benzinga.txt"
ARTICLE_B = "004_salon.txt"

_ACLED = {
    "raid": ("Battles", "Armed clash"),
    "casualties": ("Battles", "Armed clash"),
    "arson": ("Strategic developments", "Looting/property destruction"),
}


def _evidence(
    text: str, article_id: str = ARTICLE_A, outlet: str | None = "Benzinga", start: int = 100
) -> Evidence:
    return Evidence(
        article_id=article_id, outlet=outlet, start=start, end=start + len(text), text=text
    )


def _incident(
    event_id: str, event_type: str, place: dict, precision: str, evidence: list[Evidence], **extra
) -> Incident:
    acled, sub = _ACLED.get(event_type, ("Strategic developments", "Other"))
    fields = dict(
        event_id=event_id,
        event_type=event_type,
        event_type_acled=acled,
        sub_event_type=sub,
        location=place["name"],
        location_kind=place["kind"],
        lat=place["lat"],
        lon=place["lon"],
        precision=precision,
        admin1=place.get("admin1"),
        state=place.get("state"),
        iso_3166_2=place.get("iso_3166_2"),
        country=place.get("country", "MX"),
        event_date=date(2026, 2, 22),
        event_date_end=date(2026, 2, 22),
        article_dates=[date(2026, 2, 23)],
        sources=sorted({e.article_id for e in evidence}),
        outlets=sorted({e.outlet for e in evidence if e.outlet}),
        evidence=evidence,
        place_id=place["id"],
        lang=["en"],
        date_basis="sentence",
        located_by=["sentence"],
    )
    fields.update(extra)
    return Incident(**fields)


def _geocoded(query: str) -> dict:
    location = OfflineGeocoder().geocode(query)
    assert location is not None, f"the offline geocoder found nothing for {query!r}"
    return dict(location.raw)


def _place(place) -> dict:
    """A gazetteer Place as the dict the geocoder's ``Location.raw`` gives."""
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": place.admin1,
        "state": place.state,
        "iso_3166_2": place.iso_3166_2,
        "country": place.country,
    }


def seed_like_incidents() -> list[Incident]:
    """Eight incidents covering every map layer and every precision.

    Returns
    -------
    list of Incident
        Deliberately not sorted by ``event_id``, so the writers must sort.
    """
    tapalpa = _geocoded("Tapalpa, Jalisco")
    gdl = _geocoded("Guadalajara airport")
    pvr = _geocoded("Puerto Vallarta airport")
    lagos = _geocoded("Lagos de Moreno, Jalisco")
    gaz = load_gazetteer()
    jalisco = _place(gaz.states_by_iso["MX-JAL"])  # the state's label point
    mexico = _place(gaz.places[gaz.by_id["country:MX"]])
    return [
        _incident(
            "T-07-advisory",
            "shelter_advisory",
            mexico,
            "country",
            [
                _evidence(
                    "The US embassy told citizens across Mexico to shelter in place.",
                    ARTICLE_B,
                    "Salon",
                    40,
                )
            ],
        ),
        _incident(
            "T-01-raid",
            "raid",
            tapalpa,
            "town",
            [_evidence("Soldiers clashed with gunmen in Tapalpa, Jalisco.")],
            event_date=date(2026, 2, 21),
        ),
        _incident(
            "T-02-flight-gdl",
            "flight_suspension",
            gdl,
            "point",
            [_evidence("Flights were suspended at Guadalajara airport.", ARTICLE_B, "Salon", 300)],
            location="Guadalajara airport (GDL)",
        ),
        _incident(
            "T-03-flight-pvr",
            "flight_suspension",
            pvr,
            "point",
            [_evidence("Puerto Vallarta airport cancelled flights.", ARTICLE_B, "Salon", 400)],
            location="Puerto Vallarta airport (PVR)",
        ),
        _incident(
            "T-04-blockade",
            "blockade",
            jalisco,
            "state",
            [_evidence("Gunmen blocked highways across Jalisco.", start=500)],
        ),
        _incident(
            "T-05-arson",
            "arson",
            jalisco,
            "state",
            [
                _evidence("Vehicles were torched in Jalisco.", start=600),
                _evidence("Buildings were set aflame in Jalisco.", ARTICLE_B, "Salon", 700),
            ],
        ),
        _incident(
            "T-06-casualties",
            "casualties",
            tapalpa,
            "town",
            [
                _evidence("Four cartel members were killed in Tapalpa.", start=800),
                _evidence("Seven cartel members died in Tapalpa.", ARTICLE_B, "Salon", 900),
            ],
            casualties=[
                Casualty("killed", 4, "cartel members", ARTICLE_A),
                Casualty("killed", 7, "cartel members", ARTICLE_B),
            ],
        ),
        _incident(
            "T-08-injection",
            "transport_suspension",
            lagos,
            "town",
            [
                _evidence(
                    f"Buses stopped running in Lagos de Moreno. {INJECTION}",
                    "009_odd.txt",
                    ODD_OUTLET,
                    50,
                )
            ],
        ),
    ]
