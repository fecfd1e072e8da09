"""Rules added from the ninth round of real articles, one behaviour per test.

The texts are written for the tests, in the forms the real articles used;
accuracy itself is measured on the real corpus (``test_real_corpus.py``).
"""

from __future__ import annotations

import pytest
from rule_helpers import incidents_of as _got
from rule_helpers import mentions_of as _mentions

from geo.articles import parse_article
from geo.incidents import classify_sentence
from geo.outcomes import process_article


@pytest.mark.parametrize(
    "lang, text, types",
    [
        ("en", "Officers found 17 people being held against their will.", {"kidnapping"}),
        ("es", "Dijeron que estaban retenidos contra su voluntad.", {"kidnapping"}),
        (
            "es",
            "Todos los viajes en autobús desde la capital hacia el sur se cancelaron.",
            {"transport_suspension"},
        ),
        ("es", "Desde la madrugada se cancelaron las corridas al sur.", {"transport_suspension"}),
        ("en", "An explosive was thrown into the room from outside.", {"explosive_attack"}),
        ("es", "Las escuelas retomaron este lunes las clases virtuales.", {"school_closure"}),
        ("es", "Vuelven escuelas públicas de Zacatecas a clases en línea.", {"school_closure"}),
        ("en", "Schools in the town switched to online classes.", {"school_closure"}),
        ("es", "Sujetos armados tuvieron escaramuzas entre las comunidades.", {"armed_clash"}),
        ("es", "Los pobladores detuvieron a un operador del transporte público.", set()),
        ("es", "Detuvieron a un operador del cártel en la sierra.", {"raid"}),
        (
            "es",
            "Los choferes han suspendido las corridas hacia el centro.",
            {"transport_suspension"},
        ),
        (
            "es",
            "En el pueblo, comercios y escuelas han cerrado.",
            {"school_closure", "business_closure"},
        ),
        ("es", "El huachicol tiene en llamas al estado.", set()),
        (
            "en",
            "Shops and educational institutions ceased activities.",
            {"school_closure", "business_closure"},
        ),
        (
            "es",
            "Directivos de 15 instituciones educativas decidieron suspender actividades.",
            {"school_closure"},
        ),
        ("es", "Son 14 escuelas las que cerraron sus puertas.", {"school_closure"}),
        ("es", "Se encontraron dos unidades totalmente destruidas por el fuego.", {"arson"}),
        ("en", "Two trucks were gutted by fire on the highway.", {"arson"}),
        ("es", "El hombre secuestró a su hija de dos años.", {"kidnapping"}),
        ("en", "At least six trucks or tractor-trailers have been burned.", {"arson"}),
        (
            "en",
            "A guard was wounded when shots were fired outside the state offices.",
            {"attack_on_installation"},
        ),
        ("es", "Los militares fueron atacados con drones artillados.", {"explosive_attack"}),
        ("es", "Se llevó a cabo una requisa integral en el penal.", {"raid"}),
        ("es", "Ante la reacción de los efectivos, se desató una balacera.", {"armed_clash"}),
        (
            "es",
            "Es el segundo ataque en contra del mismo edificio en una semana.",
            {"attack_on_installation"},
        ),
    ],
)
def test_triggers(lang, text, types):
    assert set(classify_sentence(text, (lang,))) == types


def test_country_qualifier_does_not_pick_a_state_of_mexico_village():
    # "Juarez, Mexico": the country, not Colonia Juárez in the State of Mexico.
    m = _mentions("JUAREZ, Mexico (KVIA)- Officers rescued 17 migrants from a home in Juarez.")
    assert m["Juarez"].place.admin1 == "06"


def test_reason_clause_place_is_not_the_suspension_place(tmp_path):
    got = _got(
        tmp_path,
        " date 2023-01-05\nHermosillo, Sonora.- Todos los viajes en autobús desde Hermosillo"
        " hacia el sur se cancelaron, hasta nuevo aviso, ante la situación que se vive en"
        " Sinaloa, informaron las líneas de autobuses.\n",
    )
    assert ("transport_suspension", "Hermosillo") in got
    assert not any(loc == "Sinaloa" for _, loc in got)


