"""Helpers of the one-rule tests (`test_real_rules_*.py`): a short text through the pipeline."""

from __future__ import annotations

from geo.articles import parse_article
from geo.outcomes import process_article
from geo.pipeline import extract


def incidents_of(tmp_path, text: str) -> set[tuple[str, str]]:
    """The (type, location) of every incident an article file with ``text`` gives."""
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    return {(i.event_type, i.location) for i in extract([tmp_path]).incidents}


def records_of(tmp_path, text: str) -> list:
    """The incident records an article file with ``text`` gives."""
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    return extract([tmp_path]).incidents


def mentions_of(text: str) -> dict:
    """The article's place mentions by their text (a date line is put before ``text``)."""
    _, mentions = process_article(parse_article(" date 2024-05-01\n" + text, "a.txt"))
    return {m.text: m for m in mentions}
