"""Place mentions: spotting, context, resolution, misspellings (English and Spanish)."""

import pytest

from geo.articles import parse_article
from geo.places import PlaceExtractor, matching_text
from geo.sentences import split_sentences


@pytest.fixture(scope="module")
def px():
    return PlaceExtractor()


def mentions(px, text, date="2026-03-16"):
    art = parse_article(f" date {date} {text}", "t.txt")
    return px.extract(art, split_sentences(art.text, art.id))


def places(px, text):
    """(surface, resolved name, kind, iso, role) for the resolved mentions."""
    return [
        (m.text, m.place.name, m.place.kind, m.place.iso_3166_2, m.role)
        for m in mentions(px, text)
        if m.place is not None
    ]


def surfaces(px, text, role="place"):
    return [m.text for m in mentions(px, text) if m.place is not None and m.role == role]


def test_matching_text_keeps_offsets():
    text = "Querétaro, Michoacán (México)."
    assert len(matching_text(text)) == len(text)


def test_qualified_town_and_its_state(px):
    got = places(px, "Soldiers raided a ranch in Tapalpa, Jalisco, on Sunday.")
    assert ("Tapalpa", "Tapalpa", "town", "MX-JAL", "place") in got
    assert ("Jalisco", "Jalisco", "state", "MX-JAL", "qualifier") in got


def test_misspelling_in_place_context(px):
    got = places(px, "an operation in Talpalpa, Jalisco, Mexico")
    (town,) = [g for g in got if g[0] == "Talpalpa"]
    assert town[1:4] == ("Tapalpa", "town", "MX-JAL")
    m = [
        m for m in mentions(px, "an operation in Talpalpa, Jalisco, Mexico") if m.text == "Talpalpa"
    ][0]
    assert m.match == "fuzzy" and 0.7 < m.score < 1


def test_misspelling_after_strong_cue(px):
    got = places(px, "Gunmen attacked the municipality of Apatsingán on Monday.")
    assert any(g[1] == "Apatzingán" and g[3] == "MX-MIC" for g in got)


def test_missing_accents(px):
    got = places(px, "Blockades were reported in Culiacan and Mazatlan, Sinaloa.")
    assert [g[1] for g in got][:2] == ["Culiacán", "Mazatlán"]


@pytest.mark.parametrize(
    "text,org",
    [
        ("The Jalisco New Generation Cartel claimed the attack.", "Jalisco"),
        ("El Cártel Jalisco Nueva Generación se atribuyó el ataque.", "Jalisco"),
        ("Members of the Sinaloa Cartel were arrested.", "Sinaloa"),
        ("Integrantes del Cártel de Sinaloa fueron detenidos.", "Sinaloa"),
        ("Farmacias Guadalajara cerró sus sucursales.", "Guadalajara"),
        ("La Universidad de Guadalajara suspendió clases.", "Guadalajara"),
        # Lists of cartels: the first by what follows, the rest by the head.
        ("Factions of the Sinaloa and Juarez Cartels clashed in Chihuahua.", "Sinaloa"),
        ("Factions of the Sinaloa and Juarez Cartels clashed in Chihuahua.", "Juarez"),
        ("The Sinaloa and Jalisco New Generation cartels fight in Chiapas.", "Sinaloa"),
        ("The Sinaloa and Jalisco New Generation cartels fight in Chiapas.", "Jalisco"),
        ("La disputa entre los cárteles de Sinaloa y Jalisco dejó muertos en Chiapas.", "Jalisco"),
    ],
)
def test_organisations_are_not_places(px, text, org):
    ms = [m for m in mentions(px, text) if m.text == org]
    assert ms and all(m.place is None and m.role == "org" for m in ms)


