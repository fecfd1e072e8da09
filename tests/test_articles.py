"""Reading articles: formats, encodings, dates, outlets, languages."""

from datetime import date

import pytest

from geo.articles import ReadReport, detect_language, find_outlet, read_article, read_articles
from geo.errors import ArticleError


def test_seeds_load_with_dates_outlets_and_language():
    report = ReadReport()
    arts = list(read_articles(["seeds"], report))
    assert [a.id for a in arts] == ["000_d9e9544ebf0f5717.txt", "004_930ee8620bcf9aa5.txt"]
    assert all(a.date == date(2026, 2, 23) for a in arts)
    assert [a.outlet for a in arts] == ["Benzinga", "Salon"]
    assert all(a.lang == "en" for a in arts)
    assert report.errors == [] and report.warnings == []


def test_text_starts_after_the_date_line():
    a = read_article(__import__("pathlib").Path("seeds/000_d9e9544ebf0f5717.txt"))
    assert a.text.startswith("Mexican security forces killed")


def test_binary_and_bad_encoding_are_named_and_others_still_load(tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2026-01-05 Gunmen blocked roads in Culiacán.", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.txt").write_bytes(" date 2026-01-05 Bloqueos en Culiacán.".encode("latin-1"))
    report = ReadReport()
    arts = list(read_articles([tmp_path], report))
    assert [a.id for a in arts] == ["a.txt"]
    assert len(report.errors) == 2
    assert any("b.txt" in e and "binary" in e for e in report.errors)
    assert any("c.txt" in e and "UTF-8" in e for e in report.errors)


def test_missing_date_line_loads_with_a_warning(tmp_path):
    (tmp_path / "n.txt").write_text("Gunmen blocked roads in Culiacán.", encoding="utf-8")
    report = ReadReport()
    (art,) = list(read_articles([tmp_path / "n.txt"], report))
    assert art.date is None
    assert report.warnings and "n.txt" in report.warnings[0]


def test_bad_date_is_an_error_naming_the_file(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text(" date 2026-13-45 text", encoding="utf-8")
    with pytest.raises(ArticleError, match="d.txt.*bad date"):
        read_article(p)


def test_missing_file(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_stdin(monkeypatch):
    import io
    import sys

    data = " date 2026-03-01 Hombres armados bloquearon la carretera en Celaya.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (art,) = list(read_articles(["-"]))
    assert art.id == "stdin" and art.lang == "es" and art.date == date(2026, 3, 1)


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(" date 2026-01-01 Text.", encoding="utf-8")
    ids = [a.id for a in read_articles([tmp_path / "x", tmp_path / "y"])]
    assert len(set(ids)) == 2


@pytest.mark.parametrize(
    "text,outlet",
    [
        ("This content was reviewed and published by Benzinga editors.", "Benzinga"),
        ("The Pentagon did not respond to Salon’s request for comment.", "Salon"),
        ("© 2026 Reuters. All rights reserved.", "Reuters"),
        ("Authorities said nothing about it.", None),
    ],
)
def test_outlet(text, outlet):
    assert find_outlet(text) == outlet


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Hombres armados incendiaron vehículos y bloquearon las carreteras de la entidad.", "es"),
        ("Gunmen torched vehicles and blocked the highways of the state.", "en"),
        ("Se suspendieron las clases en Guadalajara tras los bloqueos.", "es"),
    ],
)
def test_language(text, lang):
    assert detect_language(text) == lang
