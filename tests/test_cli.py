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


def test_the_output_suffix_chooses_the_format(tmp_path):
    csv_out, json_out = tmp_path / "x.csv", tmp_path / "x.json"
    assert run("extract", "seeds", "-o", str(csv_out)).exit_code == 0
    assert csv_out.read_text().startswith("event_id_cnty,")
    assert run("extract", "seeds", "-o", str(json_out)).exit_code == 0
    assert json.loads(json_out.read_text())


def test_an_empty_folder_is_named_in_the_error(tmp_path):
    empty = tmp_path / "nothing here"
    empty.mkdir()
    res = _cli("extract", str(empty))
    assert res.returncode == 1
    assert (
        res.stderr.strip()
        == f"geo: error: no article could be read: no article files found in {empty}"
    )


def test_a_tables_closing_message_counts_its_rows(tmp_path):
    out = tmp_path / "a.csv"
    res = _cli("extract", "seeds", "--format", "acled", "-o", str(out))
    rows = len(out.read_text().splitlines()) - 1
    assert f"geo: wrote {rows} rows to" in res.stderr


def test_a_format_that_contradicts_the_suffix_is_written_with_a_warning(tmp_path):
    out = tmp_path / "x.gpkg"
    res = _cli("extract", "seeds", "--format", "csv", "-o", str(out))
    assert res.returncode == 0 and out.read_text().startswith("event_id_cnty,")
    assert "geo: warning: writing csv" in res.stderr


def test_a_closed_pipe_ends_quietly(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo", "extract", "seeds", "tests/articles/en", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 141), err
    assert "Traceback" not in err and "Broken pipe" not in err


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


def test_folder_with_one_bad_file_exits_with_the_some_skipped_status(tmp_path):
    from geo.cli import EXIT_SKIPPED

    for name in ("000_d9e9544ebf0f5717.txt", "004_930ee8620bcf9aa5.txt"):
        (tmp_path / name).write_bytes(open(f"seeds/{name}", "rb").read())
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfeU\x00T\x00F\x00")
    proc = _cli("extract", str(tmp_path), "--format", "csv")
    assert proc.returncode == EXIT_SKIPPED == 3
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith("geo: skipped ") and "broken.txt: UTF-16" in lines[0]
    assert lines[-1].startswith("geo: finished, but 1 input skipped")
    assert "Tapalpa" in proc.stdout
    mapped = _cli("map", str(tmp_path), "-o", str(tmp_path / "out"))
    assert mapped.returncode == 3 and (tmp_path / "out" / "incidents.html").exists()
    assert _cli("extract", "seeds").returncode == 0


def test_every_message_has_the_geo_prefix(tmp_path):
    proc = _cli("geocode", "Qwxzzv Plorf")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == ["geo: no place found for 'Qwxzzv Plorf'"]
    out = tmp_path / "x.csv"
    proc = _cli("extract", "seeds", "https://apnews.com/x", "--format", "csv", "-o", str(out))
    assert proc.returncode == 3
    assert all(line.startswith("geo: ") for line in proc.stderr.strip().splitlines())
    assert "https://apnews.com/x: a URL; geo works offline" in proc.stderr


def test_interrupted_map_run_leaves_the_old_set_whole(tmp_path, monkeypatch):
    import geo.webmap
    from geo.pipeline import make_map

    out = tmp_path / "maps"
    make_map(["seeds"], out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # The page, a layer per family, the states, and the marker of an output folder.
    assert len(before) == len(geo.layers.LAYERS) + 3

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # after the layers were written, before the map

    monkeypatch.setattr(geo.webmap, "write_map", interrupted)
    import pytest

    with pytest.raises(KeyboardInterrupt):
        make_map(["tests/inputs/uruapan_clash.html"], out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".geo-output"]


def test_a_new_run_replaces_the_whole_set(tmp_path):
    from geo.pipeline import make_map

    out = tmp_path / "maps"
    make_map(["seeds"], out)
    _, paths = make_map(["tests/inputs/uruapan_clash.html"], out, gpkg=True)
    assert sorted(p.relative_to(out).as_posix() for p in paths)[:2] == [
        "incidents.gpkg",
        "incidents.html",
    ]
    raid = json.loads((out / "layers" / "raid.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["location"] for f in raid["features"]] == ["Uruapan"]
    assert "Uruapan" in (out / "incidents.html").read_text(encoding="utf-8")
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".geo-output"]


def test_extract_gpkg_needs_an_output_file(tmp_path):
    res = run("extract", "seeds", "--format", "gpkg")
    assert res.exit_code == 2 and "-o FILE.gpkg" in res.output
    out = tmp_path / "i.gpkg"
    res = run("extract", "seeds", "--format", "gpkg", "-o", str(out))
    assert res.exit_code == 0 and out.exists()


def test_usage_errors_say_geo_error_and_exit_2():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "extract", "--format", "nope", "seeds"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("geo: error: Invalid value for '--format'"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_no_inputs_outside_a_clone_says_what_to_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no seeds/ here
    result = run("map")
    assert result.exit_code == 2
    assert "name the articles to read" in result.output
    assert "geo map my-articles/" in result.output
    assert not (tmp_path / "maps").exists()
    result = run("extract")
    assert result.exit_code == 2 and "'geo extract my-articles/'" in result.output


def test_a_suffix_of_a_format_not_written_is_refused(tmp_path):
    out = tmp_path / "incidents.xlsx"
    result = run("extract", "seeds", "-o", str(out))
    assert result.exit_code == 2
    assert "cannot write .xlsx files" in result.output
    assert not out.exists()


def test_map_twice_into_the_articles_folder_does_not_read_its_own_outputs(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(
        " date 2026-02-22\nHombres armados bloquearon la carretera en Culiacán, Sinaloa.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(cli, ["map", ".", "-o", "out"])
    second = CliRunner().invoke(cli, ["map", ".", "-o", "out"])
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert "skipped" not in second.output and "not an article format" not in second.output
    assert "1 article" in second.output
    again = CliRunner().invoke(cli, ["extract", "out"])
    assert again.exit_code != 0 and "wrote its outputs into" in again.output


def test_usage_errors_are_one_line():
    res = subprocess.run(
        [sys.executable, "-m", "geo", "map", "--bogus"], capture_output=True, text=True
    )
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geo: error: ") and "--help" in lines[0]


def test_a_date_line_with_only_a_month_loads_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2025-05\nHombres armados bloquearon la carretera en Culiacán, Sinaloa.\n",
        encoding="utf-8",
    )
    res = run("extract", str(tmp_path / "a.txt"), "--format", "json")
    assert res.exit_code == 0, res.output
    assert "gives only a month" in res.output
