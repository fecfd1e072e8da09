"""Each locator of geo.locators, tried alone on a sentence's context."""

from dataclasses import replace

import pytest

from geo import locators as loc
from geo.gazetteer import load_gazetteer
from geo.incidents import incident_vocab
from geo.normalize import fold
from geo.records import Mention, Place, Sentence

GAZ = load_gazetteer()
MEXICO = GAZ.places[GAZ.by_id["country:MX"]]
SINALOA = GAZ.states["25"]
CULIACAN = Place("t:culiacan", "Culiacán", "city", 24.8, -107.39, admin1="25", state="Sinaloa")
MAZATLAN = Place("t:mazatlan", "Mazatlán", "city", 23.2, -106.42, admin1="25", state="Sinaloa")
COLOMBIA = Place("country:CO", "Colombia", "country", 4.0, -72.0, country="CO")


def facts(text: str, **kw) -> loc.ArticleFacts:
    v = incident_vocab(("en",))
    base = dict(
        text=text,
        folded=fold(text),
        mentions=(),
        main_state=None,
        main_town=None,
        dateline=None,
        mexico=MEXICO,
        issuers=v["issuers"],
        aftermath=v["aftermath_regex"],
        anaphora=v["anaphora_regex"],
        issuer_types=frozenset({"shelter_advisory", "school_closure"}),
        langs=("en",),
        gazetteer=GAZ,
    )
    return loc.ArticleFacts(**{**base, **kw})


def mention(text: str, sentence: str, place: Place, role: str = "place") -> Mention:
    start = sentence.index(text)
    return Mention("a", start, start + len(text), text, place, role=role)


def context(sentence: str, types=("raid",), trigger=None, mentions=(), text=None, **kw):
    """The context of a one-sentence article (``text`` overrides the article)."""
    text = sentence if text is None else text
    start = text.index(sentence)
    article_kw = {k: kw.pop(k) for k in list(kw) if k in loc.ArticleFacts.__dataclass_fields__}
    span = (0, 1)
    if trigger is not None:
        a = sentence.lower().index(trigger)
        span = (a, a + len(trigger))
    places = tuple(
        (m.place, m.start - start, m.end - start)
        for m in mentions
        if m.role == "place" and m.place.country == "MX" and m.place.kind != "country"
    )
    return loc.SentenceContext(
        article=facts(text, **article_kw),
        sentence=Sentence("a", 0, start, start + len(sentence), sentence),
        mentions=tuple(mentions),
        places=places,
        folded=fold(sentence),
        triggers={t: [span] for t in types},
        references={},
        types=tuple(types),
        **kw,
    )


def test_sentence_gives_each_place_to_its_trigger():
    s = "Soldiers raided a house in Culiacán."
    ctx = context(s, trigger="raided", mentions=[mention("Culiacán", s, CULIACAN)])
    got = loc.at_sentence(ctx)
    assert got.located_by == "sentence" and got.assignment == {"raid": [CULIACAN]}
    assert got.remember == (CULIACAN,)
    assert loc.at_sentence(context("Soldiers raided a house.")) is None


def test_headline_without_a_place_is_skipped():
    text = "Soldiers raid a house\n\nSoldiers raided a house on Sunday."
    got = loc.headline(context("Soldiers raid a house", text=text))
    assert got.outcome == "skip" and got.located_by == "headline"
    assert loc.headline(context("Soldiers raided a house on Sunday.", text=text)) is None


def test_abroad_skips_what_happened_in_another_country():
    s = "Soldiers raided a house in Colombia."
    got = loc.abroad(context(s, mentions=[mention("Colombia", s, COLOMBIA)]))
    assert got.outcome == "skip" and got.located_by == "abroad"
    assert loc.abroad(context("Soldiers raided a house.")) is None


def test_country_scope():
    got = loc.country_scope(context("Schools closed across Mexico.", types=("school_closure",)))
    assert got.located_by == "country scope" and got.assignment == {"school_closure": [MEXICO]}
    assert loc.country_scope(context("Schools closed.")) is None


def test_issuer_places_an_advisory_at_its_seat():
    s = "The consulate in Culiacán told its staff to shelter in place."
    ctx = context(
        s,
        types=("shelter_advisory",),
        trigger="shelter",
        mentions=[mention("Culiacán", s, CULIACAN, role="context")],
    )
    got = loc.issuer(ctx)
    assert got.located_by == "issuer" and got.assignment == {"shelter_advisory": [CULIACAN]}
    assert got.remember == (CULIACAN,)  # a town: what follows may go on about it
    assert loc.issuer(replace(ctx, types=("raid",))) is None


def test_state_scope_is_the_articles_state():
    s = "Schools closed across the state."
    got = loc.state_scope(context(s, types=("school_closure",), main_state="25"))
    assert got.located_by == "state scope" and got.assignment == {"school_closure": [SINALOA]}
    assert loc.state_scope(context(s, types=("school_closure",))).assignment == {
        "school_closure": [MEXICO]
    }
    assert loc.state_scope(context("Schools closed.")) is None


def test_aftermath_is_the_waves_one_state():
    s = "Ten people died in the resulting violence."
    m = Mention("a", 0, 8, "Culiacán", CULIACAN)
    got = loc.aftermath(context(s, types=("casualties",), mentions=(), text=s, main_state="25"))
    assert got.located_by == "aftermath" and got.assignment == {"casualties": [MEXICO]}
    ctx = context(s, types=("casualties",))
    ctx = replace(ctx, article=replace(ctx.article, mentions=(m,)))
    assert loc.aftermath(ctx).assignment == {"casualties": [SINALOA]}
    assert loc.aftermath(context("Ten people died.")) is None


