"""Event dates relative to the article date."""

from datetime import date

import pytest

from geo.when import event_dates

MON = date(2026, 2, 23)  # a Monday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("on Sunday", [(date(2026, 2, 22),) * 2]),
        ("a Saturday operation", [(date(2026, 2, 21),) * 2]),
        ("el pasado sábado", [(date(2026, 2, 21),) * 2]),
        ("el domingo", [(date(2026, 2, 22),) * 2]),
        ("on Monday", [(MON, MON)]),
        ("yesterday", [(date(2026, 2, 22),) * 2]),
        ("ayer", [(date(2026, 2, 22),) * 2]),
        ("anoche", [(date(2026, 2, 22), MON)]),
        ("this morning", [(MON, MON)]),
        ("last month", [(date(2026, 1, 1), date(2026, 1, 31))]),
        ("el mes pasado", [(date(2026, 1, 1), date(2026, 1, 31))]),
        ("last year", [(date(2025, 1, 1), date(2025, 12, 31))]),
        ("February 22", [(date(2026, 2, 22),) * 2]),
        ("22 de febrero", [(date(2026, 2, 22),) * 2]),
        ("on Dec. 30", [(date(2025, 12, 30),) * 2]),
        ("nothing here", []),
    ],
)
def test_relative_dates(text, expected):
    assert event_dates(text, MON) == expected


def test_no_article_date_fixes_nothing():
    assert event_dates("on Sunday", None) == []


def test_january_last_month_is_december():
    assert event_dates("last month", date(2026, 1, 10)) == [(date(2025, 12, 1), date(2025, 12, 31))]


def test_counts_ago():
    from datetime import date

    from geo.when import event_dates

    pub = date(2026, 2, 23)
    assert event_dates("Gunmen torched buses three days ago.", pub) == [
        (date(2026, 2, 20), date(2026, 2, 20))
    ]
    assert event_dates("El ataque ocurrió hace dos semanas.", pub) == [
        (date(2026, 2, 6), date(2026, 2, 12))
    ]
    assert event_dates("Dos semanas después, nada.", pub) == []


def test_ago_with_a_filler_or_a_vague_count():
    from datetime import date

    from geo.when import event_dates

    pub = date(2024, 11, 20)
    (rng,) = event_dates(
        "Hace tan solo dos semanas se presentó un suceso similar.", pub, langs=("es",)
    )
    assert rng[1] < date(2024, 11, 10)
    (rng,) = event_dates("Hace unas semanas encontraron fosas.", pub, langs=("es",))
    assert rng[1] < date(2024, 11, 10)
    (rng,) = event_dates("A few weeks ago gunmen attacked a bar.", pub, langs=("en",))
    assert rng[1] < date(2024, 11, 10)


@pytest.mark.parametrize(
    "text,expected",
    [
        # A bare month: the last such month on or before the article's date.
        ("In October, forces conducted raids.", [(date(2015, 10, 1), date(2015, 10, 31))]),
        ("En enero, hubo bloqueos.", [(date(2016, 1, 1), date(2016, 1, 8))]),
        ("el pasado mes de octubre", [(date(2015, 10, 1), date(2015, 10, 31))]),
        ("in March 2014, gunmen", [(date(2014, 3, 1), date(2014, 3, 31))]),
        ("since March, gunmen", [(date(2015, 3, 1), date(2016, 1, 8))]),
        # A bare year; a stated year of a day.
        ("en 2012 hubo una masacre", [(date(2012, 1, 1), date(2012, 12, 31))]),
        ("October 5, 2014, gunmen", [(date(2014, 10, 5), date(2014, 10, 5))]),
        ("el 5 de octubre de 2013", [(date(2013, 10, 5), date(2013, 10, 5))]),
        # Not periods: an abbreviation, the sea, a future year, a day in October.
        ("en mar abierto", []),
        ("in 2030", []),
        ("On October 5 they", [(date(2015, 10, 5), date(2015, 10, 5))]),
    ],
)
def test_bare_months_and_years(text, expected):
    assert event_dates(text, date(2016, 1, 8)) == expected


def test_a_recalled_month_is_background(tmp_path):
    from geo.pipeline import extract

    path = tmp_path / "a.txt"
    path.write_text(
        " date 2016-01-08\nSoldiers captured a drug lord in Los Mochis, Sinaloa, on Friday.\n"
        "In October, military forces conducted a series of raids in the mountains of Durango.",
        encoding="utf-8",
    )
    got = {(i.event_type, i.location) for i in extract([str(path)]).incidents}
    assert not any(loc == "Durango" for _, loc in got)
