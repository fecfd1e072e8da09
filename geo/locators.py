"""Where a sentence's findings happened: an ordered list of named locators.

A sentence that reports something is placed by the first locator, in
:data:`LOCATORS` order, that gives a :class:`Placement`; the locator's name is
the findings' ``located_by``. Each locator is a small function of a frozen
:class:`SentenceContext` (the sentence, its mentions and triggers, and the
article-level facts of :class:`ArticleFacts`), tried alone in the tests.

The order, and why:

1. ``sentence``: the places the sentence names, each given to the trigger
   that governs it (:func:`assign_places`). Every later locator is a
   fallback for a sentence that names no Mexican place.
2. ``headline``: a headline without a place sums up what the body places:
   nothing is reported.
3. ``abroad``: the sentence names another country as where: nothing is
   reported.
4. ``this city``: "near this city", "en esta ciudad": the dateline's town
   (or the article's town).
5. ``country scope``: "across Mexico" and the like: the country (a stated
   reach beats an issuer's seat); ``country in passing`` when the only
   scope is the country named ("killed in a prison brawl in Mexico"), which
   a later locating sentence may still narrow to its town.
6. ``issuer``: an advisory or closure applies where its issuer sits ("the
   U.S. Consulate in Matamoros") or across the issuing state.
7. ``state scope``: "across the state": the article's state; ``state
   spread`` ("en varias zonas del estado") the same, as a summary of the
   towns the article names for that event, if any.
8. ``aftermath``: a toll of a whole wave of violence: its one state, or the
   country.
9. ``anaphora``: "the attack", "the operation": deferred until the article's
   raids are known, then placed by :data:`DEFERRED_LOCATORS`.
10. ``agency's seat``: "police in Ciudad Valles": the agency's town (not for
    advisories and closures).
11. ``previous sentence``: the places of the sentence before, in the same
    paragraph (an airport stands for its city).
12. ``country named``: "attacks across central Mexico": the country.
13. ``dateline``: the dateline's town.
14. ``article's town``: the town the article is most about, for local types
    (the article's state for the others).
15. ``article's state``: the state the article is most about.
16. ``article's country``: nothing says where: no place (not reported as a
    Mexican incident).

A deferred sentence (``anaphora``) is placed, once the whole article is read,
by the first of :data:`DEFERRED_LOCATORS`: ``the operation's place`` (the
finest place of the article's raids), ``article's town`` (when every type is
local) and ``article's state``; if none applies it is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal

from .gazetteer import Gazetteer
from .normalize import name_key
from .records import PRECISION_ORDER, Mention, Place, Sentence, precision_of
from .rules import NEVER, folded_phrases, load_rules, phrase_regex
from .taxonomy import load_taxonomy

__all__ = [
    "DEFERRED_LOCATORS",
    "LOCATORS",
    "REFERENCE_PREFIX",
    "SETTLEMENT_PREFIX",
    "ArticleFacts",
    "Placement",
    "SentenceContext",
    "assign_places",
    "is_headline",
    "locate",
    "scope_positions",
]


@dataclass(frozen=True)
class ArticleFacts:
    """What the locators read of the whole article.

    Attributes
    ----------
    text : str
        The article's text as written.
    folded : str
        ``fold(text)``.
    mentions : tuple of Mention
        Every mention of the article.
    main_state : str or None
        The ``admin1`` of the state the article is most about.
    main_town : Place or None
        The town of the main state the article names most.
    dateline : Place or None
        The dateline's town, when it is the story's (not a wire desk's).
    filed_at : Place or None
        The dateline's town as written, for "this city".
    mexico : Place
        The country.
    issuers : dict
        The issuer patterns of the article's rule packs (``state_regex``,
        ``local_regex``, ``defer_regex``).
    aftermath : re.Pattern
        Words of a toll of the whole wave ("the resulting violence").
    anaphora : re.Pattern
        Words that refer back to an event ("the attack").
    issuer_types : frozenset of str
        The incident types an issuer gives (advisories, closures).
    langs : tuple of str
        The article's languages (rule packs).
    gazetteer : Gazetteer
    state_towns : Mapping
        The town each named state is most about (as ``main_town`` is for the
        main state), by ``admin1``.
    """

    text: str
    folded: str
    mentions: tuple[Mention, ...]
    main_state: str | None
    main_town: Place | None
    dateline: Place | None
    mexico: Place
    issuers: Mapping
    aftermath: re.Pattern
    anaphora: re.Pattern
    issuer_types: frozenset[str]
    langs: tuple[str, ...]
    gazetteer: Gazetteer
    filed_at: Place | None = None
    state_towns: Mapping[str, Place] = field(default_factory=dict)

    @property
    def state(self) -> Place | None:
        """The place of the main state, if any."""
        return self.gazetteer.states[self.main_state] if self.main_state else None


@dataclass(frozen=True)
class SentenceContext:
    """What the locators read of one sentence that reports something.

    Attributes
    ----------
    article : ArticleFacts
    sentence : Sentence
    mentions : tuple of Mention
        The sentence's mentions that have a place.
    places : tuple of (Place, int, int)
        The Mexican places it names as places, with their start and end in it.
    folded : str
        The folded sentence.
    triggers : Mapping
        Trigger spans (in the sentence) by incident type, in the types' order.
    references : Mapping
        Spans of triggers that refer to an event, by :data:`REFERENCE_PREFIX`
        and type.
    types : tuple of str
        The incident types reported (the triggers', then casualty counts').
    previous : tuple of Place
        The places of the sentence before, in the same paragraph.
    seats : tuple of (Place, int)
        Mexican towns named as an agency's seat ("police in Ciudad
        Obregón"), with their offsets in the sentence.
    operation_places : tuple of Place
        Places of the article's raids; filled only for a deferred sentence.
    previous_by_type : Mapping
        The places the sentence before gave each type, when its own places
        placed it.
    """

    article: ArticleFacts
    sentence: Sentence
    mentions: tuple[Mention, ...]
    places: tuple[tuple[Place, int, int], ...]
    folded: str
    triggers: Mapping[str, list[tuple[int, int]]]
    references: Mapping[str, list[tuple[int, int]]]
    types: tuple[str, ...]
    previous: tuple[Place, ...] = ()
    seats: tuple[tuple[Place, int], ...] = ()
    operation_places: tuple[Place, ...] = ()
    previous_by_type: Mapping[str, tuple[Place, ...]] = field(default_factory=dict)

    @cached_property
    def padded(self) -> str:
        """The folded sentence between spaces, as the cue patterns expect."""
        return " " + self.folded + " "


@dataclass(frozen=True)
class Placement:
    """Where a sentence's findings are placed, and by which locator.

    Attributes
    ----------
    located_by : str
        The locator's name (a finding's ``located_by``).
    assignment : Mapping
        Places by incident type (empty lists: not placed).
    remember : tuple of Place or None
        What the sentences after may refer back to (``previous sentence``);
        None leaves the places remembered before.
    outcome : {"place", "skip", "defer"}
        ``skip``: nothing is reported; ``defer``: placed after the article
        is read, by :data:`DEFERRED_LOCATORS`.
    """

    located_by: str
    assignment: Mapping[str, list[Place]]
    remember: tuple[Place, ...] | None = None
    outcome: Literal["place", "skip", "defer"] = "place"


#: A locator: a sentence's context to its placement, or None to pass it on.
Locator = Callable[[SentenceContext], "Placement | None"]


def _everywhere(
    ctx: SentenceContext,
    places: list[Place],
    located_by: str,
    remember: Sequence[Place] | None = None,
) -> Placement:
    """Every type of the sentence at the same places."""
    kept = tuple(remember) if remember is not None else None
    return Placement(located_by, {t: places for t in ctx.types}, kept)


def at_sentence(ctx: SentenceContext) -> Placement | None:
    """``sentence``: the places the sentence names, each to its trigger.

    Vague scopes ("en todo el estado", "across several states") take part
    like places, at their position in the sentence; a state-wide sentence
    with an agency's town inside the state ("In neighbouring Sonora, police
    in Ciudad Obregón found four bodies") takes that finer town too.
    """
    if not ctx.places:
        return None
    art, types = ctx.article, ctx.types
    scopes = [
        (art.mexico, pos, pos)
        for pos in scope_positions(ctx.folded, "country_scope", langs=art.langs)
    ]
    if art.main_state:
        scopes += [
            (art.state, pos, pos)
            for pos in scope_positions(ctx.folded, "state_scope", ctx.sentence.text, art.langs)
        ]
    seats = list(ctx.seats)
    issuer = (art.issuer_types, art.issuers["state_regex"], art.state, seats)
    items = list(ctx.places)
    places = [p for p, _, _ in items]
    located = items
    if all(p.kind == "state" for p in places) and not set(types) & art.issuer_types:
        inside = {p.admin1 for p in places}
        located = items + [(p, pos, pos + 1) for p, pos in seats if p.admin1 in inside]
    assignment = assign_places(
        list(types),
        {**ctx.triggers, **ctx.references},
        sorted(located + scopes, key=lambda t: t[1]),
        ctx.folded,
        issuer,
    )
    return Placement("sentence", assignment, tuple(places))


def headline(ctx: SentenceContext) -> Placement | None:
    """``headline``: a headline without a place sums up what the body places."""
    if is_headline(ctx.article.text, ctx.sentence):
        return Placement("headline", {}, outcome="skip")
    return None


def abroad(ctx: SentenceContext) -> Placement | None:
    """``abroad``: the sentence names only foreign places as where, a country among them."""
    ms = ctx.mentions
    if (
        ms
        and all(m.place.country != "MX" or m.role != "place" for m in ms)
        and any(
            m.place.kind == "country" and m.place.country != "MX" and m.role == "place" for m in ms
        )
    ):
        return Placement("abroad", {}, outcome="skip")
    return None


def country_scope(ctx: SentenceContext) -> Placement | None:
    """``country scope``: "urged citizens across Mexico to...": the country.

    A stated reach beats the issuer's seat ("the U.S. Embassy in Mexico City
    urged citizens across Mexico").
    """
    if _has_scope(ctx.padded, "country_scope", langs=ctx.article.langs):
        counted = _counted_states(ctx)
        if counted:
            return _everywhere(ctx, counted, "counted states scope")
        if _country_in_passing(ctx):
            # "killed in a prison brawl in Mexico": the country, not a reach
            # over it; a later sentence may still say where.
            return _everywhere(ctx, [ctx.article.mexico], "country in passing")
        return _everywhere(ctx, [ctx.article.mexico], "country scope")
    return None


@lru_cache(maxsize=16)
def _in_passing(langs: tuple[str, ...] | None = None) -> frozenset[str]:
    """The scopes that only name the country ("in Mexico", "en México"), folded."""
    return frozenset(name_key(w) for w in load_rules("places", langs)["country_in_passing"])


def _country_in_passing(ctx: SentenceContext) -> bool:
    """Whether the sentence's only country scope is the country named in passing ("in Mexico")."""
    passing = _in_passing(ctx.article.langs)
    found = {
        m.group(0).strip(" ,.;:")
        for m in _scope_regex("country_scope", ctx.article.langs).finditer(ctx.padded)
    }
    return bool(found) and all(any(f == w or f.startswith(w + " ") for w in passing) for f in found)