def test_anaphora_defers():
    got = loc.anaphora(context("Two soldiers died in the operation.", types=("casualties",)))
    assert got.outcome == "defer" and got.located_by == "anaphora"
    assert loc.anaphora(context("Two soldiers died.")) is None


def test_agency_seat():
    ctx = context("Gunmen attacked the police station.", seats=((CULIACAN, 20),))
    got = loc.agency_seat(ctx)
    assert got.located_by == "agency's seat" and got.assignment == {"raid": [CULIACAN]}
    assert got.remember == (CULIACAN,)
    assert loc.agency_seat(replace(ctx, types=("school_closure",))) is None
    assert loc.agency_seat(context("Gunmen attacked the police station.")) is None


def test_previous_sentence():
    got = loc.previous_sentence(context("Gunmen fled.", previous=(SINALOA, CULIACAN)))
    assert got.located_by == "previous sentence"
    assert got.assignment == {"raid": [CULIACAN]}  # the state within is dropped
    assert loc.previous_sentence(context("Gunmen fled.")) is None
    # A state alone before says where the story is, not where this happened.
    assert loc.previous_sentence(context("Gunmen fled.", previous=(SINALOA,))) is None


def test_country_named():
    s = "Attacks spread across central Mexico."
    got = loc.country_named(context(s, mentions=[mention("Mexico", s, MEXICO)]))
    assert got.located_by == "country named" and got.assignment == {"raid": [MEXICO]}
    s = "Mexico said attacks spread."
    assert loc.country_named(context(s, mentions=[mention("Mexico", s, MEXICO)])) is None
    # One local event "in central Mexico" waits for its town; a wave across it does not.
    s = "Gunmen open fire in a bar in central Mexico."
    assert loc.country_named(context(s, mentions=[mention("Mexico", s, MEXICO)])) is None
    s = "A string of attacks across central and eastern Mexico."
    got = loc.country_named(context(s, mentions=[mention("Mexico", s, MEXICO)]))
    assert got.located_by == "country named"


def test_dateline():
    got = loc.dateline(context("Gunmen fled.", dateline=MAZATLAN))
    assert got.located_by == "dateline" and got.assignment == {"raid": [MAZATLAN]}
    assert loc.dateline(context("Gunmen fled.")) is None


def test_articles_town_for_unplaced_at_town_types_state_for_others():
    # A curfew or an arson told without a place is the town's; a flight
    # suspension told without a city is the state's.
    ctx = context(
        "Gunmen fled.",
        types=("raid", "curfew", "flight_suspension"),
        main_state="25",
        main_town=CULIACAN,
    )
    got = loc.article_town(ctx)
    assert got.located_by == "article's town"
    assert got.assignment == {
        "raid": [CULIACAN],
        "curfew": [CULIACAN],
        "flight_suspension": [SINALOA],
    }
    assert loc.article_town(replace(ctx, types=("flight_suspension",))) is None
    assert loc.article_town(replace(ctx, types=("arson",))).assignment == {"arson": [CULIACAN]}
    assert loc.article_town(context("Gunmen fled.", main_state="25")) is None


def test_articles_state():
    got = loc.article_state(context("Gunmen fled.", main_state="25"))
    assert got.located_by == "article's state" and got.assignment == {"raid": [SINALOA]}
    assert loc.article_state(context("Gunmen fled.")) is None


def test_articles_country_places_nothing():
    got = loc.article_country(context("Gunmen fled."))
    assert got.located_by == "article's country" and got.assignment == {"raid": []}


def test_operation_place_is_the_finest_raid_place():
    ctx = context("Two died in the operation.", operation_places=(SINALOA, MAZATLAN))
    got = loc.operation_place(ctx)
    assert got.located_by == "the operation's place" and got.assignment == {"raid": [MAZATLAN]}
    assert loc.operation_place(context("Two died in the operation.")) is None


def test_deferred_articles_town_only_when_every_type_is_local():
    ctx = context("Two died in the operation.", main_state="25", main_town=CULIACAN)
    got = loc.article_town_for_all(ctx)
    assert got.located_by == "article's town" and got.assignment == {"raid": [CULIACAN]}
    assert loc.article_town_for_all(replace(ctx, types=("raid", "flight_suspension"))) is None


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, "article's country"),
        ({"main_state": "25"}, "article's state"),
        ({"main_state": "25", "dateline": MAZATLAN}, "dateline"),
        ({"main_state": "25", "dateline": MAZATLAN, "previous": (CULIACAN,)}, "previous sentence"),
    ],
)
def test_locate_takes_the_first_locator_that_applies(kw, expected):
    assert loc.locate(context("Gunmen fled.", **kw)).located_by == expected


def test_deferred_locators_may_give_nothing():
    assert loc.locate(context("Two died in the operation."), loc.DEFERRED_LOCATORS) is None


def test_locator_names_are_todays_located_by_strings():
    names = [
        "sentence",
        "headline",
        "abroad",
        "this city",
        "country scope",
        "issuer",
        "state scope",
        "aftermath",
        "anaphora",
        "agency's seat",
        "previous sentence",
        "country named",
        "dateline",
        "article's town",
        "article's state",
        "article's country",
    ]
    assert len(loc.LOCATORS) == len(names)
    doc = loc.__doc__
    assert [doc.index(f"``{n}``") for n in names] == sorted(doc.index(f"``{n}``") for n in names)
