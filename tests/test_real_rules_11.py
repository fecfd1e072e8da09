"""Rules added from the eleventh round of real articles, one behaviour per test.

The texts are written for the tests, in the forms the real articles used;
accuracy itself is measured on the real corpus (``test_real_corpus.py``).
"""

from __future__ import annotations

import pytest
from rule_helpers import incidents_of as _got
from rule_helpers import mentions_of as _mentions
from rule_helpers import records_of as _records

from geo.incidents import classify_sentence


@pytest.mark.parametrize(
    "lang, text, types",
    [
        ("en", "The armed gangs also set up blockages in various parts of the city.", {"blockade"}),
        (
            "en",
            "The consulate issued a message urging U.S. citizens to take precautions.",
            {"shelter_advisory"},
        ),
        (
            "es",
            "Habitantes del poblado de Santa Ana, en el municipio de Guachochi, abandonaron la"
            " localidad.",
            {"displacement"},
        ),
        (
            "en",
            "An explosion outside a local police station in Michoacan killed three people.",
            {"explosive_attack"},
        ),
        ("en", "A vehicle exploded outside the police station.", {"explosive_attack"}),
        ("es", "Detuvieron el camión para atravesar la unidad y prenderle fuego.", {"arson"}),
        ("en", "The population is urged to take precautions and look for other routes.", set()),
        (
            "en",
            "They set at least 12 homes as well as cars, motorcycles and an ambulance on fire.",
            {"arson"},
        ),
        (
            "es",
            "Se decidió la suspensión de actividades en el Centro Universitario de la Costa.",
            {"school_closure"},
        ),
    ],
)
def test_triggers(lang, text, types):
    assert set(classify_sentence(text, (lang,))) == types


def test_a_state_before_city_is_where_the_town_lies_not_a_town_of_that_name(tmp_path):
    m = _mentions(
        "The consulate in Matamoros urged Americans to avoid travel to that Tamaulipas city"
        " after a shootout there."
    )
    assert m["Tamaulipas"].place.kind == "state" and m["Tamaulipas"].role != "place"
    got = _got(
        tmp_path,
        " date 2021-10-25\nGunmen set up blockades in Matamoros on Friday.\nThe consulate"
        " urged Americans to shelter in place and avoid travel to that Tamaulipas city.\n",
    )
    assert got and all("Matamoros" in loc for _, loc in got)


def test_a_wire_dateline_told_again_is_the_dateline(tmp_path):
    lead = (
        "MEXICO CITY, Feb 9 (Reuters) – Ten mine workers were kidnapped last month from a mine"
        " in the northern state of Sinaloa, the mining chamber said."
    )
    got = _got(tmp_path, f" date 2026-02-09\n{lead}\nWorld\nTen miners kidnapped\n{lead}\n")
    assert got and not any("Mexico City" in loc for _, loc in got)


def test_a_headline_naming_only_the_state_sums_up_the_story_town(tmp_path):
    got = _got(
        tmp_path,
        " date 2023-08-17\nFive Youths Kidnapped in Jalisco’s Los Altos Region\n\nFive young"
        " men were reported missing in Lagos de Moreno, Jalisco, on Friday night.\nRelatives"
        " in Lagos de Moreno identified them in a photo.\n",
    )
    assert got and all(loc.startswith("Lagos de Moreno") for _, loc in got)


def test_a_rescue_of_captives_is_a_raid():
    assert "raid" in classify_sentence(
        "En el domicilio de Saclamantón fueron rescatados 22 migrantes.", ("es",)
    )
    assert "raid" in classify_sentence("Soldiers rescued 123 kidnapped migrants.", ("en",))
    # Suspects saved from a mob are not captives freed by a raid.
    assert "raid" not in classify_sentence(
        "Los sospechosos fueron rescatados por policías municipales.", ("es",)
    )