def _counted_states(ctx: SentenceContext) -> list[Place]:
    """The states a counted scope ("in two Mexican states") names: not the country.

    A scope counted with fewer states than the country has is those states:
    the ones the article names most (its places' states), as many as the
    count. With fewer named than counted ("en al menos 15 estados del país"
    naming four), it is the country.
    """
    numbers = load_rules("incidents", ctx.article.langs)["casualties"]["numbers"]
    for m in _scope_regex("country_scope", ctx.article.langs).finditer(ctx.padded):
        # The count right before the scope, or one word before it ("in two
        # Mexican states", "en cuatro estados del país").
        words = ctx.padded[max(0, m.start() - 30) : m.start()].split()[-2:]
        counts = [int(w) if w.isdigit() else numbers.get(w) for w in words]
        n = next((c for c in reversed(counts) if c is not None), None)
        if n is None or not 2 <= n < MEXICAN_STATES:
            continue
        art = ctx.article
        named: dict[str, int] = {}
        for mention in art.mentions:
            p = mention.place
            if p is None or p.country != "MX" or mention.role not in ("place", "qualifier"):
                continue
            if p.admin1 in art.gazetteer.states:
                named[p.admin1] = named.get(p.admin1, 0) + 1
        if len(named) >= max(2, n):
            # The most named ones, first named first on a tie.
            top = sorted(named, key=lambda a: -named[a])[:n]
            return [art.gazetteer.states[a] for a in named if a in top]
    return []


