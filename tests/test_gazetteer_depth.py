"""Gazetteer depth: municipalities by their own names, colonias after a cue, the world abroad."""

import pytest

from geo.articles import parse_article
from geo.gazetteer import load_gazetteer
from geo.places import PlaceExtractor
from geo.sentences import split_sentences


@pytest.fixture(scope="module")
def px():
    return PlaceExtractor()


def resolved(px, text):
    art = parse_article(f" date 2026-03-16 {text}", "t.txt")
    return {m.text: m.place for m in px.extract(art, split_sentences(art.text, art.id)) if m.place}


@pytest.mark.parametrize(
    "text, name, iso, seat_lat",
    [
        ("Hubo una balacera en Benito Juárez, Quintana Roo.", "Benito Juárez", "MX-ROO", 21.17),
        ("En Sinaloa, un ataque armado en Elota dejó tres muertos.", "Elota", "MX-SIN", 23.92),
        ("Enfrentamiento en el municipio de Centro, Tabasco.", "Centro", "MX-TAB", 17.99),
        ("Quintana Roo: hallan cuerpos en Solidaridad.", "Solidaridad", "MX-ROO", 20.63),
    ],
)
def test_municipality_by_its_own_name_at_its_seat(px, text, name, iso, seat_lat):
    place = resolved(px, text)[name]
    assert place.id.startswith("municipality:")
    assert place.iso_3166_2 == iso
    assert place.lat == pytest.approx(seat_lat, abs=0.01)


def test_municipality_needs_its_state_in_context(px):
    # The Mexico City borough, not the municipality of Cancún.
    assert resolved(px, "Bloqueos en Benito Juárez.")["Benito Juárez"].iso_3166_2 == "MX-CMX"


def test_colonia_after_a_cue_at_its_municipality_seat(px):
    found = resolved(
        px, "Asesinado en la colonia Lomas del Sol de Cabo San Lucas, Baja California Sur."
    )
    colonia = found["Lomas del Sol"]
    assert colonia.id.startswith("settlement:") and colonia.code == "Colonia"
    assert colonia.iso_3166_2 == "MX-BCS"


def test_bare_settlement_names_need_their_municipality_named(px):
    assert "Lomas del Sol" not in resolved(px, "Las Lomas del Sol brillaban en Cabo San Lucas.")
    assert "Huixiopa" not in resolved(px, "Quemaron escuelas en Huixiopa, Sinaloa.")


def test_bare_settlement_inside_a_named_municipality_at_its_seat(px):
    found = resolved(
        px, "En Badiraguato cerraron escuelas. Quemaron aulas en las comunidades de Huixiopa."
    )
    village = found["Huixiopa"]
    assert village.id.startswith("settlement:") and village.iso_3166_2 == "MX-SIN"
    assert village.lat == pytest.approx(found["Badiraguato"].lat, abs=0.01)


@pytest.mark.parametrize(
    "text, name",
    [
        # Everyday words, parts of longer names and streets are no settlements.
        ("En Culiacán llegó la Policía Federal al Aeropuerto Internacional.", "Federal"),
        ("En Culiacán trabaja el Centro de Derechos Humanos Fray Bartolomé.", "Fray Bartolomé"),
        ("En Manzanillo hallaron un cuerpo en la calle Bugambilias.", "Bugambilias"),
    ],
)
def test_bare_settlement_not_a_word_name_or_street(px, text, name):
    place = resolved(px, text).get(name)
    assert place is None or not place.id.startswith("settlement:")


def test_settlement_after_a_quote_or_before_a_cue(px):
    found = resolved(px, "Desplazados de la comunidad de “Huixiopa”, en Sinaloa.")
    assert found["Huixiopa"].id.startswith("settlement:")
    found = resolved(px, "Gunmen stopped a bus near the Palo Blanco ejido in Reynosa.")
    assert found["Palo Blanco"].iso_3166_2 == "MX-TAM"


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Bandas en Cali y Medellín, Colombia, atacaron a la policía.", "Medellín", "CO"),
        ("Un ataque en Tegucigalpa y San Pedro Sula, Honduras.", "San Pedro Sula", "HN"),
        ("Ataques con drones en Cúcuta y Bogotá.", "Cúcuta", "CO"),
        ("Police in Toronto arrested two men.", "Toronto", "CA"),
        # A US city by the name Spanish news gives it.
        ("Se declaró culpable en una corte de Nueva York, Estados Unidos.", "Nueva York", "US"),
    ],
)
def test_foreign_cities_resolve_abroad(px, text, name, country):
    assert resolved(px, text)[name].country == country


def test_foreign_city_does_not_take_a_mexican_towns_name(px):
    place = resolved(px, "Explosion in Medellín, Veracruz left two dead.")["Medellín"]
    assert place.country == "MX" and place.iso_3166_2 == "MX-VER"


