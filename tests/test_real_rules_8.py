"""Rules added from the eighth round of real articles, one behaviour per test.

The texts are written for the tests, in the forms the real articles used;
accuracy itself is measured on the real corpus (``test_real_corpus.py``).
"""

from __future__ import annotations

import pytest
from rule_helpers import incidents_of as _got
from rule_helpers import mentions_of as _mentions

from geo.articles import parse_article
from geo.incidents import classify_sentence, find_casualties
from geo.language import sentence_language
from geo.outcomes import process_article


@pytest.mark.parametrize(
    "lang, text, types",
    [
        ("es", "Dijo que no existe paso en carreteras del norte del estado.", {"blockade"}),
        ("es", "No hay paso en la carretera, informó el conductor.", {"blockade"}),
        ("en", "The violence has also forced schools to close.", {"school_closure"}),
        ("en", "Some families have relocated to other parts of the state.", {"displacement"}),
        (
            "en",
            "After an armed brawl between the Armed Forces and gunmen, eight were arrested.",
            {"armed_clash"},
        ),
        ("en", "Two men had a brawl outside the bar.", set()),
        ("es", "Se registró un intercambio de balas entre policías y sicarios.", {"armed_clash"}),
        (
            "es",
            "Un módulo de la Comisaría de Seguridad Pública fue atacado a tiros.",
            {"attack_on_installation"},
        ),
        ("es", "Al ingresar a la casa de seguridad encontraron cuatro armas.", {"raid"}),
        ("es", "Los vecinos retuvieron el miércoles a dos policías.", {"kidnapping"}),
        ("es", "Los agentes fueron rescatados antes de que se intentara lincharlos.", {"lynching"}),
        (
            "es",
            "Los agentes realizaron un operativo en el poblado para detener a los sospechosos.",
            {"raid"},
        ),
        (
            "es",
            "Los operadores de transporte anunciaron que hoy no prestarán servicio.",
            {"transport_suspension"},
        ),
        ("es", "Se reportó que un aparato explosivo cayó desde un dron.", {"explosive_attack"}),
        ("es", "La escuela se encontraba cerrada y los alumnos resguardados.", {"school_closure"}),
        # Without transport in the sentence, an office's service is no transport.
        ("es", "Las oficinas del registro civil no prestarán servicio el lunes.", set()),
    ],
)
def test_triggers(lang, text, types):
    assert set(classify_sentence(text, (lang,))) == types


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("es", "El fiscal informó del fallecimiento del edil Alejandro Aparicio.", [("killed", 0)]),
        ("es", "Hay reporte de presuntos delincuentes abatidos.", [("killed", 0)]),
        (
            "en",
            "They were attacked, which resulted in the death of one military element.",
            [("killed", 1)],
        ),
        (
            "en",
            "After the arrest of five people, police found the murdered bodies of two people.",
            [("arrested", 5), ("killed", 2)],
        ),
        # A festival's name and a date are no deaths.
        ("en", "Thousands flock to the Day of the Dead parade in the capital.", []),
        ("en", "It continues Nov. 1 to recall those who died in childhood.", []),
        ("es", "Miles acudieron al desfile de Día de Muertos en la capital.", []),
    ],
)
def test_counts(lang, text, expected):
    got = find_casualties(text, "a", langs=(lang,))
    assert [(c.outcome, c.count) for c in got] == expected


def test_a_sentence_naming_another_state_as_whose_takes_that_states_town(tmp_path):
    got = _got(
        tmp_path,
        " date 2019-01-02\nA Oaxaca mayor was attacked and killed by two gunmen today.\n\n"
        "He had been sworn in as the mayor of the municipality of Tlaxiaco.\n\n"
        "A councilor-elect in Mazatepec, Morelos, was murdered on Sunday.\n",
    )
    places = {loc for t, loc in got if t == "casualties"}
    assert any("Tlaxiaco" in p for p in places), got
    assert "Mazatepec" in places


def test_the_state_capital_before_its_name_is_no_persons_name():
    got = _mentions("The body was found on the outskirts of the state capital Culiacan, Sinaloa.")
    assert got["Culiacan"].place is not None and got["Culiacan"].place.name == "Culiacán"