#: How many states Mexico has (with the capital): "in 32 states" is the country.
MEXICAN_STATES = 32


def issuer(ctx: SentenceContext) -> Placement | None:
    """``issuer``: an advisory or closure applies where its issuer sits.

    Only the mentions before the first trigger name the issuer. A town
    issuer is remembered: what follows may go on about it.
    """
    art = ctx.article
    first_trigger = min(
        (a for spans in ctx.triggers.values() for a, _ in spans), default=len(ctx.sentence.text)
    )
    start = ctx.sentence.start
    issued = _issuer_places(
        art.issuers,
        list(ctx.types),
        ctx.padded,
        [m for m in ctx.mentions if m.start - start < first_trigger],
        art.main_state,
        art.gazetteer,
    )
    if not issued:
        return None
    towns = all(p.kind in ("city", "town", "airport") for p in issued)
    return _everywhere(ctx, issued, "issuer", issued if towns else None)


def state_scope(ctx: SentenceContext) -> Placement | None:
    """``state scope``: "across the state": the article's state (else the country).

    ``state spread`` when the sentence only spreads over the state ("en
    varias zonas del estado"): a reach that sums up the towns the article
    names for the same event, if it names any.
    """
    art = ctx.article
    where = [art.state] if art.main_state else [art.mexico]
    original = " " + ctx.sentence.text + " "
    if _has_scope(ctx.padded, "state_scope", original, art.langs):
        return _everywhere(ctx, where, "state scope")
    if _has_scope(ctx.padded, "state_scope", original, art.langs, spread=True):
        return _everywhere(ctx, where, "state spread")
    return None


def aftermath(ctx: SentenceContext) -> Placement | None:
    """``aftermath``: a toll of the whole wave, as wide as the article's states.

    "73 people have died in the operation, along with the resulting
    violence": not the raid's town.
    """
    art = ctx.article
    if art.aftermath.search(ctx.padded):
        wave = _wave_scope(list(art.mentions), art.gazetteer, art.mexico, art.folded, art.langs)
        return _everywhere(ctx, [wave], "aftermath")
    return None


def anaphora(ctx: SentenceContext) -> Placement | None:
    """``anaphora``: "the attack" refers back: placed once the article is read."""
    if ctx.article.anaphora.search(ctx.padded):
        return Placement("anaphora", {}, outcome="defer")
    return None


def town_reference(ctx: SentenceContext) -> Placement | None:
    """Locator ``this city``: "a chase that ended near this city": the dateline's town.

    The town the article is about when it has no dateline.
    """
    if not _town_reference_regex(ctx.article.langs).search(ctx.padded):
        return None
    town = ctx.article.filed_at or ctx.article.main_town
    if town is None or town.kind not in ("city", "town"):
        return None
    return _everywhere(ctx, [town], "this city")


@lru_cache(maxsize=8)
def _town_reference_regex(langs: tuple[str, ...] | None) -> re.Pattern:
    return phrase_regex(load_rules("places", langs)["town_references"])


def agency_seat(ctx: SentenceContext) -> Placement | None:
    """``agency's seat``: "gunmen attacked the police station in Ciudad Valles".

    The agency's town is where the attack happened; an advisory or a closure
    is left to its issuer and the fallbacks.
    """
    if ctx.seats and not set(ctx.types) & ctx.article.issuer_types:
        places = _unique(p for p, _ in ctx.seats)
        placement = _everywhere(ctx, places, "agency's seat", places)
        # "Sobre el enfrentamiento en la delegación de la SSP de Tierra Blanca":
        # an event referred to, with the agency's building as its place.
        for ref, spans in ctx.references.items():
            t = ref.removeprefix(REFERENCE_PREFIX)
            if t not in placement.assignment and any(
                0 <= pos - b <= AGENCY_REFERENCE_REACH for _, b in spans for _, pos in ctx.seats
            ):
                placement.assignment[t] = places
        return placement
    return None