@pytest.mark.parametrize(
    "text,name",
    [
        ("Spokesman Ricardo Guadalupe Zamora said the roads were clear.", "Guadalupe"),
        ("Spokesman Ricardo Guadalupe Zamora said the roads were clear.", "Zamora"),
        ("General Luis Hidalgo led the operation.", "Hidalgo"),
        ("Security Secretary Omar García Harfuch spoke on Sunday.", "García"),
        ("La reportera Ana Victoria Morelos documentó los hechos.", "Morelos"),
    ],
)
def test_people_named_like_places_are_not_places(px, text, name):
    ms = [m for m in mentions(px, text) if m.text == name]
    assert all(m.place is None or m.role == "person" for m in ms)


def test_surname_stays_a_person_later_in_the_article(px):
    text = (
        "Spokesman Ricardo Guadalupe Zamora spoke on Sunday. "
        "Zamora said six suspects were arrested."
    )
    assert not [
        m
        for m in mentions(px, text)
        if m.text == "Zamora" and m.place is not None and m.role == "place"
    ]


def test_destination_and_comparison_roles(px):
    text = (
        "The wounded were flown to Mexico City. Flights were suspended in Culiacán, "
        "while other airports such as Monterrey operated normally."
    )
    ms = {m.text: m.role for m in mentions(px, text) if m.place is not None}
    assert ms["Mexico City"] == "destination"
    assert ms["Monterrey"] == "comparison"
    assert ms["Culiacán"] == "place"


def test_spanish_destination_and_normal_operation(px):
    text = (
        "Los heridos fueron trasladados a la Ciudad de México. "
        "El aeropuerto de León opera con normalidad."
    )
    roles = {m.text: m.role for m in mentions(px, text) if m.place is not None}
    assert roles["Ciudad de México"] == "destination"
    assert roles["aeropuerto de León"] == "comparison"


def test_airport_cues(px):
    got = places(
        px,
        "Flights were cancelled at Guadalajara airport and at the aeropuerto de Puerto Vallarta.",
    )
    codes = {g[1] for g in got if g[2] == "airport"}
    assert len(codes) == 2
    assert all(g[3] == "MX-JAL" for g in got)


def test_guanajuato_capital_is_the_city(px):
    got = places(px, "Hubo bloqueos en Guanajuato capital.")
    assert got[0][1:3] == ("Guanajuato", "town")


def test_state_capital_phrase_resolves_through_context(px):
    got = places(px, "Hubo bloqueos en Sinaloa. En la capital del estado se quemó un autobús.")
    assert ("Culiacán", "city") in [(g[1], g[2]) for g in got]


def test_road_to_a_city(px):
    ms = {m.text: m.role for m in mentions(px, "Bloquearon la carretera a Saltillo.") if m.place}
    assert ms == {"Saltillo": "road", "carretera a Saltillo": "road"}


@pytest.mark.parametrize(
    "text,road,town",
    [
        # A street at the town its sentence names, cut before that town.
        (
            "Otro ataque ocurrió en el bulevar Emiliano Zapata de Culiacán, Sinaloa.",
            "bulevar Emiliano Zapata",
            "Culiacán",
        ),
        # A highway between two towns, at the town named beside it.
        (
            "Bloquearon la carretera México-Nogales, a la altura de Navolato, Sinaloa.",
            "carretera México-Nogales",
            "Navolato",
        ),
        (
            "Gunmen opened fire on Constitución Street in Villahermosa.",
            "Constitución Street",
            "Villahermosa",
        ),
        (
            "A bus was attacked on the Oaxaca-Puebla highway near Nochixtlán, Oaxaca.",
            "Oaxaca-Puebla highway",
            "Asunción Nochixtlán",
        ),
        (
            "Federal Highway 200 was closed near Acapulco, Guerrero.",
            "Federal Highway 200",
            "Acapulco de Juárez",
        ),
        # With no town beside it, the town the sentences before name.
        (
            "Hubo disparos en Tijuana, Baja California.\nLos hechos ocurrieron en la calle Segunda.",
            "calle Segunda",
            "Tijuana",
        ),
    ],
)
def test_streets_and_roads_are_places_at_their_town(px, text, road, town):
    got = {m.text: m for m in mentions(px, text) if m.place is not None}
    assert road in got, got
    m = got[road]
    assert m.role == "road" and m.place.name == road and m.place.id.startswith("road:")
    seat = next(g for g in got.values() if g.place.name == town)
    assert (m.place.lat, m.place.lon) == (seat.place.lat, seat.place.lon)


