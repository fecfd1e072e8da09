"""Rules added from the tenth round of real articles, one behaviour per test.

The texts are written for the tests, in the forms the real articles used;
accuracy itself is measured on the real corpus (``test_real_corpus.py``).
"""

from __future__ import annotations

import pytest
from rule_helpers import incidents_of as _got
from rule_helpers import mentions_of as _mentions

from geo.incidents import classify_sentence


@pytest.mark.parametrize(
    "lang, text, types",
    [
        # Who did it is no event: "a manos de saqueadores de ductos".
        ("es", "Murieron a manos de saqueadores de ductos de Pemex.", set()),
        ("es", "Los vecinos saquearon dos tiendas.", {"looting"}),
        # People burned are a killing, not an arson.
        ("es", "Cuatro presuntos secuestradores fueron quemados anoche.", set()),
        ("es", "Los pobladores quemaron a cuatro hombres en la plaza.", set()),
        ("es", "Los pobladores quemaron tres vehículos en la plaza.", {"arson"}),
        # An attempt that failed is no kidnapping; suspects held by residents neither.
        ("es", "Fueron detenidos luego de que intentaran secuestrar a dos maestros.", set()),
        ("es", "Los presuntos delincuentes fueron retenidos por la población.", set()),
        ("es", "Cinco turistas fueron retenidos por hombres armados.", {"kidnapping"}),
        (
            "es",
            "Los enfrentaron y se inició una persecución con disparos entre ambas partes.",
            {"armed_clash"},
        ),
        (
            "en",
            "Residents blocked the entry of government officials to the town.",
            {"blockade"},
        ),
        ("en", "Two people burned the façade of the establishment.", {"arson"}),
        ("en", "Gunmen seized cargo trucks and set them on fire on a highway.", {"arson"}),
        ("en", "Gunmen grabbed the two men and set them on fire.", set()),
        ("en", "They also burned the restaurant Los de Pescado.", {"arson"}),
        (
            "es",
            "Hombres armados atacaran el cuartel de la fiscalía del estado.",
            {"attack_on_installation"},
        ),
        ("en", "They also shot up the seafood restaurant Buzos.", {"attack_on_installation"}),
        # "la mayoría de las" is no habit: most of the shops did close.
        (
            "es",
            "Las clases y la mayoría de las actividades comerciales también suspendieron.",
            {"school_closure", "business_closure"},
        ),
        # Police barricades guard a road; they do not block it.
        ("es", "Junto a las barricadas de la Policía Michoacán hay una tienda.", set()),
        ("en", "A store stands next to the police barricades at the entrance.", set()),
        ("es", "Los manifestantes levantaron barricadas en la avenida.", {"blockade"}),
        ("es", "Lo acusaron de presuntamente intentar secuestrar a un menor.", set()),
        # Troops deployed in operations are no raid.
        (
            "es",
            "La Sedena envió 300 soldados que fueron desplegados en operativos contra el crimen.",
            set(),
        ),
        # Gunmen who stop a victim's car block no road.
        ("en", "He was killed when gunmen blocked his vehicle on a road and opened fire.", set()),
        ("en", "Protesters blocked the highway to Puebla for hours.", {"blockade"}),
        ("es", "Los agresores cerraron el paso al vehículo y le dispararon.", set()),
        ("es", "Los pobladores cerraron el paso en la carretera federal.", {"blockade"}),
        (
            "es",
            "El servicio de transporte público en Taxco, en la región norte, continúa"
            " interrumpido.",
            {"transport_suspension"},
        ),
    ],
)
def test_triggers(lang, text, types):
    assert set(classify_sentence(text, (lang,))) == types


def test_a_habit_is_still_no_event():
    assert classify_sentence("La mayoría de las veces hay bloqueos en la zona.", ("es",)) == []


@pytest.mark.parametrize(
    "text, outcome, count",
    [
        ("Soldados del Ejército acribillaron a seis jóvenes en una camioneta.", "killed", 6),
        ("Una mujer sufrió una lesión en la mano por los vidrios.", "wounded", 1),
    ],
)
def test_counts(text, outcome, count):
    from geo.incidents import find_casualties

    got = {(c.outcome, c.count) for c in find_casualties(text, "a", langs=("es",))}
    assert (outcome, count) in got


