"""Seeded synthetic inputs for the benchmarks: articles, incidents and points.

Nothing here is a test fixture: the benchmarks only measure cost, so the
inputs need realistic shape and size (news-like ~3 KB articles mixing
gazetteer places, incident phrases, people, organisations and typos), not
annotated truth.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from geo.gazetteer import load_gazetteer
from geo.records import Casualty, Evidence, Incident

EN = [
    "Gunmen torched {n} vehicles and blocked highways in {town}, {state}, on {day}.",
    "Soldiers clashed with cartel gunmen near {town}, leaving {n} attackers dead.",
    "Flights were suspended at {city} airport as smoke rose over the city.",
    "Public transport was suspended in {town} and schools closed across {state}.",
    "Authorities urged residents of {town} to stay indoors until further notice.",
    "{person}, a spokesman for the {state} government, said {n} suspects were arrested.",
    "The {org} claimed responsibility in messages posted on social media.",
    "Residents of the town of {typo}, {state}, reported gunfire overnight.",
    "The wounded were flown to {city}, officials said.",
    "Other airports such as {city} operated normally.",
    "Analysts said the violence reflected a long-running struggle between rival groups.",
    "The governor of {state} called for calm and promised more patrols on {day}.",
]
ES = [
    "Hombres armados incendiaron {n} vehículos y bloquearon carreteras en {town}, {state}, el {day_es}.",
    "Un enfrentamiento entre militares y civiles armados en {town} dejó {n} muertos.",
    "Se suspendieron los vuelos en el aeropuerto de {city} por la violencia.",
    "Se suspendieron las clases en todo el estado de {state} y el transporte público dejó de circular en {town}.",
    "Las autoridades pidieron a la población de {town} resguardarse en sus domicilios.",
    "{person}, vocero del gobierno de {state}, informó que {n} personas fueron detenidas.",
    "El {org} se atribuyó los hechos, según mensajes difundidos en redes sociales.",
    "Pobladores del municipio de {typo}, {state}, reportaron disparos durante la noche.",
    "Los heridos fueron trasladados a {city}.",
    "En cambio, el aeropuerto de {city} opera con normalidad.",
    "Especialistas señalaron que la violencia responde a una disputa entre grupos rivales.",
    "El gobernador de {state} llamó a la calma el {day_es}.",
]
PEOPLE = ["Ricardo Guadalupe Zamora", "Ana Victoria Morelos", "Luis Hidalgo Pérez",
          "María Juárez Soto", "Jorge Allende Ruiz", "Carmen Guerrero Díaz"]
ORGS = ["Cártel de Sinaloa", "Cártel Jalisco Nueva Generación", "Cártel del Golfo",
        "Sinaloa Cartel", "Jalisco New Generation Cartel", "Gulf Cartel"]
DAYS = ["Saturday", "Sunday", "Monday", "Friday"]
DAYS_ES = ["sábado", "domingo", "lunes", "viernes"]


def _typo(rng: random.Random, name: str) -> str:
    if len(name) < 6:
        return name
    i = rng.randrange(1, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


class ArticleFactory:
    """Make seeded news-like articles from the gazetteer."""

    def __init__(self, seed: int = 0):
        gaz = load_gazetteer()
        self.rng = random.Random(seed)
        places = sorted((p for p in gaz.places if p.country == "MX"
                         and p.kind in ("city", "town") and p.population >= 20_000),
                        key=lambda p: p.id)
        self.towns = places
        self.cities = [p for p in places if p.kind == "city"]

    def article(self, i: int, size: int = 3000) -> str:
        """The text of article ``i`` (same seed and i, same text), in the seeds' format."""
        rng = random.Random(self.rng.random() + i)
        lang_es = rng.random() < 0.5
        templates = ES if lang_es else EN
        day = date(2026, 1, 5) + timedelta(days=rng.randrange(300))
        town = rng.choice(self.towns)
        parts = []
        while sum(len(p) + 1 for p in parts) < size:
            t = rng.choice(self.towns) if rng.random() < 0.3 else town
            k = rng.randrange(len(DAYS))
            parts.append(rng.choice(templates).format(
                town=t.name, state=t.state, city=rng.choice(self.cities).name,
                n=rng.randint(2, 12), day=DAYS[k], day_es=DAYS_ES[k],
                person=rng.choice(PEOPLE), org=rng.choice(ORGS), typo=_typo(rng, t.name)))
        return f" date {day.isoformat()} " + " ".join(parts)

    def write(self, n: int, folder: Path, size: int = 3000) -> Path:
        """Write ``n`` articles to ``folder`` (streamed; existing complete sets are kept)."""
        folder.mkdir(parents=True, exist_ok=True)
        done = folder / ".complete"
        if done.exists() and done.read_text() == f"{n} {size}":
            return folder
        for i in range(n):
            sub = folder / f"{i // 1000:04d}"
            sub.mkdir(exist_ok=True)
            (sub / f"a{i:06d}.txt").write_text(self.article(i, size), encoding="utf-8")
        done.write_text(f"{n} {size}")
        return folder


TYPES = ["raid", "blockade", "arson", "flight_suspension", "transport_suspension",
         "school_closure", "shelter_advisory", "casualties"]


def incidents(n: int, seed: int = 0) -> list[Incident]:
    """``n`` synthetic incidents spread over Mexico's towns, all kinds and precisions."""
    gaz = load_gazetteer()
    rng = random.Random(seed)
    towns = sorted((p for p in gaz.places if p.country == "MX" and p.kind in ("city", "town")),
                   key=lambda p: p.id)
    states = sorted(gaz.states.values(), key=lambda p: p.id)
    out = []
    for i in range(n):
        p = rng.choice(states) if rng.random() < 0.1 else rng.choice(towns)
        t = TYPES[i % len(TYPES)]
        day = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
        text = f"Synthetic report {i}: something of type {t} happened in {p.name}."
        out.append(Incident(
            event_id=f"B{i:06d}", event_type=t, event_type_acled="Strategic developments",
            sub_event_type="Other", location=p.name, location_kind=p.kind, lat=p.lat, lon=p.lon,
            precision="state" if p.kind == "state" else "town", admin1=p.admin1,
            state=p.state, iso_3166_2=p.iso_3166_2, country="MX", event_date=day,
            event_date_end=day, article_dates=[day], sources=[f"a{i}.txt"],
            outlets=["Bench"], evidence=[Evidence(f"a{i}.txt", "Bench", 0, len(text), text)],
            casualties=[Casualty("killed", 2, "people", f"a{i}.txt")] if t == "casualties"
            else [], place_id=p.id, lang=["en"]))
    return out


def points(n: int, seed: int = 0):
    """``n`` random WGS84 points over Mexico's bounding box (about 40% on land)."""
    import numpy as np

    from geo.join import points_frame

    rng = np.random.default_rng(seed)
    import pandas as pd

    return points_frame(pd.DataFrame({"lat": rng.uniform(14.5, 32.7, n),
                                      "lon": rng.uniform(-118.4, -86.7, n)}))
