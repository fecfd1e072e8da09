"""Incident classification, casualty counts and placement."""

from datetime import date

import pytest

from geo.incidents import classify_sentence, find_casualties
from geo.pipeline import extract


@pytest.mark.parametrize(
    "text,types",
    [
        ("Gunmen torched vehicles and blocked highways in Jalisco.", {"blockade", "arson"}),
        ("Hombres armados incendiaron vehículos y bloquearon carreteras.", {"blockade", "arson"}),
        ("Se registraron narcobloqueos en Celaya.", {"blockade"}),
        ("Flights were suspended in Guadalajara and Puerto Vallarta.", {"flight_suspension"}),
        ("Se suspendieron los vuelos en el aeropuerto de Culiacán.", {"flight_suspension"}),
        (
            "Officials suspended public transportation and closed schools.",
            {"transport_suspension", "school_closure"},
        ),
        ("Se suspendieron las clases en todo el estado.", {"school_closure"}),
        ("El transporte público dejó de circular.", {"transport_suspension"}),
        ("Residents sheltered in place.", {"shelter_advisory"}),
        ("Las autoridades pidieron resguardarse en casa.", {"shelter_advisory"}),
        # A police alert code and a standing travel advisory tell no one to shelter.
        ("Se activó el código rojo en la ciudad.", set()),
        ("Soldiers clashed with gunmen near the town.", {"armed_clash"}),
        ("Un enfrentamiento entre militares y sicarios.", {"armed_clash"}),
        ("Marines captured a regional cartel boss in a dawn operation.", {"raid"}),
        ("La Guardia Nacional detuvo a un presunto líder criminal.", {"raid"}),
        ("Police found burned-out vehicles on the highway.", {"arson"}),
        ("Flights at Reynosa airport were delayed.", {"flight_suspension"}),
        ("Noem announced plans to paint the border wall black.", set()),
        ("Trump called for stronger action against drug trafficking.", set()),
        ("The Pentagon did not respond to requests about the raid.", set()),
        ("Following the raid, officials held a press conference.", set()),
        ("The cartel threatened to block roads if its leader was arrested.", set()),
    ],
)
def test_classify(text, types):
    assert set(classify_sentence(text)) == types


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Four cartel members were killed and three soldiers wounded.",
            {("killed", 4, "cartel members"), ("wounded", 3, "soldiers")},
        ),
        ("25 members of the National Guard were killed.", {("killed", 25, "National Guard")}),
        ("As many as 73 people have died.", {("killed", 73, "people")}),
        ("Abatieron a tres presuntos delincuentes.", {("killed", 3, "cartel members")}),
        (
            "El ataque dejó cinco muertos y dos heridos.",
            {("killed", 5, "people"), ("wounded", 2, "people")},
        ),
        ("Murieron dos elementos de la Guardia Nacional.", {("killed", 2, "National Guard")}),
        ("Seis personas fueron detenidas.", {("arrested", 6, "people")}),
        ("They offered a $15 million reward in 2024.", set()),
        ("Hubo un operativo, sin que se reporten detenidos.", set()),
        ("No one was hurt.", set()),
        (
            "A soldier was killed and a woman was injured.",
            {("killed", 1, "soldiers"), ("wounded", 1, "civilians")},
        ),
        (
            "Dejó siete personas sin vida y tres lesionados.",
            {("killed", 7, "people"), ("wounded", 3, "people")},
        ),
        ("Blockades hit 12 states and 30 municipalities.", set()),
        # A list shares its outcome across commas.
        (
            "Six police officers, a prisoner and a man are dead.",
            {("killed", 6, "police"), ("killed", 1, "people"), ("killed", 1, "civilians")},
        ),
        ("Fueron ejecutadas tres personas.", {("killed", 3, "people")}),
        ("El saldo fue de un uniformado sin vida.", {("killed", 1, "police")}),
        ("Gunmen killed a state cop.", {("killed", 1, "police")}),
    ],
)
def test_casualties(text, expected):
    got = {(c.outcome, c.count, c.who) for c in find_casualties(text, "a")}
    assert got == expected


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_guadalajara_city_in_one_sentence_airport_in_another(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2026-03-02 Gunmen blocked avenues in Guadalajara on "
        "Sunday. Flights were suspended at Guadalajara until Monday.",
    )
    res = extract([tmp_path])
    got = {(i.event_type, i.location, i.precision) for i in res.incidents}
    assert ("blockade", "Guadalajara", "town") in got
    assert ("flight_suspension", "Guadalajara airport (GDL)", "point") in got


def test_each_place_goes_to_its_nearest_trigger(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2026-03-02 Se suspendieron las clases en todo el estado "
        "de Guanajuato y el transporte público dejó de circular en León.",
    )
    got = {(i.event_type, i.location, i.precision) for i in extract([tmp_path]).incidents}
    assert ("school_closure", "Guanajuato", "state") in got
    assert ("transport_suspension", "León de los Aldama", "town") in got
    assert ("school_closure", "León de los Aldama", "town") not in got


def test_vague_scopes(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2026-03-02 Gunmen torched buses in Celaya, Guanajuato.\n\n"
        "Schools were closed across the country.\n\nBus service was suspended in affected "
        "areas.",
    )
    got = {(i.event_type, i.location, i.precision) for i in extract([tmp_path]).incidents}
    assert ("school_closure", "Mexico", "country") in got
    assert ("transport_suspension", "Guanajuato", "state") in got


def test_events_abroad_are_not_mexican_incidents(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2026-03-02 Flights were cancelled in the United States after a storm.",
    )
    assert extract([tmp_path]).incidents == []


def test_dates_fixed_by_the_text(tmp_path):
    write(tmp_path, "a.txt", " date 2026-03-16 Gunmen blocked highways in Celaya on Saturday.")
    (inc,) = extract([tmp_path]).incidents
    assert inc.event_date == date(2026, 3, 14) and inc.date_basis == "sentence"
    assert inc.article_dates == [date(2026, 3, 16)]


def test_same_event_in_two_languages_merges(tmp_path):
    write(
        tmp_path,
        "en.txt",
        " date 2026-03-16 Gunmen blocked highways in Celaya, Guanajuato, on Sunday.",
    )
    write(
        tmp_path,
        "es.txt",
        " date 2026-03-16 Hombres armados bloquearon carreteras en Celaya, Guanajuato, el domingo.",
    )
    res = extract([tmp_path])
    (inc,) = [i for i in res.incidents if i.event_type == "blockade"]
    assert inc.sources == ["en.txt", "es.txt"] and inc.lang == ["en", "es"]
    assert len(inc.evidence) == 2


def test_conflicting_figures_side_by_side(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2026-03-16 Soldiers clashed with gunmen in Uruapan, "
        "Michoacán. Four gunmen were killed in the clash.",
    )
    write(
        tmp_path,
        "b.txt",
        " date 2026-03-16 Un enfrentamiento en Uruapan, Michoacán, dejó seis muertos.",
    )
    res = extract([tmp_path])
    cas = [i for i in res.incidents if i.event_type == "casualties"]
    assert len(cas) == 1
    assert {(c.count, c.source) for c in cas[0].casualties} == {(4, "a.txt"), (6, "b.txt")}
    assert cas[0].fatalities == 6


def test_dateline_town_places_what_the_text_does_not(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2025-10-14 CELAYA, Gto.- Un comando armado asesinó a seis "
        "personas en un bar la noche del domingo.\n\nLos agresores se enfrentaron "
        "después con la Guardia Nacional en la zona.",
    )
    assert ("casualties", "Celaya") in got and ("armed_clash", "Celaya") in got


def test_triggers_of_one_act_share_places_and_fronted_places_go_forward(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2026-02-23 Burning buses blocked highways in Guanajuato, "
        "Michoacán and Zacatecas, while in Guadalajara, public transport was halted.",
    )
    for state in ("Guanajuato", "Michoacán", "Zacatecas"):
        assert ("blockade", state) in got and ("arson", state) in got
        assert ("transport_suspension", state) not in got
    assert ("transport_suspension", "Guadalajara") in got


def test_dateline_is_not_where_it_happened(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2026-02-23 Violence spreads\nMEXICO CITY (Reuters) - Gunmen "
        "blocked roads in at least eight Mexican states on Sunday, officials said.",
    )
    got = {(i.event_type, i.location, i.precision) for i in extract([tmp_path]).incidents}
    assert got == {("blockade", "Mexico", "country")}