def test_a_community_after_its_cue_is_not_another_states_town_by_its_first_word():
    # "Puerta" is an alternate name of Puerta de Palmillas, Querétaro.
    m = _mentions(
        "Un enfrentamiento sacudió la comunidad de Puerta de Ánzar, Colima, la noche del"
        " martes. Hubo operativos como el registrado en Puerta de Ánzar."
    )
    first, *_ = [k for k in m if k.startswith("Puerta")]
    assert m[first].place is not None and m[first].place.admin1 == "08"
    assert all(x.place is None or x.place.admin1 == "08" for k, x in m.items() if "Puerta" in k)


def test_a_locality_named_word_by_word_before_its_municipality_is_one_place():
    m = _mentions(
        "Puebla, Pue.- Cuatro jóvenes de la comunidad Purísima de Bravo, municipio de Palmar de"
        " Bravo, murieron. Dispararon en el centro de Purísima de Bravo."
    )
    assert m["Purísima de Bravo"].place.admin1 == "21"  # Puebla, not Purísima de Bustos
    assert "Purísima" not in m and "Bravo" not in m


def test_a_dash_opens_the_municipality_of_a_community():
    m = _mentions(
        "Zacatecas, Zac.- En la comunidad de Tepozán -del mismo municipio de Villa de Cos-"
        " se desató un enfrentamiento."
    )
    assert m["Tepozán"].place.admin1 == "32"


def test_a_municipality_with_a_state_adjective_is_no_state():
    m = _mentions(
        "Zacatecas, Zac.- El Ejército incautó un arsenal en la comunidad de La Barranca, del"
        " municipio zacatecano de Tabasco, tras los enfrentamientos en Jalpa."
    )
    assert m["Tabasco"].place.kind != "state" and m["Tabasco"].place.admin1 == "32"
    assert m["Jalpa"].place.admin1 == "32"  # not Jalpa de Méndez, Tabasco


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Los atacaron en Villa de Cos, municipio situado en límites con San Luis Potosí.",
            "San Luis Potosí",
        ),
        (
            "En territorio de Zacatecas (que limita al occidente con los estados de Jalisco y"
            " Durango) hubo enfrentamientos.",
            "Jalisco",
        ),
    ],
)
def test_a_bordering_state_is_a_boundary(text, name):
    assert _mentions(text)[name].role == "boundary"


def test_where_gunmen_came_down_from_is_an_origin():
    m = _mentions(
        "A Jalpa arribaron sicarios que habrían bajado de la sierra de Tepetongo, y hubo"
        " enfrentamientos."
    )
    assert m["Tepetongo"].role == "origin"


def test_a_tourists_home_city_is_an_origin():
    m = _mentions(
        "Asesinaron al chofer de un taxi y resultó lesionada una turista de la Ciudad de México."
    )
    assert m["Ciudad de México"].role == "origin"


def test_day_of_kings_is_no_town():
    m = _mentions(
        "Nombre de Dios, Durango.- El ataque ocurrió en pleno Día de Reyes Magos en Nombre de Dios."
    )
    assert "Reyes" not in m or m["Reyes"].place is None


def test_a_locating_sentence_moves_a_guess_from_another_state(tmp_path):
    got = _got(
        tmp_path,
        " date 2018-03-22\nMEXICO CITY — Eight people were killed and 11 wounded after gunmen"
        " burst into a social event in central Mexico.\nThe Guanajuato state prosecutors'"
        " office said Thursday the mass shooting took place a day prior in the town of"
        " Purisima del Rincon.\nEarlier this week, three students disappeared near"
        " Guadalajara, the capital of Jalisco, and Guadalajara students marched.\n",
    )
    assert any(t == "casualties" and "Guadalajara" not in loc for t, loc in got)
    assert ("casualties", "Guadalajara") not in got


def test_the_page_after_its_trailer_reports_nothing(tmp_path):
    story = (
        " date 2023-12-13\nESTADO DE MÉXICO.- La noche del martes hubo dos balaceras en"
        " municipios del Estado de México.\nEn el municipio de Ocoyoacac, un grupo armado"
        " recibió a balazos a los agentes y hubo un enfrentamiento.\nLas autoridades"
        " confirmaron el enfrentamiento.\n"
    )
    trailer = (
        "Haga clic para comentar\nLo ÚLTIMO\nEcatepec\nDejan militantes Ecatepec para sumarse"
        " al PT en Ecatepec.\nEcatepec: reportan enfrentamiento en Ecatepec.\n"
    )
    got = _got(tmp_path, story + trailer)
    assert got and not any("Ecatepec" in loc for _, loc in got)


def test_the_entrance_between_two_states_is_a_boundary():
    m = _mentions(
        "La tienda está junto al principal punto de entrada entre los estados de Michoacán y"
        " Jalisco, en Tepalcatepec."
    )
    assert m["Michoacán"].role == "boundary"