def test_reason_clause_place_stays_when_the_event_has_no_other(tmp_path):
    got = _got(
        tmp_path,
        " date 2023-01-05\nSe suspendieron las clases ante la violencia en Culiacán,"
        " informó la Secretaría de Educación.\n",
    )
    assert ("school_closure", "Culiacán") in got


def test_another_states_city_by_an_old_alternate_name_is_not_read():
    # Villa Juárez, Navolato is not Ciudad Benito Juárez, Nuevo León.
    m = _mentions(
        "Navolato, Sinaloa.— Several people were injured during a party in the"
        " Villa Juárez district."
    )
    assert m["Villa Juárez"].place is None or m["Villa Juárez"].place.admin1 == "25"


def test_a_short_form_of_a_citys_own_name_is_still_read():
    m = _mentions("Culiacán, Sinaloa.— The family had travelled from Acapulco the day before.")
    assert m["Acapulco"].place is not None and m["Acapulco"].place.admin1 == "12"


def test_a_day_and_month_after_colonia_is_a_name_not_a_date():
    from datetime import date

    from geo.when import event_dates

    assert event_dates("en la colonia 4 de Marzo, en Navolato", date(2025, 11, 16)) == []
    assert event_dates("sobre la calle 5 de Mayo", date(2025, 11, 16)) == []
    assert event_dates("el 4 de marzo", date(2025, 11, 16)) == [
        (date(2025, 3, 4), date(2025, 3, 4))
    ]


def test_a_closures_reason_takes_none_of_its_places(tmp_path):
    got = _got(
        tmp_path,
        " date 2022-10-25\nZacatecas, Zac., Más de 300 escuelas de los municipios de Loreto"
        " y Villa García retomaron este lunes las clases virtuales, debido a la violencia"
        " provocada por enfrentamientos entre grupos de la delincuencia.\n",
    )
    assert {("school_closure", "Loreto"), ("school_closure", "Villa García")} <= got
    assert not any(t == "armed_clash" for t, _ in got)


def test_a_shootouts_reason_still_shares_its_town(tmp_path):
    got = _got(
        tmp_path,
        " date 2024-05-01\nA fierce shootout occurred in the municipality of Corregidora in"
        " Querétaro after armed individuals attempted to kidnap a businessman.\n",
    )
    assert {t for t, _ in got} == {"armed_clash", "kidnapping"}
    assert len({loc for _, loc in got}) == 1  # the seat of Corregidora


def test_a_list_of_municipalities_takes_the_state_after_it():
    m = _mentions("Participaron fuerzas de los municipios de Hidalgo y Guerrero, Coahuila.")
    assert m["Hidalgo"].place.admin1 == "07" and m["Hidalgo"].place.kind == "town"
    assert m["Guerrero"].place.admin1 == "07" and m["Guerrero"].place.kind == "town"


def test_a_list_of_states_is_still_states():
    m = _mentions("Hubo bloqueos en Hidalgo, Guerrero y Coahuila.")
    assert {m[k].place.kind for k in ("Hidalgo", "Guerrero", "Coahuila")} == {"state"}


def test_where_a_force_has_its_bases_is_not_where_it_fought():
    m = _mentions(
        "Los policías recibieron el apoyo del Ejército, que tiene sus bases en los estados"
        " de Coahuila, Nuevo León y Tamaulipas, y nueve agresores fueron abatidos."
    )
    assert {m[k].role for k in ("Coahuila", "Nuevo León", "Tamaulipas")} == {"origin"}


def test_near_the_us_border_is_not_a_story_abroad(tmp_path):
    got = _got(
        tmp_path,
        " date 2021-09-17\nMEXICO CITY (AP) — Shootouts with soldiers near the U.S. border left"
        " 9 suspected gunmen dead. The government of the border state of Coahuila said state"
        " police came under fire.\n",
    )
    assert ("armed_clash", "Coahuila") in got