def test_an_inner_el_may_be_written_del():
    m = _mentions(
        "Los migrantes estaban en las comunidades de Saclamantón y Santiago del Pinar,"
        " municipio de Chamula, Chiapas."
    )
    assert m["Santiago del Pinar"].place.name == "Santiago el Pinar"


@pytest.mark.parametrize(
    "lang, text, count",
    [
        # An age told after the victim is no count of its own.
        ("es", "Lamentablemente un civil inocente, de 33 años de edad, perdió la vida.", 1),
        ("es", "Un hombre de 33 años perdió la vida en el lugar.", 1),
        # A named victim's body found, or a leader "asesinado": a killing, no figure.
        ("es", "El cuerpo de Bravo fue localizado sin vida en el tramo carretero.", 0),
        (
            "es",
            "Investigan si el líder limonero Bernardo Bravo (asesinado el domingo) fue citado.",
            0,
        ),
        ("en", "The body of Bravo was found inside a car on Monday.", 0),
        ("es", "Una balacera terminó este miércoles con la vida de dos personas.", 2),
        ("es", "Les quitaron la vida a tres jóvenes en la colonia.", 3),
    ],
)
def test_killed(lang, text, count):
    from geo.incidents import find_casualties

    got = [c.count for c in find_casualties(text, "a", langs=(lang,)) if c.outcome == "killed"]
    assert got == [count]


@pytest.mark.parametrize(
    "text",
    [
        "Vigilantes forced soldiers to withdraw from a highlands municipality of Chiapas.",
        "Los pobladores expulsaron a la policía de un municipio de Chiapas.",
    ],
)
def test_an_unnamed_municipality_of_a_state_is_in_the_state(text):
    assert _mentions(text)["Chiapas"].place.kind == "state"


def test_the_cut_off_last_line_is_no_headline(tmp_path):
    got = _got(
        tmp_path,
        " date 2017-03-03\nCUAUHTÉMOC, Chih.- Hubo una balacera en la comunidad.\nY aquello"
        " dio resultado: las clases fueron suspendidas, los nego",
    )
    assert any(t == "school_closure" for t, _ in got)


def test_where_the_victims_were_going_does_not_set_the_story_state(tmp_path):
    got = _got(
        tmp_path,
        " date 2024-06-27\nA mother and her daughter are believed to have been kidnapped in"
        " northern Mexico.\nThey went missing after crossing into Nuevo Laredo, Tamaulipas.\nThey"
        " have family in Nuevo Laredo and Monterrey.\nThey were traveling to Monterrey, Nuevo"
        " Leon, when they went missing.\nGunmen control the area between Nuevo Laredo and"
        " Monterrey.\n",
    )
    assert ("kidnapping", "Nuevo Laredo") in {(t, loc.split(",")[0]) for t, loc in got}
    assert not any("Monterrey" in loc for _, loc in got)


def test_a_regions_abbreviation_needs_its_period():
    m = _mentions("Ore stacking to the leach pads goes on. He lives in Portland, Ore., now.")
    assert "Ore" not in m or m["Ore"].place is None
    assert m["Ore."].place.name == "Oregon"


@pytest.mark.parametrize(
    "text, ref, town",
    [
        (
            "Protesters blocked the Transpeninsular Highway south of Ensenada around San Quintin.",
            "Ensenada",
            "San Quintin",
        ),
        (
            "Pobladores bloquearon la carretera al sur de Ensenada, en San Quintín.",
            "Ensenada",
            "San Quintín",
        ),
    ],
)
def test_a_town_as_a_reference_point_beside_another_is_context(text, ref, town):
    m = _mentions(text)
    assert m[ref].role == "context" and m[town].role == "place"


def test_a_reference_point_alone_is_still_where():
    m = _mentions("Gunmen blocked the highway 20 kilometers south of Ensenada.")
    assert m["Ensenada"].role == "place"