def test_a_states_role_covers_the_towns_named_after_it():
    got = _mentions(
        "Eight of the nine arrested are natives of the Sonora cities of Navojoa, "
        "Nogales and Huatabampo."
    )
    assert {got[n].role for n in ("Navojoa", "Nogales", "Huatabampo")} == {"origin"}


def test_a_locality_with_its_municipality_is_placed_at_that_seat():
    got = _mentions(
        "Una mina estalló en Michoacán cuando el convoy circulaba en la localidad de "
        "El Santuario, municipio de Los Reyes."
    )
    place = got["El Santuario"].place
    assert place is not None and place.state == "Michoacán"
    assert place.id.startswith("settlement:")


def test_a_place_in_the_municipality_of_another_is_located_by_it():
    got = _mentions(
        "Pobladores de la comunidad de Cuautlancingo en el municipio de Otumba, Estado de "
        "México, retuvieron a dos policías."
    )
    assert got["Otumba"].role == "context"


def test_a_colonia_named_in_full_before_its_cue_is_the_colonia():
    got = _mentions(
        "The shooting occurred in the municipality of Querétaro, in the Jardines de Azucenas "
        "neighborhood, after midnight."
    )
    assert "Jardines de Azucenas" in got and got["Jardines de Azucenas"].place.state == "Querétaro"


def test_a_word_before_nacional_is_a_national_body():
    got = _mentions("La Secretaría de la Defensa Nacional confirmó el enfrentamiento en Cárdenas.")
    assert got["Defensa"].place is None and got["Defensa"].role == "org"


def test_an_airport_closure_told_without_a_place_is_at_the_airport_named():
    art = parse_article(
        " date 2022-09-30\nTeachers block Oaxaca airport\n\n"
        "Teachers installed a blockade on access to the Oaxaca airport on Friday.\n\n"
        "The airport staff decided to close the air terminal, fearing vandalism.\n",
        "a.txt",
    )
    findings, _ = process_article(art)
    closed = [f for f in findings if f.event_type == "flight_suspension"]
    assert closed and all(f.place.kind == "airport" for f in closed)
    assert {f.located_by for f in closed} == {"article's state"}


def test_an_embedded_post_in_the_other_language_is_read_with_its_pack(tmp_path):
    text = (
        "Neutralizan a 3 supuestos integrantes del CDG, fueron neutralizados por elementos "
        "de la PEA tras repeler una agresión en la colonia Loma Real."
    )
    assert sentence_language(text, "en") == "es"
    assert sentence_language("Police in Reynosa said the Loma Real colonia was calm.", "en") == "en"
    got = _got(
        tmp_path,
        " date 2021-06-21\nGunmen killed 14 people in the border city of Reynosa, Tamaulipas, "
        "on Saturday. The victims were shot from trucks that drove through several "
        "neighborhoods of the city, and the police said that the attackers were members of "
        "a faction of the Gulf Cartel that is at war with another one.\n\n"
        "The state police posted on Twitter:\n\n" + text + "\n\n"
        "The city is across the border from McAllen, Texas, and has seen many such attacks.\n",
    )
    assert ("armed_clash", "Loma Real") in got, got


def test_a_paragraph_opening_on_here_means_the_place_before():
    art = parse_article(
        " date 2026-02-24\nLos agentes sostuvieron un enfrentamiento en el poblado de Santa "
        "Gertrudis, en Camargo, Tamaulipas.\n\n"
        "Aquí, se reportó que un aparato explosivo cayó desde un dron.\n",
        "a.txt",
    )
    findings, _ = process_article(art)
    bomb = [f for f in findings if f.event_type == "explosive_attack"]
    assert bomb and {f.located_by for f in bomb} == {"previous sentence"}


def test_a_locality_part_of_a_municipality_is_placed_at_its_seat():
    got = _mentions(
        "The attack happened on the highway near the community of El Gavilán, part of the "
        "Taxco de Alarcón municipality, in Guerrero."
    )
    place = got["El Gavilán"].place
    assert place is not None and place.state == "Guerrero"