def test_a_name_that_goes_on_after_street_is_not_a_road(px):
    got = [m.text for m in mentions(px, "The Wall Street Journal reported from Culiacán.")]
    assert "Wall Street" not in got


def test_everyday_words_are_not_small_towns(px):
    text = "La Defensa y el Congreso dieron a conocer el plan. Reforma publicó la nota."
    assert surfaces(px, text) == []


def test_state_beats_namesake_villages(px):
    got = places(px, "Violence spread across Jalisco and Durango.")
    assert [(g[1], g[2]) for g in got] == [("Jalisco", "state"), ("Durango", "state")]


def test_nearby_state_disambiguates_a_shared_town_name(px):
    # Several Mexican towns are called San Pedro; the state named in the sentence picks one.
    got = places(px, "Hubo bloqueos en San Pedro y otros municipios de Coahuila.")
    san_pedro = [g for g in got if g[0] == "San Pedro"]
    assert san_pedro and san_pedro[0][3] == "MX-COA"


def test_countries(px):
    got = places(px, "Estados Unidos y Guatemala reforzaron la frontera con México.")
    assert {g[1] for g in got} == {"United States", "Guatemala", "Mexico"}
    assert all(g[2] == "country" for g in got)


def test_case_sensitive_abbreviations(px):
    assert "US" in surfaces(px, "The alert came from the US.")
    assert surfaces(px, "Let us go home now.") == []


def test_state_capital_in_apposition_takes_the_place_before_it(px):
    text = (
        "Violence hit Tamaulipas and Michoacán. Airlines cancelled flights to Culiacan, "
        "the state capital, on Monday."
    )
    got = places(px, text)
    assert ("the state capital", "Culiacán", "city", "MX-SIN", "place") in got


def test_mexico_alone_is_the_country_not_the_state(px):
    got = places(px, "Mexico's second-largest city, Guadalajara, was calm.")
    assert got[0][1:3] == ("Mexico", "country")


def test_road_named_by_its_two_ends(px):
    roles = {
        m.text: m.role
        for m in mentions(px, "Gunmen burned trucks along the Culiacán-Mazatlán highway.")
        if m.place
    }
    assert roles == {"Culiacán": "road", "Mazatlán": "road", "Culiacán-Mazatlán highway": "road"}


def test_neighbourhood_names_are_not_towns(px):
    text = "Un comando atacó un bar de la colonia Las Insurgentes de Celaya."
    got = {m.text: m.place for m in mentions(px, text) if m.place is not None}
    # The colonia is a settlement of Celaya (placed at Celaya), not a town elsewhere.
    assert set(got) == {"Las Insurgentes", "Celaya"}
    assert got["Las Insurgentes"].id.startswith("settlement:11.celaya/")
    assert got["Celaya"].iso_3166_2 == "MX-GUA"


def test_a_sentence_end_does_not_make_a_person(px):
    got = places(px, "Classes resume Wednesday. Mexico's president spoke.")
    assert [g[4] for g in got if g[0] == "Mexico"] == ["context"]  # not "person"


def test_hospital_names_and_transfers_are_not_incident_places(px):
    ms = mentions(px, "Dos lesionados fueron trasladados al Hospital General de León.")
    assert all(m.role in ("org", "destination") for m in ms if m.text == "León")


# -- rules added with the second annotator's corpus ---------------------------------


