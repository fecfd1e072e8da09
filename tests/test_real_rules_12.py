"""Rules added from the twelfth round of real articles, one behaviour per test.

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
            "en",
            "He said explosive drones had been used in the states of Jalisco and Michoacan.",
            {"explosive_attack"},
        ),
        (
            "en",
            "The cartels responded by parking hijacked trucks across roads.",
            {"blockade"},
        ),
        ("en", "Residents have also been digging deep trenches across roadways.", {"blockade"}),
        (
            "es",
            "Hubo bloqueos, lo que provocó que las clases y el transporte público de pasajeros,"
            " quedaran suspendidos el día de hoy.",
            {"blockade", "school_closure", "transport_suspension"},
        ),
        (
            "es",
            "Las rutas que comenzaban a operar regresaron a paro total ante el temor de una"
            " nueva agresión.",
            {"transport_suspension"},
        ),
        (
            "es",
            "También las rutas que corren dentro de la ciudad suspendieron labores.",
            {"transport_suspension"},
        ),
        ("es", "Al enterarse, los choferes dejaron de dar servicio.", {"transport_suspension"}),
        (
            "en",
            "The gunmen began to fire at law enforcement, causing them to shoot back.",
            {"armed_clash"},
        ),
        (
            "es",
            "Se trata de la agresión armada entre militares y un grupo de pistoleros.",
            {"armed_clash"},
        ),
        ("es", "Más tarde se produjo otro tiroteo en San Luis Río Colorado.", {"armed_clash"}),
        ("en", "About the same time, a bus was burned after its passengers got off.", {"arson"}),
        (
            "en",
            "The city decided to suspend public transit bus services on Friday.",
            {"transport_suspension"},
        ),
        (
            "en",
            "Thursday morning, the fuselage of a plane bound from Culiacán, Sinaloa to Mexico City"
            " was hit by gunfire.",
            {"attack_on_aircraft"},
        ),
        (
            "en",
            "The local educational authority also ordered schools at all levels to close.",
            {"school_closure"},
        ),
        (
            "en",
            "Shootings, car fires and blockades were reported across the state.",
            {"arson", "blockade"},
        ),
        # People burned in a lynching are no arson; a car burned with them is.
        (
            "es",
            "Esta madrugada fueron golpeados y luego quemados Jesús, Guillermo y Franklin.",
            set(),
        ),
        ("en", "The men were beaten to death and set on fire by the mob.", set()),
        (
            "es",
            "Los pobladores los golpearon y les habrían prendido fuego tanto a los cuerpos como a"
            " los vehículos.",
            {"arson"},
        ),
        ("es", "Los incendios forestales en Concordia fueron provocados con drones.", set()),
        ("en", "The state is plagued by clashes between rival cartels.", set()),
        # A drone the army flies is no attack; a closed school's routes are no strike.
        ("en", "Soldiers used drones to watch the area.", set()),
        ("es", "Las rutas escolares regresaron a la normalidad.", set()),
    ],
)
def test_triggers(lang, text, types):
    assert set(classify_sentence(text, (lang,))) == types


@pytest.mark.parametrize(
    "lang, text, outcome",
    [
        (
            "en",
            "An IED destroyed an official government vehicle in Rio Bravo, injuring its occupant.",
            "wounded",
        ),
        ("es", "Un artefacto destruyó un vehículo oficial e hirió a su ocupante.", "wounded"),
        ("es", "Los lugareños los golpearon hasta matarlos en la plaza.", "killed"),
        ("es", "Desde otro vehículo los mataron cuando circulaban por la carretera.", "killed"),
        ("es", "Golpearon a un supuesto secuestrador, quien falleció tras la agresión.", "killed"),
    ],
)
def test_victims_without_a_figure(lang, text, outcome):
    got = find_casualties(text, "a", langs=(lang,))
    assert [(c.outcome, c.count) for c in got] == [(outcome, 0)]


def test_managing_to_shoot_down_two_is_two_killed():
    got = find_casualties(
        "Las fuerzas lograron abatir a dos presuntos delincuentes.", "a", langs=("es",)
    )
    assert [(c.outcome, c.count) for c in got] == [("killed", 2)]


def test_a_lynching_of_three_is_three_killed_but_an_attempt_kills_none():
    told = find_casualties("Detuvieron a 13 policías por el linchamiento de tres hombres.", "a")
    assert ("killed", 3) in [(c.outcome, c.count) for c in told]
    tried = find_casualties("El intento de linchamiento de cuatro supuestos delincuentes.", "a")
    assert not [c for c in tried if c.outcome == "killed"]


def test_an_area_known_as_a_name_is_a_place_not_an_alias():
    m = _mentions(
        "SALTILLO, Coahuila — In an area known as the Derramadero, authorities set up a"
        " checkpoint. A gunman known as El Chuy was arrested."
    )
    assert m["Derramadero"].place is not None and m["Derramadero"].place.state == "Coahuila"
    assert "Chuy" not in m or m["Chuy"].place is None


def test_a_locality_no_gazetteer_has_in_the_story_state_is_the_story_towns(tmp_path):
    got = _records(
        tmp_path,
        " date 2025-08-31\nMixquiahuala de Juárez, Hidalgo.- Dos policías fueron emboscados.\nAl"
        " llegar a la entrada de la localidad de Felipe Carrillo Puerto, los individuos los"
        " acribillaron.\n",
    )
    killed = [r for r in got if r.event_type == "casualties"]
    assert [(r.location, r.state) for r in killed] == [("Felipe Carrillo Puerto", "Hidalgo")]
    # Placed at the town named before it, Mixquiahuala (not Quintana Roo's namesake).
    assert abs(killed[0].lat - 20.23) < 0.05 and abs(killed[0].lon + 99.21) < 0.05


def test_a_state_inside_a_highways_name_is_the_roads_end_not_where_it_happened(tmp_path):
    got = _records(
        tmp_path,
        " date 2025-11-25\nMATEHUALA, SLP.- Los campesinos bloquearon la carretera"
        " Zacatecas a la altura de la gasolinera La Posta.\n",
    )
    assert [(r.event_type, r.state) for r in got] == [("blockade", "San Luis Potosí")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Although nobody was wounded, the blast blew the roof off a building."),
        ("en", "In its latest report the group documented 899 killings in the country."),
        ("es", "Luis, de 30 años, quien finalmente falleció en el Hospital O'Horán de Mérida."),
    ],
)
def test_no_casualties(lang, text):
    """Nobody hurt, a report's figures, and where a wounded man died (the hospital)."""
    assert find_casualties(text, "a", langs=(lang,)) == []


