"""A seeded synthetic corpus of news-like articles about violent incidents in Mexico.

Each article (about 3 KB) is in the project's article format: a first line
`` date YYYY-MM-DD``, a headline, then paragraphs. About 60 % are in English
and 40 % in Spanish. Sentences mix

- places drawn from the gazetteer (:func:`geo.gazetteer.load_gazetteer`):
  states, cities, towns (qualified, "Tapalpa, Jalisco") and airports;
- incident phrases of every family in both languages: raids and clashes,
  blockades, torched vehicles, flights suspended, classes suspended,
  public transport stopped, shelter in place, casualties with counts;
- people whose surnames are place names ("Governor Samuel García"),
  organisations ("Jalisco New Generation Cartel", "Cártel de Sinaloa",
  "Farmacias Guadalajara") and agencies;
- misspelt towns: one edit away from a gazetteer name, in a place context
  ("in Talpalpa, Jalisco");
- filler sentences with no incident.

Article ``i`` of seed ``s`` depends only on ``(s, i)``: any article can be
regenerated alone and a corpus of 100k is the 10k one plus 90k more. Texts are
written as they are generated and never held together in memory.

Usage::

    python bench/corpus.py OUT_DIR -n 10000 [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

#: Bump when the generator changes, so cached corpora are rebuilt.
VERSION = 1
#: Articles per sub-folder on disk.
PER_FOLDER = 1000
TARGET_BYTES = 3000

FIRST_DAY = date(2024, 1, 1)
DAYS = 790

EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ES_WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
EN_NUMBERS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "12",
    "15",
    "20",
]
ES_NUMBERS = [
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "12",
    "15",
    "20",
]

FIRST_NAMES = [
    "Juan",
    "María",
    "Luis",
    "Ana",
    "Carlos",
    "Rosa",
    "Jorge",
    "Elena",
    "Miguel",
    "Laura",
    "Samuel",
    "Patricia",
    "Ricardo",
    "Claudia",
    "Alfredo",
    "Gabriela",
]
SURNAMES = [
    "García",
    "Hernández",
    "López",
    "Martínez",
    "Ramírez",
    "Torres",
    "Flores",
    "Vázquez",
    "Castillo",
    "Ortega",
    "Mendoza",
    "Ruiz",
]
OUTLETS = [
    "Reforma",
    "Milenio",
    "El Universal",
    "Proceso",
    "Animal Politico",
    "Benzinga",
    "Reuters",
    "Al Jazeera",
    "El Financiero",
    "Salon",
]

EN_HEADLINES = [
    "Cartel violence erupts in {state} after army operation",
    "Blockades and burning vehicles paralyse {city}",
    "Flights suspended in {city} as gunmen torch buses",
    "Schools closed across {state} after night of violence",
    "Soldiers clash with gunmen near {town}",
    "{state} on alert: roads blocked, residents told to stay home",
]
ES_HEADLINES = [
    "Jornada violenta en {state}: bloqueos y quema de vehículos",
    "Suspenden vuelos en {city} por enfrentamientos",
    "Suspenden clases en {state} tras ola de violencia",
    "Enfrentamiento en {town} deja {n} muertos",
    "Narcobloqueos en {city}; piden a la población resguardarse",
    "Operativo militar en {state} desata violencia",
]

EN_INCIDENTS = [
    "Gunmen blocked highways near {town}, {state}, and torched at least {n} vehicles on {weekday}.",
    "Armed men set fire to {n} buses in {city}, according to local authorities.",
    "Flights were suspended at the airport in {city} as smoke rose over the city.",
    "{airline} suspended flights to {city} until further notice, the airline said.",
    "Operations at {airport} were halted for several hours on {weekday}.",
    "Authorities in {state} suspended classes in {n} municipalities on {weekday}.",
    "The state government urged residents of {city} to shelter in place.",
    "{N} cartel members were killed and {n2} soldiers were wounded in a clash with the army "
    "in {town}, {state}.",
    "A shootout between the National Guard and gunmen in {city} left {n} people dead.",
    "Public transportation was suspended in {city} after several buses were set ablaze.",
    "Soldiers raided a property in the town of {town}, where they seized rifles and "
    "arrested {n} suspects.",
    "Roadblocks with burning trucks were reported on the highway between {city} and {city2}.",
    "Police said {n} civilians were wounded when gunmen opened fire on a patrol in {city}.",
    "Residents of {typo}, {state}, reported a gunfight that lasted more than an hour.",
    "In {typo}, {state}, gunmen set fire to a pharmacy and two cars.",
    "The US State Department told citizens in {state} to shelter in place.",
]
ES_INCIDENTS = [
    "Hombres armados bloquearon la carretera a {city2} y quemaron {n} vehículos el {weekday}.",
    "Se registraron bloqueos en al menos {n} municipios de {state}, entre ellos {town} y {town2}.",
    "Se suspendieron los vuelos en el aeropuerto de {city} por la jornada de violencia.",
    "La Secretaría de Educación de {state} suspendió las clases en {city} este {weekday}.",
    "Las autoridades pidieron a la población de {city} resguardarse en sus hogares.",
    "{N} presuntos delincuentes fueron abatidos y {n2} soldados resultaron heridos en un "
    "enfrentamiento en {town}, {state}.",
    "Un grupo armado incendió {n} unidades del transporte público en {city}.",
    "Se suspendió el servicio de transporte público en {city} por los hechos violentos.",
    "Elementos del Ejército realizaron un operativo en el municipio de {town}, donde "
    "detuvieron a {n} personas.",
    "En {typo}, {state}, se reportó una balacera durante la madrugada.",
    "Vecinos de {typo}, {state}, denunciaron la quema de vehículos en la entrada del pueblo.",
    "Una balacera en {city} dejó {n} personas sin vida, informó la Fiscalía.",
    "Sujetos armados incendiaron una tienda y bloquearon el acceso a {town}, {state}.",
]
EN_CONTEXT = [
    "Governor {person} said the situation was under control.",
    "The {state} New Generation Cartel was blamed for the attacks.",
    "Analysts said the {cartel} had been fighting for control of the region.",
    "Farmacias Guadalajara closed its stores in {city} as a precaution.",
    "Security analyst {first} {surname_place} told reporters the violence could spread.",
    "The {state} prosecutor's office opened an investigation.",
    "President Claudia Sheinbaum said there was full coordination with the governors.",
    "Tourism in {city} has grown in recent years, and hotels reported cancellations.",
    "The injured were flown to {city2} for treatment.",
    "Airports in other cities such as {city2} operated normally.",
    "Local media shared videos of smoke columns over the outskirts of {city}.",
    "Officials did not say how many people had been detained.",
    "The violence followed the arrest of a regional leader earlier in the week.",
    "Business groups said the losses would take months to recover.",
    "Several embassies issued travel advisories for the region.",
]
ES_CONTEXT = [
    "El gobernador {person} aseguró que la situación estaba bajo control.",
    "Las autoridades atribuyeron los ataques al Cártel de {state}.",
    "Según analistas, el {cartel} disputa el control de la región.",
    "La Fiscalía General del Estado de {state} abrió una carpeta de investigación.",
    "El alcalde {person} pidió calma a la población.",
    "Los heridos fueron trasladados a {city2} para recibir atención médica.",
    "En otras ciudades como {city2} las actividades se desarrollaron con normalidad.",
    "Medios locales difundieron videos de columnas de humo en {city}.",
    "La presidenta Claudia Sheinbaum dijo que hay coordinación con los gobiernos estatales.",
    "Comerciantes de la zona reportaron pérdidas millonarias.",
    "No se informó cuántas personas fueron detenidas.",
    "La violencia se desató tras la captura de un líder regional.",
    "El sector turístico de {city} reportó cancelaciones.",
]
EN_CLOSING = [
    "This article was reviewed and published by {outlet} editors.",
    "The ministry did not respond to {outlet}'s request for comment.",
]
ES_CLOSING = ["© {year} {outlet}", "La dependencia no respondió a la solicitud de {outlet}."]
CARTELS = [
    "Sinaloa Cartel",
    "Gulf Cartel",
    "Cártel del Noreste",
    "La Familia Michoacana",
    "Cártel Santa Rosa de Lima",
    "Beltrán Leyva Organisation",
]
AIRLINES = ["Aeroméxico", "Volaris", "Viva Aerobus", "American Airlines", "United"]


@dataclass(frozen=True)
class _Places:
    states: list
    cities_by_state: dict
    towns_by_state: dict
    airports: list
    big_cities: list


@lru_cache(maxsize=1)
def _places() -> _Places:
    from geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    states = sorted(gaz.states.values(), key=lambda p: p.admin1)
    cities, towns = {}, {}
    for p in gaz.places:
        if p.country != "MX" or p.admin1 is None:
            continue
        if p.kind == "city":
            cities.setdefault(p.admin1, []).append(p.name)
        elif p.kind == "town" and p.population >= 2000 and len(p.name) >= 5:
            towns.setdefault(p.admin1, []).append(p.name)
    for table in (cities, towns):
        for names in table.values():
            names.sort()
    airports = sorted(
        (gaz.places[i].name, gaz.places[i].admin1)
        for i in gaz.airports
        if len(gaz.places[i].code or "") == 3
    )
    big = sorted(
        p.name
        for p in gaz.places
        if p.country == "MX" and p.kind == "city" and p.population >= 500_000
    )
    return _Places(states, cities, towns, airports, big)


def misspell(word: str, rng: random.Random) -> str:
    """One edit (deletion, insertion, substitution or swap) inside ``word``, case kept.

    Examples
    --------
    >>> misspell("Tapalpa", random.Random(3)) != "Tapalpa"
    True
    """
    letters = "aeiourlnst"
    for _ in range(10):
        i = rng.randrange(1, len(word) - 1)
        op = rng.randrange(4)
        if op == 0:
            out = word[:i] + word[i + 1 :]
        elif op == 1:
            out = word[:i] + rng.choice(letters) + word[i:]
        elif op == 2:
            out = word[:i] + rng.choice(letters) + word[i + 1 :]
        else:
            out = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if out != word and " " not in out[i - 1 : i + 2]:
            return out
    return word[:-1]


def article(seed: int, index: int) -> tuple[str, str]:
    """The file name and content of article ``index`` of corpus ``seed``."""
    rng = random.Random(f"{seed}:{index}")
    places = _places()
    spanish = rng.random() < 0.4
    state = rng.choice(places.states)
    other = rng.choice(places.states)

    def city(admin1):
        names = places.cities_by_state.get(admin1) or places.towns_by_state[admin1]
        return rng.choice(names)

    def town(admin1):
        return rng.choice(places.towns_by_state.get(admin1) or [city(admin1)])

    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    airport = rng.choice(places.airports)[0]
    numbers = ES_NUMBERS if spanish else EN_NUMBERS

    def fill(template: str) -> str:
        home = state if rng.random() < 0.8 else other
        values = {
            "state": home.name,
            "city": city(home.admin1),
            "city2": rng.choice(places.big_cities),
            "town": town(home.admin1),
            "town2": town(home.admin1),
            "typo": misspell(town(home.admin1), rng),
            "n": rng.choice(numbers),
            "n2": rng.choice(numbers),
            "N": rng.choice(numbers).capitalize(),
            "weekday": rng.choice(ES_WEEKDAYS if spanish else EN_WEEKDAYS),
            "airline": rng.choice(AIRLINES),
            "airport": airport,
            "person": f"{rng.choice(FIRST_NAMES)} {town(home.admin1).split()[-1]}",
            "first": rng.choice(FIRST_NAMES),
            "surname_place": rng.choice(SURNAMES + [city(home.admin1).split()[-1]]),
            "cartel": rng.choice(CARTELS),
            "outlet": rng.choice(OUTLETS),
            "year": day.year,
        }
        return template.format(**values)

    headline = fill(rng.choice(ES_HEADLINES if spanish else EN_HEADLINES))
    incidents = ES_INCIDENTS if spanish else EN_INCIDENTS
    context = ES_CONTEXT if spanish else EN_CONTEXT
    target = int(rng.gauss(TARGET_BYTES, 250))
    paragraphs, size = [], len(headline) + 20
    while size < target:
        n = rng.randint(2, 4)
        sentences = [
            fill(rng.choice(incidents if rng.random() < 0.45 else context)) for _ in range(n)
        ]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    paragraphs.append(fill(rng.choice(ES_CLOSING if spanish else EN_CLOSING)))
    body = "\n\n".join(paragraphs)
    content = f" date {day.isoformat()}\n{headline}\n\n{body}\n"
    return f"a{index:07d}.txt", content


def articles(n: int, seed: int = 2026, start: int = 0):
    """Yield ``(file name, content)`` for articles ``start`` .. ``n - 1``, one at a time."""
    for i in range(start, n):
        yield article(seed, i)


def write_corpus(out_dir, n: int, seed: int = 2026) -> Path:
    """Write articles ``0 .. n - 1`` under ``out_dir``, :data:`PER_FOLDER` per sub-folder.

    A corpus already there with the same seed and generator version is
    extended, never rewritten: its first articles do not change. Returns the
    folder; :func:`corpus_inputs` lists the sub-folders holding the first
    ``n`` articles.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / "corpus.json"
    have = 0
    if manifest.exists():
        meta = json.loads(manifest.read_text())
        if meta.get("seed") == seed and meta.get("version") == VERSION:
            have = meta.get("n", 0)
    if have >= n:
        return out
    for i, (name, content) in enumerate(articles(n, seed, start=have), start=have):
        folder = out / f"{i // PER_FOLDER:04d}"
        if i % PER_FOLDER == 0 or i == have:
            folder.mkdir(exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    manifest.write_text(json.dumps({"seed": seed, "version": VERSION, "n": n}))
    return out


def corpus_inputs(out_dir, n: int) -> list[Path]:
    """The sub-folders of a written corpus that hold its first ``n`` articles.

    ``n`` must be a multiple of :data:`PER_FOLDER`.
    """
    if n % PER_FOLDER:
        raise ValueError(f"n must be a multiple of {PER_FOLDER}, got {n}")
    return [Path(out_dir) / f"{k:04d}" for k in range(n // PER_FOLDER)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("-n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--print",
        dest="show",
        type=int,
        default=None,
        help="print article N to stdout instead of writing a corpus",
    )
    args = parser.parse_args(argv)
    if args.show is not None:
        sys.stdout.write(article(args.seed, args.show)[1])
        return 0
    out = write_corpus(args.out_dir, args.n, args.seed)
    print(f"{args.n} articles in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
