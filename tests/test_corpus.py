"""Hand-annotated articles (tests/articles/): places, incidents, precision and recall.

Run as a script for the report: ``python tests/test_corpus.py``.
The articles are short news items written for the tests about other incidents
in other states, in English and Spanish, with the traps of real news: people
named like towns, organisations named after places, destinations,
comparisons, missing accents, misspellings, state- and country-wide scopes.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).parent / "articles"


def _key(text: str) -> str:
    from geo.normalize import name_key

    return name_key(text)


def _load() -> dict:
    """All annotations: every ``expected*.json`` under tests/articles/."""
    out = {}
    for path in sorted(ROOT.glob("expected*.json")):
        out.update(json.loads(path.read_text(encoding="utf-8")))
    return out


def _predict(paths):
    from geo.articles import read_article
    from geo.pipeline import extract, process_article

    mentions = {}
    for rel in paths:
        art = read_article(ROOT / rel)
        _, ms = process_article(art)
        mentions[rel] = ms
    result = extract([ROOT / rel for rel in paths])
    by_article = defaultdict(list)
    for inc in result.incidents:
        for src in inc.sources:
            by_article[src].append(inc)
    return mentions, by_article


def _place_match(m, exp) -> bool:
    if m.place is None:
        return False
    same_text = (
        _key(m.text) == _key(exp["text"])
        or _key(exp["text"]) in _key(m.text)
        or _key(m.text) in _key(exp["text"])
    )
    if not same_text:
        return False
    if exp.get("kind") == "country":
        return m.place.kind == "country" and m.place.country == exp.get("country", "MX")
    if exp.get("country", "MX") != "MX":
        return m.place.country == exp["country"]  # a foreign state or city
    return m.place.iso_3166_2 == exp.get("iso_3166_2")


#: The corpus was annotated when raids and armed clashes were one type: its
#: "raid" is either.
_SAME_TYPE = {"armed_clash": "raid"}


def _incident_match(inc, exp) -> bool:
    own = _SAME_TYPE.get(inc.event_type, inc.event_type)
    if own != exp["event_type"] or inc.precision != exp["precision"]:
        return False
    if exp["precision"] == "country":
        return inc.country == exp.get("country", "MX")
    if inc.iso_3166_2 != exp.get("iso_3166_2"):
        return False
    if exp["precision"] == "state":
        return True
    if exp.get("airport_iata"):
        return f"({exp['airport_iata']})" in inc.location
    loc, want = _key(inc.location), _key(exp["location"])
    return loc == want or want in loc or loc in want or _another_name(inc, want)


def _at(inc, place: str) -> bool:
    """Whether an incident is at ``place`` or its airport ("Laredo" is not "Nuevo Laredo")."""
    loc, key = _key(inc.location), _key(place)
    return loc == key or loc.startswith(key + " airport") or _another_name(inc, key)


def _another_name(inc, want: str) -> bool:
    """The incident's place goes by the expected name too ("Calera" for Víctor Rosales)."""
    from geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    return any(gaz.places[e.place].id == inc.place_id for e in gaz.lookup(want))