def test_a_months_count_is_a_tally_not_a_toll(tmp_path):
    got = _records(
        tmp_path,
        " date 2017-03-24\nCHIHUAHUA, Chih.- La periodista fue asesinada a balazos esta"
        " mañana.\nCon su muerte, son tres periodistas asesinados en México desde principios"
        " de mes.\n",
    )
    assert not [r for r in got if r.precision == "country"], [
        (r.event_type, r.location) for r in got
    ]


def test_a_reports_figures_are_a_tally_not_a_toll(tmp_path):
    got = _records(
        tmp_path,
        " date 2025-03-01\nPOZA RICA, Ver.- Un ataque en un bar dejó cuatro muertos.\nLa"
        " organización en su más reciente reporte documentó 899 asesinatos en el estado.\n",
    )
    assert sorted(sum((c.count for c in r.casualties), 0) for r in got if r.casualties) == [4]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Lo anunció el gobernador del estado, Mauricio Kuri González, en sus redes.", "Mauricio"),
        ("Hours after the attack, Querétaro’s Gov. Mauricio", "Mauricio"),
    ],
)
def test_a_countrys_spanish_name_before_a_surname_or_after_a_title_is_a_person(text, name):
    m = _mentions(text)
    assert name not in m or m[name].place is None


def test_a_countrys_spanish_name_alone_is_still_the_country():
    m = _mentions("Viajó a Mauricio y a Francia el año pasado.")
    assert m["Francia"].place.name == "France"


@pytest.mark.parametrize(
    "text",
    [
        "Una pick up con placas de circulación 6KFU957 del estado de California llegó al lugar.",
        "Gunmen in a pickup with plates 7XNT7832 from California opened fire.",
    ],
)
def test_where_a_vehicle_is_registered_is_an_origin(text):
    assert _mentions(text)["California"].role == "origin"


def test_a_toll_after_a_list_of_towns_is_not_given_to_each_town(tmp_path):
    got = _records(
        tmp_path,
        " date 2024-09-12\nEl gobernador de Sinaloa anunció la suspensión de clases en Culiacán,"
        " Elota, Cosalá y San Ignacio.\nLas autoridades reportaron hasta el miércoles nueve"
        " muertos y 14 secuestrados.\n",
    )
    assert len([r for r in got if r.event_type == "school_closure"]) == 4
    tolls = [r for r in got if r.event_type in ("casualties", "kidnapping")]
    assert tolls and all(r.precision == "state" for r in tolls), [
        (r.event_type, r.location) for r in tolls
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The police chief in another northern Mexico state was reportedly kidnapped.", "country"),
        ("Gunmen killed four police in a northern Mexico state on Friday.", "country"),
        ("Police in Mexico state found the bodies.", "state"),
        ("In the Mexico state town of Ecatepec, gunmen killed two.", "state"),
    ],
)
def test_a_mexico_state_is_the_estado_de_mexico_only_without_a_or_another(text, kind):
    assert _mentions(text)["Mexico"].place.kind == kind


