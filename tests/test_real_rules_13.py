"""Rules added from the thirteenth round of real articles, one behaviour per test.

The texts are written for the tests, in the forms the real articles used;
accuracy itself is measured on the real corpus (``test_real_corpus.py``).
"""

from __future__ import annotations

import pytest
from rule_helpers import mentions_of as _mentions
from rule_helpers import records_of as _records

from geo.incidents import classify_sentence


@pytest.mark.parametrize(
    "lang, text, types",
    [
        (
            "es",
            "Lo que inició como el ataque por parte de un grupo criminal a la comandancia de policía.",
            {"attack_on_installation"},
        ),
        ("es", "Comenzó como el ataque a una comandancia de policía.", {"attack_on_installation"}),
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