def score(lang: str | None = None) -> dict:
    """Precision and recall of places and incidents over the annotated articles."""
    expected = _load()
    paths = [p for p, e in expected.items() if lang is None or e.get("lang") == lang]
    mentions, incidents = _predict(paths)
    tally = defaultdict(int)
    misses = []
    for rel in paths:
        exp = expected[rel]
        name = Path(rel).name
        found = [
            m for m in mentions[rel] if m.place is not None and m.role not in ("person", "org")
        ]
        # Places: unique surfaces.
        want = exp.get("places", [])
        got_keys = {}
        for m in found:
            got_keys.setdefault(_key(m.text), m)
        matched_exp = [w for w in want if any(_place_match(m, w) for m in found)]
        matched_got = [m for m in got_keys.values() if any(_place_match(m, w) for w in want)]
        tally["place_tp_r"] += len(matched_exp)
        tally["place_exp"] += len(want)
        tally["place_tp_p"] += len(matched_got)
        tally["place_got"] += len(got_keys)
        for w in want:
            if w not in matched_exp:
                misses.append(f"{rel}: missed place {w['text']!r}")
        for m in got_keys.values():
            if m not in matched_got:
                misses.append(
                    f"{rel}: extra place {m.text!r} -> {m.place.name} "
                    f"({m.place.iso_3166_2}, {m.role})"
                )
        for trap in exp.get("not_places", []):
            bad = [m for m in found if m.role == "place" and _key(m.text) == _key(trap)]
            tally["trap_hits"] += len(bad) > 0
            tally["traps"] += 1
            if bad:
                misses.append(f"{rel}: trap {trap!r} taken as a place")
        # Incidents.
        wanted = exp.get("incidents", [])
        got = incidents.get(name, [])
        tally["inc_tp_r"] += sum(any(_incident_match(i, w) for i in got) for w in wanted)
        tally["inc_exp"] += len(wanted)
        tally["inc_tp_p"] += sum(any(_incident_match(i, w) for w in wanted) for i in got)
        tally["inc_got"] += len(got)
        for w in wanted:
            if not any(_incident_match(i, w) for i in got):
                misses.append(
                    f"{rel}: missed incident {w['event_type']} at {w['location']} "
                    f"({w['precision']}, {w.get('iso_3166_2')})"
                )
        for i in got:
            if not any(_incident_match(i, w) for w in wanted):
                misses.append(
                    f"{rel}: extra incident {i.event_type} at {i.location} "
                    f"({i.precision}, {i.iso_3166_2}) <- {i.evidence[0].text[:70]!r}"
                )
        for place in exp.get("no_incident_places", []):
            if any(_at(i, place) for i in got):
                tally["no_incident_violations"] += 1
                misses.append(
                    f"{rel}: incident at {place!r}, which only appears as a "
                    "destination or comparison"
                )

    def ratio(a, b):
        return a / b if b else 1.0

    return {
        "articles": len(paths),
        "place_precision": ratio(tally["place_tp_p"], tally["place_got"]),
        "place_recall": ratio(tally["place_tp_r"], tally["place_exp"]),
        "incident_precision": ratio(tally["inc_tp_p"], tally["inc_got"]),
        "incident_recall": ratio(tally["inc_tp_r"], tally["inc_exp"]),
        "traps_taken": tally["trap_hits"],
        "traps": tally["traps"],
        "no_incident_violations": tally["no_incident_violations"],
        "misses": misses,
    }


@pytest.mark.parametrize("lang", ["en", "es"])
def test_corpus_quality(lang):
    s = score(lang)
    assert s["articles"] >= 12
    assert s["place_recall"] >= 0.85, s["misses"]
    assert s["place_precision"] >= 0.85, s["misses"]
    assert s["incident_recall"] >= 0.7, s["misses"]
    assert s["incident_precision"] >= 0.6, s["misses"]
    assert s["traps_taken"] <= max(1, s["traps"] // 10), s["misses"]
    assert s["no_incident_violations"] == 0, s["misses"]


def test_every_annotated_file_exists_and_quotes_its_evidence():
    for rel, exp in _load().items():
        text = (ROOT / rel).read_text(encoding="utf-8")
        for w in exp.get("incidents", []):
            if w.get("evidence_contains"):
                assert w["evidence_contains"] in text, (rel, w["evidence_contains"])


if __name__ == "__main__":
    for lang in ("en", "es", None):
        s = score(lang)
        print(
            f"[{lang or 'all'}] articles={s['articles']} "
            f"places P={s['place_precision']:.2f} R={s['place_recall']:.2f}  "
            f"incidents P={s['incident_precision']:.2f} R={s['incident_recall']:.2f}  "
            f"traps taken {s['traps_taken']}/{s['traps']}  "
            f"incident at destination/comparison {s['no_incident_violations']}"
        )
        if lang is None and "-v" in sys.argv:
            print("\n".join(s["misses"]))


def test_mixed_language_folder_merges_each_event_once():
    from geo.pipeline import extract

    res = extract([ROOT / "mixed"])
    assert {a.lang for a in res.articles} == {"en", "es"}
    assert len(res.incidents) >= 4
    for inc in res.incidents:
        assert inc.lang == ["en", "es"], inc.event_type
        assert len(inc.sources) == 2 and len(inc.evidence) >= 2
