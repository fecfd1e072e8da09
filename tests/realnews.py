"""Score the pipeline on the real-news corpus (tests/real/) by the rules of shared/ANNOTATION.md.

Each batch folder ``tests/real/<batch>/`` holds articles (``NAME.txt``, as the
page gave them, first line `` date YYYY-MM-DD``) and their gold (``NAME.json``,
written by annotators who had not read the rules; format in ANNOTATION.md).

Incidents are scored as ``shared/eval/score_incidents.py`` scores them: each
article alone, its CSV rows' ``incident_type`` mapped to a family, a row
matching a gold incident when the family agrees and the row lies within 30 km
(gold with coordinates), in the gold's state (state-wide gold) or anywhere
(country-wide gold); one to one by a maximum matching, so a duplicate row is a
false positive. Places are scored by surface string: a resolved mention
matches a gold place when their folded texts are equal; Acc@161 is the share
of matched places resolved within 161 km of the gold point (the same state
for a state, the same country for a country).

``python tests/realnews.py [BATCH ...] [-v]`` prints the figures per language
and, with ``-v``, every miss. ``tests/test_real_corpus.py`` holds the thresholds.
"""

from __future__ import annotations

import json
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "real"

#: The tool's own types (the CSV's ``incident_type``) and the gold's, by family,
#: as the reference scorer maps them; any other type is the ``other`` family.
OWN_FAMILY = {
    "raid": "raid",
    "armed_clash": "raid",
    "blockade": "blockade",
    "arson": "blockade",
    "flight_suspension": "flight",
    "transport_suspension": "closure",
    "school_closure": "closure",
    "shelter_advisory": "advisory",
    "casualties": "killing",
    "killing": "killing",
}
MATCH_KM = 30
ACC_KM = 161


def fold(s: str | None) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", s or "") if not unicodedata.combining(c)
    ).lower()


def km(lat1, lon1, lat2, lon2) -> float:
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def family(type_name: str) -> str:
    return OWN_FAMILY.get((type_name or "").strip().lower(), "other")


def batches() -> list[str]:
    """The batch folders, in order."""
    return sorted(p.name for p in ROOT.iterdir() if p.is_dir() and any(p.glob("*.json")))