def test_the_country_in_a_border_phrase_is_a_boundary():
    m = _mentions("Violence near the Guatemala border. Migrants crossed from Guatemala.")
    roles = sorted(x.role for x in _all_mentions("Violence near the Guatemala border."))
    assert roles == ["boundary"]
    assert m["Guatemala"].place.country == "GT"


def _all_mentions(text):
    _, mentions = process_article(parse_article(" date 2024-05-01\n" + text, "a.txt"))
    return mentions


def test_locality_then_bare_municipio_is_one_place(tmp_path):
    got = _got(
        tmp_path,
        " date 2024-05-01\nPobladores de San Pablo Autopan, municipio Toluca, intentaron"
        " linchar a un hombre.\n",
    )
    assert {loc for _, loc in got} == {"San Pablo Autopan"}


def test_where_the_buses_go_is_a_destination():
    m = _mentions("La suspensión es porque no hay paso de aquí hacia Veracruz.")
    assert m["Veracruz"].role == "destination"


def test_an_event_referred_to_at_an_agency_building_is_placed_there(tmp_path):
    got = _got(
        tmp_path,
        " date 2019-03-15\nTierra Blanca, Ver.- Hubo balaceras.\n\nSobre el enfrentamiento de"
        " este 15 de marzo en la delegación de la Secretaría de Seguridad Pública de Tierra"
        " Blanca, una fuente policial asegura que hubo cinco muertos.\n",
    )
    assert ("armed_clash", "Tierra Blanca") in got


def test_the_capital_named_by_the_states_adjective():
    m = _mentions("En la colonia Indeco de la capital tabasqueña murieron cuatro personas.")
    assert m["la capital tabasqueña"].place.name == "Villahermosa"


def test_inmates_deprived_of_liberty_are_no_kidnapping(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-12-15\nCiudad del Carmen, Campeche.— Las acciones se desarrollaron con una"
        " población penitenciaria de 900 personas privadas de la libertad.\n",
    )
    assert not any(t == "kidnapping" for t, _ in got)


def test_a_hurricanes_shelters_and_closures_are_no_incidents(tmp_path):
    got = _got(
        tmp_path,
        " date 2021-08-19\nTULUM, Mexico (AP) — Hurricane Grace came ashore south of Tulum."
        " Quintana Roo state opened shelters ahead of the storm. Authorities ordered all"
        " businesses closed by 8 p.m.\n",
    )
    assert got == set()


def test_violence_in_a_storm_story_is_still_reported(tmp_path):
    got = _got(
        tmp_path,
        " date 2021-08-19\nVILLAHERMOSA, Tab.- Durante las inundaciones, pobladores"
        " saquearon tiendas en Villahermosa. Las inundaciones dejaron miles de damnificados.\n",
    )
    assert ("looting", "Villahermosa") in got


def test_jobs_displaced_by_trade_are_no_displacement():
    assert "displacement" not in classify_sentence(
        "Buscan reubicar 13 millones de empleos, que han sido desplazados por la manufactura.",
        ("es",),
    )


def test_a_list_then_en_state_puts_the_list_in_that_state():
    m = _mentions("Hubo balaceras a la altura de Cadereyta, Juárez y China, en Nuevo León.")
    assert m["China"].place.kind == "town" and m["China"].place.admin1 == "19"
    assert m["Juárez"].place.admin1 == "19"


def test_a_qualified_name_with_no_town_in_that_state_is_left_unread():
    m = _mentions("Hubo balaceras a la altura de Los Herrera y China, en Nuevo León.")
    assert m["Los Herrera"].place is None


def test_a_periods_tally_is_no_events_toll():
    from geo.incidents import _without_tallies, incident_vocab
    from geo.normalize import fold

    cas = incident_vocab(("es",))["casualties"]
    text = "Los agentes fueron ultimados, y ya son 13 en lo que va del presente año."
    own, _ = _without_tallies(text, fold(text), cas)
    assert "13" not in own and "ultimados" in own