def _types_at(tmp_path, text) -> set[tuple[str, str]]:
    """(type, location) of the incidents of a one-article corpus."""
    write(tmp_path, "a.txt", text)
    return {(i.event_type, i.location) for i in extract([tmp_path]).incidents}


def _got(tmp_path, text):
    write(tmp_path, "a.txt", text)
    return {(i.event_type, i.location, i.precision) for i in extract([tmp_path]).incidents}


def test_a_referred_event_keeps_its_place_from_other_triggers(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-06-15 Bloqueos y quema de vehículos se registraron en "
        "varios estados, entre ellos Sinaloa y Sonora, tras la detención de un líder "
        "criminal en Los Mochis.",
    )
    assert {
        ("blockade", "Sinaloa", "state"),
        ("blockade", "Sonora", "state"),
        ("arson", "Sinaloa", "state"),
    } <= got
    # The arrest referred to is reported with its place: a raid there, but
    # the blockades and arson are not in Los Mochis.
    assert ("raid", "Los Mochis", "town") in got
    assert not any(loc == "Los Mochis" and t != "raid" for t, loc, _ in got)


def test_triggers_with_a_place_between_do_not_share(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-09-08 Enfrentamiento en Tuxtepec, Oaxaca, y quema de "
        "camiones en Tehuacán, Puebla.",
    )
    assert ("armed_clash", "San Juan Bautista Tuxtepec", "town") in got or any(
        t == "armed_clash" and "Tuxtepec" in loc for t, loc, _ in got
    )
    assert any(t == "arson" and "Tehuac" in loc for t, loc, _ in got)
    assert not any(t == "arson" and "Tuxtepec" in loc for t, loc, _ in got)
    assert not any(t == "raid" and "Tehuac" in loc for t, loc, _ in got)


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            " date 2026-05-18 Sujetos armados emboscaron a policías en Guadalupe, Zacatecas. "
            "El gobierno estatal pidió a la población evitar salir de casa.",
            ("shelter_advisory", "Zacatecas", "state"),
        ),
        (
            " date 2026-04-02 Gunmen torched a bus in Reynosa, Tamaulipas. The U.S. Consulate in "
            "Matamoros told its staff to shelter in place.",
            ("shelter_advisory", "Heroica Matamoros", "town"),
        ),
    ],
)
def test_who_issued_an_advisory_sets_its_reach(tmp_path, text, expected):
    assert expected in _got(tmp_path, text)


def test_flights_cancelled_with_words_between(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-03-30 Aeroméxico canceló el sábado tres vuelos en el aeropuerto de Culiacán.",
    )
    assert ("flight_suspension", "Culiacan airport (CUL)", "point") in got


def test_fatalities_take_a_people_total_not_a_sum(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2026-02-23 Soldiers raided a ranch in Tapalpa, Jalisco. "
        "Seven cartel members were killed in the raid and two soldiers died. "
        "As many as 40 people have died in the operation, officials said.",
    )
    (cas,) = [i for i in extract([tmp_path]).incidents if i.event_type == "casualties"]
    assert cas.fatalities == 40


def test_deaths_stay_with_the_clash_not_the_blockade(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-03-03 Tras el enfrentamiento del lunes en Cuernavaca, "
        "Morelos, en el que murieron seis personas, hombres armados bloquearon la "
        "autopista a la altura de Tres Marías.",
    )
    assert ("blockade", "Tres Marías", "town") in got
    assert ("casualties", "Cuernavaca", "town") in got
    assert ("casualties", "Tres Marías", "town") not in got


def test_highway_named_by_its_ends_with_a_dash(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-03-03 Gunmen blocked the Mexico City–Acapulco highway "
        "near Tepoztlán, Morelos, on Monday.",
    )
    assert ("blockade", "Tepoztlán", "town") in got


def test_airport_suspends_operations_and_a_vague_report_joins_it(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-03-03 El aeropuerto internacional de Cancún suspendió "
        "todas las operaciones el lunes. Decenas de vuelos fueron cancelados y miles "
        "de turistas quedaron varados en Quintana Roo.",
    )
    assert ("flight_suspension", "Cancun airport (CUN)", "point") in got
    assert not any(t == "flight_suspension" and p == "state" for t, _, p in got)


def test_state_issuer_in_the_advisory_clause_sets_a_state_wide_reach(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-03-02 The education ministry suspended classes in "
        "Guadalajara, Jalisco, on Monday, and the state government urged people to "
        "avoid non-essential travel.",
    )
    assert ("school_closure", "Guadalajara", "town") in got
    assert ("shelter_advisory", "Jalisco", "state") in got
    assert ("shelter_advisory", "Guadalajara", "town") not in got


def test_a_semicolon_ends_an_act(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-10-14\nSoldiers kill six in Navolato raid; roadblocks "
        "spread across Sinaloa\nThe ministry gave no details.",
    )
    assert ("raid", "Navolato", "town") in got
    assert ("blockade", "Sinaloa", "state") in got
    assert ("blockade", "Navolato", "town") not in got


def test_a_place_located_by_another_keeps_the_incident(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-03-20\nGunmen torched vehicles in Celaya, Guanajuato.\n"
        "Suspects blocked a federal highway on Wednesday "
        "near the community of Roque, on the outskirts of Celaya.",
    )
    assert ("blockade", "Roque", "town") in got
    assert ("blockade", "Celaya", "town") not in got


@pytest.mark.parametrize(
    "text,types",
    [
        ("Gunmen blocked streets with buses, setting some of them on fire.", {"blockade", "arson"}),
        ("The consulate issued a shelter-in-place alert.", {"shelter_advisory"}),
        ("The state did not issue a shelter-in-place order.", set()),
        ("Incendiaron dos vehículos para bloquear la carretera.", {"blockade", "arson"}),
        ("A deadly shooting between drug dealers on a beach.", {"armed_clash"}),
        ("Zambada has said he was kidnapped in Mexico and taken to the US.", set()),
        ("The gunmen stopped and began shooting at the police.", {"armed_clash"}),
        (
            "Bus drivers in the city, tired of extortion, halted service on Monday.",
            {"transport_suspension"},
        ),
    ],
)
def test_classify_more_forms(text, types):
    assert set(classify_sentence(text)) == types


def test_a_stated_reach_beats_the_issuers_seat(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-12-29\nTwo people were killed in Playa del Carmen.\n"
        "The U.S. Embassy in Mexico City issued a security alert urging U.S. citizens "
        "across Mexico to exercise increased caution.",
    )
    assert ("shelter_advisory", "Mexico", "country") in got
    assert not any(t == "shelter_advisory" and loc == "Mexico City" for t, loc, _ in got)


def test_a_consulates_city_is_the_advisorys_place(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-05-22\nGunmen torched cars in Rosarito on Monday.\n"
        "The U.S. Consulate General in Tijuana advised its employees to shelter in "
        "place and to avoid the eastern part of the city.\n"
        "Municipal officials said bus service was suspended on Monday.",
    )
    assert ("shelter_advisory", "Tijuana", "town") in got
    assert ("transport_suspension", "Tijuana", "town") in got


def test_a_village_located_by_its_municipality_seat(tmp_path):
    got = _got(
        tmp_path,
        " date 2024-10-07\nEnfrentamiento en Plateros, Fresnillo, deja "
        "cuatro muertos.\nLa Guardia Nacional no dio detalles.",
    )
    assert ("armed_clash", "Plateros", "town") in got
    assert ("armed_clash", "Fresnillo", "town") not in got


def test_a_town_councils_advisory_is_its_towns(tmp_path):
    got = _got(
        tmp_path,
        " date 2024-06-14\nUn enfrentamiento en Frontera Comalapa, Chiapas, "
        "dejó seis muertos.\nEl jueves, el ayuntamiento de Frontera Comalapa pidió a los "
        "habitantes no salir de sus casas y las autoridades suspendieron las clases en "
        "el vecino Chicomuselo.",
    )
    assert ("shelter_advisory", "Comalapa", "town") in got
    assert ("shelter_advisory", "Chicomuselo", "town") not in got
    assert ("school_closure", "Chicomuselo", "town") in got


