"""Accuracy on real published news (tests/real/), scored by the shared annotation rules.

The figures are measured by ``tests/realnews.py`` (run it for the report and
every miss); the thresholds sit just below what the pipeline scores today, so a
regression fails. They are far from the project's targets (incidents F1 0.85):
see the README's "How well it does" for what still fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import realnews

#: Lowest incidents F1, places F1 and Acc@161 per batch and language.
THRESHOLDS = {
    ("b1", "en"): (0.76, 0.86, 0.95),
    ("b1", "es"): (0.79, 0.80, 0.92),
    ("b2", "en"): (0.78, 0.85, 0.93),
    ("b2", "es"): (0.84, 0.88, 0.96),
    ("b3", "en"): (0.84, 0.85, 0.95),
    ("b3", "es"): (0.77, 0.86, 0.97),
    # Scored untouched at the end of the first tuning session; its misses
    # were read and tuned on in the second (2026-12-02).
    ("final", "en"): (0.76, 0.91, 0.91),
    ("final", "es"): (0.74, 0.86, 0.96),
    # Collected for the second session, scored once untouched (0.60 / 0.50),
    # then tuned on.
    ("b4", "en"): (0.82, 0.84, 0.91),
    ("b4", "es"): (0.77, 0.85, 0.95),
    # Collected during the second session, scored once untouched (0.51 /
    # 0.60), then tuned on.
    ("b5", "en"): (0.82, 0.86, 0.93),
    ("b5", "es"): (0.79, 0.85, 0.98),
    # Collected at the end of the second session as `holdout`, scored once
    # untouched (0.62 / 0.55), then tuned on in the third.
    ("b6", "en"): (0.68, 0.86, 0.93),
    ("b6", "es"): (0.75, 0.82, 0.93),
    # Collected during the third session as `untouched`, scored once at its
    # end (0.55 / 0.59), then tuned on in the fourth.
    ("b7", "en"): (0.65, 0.88, 0.91),
    ("b7", "es"): (0.75, 0.86, 0.93),
    # Collected during the fourth session as `untouched`, scored once at its
    # end (0.51 / 0.61; 0.52 / 0.56 with that session's starting code), then
    # tuned on in the fifth.
    ("b8", "en"): (0.72, 0.84, 0.93),
    ("b8", "es"): (0.79, 0.87, 0.96),
    # Collected during the fifth session as `untouched`, scored once at its
    # end (0.69 / 0.45; 0.68 / 0.42 with that session's starting code), then
    # tuned on in the sixth.
    ("b9", "en"): (0.85, 0.84, 0.89),
    ("b9", "es"): (0.69, 0.84, 0.97),
    # Collected during the sixth session as `untouched`, scored once at its
    # end (0.63 / 0.59; 0.64 / 0.60 with that session's starting code), then
    # tuned on in the seventh.
    ("b10", "en"): (0.81, 0.86, 0.89),
    ("b10", "es"): (0.83, 0.82, 0.92),
    # Collected during the seventh session as `untouched`, scored once at its
    # end (0.62 / 0.61; 0.62 / 0.60 with that session's starting code), then
    # tuned on in the eighth.
    ("b11", "en"): (0.84, 0.88, 0.94),
    ("b11", "es"): (0.73, 0.81, 0.92),
    # Collected during the eighth session as `untouched`, scored once at its
    # end (0.54 / 0.46; 0.54 / 0.44 with that session's starting code), then
    # tuned on in the ninth.
    ("b12", "en"): (0.82, 0.79, 0.92),
    ("b12", "es"): (0.71, 0.83, 0.97),
    # Collected during the ninth session (2026-12-02) in two halves of 56:
    # n55-n61 scored once at its end (0.70 / 0.68), n62-n68 scored once
    # after the last rule (0.57 / 0.62); the session's starting code scores
    # both the same (its rules changed one record of the 112). Tuned on in
    # the tenth (from 0.64 / 0.65).
    ("b13", "en"): (0.73, 0.89, 0.93),
    ("b13", "es"): (0.76, 0.90, 0.96),
    # Collected during the tenth session (2026-12-02) as `untouched`, n69-n75,
    # scored once after its last rule (0.60 / 0.67; the session's starting
    # code gives the same), then tuned on in the eleventh.
    ("b14", "en"): (0.79, 0.88, 0.89),
    ("b14", "es"): (0.76, 0.82, 0.94),
    # Collected during the eleventh session (2026-12-02) as `untouched`, n76-n82, scored once
    # after its last rule (0.64 / 0.67; the session's starting code gives
    # 0.64 / 0.68), then tuned on in the twelfth.
    ("b15", "en"): (0.74, 0.88, 0.92),
    ("b15", "es"): (0.76, 0.85, 0.96),
    # Collected during the twelfth session (2026-12-02) as `untouched`,
    # n83-n89, scored after the session's first rules (0.65 / 0.63, as with
    # its starting code) and again at its end (0.66 / 0.64), then tuned on in
    # the thirteenth.
    ("b16", "en"): (0.77, 0.85, 0.94),
    ("b16", "es"): (0.74, 0.85, 0.98),
    # Collected during the thirteenth session (2026-12-02) as `untouched`,
    # n90-n96, scored once after its last rule (0.62 / 0.63; the session's
    # starting code gives the same), then tuned on in the fourteenth.
    ("b17", "en"): (0.64, 0.85, 0.95),
    ("b17", "es"): (0.69, 0.84, 0.97),
    # Collected during the fourteenth session (2026-12-02), n97-n103, scored
    # once after its last rule (0.61 / 0.65; the session's starting code gives
    # 0.61 / 0.66). Misses never read.
    ("untouched", "en"): (0.60, 0.84, 0.91),
    ("untouched", "es"): (0.63, 0.83, 0.95),
}
#: Articles that report no incident in Mexico but still give some, per batch.
MAX_INVENTED = {
    "b1": 0,
    "b2": 0,
    "b3": 0,
    "final": 0,
    "b4": 0,
    "b5": 0,
    "b6": 0,
    "b7": 1,
    "b8": 0,
    "b9": 0,
    "b10": 0,
    "b11": 0,
    "b12": 0,
    "b13": 0,
    "b14": 0,
    # The Mexico City Metro Line 12 reopening: a closure after an accident.
    "b15": 1,
    "b16": 0,
    "b17": 0,
    # The Guardian on Javier Duarte's sentence: "During his administration, 19
    # journalists were killed in the state" read as a toll in Veracruz.
    "untouched": 1,
}


@pytest.fixture(scope="module", params=sorted(MAX_INVENTED))
def report(request):
    return request.param, realnews.score(realnews.load(request.param))


def test_incidents_and_places_stay_above_the_measured_figures(report):
    batch, rep = report
    for lang in ("en", "es"):
        inc, pl, acc = THRESHOLDS[(batch, lang)]
        assert rep.incidents[lang].f1 >= inc, (batch, lang, str(rep.incidents[lang]))
        assert rep.places[lang].f1 >= pl, (batch, lang, str(rep.places[lang]))
        assert rep.acc(lang) >= acc, (batch, lang, rep.acc(lang))


def test_stories_about_other_countries_give_no_mexican_incidents(report):
    batch, rep = report
    assert len(rep.invented) <= MAX_INVENTED[batch], rep.invented


def test_the_corpus_is_real_news_with_its_provenance():
    items = [g for b in realnews.batches() for _, g in realnews.load(b)]
    assert len(items) >= 200
    for lang in ("en", "es"):
        assert sum(g["language"] == lang for g in items) >= 90
    assert len({g["outlet"] for g in items}) >= 60
    assert sum(not g["incidents"] for g in items) >= 30
    assert all(g["source"].startswith(("http://", "https://")) for g in items)
    for path, g in realnews.load("b1"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(" date "), path
        for inc in g["incidents"]:
            assert inc["evidence"] in text, (path.name, inc["evidence"])


SHARED_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_incidents.py"


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="shared/eval is not beside the checkout")
@pytest.mark.skipif(shutil.which("geo") is None, reason="the geo command is not on the PATH")
def test_agrees_with_the_shared_scorer(tmp_path):
    items = realnews.load("b1")[:8]
    arts, gold = tmp_path / "articles", tmp_path / "gold"
    arts.mkdir()
    gold.mkdir()
    for path, _ in items:
        shutil.copy(path, arts / path.name)
        shutil.copy(path.with_suffix(".json"), gold / path.with_suffix(".json").name)
    proc = subprocess.run(
        [sys.executable, str(SHARED_SCORER), str(arts), str(gold)],
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ),
    )
    last = proc.stdout.strip().splitlines()[-1]
    rep = realnews.score(items)
    for lang, counts in rep.incidents.items():
        assert (
            f"{lang}: R {counts.recall:.2f} P {counts.precision:.2f} F1 {counts.f1:.2f}" in last
        ), (last, lang, str(counts))