def test_the_kidnapped_are_not_counted_among_the_dead():
    from geo.incidents import find_casualties

    got = find_casualties(
        "En la comandancia fallecieron tres policías y cinco más fueron secuestrados.",
        "a",
        langs=("es",),
    )
    assert [(c.outcome, c.count) for c in got] == [("killed", 3)]


def test_a_wire_dateline_with_a_date_and_no_dash():
    m = _mentions(
        "Headline here\n\nMexico City, Aug 1 (IANS) Gunmen killed eight people in Bacalar."
    )
    assert m["Mexico City"].role == "dateline"


def test_a_vehicles_plates_are_no_place_of_the_event():
    m = _mentions(
        "Gunmen tried to kidnap a businessman in a SUV with Morelos state license plates."
    )
    assert m["Morelos"].role == "origin"


def test_a_community_belonging_to_a_municipality_is_placed_there():
    m = _mentions(
        "An ambush occurred in the vicinity of the community of Lázaro Cárdenas, belonging"
        " to the municipality of San Miguel El Grande, in Oaxaca."
    )
    seat = m["San Miguel El Grande"].place
    got = m["Lázaro Cárdenas"].place
    assert got is not None and abs(got.lat - seat.lat) < 0.2 and abs(got.lon - seat.lon) < 0.2


def test_a_town_and_its_municipality_are_one_story_town(tmp_path):
    got = _got(
        tmp_path,
        " date 2022-02-28\nAt least 17 people were shot dead in Mexico's Michoacan state"
        " Sunday. They were attendees of a wake in the community of San Jose de Gracia in"
        " Marcos Castellanos. Several cartels operate in Marcos Castellanos. Police"
        " patrolled the town of San José de Gracia.\n",
    )
    assert ("casualties", "San José de Gracia") in got


def test_a_town_then_mexico_is_the_countrys_town():
    m = _mentions("Six were killed in Agua Prieta, while another four were killed in Naco, Mexico.")
    assert m["Naco"].place is not None and m["Naco"].place.admin1 == "26"


def test_executions_and_homicides_are_counted():
    from geo.incidents import find_casualties

    got = find_casualties(
        "Se contabilizaron al menos 25 ejecuciones en distintos municipios.", "a", langs=("es",)
    )
    assert [(c.outcome, c.count) for c in got] == [("killed", 25)]


def test_jalisco_new_generation_is_the_cartel():
    m = _mentions("The attacks were a reaction by Jalisco New Generation to a military operation.")
    assert m["Jalisco"].role == "org"


def test_more_of_the_event_before_goes_to_its_place_for_that_kind(tmp_path):
    got = _got(
        tmp_path,
        " date 2024-05-01\nLuego de los enfrentamientos en el municipio de Ocotlán, se"
        " reportaron bloqueos en la carretera, a la altura de la localidad El Rodeo, Jalisco."
        " Un tráiler fue incendiado y colocado en la carretera para bloquearla.\n",
    )
    assert ("arson", "El Rodeo") in got and ("arson", "Ocotlán") not in got


def test_a_states_offices_are_no_place():
    m = _mentions("Shots were fired outside Chihuahua state offices in the border city.")
    assert m["Chihuahua"].role == "org"


def test_a_suspected_attacker_left_dead_is_counted():
    from geo.incidents import find_casualties

    got = find_casualties("Los hechos dejaron un presunto agresor muerto.", "a", langs=("es",))
    assert [(c.outcome, c.count, c.who) for c in got] == [("killed", 1, "cartel members")]


def test_where_the_rescue_mission_was_executed_locates_the_clash(tmp_path):
    got = _got(
        tmp_path,
        " date 2018-08-15\nCIUDAD VICTORIA, Tamaulipas — Soldiers engaged with cartel members"
        " in a shootout in Ciudad Victoria last year. Soldiers rescued six kidnapping victims"
        " on Tuesday. The firefight injured one of the kidnappers. Officials said the soldiers"
        " executed the rescue mission in Ejido Conrado Castillo in the municipality of"
        " Padilla.\n",
    )
    assert ("armed_clash", "Conrado Castillo") in got
    assert ("armed_clash", "Ciudad Victoria") not in got


