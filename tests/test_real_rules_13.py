"""Rules added from the thirteenth round of real articles, one behaviour per test.

The texts are written for the tests, in the forms the real articles used;
accuracy itself is measured on the real corpus (``test_real_corpus.py``).
"""

from __future__ import annotations

import pytest
from rule_helpers import mentions_of as _mentions
from rule_helpers import records_of as _records

from geo.incidents import classify_sentence, find_casualties


@pytest.mark.parametrize(
    "lang, text, types",
    [
        (
            "es",
            "Lo que inició como el ataque por parte de un grupo criminal a la comandancia de"
            " policía.",
            {"attack_on_installation"},
        ),
        ("es", "Comenzó como el ataque a una comandancia de policía.", {"attack_on_installation"}),
        ("es", "Tras el ataque se desplazaron cerca de 230 personas.", {"displacement"}),
        ("es", "Los agentes se desplazaron a la zona.", set()),
        (
            "es",
            "Denunciaron el lanzamiento de bombas desde avionetas en su comunidad.",
            {"explosive_attack"},
        ),
        (
            "es",
            "Los delincuentes ordenaron el cierre del Banco del Bienestar y de varios comercios.",
            {"business_closure"},
        ),
        ("es", "Los encerraron para pedir rescate a sus familias.", {"kidnapping"}),
        (
            "en",
            "The car dealership shut down after being the target of an extortion attempt.",
            {"business_closure"},
        ),
        ("en", "Lime growers and packing companies suspended operations.", {"business_closure"}),
        ("en", "The two men were being held in a house in the hills.", {"kidnapping"}),
        (
            "en",
            "They destroyed a police patrol vehicle with a grenade launcher.",
            {"explosive_attack"},
        ),
        ("en", "The mine reopened after the strike.", set()),
        (
            "en",
            "Airlines paused flights, and cruise ships rerouted.",
            {"flight_suspension", "transport_suspension"},
        ),
        # Explosives found are no attack.
        (
            "en",
            "Officials warned of IEDs being found in several cities in the state.",
            set(),
        ),
        (
            "es",
            "Informó que las minas fueron encontradas en áreas rurales del municipio.",
            set(),
        ),
    ],
)
def test_triggers(lang, text, types):
    assert set(classify_sentence(text, (lang,))) == types


@pytest.mark.parametrize(
    "text, village, municipality",
    [
        (
            "Un enfrentamiento en la sindicatura de Culiacancito, perteneciente al municipio de"
            " Culiacán, dejó un abatido.",
            "Culiacancito",
            "Culiacán",
        ),
        (
            "El motín que se registró este domingo en el penal de Ixtapa, en Puerto Vallarta,"
            " dejó un custodio muerto.",
            "Ixtapa",
            "Puerto Vallarta",
        ),
    ],
)
def test_a_municipality_after_its_locality_qualifies_it(text, village, municipality):
    m = _mentions(text)
    assert m[village].role == "place" and m[village].place is not None
    assert m[municipality].role != "place"


def test_what_happened_at_a_locality_is_not_told_again_at_its_municipality(tmp_path):
    got = _records(
        tmp_path,
        " date 2025-09-16\nUn enfrentamiento entre marinos y civiles armados en la sindicatura"
        " de Culiacancito, perteneciente al municipio de Culiacán, dejó un abatido.\n",
    )
    assert {r.location for r in got} == {"Culiacancito"}


def test_a_state_in_brackets_after_its_town_qualifies_it():
    m = _mentions(
        "Fifteen passengers were kidnapped between the towns of Nuevo Laredo (Tamaulipas)"
        " and Hidalgo (Coahuila)."
    )
    assert m["Hidalgo"].place.kind == "town" and m["Hidalgo"].place.state == "Coahuila"
    assert m["Coahuila"].role == "qualifier" and m["Tamaulipas"].role == "qualifier"


@pytest.mark.parametrize(
    "text, town",
    [
        (
            "Dijo que se trataría de un grupo criminal que opera desde Nuevo Laredo, Tamaulipas.",
            "Nuevo Laredo",
        ),
        ("The gunmen belong to a cell that operates out of Reynosa.", "Reynosa"),
    ],
)
def test_where_a_group_operates_from_is_its_origin(text, town):
    assert _mentions(text)[town].role == "origin"


@pytest.mark.parametrize(
    "text, types",
    [
        ("Unknown men burned two urban buses in different parts of the port.", {"arson"}),
        ("Suspension of public transport service continues in Acapulco.", {"transport_suspension"}),
        (
            "The service of urban buses and collective taxis in the area was also suspended.",
            {"transport_suspension"},
        ),
        (
            "Vans that provide public transport between the center and the western area,"
            " suspended activities.",
            {"transport_suspension"},
        ),
        ("Public transport vehicles stopped running.", {"transport_suspension"}),
    ],
)
def test_english_transport_triggers(text, types):
    assert set(classify_sentence(text, ("en",))) == types


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The driver of the bus was also killed."),
        ("es", "El chofer fue brutalmente asesinado."),
    ],
)
def test_a_filler_after_the_auxiliary_still_counts_one_killed(lang, text):
    got = find_casualties(text, "a", langs=(lang,))
    assert [(c.outcome, c.count) for c in got] == [("killed", 1)]