#: How far (characters) after an event referred to an agency's town may say
#: where it happened ("el enfrentamiento ... en la delegación de ... de X").
AGENCY_REFERENCE_REACH = 120


def previous_sentence(ctx: SentenceContext) -> Placement | None:
    """``previous sentence``: the places named before; an airport stands for its city.

    A toll (or a clash) told after a list of three or more towns of one state
    is that state's, not each town's.
    """
    if not ctx.previous or _opens_a_new_event(ctx):
        return None
    gaz = ctx.article.gazetteer
    places = _drop_coarser(
        [(gaz.airport_city(p) or p) if p.kind == "airport" else p for p in ctx.previous]
    )
    # A state named before says where the story is, not where this
    # sentence's event was: that is left to the later fallbacks.
    places = [p for p in places if p.kind not in ("state", "country")]
    if not places:
        return None
    # Of two places, the first: the second mostly says where the first is or
    # what it is compared with ("en la ranchería González, en Villahermosa");
    # a list of three or more is a list, and what follows goes on about all.
    if len(places) == 2:
        places = places[:1]
    placement = _everywhere(ctx, places, "previous sentence")
    tax = load_taxonomy()
    # "Suspenden clases en Culiacán, Elota, Cosalá y San Ignacio. Las
    # autoridades reportaron nueve muertos": a toll told after a list is the
    # list's whole area, not nine dead in each of its towns.
    states = {p.admin1 for p in places}
    if len(places) > 2 and len(states) == 1:
        area = gaz.states.get(next(iter(states)))
        tally = any(tax.has(t, "counts") for t in ctx.types)
        for t in ctx.types:
            if area is not None and (
                tax.has(t, "counts")
                or tax.has(t, "violent")
                or (tally and not tax.has(t, "issued"))
            ):
                placement.assignment[t] = [area]
    # "...tras los enfrentamientos en Ocotlán, se reportaron bloqueos a la
    # altura de El Rodeo. Un tráiler fue incendiado para bloquearla": more of
    # what the sentence before placed, at its place for that kind of event.
    for t in ctx.types:
        same = _drop_coarser(
            _unique(
                p
                for o, ps in ctx.previous_by_type.items()
                if tax.layer_of(o) == tax.layer_of(t) and not tax.has(o, "counts")
                for p in ps
                if p.kind not in ("state", "country")
            )
        )
        if same:
            placement.assignment[t] = same
    return placement


def _opens_a_new_event(ctx: SentenceContext) -> bool:
    """Whether the sentence opens on another event ("En otro hecho", "In a separate incident")."""
    return bool(_new_event_regex(ctx.article.langs).match(ctx.folded.lstrip(' -•*"“')))


@lru_cache(maxsize=8)
def _new_event_regex(langs: tuple[str, ...] | None) -> re.Pattern:
    words = folded_phrases(load_rules("incidents", langs)["new_event_openers"])
    return phrase_regex(words, r"(?:{})\b")


def country_named(ctx: SentenceContext) -> Placement | None:
    """``country named``: "attacks across central and eastern Mexico": the country.

    No finer place than the country, whatever the dateline. Not for a
    single local event ("Gunmen open fire in a bar in central Mexico"): a
    wire lead says the region only until the story names the town, which the
    later fallbacks find.
    """
    tax = load_taxonomy()
    local = bool(ctx.types) and all(tax.has(t, "local") for t in ctx.types)
    text = ctx.article.text
    for m in ctx.mentions:
        if not (m.role == "place" and m.place.kind == "country" and m.place.country == "MX"):
            continue
        lo = max(0, m.start - 40)
        if not _LOCATIVE_BEFORE.search(text, lo, m.start):
            continue
        if local and not _spread_regex(ctx.article.langs).search(text, lo, m.start):
            return None  # "in a bar in central Mexico": one event, told later where
        return _everywhere(ctx, [ctx.article.mexico], "country named")
    return None


def dateline(ctx: SentenceContext) -> Placement | None:
    """``dateline``: the dateline's town ("CULIACÁN, Sin. (AP) —")."""
    if ctx.article.dateline is not None:
        return _everywhere(ctx, [ctx.article.dateline], "dateline")
    return None


def article_town(ctx: SentenceContext) -> Placement | None:
    """``article's town``: local types at the town the article is about, others at its state.

    A sentence that names one other state only as whose ("A Oaxaca mayor
    was killed" in a story that also tells of a Morelos murder) takes that
    state's town instead.
    """
    art = ctx.article
    tax = load_taxonomy()
    if art.main_town is None or not any(tax.has(t, "unplaced_at_town") for t in ctx.types):
        return None
    town, state = art.main_town, art.state
    named = {
        m.place.admin1 for m in ctx.mentions if m.place.kind == "state" and m.place.country == "MX"
    }
    if len(named) == 1 and town.admin1 not in named:
        other = art.state_towns.get(next(iter(named)))
        if other is not None:
            town, state = other, art.gazetteer.states[other.admin1]
    assignment = {t: [town] if tax.has(t, "unplaced_at_town") else [state] for t in ctx.types}
    return Placement("article's town", assignment)


def article_state(ctx: SentenceContext) -> Placement | None:
    """``article's state``: the state the article is most about.

    An airport's disruption ("the airport staff decided to close the air
    terminal") is at the airport of that state the article names, if one.
    """
    art = ctx.article
    if not art.main_state:
        return None
    tax = load_taxonomy()
    airports = _unique(
        m.place
        for m in art.mentions
        if m.place is not None
        and m.place.kind == "airport"
        and m.place.country == "MX"
        and m.place.admin1 == art.main_state
        and m.role == "place"
    )
    assignment = {
        t: airports[:1] if len(airports) == 1 and tax.has(t, "at_airport") else [art.state]
        for t in ctx.types
    }
    return Placement("article's state", assignment)