def test_world_countries_known():
    gaz = load_gazetteer()
    assert {"country:YE", "country:AF", "country:QA"} <= set(gaz.by_id)
    assert len(gaz.municipalities) > 2400


def test_a_small_namesake_near_the_storys_sure_town(px):
    # Sabinas, Coahuila is sure; the Juárez near it is the Coahuila village,
    # not Ciudad Juárez across the border state.
    found = resolved(
        px,
        "Un policía murió en Sabinas, Coahuila. El primer enfrentamiento se registró "
        "en el municipio de Juárez cuando los civiles agredieron a los agentes.",
    )
    assert found["Juárez"].iso_3166_2 == "MX-COA"


def test_a_plural_settlement_cue_covers_its_list(px):
    found = resolved(
        px,
        "En Badiraguato, Sinaloa, hubo ataques en las comunidades de Huixiopa, "
        "Santiago de los Caballeros y La Tuna.",
    )
    assert found["Huixiopa"].id.startswith("settlement:")
    assert found["La Tuna"].iso_3166_2 == "MX-SIN"


@pytest.mark.parametrize(
    "text, name, lat",
    [
        # Atenco is San Salvador Atenco's municipality, not San Mateo Atenco's.
        ("Enfrentamiento en el municipio de Atenco, Estado de México.", "Atenco", 19.55),
        # El Salto by Guadalajara, not the larger namesake on the coast road.
        ("Bloqueos en el municipio de El Salto, Jalisco.", "El Salto", 20.52),
        (
            "Gunmen attacked police in the municipality of Jilotzingo, State of Mexico.",
            "Jilotzingo",
            19.54,
        ),
    ],
)
def test_a_municipality_cue_picks_its_seat_among_namesakes(px, text, name, lat):
    assert resolved(px, text)[name].lat == pytest.approx(lat, abs=0.01)


def test_a_seat_is_where_the_municipalitys_settlements_are():
    from geo.databuild import _seat

    # Two towns called "Norte" in a state: the municipality's own villages
    # (each known by one place) lie around the smaller one.
    far = [1, "Norte", [], 20.0, -100.0, "14", 20000, ["norte"]]
    near = [2, "Norte", [], 25.0, -105.0, "14", 900, ["norte"]]
    towns = {"norte": [far, near]}
    villages = []
    for i in range(4):
        row = [10 + i, f"Aldea {i}", [], 25.0 + i / 100, -105.0, "14", 100, [f"aldea {i}"]]
        towns[f"aldea {i}"] = [row]
        villages.append((f"{i:05d}", f"Aldea {i}", "Ranchería"))
    assert _seat("norte", "", villages, towns) == (near, [])
    # Without any, the largest: by size alone when it is far larger, else
    # with the namesakes left to the postal district.
    assert _seat("norte", "", [], towns) == (far, [])
    near[6] = 15000
    assert _seat("norte", "", [], towns) == (far, [far, near])


def test_namesake_seats_follow_their_postal_district():
    import json

    from geo.databuild import build_municipalities
    from geo.gazetteer import data_dir

    states = json.loads((data_dir() / "states.geojson").read_text(encoding="utf-8"))
    # Two towns called Hidalgo in Coahuila; Nava's seat shares the 266 district.
    south = [1, "Hidalgo", [], 25.49, -103.14, "07", 4143, ["hidalgo"]]
    north = [2, "Hidalgo", [], 27.79, -99.88, "07", 1638, ["hidalgo"]]
    nava = [3, "Nava", [], 28.42, -100.77, "07", 20000, ["nava"]]
    sepomex = [
        ("26670", "Hidalgo", "Pueblo", "Hidalgo", "", "Coahuila de Zaragoza"),
        ("26650", "Nava", "Pueblo", "Nava", "Nava", "Coahuila de Zaragoza"),
    ]
    municipalities, _ = build_municipalities(sepomex, [south, north, nava], states)
    seat = {row[0]: row[4] for row in municipalities}
    assert seat == {"Hidalgo": 2, "Nava": 3}


def test_the_mexico_state_of_a_state_is_that_state(px):
    found = resolved(px, "Prosecutors in the northern Mexico state of Chihuahua say four died.")
    assert found["Mexico"].kind == "country"
    assert found["Chihuahua"].iso_3166_2 == "MX-CHH"


def test_a_title_case_headline_names_no_person(px):
    art = parse_article(
        " date 2021-12-08 Gunmen on Jet Skis Send Terrified Cancun Beachgoers Running for Cover\n"
        "Gunmen on jet skis opened fire on a resort zone beach in Cancun on Tuesday.",
        "t.txt",
    )
    found = [m for m in PlaceExtractor().extract(art, split_sentences(art.text, art.id))]
    assert [m.place.name for m in found if m.text == "Cancun"] == ["Cancún", "Cancún"]