def load(batch: str) -> list[tuple[Path, dict]]:
    """(article path, gold) for every gold file of a batch."""
    folder = ROOT / batch
    return [
        (p.with_suffix(".txt"), json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(folder.glob("*.json"))
    ]


def row_matches(row: dict, g: dict) -> bool:
    """The reference scorer's rule for one CSV row against one gold incident."""
    if family(row.get("incident_type")) != OWN_FAMILY.get(g["type"], "other"):
        return False
    try:
        lat, lon = float(row.get("latitude") or "nan"), float(row.get("longitude") or "nan")
    except ValueError:
        lat = lon = float("nan")
    if g.get("lat") is not None:
        return not math.isnan(lat) and km(lat, lon, g["lat"], g["lon"]) <= MATCH_KM
    if not g.get("state"):
        return True  # country-wide: the family is what counts
    row_state = fold(" ".join(str(row.get(k, "")) for k in ("admin1", "state", "iso_3166_2")))
    return fold(g["state"]).split()[0] in row_state


def max_matching(edges: list[list[int]]) -> dict[int, int]:
    """Row index -> gold index, a maximum one-to-one matching (augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(gi, seen):
        for ri in edges[gi]:
            if ri not in seen:
                seen.add(ri)
                if ri not in owner or augment(owner[ri], seen):
                    owner[ri] = gi
                    return True
        return False

    for gi in range(len(edges)):
        augment(gi, set())
    return owner


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    extra: dict = field(default_factory=dict)

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (
            f"P {self.precision:.2f} R {self.recall:.2f} F1 {self.f1:.2f} "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Report:
    incidents: dict[str, Counts] = field(default_factory=dict)
    places: dict[str, Counts] = field(default_factory=dict)
    acc161: dict[str, list[int]] = field(default_factory=dict)
    #: Incidents from articles whose gold has none.
    invented: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def acc(self, lang: str) -> float:
        good, n = self.acc161.get(lang, [0, 0])
        return good / n if n else 0.0


def _predict(path: Path):
    from geo.articles import read_article
    from geo.errors import ArticleError
    from geo.export import csv_rows
    from geo.pipeline import extract, process_article

    try:
        article = read_article(path)
        _, mentions = process_article(article)
    except ArticleError:
        return [], []
    rows = csv_rows(extract([str(path)]).incidents)
    return rows, mentions


def score(items: list[tuple[Path, dict]]) -> Report:
    """Score every (article, gold) pair; figures per language."""
    rep = Report()
    for path, gold in items:
        lang = gold.get("language", "en")
        rows, mentions = _predict(path)
        inc = rep.incidents.setdefault(lang, Counts())
        edges = [[i for i, r in enumerate(rows) if row_matches(r, g)] for g in gold["incidents"]]
        owner = max_matching(edges)
        matched = set(owner.values())
        inc.add(len(matched), len(rows) - len(owner), len(gold["incidents"]) - len(matched))
        for gi, g in enumerate(gold["incidents"]):
            if gi not in matched:
                rep.misses.append(
                    f"{path.name}: missed {g['type']} at {g.get('place')} ({g.get('state')})"
                )
        for ri, r in enumerate(rows):
            if ri not in owner:
                rep.misses.append(
                    f"{path.name}: unexpected {r['incident_type']} "
                    f"at {r['location']} ({r['admin1']})"
                )
        if not gold["incidents"] and rows:
            rep.invented.append(f"{path.name}: {len(rows)} incident(s)")
        # Places: distinct folded surface strings.
        gold_places = {}
        for p in gold.get("places", []):
            gold_places.setdefault(fold(p["mention"]), p)
        found = {}
        for m in mentions:
            if m.place is not None:
                found.setdefault(fold(m.text), m.place)
        pl = rep.places.setdefault(lang, Counts())
        hits = set(found) & set(gold_places)
        pl.add(len(hits), len(found) - len(hits), len(gold_places) - len(hits))
        acc = rep.acc161.setdefault(lang, [0, 0])
        for key in sorted(hits):
            g, p = gold_places[key], found[key]
            acc[1] += 1
            if g.get("lat") is not None and g.get("lon") is not None:
                ok = km(p.lat, p.lon, g["lat"], g["lon"]) <= ACC_KM
            elif g.get("kind") == "state":
                ok = (
                    p.kind == "state"
                    and fold(p.name).split()[:1] == fold(g.get("state")).split()[:1]
                )
            else:
                ok = p.country == (g.get("country") or "MX")
            acc[0] += ok
        for key in sorted(set(gold_places) - hits):
            rep.misses.append(f"{path.name}: place missed {gold_places[key]['mention']!r}")
        for key in sorted(set(found) - hits):
            rep.misses.append(f"{path.name}: place not in gold {key!r} -> {found[key].name}")
    return rep


def total(counts: dict[str, Counts]) -> Counts:
    out = Counts()
    for c in counts.values():
        out.add(c.tp, c.fp, c.fn)
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    names = [a for a in argv if not a.startswith("-")] or batches()
    for name in names:
        rep = score(load(name))
        print(f"== {name}")
        for lang in sorted(rep.incidents):
            print(f"  {lang} incidents {rep.incidents[lang]}")
            print(f"  {lang} places    {rep.places[lang]}; Acc@161 {rep.acc(lang):.2f}")
        print(f"  all incidents {total(rep.incidents)}")
        print(f"  invented from no-incident articles: {len(rep.invented)} {rep.invented[:5]}")
        if verbose:
            print("\n".join("    " + m for m in rep.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