def article_country(ctx: SentenceContext) -> Placement:
    """``article's country``: nothing in the text says where: no place.

    Not reported as a Mexican incident (the story may be about another
    country).
    """
    return _everywhere(ctx, [], "article's country")


#: The locators of a sentence, tried in this order (see the module's docstring).
LOCATORS: tuple[Locator, ...] = (
    at_sentence,
    headline,
    abroad,
    town_reference,
    country_scope,
    issuer,
    state_scope,
    aftermath,
    anaphora,
    agency_seat,
    previous_sentence,
    country_named,
    dateline,
    article_town,
    article_state,
    article_country,
)


def operation_place(ctx: SentenceContext) -> Placement | None:
    """``the operation's place``: "killed in the operation": the raid's finest place."""
    if not ctx.operation_places:
        return None
    finest = min(ctx.operation_places, key=lambda p: PRECISION_ORDER.index(precision_of(p)))
    return _everywhere(ctx, [finest], "the operation's place")


def article_town_for_all(ctx: SentenceContext) -> Placement | None:
    """``article's town``: every type local: the town the article is about."""
    tax = load_taxonomy()
    town = ctx.article.main_town
    if town is not None and all(tax.has(t, "unplaced_at_town") for t in ctx.types):
        return _everywhere(ctx, [town], "article's town")
    return None


#: The locators of a deferred (``anaphora``) sentence, tried in this order once
#: the article's raids are known; none applying drops the sentence (no place in
#: the text: not placed at the country by default).
DEFERRED_LOCATORS: tuple[Locator, ...] = (operation_place, article_town_for_all, article_state)


def locate(ctx: SentenceContext, locators: Sequence[Locator] = LOCATORS) -> Placement | None:
    """The first placement the locators give, in order.

    Parameters
    ----------
    ctx : SentenceContext
    locators : sequence of callables
        :data:`LOCATORS` or :data:`DEFERRED_LOCATORS`.

    Returns
    -------
    Placement or None
        None when no locator applies (only among the deferred ones).
    """
    for locator in locators:
        placement = locator(ctx)
        if placement is not None:
            return placement
    return None


#: "across central and eastern Mexico", "en todo México": the country as where.
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:across|in|throughout|around|en|por|todo|toda)"
    r"(?:\s+\w+){0,3}\s+$",
    re.IGNORECASE,
)
#: Prefix of the pseudo-types of triggers that refer to an event ("tras la
#: detención de un líder en Los Mochis", "following the raid"): they keep the
#: places that follow them from other triggers, and yield an incident of their
#: type only where the sentence names its place.
REFERENCE_PREFIX = "_reference:"


def _solo(trigger_type: str) -> bool:
    """Casualty counts and referring triggers never share places with neighbours."""
    return load_taxonomy().has(trigger_type, "solo") or trigger_type.startswith(REFERENCE_PREFIX)


#: Triggers closer than this (characters) describe one act: "burning buses
#: blocked highways", "bloqueos con vehículos incendiados".
_COMPOUND_GAP = 25
_FRONTED = re.compile(
    r"^[^\w]*,\s*(?!(?:and|y|e|but|pero|while|mientras|or|o|as|como)\b)"
    r"(?:\w+\s+){0,3}$"
)