def test_cues_do_not_cross_sentences(px):
    got = places(
        px,
        "A manager asked not to be named. The Michoacán government said it would send more police.",
    )
    assert any(g[0] == "Michoacán" and g[2] == "state" for g in got)


@pytest.mark.parametrize(
    "text,name",
    [
        ("Se reportaron bloqueos en la carretera México 15, a la altura de Navolato.", "México"),
        ("Gunmen blocked Federal Highway Mexico 2 near Sonoyta, Sonora.", "Mexico"),
    ],
)
def test_numbered_road_names_are_not_places(px, text, name):
    m = [m for m in mentions(px, text) if m.text == name]
    assert m and m[0].place is None and m[0].role == "name"


def test_airport_named_after_a_person(px):
    got = places(px, "Se suspendieron los vuelos en el aeropuerto Amado Nervo de Tepic.")
    (airport,) = [g for g in got if g[0] == "Amado Nervo"]
    assert airport[2:4] == ("airport", "MX-NAY")


@pytest.mark.parametrize(
    "text,town",
    [
        ("Two soldiers were wounded and were taken to a military hospital in Morelia.", "Morelia"),
        (
            "Un policía herido fue trasladado a un hospital de la Ciudad de México.",
            "Ciudad de México",
        ),
    ],
)
def test_destination_a_few_words_back(px, text, town):
    assert town in surfaces(px, text, role="destination")
    assert town not in surfaces(px, text)


def test_state_capital_apposition_keeps_the_destination_role(px):
    text = "Two soldiers were taken to a hospital in Morelia, the state capital."
    assert surfaces(px, text) == []


def test_white_house_is_an_institution(px):
    text = "Un vocero de la Casa Blanca habló de la situación en Sinaloa."
    assert surfaces(px, text) == ["Sinaloa"]


def test_locating_apposition_is_context(px):
    text = "Troops were ambushed in Apodaca, in the Monterrey metropolitan area."
    assert surfaces(px, text) == ["Apodaca"]
    assert surfaces(px, text, role="context") == ["Monterrey"]


def test_initials_in_place_names(px):
    got = places(px, "Dos detenidos en la alcaldía Gustavo A. Madero.")
    assert any(g[0] == "Gustavo A. Madero" and g[3] == "MX-CMX" for g in got)


def test_neighbourhood_of_a_city_is_the_city(px):
    got = places(
        px, "A shootout in the Riberas del Bravo neighbourhood of Ciudad Juárez, Chihuahua."
    )
    assert ("Ciudad Juárez", "Ciudad Juárez", "city", "MX-CHH", "place") in got


def test_misspelling_after_of_with_a_state(px):
    got = places(px, "Troops clashed on the outskirts of Zamorra, Michoacán.")
    assert any(g[0] == "Zamorra" and g[3] == "MX-MIC" for g in got)


def test_a_short_name_is_the_town_named_in_full(px):
    got = places(
        px,
        "Policías se enfrentaron en Cadereyta Jiménez, Nuevo León. Luego "
        "bloquearon la carretera a la altura de Cadereyta.",
    )
    ids = {(g[0], g[1]) for g in got}
    assert ("Cadereyta", "Cadereyta Jiménez") in ids


def test_a_state_ending_a_neighbourhood_name_is_not_the_state(px):
    got = places(px, "El chofer fue asesinado en la colonia Jardines de Morelos de Ecatepec.")
    assert [g[1] for g in got] == ["Ecatepec de Morelos"]


def test_a_misspelt_town_after_neighboring(px):
    got = places(px, "Classes were suspended in Cuautla, Morelos, and neighboring Yecapixla.")
    assert ("Yecapixla", "Yecapixtla", "town", "MX-MOR", "place") in got


def test_a_state_inside_a_longer_town_name_is_not_the_state(px):
    got = places(px, "Police arrested a gunman in the nearby town of Puerto Morelos.")
    assert not any(g[2] == "state" for g in got)