def test_a_state_agencys_name_is_not_a_state_wide_scope(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-11-18\nUn grupo armado atacó anoche las instalaciones de "
        "la policía en Ciudad Valles, San Luis Potosí, lo que desató un enfrentamiento.\n"
        "Dos agentes murieron y tres "
        "agresores fueron detenidos, informó la Secretaría de Seguridad y Protección "
        "Ciudadana del estado.",
    )
    assert ("casualties", "Ciudad Valles", "town") in got
    assert ("casualties", "San Luis Potosí", "state") not in got


def test_a_foreign_missions_seat_is_not_where_the_advisory_applies(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-07-21\nDos personas murieron en un ataque en Playa del "
        "Carmen, Quintana Roo.\nEl consulado de Estados Unidos en Mérida recomendó a sus "
        "ciudadanos extremar precauciones en Playa del Carmen.",
    )
    assert ("shelter_advisory", "Playa del Carmen", "town") in got
    assert not any(loc == "Mérida" for _, loc, _ in got)


def test_lifting_the_blockade_is_not_another_blockade(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-04-24\nTransportistas bloquearon la autopista en "
        "Ecatepec, Estado de México.\nAgentes detuvieron a dos sospechosos en Tecámac.\n"
        "Los manifestantes retiraron el bloqueo por la tarde.",
    )
    assert ("blockade", "Ecatepec de Morelos", "town") in got
    assert not any(t == "blockade" and loc == "Tecámac" for t, loc, _ in got)


@pytest.mark.parametrize(
    "text,types",
    [
        (
            "El Metro cerró durante tres horas las estaciones de la Línea 8.",
            {"transport_suspension"},
        ),
        (
            "La línea de autobuses suspendió sus salidas desde la terminal.",
            {"transport_suspension"},
        ),
        ("Estados Unidos reiteró su recomendación de no viajar a Colima.", set()),
        (
            "Canadá pidió a sus ciudadanos extremar precauciones en todo México.",
            {"shelter_advisory"},
        ),
    ],
)
def test_classify_spanish_forms(text, types):
    assert set(classify_sentence(text)) == types


@pytest.mark.parametrize(
    "text,types",
    [
        # Fire that burned people or bodies is a killing's, not arson.
        ("The crowd beat them, doused them with gasoline and set them on fire.", set()),
        ("Some of the bodies were set on fire.", set()),
        ("Hallaron tres cuerpos calcinados en la brecha.", set()),
        ("Fueron asesinados tras haber sido golpeados y quemados.", set()),
        ("Hallaron tres vehículos calcinados en la brecha.", {"arson"}),
        ("Gunmen set several trucks on fire.", {"arson"}),
        ("Les habrían prendido fuego a los vehículos.", {"arson"}),
    ],
)
def test_burning_people_is_not_arson(text, types):
    assert set(classify_sentence(text)) == types


@pytest.mark.parametrize(
    "text,types",
    [
        # People sheltering of their own accord: no advisory was issued.
        ("Los enfrentamientos obligaron a la población a resguardarse.", {"armed_clash"}),
        ("Los conductores decidieron resguardarse de la violencia.", set()),
        ("Los agentes solo buscaron resguardarse entre el bosque.", set()),
        ("Cientos de pobladores huyeron hacia Guatemala para resguardarse.", set()),
        ("The shooting forced residents to stay indoors.", set()),
        ("Las autoridades pidieron a la población resguardarse.", {"shelter_advisory"}),
        # An official's denial or a plan "if necessary" closes nothing.
        (
            "Aclaró que no ha sido necesario hacer un llamado a la suspensión de clases.",
            set(),
        ),
        ("De ser necesario, se hará de inmediato el llamado al cierre de escuelas.", set()),
        ("Ahorita no hay elementos que nos lleven al cierre de escuelas.", set()),
        # Weather closes schools too: not violence.
        ("Por frente frío 34, suspenden clases en 5 municipios.", set()),
        ("Classes were suspended due to heavy rain.", set()),
    ],
)
def test_sheltering_of_ones_own_accord_is_no_advisory(text, types):
    assert set(classify_sentence(text)) == types


@pytest.mark.parametrize(
    "text,types",
    [
        # Closures in the forms real news gives them.
        (
            "La terminal aérea se cerró de las 08:30 horas hasta las 22:00 horas.",
            {"flight_suspension"},
        ),
        ("Quedan canceladas las operaciones programadas para hoy.", {"flight_suspension"}),
        ("The temporary closure of the airport was confirmed.", {"flight_suspension"}),
        ("Los municipios donde se pararán las clases presenciales.", {"school_closure"}),
        ("Los profesores llevan un mes sin dar clase.", {"school_closure"}),
        ("Las escuelas de todos los niveles han suspendido sus labores.", {"school_closure"}),
        ("Todas las corridas permanecen canceladas.", {"transport_suspension"}),
        (
            "El servicio de transporte público en Taxco continúa interrumpido.",
            {"transport_suspension"},
        ),
        ("La Plaza de Cobro Coscomate permanecerá cerrada.", {"transport_suspension"}),
        ("The bus line suspended runs from Cintalapa to Tuxtla.", {"transport_suspension"}),
        ("The service on the Mazatlán-Durango route is suspended.", {"transport_suspension"}),
        ("Compraron útiles para las clases.", set()),
    ],
)
def test_closures_in_more_forms(text, types):
    assert set(classify_sentence(text)) == types


@pytest.mark.parametrize(
    "text,types",
    [
        # Blockades and arson in the forms real news gives them.
        ("Desconocidos atravesaron un tráiler en la carretera federal 45.", {"blockade"}),
        ("Los atacantes lanzaron ponchallantas en la avenida.", {"blockade"}),
        ("The attackers threw tire spikes on the streets.", {"blockade"}),
        ("The passage of vehicles was blocked.", {"blockade"}),
        ("Mantiene cerrados los pasos en vialidades como la calzada Zaragoza.", {"blockade"}),
        ("The attack left at least eight vehicles on fire.", {"arson"}),
        ("Their vehicle, which had been burned, was found nearby.", {"arson"}),
        ("Another fire occurred in a home in the neighborhood.", {"arson"}),
        ("Gunmen burned a trailer at the top of the overpass.", {"arson"}),
        ("Después rocía gasolina al piso y prende fuego.", {"arson"}),
    ],
)
def test_blockades_and_arson_in_more_forms(text, types):
    assert set(classify_sentence(text)) == types


@pytest.mark.parametrize(
    "lang,text,types",
    [
        (
            "es",
            "Las balaceras fueron el resultado de una confrontación con soldados.",
            {"armed_clash"},
        ),
        ("es", "Agentes catearon un inmueble en Tlajomulco.", {"raid"}),
        ("es", "Fueron neutralizados por la policía tras repeler una agresión.", {"armed_clash"}),
        ("es", "Tras el enfrentamiento, bloquearon la carretera.", {"blockade"}),
        (
            "en",
            "There was a new confrontation in the community, between agents and gunmen.",
            {"armed_clash"},
        ),
        ("en", "The battle occurred in Tepic, Nayarit.", {"armed_clash"}),
        ("en", "The soldiers executed the rescue mission in the ejido.", {"raid"}),
        ("en", "The search of the property was carried out under the order of a judge.", {"raid"}),
    ],
)
def test_clashes_and_raids_in_more_forms(lang, text, types):
    assert set(classify_sentence(text, langs=(lang,))) == types


