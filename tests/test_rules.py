"""Rule packs: one per language, validated when loaded, chosen by the article's language."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geo.errors import DataError
from geo.incidents import classify_sentence, find_casualties
from geo.language import detect_language
from geo.rules import available_languages, check_rules, load_rules

ROOT = Path(__file__).resolve().parent.parent
PORTUGUESE = (
    " date 2026-03-01\n"
    "No domingo houve bloqueios nas estradas de Jalisco e os voos foram cancelados no "
    "aeroporto de Guadalajara. A polícia informou que dois homens morreram.\n"
)


def geo(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def test_every_pack_passes_the_check():
    lines = check_rules()
    assert [line.split()[0] for line in lines] == list(available_languages()) == ["en", "es"]
    proc = geo("rules", "check")
    assert proc.returncode == 0 and "every pattern compiles" in proc.stdout


def test_each_language_reads_with_its_own_words():
    # Spanish triggers do not fire on English text through the English pack, and back.
    assert classify_sentence("Hubo bloqueos en la carretera.", ("es",)) == ["blockade"]
    assert classify_sentence("Hubo bloqueos en la carretera.", ("en",)) == []
    assert classify_sentence("Gunmen torched two buses.", ("en",)) == ["arson"]
    assert classify_sentence("Gunmen torched two buses.", ("es",)) == []
    assert find_casualties("Abatieron a tres sicarios.", "a", langs=("es",))[0].count == 3


def test_portuguese_is_not_misread_and_gets_one_line(tmp_path):
    assert detect_language(PORTUGUESE) == "pt"
    article = tmp_path / "pt.txt"
    article.write_text(PORTUGUESE, encoding="utf-8")
    proc = geo("extract", str(article), "--format", "json")
    assert proc.returncode == 1 and proc.stdout == ""  # nothing readable: no output at all
    (line,) = proc.stderr.strip().splitlines()
    assert "pt.txt" in line and "no rules for language pt" in line
    assert "Traceback" not in proc.stderr


def test_adding_a_language_is_adding_a_folder(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    pt = data / "lang" / "pt"
    pt.mkdir()
    (pt / "pack.json").write_text(
        json.dumps(
            {
                "language": "pt",
                "name": "Portuguese",
                "stopwords": [
                    "o",
                    "os",
                    "as",
                    "do",
                    "da",
                    "dos",
                    "das",
                    "no",
                    "na",
                    "nas",
                    "em",
                    "um",
                    "uma",
                    "e",
                ],
            }
        )
    )
    (pt / "incidents.json").write_text(
        json.dumps(
            {"types": {"blockade": {"patterns": ["\\bbloqueios?\\b"], "anchors": ["bloquei"]}}}
        )
    )
    (pt / "places.json").write_text(json.dumps({"context_before": ["em", "de", "nas", "no"]}))
    article = tmp_path / "pt.txt"
    article.write_text(PORTUGUESE, encoding="utf-8")
    proc = geo("extract", str(article), "--format", "json", env={"GEO_DATA_DIR": str(data)})
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert [(r["event_type"], r["state"]) for r in records] == [("blockade", "Jalisco")]
    assert records[0]["lang"] == ["pt"]


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda d: d["casualties"].update(dead=["muertos"]),
            r"es/incidents\.json: casualties\.dead: unknown key",
        ),
        (
            lambda d: d["types"]["blockade"]["patterns"].append("\\bbloque(o"),
            r"es/incidents\.json: types\.blockade\.patterns: pattern '\\\\bbloque\(o' does not compile",
        ),
        (
            lambda d: d["types"].update(teleport={"patterns": ["x"], "anchors": ["x"]}),
            r"es/incidents\.json: types\.teleport: not an incident type of the taxonomy",
        ),
        (
            lambda d: d["types"]["blockade"]["patterns"].append("\\bcortaron el paso\\b"),
            r"types\.blockade\.patterns: pattern .* contains none of the type's anchors",
        ),
        (
            lambda d: d.update(anaphora="en el operativo"),
            r"es/incidents\.json: anaphora: expected a list of non-empty strings",
        ),
    ],
)
def test_a_bad_pack_is_a_data_error_naming_file_key_and_value(tmp_path, edit, message):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "lang" / "es" / "incidents.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        check_rules(data)
    proc = geo("rules", "check", env={"GEO_DATA_DIR": str(data)})
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("geo: error: ") and "incidents.json" in line


def test_merged_packs_join_lists_in_order_without_repeats():
    both = load_rules("incidents", ("en", "es"))["trigger_negations"]
    en = load_rules("incidents", ("en",))["trigger_negations"]
    assert both[: len(en)] == en and len(both) == len(set(both))


def test_every_trigger_match_in_the_real_corpus_holds_one_of_its_anchors():
    """The anchor pass must not hide a match: "mina terrestre" needs the anchor "mina"."""
    import json
    import re
    from pathlib import Path

    from geo.gazetteer import data_dir
    from geo.normalize import fold

    real = Path(__file__).parent / "real"
    missing = set()
    for lang in ("en", "es"):
        pack = json.loads((data_dir() / "lang" / lang / "incidents.json").read_text("utf-8"))
        texts = [fold(p.read_text("utf-8")) for p in real.glob(f"*/*_{lang}_*.txt")]
        for name, spec in pack["types"].items():
            anchors = [fold(a) for a in spec["anchors"]]
            for pattern in spec["patterns"]:
                regex = re.compile(pattern)
                for text in texts:
                    for m in regex.finditer(text):
                        if not any(a in m.group(0) for a in anchors):
                            missing.add((lang, name, m.group(0)))
    assert not missing, sorted(missing)
