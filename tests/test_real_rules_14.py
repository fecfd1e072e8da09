"""Rules added from the fourteenth round of real articles, one behaviour per test.

The texts are written for the tests, in the forms the real articles used;
accuracy itself is measured on the real corpus (``test_real_corpus.py``).
"""

from __future__ import annotations

import pytest
from rule_helpers import incidents_of as _incidents
from rule_helpers import mentions_of as _mentions

from geo.incidents import classify_sentence, find_casualties


def test_colonias_sepomex_lacks_after_their_cue_are_the_story_towns():
    m = _mentions(
        "Ocho vehículos fueron quemados en la capital de Aguascalientes.\nDos taxis fueron"
        " incendiados en las colonias de Jesús Terán, Ojocaliente II, Morelos II y en"
        " Exhacienda la Cantera."
    )
    for name in ("Jesús Terán", "Ojocaliente II", "Morelos II", "Exhacienda la Cantera"):
        assert m[name].place is not None, name
        assert m[name].place.state == "Aguascalientes", name
        assert m[name].place.kind == "town", name
    assert "Morelos" not in m  # the colonia, not the state


def test_a_colonia_is_the_town_named_right_after_it():
    m = _mentions(
        "Borderland Beat from Zeta Tijuana\nAt least 13 people were killed in a bar located in"
        " Colonia San Roque, Salamanca, Guanajuato."
    )
    assert m["San Roque"].place is not None and m["San Roque"].place.state == "Guanajuato"


@pytest.mark.parametrize(
    "text, name",
    [
        # A cue at a sentence's end does not take the next sentence's first word.
        (
            "Gunmen shot a man in the Alta Vista neighborhood of Cuernavaca.\n\nThe police"
            " arrived later.",
            "The",
        ),
        ("The blast occurred near Tlahuelilpan, a town of 20,000 people.", "20"),
        # A story set abroad gets no colonias at the Mexican towns it mentions.
        (
            "Una emboscada en Guatemala dejó tres militares muertos, informó la Defensa. Los"
            " soldados vigilaban la comunidad Semuy II, cerca de la frontera con Tenosique.",
            "Semuy II",
        ),
    ],
)
def test_no_colonia_without_its_name_and_town(text, name):
    m = _mentions(text)
    assert name not in m or m[name].place is None or m[name].place.country != "MX"


def test_a_colonia_named_before_a_misspelt_town_is_not_placed_elsewhere():
    m = _mentions(
        "In Cuautla, buses stopped.\nA shootout near a market in colonia Guerrero in Cuernavca"
        " left five people dead."
    )
    assert "Guerrero" not in m or m["Guerrero"].place is None or m["Guerrero"].role != "place"


def test_an_unlisted_colonia_reports_its_towns_municipality(tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2024-02-12\nEn la ciudad de Aguascalientes, la policía patrulla las calles. Dos"
        " taxis fueron"
        " incendiados en la colonia Jesús Terán.\n",
        encoding="utf-8",
    )
    from geo.export import csv_rows
    from geo.pipeline import extract

    rows = [r for r in csv_rows(extract([tmp_path]).incidents) if r["incident_type"] == "arson"]
    assert [(r["location"], r["admin2"]) for r in rows] == [("Jesús Terán", "Aguascalientes")]


@pytest.mark.parametrize(
    "text, spots, others",
    [
        (
            "Cañeros de Champotón y Seybaplaya bloquearon la carretera federal"
            " Campeche-Champotón, a la altura de Moquel, para exigir apoyos.",
            {"Moquel"},
            {"Champotón", "Seybaplaya"},
        ),
        (
            "En Tlaxcala, los manifestantes bloquearon la autopista a la altura de Apizaco y de"
            " Calpulalpan.",
            {"Apizaco", "Calpulalpan"},
            set(),
        ),
    ],
)
def test_the_very_spot_takes_the_event_from_the_towns_before_it(tmp_path, text, spots, others):
    got = {loc for kind, loc in _incidents(tmp_path, " date 2025-11-13\n" + text + "\n")}
    assert spots <= got and not (others & got)


def test_a_reason_clauses_town_after_the_spot_keeps_its_event(tmp_path):
    got = _incidents(
        tmp_path,
        " date 2026-06-01\nPresuntos integrantes de un grupo criminal bloquearon la carretera a"
        " Saltillo a la altura de Santa Catarina, Nuevo León, luego de que la Guardia Nacional"
        " detuviera a un objetivo prioritario en Monterrey.\n",
    )
    assert ("blockade", "Santa Catarina") in got and ("raid", "Monterrey") in got


def test_a_town_its_state_and_a_dash_open_the_story_after_related_links():
    m = _mentions(
        "Presuntos criminales bloquean carretera en Nuevo León\nLee también: Localizan con vida"
        " a joven en Culiacán\nLee también: Otra nota\nLee también: Una más sobre Sinaloa\n"
        "Lee también: Y otra\nLee también: La última de la lista de enlaces de la página\n"
        "Lee también: Suspenden clases en escuelas de la zona por la violencia registrada\n"
        "Lee también: Reportan saldo blanco tras operativo en varios municipios del estado\n"
        "Lee también: Detienen a tres personas con armas largas en un retén militar\n"
        "Monterrey, Nuevo León.- Presuntos criminales realizaron un bloqueo en la Carretera"
        " Nacional, a la altura del municipio de Hualahuises."
    )
    assert m["Monterrey"].role == "dateline"
    assert m["Hualahuises"].role == "place"