def assign_places(
    types, triggers, items, folded: str = "", issuer: tuple | None = None
) -> dict[str, list[Place]]:
    """Give each place to the incident type whose trigger governs it.

    A place takes the nearest trigger *before* it ("X happened in P": news
    names the place after the event), or failing that the nearest after it
    ("In Culiacán, gunmen torched cars"). So "classes were suspended across
    Guanajuato and buses stopped in León" gives Guanajuato to the school
    closure and León to the transport suspension, while "blocked avenues in
    Guadalajara and Tlaquepaque with burning buses" gives both to the
    blockade. A type left without a place of its own shares the places of
    the nearest trigger before it that has some (else after it); casualties
    take all the sentence's places. An advisory or closure with no place of
    its own whose clause names a state-wide issuer (``issuer``: the types it
    applies to, the issuer pattern, the article's state) takes that state
    instead, and one named after a town ("el ayuntamiento de X") that town
    (``issuer[3]``: the sentence's agency seats and their positions). Places
    go to trigger *occurrences*:
    triggers of one act (close together) share them, while another act of
    the same type in the sentence keeps its own ("blockades across Sinaloa
    after an arrest in Los Mochis"). Within one act a state is dropped where
    a place inside it is named, and the country where any Mexican place is.
    """
    tax = load_taxonomy()
    spans_all = sorted((a, b, t) for t, spans in triggers.items() for a, b in spans)
    per_span: list[list[Place]] = [[] for _ in spans_all]
    apart: list[Place] = []
    # Places after a trigger but inside the reason clause that follows it
    # ("se cancelaron los viajes desde Hermosillo ante la situación que se
    # vive en Sinaloa"): the trigger's own place, where it has one, wins.
    reasoned: list[Place] = []
    stated: list[Place] = []
    for place, pos, end in items:
        (reasoned if folded and _in_reason(folded, spans_all, pos) else stated).append(place)
        inside = [i for i, (a, b, _) in enumerate(spans_all) if a <= pos < b]
        before = [i for i, (_, b, _) in enumerate(spans_all) if b <= pos]
        after = [i for i, (a, _, _) in enumerate(spans_all) if a > pos]
        if inside:
            chosen = inside
        elif (
            after
            and folded
            and end > pos
            and not spans_all[after[0]][2].startswith(REFERENCE_PREFIX)
            and _FRONTED.match(folded[end : spans_all[after[0]][0]])
            and not _in_reason_clause(folded, spans_all, before, pos)
        ):
            # "while in Guadalajara, public transport was halted": a place set
            # before the clause it belongs to.
            chosen = [after[0]]
        elif before:
            nearest = max(spans_all[i][1] for i in before)
            chosen = [i for i in before if spans_all[i][1] == nearest]
        else:
            # Only a trigger of the place's own clause: "En Chihuahua, Guerrero
            # y Sinaloa ocurrieron asesinatos; en la ciudad de Chihuahua un
            # enfrentamiento..." gives the clash to Chihuahua alone.
            near = [
                i
                for i, (a, b, _) in enumerate(spans_all)
                if ";" not in folded[min(end, a) : max(pos, b)]
                # "flights to Culiacán were cancelled after the arrest of a
                # leader": a reason clause's event takes no place before it.
                and not (a > pos and folded and _reason_regex().search(folded, max(0, a - 24), a))
            ]
            if not near:
                apart.append(place)  # its clause's deaths are still its own
                continue
            best = min(_distance(pos, spans_all[i][:2]) for i in near)
            chosen = [i for i in near if _distance(pos, spans_all[i][:2]) == best]
        for i in chosen:
            per_span[i].append(place)
    # Triggers of one act ("Bloqueos, quema de vehículos y enfrentamientos")
    # share their places; another act of the same type keeps its own, and
    # so does a trigger with a place between ("Enfrentamiento en Tuxtepec y
    # quema de camiones en Tehuacán") or a semicolon ("six killed in a
    # Navolato raid; roadblocks spread across Sinaloa").
    groups: list[list[int]] = []
    for i, (a, b, t) in enumerate(spans_all):
        prev = groups[-1][-1] if groups else None
        gap = (spans_all[prev][1], a) if prev is not None else (0, 0)
        if (
            prev is not None
            and not _solo(t)
            and not _solo(spans_all[prev][2])
            and 0 <= gap[1] - gap[0] <= _COMPOUND_GAP
            and ";" not in folded[gap[0] : gap[1]]
            and not any(gap[0] <= pos < gap[1] for _, pos, _ in items)
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
    out: dict[str, list[Place]] = {t: [] for t in types}
    for group in groups:
        shared = _drop_coarser(_unique(p for i in group for p in per_span[i]))
        for i in group:
            t = spans_all[i][2]
            if t.startswith(REFERENCE_PREFIX) and shared:
                # The event referred to, where the text names its place ("tras
                # la detención de un líder en Los Mochis"), is reported too.
                t = t[len(REFERENCE_PREFIX) :]
                out.setdefault(t, [])
            if t in out:
                out[t] += [p for p in shared if p not in out[t]]
    only_reason = [p for p in reasoned if p not in stated]
    for t, places in out.items():
        kept = [p for p in places if p not in only_reason]
        if kept:
            out[t] = kept
    every = _drop_coarser([p for p, _, _ in items])
    # Deaths and arrests belong to the clash or operation the sentence names,
    # told here or referred to ("tras el enfrentamiento en Cuernavaca, en el
    # que murieron seis personas, bloquearon la autopista en Tres Marías").
    violent = _drop_coarser(
        _unique(
            p
            for i, (_, _, t) in enumerate(spans_all)
            if tax.has(t.removeprefix(REFERENCE_PREFIX), "violent")
            for p in per_span[i]
        )
    )
    for t in out:
        if tax.has(t, "follows_violence"):
            out[t] = _drop_coarser(_unique(violent + apart)) if violent else every
        elif not out[t]:
            placed = [o for o in out if o != t and out[o]]
            if (
                folded
                and placed
                and all(tax.has(o, "issued") for o in placed)
                and all(_in_reason(folded, spans_all, a, cause=True) for a, _ in triggers[t])
            ):
                # "retomaron las clases virtuales, debido a la violencia
                # provocada por enfrentamientos": a closure's places are not
                # where its reason happened. (A shootout "after gunmen tried
                # to kidnap a businessman" still lends its town.)
                continue
            first = triggers[t][0][0]
            if issuer is not None and t in issuer[0]:
                # "..., and the state government urged people to avoid travel":
                # a state-wide issuer in the advisory's own clause sets its reach;
                # "el ayuntamiento de Frontera Comalapa pidió...": a town's.
                since = max((b for _, b, _ in spans_all if b <= first), default=0)
                seats = [p for p, pos in issuer[3] if since <= pos < first]
                if seats:
                    out[t] = _unique(seats)
                    continue
                if issuer[2] is not None and issuer[1].search(folded, since, first):
                    out[t] = [issuer[2]]
                    continue
            # Prefer the nearest trigger before this one ("blocked avenues in
            # X with burning buses": the burning goes with the blocking).
            # A trigger in a reason clause ("tras un operativo en Tapalpa, se
            # registraron bloqueos") lends its place last.
            reason = _reason_regex()
            others = [
                (
                    bool(folded) and bool(reason.search(folded, max(0, b[0] - 24), b[0])),
                    b[0] > first,
                    min(_distance(a[0], b) for a in triggers[t]),
                    o,
                )
                for o in out
                if o != t and not tax.has(o, "follows_violence") and out[o] and o in triggers
                for b in triggers[o]
            ]
            out[t] = out[min(others)[3]] if others else every
    return out


def _issuer_places(
    issuers: dict,
    types: list[str],
    folded: str,
    mentions: list[Mention],
    main_state: str | None,
    gaz: Gazetteer,
) -> list[Place]:
    """Where an advisory or closure applies, from who issued it.

    Only for a sentence that names no place of its own and reports nothing
    but advisories and closures: "The U.S. Consulate in Matamoros told its
    staff to shelter in place" applies in Matamoros, "el gobierno estatal
    pidió a la población no salir" across the state. The issuer is named
    before the advisory (``mentions`` holds only those). A municipal issuer
    without a named town, or a sentence pointing back at a place ("avoid the
    highway"), is left to the usual fallbacks (the place before).
    """
    issued = set(load_taxonomy().with_behaviour("issued"))
    if not set(types) & issued:
        return []
    named = _unique(
        m.place
        for m in mentions
        if m.role == "context" and m.place.country == "MX" and m.place.kind != "country"
    )
    towns = [p for p in named if p.kind in ("city", "town", "airport")]
    if towns:
        # "the Consulate in Tijuana ... avoid the east of the city": Tijuana; what
        # else the sentence reports is the reason for the advisory, in that town
        # ("shelter in place due to gunfights and blockades throughout the city").
        return towns
    if not set(types) <= issued:
        return []
    if issuers["defer_regex"].search(folded):
        return []  # "Sonora's government urged drivers to avoid the highway"
    if named:
        return named
    if (
        main_state
        and issuers["state_regex"].search(folded)
        and not issuers["local_regex"].search(folded)
    ):
        return [gaz.states[main_state]]
    return []


def _drop_coarser(places: list[Place]) -> list[Place]:
    """Drop a state or region where a town inside it is named, and the country where any is.

    A settlement placed at its municipality's seat ("la colonia Lomas del
    Sol" in Los Cabos) and the seat itself are one place for one act: the
    settlement, the finer name, is kept.
    """
    finer = {p.admin1 for p in places if p.kind not in ("state", "country", "region")}
    some = any(p.kind != "country" for p in places)
    settled = {(p.lat, p.lon) for p in places if p.id.startswith(SETTLEMENT_PREFIX)}
    return [
        p
        for p in places
        if not (p.kind in ("state", "region") and p.admin1 in finer)
        and not (p.kind == "country" and some)
        and not (not p.id.startswith(SETTLEMENT_PREFIX) and (p.lat, p.lon) in settled)
    ]


#: Ids of settlements and colonias, placed at their municipality's seat.
SETTLEMENT_PREFIX = "settlement:"


def _unique(places) -> list[Place]:
    seen: set[str] = set()
    return [p for p in places if not (p.id in seen or seen.add(p.id))]


def _distance(pos: int, span: tuple[int, int]) -> int:
    start, end = span
    return 0 if start <= pos < end else min(abs(pos - start), abs(pos - end))


def _in_reason_clause(folded: str, spans_all, before: list[int], pos: int) -> bool:
    """Whether a place ends a reason clause with its own trigger.

    "tras un operativo federal en la zona serrana de Tapalpa, se registraron
    bloqueos": Tapalpa is the operation's place, not fronted for the
    blockades after the comma.
    """
    if not before:
        return False
    a, b, _ = spans_all[max(before, key=lambda i: spans_all[i][1])]
    return "," not in folded[b:pos] and bool(_reason_regex().search(folded, max(0, a - 24), a))


def _in_reason(folded: str, spans_all, pos: int, cause: bool = False) -> bool:
    """Whether a place at ``pos`` lies in a reason clause with no trigger of its own.

    "se cancelaron los viajes desde Hermosillo ante la situación que se vive
    en Sinaloa", "debido a los hechos suscitados en Sinaloa y acatando las
    instrucciones, se cancelaron las corridas": Sinaloa gives the reason.
    A reason clause before the trigger ends at a comma. With ``cause``, only
    a clause that gives a cause counts ("debido a", "due to"), not one that
    tells what came just before ("tras", "after").
    """
    since = max((b for _, b, _ in spans_all if b <= pos), default=None)
    if since is None:
        since = max(folded.rfind(",", 0, pos), folded.rfind(";", 0, pos), 0)
    return _reason_word_regex(cause).search(folded, since, pos) is not None


@lru_cache(maxsize=2)
def _reason_word_regex(cause: bool = False) -> re.Pattern:
    """Any reason clause's (or only a cause's) opening words, in every pack."""
    rules = load_rules("incidents")
    words = sorted(rules["cause_markers" if cause else "reason_markers"], key=len, reverse=True)
    return phrase_regex(words, r"\b(?:{})\b")


@lru_cache(maxsize=1)
def _reason_regex() -> re.Pattern:
    """A reason clause's opening words, in every pack, right before a trigger."""
    words = sorted(load_rules("incidents")["reason_markers"], key=len, reverse=True)
    return phrase_regex(words, r"\b(?:{})\b(?:\s+\w+){{0,2}}\s+$")


@lru_cache(maxsize=16)
def _spread_regex(langs: tuple[str, ...] | None = None) -> re.Pattern:
    """Words before a place that give a reach over it ("across central Mexico")."""
    words = sorted(load_rules("places", langs)["spread_before"], key=len, reverse=True)
    return phrase_regex(words, r"\b(?:{})(?:\s+\w+){{0,4}}\s+$", re.IGNORECASE)


@lru_cache(maxsize=16)
def _scope_regex(kind: str, langs: tuple[str, ...] | None = None) -> re.Pattern:
    words = sorted({name_key(w) for w in load_rules("places", langs)[kind]}, key=len, reverse=True)
    if not words:
        return NEVER
    cues = "|".join(re.escape(c) for c in words)
    # "in the state of San Luis Potosí", "en el estado de Guanajuato" name
    # the state: not a vague scope.
    return re.compile(rf" (?:{cues})(?:[,.;:]| (?!of |de |del ))")


def is_headline(text: str, s: Sentence) -> bool:
    """A short line with no final punctuation, on its own line: a headline.

    The text's last line is no headline: with nothing after it, it is a
    sentence the stored excerpt cut off ("las clases fueron suspendidas, los nego").
    """
    line_end = text.find("\n", s.end)
    own_line = (s.start == 0 or text[s.start - 1] == "\n") and (
        line_end == -1 or not text[s.end : line_end].strip()
    )
    last = line_end == -1 or not text[line_end:].strip()
    return own_line and not last and len(s.text) < 150 and s.text[-1:] not in '.!?"”»)'


def scope_positions(
    folded: str, kind: str, original: str | None = None, langs: tuple[str, ...] | None = None
) -> list[int]:
    """Where a (folded) sentence names a vague scope of this kind."""
    padded = " " + original + " " if original is not None else None
    return [
        m.start()
        for m in _scope_regex(kind, langs).finditer(" " + folded + " ")
        if not _names_an_agency(m, padded) and not _describes_a_road(m, langs)
    ]


def _has_scope(
    folded: str,
    kind: str,
    original: str | None = None,
    langs: tuple[str, ...] | None = None,
    spread: bool = False,
) -> bool:
    """Whether a (space-padded, folded) sentence names a vague scope of this kind.

    ``original`` is the sentence as written, padded the same way. With
    ``spread``, whether it names parts spread over the scope instead ("en
    varias zonas del estado", "in several parts of the state").
    """
    return any(
        not _names_an_agency(m, original)
        and not _describes_a_road(m, langs)
        and _region_before(m, langs) == ("spread" if spread else None)
        for m in _scope_regex(kind, langs).finditer(folded)
    )


def _names_a_region(m: re.Match, langs: tuple[str, ...] | None) -> bool:
    """Whether a scope is a part of the country ("un grupo del occidente del país").

    A region of the country is not the country: the scope says where a group
    is from or which part is meant, and the event keeps its own place.
    """
    return _region_before(m, langs) is not None


def _region_before(m: re.Match, langs: tuple[str, ...] | None) -> str | None:
    """``region`` for a part named before a scope, ``spread`` for several parts, else None."""
    region = _scope_region_regex(langs).search(m.string, max(0, m.start() - 30), m.start())
    if region is None:
        return None
    lo = max(0, region.start() - 30)
    spread = _scope_spread_regex(langs).search(m.string, lo, region.start())
    return "spread" if spread else "region"


@lru_cache(maxsize=8)
def _scope_region_regex(langs: tuple[str, ...] | None) -> re.Pattern:
    return phrase_regex(folded_phrases(load_rules("places", langs)["scope_regions"]), r"\b(?:{})$")


@lru_cache(maxsize=8)
def _scope_spread_regex(langs: tuple[str, ...] | None) -> re.Pattern:
    words = folded_phrases(load_rules("places", langs)["scope_spread_words"])
    return phrase_regex(words, r"\b(?:{})\s+$")


#: How far back, in characters, a road's description may open before a scope.
ROAD_DESCRIPTION_REACH = 40


def _describes_a_road(m: re.Match, langs: tuple[str, ...] | None) -> bool:
    """Whether a scope lies in a clause saying where a road runs.

    "la carretera federal 57, que conecta al centro del país con el norte":
    the country is where the road goes, not where the blockade reached.
    """
    before = m.string[max(0, m.start() - ROAD_DESCRIPTION_REACH) : m.start() + 1]
    return bool(_road_description_regex(langs).search(before))


@lru_cache(maxsize=8)
def _road_description_regex(langs: tuple[str, ...] | None) -> re.Pattern:
    words = folded_phrases(load_rules("places", langs)["road_descriptions"])
    # The description and the scope in one clause: no stop in between.
    return phrase_regex(words, r" (?:{}) [^.;:]*$")


_POSSESSIVE_SCOPE = re.compile(r" (?:del|de la|de los|de las) ")
_LAST_WORD = re.compile(r"(\w+)\W*$")


def _names_an_agency(m: re.Match, original: str | None) -> bool:
    """Whether a possessive scope ends an agency's name rather than giving a reach.

    "la Secretaría de Seguridad y Protección Ciudadana del estado": the word
    before "del estado" is capitalised, so it names who spoke, not where.
    """
    if original is None or not _POSSESSIVE_SCOPE.match(m.string, m.start()):
        return False
    word = _LAST_WORD.search(original, 0, m.start() + 1)
    return bool(word) and word.group(1)[:1].isupper()


def _wave_scope(
    mentions: list[Mention], gaz: Gazetteer, mexico: Place, folded: str, langs: tuple[str, ...]
) -> Place:
    """Where a wave of violence the article tells spread: its one state, or the country.

    The country where the article says so anywhere ("cartel members across
    the country kicked off a wave of deadly violence") or names several states.
    """
    if scope_positions(folded, "country_scope", langs=langs):
        return mexico
    states = {
        m.place.admin1
        for m in mentions
        if m.place is not None
        and m.role == "place"
        and m.place.country == "MX"
        and m.place.kind != "country"
        and m.place.admin1
    }
    return gaz.states[states.pop()] if len(states) == 1 else mexico
