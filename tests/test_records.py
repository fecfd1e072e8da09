"""The typed vocabularies of geo.records cover what the pipeline produces."""

from pathlib import Path
from typing import get_args

from geo.articles import read_articles
from geo.gazetteer import load_gazetteer
from geo.places import PlaceExtractor
from geo.records import PRECISION_ORDER, TOWN_PRECISIONS, Kind, Precision, Role, precision_of
from geo.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_precision_order_is_the_literal_and_finest_first():
    assert get_args(Precision) == PRECISION_ORDER
    assert TOWN_PRECISIONS == {"point", "town"}


def test_every_gazetteer_kind_is_a_kind_with_a_precision():
    kinds = {p.kind for p in load_gazetteer().places}
    assert kinds <= set(get_args(Kind))
    assert {precision_of(p) for p in load_gazetteer().places} <= set(PRECISION_ORDER)


def test_every_role_read_from_the_seeds_is_a_role():
    extractor = PlaceExtractor()
    roles = {
        m.role
        for a in read_articles([str(SEEDS)])
        for m in extractor.extract(a, split_sentences(a.text, a.id, (a.lang,)))
    }
    assert "place" in roles and roles <= set(get_args(Role))