@pytest.mark.parametrize(
    "text, kept",
    [
        (
            " date 2022-03-23\nSoldiers killed five gunmen in a clash in Reynosa, Tamaulipas. The"
            " clash occurred during an operation in Tamaulipas, the Defense Ministry said.\n",
            ("armed_clash", "Reynosa"),
        ),
    ],
)
def test_a_state_wide_operation_beside_a_towns_clash_is_that_fight(tmp_path, text, kept):
    got = _incidents(tmp_path, text)
    assert kept in got
    assert not any(kind == "raid" for kind, _ in got)


@pytest.mark.parametrize(
    "lang, text, types",
    [
        (
            "en",
            "Cartel cells carried out attacks with explosives-laden drones.",
            {"explosive_attack"},
        ),
        (
            "en",
            "Gunmen were caught attacking residents with drones with explosives.",
            {"explosive_attack"},
        ),
        ("en", "The National Guard repelled the violent attacks.", {"armed_clash"}),
        (
            "en",
            "Troops, which responded to the confrontation for two hours, stayed.",
            {"armed_clash"},
        ),
        ("en", "The spokesman responded to the questions.", set()),
        # Shots at a home or a bar with no one hurt: an armed attack (a type of its own).
        (
            "es",
            "Se registró un ataque armado contra una vivienda en la colonia Oaxaca.",
            {"armed_attack"},
        ),
        (
            "en",
            "Gunmen opened fire on a bar downtown; no one was hurt.",
            {"armed_attack"},
        ),
        # The loot is what was stolen, not looting.
        ("en", "A group of fuel thieves called for backup to defend the loot.", set()),
        ("en", "They began to loot shops.", {"looting"}),
        (
            "es",
            "Habitantes de la comunidad abandonaron ese lugar para huir de grupos de la"
            " delincuencia.",
            {"displacement"},
        ),
        ("es", "Quienes vivían ahí huyeron de la violencia.", {"displacement"}),
        ("es", "Detuvieron a uno de los agresores, que llegaron y abandonaron el lugar.", set()),
        (
            "es",
            "En el video se ve como un dron lanza explosivos contra las casas.",
            {"explosive_attack"},
        ),
        (
            "es",
            "Publicaron fotografías de explosivos tipo C-4 que fueron arrojados desde drones.",
            {"explosive_attack"},
        ),
    ],
)
def test_triggers(lang, text, types):
    assert set(classify_sentence(text, (lang,))) == types


@pytest.mark.parametrize(
    "text, outcome, count",
    [
        ("En Isla Mujeres se desató una balacera que dejó un ciudadano herido.", "wounded", 1),
        ("Two beachgoers were wounded.", "wounded", 2),
        ("A shooting attack on another party wounded several people.", "wounded", 0),
        ("The attack left several people wounded.", "wounded", 0),
        ("Los agresores hirieron a varias personas.", "wounded", 0),
        # "one of": one, not the number told before it.
        ("They were both taken to the hospital where one of the victims died.", "killed", 1),
        ("Uno de los policías murió en el hospital.", "killed", 1),
        ("Una de las víctimas murió.", "killed", 1),
    ],
)
def test_victims_and_uncounted_wounded(text, outcome, count):
    got = find_casualties(text, "a.txt")
    assert [(c.outcome, c.count) for c in got] == [(outcome, count)]


def test_an_offensive_directed_against_a_towns_residents_locates_the_attack(tmp_path):
    got = _incidents(
        tmp_path,
        " date 2021-12-08\nA camera captured attacks with explosives-laden drones in Mexico.\nThe"
        " criminal offensive, which was perpetrated this Wednesday, was directed against"
        " inhabitants of Villa Victoria, in the municipality of Chinicuila, Michoacán.\n",
    )
    assert ("explosive_attack", "Villa Victoria") in got
    assert not any(loc == "Mexico" for _, loc in got)


def test_a_raid_beside_a_clash_told_only_state_wide_stays(tmp_path):
    got = _incidents(
        tmp_path,
        " date 2026-02-22\nTarget killed in Jalisco raid\nOfficials said the leader was wounded"
        " during a clash with troops in Jalisco.\n",
    )
    assert ("raid", "Jalisco") in got


def test_a_displacement_is_where_its_people_come_from(tmp_path):
    got = _incidents(
        tmp_path,
        " date 2018-07-21\nHabitantes de la comunidad de La Venta, perteneciente al municipio de"
        " San Miguel Totolapan, Guerrero, abandonaron ese lugar para huir de grupos de la"
        " delincuencia.\n",
    )
    assert got == {("displacement", "La Venta")}


