"""Sentence splitting with offsets."""

import pytest

from geo.articles import read_articles
from geo.sentences import split_sentences


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The U.S. helped. Gen. Ruiz led it.", ["The U.S. helped.", "Gen. Ruiz led it."]),
        (
            "Sr. Pérez and Sra. Gómez spoke. Then they left.",
            ["Sr. Pérez and Sra. Gómez spoke.", "Then they left."],
        ),
        ("He lives at No. 5 Reforma. It burned.", ["He lives at No. 5 Reforma.", "It burned."]),
        (
            "It was aided by the U.S. The raid ended.",
            ["It was aided by the U.S.", "The raid ended."],
        ),
        (
            "She said: “We are calm. We are ready.” Then she left.",
            ["She said: “We are calm. We are ready.”", "Then she left."],
        ),
        ("“Stay home,” he said. Schools closed.", ["“Stay home,” he said.", "Schools closed."]),
        (
            "Headline Without Period\nBody text here.",
            ["Headline Without Period", "Body text here."],
        ),
        ("¿Qué pasó? Hubo bloqueos.", ["¿Qué pasó?", "Hubo bloqueos."]),
        ("Andrés M. López habló. Fin.", ["Andrés M. López habló.", "Fin."]),
    ],
)
def test_split(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_point_into_the_text():
    for art in read_articles(["seeds"]):
        sentences = split_sentences(art.text, art.id)
        assert len(sentences) > 10
        for s in sentences:
            assert art.text[s.start : s.end] == s.text
            assert s.article_id == art.id