def test_parts_spread_over_the_state_are_the_state_not_the_last_town(tmp_path):
    got = _records(
        tmp_path,
        " date 2025-12-08\nMORELIA, Mich.- Elementos federales fueron atacados en Las Canteras,"
        " municipio de Salvador Escalante.\nSin embargo, los grupos criminales respondieron"
        " ordenando la quema de vehículos en varias zonas del estado.\n",
    )
    arson = [r for r in got if r.event_type == "arson"]
    assert [(r.location, r.precision) for r in arson] == [("Michoacán", "state")]


@pytest.mark.parametrize(
    "last",
    [
        "Also, the Autonomous University of Baja California suspended classes.",
        "También la Universidad Autónoma de Baja California suspendió las clases.",
    ],
)
def test_a_state_university_closing_is_state_wide(tmp_path, last):
    got = _records(
        tmp_path,
        " date 2022-08-14\nMEXICALI, B.C.- Gunmen burned two buses in Mexicali and Tijuana.\n"
        + last
        + "\n",
    )
    closures = [(r.location, r.precision) for r in got if r.event_type == "school_closure"]
    assert closures == [("Baja California", "state")]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Hombres armados asesinaron a dos personas en Uruapan, Michoacán.", "es"),
        ("Gunmen killed two people in Uruapan, Michoacán.", "en"),
    ],
)
def test_a_one_line_items_language(text, lang):
    from geo.language import detect_language

    assert detect_language(text) == lang


def test_a_municipality_by_its_own_two_word_name_needs_no_state_in_mid_sentence():
    assert _mentions("Tourism in Los Cabos grew in September.")["Los Cabos"].place is not None
    # An everyday phrase in lower case stays one.
    assert "los cabos" not in _mentions("Ataron los cabos sueltos del caso.")


@pytest.mark.parametrize(
    "text, town",
    [
        (
            "TULA, Hgo.- Four victims died at the scene, while two others succumbed in hospitals"
            " in Tepeji.",
            "Tepeji",
        ),
        (
            "MACUSPANA, Tab.- Un herido murió más tarde en un hospital de Villahermosa.",
            "Villahermosa",
        ),
    ],
)
def test_where_the_wounded_died_in_hospital_is_no_place_of_the_event(text, town):
    assert _mentions(text)[town].role == "destination"


@pytest.mark.parametrize(
    "text, state",
    [
        ("Hubo una emboscada en Apatzingán, Mich., este jueves.", "Michoacán"),
        ("MORELIA, Mich.- La tarde de este jueves hubo una emboscada.", "Michoacán"),
        ("DETROIT, Mich. (AP) — Police said two men were shot.", "Michigan"),
    ],
)
def test_a_state_abbreviation_after_a_town_is_the_towns_state(text, state):
    assert _mentions(text)["Mich."].place.name == state


def test_last_years_toll_in_a_relative_clause_is_not_this_events(tmp_path):
    got = _records(
        tmp_path,
        " date 2017-10-10\nAl menos trece presos murieron tras un motín desatado este martes en"
        " una cárcel de Nuevo León, un estado donde el año pasado se registró una brutal pelea"
        " en otra cárcel que dejó 49 muertos, informó un funcionario.\n",
    )
    dead = [c.count for r in got for c in r.casualties if c.outcome == "killed"]
    assert dead == [13]


def test_a_locality_drawn_at_its_town_is_acled_precision_2(tmp_path):
    got = _records(
        tmp_path,
        " date 2025-08-31\nMixquiahuala de Juárez, Hidalgo.- Dos policías fueron emboscados.\nAl"
        " llegar a la entrada de la localidad de Felipe Carrillo Puerto, los individuos los"
        " acribillaron.\nEn Pachuca, hombres armados asesinaron a un hombre.\n",
    )
    by_place = {r.location: r.geo_precision for r in got if r.event_type == "casualties"}
    assert by_place["Felipe Carrillo Puerto"] == 2
    assert [p for p, g in by_place.items() if g == 1]  # Pachuca itself: a town