def test_a_municipality_named_after_a_person_without_its_de():
    m = _mentions(
        "Chilpancingo, Guerrero.- Agentes fueron retenidos por habitantes del municipio de José"
        " Joaquín Herrera, en Guerrero."
    )
    assert m["José Joaquín Herrera"].place.admin1 == "12"


def test_santiago_before_a_name_the_gazetteer_lacks_is_not_santiago_nuevo_leon():
    m = _mentions(
        "Gunmen fired on the truck as it carried people from the municipality of Santiago"
        " Mitlatongo to the town of Nochixtlan, in Oaxaca."
    )
    assert m["Santiago"].place is None


def test_where_they_were_ambushed_places_the_toll_told_before(tmp_path):
    got = _got(
        tmp_path,
        " date 2023-11-26\nNine people were killed on Saturday when gunmen shot at a pickup truck"
        " in the Mexican state of Oaxaca.\nGunmen fired on the truck as it carried people to the"
        " town of Nochixtlan, where they were ambushed, the prosecutor's office said.\n"
        "Last Wednesday, five people died after a similar clash between"
        " inhabitants of San Miguel El Grande and Llano de Guadalupe.\n",
    )
    assert any(t == "casualties" and "Nochixtl" in loc for t, loc in got)
    assert ("casualties", "Oaxaca") not in got


def test_a_strong_cue_finds_a_misspelt_town_of_a_state_the_story_does_not_name():
    m = _mentions(
        "Fue linchado por pobladores en el municipio de Huachinango. Trabajaba para una diputada"
        " del Estado de México."
    )
    assert m["Huachinango"].place.name == "Huauchinango"


def test_a_loose_spelling_is_not_looked_for_across_the_country():
    m = _mentions("Los soldados fueron emboscados en el municipio de Vaqueros, en Zacatecas.")
    assert m["Vaqueros"].place is None or m["Vaqueros"].place.admin1 == "32"


def test_of_namesakes_in_the_state_the_municipal_seat_is_meant():
    m = _mentions(
        "Marines were attacked near Hidalgo, Coahuila, on federal highway number 2 Piedras"
        " Negras-Nuevo Laredo."
    )
    assert (round(m["Hidalgo"].place.lat, 1), round(m["Hidalgo"].place.lon, 1)) == (27.8, -99.9)


def test_a_cross_street_is_no_town_of_another_state():
    m = _mentions(
        "Ciudad Juárez.– Fue localizado un hombre sin vida en un terreno cercano al Eje Vial Juan"
        " Gabriel y Ponciano Arriaga, donde otra persona resultó lesionada."
    )
    assert m["Ponciano Arriaga"].place is None
    assert m["Eje Vial Juan Gabriel"].place.admin1 == "06"  # the dateline's streets


def test_a_settlement_cue_is_no_first_name():
    m = _mentions("Tijuana.- Investigators work around the area in Colonia Santa Fe on Sunday.")
    assert m["Colonia"].role != "person"


def test_the_area_of_a_city_is_in_that_city(tmp_path):
    got = _got(
        tmp_path,
        " date 2022-01-24\nTIJUANA.- The journalist was shot dead in her car in front of her"
        " home in the Santa Fe area of Tijuana, the Baja California prosecutor said.\n",
    )
    assert {loc for t, loc in got if t == "casualties"} == {"Tijuana"}


def test_a_headline_under_a_lone_link_label_reports_nothing(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-02-15\nVilla de Álvarez, Colima.- Un ataque armado durante la cabalgata dejó"
        " un muerto y 14 heridos en Villa de Álvarez.\n\nTe puedeinteresar\n\nViolencia deja"
        " cuatro muertos y una menor herida en ataques armados en Tula de Allende\n\nViolencia"
        " deja cuatro muertos y una menor herida en ataques armados en Tula de Allende\n",
    )
    assert got and not any("Tula" in loc for _, loc in got)


def test_prose_under_a_lone_link_label_is_still_the_story(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-02-15\nMazatlán, Sinaloa.- La central de autobuses operó con normalidad.\n"
        "Te podría interesar\nHombres armados quemaron tres vehículos en Culiacán.\n",
    )
    assert ("arson", "Culiacán") in got