def test_a_municipality_whose_locality_the_sentence_names_is_context():
    m = _mentions(
        "Otro ataque a balazos ocurrió en el municipio de Yautepec, oriente del estado, donde"
        " un hombre fue asesinado al salir de un bar en el poblado de Oaxtepec."
    )
    assert m["Yautepec"].role == "context" and m["Oaxtepec"].role == "place"
    # "la cabecera municipal de Loreto" names the seat: a place of its own.
    m = _mentions(
        "Hubo escaramuzas entre las comunidades de Tierra Blanca, San Marcos y la cabecera"
        " municipal de Loreto, Zacatecas."
    )
    assert m["Loreto"].role == "place"


def test_the_date_line_repeated_to_the_month_is_no_count(tmp_path):
    got = _records(
        tmp_path,
        " date 2016-09-30\n date 2016-09 Un presunto ladrón fue linchado por pobladores del"
        " municipio de Santiago Matatlán, Oaxaca.\n",
    )
    (inc,) = [i for i in got if i.fatalities is not None]
    assert inc.fatalities == 1


def test_a_town_before_drug_cartels_is_the_cartels_name():
    m = _mentions(
        "Irapuato attracted groups such as the powerful Jalisco New Generation and Santa Rosa"
        " de Lima drug cartels."
    )
    assert m["Santa Rosa de Lima"].place is None


def test_a_locality_then_en_and_its_municipality_is_that_municipalitys():
    m = _mentions(
        "PACHUCA, Hgo.- Un enfrentamiento en la comunidad La Estación, en Cuautepec de Hinojosa,"
        " ocasionó el desalojo de escuelas."
    )
    # Not La Estación 100 km off, by Tula: the locality of Cuautepec de Hinojosa.
    assert m["La Estación"].place.id.startswith("settlement:")
    assert m["La Estación"].place.lat == m["Cuautepec de Hinojosa"].place.lat


def test_a_leads_total_equal_to_the_towns_tolls_is_their_sum(tmp_path):
    story = (
        " date 2023-07-30\nCHILPANCINGO, Gro.- Hechos violentos dejaron un saldo de al menos"
        " {n} personas muertas en diferentes enfrentamientos ocurridos en varios municipios de"
        " Guerrero.\nEn Tecoanapa, un enfrentamiento entre hombres armados y policías"
        " comunitarios dejó siete muertos.\nEn el municipio de Eduardo Neri, cuatro policías"
        " murieron en un enfrentamiento.\n"
    )
    got = _records(tmp_path, story.format(n=11))
    tolls = {i.location: i.fatalities for i in got if i.fatalities}
    assert sum(tolls.values()) == 11 and "Guerrero" not in tolls
    # A state toll that is not their sum is a toll of its own.
    got = _records(tmp_path, story.format(n=15))
    tolls = {i.location: i.fatalities for i in got if i.fatalities}
    assert tolls.get("Guerrero") == 15


def test_a_title_before_a_name_is_no_town():
    m = _mentions(
        "GUADALAJARA, Jal.- El Gobernador, Enrique Alfaro confirmó un enfrentamiento en Cuquío."
    )
    assert m["El Gobernador"].place is None and m["Cuquío"].place is not None


def test_a_neighbourhood_of_a_named_town_is_not_the_datelines(tmp_path):
    got = _records(
        tmp_path,
        " date 2022-05-24\nMEXICO CITY, May 24 (Reuters) - Gunmen opened fire in two bars in"
        " the city of Celaya, in Guanajuato state.\nSeven women and three men were killed,"
        " according to security officials in Celaya, Guanajuato state, which said the attack"
        " happened in the Valle Hermoso neighborhood.\n",
    )
    assert got and {i.iso_3166_2 for i in got} == {"MX-GUA"}


def test_a_truck_model_named_after_a_state_is_no_place():
    m = _mentions(
        "Los presuntos responsables llegaron a bordo de una camioneta Durango color negro."
    )
    assert m["Durango"].place is None