@pytest.mark.parametrize(
    "text, day",
    [
        # A closure announced for tomorrow: the coming day, not last year's or last Monday.
        ("El Gobierno suspendió clases presenciales para este lunes 23 de febrero.", 23),
        ("Schools will close on Monday, Feb. 23, the governor said.", 23),
        ("El lunes pasado hubo bloqueos.", 16),
    ],
)
def test_a_weekday_with_its_day_and_a_coming_day(text, day):
    from datetime import date

    from geo.when import event_dates

    got = event_dates(text, date(2026, 2, 22))
    assert [(a.day, b.day) for a, b in got] == [(day, day)]


@pytest.mark.parametrize(
    "text, context",
    [
        (
            "Dos grupos armados se enfrentaron en la cabecera municipal de Tabasco, población"
            " ubicada 130 kilómetros al sureste de la ciudad de Zacatecas.",
            "Zacatecas",
        ),
        (
            "Ocho personas fueron asesinadas cerca del centro de la ciudad de Guadalupe,"
            " conurbada a la capital de Zacatecas.",
            "la capital de Zacatecas",
        ),
        (
            "Un enfrentamiento que inició en Zacatecas entre civiles armados y militares terminó"
            " en Jalisco, dejando cuatro civiles muertos.",
            "Zacatecas",
        ),
    ],
)
def test_reference_points_and_where_a_chase_began_are_context(text, context):
    assert _mentions(text)[context].role == "context"


def test_a_planes_route_is_its_origin_and_destination():
    m = _mentions(
        "At Culiacán International Airport, the fuselage of a plane bound from Culiacán,"
        " Sinaloa to Mexico City was hit by gunfire."
    )
    assert m["Culiacán"].role == "origin" and m["Mexico City"].role == "destination"


def test_flights_from_a_city_are_still_its_airports(tmp_path):
    got = _incidents(
        tmp_path,
        " date 2025-01-10\nAeroméxico suspended flights from Culiacán to Mexico City on"
        " Thursday after the violence.\n",
    )
    assert ("flight_suspension", "Culiacan airport (CUL)") in got


def test_a_colon_heads_the_towns_listed_one_a_line_even_after_a_state(tmp_path):
    got = _incidents(
        tmp_path,
        " date 2025-05-06\nDesde ayer lunes, se registraron varias balaceras y bloqueos en"
        " varios puntos de Sinaloa, principalmente en:\n\nMocorito\n\nEscuinapa\n\nLa"
        " UAS anunció el cambio a clases virtuales en los siguientes municipios:\n\nElota\n\n"
        "Angostura\n",
    )
    for kind in ("blockade", "armed_clash"):
        assert (kind, "Mocorito") in got and any(k == kind and "Escuinapa" in loc for k, loc in got)
    assert ("school_closure", "Elota") in got and ("school_closure", "Angostura") in got


def test_one_here_and_another_there_is_one_victim_each(tmp_path):
    from rule_helpers import records_of

    got = records_of(
        tmp_path,
        " date 2023-09-07\nEn Guadalupe, Zacatecas, dos personas fueron asesinadas, una en la"
        " colonia Jardines de Sauceda y otra en el fraccionamiento La Villa.\n",
    )
    tolls = {r.location: r.fatalities for r in got if r.event_type == "casualties"}
    assert tolls and set(tolls.values()) == {1}, tolls


def test_a_town_qualified_by_a_foreign_department_is_abroad(tmp_path):
    m = _mentions(
        "Un ataque con explosivos lanzados desde drones contra la estación de Policía del"
        " municipio de Buenos Aires, Cauca, desencadenó enfrentamientos. En Buenos Aires hubo"
        " familias desplazadas."
    )
    assert m["Buenos Aires"].place is None or m["Buenos Aires"].place.country != "MX"
    got = _incidents(
        tmp_path,
        " date 2025-12-16\nUn ataque con drones contra la estación de Policía de Buenos Aires,"
        " Cauca, dejó dos policías heridos.\n",
    )
    assert got == set()


def test_a_town_qualified_by_its_mexican_state_stays():
    m = _mentions("Un enfrentamiento en Valle Hermoso, Tamaulipas, dejó un muerto.")
    assert m["Valle Hermoso"].place.state == "Tamaulipas"


def test_a_barrio_after_its_town_in_the_sentence_is_that_towns(tmp_path):
    from rule_helpers import records_of

    got = records_of(
        tmp_path,
        " date 2024-10-15\nEl presidente municipal de Candelaria Loxicha, Oaxaca, fue asesinado"
        " en la madrugada de este martes en su casa ubicada en el barrio El Calvario.\n",
    )
    town = _mentions("Candelaria Loxicha, Oaxaca.")["Candelaria Loxicha"].place
    assert len(got) == 1
    assert (round(got[0].lat, 3), round(got[0].lon, 3)) == (round(town.lat, 3), round(town.lon, 3))


def test_a_ranch_of_a_community_is_placed_at_the_community():
    m = _mentions(
        "Sujetos armados los secuestraron el 14 de julio en los ranchos Agua Caliente y El"
        " Coyote de la comunidad Loma de Bácum, en el sur de Sonora."
    )
    coyote, loma = m["El Coyote"].place, m["Loma de Bácum"].place
    assert (coyote.lat, coyote.lon) == (loma.lat, loma.lon)