def test_a_name_left_unread_takes_the_place_the_same_name_got():
    _, mentions = process_article(
        parse_article(
            " date 2018-07-31\nLIMONES, Bacalar, Q. Roo, 31 de julio.- Las ocho ejecuciones"
            " ocurrieron en las cercanías de Limones, municipio de Bacalar. Las víctimas"
            " circulaban entre las comunidades Limones y Felipe Carrillo Puerto.",
            "a.txt",
        )
    )
    limones = [m for m in mentions if m.text.lower() == "limones"]
    assert len(limones) == 3 and len({m.place.id for m in limones if m.place}) == 1
    assert all(m.place is not None for m in limones)


def test_a_highways_own_name_is_no_town_elsewhere():
    m = _mentions(
        "Hubo siete bloqueos en Culiacán y Navolato, Sinaloa.\n\nLas autoridades recomendaron"
        " precaución en la autopista Benito Juárez, donde también hubo incidentes."
    )
    got = m["Benito Juárez"].place
    assert got is None or got.admin1 == "25"  # not the Mexico City borough


def test_an_ejido_named_with_its_municipality_is_placed_there():
    m = _mentions(
        "Tamaulipas.- In the Independencia ejido, in the municipality of Jiménez, the forces"
        " shot down four gunmen."
    )
    assert m["Independencia"].place is not None and m["Independencia"].place.admin1 == "28"


def test_an_element_of_the_national_guard_is_counted_beside_a_civilian():
    from geo.incidents import find_casualties

    got = find_casualties(
        "The attack left an element of the National Guard and a civilian dead.", "a", langs=("en",)
    )
    assert sorted((c.outcome, c.count, c.who) for c in got) == [
        ("killed", 1, "National Guard"),
        ("killed", 1, "civilians"),
    ]


def test_short_lines_under_a_heading_are_a_list_of_places(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-11-18\nMichoacán.— Grupos armados bloquearon carreteras este lunes.\n\n"
        "Zonas con bloqueos confirmados\n\n"
        "Autoridades han identificado afectaciones en los siguientes tramos:\n\n"
        "Entrada a Tiríndaro, municipio de Zacapu\n\n"
        "Autopista de Occidente, kilómetro 280, en Huaniqueo\n\n"
        "Diversos puntos en el municipio de Apatzingán\n\n"
        "Operativo en curso\n\n"
        "Elementos de la Guardia Nacional mantienen operativos en la región.\n",
    )
    assert {("blockade", "Tiríndaro"), ("blockade", "Apatzingán")} <= got


def test_a_headline_with_places_heads_no_list(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-01-25\nQueman vehículos en la Carretera Nacional en Nuevo León\n"
        "Noticias México\n"
        "Localizan con vida a una influencer en Culiacán\n"
        "Monterrey, Nuevo León.- Presuntos criminales realizaron un bloqueo en la Carretera"
        " Nacional.\n",
    )
    assert ("arson", "Culiacán") not in got


def test_since_last_monday_runs_to_the_articles_date():
    from datetime import date

    from geo.when import event_dates

    published = date(2024, 9, 12)
    assert event_dates("nine dead since last Monday", published) == [(date(2024, 9, 9), published)]
    assert event_dates("desde el lunes pasado", published) == [(date(2024, 9, 9), published)]
    assert event_dates("el lunes pasado", published) == [(date(2024, 9, 9), date(2024, 9, 9))]


def test_spans_of_years_and_years_ago_are_dated():
    from datetime import date

    from geo.when import event_dates

    published = date(2022, 9, 12)
    assert event_dates("en los últimos dos años han identificado 400 desplazados", published) == [
        (date(2020, 9, 12), published)
    ]
    ((start, end),) = event_dates("hace dos años", published)
    assert start.year == 2020 and end < date(2022, 1, 1)