@pytest.mark.parametrize(
    "lang,text,types",
    [
        ("en", "Merchants closed their businesses in panic.", {"business_closure"}),
        ("es", "Los propietarios se vieron obligados a cerrar las tiendas.", {"business_closure"}),
        (
            "en",
            "The criminals riddled the Villa Unión’s mayor’s office with bullets.",
            {"attack_on_installation"},
        ),
        ("en", "The airport has been taken over by armed men.", {"attack_on_installation"}),
        (
            "es",
            "Hubo la destrucción parcial de la comandancia auxiliar.",
            {"attack_on_installation"},
        ),
        ("es", "Los poblados han quedado prácticamente desolados.", {"displacement"}),
        # A deployment after an attack is a search, not a raid.
        ("es", "Se desplegó un operativo conjunto con corporaciones estatales.", set()),
        ("en", "Police quickly mounted an operation to surround the area.", set()),
        ("es", "Siete presuntos delincuentes fueron abatidos.", {"armed_clash"}),
        ("en", "Police seized four rifles, handguns and explosive devices.", set()),
        # House searches are raids; two houses are no count of victims.
        ("es", "Militares realizaron inspecciones domiciliarias en dos barrios.", {"raid"}),
        # What an event comes months after is background.
        ("en", "This comes just months after the abduction of four Americans.", set()),
        ("es", "Los agentes aseguraron armas largas, cartuchos y artefactos explosivos.", set()),
        # Football: a penalty shootout is no gunfight.
        ("en", "Atlas forced the penalty shootout on the return leg.", set()),
        ("es", "El Atlas ganó la tanda de penales ante el León.", set()),
        # A curfew is its own type, not also an advisory to stay home.
        ("es", "Las autoridades locales decretaron un toque de queda.", {"curfew"}),
        ("en", "The mayor imposed a curfew in the town.", {"curfew"}),
        (
            "es",
            "Integrantes del cártel usan drones para lanzar explosivos sobre la comunidad.",
            {"explosive_attack"},
        ),
        (
            "en",
            "Since Tuesday, residents of two towns have left in response to the war.",
            {"displacement"},
        ),
    ],
)
def test_other_violence_in_more_forms(lang, text, types):
    assert set(classify_sentence(text, langs=(lang,))) == types


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        (
            "es",
            "Dos grupos armados abrieron fuego entre sí, muriendo una mujer.",
            [("killed", 1, "civilians")],
        ),
        ("es", "Una madre y su hija murieron por disparos.", [("killed", 1, "civilians")]),
        ("en", "One fatality was confirmed.", [("killed", 1, "people")]),
        ("es", "En un basurero fueron encontrados restos humanos.", [("killed", 0, "people")]),
        ("en", "Authorities found their bodies in a well.", [("killed", 0, "people")]),
        (
            "es",
            "Agentes detuvieron a dos presuntos responsables del homicidio.",
            [("arrested", 2, "people")],
        ),
    ],
)
def test_casualties_in_more_forms(lang, text, expected):
    got = [(c.outcome, c.count, c.who) for c in find_casualties(text, "a.txt", langs=(lang,))]
    assert got == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # "a las 13" is a time only before "horas", not before a group.
        ("es", "Despidieron a las 13 personas asesinadas a balazos.", [("killed", 13, "people")]),
        ("es", "El ataque ocurrió a las 13 horas.", []),
        # "una camioneta" is an article, not the list's next count.
        (
            "es",
            "Cinco de los presuntos sicarios, a bordo de una camioneta, quedaron sin vida.",
            [("killed", 5, "cartel members")],
        ),
    ],
)
def test_counts_past_times_and_articles(lang, text, expected):
    got = [(c.outcome, c.count, c.who) for c in find_casualties(text, "a.txt", langs=(lang,))]
    assert got == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Bloquearon la autopista tras el asesinato de un chofer el pasado martes.",
            [("killed", 1, "civilians")],
        ),
        (
            "Elementos del Ejército detuvieron a un presunto jefe de plaza.",
            [("arrested", 1, "cartel members")],
        ),
        # How and when between the verb and its victims; the verb's list shares it.
        (
            "Los habitantes del lugar mataron a golpes a un hombre y a una mujer.",
            [("killed", 1, "civilians"), ("killed", 1, "civilians")],
        ),
        ("En Santo Domingo Tehuantepec fue hallado un cadáver.", [("killed", 1, "people")]),
        (
            "En el paraje fue localizado un cuerpo sin vida, con impactos de bala.",
            [("killed", 1, "people")],
        ),
        ("Una persona habría perdido la vida.", [("killed", 1, "people")]),
        # One victim told by a participle, no number.
        (
            "Se convirtió en la segunda periodista mexicana asesinada en una semana.",
            [("killed", 1, "civilians")],
        ),
        # A definite one refers back to a victim told before.
        ("El militar herido fue trasladado a un hospital.", []),
        # Victims with no number: count 0, the number not given.
        (
            "Agredieron a tiros a los agentes policíacos, dejándolos sin vida.",
            [("killed", 0, "people")],
        ),
        ("The suspects were beaten to death.", [("killed", 0, "cartel members")]),
        ("No officers were hurt in the exchange.", []),
    ],
)
def test_more_casualty_forms(text, expected):
    got = [(c.outcome, c.count, c.who) for c in find_casualties(text, "a.txt")]
    assert got == expected


def test_states_listed_after_a_country_wide_report(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-08-12\nWASHINGTON (Reuters) - The U.S. Embassy urged "
        "Americans across Mexico to shelter in place. The states covered "
        "are Colima, Guerrero and Sinaloa, the embassy said.",
    )
    assert {("shelter_advisory", s, "state") for s in ("Colima", "Guerrero", "Sinaloa")} <= got


def test_a_standing_travel_advisory_is_no_shelter_advisory(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-08-12\nWASHINGTON (Reuters) - The U.S. State Department "
        "renewed its 'Do Not Travel' warning for six Mexican states, among them "
        "Colima, Guerrero and Sinaloa.",
    )
    assert got == set()


def test_a_datelines_town_takes_a_sentence_whose_only_place_names_an_agency(tmp_path):
    got = _got(
        tmp_path,
        " date 2025-09-10\nVALLE HERMOSO, Tamps.— Un enfrentamiento entre "
        "un grupo armado y policías derivó en bloqueos en siete puntos de la ciudad, "
        "informó la Vocería de Seguridad de Tamaulipas.",
    )
    assert ("armed_clash", "Valle Hermoso", "town") in got
    assert not any(p == "state" for _, _, p in got)


def test_a_story_set_across_the_border_gives_no_incident(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2019-08-04 El Paso, Texas.— Un tiroteo dejó 20 muertos en un Walmart de "
        "esta ciudad fronteriza. En el lugar, muy concurrido por mexicanos que cruzan de "
        "Ciudad Juárez, había mil personas. Veinte inocentes perdieron la vida en El Paso.",
    )
    assert extract([tmp_path]).incidents == []


def test_an_event_at_a_foreign_place_is_no_incident(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2024-05-02 Gunmen killed three people in Culiacán, Sinaloa, on Monday. "
        "Two more people were shot dead in Phoenix, Arizona, on Tuesday.",
    )
    assert ("casualties", "Culiacán") in got
    assert all(loc != "Phoenix" for _, loc in got), got


def test_a_feared_clash_is_not_one(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2016-11-26 En Tierra Colorada, Guerrero, se cumplieron dos días sin clases "
        "ante el temor de nuevos enfrentamientos a balazos.",
    )
    assert ("school_closure", "Tierra Colorada") in got
    assert not any(t == "raid" for t, _ in got), got


@pytest.mark.parametrize(
    "text",
    [
        " date 2022-03-14 Elementos de la Guardia Estatal repelieron una agresión en "
        "Nuevo Laredo, Tamaulipas.",
        " date 2022-03-14 Exchanges of gunfire rang out for hours in Nuevo Laredo, Tamaulipas.",
        " date 2022-03-14 Dos grupos armados abrieron fuego entre sí en Matamoros, Tamaulipas.",
    ],
)
def test_exchanges_of_fire_are_clashes(tmp_path, text):
    write(tmp_path, "a.txt", text)
    got = {(i.event_type, i.precision) for i in extract([tmp_path]).incidents}
    assert ("armed_clash", "town") in got


def test_a_later_sentence_says_where_the_attack_was(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2019-10-15 At least 12 police officers died in an ambush in the state of "
        "Michoacán. The ministry said the attack took place in the municipality of Aguililla.",
    )
    got = {(i.event_type, i.location, i.precision) for i in extract([tmp_path]).incidents}
    assert ("casualties", "Aguililla", "town") in got
    assert not any(p == "state" for _, _, p in got), got


def test_arrests_alone_are_no_incident(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2026-02-24 Suman 25 personas detenidas en Jalisco. "
        "En Zapopan, Jalisco, dos policías murieron y tres personas fueron detenidas.",
    )
    assert ("casualties", "Zapopan") in got
    assert ("casualties", "Jalisco") not in got, got


@pytest.mark.parametrize(
    "text",
    [
        " date 2023-01-06 Gunmen shot down a military helicopter in Villa Purificación, Jalisco.",
        " date 2023-01-06 Un avión de Aeroméxico recibió disparos en el aeropuerto de Culiacán.",
    ],
)
def test_attacks_on_aircraft(tmp_path, text):
    write(tmp_path, "a.txt", text)
    got = {i.event_type for i in extract([tmp_path]).incidents}
    assert "attack_on_aircraft" in got