def test_a_colonia_after_its_cue_beats_a_namesake_in_a_state_the_story_never_names(px):
    art = parse_article(
        " date 2023-11-20 Hubo enfrentamientos en la ciudad de Cuernavaca, Morelos, en la "
        "colonia Altavista y el poblado de Tlaltenango. Cinco civiles murieron en la avenida "
        "Emiliano Zapata de Tlaltenango.",
        "t.txt",
    )
    found = [m for m in px.extract(art, split_sentences(art.text, art.id)) if m.place]
    states = {m.place.iso_3166_2 for m in found if m.text == "Tlaltenango"}
    assert states == {"MX-MOR"}


def test_a_state_name_that_begins_a_longer_name_is_not_the_state(px):
    found = resolved(
        px, "Atacaron las comunidades de Ndoyonuyuji, Guerrero Grande y Mier y Terán, Oaxaca."
    )
    assert found.get("Guerrero") is None or found["Guerrero"].kind != "state"


def test_the_second_of_two_cartels_is_no_place(px):
    found = resolved(
        px,
        "Enfrentamientos entre integrantes del Cártel Jalisco Nueva Generación (CJNG) y de "
        "Sinaloa en Frontera Comalapa, Chiapas.",
    )
    assert "Sinaloa" not in found
    assert found["Chiapas"].iso_3166_2 == "MX-CHP"


def test_a_saints_name_followed_by_more_of_a_name_is_a_village_the_gazetteer_lacks(px):
    found = resolved(
        px,
        "The lynching was in San Mateo Macuilxóchitl, a town in the municipality of San "
        "Jerónimo Tlacochahuaya, Oaxaca.",
    )
    assert "San Mateo" not in found
    assert found["San Jerónimo Tlacochahuaya"].iso_3166_2 == "MX-OAX"
    # A name that is whole stays a place.
    assert resolved(px, "Hubo bloqueos en San Pedro Garza García, Nuevo León.")


def test_a_titled_municipality_by_its_name_without_the_title(px):
    found = resolved(px, "Seis cuerpos en el municipio de Pánfilo Natera, Zacatecas.")
    assert found["Pánfilo Natera"].name == "General Pánfilo Natera"
    found = resolved(px, "Los habitantes del municipio de Heliodoro Castillo, Guerrero, huyeron.")
    assert found["Heliodoro Castillo"].iso_3166_2 == "MX-GRO"


def test_the_virgin_of_guadalupe_is_no_place(px):
    found = resolved(
        px, "They found the burned vehicles in front of the Hermitage of the Virgin of Guadalupe."
    )
    assert "Guadalupe" not in found


def test_the_historic_city_center_of_a_capital_is_the_city(px):
    found = resolved(px, "The attack took place in the historic city center of Querétaro.")
    assert found["Querétaro"].kind in ("city", "town")


def test_a_mexico_city_in_lower_case_is_a_city_of_mexico(px):
    found = resolved(
        px, "Four drivers shot to death in violent southern Mexico city of Chilpancingo."
    )
    assert "Mexico city" not in found
    assert found.get("Mexico") is None or found["Mexico"].kind == "country"
    assert resolved(px, "Protests in Mexico City.")["Mexico City"].iso_3166_2 == "MX-CMX"


def test_a_neighbourhood_with_no_town_named_is_the_datelines(px):
    found = resolved(
        px,
        "CULIACÁN, Sin. — Firefighters went to the Miguel Hidalgo neighborhood for the report "
        "of a burning vehicle.",
    )
    assert found["Miguel Hidalgo"].iso_3166_2 == "MX-SIN"


def test_where_a_bus_left_from_is_an_origin():
    art = parse_article(
        " date 2019-03-11 Gunmen kidnapped 19 people on a bus, which left the city of Tampico "
        "for Reynosa, Tamaulipas.",
        "t.txt",
    )
    roles = {
        m.text: m.role for m in PlaceExtractor().extract(art, split_sentences(art.text, art.id))
    }
    assert roles["Tampico"] == "origin"


# -- Regions (data/regions_curated.csv) ---------------------------------------