def test_a_security_council_named_like_a_town_is_not_a_place(px):
    got = places(px, "Un guardia resultó herido en Fresnillo, informó la Mesa de Seguridad.")
    assert [g[1] for g in got] == ["Fresnillo"]


@pytest.mark.parametrize(
    "text,want",
    [
        (
            "Gunmen blocked avenues across the capital of Sinaloa state.",
            ("the capital of Sinaloa", "Culiacán"),
        ),
        ("Commuters were stranded in the Tabasco state capital.", ("Tabasco", "Villahermosa")),
        ("Hubo bloqueos en la capital de Sinaloa.", ("la capital de Sinaloa", "Culiacán")),
    ],
)
def test_the_capital_of_a_state(px, text, want):
    assert want in [(g[0], g[1]) for g in places(px, text)]


def test_an_agency_named_after_a_state_is_context(px):
    for text in (
        "Hubo bloqueos en la ciudad, informó la Vocería de Seguridad de Tamaulipas.",
        "Tamaulipas state security spokesman Jorge Cuéllar said cars were torched.",
    ):
        assert [g[4] for g in places(px, text)] == ["context"], text


def test_others_that_operated_normally_are_comparisons(px):
    got = places(
        px,
        "Flights were halted in Culiacán. Other airports run by the company, such "
        "as Mazatlán and Los Mochis, operated normally, it added.",
    )
    roles = {g[0]: g[4] for g in got}
    assert roles["Mazatlán"] == roles["Los Mochis"] == "comparison"


def test_a_move_with_words_between_is_a_destination(px):
    got = places(px, "Los heridos fueron trasladados vía aérea a Culiacán, Sinaloa.")
    assert ("Culiacán", "destination") in [(g[0], g[4]) for g in got]


def test_a_countrys_possessive_is_not_a_persons_name(px):
    got = places(px, "Violence in Mexico's Chiapas state displaced hundreds.")
    assert ("Chiapas", "place") in [(g[0], g[4]) for g in got]


def test_a_state_before_city_of_qualifies_the_next_name(px):
    got = places(px, "Gun battles rocked the city bordering the Texas city of Laredo.")
    assert ("Texas", "Texas", "region", None, "qualifier") in got
    assert ("Laredo", "Laredo", "city", None, "place") in got
    got = places(px, "Gunmen ambushed police in the Michoacán town of Aguililla.")
    assert ("Aguililla", "Aguililla", "town", "MX-MIC", "place") in got
    assert ("Michoacán", "Michoacán", "state", "MX-MIC", "qualifier") in got


def test_a_foreign_region_qualifies_a_town_abroad(px):
    # Ciudad Juárez sets the story near a Mexican "El Paso"; the qualifier wins.
    got = places(px, "Un hombre de Ciudad Juárez murió en El Paso, Texas, el sábado.")
    (town,) = [g for g in got if g[0] == "El Paso"]
    assert town[1:4] == ("El Paso", "city", None)


def test_a_road_cue_covers_the_whole_list(px):
    text = (
        "Se reportaron bloqueos en Reynosa, Tamaulipas, en carreteras que conectan con "
        "Monterrey, Matamoros y San Fernando."
    )
    got = places(px, text)
    roles = {g[0]: g[4] for g in got}
    assert roles["Reynosa"] == "place"
    assert roles["Monterrey"] == roles["Matamoros"] == roles["San Fernando"] == "road"


def test_street_names_are_roads_but_a_towns_streets_are_the_town(px):
    got = places(px, "The firefight took place between Hidalgo and Morelos streets in La Paz.")
    roles = {g[0]: g[4] for g in got}
    assert roles.get("Hidalgo") in (None, "road") and roles.get("Morelos") in (None, "road")
    assert roles["La Paz"] == "place"
    got = places(px, "Gunmen blocked Reynosa streets on Wednesday.")
    assert ("Reynosa", "Reynosa", "city", "MX-TAM", "place") in got