def test_a_generic_report_tells_more_of_the_sentence_before(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2026-02-22 Jalisco concentró 65 bloqueos en carreteras federales. "
        "En estados como Colima, Nayarit y Zacatecas se reportaron eventos focalizados. "
        "En Sonora no se registraron incidentes.",
    )
    assert {("blockade", s) for s in ("Jalisco", "Colima", "Nayarit", "Zacatecas")} <= got
    assert ("blockade", "Sonora") not in got


def test_a_list_of_states_is_not_town_and_state(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2026-02-22 Hubo bloqueos en Aguascalientes, Baja California, Chiapas, "
        "Guerrero, Hidalgo y Michoacán.",
    )
    got = {(i.location, i.precision) for i in extract([tmp_path]).incidents}
    assert {(s, "state") for s in ("Baja California", "Guerrero", "Hidalgo")} <= got


def test_the_dateline_after_page_lines_still_places_the_story(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2017-01-18 Llega equipo mexicano a California para combatir incendios\n"
        "Cancún.— Un ataque armado a la Fiscalía General del Estado desató balaceras. "
        "El saldo oficial es de cuatro muertos.",
    )
    assert ("casualties", "Cancún") in got, got


def test_all_airports_closed_in_a_list(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2023-01-06 The Sinaloa airports of Mazatlan International Airport (MZT) and "
        "Culiacan International Airport (CUL) will remain closed until further notice.",
    )
    assert {t for t, _ in got} == {"flight_suspension"}
    assert len(got) == 2, got


def test_a_report_dated_only_by_its_publication_joins_the_dated_one(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2023-10-23 Gunmen killed 13 police officers in El Papayo, Guerrero, on Monday.",
    )
    write(
        tmp_path,
        "b.txt",
        " date 2023-10-26 Thirteen police officers were killed in El Papayo, Guerrero.",
    )
    got = [i for i in extract([tmp_path]).incidents if i.event_type == "casualties"]
    assert len(got) == 1 and len(got[0].sources) == 2, got


@pytest.mark.parametrize(
    "text",
    [
        " date 2025-05-10 Deberán esperar el resultado del enfrentamiento entre Tijuana y "
        "América, que se llevará a cabo el mismo día.",
        " date 2025-04-10 ¡Terrible! Accidente deja a joven mal herido por clavado en Mazatlán",
    ],
)
def test_sports_and_accidents_are_no_incidents(tmp_path, text):
    write(tmp_path, "a.txt", text)
    assert extract([tmp_path]).incidents == []


@pytest.mark.parametrize(
    "text, outcome",
    [
        (
            " date 2017-06-05 El domingo se localizó el cadáver de un hombre en San José Viejo, "
            "Baja California Sur.",
            "killed",
        ),
        (
            " date 2019-05-02 In Fresnillo, Zacatecas, bags with human remains of three people "
            "were found.",
            "killed",
        ),
        (" date 2019-05-02 Two men were shot dead in Progreso, Yucatán.", "killed"),
    ],
)
def test_more_ways_to_tell_a_death(tmp_path, text, outcome):
    write(tmp_path, "a.txt", text)
    got = [c.outcome for i in extract([tmp_path]).incidents for c in i.casualties]
    assert outcome in got, got


def test_hijacked_trucks_are_no_kidnapping_but_kidnapped_women_are(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2019-03-05 En Celaya, Guanajuato, sujetos armados secuestraron e incendiaron "
        "camiones. En Reynosa, Tamaulipas, la policía halló a dos mujeres secuestradas y "
        "decomisó tres camionetas.",
    )
    assert ("kidnapping", "Reynosa") in got
    assert ("kidnapping", "Celaya") not in got, got


@pytest.mark.parametrize(
    "text",
    [
        " date 2026-01-22 Una balacera en la colonia Real de Minas, en Hermosillo, Sonora, "
        "dejó una víctima mortal.",
        " date 2025-03-09 Gunmen killed nine people at a wake in Cuernavaca, Morelos. Police "
        "organized an operation to find those responsible.",
    ],
)
def test_a_shooting_or_a_manhunt_is_no_clash(tmp_path, text):
    write(tmp_path, "a.txt", text)
    got = {i.event_type for i in extract([tmp_path]).incidents}
    assert "casualties" in got and "raid" not in got, got


def test_a_municipality_and_its_seat_are_one_place(tmp_path):
    write(
        tmp_path,
        "a.txt",
        " date 2024-12-19 Quemaron vehículos en el municipio de Centro, Tabasco, durante el motín.",
    )
    write(tmp_path, "b.txt", " date 2024-12-19 Vehicles were torched in Villahermosa, Tabasco.")
    arson = [i for i in extract([tmp_path]).incidents if i.event_type == "arson"]
    assert len(arson) == 1 and len(arson[0].sources) == 2, arson


def test_a_toll_told_at_the_state_of_a_one_town_story_is_the_towns(tmp_path):
    got = _got(
        tmp_path,
        " date 2021-11-18 Authorities found 10 bodies in the northern state of Zacatecas "
        "on Thursday. Nine of them hung from an overpass in Ciudad Cuauhtémoc, Zacatecas, "
        "and one lay by a road in Ciudad Cuauhtémoc.",
    )
    assert not any(p == "state" for _, _, p in got), got


def test_the_measure_extended_to_more_towns_is_more_of_the_same(tmp_path):
    got = _types_at(
        tmp_path,
        " date 2024-09-10 La UAS anunció la suspensión de clases presenciales en Sinaloa. "
        "Inicialmente centrada en Culiacán, la medida preventiva se extendió a Elota, "
        "Mocorito y Navolato.",
    )
    assert {("school_closure", t) for t in ("Culiacán", "Elota", "Mocorito", "Navolato")} <= got


def test_a_wire_dateline_after_a_caption_and_its_state_capital(tmp_path):
    got = _got(
        tmp_path,
        " date 2019-10-15 Senators left the Capitol in Washington. (AP Photo/J. Scott)\n"
        "Gunmen ambush police convoy in Mexico\n\n"
        "MORELIA, Mexico (AP) — State police ventured into the township of Aguililla to "
        "serve a warrant. Gunmen were waiting for them in Aguililla. Thirteen officers "
        "were killed.",
    )
    assert ("casualties", "Aguililla", "town") in got, got
    assert not any(loc == "Morelia" for _, loc, _ in got), got


def test_a_reason_clause_keeps_its_place(tmp_path):
    got = _got(
        tmp_path,
        " date 2026-02-22 El Gabinete de Seguridad informó que, tras un operativo federal en "
        "la zona serrana de Tapalpa, se registraron bloqueos carreteros y quema de vehículos "
        "en diversas regiones del país.",
    )
    assert ("raid", "Tapalpa", "town") in got
    assert ("arson", "Mexico", "country") in got
    assert not any(loc == "Tapalpa" and t != "raid" for t, loc, _ in got), got


def test_a_colonia_of_a_town_with_the_same_event_is_that_town(tmp_path):
    # "Benton" stands at Tijuana's seat: one shooting, not two records at one point.
    got = _types_at(
        tmp_path,
        "Gunmen killed a police officer in Tijuana on Sunday. The attack took place "
        "in the Benton neighborhood, where five officers were wounded.",
    )
    assert ("casualties", "Tijuana") in got
    assert not any(place == "Benton" for _, place in got)


def test_two_villages_of_one_municipality_stay_apart(tmp_path):
    got = _types_at(
        tmp_path,
        "En Badiraguato suspendieron clases. Hombres armados quemaron la escuela de la "
        "comunidad de Huixiopa y la de la comunidad de La Tuna.",
    )
    assert {("arson", "Huixiopa"), ("arson", "La Tuna")} <= got


def test_a_scope_describing_a_road_is_no_reach(tmp_path):
    got = _got(
        tmp_path,
        "En San Luis Potosí hubo un bloqueo de la carretera federal 57, que conecta al centro "
        "del país con el norte.",
    )
    assert ("blockade", "Mexico", "country") not in got
    assert ("blockade", "San Luis Potosí", "state") in got


def test_trends_are_no_events(tmp_path):
    got = _types_at(
        tmp_path, "Lynchings of suspected criminals have gone up in Mexico in recent years."
    )
    assert not got


