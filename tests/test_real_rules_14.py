"""Rules added from the fourteenth round of real articles, one behaviour per test.

The texts are written for the tests, in the forms the real articles used;
accuracy itself is measured on the real corpus (``test_real_corpus.py``).
"""

from __future__ import annotations

import pytest
from rule_helpers import mentions_of as _mentions


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
    from rule_helpers import incidents_of

    got = {loc for kind, loc in incidents_of(tmp_path, " date 2025-11-13\n" + text + "\n")}
    assert spots <= got and not (others & got)


def test_a_reason_clauses_town_after_the_spot_keeps_its_event(tmp_path):
    from rule_helpers import incidents_of

    got = incidents_of(
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
