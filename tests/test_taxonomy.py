"""The taxonomy registry: validation, and a type added in data alone reaching every output."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geo.errors import DataError
from geo.taxonomy import load_taxonomy, parse_taxonomy

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    " date 2025-05-10\n"
    "Gunmen kidnapped two engineers in Fresnillo, Zacatecas, on Friday, local authorities said.\n"
)


def test_every_type_has_a_layer_and_the_layers_cover_every_type():
    tax = load_taxonomy()
    assert [t for layer in tax.layers.values() for t in layer.types] == sorted(
        tax.ids, key=lambda t: list(tax.layers).index(tax.layer_of(t))
    )
    assert tax.counts_type in tax.ids
    assert "flight_suspension" in tax.with_behaviour("at_airport")


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda t: t["types"]["raid"].update(behaviours=["teleports"]),
            r"types\.raid\.behaviours: unknown behaviour 'teleports'",
        ),
        (
            lambda t: t["types"]["raid"].update(layer="nowhere"),
            r"types\.raid\.layer: unknown layer 'nowhere'",
        ),
        (lambda t: t["types"]["raid"].update(colour="red"), r"types\.raid: unknown key 'colour'"),
        (
            lambda t: t["layers"]["raid"].update(shape="blob"),
            r"layers\.raid\.shape: unknown shape 'blob'",
        ),
        (
            lambda t: t["types"]["raid"].update(acled=["Battles"]),
            r"types\.raid\.acled: expected \[ACLED",
        ),
        (
            lambda t: t["types"]["raid"]["behaviours"].append("counts"),
            "types: more than one type has the behaviour 'counts'",
        ),
    ],
)
def test_bad_taxonomy_is_a_data_error_naming_file_key_and_value(change, message):
    raw = json.loads((ROOT / "data" / "taxonomy.json").read_text(encoding="utf-8"))
    change(raw)
    with pytest.raises(DataError, match=r"taxonomy\.json: " + message):
        parse_taxonomy(raw, ROOT / "data" / "taxonomy.json")


def add_kidnapping(data: Path) -> None:
    """A new type, its own layer and its triggers, written in the data folder only."""
    tax_path = data / "taxonomy.json"
    tax = json.loads(tax_path.read_text(encoding="utf-8"))
    tax["layers"]["other_violence"] = {
        "title": "Kidnappings",
        "colour": "#17becf",
        "shape": "circle",
    }
    tax["types"]["kidnapping"] = {
        "label": "Kidnapping",
        "acled": ["Violence against civilians", "Abduction/forced disappearance"],
        "layer": "other_violence",
    }
    tax_path.write_text(json.dumps(tax), encoding="utf-8")
    for pack in sorted((data / "lang").glob("*/incidents.json")):
        triggers = json.loads(pack.read_text(encoding="utf-8"))
        triggers["types"]["kidnapping"] = {
            "patterns": ["\\bkidnapp(ed|ing|ings)?\\b", "\\bsecuestr\\w*"],
            "anchors": ["kidnapp", "secuestr"],
        }
        pack.write_text(json.dumps(triggers), encoding="utf-8")


def test_a_type_added_in_data_alone_reaches_extract_layers_and_map(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    add_kidnapping(data)
    article = tmp_path / "kidnap.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "GEO_DATA_DIR": str(data)}

    def geo(*args):
        proc = subprocess.run(
            [sys.executable, "-m", "geo", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    rows = list(csv.DictReader(io.StringIO(geo("extract", str(article), "--format", "csv"))))
    (row,) = [r for r in rows if r["incident_type"] == "kidnapping"]
    assert (
        row["location"] == "Fresnillo" and row["sub_event_type"] == "Abduction/forced disappearance"
    )
    records = json.loads(geo("extract", str(article), "--format", "json"))
    assert any(r["event_type"] == "kidnapping" for r in records)
    assert "kidnapping" in geo("extract", str(article))
    geo("map", str(article), "-o", "out")
    layer = json.loads((tmp_path / "out" / "layers" / "other_violence.geojson").read_text())
    assert [f["properties"]["event_type"] for f in layer["features"]] == ["kidnapping"]
    page = (tmp_path / "out" / "incidents.html").read_text(encoding="utf-8")
    assert "Kidnappings" in page and "Kidnapping" in page


def test_a_toll_of_people_no_armed_group_is_an_attack_on_civilians():
    from geo.records import Casualty
    from geo.taxonomy import load_taxonomy

    t = load_taxonomy().types["casualties"]
    people = [Casualty("killed", 2, "people", "a")]
    police = [Casualty("killed", 2, "police", "a"), Casualty("killed", 1, "people", "a")]
    assert t.acled_for(people) == ("Violence against civilians", "Attack")
    assert t.acled_for(police) == ("Battles", "Armed clash")