def test_this_city_is_the_datelines_town(tmp_path):
    got = _types_at(
        tmp_path,
        "SAN LUIS RIO COLORADO, Son. – Seven suspects remained in custody following a gun "
        "battle that ended near this city with one person killed.\n"
        "The confrontation began when gunmen fired on police in Guadalupe Victoria, Baja California.",
    )
    assert ("casualties", "San Luis Río Colorado") in got


@pytest.mark.parametrize(
    "text,present,absent",
    [
        # A related-article line ("Lee también: ...") is another story's headline.
        (
            "Dos policías fueron asesinados en Tecomán, Colima.\n"
            "Te podría interesar leer: Matan a tres hombres en un bar de Reynosa, Tamaulipas\n"
            "Lee también: Queman vehículos en Culiacán\n"
            "Los agentes fueron trasladados a un hospital.",
            [("casualties", "Tecomán", "town")],
            ["Reynosa", "Tamaulipas", "Culiacán"],
        ),
        # Only the label's own line: after a bare label comes the article's text.
        (
            "Te puede interesar\nHombres armados incendiaron tres vehículos en Celaya, Guanajuato.",
            [("arson", "Celaya", "town")],
            [],
        ),
        # A consulate's reasons ("due to gunfights throughout the city") are its town's.
        (
            "Gunmen burned vehicles in Nuevo Laredo on Friday.\n\n"
            "The U.S. consulate in Nuevo Laredo issued a security alert warning its personnel "
            "to shelter in place due to multiple gunfights and blockades throughout the city.",
            [("shelter_advisory", "Nuevo Laredo", "town")],
            ["Tamaulipas"],
        ),
        # States named as a border are not where it happened; towns at a border are.
        (
            "Tres sicarios fueron abatidos tras un enfrentamiento con fuerzas estatales en los "
            "límites de Coahuila y Nuevo León, específicamente en el municipio de Progreso.",
            [("armed_clash", "Progreso", "town")],
            ["Coahuila", "Nuevo León"],
        ),
        (
            "Se registraron narcobloqueos en los límites de Celaya y Juventino Rosas, Guanajuato.",
            [("blockade", "Celaya", "town"), ("blockade", "Juventino Rosas", "town")],
            [],
        ),
        # Where a crowd came from is an origin.
        (
            "Una turba procedente de San Vicente Boquerón irrumpió en la comandancia de Acatlán "
            "de Osorio, Puebla, y linchó a dos hombres.",
            [("attack_on_installation", "Acatlán de Osorio", "town")],
            ["San Vicente Boquerón"],
        ),
        # A video shared on social media reports nothing new.
        (
            "Hombres armados se enfrentaron en Caborca, Sonora.\nFueron publicados en redes "
            "sociales algunos videos de varios vehículos en llamas en Pitiquito.",
            [("armed_clash", "Heroica Caborca", "town")],
            ["Pitiquito"],
        ),
        # "In at least three municipalities": a wave's reach, not the one town's report.
        (
            "Gunmen torched vehicles in at least three municipalities of Guanajuato on Monday. "
            "In Irapuato, gunmen set fire to two trailers.",
            [("arson", "Guanajuato", "state"), ("arson", "Irapuato", "town")],
            [],
        ),
        # An arson told without a place is the story's town.
        (
            "Gunmen clashed with soldiers in Nuevo Laredo, Tamaulipas.\n\n"
            "At least three vehicles were torched.",
            [("arson", "Nuevo Laredo", "town")],
            ["Tamaulipas"],
        ),
        # A trend over years ("since 2000") is not news.
        (
            "A journalist was shot dead in San Luis Río Colorado, Sonora.\n"
            "Since 2000, nearly 150 journalists have been murdered in Mexico.",
            [("casualties", "San Luis Río Colorado", "town")],
            ["Mexico"],
        ),
        # A semicolon ends a place's clause: the clash after it is the city's
        # alone, the killings before it are the states'.
        (
            "En Chihuahua, Guerrero y Sinaloa ocurrieron una docena de asesinatos; en la ciudad "
            "de Chihuahua un enfrentamiento entre dos bandas rivales dejó cuatro muertos.",
            [
                ("armed_clash", "Chihuahua", "town"),
                ("casualties", "Guerrero", "state"),
                ("casualties", "Sinaloa", "state"),
            ],
            [],
        ),
        # A short name after the full one is the same town ("Santa María
        # Ecatepec" ... "Ecatepec"), not the big namesake of another state.
        (
            "Gunmen ambushed a truck near Santa María Ecatepec, Oaxaca, killing 13 people.\n\n"
            "The attack in Ecatepec happened on a dirt road. The truck was set on fire.",
            [("arson", "Santa María Ecatepec", "town")],
            ["Ecatepec de Morelos"],
        ),
        # An agency's seat tells the story's town: "Protección Civil de Colotlán".
        (
            "Por medio de un comunicado, Protección Civil de Colotlán, Jalisco, informó de la "
            "situación.\n\nEl ataque se llevó a cabo con drones con explosivos.",
            [("explosive_attack", "Colotlán", "town")],
            ["Jalisco"],
        ),
        # "el Consulado de Estados Unidos": whose consulate, not where; "the
        # city's airport" is the dateline town's.
        (
            "NUEVO LAREDO, Tamps.- Hubo enfrentamientos en Nuevo Laredo.\nTras lo ocurrido, se han "
            "presentado afectaciones, desde la alerta del Consulado de Estados Unidos hasta la "
            "suspensión de vuelos en el aeropuerto internacional de la ciudad.",
            [("flight_suspension", "Nuevo Laredo airport (NLD)", "point")],
            [],
        ),
        # A checkpoint the police set is not a blockade.
        (
            "The gunfire began after a squad with Fuerza Civil police set a roadblock along a "
            "rural highway near Anahuac, Nuevo Leon.",
            [],
            ["Anáhuac"],
        ),
        # "Lee también" is never prose: no colon needed.
        (
            "Hombres armados incendiaron tres tráileres en Camargo, Tamaulipas.\n"
            "Lee también Ataque armado en expendio de cerveza de Culiacán deja un muerto\n"
            "Las autoridades no reportaron detenidos.",
            [("arson", "Ciudad Camargo", "town")],
            ["Culiacán"],
        ),
        # La Jornada's dateline: a town, a state's abbreviation, a full stop.
        (
            "\nMonterrey, N.L. Al menos seis elementos de Fuerza Civil murieron en una "
            "emboscada en el municipio de Anáhuac, Nuevo León.\n"
            "Los agentes fueron atacados por hombres armados.",
            [("casualties", "Anáhuac", "town")],
            ["Monterrey"],
        ),
        # An all-caps desk and a colon, past the page's first lines; its town
        # only breaks a tie for the story's state.
        (
            "\n\nBy PTI\n\nMEXICO CITY:  Authorities in western Mexico say gunmen attacked "
            "police in Jalisco state, and six officers were killed.",
            [("casualties", "Jalisco", "state")],
            ["Mexico City"],
        ),
        # "just north of", "near the": places that say where the town is.
        (
            "A mob lynched two men in the town of Santiago Atlatongo, just north of Mexico "
            "City near the Teotihuacan pyramids, in the State of Mexico.",
            [("casualties", "Atlatongo", "town")],
            ["Mexico City", "Teotihuacán"],
        ),
        # A lynching that kills is a killing; only an attempt is a lynching
        # of its own, and a victim burned is no arson.
        (
            "Un hombre fue linchado y quemado por una multitud en el municipio de Santiago "
            "El Pinar, Chiapas.",
            [("casualties", "Santiago el Pinar", "town")],
            ["lynching", "arson"],
        ),
        (
            "Vecinos de Celestún intentaron linchar a un hombre que dañó la iglesia.",
            [("lynching", "Celestún", "town")],
            [],
        ),
        # A dateline glued to the summary before it is a dateline, not a place
        # of the event.
        (
            "Linchan a un joven en los Altos de Chiapas.TUXTLA GUTIÉRREZ, Chis. (apro).- "
            "Un joven fue linchado en el municipio de Santiago El Pinar.",
            [("casualties", "Santiago el Pinar", "town")],
            ["Tuxtla"],
        ),
        # A group "del occidente del país" is from a region: the clash keeps
        # the dateline's town.
        (
            "Cancún, Quintana Roo.— Un enfrentamiento a balazos entre integrantes de un "
            "grupo criminal del occidente del país se registró en un bar.",
            [("armed_clash", "Cancún", "town")],
            ["Mexico"],
        ),
        # Trends and the site of disputes are no events.
        (
            "En Huajicori la región es escenario de disputas entre cárteles, lo que ha "
            "incrementado los enfrentamientos.",
            [],
            ["armed_clash"],
        ),
        (
            "The soldiers were killed Thursday on the outskirts of Aguililla, Michoacán, when "
            "they stepped on an anti-personnel mine. A land mine had exploded there before.",
            [("explosive_attack", "Aguililla", "town")],
            [],
        ),
        # "in Mexico city" is the capital; "a violent southern Mexico city" is not.
        (
            "At least three people were killed and seven others injured in Mexico city after "
            "gunmen opened fire at a busy tourist plaza.",
            [("casualties", "Mexico City", "town")],
            [],
        ),
        # Fistfights, false reports and the usual site of clashes are no clash.
        (
            "En Querétaro, los aficionados se enfrentaron a golpes en las tribunas del estadio.",
            [],
            ["armed_clash"],
        ),
        (
            "The officers were lured to a road near Coyuca de Benítez, Guerrero, by a false "
            "report of a shootout.",
            [],
            ["armed_clash"],
        ),
        (
            "El Pescado, in Guerrero, has been the site of clashes between cartels for years.",
            [],
            ["armed_clash"],
        ),
        # A bar's exits blocked in an attack are no road blockade.
        (
            "COATZACOALCOS, Mexico (AP) — Gang members burst into a bar, blocked all the exits "
            "and then started a fire.",
            [],
            ["blockade"],
        ),
        # Rioting inmates burning mattresses commit no arson.
        (
            "Los internos del penal de San Francisco Kobén, Campeche, se amotinaron y quemaron "
            "colchones, sábanas y toallas.",
            [],
            ["arson"],
        ),
        # The issue's own example: flights to three cities cancelled after an
        # arrest are three flight suspensions, not raids at the destinations.
        (
            "Aeroméxico announced Thursday morning that the day's flights to the municipalities "
            "of Culiacán, Los Mochis and Mazatlán in the state of Sinaloa were canceled after "
            "the arrest of a cartel leader, while the Culiacán and Mazatlán International "
            "Airports both announced closures for part of the day.",
            [("flight_suspension", "Culiacan airport (CUL)", "point")],
            ["raid"],
        ),
        # An organisation's name holds no place; the sentence before places it.
        (
            "El primer suceso ocurrió el miércoles en el municipio de Tecoanapa. Se reportó un "
            "enfrentamiento entre un grupo armado y autodefensas de la Unión de Pueblos y "
            "Organizaciones del Estado de Guerrero (Upoeg).",
            [("armed_clash", "Tecoanapa", "town")],
            ["Guerrero"],
        ),
        # A toll across several municipalities keeps its state.
        (
            "Tecoanapa, Gro.- La entidad de Guerrero se vio sacudida por hechos violentos que "
            "dejaron al menos 11 personas muertas en enfrentamientos ocurridos en varios "
            "municipios. En Tecoanapa hubo una balacera.",
            [("casualties", "Guerrero", "state")],
            [],
        ),
        # Tyres burning at a blockade are the blockade, not arson.
        (
            "Se reportaron bloqueos en la carretera de Celaya, Guanajuato, con neumáticos "
            "incendiados.",
            [("blockade", "Celaya", "town")],
            ["arson"],
        ),
        # Attacks on installations and businesses, and business closures.
        (
            "In Cohuecan, Puebla, local people also forced their way into the police station.",
            [("attack_on_installation", "Cohuecán", "town")],
            [],
        ),
        (
            "Gunmen on jet skis opened fire on a resort zone beach in Cancun on Tuesday.",
            [("attack_on_installation", "Cancún", "town")],
            [],
        ),
        (
            "En Irapuato, Guanajuato, las demás tiendas Oxxo han cerrado por prevención.",
            [("business_closure", "Irapuato", "town")],
            [],
        ),
        # A denied report is no event; mounting an operation to rescue is no raid.
        (
            "En redes sociales circula la versión de la detención del líder de un grupo "
            "criminal en Guanajuato, dicha información es falsa.",
            [],
            ["raid"],
        ),
        (
            "In Tetela del Volcán, Morelos, it was necessary to mount an operation to rescue "
            "the officers.",
            [],
            ["raid"],
        ),
        # "la Plaza de Armas ... de Zacatecas" is the capital, not the state.
        (
            "Una camioneta fue abandonada con 10 cadáveres en su interior en la Plaza de Armas "
            "frente al palacio de gobierno de Zacatecas.",
            [("casualties", "Zacatecas", "town")],
            [],
        ),
        # Taking a highway or closing the way through is a blockade.
        (
            "Un grupo de 200 hombres tomaron por dos horas un tramo de la carretera "
            "Transpeninsular en San Quintín, Baja California.",
            [("blockade", "San Quintín", "town")],
            [],
        ),
        (
            "En Nochixtlán, Oaxaca, los maestros cerraron de forma intermitente el paso de la "
            "supercarretera.",
            [("blockade", "Asunción Nochixtlán", "town")],
            [],
        ),
        # A victim by trade.
        (
            "En Ecatepec, Estado de México, un pasajero del transporte público perdió la vida "
            "durante un asalto.",
            [("casualties", "Ecatepec de Morelos", "town")],
            [],
        ),
        (
            "Gunmen opened fire at the outside of a newspaper's offices in Culiacan, Sinaloa.",
            [("attack_on_installation", "Culiacán", "town")],
            [],
        ),
        (
            "The blast killed 21 people and injured 74 near Tlahuelilpan, Hidalgo, a town of "
            "20,000 people about an hour's drive north of Mexico City.",
            [("casualties", "Tlahuelilpan", "town")],
            ["Mexico City"],
        ),
        (
            "Ten people have been executed, and there have been burnings of vehicles and "
            "grocery stores in Cárdenas, Tabasco.",
            [("arson", "Cárdenas", "town")],
            [],
        ),
        # Prison riots in more forms; a prison's football pitch is no match.
        (
            "Two riots at the Cieneguillas prison in Zacatecas this week have left 17 inmates dead.",
            [("prison_escape", "Cieneguillas", "town")],
            [],
        ),
        (
            "Un grupo de reos se enfrentaron en una riña campal durante un partido de futbol "
            "en la cancha del penal de Cieneguillas, Zacatecas.",
            [("prison_escape", "Cieneguillas", "town")],
            [],
        ),
        # Attacks on town halls and police stations.
        (
            "Gunmen burst into the town hall in San Miguel Totolapan, Guerrero, and opened fire.",
            [("attack_on_installation", "San Miguel Totolapan", "town")],
            [],
        ),
        (
            "La presidencia municipal y la comandancia de Iturbide, Nuevo León, habrían sido "
            "blanco de disparos.",
            [("attack_on_installation", "Iturbide", "town")],
            [],
        ),
        (
            "Comandos armados atacaron este fin de semana cuatro instalaciones de la Fiscalía "
            "General del Estado en Ensenada, Baja California.",
            [("attack_on_installation", "Ensenada", "town")],
            [],
        ),
        # Victims told before are not counted again at the hospital's city.
        (
            "Cuatro policías murieron y otros seis resultaron lesionados en una emboscada en "
            "Bocoyna, Chihuahua. Los seis lesionados fueron trasladados a hospitales de la "
            "capital del estado.",
            [("casualties", "Bocoyna", "town")],
            ["Chihuahua"],
        ),
        # The story's town is where things happened, not where the agents drove.
        (
            "Los agentes habían viajado a Ciudad Cuauhtémoc, Chihuahua. Una emboscada en "
            "Bocoyna dejó cuatro policías muertos."
            "\n\nLos atacantes incendiaron dos patrullas.",
            [("arson", "Bocoyna", "town")],
            ["Cuauhtémoc"],
        ),
        (
            "Integrantes del cártel usan drones modificados para lanzar explosivos sobre la "
            "comunidad de Tlacotepec, Guerrero.",
            [("explosive_attack", "Tlacotepec", "town")],
            [],
        ),
        # A later sentence that says where the incident occurred beats the
        # agency's seat; "both" is a count.
        (
            "Mexicali police officers exchanged fire with two suspects on Sunday. The police "
            "said the incident occurred at the Ejido Janitzio rural town. Both suspects died "
            "in the incident.",
            [
                ("armed_clash", "Poblado Janitzio", "town"),
                ("casualties", "Poblado Janitzio", "town"),
            ],
            ["Mexicali"],
        ),
        # "in two Mexican states" is the two states the story names, not the
        # country; seized explosives are no attack.
        (
            "Cartel gunmen blocked roads in two Mexican states. In Jalisco, gunmen set fire "
            "to three buses. In Guanajuato, gunmen set fire to 11 stores in Irapuato. "
            "Authorities seized nine vehicles, 31 rifles, handguns and explosive devices.",
            [("blockade", "Jalisco", "state"), ("blockade", "Guanajuato", "state")],
            ["Mexico"],
        ),
        # "ubicado en" places the ranchería in its town: one place, the town.
        (
            "Dos policías murieron en un ataque armado en la ranchería González, ubicado en "
            "Villahermosa, Tabasco.\nMientras tanto, en los alrededores, se registró la quema "
            "de tres automóviles.",
            [("casualties", "Villahermosa", "town"), ("arson", "Villahermosa", "town")],
            ["González"],
        ),
        # Of two places before, the next sentence's event is the first's.
        (
            "Bus drivers in Chilpancingo suspended public transport. Most routes between "
            "Chilpancingo and the neighbouring municipality of Tixtla were also halted. The "
            "Guerrero state government said it had sent more police to patrol bus terminals, "
            "and the state education ministry suspended in-person classes in the city's "
            "schools.",
            [("school_closure", "Chilpancingo", "town")],
            ["Tixtla de Guerrero"],
        ),
        # "el cuerpo del periodista": one victim, the number not given; the
        # dateline's town counts for the story's town.
        (
            "Culiacán, Sin.- Al periodista lo bajaron de su vehículo y le dispararon en la "
            "calle.\nEl cuerpo del periodista quedó sobre la calle, boca abajo.\nSu vehículo "
            "fue localizado en el sector Centro de Culiacán.\nSu familia vivió años en Juan "
            "José Ríos.",
            [("casualties", "Culiacán", "town")],
            ["Juan José Ríos"],
        ),
        # A heading and its bulleted list: each item is where the heading's events are.
        (
            "Grupos armados bloquearon vías en Michoacán.\n\nZonas con bloqueos confirmados:\n"
            "📌 Entrada a Tiríndaro, municipio de Zacapu\n📌 Autopista de Occidente, km 280, "
            "en Huaniqueo\n\nLa situación continúa en desarrollo.",
            [("blockade", "Tiríndaro", "town"), ("blockade", "Huaniqueo de Morales", "town")],
            [],
        ),
        # Where the displaced arrived is not where they were displaced from.
        (
            "Siete familias abandonaron la comunidad de Xaltianguis, Guerrero, tras los "
            "enfrentamientos. La noche del jueves los desplazados llegaron a la cabecera "
            "municipal de Atoyac de Álvarez.",
            [("displacement", "Xaltianguis", "town")],
            ["Atoyac de Álvarez"],
        ),
        # Another article's headline ("Leer más: ...") is not where the story is.
        (
            "Una camioneta con 10 cadáveres fue abandonada en el estado de Zacatecas.\n"
            "Leer más: Hallan 6 cuerpos en Fresnillo\nLeer más: Ataque en Fresnillo deja dos "
            "muertos\n\nLos agresores incendiaron otra camioneta.",
            [("arson", "Zacatecas", "state")],
            ["Fresnillo"],
        ),
        # Capitals in mid-sentence make a name of everyday words ("tierra
        # colorada"), in the state of the story's towns.
        (
            "Habitantes de Tecoanapa llegaron a la autopista. A la altura del entronque con "
            "Tierra Colorada colocaron vagonetas para impedir la circulación de la vía.",
            [("blockade", "Tierra Colorada", "town")],
            [],
        ),
        # Whose army and government: a story set in Guatemala that names none
        # of its country's places but a Mexican namesake.
        (
            "Members of the Guatemalan Army found explosives and clashed with gunmen in Santa "
            "Catarina. The Guatemalan government imposed a state of siege after the Guatemalan "
            "police found 13 bodies.",
            [],
            ["Santa Catarina"],
        ),
    ],
)
def test_real_news_forms(tmp_path, text, present, absent):
    got = _got(tmp_path, " date 2025-06-02 " + text)
    for want in present:
        assert want in got, (want, got)
    # ``absent`` names places, or types that must not be found.
    assert not any(loc in absent or kind in absent for kind, loc, _ in got), got


