"""The input readers as a user meets them: saved pages, exports, plain text, bad files."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from geo.articles import ReadReport, read_article, read_articles
from geo.errors import ArticleError
from geo.readers import Columns

INPUTS = Path(__file__).parent / "inputs"
PAGE = INPUTS / "uruapan_clash.html"
CANONICAL = "https://www.valleycourier.example/world/mexico/uruapan-clash-five-dead-2026-03-02/"


def _extract_json(*args):
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "extract", *map(str, args), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc, (json.loads(proc.stdout) if proc.stdout.strip() else None)


def test_saved_page_gives_its_incidents_dated_from_metadata_with_its_canonical_url():
    proc, records = _extract_json(PAGE)
    assert proc.returncode == 0, proc.stderr
    assert {r["event_type"] for r in records} >= {"armed_clash"}
    # Only the article: nothing from the menu (Sinaloa, Culiacán, Jalisco, Tijuana), the
    # ticker (Culiacán airport), related links (Celaya, Reynosa, Cancún) or the footer.
    assert {r["location"] for r in records} == {"Uruapan"}
    assert not {r["event_type"] for r in records} & {"flight_suspension", "arson", "blockade"}
    for r in records:
        assert r["urls"] == [CANONICAL]
        assert r["outlets"] == ["Valley Courier"]
        assert r["titles"] == ["Gunmen and soldiers clash in Uruapan, leaving five dead"]
        # article:published_time is 2 March (a Monday); "on Saturday" is 28 February.
        assert r["article_dates"] == ["2026-03-02"]
    raid = next(r for r in records if r["event_type"] == "armed_clash")
    assert raid["event_date"] == "2026-02-28"


def test_saved_page_text_excludes_boilerplate_and_offsets_index_it():
    report = ReadReport()
    art = read_article(PAGE, report)
    assert art.date == date(2026, 3, 2) and art.url == CANONICAL
    assert art.outlet == "Valley Courier"
    for boilerplate in ("cookies", "Related", "Celaya", "Reynosa", "Sign up", "Reforma 222"):
        assert boilerplate not in art.text, boilerplate
    assert art.text.startswith("Gunmen and soldiers clash in Uruapan")
    from geo.pipeline import process_article

    findings, _ = process_article(art)
    from geo.incidents import evidence_of

    for f in findings:
        ev = evidence_of(f)
        assert art.text[ev.start : ev.end] == ev.text


def test_jsonl_export_gives_every_records_incidents_with_its_url():
    proc, records = _extract_json(INPUTS / "export.jsonl")
    assert proc.returncode == 0, proc.stderr
    by_source = {}
    for r in records:
        (source,) = r["sources"]
        by_source.setdefault(source, set()).add((r["event_type"], r["location"], r["urls"][0]))
    assert by_source == {
        "export.jsonl#1": {
            ("arson", "Celaya", "https://nortediario.example/2026/03/02/celaya-bloqueos/"),
            ("blockade", "Celaya", "https://nortediario.example/2026/03/02/celaya-bloqueos/"),
        },
        "export.jsonl#2": {
            (
                "flight_suspension",
                "Culiacan airport (CUL)",
                "https://elsoldelpacifico.example/local/vuelos-culiacan-20260301.html",
            )
        },
        "export.jsonl#3": {
            ("arson", "Reynosa", "https://gulfmonitor.example/mexico/reynosa-blockades"),
            ("blockade", "Reynosa", "https://gulfmonitor.example/mexico/reynosa-blockades"),
        },
    }
    dates = {r["sources"][0]: r["article_dates"] for r in records}
    # ISO with a time, day-first 01/03/2026, RFC 2822.
    assert dates == {
        "export.jsonl#1": ["2026-03-02"],
        "export.jsonl#2": ["2026-03-01"],
        "export.jsonl#3": ["2026-02-28"],
    }
    outlets = {r["sources"][0]: r["outlets"] for r in records}
    assert outlets["export.jsonl#1"] == ["Norte Diario"]  # NewsAPI's source.name


def test_csv_export_with_its_own_column_names():
    columns = Columns(text="texto", date="fecha_pub", url="enlace", title="titular", outlet="medio")
    report = ReadReport()
    arts = list(read_articles([INPUTS / "monitoring.csv"], report, columns=columns))
    assert [a.id for a in arts] == ["monitoring.csv#a1", "monitoring.csv#a2"]
    assert [a.date for a in arts] == [date(2026, 3, 2), date(2026, 2, 28)]
    assert arts[0].url == "https://diariodelbajio.example/celaya/quema-de-autobuses"
    assert arts[1].outlet == "Voz de Michoacán" and arts[1].title == "Enfrentamiento en Uruapan"
    assert all(a.lang == "es" for a in arts)
    assert report.errors == []


def test_csv_without_a_known_text_column_names_the_option():
    report = ReadReport()
    assert list(read_articles([INPUTS / "monitoring.csv"], report)) == []
    assert "row 1" in report.errors[0] and "--text-column" in report.errors[0]


def test_bad_jsonl_lines_are_skipped_with_their_line_numbers(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text(
        '{"text": "Gunmen blocked roads in Culiacán.", "date": "2026-03-01", "url": "https://a.example/1"}\n'
        "{not json\n"
        '{"title": "no text here", "date": "2026-03-01"}\n'
        '{"content": "Hombres armados bloquearon calles en Culiacán.", '
        '"published": "2026-03-01"}\n',
        encoding="utf-8",
    )
    report = ReadReport()
    arts = list(read_articles([p], report))
    assert [a.id for a in arts] == ["feed.jsonl#1", "feed.jsonl#4"]
    assert len(report.errors) == 2
    assert "line 2: not JSON" in report.errors[0]
    assert "line 3: no article text" in report.errors[1]


@pytest.mark.parametrize(
    "head,expected",
    [
        ("Date: 2026-03-02\nGunmen blocked roads in Culiacán.", date(2026, 3, 2)),
        ("Bloqueos en Culiacán\nFecha: 02/03/2026\nHombres armados...", date(2026, 3, 2)),
        ("Blockades in Culiacán\nBy Ana Robles, March 2, 2026\nGunmen...", date(2026, 3, 2)),
        ("CULIACÁN, Sin., lunes 2 de marzo de 2026.- Hombres armados...", date(2026, 3, 2)),
        ("Publicado: 2 de marzo de 2026 | 10:15\nHombres armados...", date(2026, 3, 2)),
        ("2026-03-02T10:15:00-06:00\nGunmen blocked roads.", date(2026, 3, 2)),
        (" date 2026-03-02 Gunmen blocked roads.", date(2026, 3, 2)),
    ],
)
def test_plain_text_dates_in_the_first_lines(tmp_path, head, expected):
    p = tmp_path / "a.txt"
    p.write_text(head, encoding="utf-8")
    report = ReadReport()
    (art,) = list(read_articles([p], report))
    assert art.date == expected
    assert report.warnings == []


def test_a_date_deep_in_the_text_is_not_the_publication_date(tmp_path):
    p = tmp_path / "a.txt"
    lines = ["Gunmen blocked roads in Culiacán."] * 6 + ["It recalled the attack of 2 March 2020."]
    p.write_text("\n".join(lines), encoding="utf-8")
    report = ReadReport()
    (art,) = list(read_articles([p], report))
    assert art.date is None and "date is unknown" in report.warnings[0]


def test_future_date_warns(tmp_path):
    p = tmp_path / "f.txt"
    p.write_text(" date 2099-01-01 Gunmen blocked roads in Culiacán.", encoding="utf-8")
    report = ReadReport()
    (art,) = list(read_articles([p], report))
    assert art.date == date(2099, 1, 1)
    assert "f.txt" in report.warnings[0] and "in the future" in report.warnings[0]


def test_size_limit_is_named(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b" date 2026-03-01 " + b"a" * 10_487_516)
    with pytest.raises(ArticleError, match=r"big.txt: 10.5 MB, over the 5 MB limit"):
        read_article(p)


def test_nul_byte_in_text_is_named_as_such(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes(b" date 2026-03-01 Gunmen blocked\n roads in\x00 Culiacan.")
    with pytest.raises(ArticleError, match=r"nul.txt: a NUL byte at offset 41 \(line 2\)"):
        read_article(p)


def test_utf16_is_named_with_the_fix(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes(" date 2026-03-01 Bloqueos en Culiacán.".encode("utf-16"))
    with pytest.raises(ArticleError, match="UTF-16 text, not UTF-8; convert it with iconv"):
        read_article(p)


def test_folder_lists_what_it_passes_over_and_skips_hidden_folders(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2026-03-01 Bloqueos en Culiacán.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.txt").write_text(" date 2026-03-01 Bloqueos.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(" date 2026-03-01 Bloqueos.", encoding="utf-8")
    (tmp_path / "page.html").write_bytes(PAGE.read_bytes())
    report = ReadReport()
    arts = list(read_articles([tmp_path], report))
    assert [a.id for a in arts] == ["a.txt", "page.html"]
    assert len(report.errors) == 1 and "scan.pdf: not an article format (.pdf)" in report.errors[0]


def test_url_argument_says_pages_are_not_fetched():
    report = ReadReport()
    assert list(read_articles(["https://apnews.com/article/mexico-cartel"], report)) == []
    (line,) = report.errors
    assert line.startswith("https://apnews.com/article/mexico-cartel: ")
    assert "does not fetch" in line and "geo extract page.html" in line


def test_stdin_page_is_sniffed(monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.read_bytes())))
    (art,) = list(read_articles(["-"]))
    assert art.url == CANONICAL and art.date == date(2026, 3, 2)


def test_a_seed_article_may_name_its_outlet_url_and_title(tmp_path):
    from geo.pipeline import extract

    path = tmp_path / "a.txt"
    path.write_text(
        " date 2025-06-02\n outlet El Universal\n url https://www.eluniversal.com.mx/x\n"
        " title Bloqueos en Culiacán\nHombres armados bloquearon la carretera en Culiacán, "
        "Sinaloa.\n",
        encoding="utf-8",
    )
    (inc,) = extract([path]).incidents
    assert inc.outlets == ["El Universal"]
    assert inc.urls == ["https://www.eluniversal.com.mx/x"]
    assert inc.titles == ["Bloqueos en Culiacán"]
    # The text starts after those lines: evidence offsets index the article itself.
    assert inc.location == "Culiacán"


def test_a_seed_article_without_those_lines_is_read_as_before(tmp_path):
    from geo.pipeline import extract

    path = tmp_path / "a.txt"
    path.write_text(
        " date 2025-06-02\nurl de la nota: Hombres armados bloquearon la carretera en "
        "Culiacán, Sinaloa.\n",
        encoding="utf-8",
    )
    (inc,) = extract([path]).incidents
    assert inc.event_type == "blockade" and inc.urls == [None]


def test_a_headline_right_under_a_date_line_of_its_own_is_the_title(tmp_path):
    from geo.articles import read_article

    path = tmp_path / "a.txt"
    path.write_text(
        " date 2024-09-10\n outlet Noroeste\nBloquean carretera en Culiacán\n"
        "Hombres armados bloquearon la avenida Obregón en Culiacán, Sinaloa.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert (article.title, article.outlet) == ("Bloquean carretera en Culiacán", "Noroeste")


def test_a_date_line_repeated_at_the_top_of_the_text_is_not_read_as_the_lead(tmp_path):
    # Some stored pages begin with their own " date ..." stamp: the wire's
    # dateline after it is still the dateline.
    path = tmp_path / "a.txt"
    path.write_text(
        " date 2024-04-19\n date 2024-04-19 MEXICO CITY (AP) - A mayoral candidate was killed"
        " on Friday in Ciudad Mante, Tamaulipas.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.date == date(2024, 4, 19)
    assert article.text.lstrip().startswith("MEXICO CITY (AP)")