def test_a_village_in_a_state_the_story_never_names_is_a_namesake(px):
    text = (
        "Drones bombed Petatlán, Guerrero. People fled from the communities of "
        "El Anono, El Limón and Casas Viejas in Petatlán."
    )
    got = {g[0]: g for g in places(px, text)}
    assert got["Petatlán"][3] == "MX-GRO"
    assert all(g[3] == "MX-GRO" for g in got.values() if g[2] == "town"), got


@pytest.mark.parametrize(
    "text, town",
    [
        ("Celaya, Guanajuato.- La tarde de este sábado hubo disparos en Celaya.", "Celaya"),
        ("Zacatecas, Zacatecas, 3 de octubre de 2025.- Hubo bloqueos en Fresnillo.", "Zacatecas"),
        (
            "Chilpancingo, Guerrero (26 noviembre 2016).- Escuelas cerraron en Acapulco.",
            "Chilpancingo",
        ),
        (
            "date 2025-09-30 Pachuca.– Vecinos de Mixquiahuala, Hidalgo, lincharon a un hombre.",
            "Pachuca",
        ),
        ("URUAPAN, Mexico — The mayor was shot dead during a festival.", "URUAPAN"),
        ("Mexico City - Security was stepped up in Cohuecan after a lynching.", "Mexico City"),
    ],
)
def test_a_local_papers_dateline_is_not_a_place_of_its_sentence(px, text, town):
    first = next(m for m in mentions(px, text) if m.text == town)
    assert first.role == "dateline"


def test_a_headline_with_a_dash_is_no_dateline(px):
    roles = {
        m.text: m.role
        for m in mentions(px, "Otro vehículo incendiado en la carretera Tecate - Tijuana")
    }
    assert roles.get("Tecate") != "dateline"


def test_a_place_kicker_over_a_dash_dateline_is_no_dateline(px):
    text = "Tlahuelilpan: Pobladores queman autos\nPachuca, Hidalgo.- Habitantes de Tlahuelilpan quemaron autos."
    roles = [(m.text, m.role) for m in mentions(px, text)]
    assert ("Pachuca", "dateline") in roles and ("Tlahuelilpan", "dateline") not in roles


def test_a_list_of_one_states_towns_takes_its_namesakes_there(px):
    # Cuauhtémoc is a Mexico City borough thirty times larger than Zacatecas's
    # municipality, but the list's other members are all Zacatecas towns.
    text = (
        "Zacatecas vivió una jornada de narcobloqueos. Los municipios afectados "
        "fueron Fresnillo, Sombrerete, Río Grande, Villanueva, Cuauhtémoc y Jerez."
    )
    got = {m.text: m.place for m in mentions(px, text) if m.place is not None}
    assert got["Cuauhtémoc"].admin1 == "32"
    # Alone, with no list around it, the borough keeps the name.
    got = {m.text: m.place for m in mentions(px, "Hubo un tiroteo en Cuauhtémoc.")}
    assert got["Cuauhtémoc"].admin1 == "09"


@pytest.mark.parametrize(
    "text,name",
    [
        ("Flights were cancelled at Cancún International Airport.", "Cancún International Airport"),
        ("Gunfire hit a plane at the Culiacán airport.", "Culiacán airport"),
        (
            "El Aeropuerto Internacional de Culiacán suspendió operaciones.",
            "Aeropuerto Internacional de Culiacán",
        ),
        ("Cerraron el aeropuerto de Puerto Vallarta.", "aeropuerto de Puerto Vallarta"),
    ],
)
def test_an_airports_mention_spans_its_whole_name(px, text, name):
    got = {m.text: m.place for m in mentions(px, text) if m.place is not None}
    assert name in got and got[name].kind == "airport", got