@pytest.mark.parametrize(
    "lang,text,told,expected",
    [
        # Victims told before, referred to again.
        ("es", "Los seis lesionados fueron trasladados a un hospital.", {"wounded": 6}, []),
        ("es", "Dos de los cadáveres quedaron dentro de la patrulla.", {"killed": 4}, []),
        ("en", "Both died while attempting to repel the ambush.", {"killed": 5}, []),
        # Told for the first time, they count.
        ("en", "Both suspects died in the incident.", {}, [("killed", 2)]),
        ("es", "Los seis lesionados fueron trasladados a un hospital.", {}, [("wounded", 6)]),
        (
            "en",
            "The gunmen left behind five men who had been mortally wounded.",
            {},
            [("killed", 5)],
        ),
    ],
)
def test_counts_that_refer_back(lang, text, told, expected):
    got = find_casualties(text, "a", langs=(lang,), told=told)
    assert [(c.outcome, c.count) for c in got] == expected


def test_houses_are_no_count_of_victims():
    text = "En dos casas usadas por la delincuencia dejaron neveras con cuerpos descuartizados."
    assert all(c.count != 2 for c in find_casualties(text, "a", langs=("es",)))


@pytest.mark.parametrize(
    "lang,text,count",
    [
        ("es", "Murieron diez personas, entre ellas un menor de 16.", 10),
        ("en", "A man aged 35 was killed.", 1),
    ],
)
def test_an_age_is_no_count(lang, text, count):
    got = find_casualties(text, "a", langs=(lang,))
    assert [c.count for c in got if c.outcome == "killed"] == [count]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # "sin embargo" is a connective, not a negation of the count.
        (
            "es",
            "El alcalde resultó ileso; sin embargo, un escolta resultó herido.",
            [("wounded", 1)],
        ),
        ("es", "Sin embargo, uno de sus escoltas terminó herido.", [("wounded", 1)]),
        ("es", "El ataque no dejó heridos.", []),
    ],
)
def test_a_connective_is_no_negation_of_a_count(lang, text, expected):
    got = find_casualties(text, "a", langs=(lang,))
    assert [(c.outcome, c.count) for c in got] == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("es", "Nueve personas resultaron con graves lesiones tras este hecho.", [("wounded", 9)]),
        ("en", "One police officer sustained various wounds in the attack.", [("wounded", 1)]),
        # An aside that names some of the victims does not end the count.
        (
            "en",
            "Six members of a family, including an eight-month-old baby and a two-year-old "
            "child, were murdered in Guanajuato.",
            [("killed", 6)],
        ),
        ("es", "Cinco personas, entre ellas dos menores, murieron en el ataque.", [("killed", 5)]),
        ("es", "Dos civiles más sufrieron lesiones de arma de fuego.", [("wounded", 2)]),
        # An age between commas after a person is no count.
        ("en", "A Mexican woman, 33, also died in the attack.", []),
    ],
)
def test_wounds_sustained_are_victims(lang, text, expected):
    got = find_casualties(text, "a", langs=(lang,))
    assert [(c.outcome, c.count) for c in got] == expected


def test_a_sentence_opening_on_another_event_does_not_take_the_last_ones_place():
    from geo.articles import parse_article
    from geo.outcomes import process_article

    art = parse_article(
        " date 2024-05-01\nUn enfrentamiento en Navolato, Sinaloa, dejó tres muertos.\n"
        "En otro hecho, dos hombres fueron asesinados a balazos.",
        "a.txt",
    )
    findings, _ = process_article(art)
    second = [f for f in findings if f.sentence.text.startswith("En otro hecho")]
    assert second and all(f.located_by != "previous sentence" for f in second)