def test_a_hospital_with_an_adjective_before_the_town_is_a_destination():
    m = _mentions(
        "Chilpancingo, Gro. Los heridos fueron llevados en una ambulancia al hospital militar"
        " de Iguala."
    )
    assert m["Iguala"].role == "destination"


def test_a_state_after_a_city_cue_in_its_own_story_is_the_state():
    m = _mentions(
        "Chilpancingo, Gro. Tres agentes resultaron heridos en la comunidad de Tlayolapa, en la"
        " zona centro de Guerrero."
    )
    assert m["Guerrero"].place is not None and m["Guerrero"].place.kind == "state"


def test_a_municipality_and_its_seat_in_brackets_are_one_place(tmp_path):
    got = _records(
        tmp_path,
        " date 2024-09-06\nChilpancingo, Gro. Tres guardias resultaron heridos durante un"
        " enfrentamiento a balazos ocurrido en el municipio de Juan R. Escudero (Tierra"
        " Colorada).\n",
    )
    assert {(r.event_type, r.location) for r in got} == {
        ("armed_clash", "Juan R. Escudero"),
        ("casualties", "Juan R. Escudero"),
    }


def test_a_municipalitys_events_move_to_the_locality_a_later_sentence_names(tmp_path):
    got = _records(
        tmp_path,
        " date 2024-09-06\nChilpancingo, Gro. Tres guardias resultaron heridos durante un"
        " enfrentamiento a balazos ocurrido en el municipio de Juan R. Escudero.\nEl"
        " enfrentamiento ocurrió al mediodía en la comunidad de Tlayolapa.\n",
    )
    assert {(r.event_type, r.location) for r in got} == {
        ("armed_clash", "Tlayolapa"),
        ("casualties", "Tlayolapa"),
    }


@pytest.mark.parametrize(
    "text, count",
    [
        ("A Mexican tourist has been shot to death in the resort of Tulum.", 1),
        ("An American tourist has also been killed.", 1),
        ("The group has been killing people for years.", 0),
    ],
)
def test_has_been_before_an_outcome_counts_one(text, count):
    got = find_casualties(text, "a", langs=("en",))
    assert sum(c.count for c in got if c.outcome == "killed") == count


def test_a_state_after_an_agencys_initials_is_its_name_not_a_place():
    m = _mentions("Villanueva, Zac.- Los cinco elementos heridos pertenecen a la FGJ de Zacatecas.")
    assert m["Zacatecas"].role == "context"


@pytest.mark.parametrize(
    "text, surface, city",
    [
        (
            "Se registró una riña en el penal de la capital de Nayarit.",
            "la capital de Nayarit",
            "Tepic",
        ),
        ("Los hechos ocurrieron en la capital potosina.", "la capital potosina", "San Luis Potosí"),
        ("Ocurrió en la capital de Veracruz.", "la capital de Veracruz", "Xalapa de Enríquez"),
        (
            "It happened in the capital of Veracruz state.",
            "the capital of Veracruz",
            "Xalapa de Enríquez",
        ),
    ],
)
def test_a_states_capital_is_named_with_its_words(text, surface, city):
    m = _mentions(text)
    assert m[surface].place.name == city


def test_the_capital_of_a_city_is_still_the_city():
    assert "Hermosillo" in _mentions("Ubicado a 282 kilómetros de la capital de Hermosillo.")


def test_a_shooting_reported_is_a_clash():
    assert classify_sentence("Se reportaron balaceras en la colonia Atasta.", ("es",)) == [
        "armed_clash"
    ]


def test_a_numbered_list_of_blockaded_roads_gives_each_place(tmp_path):
    got = _records(
        tmp_path,
        " date 2024-01-13\nThe five roads identified with blockades this morning are:\n\n"
        "  1. Cheran-Zamora road in Carapan\n  2. Morelia-Zacapu road in Santa Fe de la Laguna\n",
    )
    assert {(r.event_type, r.location) for r in got} == {
        ("blockade", "Carapan"),
        ("blockade", "Santa Fe de la Laguna"),
    }


def test_a_list_number_on_the_next_line_is_no_road_number():
    m = _mentions("Blockades today:\n  1. Cheran-Zamora road in Carapan\n  2. Another road\n")
    assert m["Carapan"].place is not None


