"""The two development articles, end to end through the library API."""

import pytest

from geo.gazetteer import haversine_km, load_gazetteer
from geo.pipeline import extract


@pytest.fixture(scope="module")
def result():
    return extract(["seeds"])


def by_type(result, event_type):
    return [i for i in result.incidents if i.event_type == event_type]


def test_raid_at_tapalpa_from_both_sources(result):
    (raid,) = by_type(result, "raid")
    assert raid.location == "Tapalpa" and raid.precision == "town"
    assert raid.iso_3166_2 == "MX-JAL"
    assert haversine_km(raid.lat, raid.lon, 19.9457, -103.7593) < 5
    assert set(raid.outlets) == {"Benzinga", "Salon"}
    assert any("Talpalpa" in e.text for e in raid.evidence)


def test_blockades_and_arson_at_state_level_with_evidence(result):
    for event_type, word in (("blockade", "blocked highways"), ("arson", "torched vehicles")):
        found = by_type(result, event_type)
        jalisco = [i for i in found if i.iso_3166_2 == "MX-JAL" and i.precision == "state"]
        assert jalisco, event_type
        assert any(word in e.text for e in jalisco[0].evidence)
        assert jalisco[0].location == "Jalisco"


def test_flight_suspensions_at_gdl_and_pvr(result):
    gaz = load_gazetteer()
    flights = [i for i in by_type(result, "flight_suspension") if i.precision == "point"]
    codes = set()
    for code in ("GDL", "PVR"):
        ap = gaz.airport_by_code(code)
        near = [i for i in flights if haversine_km(i.lat, i.lon, ap.lat, ap.lon) < 2]
        assert near, code
        assert near[0].iso_3166_2 == "MX-JAL"
        assert "Flights were suspended" in near[0].evidence[0].text
        codes.add(code)
    assert codes == {"GDL", "PVR"}


def test_transport_and_school_closures(result):
    for event_type in ("transport_suspension", "school_closure", "shelter_advisory"):
        found = by_type(result, event_type)
        assert found, event_type
        assert any(i.iso_3166_2 == "MX-JAL" for i in found), event_type


def test_both_casualty_figures_kept_side_by_side(result):
    figures = {
        (c.count, c.who, c.outcome, c.source[:3])
        for i in by_type(result, "casualties")
        for c in i.casualties
    }
    assert (4, "cartel members", "killed", "000") in figures
    assert (7, "cartel members", "killed", "004") in figures
    # Both in one record, so a reader sees the conflict.
    merged = [i for i in by_type(result, "casualties") if {c.count for c in i.casualties} >= {4, 7}]
    assert merged and merged[0].fatalities is not None


def test_no_incident_at_the_border_or_from_policy_paragraphs(result):
    texts = [e.text for i in result.incidents for e in i.evidence]
    assert not any("border wall" in t for t in texts)
    assert not any("fentanyl" in t for t in texts)
    assert not any("Trump" in t for t in texts)
    assert all(i.country == "MX" for i in result.incidents)


def test_evidence_offsets_point_into_the_articles(result):
    from geo.articles import read_articles

    texts = {a.id: a.text for a in read_articles(["seeds"])}
    for i in result.incidents:
        for e in i.evidence:
            assert texts[e.article_id][e.start : e.end] == e.text


def test_people_and_organisations_are_not_places(result):
    assert result.unresolved["part of a person's name"] >= 2
    assert result.unresolved["part of an organisation's name"] >= 2


def test_event_dates_come_from_the_text(result):
    (raid,) = by_type(result, "raid")
    from datetime import date

    assert raid.event_date == date(2026, 2, 21)  # "a Saturday operation"
    assert raid.event_date_end == date(2026, 2, 22)  # "On Sunday, officials said"
    assert raid.article_dates == [date(2026, 2, 23)]


def test_stable_ids_and_order():
    a = extract(["seeds"]).incidents
    b = extract(["seeds"]).incidents
    assert [i.event_id for i in a] == [i.event_id for i in b]
    assert len({i.event_id for i in a}) == len(a)
