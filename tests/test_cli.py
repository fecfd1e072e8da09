"""The command line as a user runs it: outputs, exit codes, one-line errors."""

import csv
import io
import json
import subprocess
import sys

from click.testing import CliRunner

from geo.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_help_on_every_command():
    for args in ([], ["geocode"], ["extract"], ["map"], ["data"], ["data", "build"]):
        res = run(*args, "--help")
        assert res.exit_code == 0, args
        assert "Usage" in res.output


def test_geocode_talpalpa_lists_tapalpa_first_with_fuzzy_score():
    res = run("geocode", "Talpalpa")
    assert res.exit_code == 0
    first = res.output.splitlines()[2]
    assert first.startswith("Tapalpa") and "MX-JAL" in first and "fuzzy" in first


def test_geocode_guadalajara_airport_json():
    res = run("geocode", "Guadalajara airport", "--json", "--limit", "1")
    (row,) = json.loads(res.output)
    assert row["code"] == "GDL"
    assert abs(row["lat"] - 20.52) < 0.01 and abs(row["lon"] + 103.31) < 0.01


def test_geocode_errors_are_one_line():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "geocode", "  "], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "geo: error: empty query: give a place name such as 'Tapalpa, Jalisco'"
    ]


def test_extract_csv_has_acled_columns():
    res = run("extract", "seeds", "--format", "csv")
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.output)))
    for col in (
        "event_id_cnty",
        "event_date",
        "event_type",
        "sub_event_type",
        "admin1",
        "iso_3166_2",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
    ):
        assert col in rows[0]
    assert any(r["incident_type"] == "raid" and r["location"] == "Tapalpa" for r in rows)


def test_extract_json_and_table():
    res = run("extract", "seeds", "--format", "json")
    data = json.loads(res.output)
    assert {d["event_type"] for d in data} >= {"raid", "blockade", "arson", "flight_suspension"}
    table = run("extract", "seeds").output
    assert "Guadalajara airport (GDL)" in table and "Tapalpa" in table


def test_extract_output_file(tmp_path):
    out = tmp_path / "x.csv"
    res = run("extract", "seeds", "--format", "csv", "-o", str(out))
    assert res.exit_code == 0 and out.read_text().startswith("event_id_cnty,")


def _cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def test_bad_inputs_one_line_no_traceback(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    latin = " date 2026-01-01 Bloqueos en Querétaro.".encode("latin-1")
    (tmp_path / "latin.txt").write_bytes(latin)
    for args in (
        ["extract", str(tmp_path / "missing.txt")],
        ["extract", str(tmp_path)],
        ["geocode", ""],
        ["extract", "--format", "xml", "seeds"],
    ):
        proc = _cli(*args)
        assert proc.returncode != 0, args
        assert "Traceback" not in proc.stderr, args
        assert proc.stderr.strip(), args


def test_bad_file_is_skipped_and_named_while_others_load(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    proc = _cli("extract", str(tmp_path / "bin.txt"), "seeds")
    assert proc.returncode == 3  # finished, but an input was skipped
    assert "bin.txt" in proc.stderr and "binary" in proc.stderr
    assert "Tapalpa" in proc.stdout


def test_stdin_article():
    text = " date 2026-03-02 Gunmen torched buses and blocked highways in Celaya, Guanajuato."
    proc = _cli("extract", "-", "--format", "json", stdin=text)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {(d["event_type"], d["location"]) for d in data} >= {
        ("arson", "Celaya"),
        ("blockade", "Celaya"),
    }


def test_unwritable_output_folder_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = _cli("map", "seeds", "-o", str(blocker / "sub"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "cannot create output folder" in proc.stderr


def test_map_command_writes_files_and_summary(tmp_path):
    proc = _cli("map", "seeds", "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "2 articles, " in proc.stdout and "left out" in proc.stdout
    assert (tmp_path / "incidents.html").exists()
    names = sorted(p.name for p in (tmp_path / "layers").iterdir())
    assert "states.geojson" in names and "raid.geojson" in names
    assert not [n for n in names if n.endswith(".tmp")]


def test_map_writes_nothing_when_a_target_is_in_the_way(tmp_path):
    out = tmp_path / "out"
    (out / "incidents.html").mkdir(parents=True)
    proc = _cli("map", "seeds", "-o", str(out))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "incidents.html" in proc.stderr and "folder is in the way" in proc.stderr
    assert not list((out / "layers").glob("*.geojson"))