def test_a_countrys_name_before_its_municipality_is_a_village():
    m = _mentions(
        "Monterrey, N.L. Seis policías murieron en una emboscada en la localidad de Colombia,"
        " municipio de Anáhuac, Nuevo León. La agresión ocurrió cerca de Congregación"
        " Colombia."
    )
    assert [x.place.country for k, x in m.items() if k == "Colombia"] == ["MX"]
    assert m["Colombia"].place.admin1 == "19"
    assert round(m["Colombia"].place.lat, 1) == 27.7  # GeoNames' Colombia, not the seat


def test_a_country_at_a_border_stays_the_country():
    m = _mentions(
        "Los policías inspeccionaban brechas cercanas a la frontera con Estados Unidos en el"
        " municipio de Hidalgo, Coahuila."
    )
    assert m["Estados Unidos"].place.country == "US"


def test_an_english_mob_lynching_counts_its_victim():
    from geo.incidents import find_casualties

    got = find_casualties("A mob lynched a suspected extortionist in Tepeaca.", "a", langs=("en",))
    assert [(c.outcome, c.count) for c in got] == [("killed", 1)]


def test_one_clash_told_three_ways_counts_its_dead_once(tmp_path):
    from geo.pipeline import extract

    (tmp_path / "a.txt").write_text(
        " date 2023-05-03\nMichoacán: enfrentamiento entre Ejército y sicarios deja 8 muertos\n\n"
        "De acuerdo con la información oficial, los militares abatieron a seis hombres y dos"
        " mujeres presuntamente armados.\n\nAgentes del Ejército abatieron a ocho presuntos"
        " sicarios, entre ellos dos mujeres, en un enfrentamiento en el poblado de El Colesio,"
        " en los límites de los municipios de Ixtlán y Ecuandureo, Michoacán.\n",
        encoding="utf-8",
    )
    incidents = extract([tmp_path]).incidents
    assert {i.fatalities for i in incidents if i.event_type == "casualties"} == {8}
    clashes = {i.location for i in incidents if i.event_type == "armed_clash"}
    assert clashes == {"Colesio"}  # the two municipalities say where El Colesio lies


def test_figures_for_different_groups_in_different_sentences_still_add_up():
    from geo.records import Casualty, Incident

    inc = Incident(
        event_id="x",
        event_type="casualties",
        event_type_acled="Violence against civilians",
        sub_event_type="Attack",
        location="X",
        location_kind="town",
        lat=0.0,
        lon=0.0,
        precision="town",
        admin1=None,
        state=None,
        iso_3166_2=None,
        country="MX",
        event_date=None,
        event_date_end=None,
        casualties=[
            Casualty("killed", 3, "soldiers", "a", sentence=1),
            Casualty("killed", 2, "cartel members", "a", sentence=4),
        ],
    )
    assert inc.fatalities == 5


def test_similar_cases_in_named_states_are_more_of_the_same(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-04-24\nMORELIA: Groups of armed men torched vehicles and blocked roads across"
        " Mexico on Wednesday, police said.\n\nGunmen seized cargo trucks and set them on fire on"
        " a highway connecting Mexico City to Guadalajara, before police reported at least 18"
        " similar cases in the neighbouring states of Michoacan and Guanajuato.\n",
    )
    assert {("arson", "Michoacán"), ("arson", "Guanajuato")} <= got
    assert not any(loc in ("Mexico City", "Guadalajara") for _, loc in got)  # the road's ends


def test_a_named_region_sets_the_story_in_its_state():
    m = _mentions(
        "En la Sierra Sur de Oaxaca, un conflicto agrario generó una balacera entre las"
        " comunidades de Santiago Lachivía y San Pedro Mártir Quiechapa. Los heridos fueron"
        " llevados a Ojo de Agua."
    )
    assert m["Santiago Lachivía"].place is not None and m["Santiago Lachivía"].place.admin1 == "20"


def test_a_day_and_month_before_neighborhood_is_a_name():
    from datetime import date

    from geo.when import event_dates

    when = date(2025, 11, 16)
    assert event_dates("in the 4 de Marzo neighborhood of Villa Juárez", when, langs=("en",)) == []
    assert event_dates("two years ago, there were clashes", when, langs=("en",)) != []


def test_a_municipality_in_a_citys_area_is_placed_itself():
    m = _mentions(
        "Police found the bodies of 10 men in front of a home in Tonala, a municipality in the"
        " Guadalajara area."
    )
    assert m["Guadalajara"].role == "context"


def test_a_town_that_reported_no_incidents_gets_none(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-02-09\nGunmen set up blockades in Celaya on Sunday.\nThe tourist town of San"
        " Miguel de Allende reported no incidents, according to the state police.\n",
    )
    assert not any(loc == "San Miguel de Allende" for _, loc in got)