def test_a_town_a_distance_away_is_a_reference_point():
    m = _mentions(
        "Durango, Dgo.- Se suspendieron clases en San Felipe y Llano Grande, dos localidades a"
        " tan solo 70 km de la ciudad de Durango."
    )
    durango = [v for k, v in m.items() if k == "Durango" and v.place is not None]
    assert durango and all(v.role != "place" for v in durango)


@pytest.mark.parametrize(
    "lang, text, types",
    [
        (
            "es",
            "La SEP informó sobre la suspensión total de labores en las escuelas del estado.",
            {"school_closure"},
        ),
        ("es", "La universidad dio a conocer sobre la suspensión de clases.", {"school_closure"}),
        ("es", "Sacaron de la cárcel a dos hombres a los que acusaban de secuestrar niños.", set()),
        ("en", "Two men accused of kidnapping children were beaten.", set()),
    ],
)
def test_announcements_and_accusations(lang, text, types):
    assert set(classify_sentence(text, (lang,))) == types


def test_a_citizen_killed_is_counted():
    got = find_casualties(
        "A shootout on Friday killed at least one Mexican citizen.", "a", langs=("en",)
    )
    assert [(c.outcome, c.count) for c in got] == [("killed", 1)]


def test_a_wire_toll_in_mexico_goes_where_a_later_sentence_says_the_fight_broke_out(tmp_path):
    got = _records(
        tmp_path,
        " date 2017-08-11\nMEXICO CITY, Aug 11, 2017 (AFP) – Nine inmates were killed Thursday"
        " in a prison brawl in Mexico, authorities said.\nThe fight broke out at a prison in"
        " Reynosa, a city in the northeastern state of Tamaulipas.\nIn March, 29 inmates"
        " escaped through a tunnel from a prison in Ciudad Victoria.\n",
    )
    tolls = [r for r in got if r.event_type == "casualties"]
    assert [(r.location, r.precision) for r in tolls] == [("Reynosa", "town")]


@pytest.mark.parametrize(
    "lang, text, killed",
    [
        ("es", "El chofer y una pasajera murieron en el ataque.", 2),
        ("en", "The driver and a passenger died.", 2),
        ("en", "The gunmen and a soldier died.", 1),
    ],
)
def test_a_victim_named_before_a_counted_one_is_counted_too(lang, text, killed):
    got = find_casualties(text, "a", langs=(lang,))
    assert sum(c.count for c in got if c.outcome == "killed") == killed


def test_people_found_burned_are_no_arson_but_vehicles_are():
    assert (
        classify_sentence(
            "Se daría a conocer la identidad de las personas que fueron encontradas calcinadas.",
            ("es",),
        )
        == []
    )
    assert classify_sentence(
        "Múltiples vehículos fueron encontrados calcinados junto a los cadáveres.", ("es",)
    ) == ["arson"]


def test_a_locality_then_del_and_its_municipality():
    m = _mentions(
        "Las cinco personas encontradas en Atasta, municipio del Carmen, podrían ser policías"
        " municipales de Tabasco."
    )
    assert m["Atasta"].role == "place"
    assert m["Carmen"].role != "place" and m["Tabasco"].role != "place"


def test_a_persons_home_community_is_an_origin():
    m = _mentions(
        "Texistepec, Veracruz — La candidata, originaria de la comunidad Las Camelias, fue"
        " asesinada en plena calle."
    )
    assert m["Las Camelias"].role == "origin"


def test_towns_near_the_capital_leave_the_capital_a_reference_point():
    m = _mentions(
        "Detuvieron a tres personas en Villa de Reyes y Santa María del Río, municipios"
        " cercanos a la capital potosina."
    )
    assert m["la capital potosina"].role != "place"


def test_the_body_of_one_of_a_group_is_a_victim():
    got = find_casualties("The body of one of the wedding guests was found.", "a", langs=("en",))
    assert [c.outcome for c in got] == ["killed"]


def test_a_reference_whose_clause_tells_the_event_reports_it(tmp_path):
    told = _records(
        tmp_path,
        " date 2018-06-06\nJiménez, Chih.- Tras el enfrentamiento que se presentó durante la"
        " noche, las autoridades hallaron dos vehículos.\n",
    )
    assert "armed_clash" in {r.event_type for r in told}
    untold = _records(
        tmp_path,
        " date 2018-06-06\nJiménez, Chih.- Tras el enfrentamiento, las autoridades hallaron"
        " dos vehículos.\n",
    )
    assert "armed_clash" not in {r.event_type for r in untold}


def test_both_states_of_an_agencys_pair_are_the_agencys():
    m = _mentions(
        "Las autoridades de Coahuila y Tamaulipas abrieron una investigación por el secuestro."
    )
    assert m["Coahuila"].role == "context" and m["Tamaulipas"].role == "context"