def test_every_region_is_placed_at_its_anchor_town():
    import csv

    from geo.gazetteer import data_dir

    gaz = load_gazetteer()
    with (data_dir() / "regions_curated.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    regions = [p for p in gaz.places if p.kind == "region" and p.country == "MX"]
    assert len(regions) == len(rows) >= 60
    by_id = {p.code: p for p in gaz.places if p.id.startswith("geonames:")}
    for p in regions:
        town = by_id[p.code]
        assert (p.lat, p.lon, p.admin1) == (town.lat, town.lon, town.admin1), p


@pytest.mark.parametrize(
    "text, name, iso",
    [
        (
            "Enfrentamientos en la Tierra Caliente de Guerrero, en Arcelia.",
            "Tierra Caliente de Guerrero",
            "MX-GRO",
        ),
        (
            "En Michoacán, la Tierra Caliente vive otra jornada de violencia.",
            "Tierra Caliente",
            "MX-MIC",
        ),
        ("Tourists returned to the Riviera Maya this winter.", "Riviera Maya", "MX-ROO"),
        (
            "Desplazados de los Altos de Chiapas llegaron a la capital.",
            "Altos de Chiapas",
            "MX-CHP",
        ),
        (
            "Balaceras en la Zona Metropolitana de Guadalajara.",
            "Zona Metropolitana de Guadalajara",
            "MX-JAL",
        ),
    ],
)
def test_regions_resolve_in_the_story_state(px, text, name, iso):
    place = resolved(px, text)[name]
    assert place.kind == "region"
    assert place.iso_3166_2 == iso


def test_an_incident_in_a_region_is_region_wide_at_its_main_town(tmp_path):
    from geo.pipeline import extract

    (tmp_path / "a.txt").write_text(
        " date 2024-05-01\nEnfrentamientos en la Sierra Tarahumara dejaron cinco muertos.\n",
        encoding="utf-8",
    )
    got = {i.event_type: i for i in extract([tmp_path]).incidents}
    clash = got["armed_clash"]
    assert (clash.location, clash.location_kind, clash.precision) == (
        "Sierra Tarahumara",
        "region",
        "state",
    )
    assert clash.geo_precision == 3 and clash.iso_3166_2 == "MX-CHH"
    assert clash.lat == pytest.approx(26.82, abs=0.01)  # Guachochi


def test_a_town_named_with_its_region_is_where_it_happened(tmp_path):
    from geo.pipeline import extract

    (tmp_path / "a.txt").write_text(
        " date 2024-05-01\nUn enfrentamiento en Apatzingán, en la Tierra Caliente de "
        "Michoacán, dejó tres muertos.\n",
        encoding="utf-8",
    )
    places = {(i.event_type, i.location) for i in extract([tmp_path]).incidents}
    assert ("armed_clash", "Apatzingán") in places
    assert not any(loc == "Tierra Caliente" for _, loc in places)


def test_a_region_anchored_nowhere_is_a_data_error(tmp_path):
    import shutil

    from geo.errors import DataError
    from geo.gazetteer import Gazetteer, data_dir

    for f in data_dir().iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    with (tmp_path / "regions_curated.csv").open("a", encoding="utf-8") as fh:
        fh.write("Región Imaginaria,,12,Atlantis\n")
    with pytest.raises(DataError, match="regions_curated.csv line .*Atlantis"):
        Gazetteer(tmp_path)


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("TUCSON, Ariz. (KGUN) — A Nogales man was sentenced on Monday.", "Ariz.", "US-AZ"),
        ("La familia vive en Carolina del Norte desde 2019.", "Carolina del Norte", "US-NC"),
    ],
)
def test_us_states_by_their_abbreviations_and_spanish_names(px, text, name, code):
    place = resolved(px, text)[name]
    assert (place.country, place.code) == ("US", code)


def test_after_its_cue_a_colonia_name_holding_a_town_name_is_the_colonia(px):
    # "San Miguel" inside the fraccionamiento's name is no town of its own.
    got = resolved(
        px,
        "Sinaloa. – Un grupo armado irrumpió en el centro de rehabilitación, ubicado entre "
        "las calles Cerro de San Cayetano y Cerro de la Silla en el exclusivo fraccionamiento "
        "Colinas de San Miguel, al sur de Culiacán.",
    )
    assert "San Miguel" not in got
    colonia = got["Colinas de San Miguel"]
    assert colonia.id.startswith("settlement:") and colonia.iso_3166_2 == "MX-SIN"


def test_a_region_written_with_a_lowercase_head(px):
    found = resolved(px, "Los emboscaron en una carretera de la sierra Tarahumara, en Chihuahua.")
    assert found["sierra Tarahumara"].kind == "region"
    assert "Tarahumara" not in found


def test_a_seats_postal_code_names_the_town_before_its_colonias():
    from geo.databuild import _seat

    # Marcos Castellanos, Michoacán: code 59500 holds the colonia El Durazno
    # (a namesake near Morelia is larger) and the town San José de Gracia.
    durazno = [1, "El Durazno", [], 19.65, -101.17, "16", 1500, ["el durazno"]]
    gracia = [2, "San José de Gracia", [], 19.99, -103.02, "16", 9500, ["san jose de gracia"]]
    towns = {"el durazno": [durazno], "san jose de gracia": [gracia]}
    villages = [("59500", "El Durazno", "Colonia"), ("59500", "San José de Gracia", "Pueblo")]
    assert _seat("marcos castellanos", "", villages, towns) == (gracia, [])
