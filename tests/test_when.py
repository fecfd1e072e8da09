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