@pytest.mark.parametrize(
    "text,hood,town",
    [
        # GeoNames knows a namesake in Morelos; the text says Colima.
        (
            "The first shooting was reported in the Lomas de Vista Hermosa neighborhood of "
            "Colima city.",
            "Lomas de Vista Hermosa",
            "Colima",
        ),
        (
            "Los hechos ocurrieron en la colonia Cruz de Piedra, en Cuernavaca, Morelos.",
            "Cruz de Piedra",
            "Cuernavaca",
        ),
    ],
)
def test_a_colonia_the_text_places_in_a_town_is_at_that_town(px, text, hood, town):
    got = {m.text: m for m in mentions(px, text) if m.place is not None}
    assert hood in got, got
    assert (got[hood].place.lat, got[hood].place.lon) == (got[town].place.lat, got[town].place.lon)
    assert got[town].role == "place"


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "PUERTO VALLARTA (PVDN) - In the first semester of 2023, Puerto Vallarta emerged "
            "as the fifth-ranking destination in Mexico for hotel occupancy, trailing Nuevo "
            "Vallarta, which ranked fourth.",
            "Puerto Vallarta",
        ),
    ],
)
def test_a_big_town_named_in_capitalised_everyday_words_is_that_town(px, text, name):
    # wordfreq rates "puerto vallarta" by its everyday word "puerto".
    assert name in surfaces(px, text, role="place")


def test_a_place_located_in_another_further_on_in_the_sentence(px):
    text = (
        "Siete familias se habían asentado en Xaltianguis y abandonaron esa comunidad "
        "ubicada en la Zona Rural de Acapulco luego de los enfrentamientos."
    )
    assert surfaces(px, text, role="place") == ["Xaltianguis"]
    assert surfaces(px, text, role="context") == ["Acapulco"]


def test_a_destination_named_as_the_city_of(px):
    text = (
        "In Camargo, Tamaulipas, one police officer was wounded and had to be airlifted to "
        "the border city of Reynosa."
    )
    assert surfaces(px, text, role="destination") == ["Reynosa"]


def test_a_highway_from_one_town_to_another_names_no_place(px):
    text = "The burning of units during a blockade of the highway from Durango to Mazatlán."
    assert surfaces(px, text, role="place") == []
    assert surfaces(px, text, role="road") == ["Durango", "Mazatlán"]


def test_a_road_between_towns_typed_with_a_spaced_dash_but_not_a_bulleted_list(px):
    road = "There was a confrontation on federal highway number 2 Piedras Negras- Nuevo Laredo."
    assert surfaces(px, road, role="road") == ["Piedras Negras", "Nuevo Laredo"]
    listed = "Los ataques fueron en:\n- Monterrey\n- Apodaca\n- Guadalupe, Nuevo León."
    assert "Apodaca" in surfaces(px, listed, role="place")


def test_a_trips_ends_are_its_origin_and_destination(px):
    text = (
        "Los 23 turistas fueron secuestrados en el municipio potosino de Matehuala cuando "
        "viajaban, en dos camionetas de Guanajuato a Saltillo, Coahuila."
    )
    assert surfaces(px, text, role="origin") == ["Guanajuato"]
    assert surfaces(px, text, role="destination") == ["Saltillo"]
    assert "Matehuala" in surfaces(px, text, role="place")


def test_a_listed_town_is_no_other_states_town_by_another_name(px):
    text = (
        "La medida se extendió a Elota, Mocorito, Salvador Alvarado, Villa Juárez, Navolato "
        "y Culiacán, en Sinaloa."
    )
    got = {m.text: m.place for m in mentions(px, text)}
    assert got["Villa Juárez"] is None  # not Ciudad Benito Juárez, Nuevo León
    assert got["Navolato"].iso_3166_2 == "MX-SIN"


def test_a_surname_after_a_quoted_nickname_is_a_person(px):
    text = (
        "The attack followed the kidnapping of the police chief of Carichí, Cipriano “Pano” "
        "Escárcega Aranda."
    )
    assert "Escárcega" not in surfaces(px, text, role="place")
