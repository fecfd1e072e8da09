"""From sentences and place mentions to incidents: what happened, where, when.

Classification is by transparent rules: each incident type has trigger
patterns (``incidents.json`` of the article's language pack, ``data/lang/<code>/``) matched on the
folded sentence; every incident keeps its exact evidence sentence and
offsets. One sentence may yield several incidents (a blockade and an arson);
a sentence that only reports policy or reactions matches no trigger and
yields none. Casualty counts are read as *number → group → outcome* ("four
cartel members were killed", "abatieron a tres presuntos delincuentes").

Where: an incident takes the places its sentence names (the finest ones:
"Tapalpa, Jalisco" gives Tapalpa). Failing that, a vague scope decides
("across the country" → Mexico, "en la entidad" → the article's state), a
reference to "the operation" takes the raid's place, then the previous
sentence's places, then the dateline's town, then the article's main state.
Flight suspensions "in Guadalajara" are placed at the city's airport. Nothing is given a point more
precise than the text supports: ``precision`` says point, town, state or
country.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from .errors import DataError
from .gazetteer import Gazetteer, data_dir, haversine_km, load_gazetteer
from .language import sentence_language
from .locators import (
    DEFERRED_LOCATORS,
    REFERENCE_PREFIX,
    ArticleFacts,
    SentenceContext,
    is_headline,
    locate,
)
from .normalize import fold
from .records import (
    TOWN_PRECISIONS,
    Article,
    Casualty,
    Evidence,
    Mention,
    Place,
    Precision,
    Sentence,
    precision_of,
)
from .rules import NEVER, available_languages, folded_phrases, load_rules, phrase_regex
from .taxonomy import load_taxonomy
from .when import date_matches

__all__ = [
    "Finding",
    "classify_sentence",
    "find_casualties",
    "locate_incidents",
    "incident_vocab",
]


@lru_cache(maxsize=8)
def incident_vocab(langs: tuple[str, ...] | None = None) -> dict:
    """The incident rules of the language packs ``langs`` (all when None), compiled.

    Trigger types are checked against the taxonomy: a pack naming a type the
    taxonomy lacks is a :class:`geo.errors.DataError`.
    """
    import ahocorasick

    v = json.loads(json.dumps(load_rules("incidents", langs)))
    anchors = ahocorasick.Automaton()
    by_anchor: dict[str, set[str]] = {}
    tax = load_taxonomy()
    for name in list(v["types"]):
        if name not in tax.types:
            raise DataError(
                f"{data_dir() / 'lang'}: incidents.json: types.{name}: not an incident "
                f"type of the taxonomy; expected one of {sorted(tax.ids)}"
            )
    # Triggers in the taxonomy's order, which is the order types are reported in.
    v["types"] = {t: v["types"][t] for t in tax.ids if t in v["types"]}
    for name, spec in v["types"].items():
        spec["regex"] = _alternation(spec["patterns"]) if spec["patterns"] else NEVER
        spec["unless_regex"] = _alternation(spec["unless"]) if spec.get("unless") else None
        spec["objects_regex"] = _alternation(spec["objects"]) if spec.get("objects") else None
        for a in spec["anchors"]:
            by_anchor.setdefault(a, set()).add(name)
    for a, names in by_anchor.items():
        anchors.add_word(a, (len(a), tuple(sorted(names))))
    if by_anchor:
        anchors.make_automaton()
    v["anchor_automaton"] = anchors if by_anchor else None
    cas = v["casualties"]
    cas["outcome_index"] = _phrase_index(cas["outcomes"])
    cas["group_index"] = _phrase_index(cas["groups"])
    v["not_event_regex"] = phrase_regex(v["not_event"], "{}")
    # "Lee también: Matan a tres en ...": a link to another article, to the end of its line.
    # The labels that are never prose take no colon: "Lee también Ataque
    # armado en expendio de cerveza de Culiacán deja un muerto".
    bare = "|".join(re.escape(w) for w in sorted(v["related_links_bare"], key=len, reverse=True))
    v["related_regex"] = phrase_regex(
        sorted(v["related_links"], key=len, reverse=True),
        r"^[ \t]*[-\u2013\u2022*]?[ \t]*(?:(?:{})[ \t]*:"
        + (rf"|(?:{bare})[ \t]+(?=\S)" if bare else "")
        + r")[ \t]*\S[^\n]*",
        re.M,
    )
    # The labels with no spaces, for a label alone on its line ("Te puede
    # interesar", scraped as "Te puedeinteresar").
    v["related_labels"] = frozenset(
        w.replace(" ", "") for w in v["related_links"] + v["related_links_bare"]
    )
    # "Haga clic para comentar" alone on its line: the page's furniture follows.
    v["trailer_regex"] = phrase_regex(
        sorted(v["page_trailers"], key=len, reverse=True), r"^[ \t]*(?:{})[ \t]*:?[ \t]*$", re.M
    )
    exceptions = "|".join(re.escape(w) + r"\b" for w in v["negation_exceptions"])
    v["negation_regex"] = phrase_regex(
        v["trigger_negations"],
        r"\b(?:{})\s+" + (f"(?!{exceptions})" if exceptions else "") + r"(?:\w+\s+){{0,3}}$",
    )
    v["hedge_regex"] = phrase_regex(v["hedges"], r"\b(?:{})\s+(?:\w+\s+){{0,2}}$")
    # "has often been the site of clashes", "gun battles frequently erupt".
    v["habitual_before_regex"] = phrase_regex(v["habitual"], r"\b(?:{})\s+(?:\w+\s+){{0,4}}$")
    v["habitual_after_regex"] = phrase_regex(v["habitual"], r"^\s+(?:\w+\s+){{0,1}}(?:{})\b")
    v["locating_regex"] = _alternation(v["locating"]) if v["locating"] else NEVER
    v["generic_regex"] = _alternation(v["generic_events"]) if v["generic_events"] else NEVER
    v["wide_regex"] = _alternation(v["wide_reach"]) if v["wide_reach"] else NEVER
    causes = folded_phrases(v.get("other_causes", []))
    v["other_causes_regex"] = phrase_regex(causes, r"\b(?:{})\b") if causes else NEVER
    for name in v["not_before"]:
        if name not in tax.types:
            raise DataError(
                f"{data_dir() / 'lang'}: incidents.json: not_before.{name}: not an incident "
                f"type of the taxonomy; expected one of {sorted(tax.ids)}"
            )
    v["not_before_regex"] = {
        name: _alternation(patterns) for name, patterns in v["not_before"].items() if patterns
    }
    v["reference_regex"] = phrase_regex(
        sorted(v["reference_prefixes"], key=len, reverse=True), r"(?:^|\W)(?:{})\s*$"
    )
    v["telling_regex"] = phrase_regex(
        sorted(v.get("telling_clauses", []), key=len, reverse=True), r"\s*,?\s*(?:{})\b"
    )
    v["announcement_regex"] = phrase_regex(
        sorted(v.get("announcements", []), key=len, reverse=True),
        r"(?:^|\W)(?:{})\s+(?:"
        + "|".join(re.escape(w) for w in v["definite_articles"])
        + r")?\s*$",
    )
    outcome_words = sorted(
        {w for ws in cas["outcomes"].values() for w in ws}, key=len, reverse=True
    )
    cas["outcome_regex"] = phrase_regex(outcome_words)
    cas["not_outcome_regex"] = phrase_regex(sorted(cas["not_outcomes"], key=len, reverse=True))
    for level in ("state", "local", "defer"):
        v["issuers"][level + "_regex"] = phrase_regex(v["issuers"][level])
    v["anaphora_regex"] = phrase_regex(v["anaphora"])
    v["aftermath_regex"] = phrase_regex(v["aftermath"])
    referring = "|".join(re.escape(w) for w in v["referring_words"])
    v["definite_prefixes"] = tuple(w + " " for w in v["definite_articles"])
    v["referring_regex"] = phrase_regex(v["referring_words"], r"\b(?:{})\s+$")
    # The same, or a verb that presupposes the event, before a determiner the
    # trigger itself does not hold ("retiraron el bloqueo").
    presupposing = "|".join(
        [referring] + [re.escape(w) for w in v["presupposing_verbs"]]
        if referring
        else [re.escape(w) for w in v["presupposing_verbs"]]
    )
    v["referring_the_regex"] = (
        re.compile(
            rf"\b(?:{presupposing})\s+(?:"
            + "|".join(re.escape(w) for w in v["determiners"])
            + r")\s+$"
        )
        if presupposing and v["determiners"]
        else NEVER
    )
    # One pass for every country: the word found names its country.
    v["demonym_country"] = {w: iso for iso, words in v["foreign_demonyms"].items() for w in words}
    v["demonym_regex"] = phrase_regex(sorted(v["demonym_country"], key=len, reverse=True))
    cas["victim_index"] = _phrase_index(cas["victims"])
    tallies = folded_phrases(cas.get("tallies", []))
    cas["tally_regex"] = phrase_regex(tallies, r"\b(?:{})\b") if tallies else NEVER
    cas["one_each_regex"] = _alternation(cas["one_each"]) if cas.get("one_each") else NEVER
    cas["countless_regex"] = {
        outcome: _alternation(patterns)
        for outcome, patterns in cas["countless"].items()
        if patterns
    }
    for key in (
        "singular_auxiliaries",
        "instruments",
        "object_words",
        "victim_articles",
        "conjunctions",
        "fillers",
        "determiners",
        "partitives",
        "referring_numbers",
        "not_negations",
        "asides",
        "article_numbers",
        "single_victim_determiners",
        "singular_determiners",
        "plural_nouns",
    ):
        cas[key] = frozenset(cas[key])
    cas["plural_endings"] = tuple(cas["plural_endings"])
    return v


def _alternation(patterns: list[str]) -> re.Pattern:
    r"""One regex for many patterns; a leading ``\\b`` shared by all is tested once.

    Python's ``re`` tries every alternative at every position; checking the
    word boundary first makes most positions fail at once.
    """
    if all(p.startswith("\\b") for p in patterns):
        return re.compile(r"\b(?:" + "|".join(f"(?:{p[2:]})" for p in patterns) + ")")
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _phrase_index(groups: dict[str, list[str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Phrases as word tuples keyed by their first word, longest first, with labels."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for label, phrases in groups.items():
        for p in phrases:
            words = tuple(p.split())
            out.setdefault(words[0], []).append((words, label))
    for entries in out.values():
        entries.sort(key=lambda t: -len(t[0]))
    return out


#: Characters around an anchor word searched for a full trigger pattern.
_WINDOW = 90


def article_triggers(
    folded: str, references: list | None = None, langs: tuple[str, ...] | None = None
) -> dict[str, list[tuple[int, int]]]:
    """Trigger spans of every type over a whole folded article.

    A trigger preceded by a reference ("following the raid", "tras el
    operativo") refers to an event reported elsewhere, and one preceded by a
    negation ("no flights were cancelled") says it did not happen: neither
    counts, nor does a hedged one ("ante el temor de nuevos enfrentamientos",
    "to prevent blockades"). A first pass with an Aho-Corasick automaton finds the anchor words
    (``anchors`` in the vocabulary; every pattern contains one); the full
    patterns then run only in windows around them. Same result as running
    every pattern over the whole text, many times faster. The spans of
    referring triggers are appended to ``references`` when it is given.
    ``langs`` chooses the rule packs (all when None).
    """
    v = incident_vocab(langs)
    spanish = langs is not None and "es" in langs
    windows: dict[str, list[list[int]]] = {}
    automaton = v["anchor_automaton"]
    for end, (length, names) in automaton.iter(folded) if automaton is not None else ():
        lo, hi = max(0, end - length - _WINDOW), end + _WINDOW
        for name in names:
            spans = windows.setdefault(name, [])
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], hi)
            else:
                spans.append([lo, hi])
    out: dict[str, list[tuple[int, int]]] = {}
    for name, spans in windows.items():
        spec = v["types"][name]
        regex, unless, objects = spec["regex"], spec["unless_regex"], spec["objects_regex"]
        seen = set()
        for lo, hi in spans:
            for m in regex.finditer(folded, lo, min(hi, len(folded))):
                if m.start() in seen:
                    continue
                seen.add(m.start())
                before = folded[max(0, m.start() - 30) : m.start()]
                # "following the raid" refers to an event told elsewhere;
                # "no flights were cancelled" says it did not happen.
                if v["negation_regex"].search(before) or v["hedge_regex"].search(before):
                    continue
                if v["habitual_before_regex"].search(before) or v["habitual_after_regex"].search(
                    folded, m.end(), m.end() + 30
                ):
                    continue  # what often happens there, not what happened
                near = (max(0, m.start() - UNLESS_REACH), m.end() + UNLESS_REACH)
                if (
                    unless is not None
                    and unless.search(folded, *near)
                    and (objects is None or not objects.search(folded, *near))
                ):
                    continue  # "golpeados y luego quemados": people burned, not property
                stop = v["not_before_regex"].get(name)
                lo_stop = max(0, m.start() - NOT_BEFORE_REACH)
                if stop is not None and stop.search(folded, lo_stop, m.start()):
                    continue  # "police set a roadblock": a checkpoint, not a blockade
                # "tras repeler una agresión": a verb after "tras" reports the
                # event; only a noun ("tras el enfrentamiento") refers back.
                verb = spanish and _INFINITIVE.match(m.group(0)) is not None
                # "informó sobre la suspensión de clases" announces it.
                refers = v["reference_regex"].search(before) and not v["announcement_regex"].search(
                    before
                )
                if (not verb and refers) or _definite_reference(m.group(0), before, v):
                    if references is not None:
                        references.append((m.start(), m.end(), name))
                    continue
                out.setdefault(name, []).append((m.start(), m.end()))
    for spans in out.values():
        spans.sort()
    return {name: out[name] for name in v["types"] if name in out}


#: How far around a trigger, in characters, its type's ``unless`` patterns look.
UNLESS_REACH = 120

#: How far before a trigger, in characters, its ``not_before`` patterns look.
NOT_BEFORE_REACH = 100

#: A trigger that opens with a Spanish infinitive ("repeler", "enfrentarse").
_INFINITIVE = re.compile(r"\w+(?:ar|er|ir)(?:se|los|las|lo|la|le|les)?\b")


def _definite_reference(trigger: str, before: str, v: dict) -> bool:
    """Tell a definite trigger that refers back to an event told elsewhere.

    "killed in the operation", "durante el bloqueo", "retiraron el bloqueo":
    the event is presupposed, not reported again.
    """
    if trigger.startswith(v["definite_prefixes"]):
        return v["referring_regex"].search(before) is not None
    return v["referring_the_regex"].search(before) is not None


def trigger_spans(
    text: str, folded: str | None = None, langs: tuple[str, ...] | None = None
) -> dict[str, list[tuple[int, int]]]:
    """Where each incident type is triggered in a sentence (offsets in ``text``).

    ``folded`` may pass ``fold(text)`` when the caller has it already. See
    :func:`article_triggers` for what does not count.
    """
    folded = fold(text) if folded is None else folded
    if incident_vocab(langs)["not_event_regex"].search(folded):
        return {}  # "threatened to block roads": it did not happen (yet)
    return article_triggers(folded, langs=langs)


def classify_sentence(text: str, langs: tuple[str, ...] | None = None) -> list[str]:
    """Incident types a sentence reports, in taxonomy order (casualties apart).

    Examples
    --------
    >>> classify_sentence("Gunmen torched vehicles and blocked highways in Jalisco.")
    ['blockade', 'arson']
    >>> classify_sentence("Se suspendieron las clases y el transporte dejó de circular.")
    ['transport_suspension', 'school_closure']
    >>> classify_sentence("Noem announced plans to paint the border wall black.")
    []
    """
    return list(trigger_spans(text, langs=langs))


_WORD = re.compile(r"\$?[a-z0-9]+(?:[.,]\d+)*%?|[;:()]")


def find_casualties(
    text: str,
    source: str,
    folded: str | None = None,
    langs: tuple[str, ...] | None = None,
    told: dict[str, int] | None = None,
) -> list[Casualty]:
    """Casualty counts in a sentence: number, then group, then outcome.

    ``told`` is the largest count of each outcome the article gave before
    this sentence: a count that refers back to those victims ("Los seis
    lesionados fueron trasladados", "two of the dead were identified") is
    not counted again.

    Examples
    --------
    >>> find_casualties("Four cartel members were killed and three soldiers wounded.", "a")
    [Casualty(outcome='killed', count=4, who='cartel members', source='a'), \
Casualty(outcome='wounded', count=3, who='soldiers', source='a')]
    >>> find_casualties("Abatieron a tres presuntos delincuentes.", "b")
    [Casualty(outcome='killed', count=3, who='cartel members', source='b')]
    >>> find_casualties("Hubo un operativo, sin que se reporten detenidos.", "c")
    []
    """
    cas = incident_vocab(langs)["casualties"]
    victims = cas["victim_index"]
    folded = fold(text) if folded is None else folded
    spaced = _without_not_outcomes(folded.replace("-", " "), cas)
    found = list(_WORD.finditer(spaced))
    words = [m.group() for m in found]
    # Whether punctuation stands between a word and the one before it.
    cut = [True] + [
        bool(_PUNCT.search(spaced, a.end(), b.start())) for a, b in zip(found, found[1:])
    ]
    out: list[Casualty] = []
    used_outcomes: set[int] = set()
    last_back: tuple[str, int, int] | None = None
    i = 0
    while i < len(words):
        count, width = _number_at(words, i, cas)
        if (
            count is None
            or _not_a_count(words, i, width, cas)
            or _an_age(words, cut, i, width, cas)
            or (
                words[i] in cas["article_numbers"]
                and not any(
                    _phrase_at(words, i + width + d, cas["group_index"])
                    # "one store employee", "uno de los policías"; but "a
                    # local cartel leader" is a person, not a count.
                    for d in range(
                        3
                        if words[i] == "one"
                        or (i + width < len(words) and words[i + width] in cas["partitives"])
                        else 1
                    )
                )
            )
        ):
            i += 1
            continue
        j = i + width
        group, outcome, o_at = None, None, None
        shared = False
        # A verb right before the count is its own: "murieron tres presuntos
        # delincuentes y un agente resultó herido", "killed three gunmen".
        verb_first = _verb_before(words, cut, i, cas, used_outcomes)
        if verb_first is not None:
            outcome, o_at = verb_first
            for k in range(j, min(len(words), j + 5)):
                group = group or _phrase_at(words, k, cas["group_index"])
        # Forward: "four cartel members were killed", "tres heridos"; "six
        # attackers and two soldiers dead" share the outcome.
        reach = min(len(words), j + 12) if verb_first is None else j
        aside_end = j
        for k in range(j, len(words)):
            if k >= reach:
                break
            if k < aside_end:
                continue
            if cut[k] and (
                words[k] in cas["asides"]
                or (k + 1 < len(words) and f"{words[k]} {words[k + 1]}" in cas["asides"])
            ):
                # "Six members of a family, including a baby and a child, were
                # murdered": the aside names some of the victims, the count
                # goes on to its verb after it.
                aside_end = next((m for m in range(k + 1, len(words)) if cut[m]), k + 1)
                reach = min(len(words), reach + aside_end - k)
                continue
            if words[k] in (";", ":"):
                break
            if k > j and _told_age(words, cut, k):
                # "un civil inocente, de 33 años de edad, perdió la vida": the
                # victim's age, not the next count.
                continue
            if (
                k > j
                and _number_at(words, k, cas)[0]
                and not (
                    # "cinco sicarios, a bordo de una camioneta, quedaron sin
                    # vida": an article, not the next count of a list.
                    group is not None
                    and words[k] in cas["article_numbers"]
                    and not _phrase_at(words, k + 1, cas["group_index"])
                )
            ):
                # "six attackers and two soldiers dead", "six police officers,
                # a prisoner and a man are dead": a list shares its outcome.
                if group is not None and (words[k - 1] in cas["conjunctions"] or cut[k]):
                    shared = True
                    continue
                break
            if group is None:
                group = _phrase_at(words, k, cas["group_index"])
            hit = _phrase_at(words, k, cas["outcome_index"])
            if hit and k not in used_outcomes:
                if _has_object(words, cut, k + _phrase_len(words, k, cas["outcome_index"]), cas):
                    break  # "un hombre armado mató al alcalde": the group did it
                outcome, o_at = hit, k
                break
        # Backward: "killed four", "abatieron a tres", "mataron a golpes a
        # un hombre" (how and when may stand between the verb and the victim).
        back = verb_first is not None
        if outcome is None:
            fill = sum(
                1
                for w in words[max(0, i - 6) : i]
                if w in cas["fillers"] or w in cas["instruments"] or w in cas["object_words"]
            )
            for k in range(max(0, i - 3 - min(fill, 3)), i):
                hit = _phrase_at(words, k, cas["outcome_index"])
                if hit and k not in used_outcomes:
                    outcome, o_at, back = hit, k, True
            # "mataron a un hombre y a una mujer": the verb's list shares it.
            if (
                outcome is None
                and last_back is not None
                and 0 < i - last_back[1] <= 4
                and any(w in cas["conjunctions"] for w in words[last_back[1] : i])
                and not any(cut[last_back[1] + 1 : i + 1])
            ):
                outcome, o_at, shared = last_back[0], last_back[2], True
            if outcome is not None and group is None:
                for k in range(j, min(len(words), j + 5)):
                    group = group or _phrase_at(words, k, cas["group_index"])
        if outcome is not None and _negated(words, min(i, o_at), cas):
            outcome = None  # "sin que se reporten detenidos", "no one was hurt"
        if (
            outcome is not None
            and told
            and count <= told.get(outcome, 0)
            and _refers_back(words, i, width, cas)
        ):
            used_outcomes.add(o_at)
            outcome = None  # victims told before: "los seis lesionados"
        if outcome is not None:
            if not shared:
                used_outcomes.add(o_at)
            out.append(Casualty(outcome, count, group or "people", source))
            if back or shared:
                last_back = (outcome, j, o_at)
            # "El chofer y una pasajera murieron": one more, named before the count.
            if (
                words[i] in cas["article_numbers"]
                and i >= 3
                and words[i - 1] in cas["conjunctions"]
                and words[i - 3] in cas["singular_determiners"]
                and not any(cut[i - 2 : i + 1])
                and (other := _phrase_at(words, i - 2, cas["group_index"])) is not None
                and not words[i - 2].endswith(cas["plural_endings"])
                and words[i - 2] not in cas["plural_nouns"]
            ):
                out.append(Casualty(outcome, 1, other, source))
        i = j
    # One victim without a number: "el alcalde fue asesinado", "a soldier was
    # killed", "mataron al alcalde".
    for k, w in enumerate(words):
        if k in used_outcomes:
            continue
        at = _after_auxiliary(words, k, cas)
        if at is not None:
            hit = _phrase_at(words, at, cas["outcome_index"])
            if hit is None or at in used_outcomes or _negated(words, k, cas):
                continue
            group = next(
                (
                    g
                    for d in range(1, 7)
                    if k - d >= 0
                    for g in [
                        _phrase_at(words, k - d, cas["group_index"])
                        or _phrase_at(words, k - d, victims)
                    ]
                    if g
                ),
                None,
            )
            used_outcomes.add(at)
            out.append(Casualty(hit, 1, group or "people", source))
        elif (
            w in cas["single_victim_verbs"]
            and k + 2 < len(words)
            and words[k + 1] in cas["victim_articles"]
            and not cut[k + 1]
            and _negated(words, k, cas) is False
        ):
            group = _phrase_at(words, k + 2, cas["group_index"]) or _phrase_at(
                words, k + 2, victims
            )
            if group:
                used_outcomes.add(k)
                out.append(Casualty(cas["single_victim_verbs"][w], 1, group, source))
        elif w in cas["single_victim_participles"] and k >= 2 and not cut[k]:
            # "la segunda periodista mexicana asesinada": one victim, no number.
            for d in (1, 2):
                noun = words[k - d]
                if k - d - 1 < 0 or noun.endswith("s") or any(cut[k - d + 1 : k + 1]):
                    continue
                group = _phrase_at(words, k - d, cas["group_index"]) or _phrase_at(
                    words, k - d, victims
                )
                if group and words[k - d - 1] in cas["single_victim_determiners"]:
                    if _negated(words, k - d - 1, cas):
                        break
                    used_outcomes.add(k)
                    out.append(Casualty(cas["single_victim_participles"][w], 1, group, source))
                    break
    if not out:
        # Victims with no number: "los agentes fueron asesinados", "dejándolos
        # sin vida", "the suspects were beaten to death". Count 0: the
        # number is not given (ACLED's convention).
        for outcome, regex in cas["countless_regex"].items():
            m = regex.search(spaced)
            if m is None or _negated(words, _word_index(found, m.start()), cas):
                continue
            group = next(
                (
                    g
                    for k in range(_word_index(found, m.start()), _word_index(found, m.end()))
                    for g in [_phrase_at(words, k, cas["group_index"])]
                    if g
                ),
                "people",
            )
            out.append(Casualty(outcome, 0, group, source))
    return out


#: What closes a clause around a tally ("ya son 13 en lo que va del año").
_CLAUSE_MARK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")


def _after_auxiliary(words: list[str], k: int, cas: dict) -> int | None:
    """Where the participle stands after a singular auxiliary at ``k``, if one is there.

    "was killed", "has been shot to death", "was also killed", "has also
    been killed", "fue brutalmente asesinado": a filler may stand on either
    side of "been". None when ``k`` opens no auxiliary, or for "has been
    killing people" (what goes on, no victim).
    """
    aux, fillers, n = cas["singular_auxiliaries"], cas["fillers"], len(words)

    def past_filler(i: int) -> int:
        return i + 1 if i < n and words[i] in fillers else i

    if words[k] in aux:
        at = past_filler(k + 1)
    else:
        j = past_filler(k + 1)
        if j >= n or f"{words[k]} {words[j]}" not in aux:
            return None
        if j + 1 < n and words[j + 1].endswith("ing"):
            return None
        at = past_filler(j + 1)
    return at if at < n else None


def _without_tallies(text: str, folded: str, cas: dict) -> tuple[str, str]:
    """The sentence with each clause that holds a tally blanked out (same length).

    "Los agentes fueron ultimados, y ya son 13 en lo que va del año": the
    count 13 adds up the year; the clause before it still tells the event.
    """
    spans = []
    for m in cas["tally_regex"].finditer(folded):
        starts = [x.end() for x in _CLAUSE_MARK.finditer(folded, 0, m.start())]
        end = _CLAUSE_MARK.search(folded, m.end())
        spans.append((starts[-1] if starts else 0, end.start() if end else len(folded)))
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
        folded = folded[:a] + " " * (b - a) + folded[b:]
    return text, folded


def _refers_back(words: list[str], i: int, width: int, cas: dict) -> bool:
    """Whether the count at ``i`` names victims already told.

    "los seis lesionados", "dos de los cadáveres", "two of the dead".
    """
    if words[i] in cas["referring_numbers"] or (i > 0 and words[i - 1] in cas["determiners"]):
        return True  # "both died", "los seis lesionados"
    j = i + width
    return (
        j + 1 < len(words) and words[j] in cas["partitives"] and words[j + 1] in cas["determiners"]
    )


def _word_index(found: list[re.Match], pos: int) -> int:
    """The index of the first word starting at or after ``pos``."""
    return bisect.bisect_left([w.start() for w in found], pos)


_PUNCT = re.compile(r"[,.;:!?]")


def _verb_before(words, cut, i, cas, used) -> tuple[str, int] | None:
    """An outcome phrase that ends right before the count at ``i`` (an object word between).

    "murieron tres", "abatieron a tres", "killed three": the verb comes first
    and is this count's, whatever outcome follows later in the sentence.
    """
    if cut[i]:
        return None
    for k in range(max(0, i - 4), i):
        match = _phrase_match(words, k, cas["outcome_index"])
        if match is None or k in used:
            continue
        end = k + len(match[0])
        if end == i or (end == i - 1 and words[end] in cas["object_words"] and not cut[end]):
            return match[1], k
    return None


def _has_object(words, cut, k, cas) -> bool:
    """Whether an outcome verb is followed by its object ("mató al alcalde", "killed four")."""
    if k >= len(words) or cut[k]:
        return False
    w = words[k]
    if w in cas["object_words"]:
        # "asesinado a balazos": how, not whom; "a las 10": when.
        return not (
            w == "a" and k + 1 < len(words) and words[k + 1] in cas["instruments"]
        ) and not (
            w == "a"
            and _number_at(words, k + 1, cas)[0] is None
            and k + 1 < len(words)
            and words[k + 1] in cas["determiners"]
        )
    return _number_at(words, k, cas)[0] is not None


def _phrase_len(words, k, index) -> int:
    """Words in the phrase of ``index`` that starts at ``k`` (1 if none)."""
    match = _phrase_match(words, k, index)
    return len(match[0]) if match else 1


def _negated(words, start, cas) -> bool:
    """Whether one of the four words before ``start`` negates the count.

    A negation that opens an outcome phrase ("sin vida") does not count, nor
    one that opens a connective (``not_negations``: "sin embargo, uno de sus
    escoltas terminó herido").
    """
    lo = max(0, start - 4)
    for p in range(lo, start):
        if (
            words[p] in cas["negations"]
            and _phrase_at(words, p, cas["outcome_index"]) is None
            and not (p + 1 < len(words) and f"{words[p]} {words[p + 1]}" in cas["not_negations"])
        ):
            return True
    return False


def _number_at(words, i, cas) -> tuple[int | None, int]:
    numbers = cas["numbers"]
    w = words[i]
    if w.isdigit():
        return int(w), 1
    if i + 1 < len(words) and f"{w} {words[i + 1]}" in numbers:
        n = numbers[f"{w} {words[i + 1]}"]
        return (n, 2) if n else (None, 1)
    n = numbers.get(w)
    return (n, 1) if n else (None, 1)


#: The words after a number that make it a person's age ("de 33 años").
_AGE_UNITS = frozenset({"anos", "ano", "years", "year"})


def _told_age(words, cut, k) -> bool:
    """Whether the number at ``k`` is an age told after "de" or a comma: "de 33 años"."""
    return (
        words[k].isdigit()
        and k + 1 < len(words)
        and words[k + 1] in _AGE_UNITS
        and (cut[k] or words[k - 1] == "de")
    )


def _an_age(words, cut, i, width, cas) -> bool:
    """Whether a number between commas right after a person is their age ("a woman, 33, died")."""
    w = words[i]
    end = i + width
    return (
        w.isdigit()
        and 0 < int(w) <= 110
        and i > 0
        and cut[i]
        and end < len(words)
        and cut[end]
        and any(
            _phrase_at(words, k, cas["group_index"]) or _phrase_at(words, k, cas["victim_index"])
            for k in range(max(0, i - 3), i)
        )
    )


def _not_a_count(words, i, width, cas) -> bool:
    w = words[i]
    if w.isdigit() and (len(w) == 4 and w[:2] in ("19", "20")):
        return True
    if w.startswith("$") or "." in w or "," in w:
        return True
    after = " ".join(words[i + width : i + width + 3])
    if any(after == p or after.startswith(p + " ") for p in cas["not_counts_after"]):
        return True
    # "eight Mexican states", "doce municipios de la entidad": one word between.
    if i + width + 1 < len(words) and words[i + width + 1] in cas["not_counts_after"]:
        return True
    before = " ".join(words[max(0, i - 2) : i])
    if any(before == p or before.endswith(" " + p) for p in cas["not_counts_before"]):
        # "a las 13 horas" is a time; "a las 13 personas asesinadas" a count.
        return not _phrase_at(words, i + width, cas["group_index"])
    return False


def _without_not_outcomes(spaced: str, cas: dict) -> str:
    """Blank the names that hold an outcome word but tell no deaths ("Day of the Dead")."""
    return cas["not_outcome_regex"].sub(lambda m: " " * len(m.group()), spaced)


def _phrase_at(words, k, index) -> str | None:
    match = _phrase_match(words, k, index)
    return match[1] if match else None


def _phrase_match(words, k, index) -> tuple[tuple[str, ...], str] | None:
    """The (phrase, label) of ``index`` that starts at word ``k``, if any."""
    if k >= len(words):
        return None
    for phrase, label in index.get(words[k], ()):
        if tuple(words[k : k + len(phrase)]) == phrase:
            return phrase, label
    return None


@dataclass
class Finding:
    """An incident as read from one sentence, before articles are merged."""

    event_type: str
    place: Place
    precision: Precision
    article: Article
    sentence: Sentence
    dates: tuple[date | None, date | None]
    date_basis: str
    casualties: list[Casualty] = field(default_factory=list)
    located_by: str = "sentence"


def locate_incidents(
    article: Article,
    sentences: list[Sentence],
    mentions: list[Mention],
    gazetteer: Gazetteer | None = None,
    folded: str | None = None,
) -> list[Finding]:
    """Turn one article's sentences and mentions into findings.

    Parameters
    ----------
    article : Article
    sentences : list of Sentence
        From :func:`geo.sentences.split_sentences`.
    mentions : list of Mention
        From :class:`geo.places.PlaceExtractor`.
    folded : str, optional
        ``fold(article.text)``, when the caller has it already.

    Returns
    -------
    list of Finding
        One per (sentence, type, place); casualties carry their counts.
    """
    gaz = gazetteer or load_gazetteer()
    langs = (article.lang,)
    v = incident_vocab(langs)
    text = article.text
    folded_text = fold(text) if folded is None else folded
    if _foreign_story(mentions, _demonyms(folded_text, v)):
        return []  # violence in Colombia is not a Mexican incident at a namesake
    # Findings keep the article's facts, not its text: evidence is copied out.
    article = replace(article, text="")
    by_sentence: dict[int, list[Mention]] = {}
    # Each mention's sentence, found once.
    sentence_of = [_sentence_index(sentences, m.start) for m in mentions]
    for m, idx in zip(mentions, sentence_of):
        if m.place is not None:
            by_sentence.setdefault(idx, []).append(m)
    main_state = _main_state(mentions, gaz)
    mexico = _country(gaz, "MX")
    folded_sentences = [folded_text[s.start : s.end] for s in sentences]
    starts = [s.start for s in sentences]
    # One pass over the whole article per pattern, then bucket by sentence.
    dates_by_sentence: list[list] = [[] for _ in sentences]
    for pos, rng in date_matches(folded_text, article.date, langs):
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0:
            dates_by_sentence[i].append(rng)
    triggers_by_sentence: list[dict] = [{} for _ in sentences]
    references: list[tuple[int, int, str]] = []
    found = article_triggers(folded_text, references, langs)
    # A post or quote in another pack's language ("Neutralizan a 3 supuestos
    # integrantes del CDG" in an English story) is read with that pack.
    sentence_langs = [sentence_language(text[s.start : s.end], article.lang) for s in sentences]
    for i, lang in enumerate(sentence_langs):
        if lang == article.lang or lang not in available_languages():
            continue
        base = sentences[i].start
        own_refs: list[tuple[int, int, str]] = []
        for name, spans in article_triggers(folded_sentences[i], own_refs, (lang,)).items():
            found.setdefault(name, []).extend((a + base, b + base) for a, b in spans)
            found[name].sort()
        references += [(a + base, b + base, name) for a, b, name in own_refs]
    if _other_cause_story(folded_text, found, v):
        return []  # Hurricane Grace's shelters and closures are no incidents
    for a, b, name in references:
        if v["telling_regex"].match(folded_text, b, b + 40) and not any(
            x < a for x, _ in found.get(name, ())
        ):
            # "Tras el enfrentamiento que se presentó durante la noche": the
            # clause tells the event, which nothing before in the article did.
            found.setdefault(name, []).append((a, b))
            found[name].sort()
            continue
        found.setdefault(REFERENCE_PREFIX + name, []).append((a, b))
    for name, spans in found.items():
        for a, b in spans:
            i = bisect.bisect_right(starts, a) - 1
            if i >= 0 and b <= sentences[i].end:
                base = sentences[i].start
                triggers_by_sentence[i].setdefault(name, []).append((a - base, b - base))
    order = list(v["types"])
    # Sentences that report nothing: another article's headline ("Lee
    # también: ..."), a threat, a drill, a trend.
    linked = _related_links(folded_text, starts, v["related_regex"])
    linked |= _headline_after_label(folded_text, starts, v["related_labels"])
    linked |= _page_furniture(folded_text, starts, v["trailer_regex"])
    silent = linked | {i for i, f in enumerate(folded_sentences) if v["not_event_regex"].search(f)}
    references_by_sentence = [
        {} if i in silent else {t: d[t] for t in d if t.startswith(REFERENCE_PREFIX)}
        for i, d in enumerate(triggers_by_sentence)
    ]
    triggers_by_sentence = [
        {} if i in silent else {t: d[t] for t in order if t in d}
        for i, d in enumerate(triggers_by_sentence)
    ]
    counted = set()
    unmasked = _without_not_outcomes(folded_text, v["casualties"])
    for m in v["casualties"]["outcome_regex"].finditer(unmasked):
        counted.add(bisect.bisect_right(starts, m.start()) - 1)
    # Victims with no number and no outcome word of their own ("el cuerpo del
    # periodista quedó sobre la calle").
    spaced = folded_text.replace("-", " ")
    for regex in v["casualties"]["countless_regex"].values():
        for m in regex.finditer(spaced):
            counted.add(bisect.bisect_right(starts, m.start()) - 1)
    counted -= silent
    # The story's town is where it tells things happened: a town named only
    # in a sentence that reports nothing ("the agents drove to Ciudad
    # Cuauhtémoc") counts less than one where the events are.
    eventful = {i for i, d in enumerate(triggers_by_sentence) if d} | counted
    # "The fight broke out at a prison in Reynosa": the first place after
    # the words that say where the event took place is where the story is.
    located = set()
    for i, f in enumerate(folded_sentences):
        hit = None if i in silent else v["locating_regex"].search(f)
        if hit is not None:
            after = [
                m.start
                for m, k in zip(mentions, sentence_of)
                if k == i and m.start >= sentences[i].start + hit.end() and m.role == "place"
            ]
            located.update(after[:1])
    quiet = {
        m.start
        for m, i in zip(mentions, sentence_of)
        if i not in eventful and m.start not in located
    }
    # Another article's headline ("Leer más: ... en Fresnillo") is not where
    # this story is.
    own = [m for m, i in zip(mentions, sentence_of) if i not in linked]
    main_town = _main_town(own, main_state, quiet)
    dateline = filed_at = _dateline(mentions)
    if (
        dateline is not None
        and dateline.country == "MX"
        and (
            (main_state is not None and dateline.admin1 != main_state)
            or (main_town is not None and main_town.id != dateline.id)
        )
    ):
        # "MEXICO CITY (AP) — ... El Mezquital, Durango", "MORELIA, Mexico (AP)
        # — ... the township of Aguililla": the wire's desk, not the story's town.
        dateline = None
    paragraph_starts = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    # A sentence without a date of its own takes the last day-precise date
    # named before it ("On Saturday, ... Later, ..."); long periods ("last
    # year") are background, not the event's date.
    last_day: tuple | None = None
    # Before any such date, the article's first day-precise date (a lead
    # sentence is often dated further down: "On Sunday, officials said").
    first_day = next((r for ds in dates_by_sentence for r in ds if (r[1] - r[0]).days <= 1), None)

    findings: list[Finding] = []
    # The largest count of each outcome told so far ("los seis lesionados"
    # later refers back to it).
    told_counts: dict[str, int] = {}
    # Sentences that refer back ("the attack"), placed once the article is read.
    pending: list[tuple[SentenceContext, list[Casualty], tuple, str]] = []
    previous_places: list[Place] = []
    previous_by_type: dict[str, tuple[Place, ...]] = {}
    previous_paragraph = -1
    # The last sentence whose triggers gave findings: (index, types).
    told_before: tuple[int, list[str]] | None = None
    # The last heading of a bulleted list ("Zonas con bloqueos:"): (index, types).
    heading: tuple[int, list[str]] | None = None
    # The last sentence with a country-wide report: (index, types, dates, basis).
    scoped: tuple | None = None
    tax = load_taxonomy()
    facts = ArticleFacts(
        text=text,
        folded=folded_text,
        mentions=tuple(mentions),
        main_state=main_state,
        main_town=main_town,
        dateline=dateline,
        filed_at=filed_at,
        mexico=mexico,
        issuers=v["issuers"],
        aftermath=v["aftermath_regex"],
        anaphora=v["anaphora_regex"],
        issuer_types=frozenset(tax.with_behaviour("issued")),
        langs=langs,
        gazetteer=gaz,
        state_towns={
            st: town
            for st in {m.place.admin1 for m in own if m.place and m.place.country == "MX"}
            if st and (town := _main_town(own, st, quiet)) is not None
        },
    )
    for idx, s in enumerate(sentences):
        paragraph = bisect.bisect_right(paragraph_starts, s.start)
        folded_s = folded_sentences[idx]
        for rng in dates_by_sentence[idx - 1] if idx else ():
            if (rng[1] - rng[0]).days <= 1:
                last_day = rng
        if paragraph != previous_paragraph:
            # "Aquí, se reportó que un explosivo cayó desde un dron": a new
            # paragraph that opens on "there" still means the place before.
            if not _here_regex(langs).match(folded_s.lstrip(' -•*"“')):
                previous_places, previous_by_type = [], {}
            previous_paragraph = paragraph
        sentence_mentions = by_sentence.get(idx, [])
        items = _sentence_places(sentence_mentions, s.start)
        places = [p for p, _, _ in items]
        triggers = triggers_by_sentence[idx]
        if triggers and _heads_a_list(text, sentences, idx, bool(places)):
            # "Zonas con bloqueos confirmados:" heads the list of places below.
            heading = (idx, list(triggers))
            continue
        if (
            not triggers
            and places
            and heading is not None
            and _list_item(text, s)
            and all(
                _list_item(text, x) or x.text.rstrip().endswith(":")
                for x in sentences[heading[0] + 1 : idx]
            )
        ):
            # "📌 Entrada a Tiríndaro, municipio de Zacapu", "Jalisco: Puerto
            # Vallarta, Chapala": an item of it.
            triggers = {t: [(0, 1)] for t in heading[1]}
        if not triggers and places and told_before and told_before[0] >= idx - GENERIC_REACH:
            # "En estados como Colima, ... se reportaron eventos focalizados":
            # more of what the sentence before reported, at these places.
            generic = v["generic_regex"].search(folded_s)
            before = folded_s[max(0, generic.start() - 30) : generic.start()] if generic else ""
            if generic and not (
                v["negation_regex"].search(before) or v["hedge_regex"].search(before)
            ):
                triggers = {t: [generic.span()] for t in told_before[1]}
        types = list(triggers)
        if idx in counted or sentence_langs[idx] != article.lang:
            # "elevó a 401 el número de uniformados asesinados en lo que va
            # del año": a period's tally is no event's toll.
            own_text, own_folded = _without_tallies(s.text, folded_s, v["casualties"])
            casualties = [
                replace(c, sentence=idx)
                for c in find_casualties(
                    own_text, article.id, own_folded, (sentence_langs[idx],), told_counts
                )
            ]
        else:
            casualties = []
        for c in casualties:
            told_counts[c.outcome] = max(told_counts.get(c.outcome, 0), c.count)
        if all(c.outcome == "arrested" for c in casualties):
            # "Suman 25 personas detenidas": arrests alone are no incident; the
            # operation they came from is one where the text tells it.
            casualties = []
        if casualties and tax.counts_type:
            types.append(tax.counts_type)
        if not types and not (places and references_by_sentence[idx]):
            if (
                places
                and scoped
                and scoped[0] == idx - 1
                and all(p.kind == "state" for p in places)
            ):
                # "...a warning for six Mexican states. The states covered are
                # Colima, Guerrero and Sinaloa": the list says which ones.
                _, scoped_types, scoped_when, scoped_basis = scoped
                findings += _findings(
                    article,
                    s,
                    {t: places for t in scoped_types},
                    [],
                    scoped_when,
                    scoped_basis,
                    "states listed after",
                    gaz,
                )
            if places:
                previous_places, previous_by_type = places, {}
            continue
        dates = dates_by_sentence[idx]
        if dates:
            when, basis = dates[0], "sentence"
        elif last_day is not None or first_day is not None:
            when, basis = last_day or first_day, "article"
        else:
            when, basis = (article.date, article.date), "published"
        ctx = SentenceContext(
            article=facts,
            sentence=s,
            mentions=tuple(sentence_mentions),
            places=tuple(items),
            folded=folded_s,
            triggers=triggers,
            references=references_by_sentence[idx],
            types=tuple(types),
            previous=tuple(previous_places),
            previous_by_type=previous_by_type,
            seats=tuple(
                (m.place, m.start - s.start)
                for m in sentence_mentions
                if m.role == "context"
                and m.place is not None
                and m.place.kind in ("city", "town")
                and m.place.country == "MX"
            ),
        )
        placement = locate(ctx)
        if placement.outcome == "skip":
            continue
        if placement.outcome == "defer":
            pending.append((ctx, casualties, when, basis))
            continue
        if placement.remember is not None:
            previous_places = list(placement.remember)
        previous_by_type = (
            {t: tuple(ps) for t, ps in placement.assignment.items() if ps}
            if placement.located_by == "sentence"
            else {}
        )
        found = _findings(
            article, s, placement.assignment, casualties, when, basis, placement.located_by, gaz
        )
        country_wide = {
            f.event_type
            for f in found
            if f.precision == "country" and not tax.has(f.event_type, "not_scoped")
        }
        scoped = (idx, sorted(country_wide), when, basis) if country_wide else None
        kinds = [t for t in triggers if not tax.has(t, "counts")]
        if kinds and found:
            told_before = (idx, kinds)
        findings += found
    findings = _at_origins(findings, by_sentence, tax)
    findings = _located_after(findings, sentences, folded_sentences, by_sentence, v, tax)
    # A headline's event the body does not tell again is the story town's;
    # "roadblocks spread across Sinaloa" keeps its reach.
    spread = phrase_regex(folded_phrases(load_rules("places", langs)["spread_before"]))
    told = {f.event_type for f in findings if not is_headline(text, f.sentence)}
    findings = _at_story_town(
        findings,
        own,
        main_state,
        tax,
        wide=lambda f: bool(v["wide_regex"].search(folded_sentences[f.sentence.index])),
        headline=lambda f: (
            f.event_type not in told
            and is_headline(text, f.sentence)
            and not spread.search(folded_sentences[f.sentence.index])
        ),
    )
    findings = _settlements_at_seats(findings, gaz)
    # A state-wide "Bloqueos en Oaxaca" (a headline, a lead that sums up, a
    # sentence that names only the state) tells the body's blockades in
    # Oaxaca's towns again: it is not another incident, unless the text gives
    # it a reach of its own ("en todo el estado", "across the country"). Told
    # of one town, it is that town's report (its date and evidence join it);
    # of several, a summary of them.
    finer: dict[tuple[str, str | None], list[Place]] = {}
    for f in findings:
        if f.precision in TOWN_PRECISIONS:
            places_of = finer.setdefault((f.event_type, f.place.admin1), [])
            if f.place not in places_of:
                places_of.append(f.place)
    # The dead each town's tolls give, by state: a lead's total equal to
    # their sum is that sum.
    most: dict[tuple[str, str | None], int] = {}
    for f in findings:
        if f.precision in TOWN_PRECISIONS and tax.has(f.event_type, "counts"):
            key = (f.place.id, f.place.admin1)
            most[key] = max(most.get(key, 0), _killed(f))
    town_killed: dict[str | None, int] = {}
    for (_, admin1), n in most.items():
        town_killed[admin1] = town_killed.get(admin1, 0) + n
    kept = []
    for f in findings:
        headline = is_headline(text, f.sentence)
        local = tax.has(f.event_type, "local")
        if f.precision in ("state", "country") and (
            headline
            or (
                local
                and not _has_own_reach(f.located_by)
                # "torched vehicles in at least three municipalities": a wave's reach.
                and not v["wide_regex"].search(folded_sentences[f.sentence.index])
            )
            # "Jalisco concentró 65 bloqueos": a sentence naming only the
            # state gives a blockade its reach; a fallback does not.
            or (not local and f.located_by != "sentence" and not _has_own_reach(f.located_by))
            # "El gobierno estatal suspendió las clases en cuatro municipios":
            # who issued it is no reach when the article names the towns.
            or f.located_by == "issuer"
            # "11 muertos en enfrentamientos en varios municipios" over a body
            # that tells the tolls town by town: the lead sums them up, and
            # an ACLED table would count them twice.
            or (
                tax.has(f.event_type, "counts")
                and f.precision == "state"
                and len(finer.get((f.event_type, f.place.admin1), ())) >= 2
                and _killed(f) == town_killed.get(f.place.admin1)
            )
        ):
            told = [
                p
                for (t, a), ps in finer.items()
                if t == f.event_type and (f.place.kind == "country" or a == f.place.admin1)
                for p in ps
            ]
            if local and len(told) == 1:
                kept.append(replace(f, place=told[0], precision=precision_of(told[0])))
            if told:
                continue
        kept.append(f)
    # "An operation in Sinaloa" beside the clash the article tells at a town
    # of the state (a type of the operation's own map layer): the same
    # fight, told again without its place, which an ACLED table would count
    # twice. A clash told only state-wide leaves the operation be: "Killed
    # in Jalisco raid ... wounded in a clash" is the raid's story.
    fought = {
        (tax.layer_of(f.event_type), f.place.admin1) for f in kept if f.precision in TOWN_PRECISIONS
    }
    kept = [
        f
        for f in kept
        if not (
            f.precision == "state"
            and tax.has(f.event_type, "operation")
            and (tax.layer_of(f.event_type), f.place.admin1) in fought
        )
    ]
    findings = [
        f for f in kept if not _background(dates_by_sentence[f.sentence.index], article.date)
    ]
    # "killed in the operation": the place of this article's raid.
    raid_places = [
        f.place
        for f in findings
        if tax.has(f.event_type, "operation") and f.located_by == "sentence"
    ]
    operation_places = tuple(raid_places)
    for ctx, casualties, when, basis in pending:
        placement = locate(replace(ctx, operation_places=operation_places), DEFERRED_LOCATORS)
        if placement is None:
            continue  # no place in the text: not placed at the country by default
        findings += _findings(
            article,
            ctx.sentence,
            placement.assignment,
            casualties,
            when,
            basis,
            placement.located_by,
            gaz,
        )
    return findings


#: A line this short, with no full stop, can be a heading or a list's item.
LIST_LINE_CHARS = 70


def _own_line(text: str, s: Sentence) -> bool:
    """Whether a sentence is a whole short line with no closing full stop."""
    line_start = s.start == 0 or text[s.start - 1] == "\n"
    line_end = s.end >= len(text) or text[s.end : s.end + 1] == "\n"
    body = s.text.strip()
    return (
        line_start
        and line_end
        and 0 < len(body) <= LIST_LINE_CHARS
        and not body.endswith((".", "!", "?", ";", ","))
    )


def _list_item(text: str, s: Sentence) -> bool:
    """An item of a list: a bullet, "Jalisco: ...", or a short line of its own."""
    return bool(_LIST_ITEM.match(s.text)) or _own_line(text, s)


def _heads_a_list(text: str, sentences: list[Sentence], idx: int, named: bool) -> bool:
    """Whether sentence ``idx`` (with triggers) heads the list of places below it.

    "Zonas con bloqueos confirmados:" before bullets; or a heading line that
    names no place (``named``: "Zonas con bloqueos confirmados", not a
    headline's "Queman vehículos en Nuevo León"), maybe an intro that ends in
    a colon ("...afectaciones en los siguientes tramos:"), then short lines
    of their own, two at least.
    """
    s = sentences[idx]
    rest = sentences[idx + 1 : idx + 4]
    if not rest:
        return False
    if s.text.rstrip().endswith(":") and _LIST_ITEM.match(rest[0].text):
        return True
    # "...balaceras y bloqueos en varios puntos de Sinaloa, principalmente en:"
    # then a town on each line: the colon heads the list, named state or not.
    if (
        s.text.rstrip().endswith(":")
        and len(rest) >= 2
        and all(_own_line(text, x) for x in rest[:2])
    ):
        return True
    if named or not (_own_line(text, s) or s.text.rstrip().endswith(":")):
        return False
    if rest[0].text.rstrip().endswith(":") and not _own_line(text, rest[0]):
        rest = rest[1:]
    return len(rest) >= 2 and all(_list_item(text, x) for x in rest[:2])


#: An item of a list: "📌 Carretera La Piedad – Zamora", "• Zapopan",
#: "Jalisco: Puerto Vallarta, Chapala, Guadalajara".
_LIST_ITEM = re.compile(
    r"\s*(?:[•▪▫◦●○■□►▶➤➢✓✔✅☑📌📍🔴🔹🔸⚠️]|[-–*·]\s|\d{1,2}[.)]\s|[A-ZÁÉÍÓÚÑ][^:.\n]{0,40}:\s)"
)

#: How many sentences back a generic report ("se reportaron eventos
#: focalizados") looks for the types it tells more of.
GENERIC_REACH = 2

#: How many sentences before a locating sentence ("the attack took place in
#: Aguililla") its event may have been told.
LOCATING_REACH = 5


#: Town placements a later locating sentence overrides: the fallbacks that
#: guess ("Mexicali police officers shot two suspects. ... the incident
#: occurred at the Ejido Janitzio rural town").
MOVABLE_FALLBACKS = frozenset({"agency's seat", "article's town", "dateline", "previous sentence"})


def _at_origins(findings: list[Finding], by_sentence, tax) -> list[Finding]:
    """An ``at_origin`` event is where its sentence's people come from.

    "Habitantes de la comunidad de La Venta, perteneciente al municipio de
    San Miguel Totolapan, abandonaron ese lugar": the displacement is La
    Venta's, not the municipality's that only says where La Venta lies.
    """
    out: list[Finding] = []
    for f in findings:
        if tax.has(f.event_type, "at_origin") and f.located_by == "sentence":
            origins = [
                m.place
                for m in by_sentence.get(f.sentence.index, [])
                if m.role == "origin"
                and m.place is not None
                and m.place.country == "MX"
                and m.place.kind in ("city", "town")
            ]
            if origins:
                f = replace(f, place=origins[0], precision=precision_of(origins[0]))
                if any(
                    (o.event_type, o.place, o.sentence.index)
                    == (f.event_type, f.place, f.sentence.index)
                    for o in out
                ):
                    continue
        out.append(f)
    return out


def _located_after(findings, sentences, folded_sentences, by_sentence, v, tax):
    """Move state- and country-wide violence to the town a later sentence gives it.

    "At least a dozen police died in an ambush in the state of Michoacán.
    ... The attack took place in the municipality of Aguililla": the toll and
    the clash told first at the state happened in Aguililla. A sentence the
    ``locating`` patterns match names the town; violent findings and tolls of
    the ``LOCATING_REACH`` sentences before it (and its own), placed at its
    state or at the country by a fallback rather than by a stated reach, move
    there.
    """
    regex = v["locating_regex"]
    moved = list(findings)
    for idx, folded_s in enumerate(folded_sentences):
        if not regex.search(folded_s):
            continue
        towns = [
            p
            for p, _, _ in _sentence_places(by_sentence.get(idx, []), sentences[idx].start)
            if p.kind in ("city", "town")
        ]
        if not towns:
            continue
        for i, f in enumerate(moved):
            if not (idx - LOCATING_REACH <= f.sentence.index <= idx):
                continue
            fallback = f.located_by in MOVABLE_FALLBACKS and f.sentence.index < idx
            # The first town in the finding's own state, else (for a guess) the first.
            town = next((t for t in towns if t.admin1 == f.place.admin1), towns[0])
            if (
                f.precision not in ("state", "country")
                and not fallback
                and not _locality_of_municipality(town, f.place)
            ) or _has_own_reach(f.located_by):
                continue
            if not (tax.has(f.event_type, "violent") or tax.has(f.event_type, "counts")):
                continue
            if not fallback and f.place.kind != "country" and f.place.admin1 != town.admin1:
                continue  # a state the sentence named keeps its events; a guess does not
            moved[i] = replace(
                f, place=town, precision=precision_of(town), located_by="locating sentence"
            )
    return moved


def _locality_of_municipality(town: Place, place: Place) -> bool:
    """Whether ``town`` is a locality near municipality ``place``, not its seat.

    "un enfrentamiento en el municipio de Juan R. Escudero ... El
    enfrentamiento ocurrió en la comunidad de Tlayolapa": the municipality's
    events happened at the community a locating sentence names.
    """
    return (
        place.id.startswith("municipality:")
        and town.admin1 == place.admin1
        and town.id != Gazetteer.seat_key(place)
        and town.population < place.population
        and haversine_km(town.lat, town.lon, place.lat, place.lon) <= LOCALITY_KM
    )


#: How far (km) a locality may lie from its municipality's seat.
LOCALITY_KM = 40


#: Share of the town mentions in the story's state that its main town must
#: have for the story to be told about that one town.
STORY_TOWN_SHARE = 2 / 3


#: How often an article must name a cause other than violence ("the
#: hurricane", "la pandemia") to be about it.
OTHER_CAUSE_MENTIONS = 2


def _other_cause_story(folded: str, triggers: dict, v: dict) -> bool:
    """Whether an article tells only what a storm, quake or epidemic caused.

    It names such a cause at least ``OTHER_CAUSE_MENTIONS`` times and every
    trigger it has is of a ``response`` type (closures, suspensions,
    shelters, displacement): "Quintana Roo opened shelters ahead of the
    storm" reports no violent incident.
    """
    tax = load_taxonomy()
    if not triggers or not all(tax.has(t, "response") for t in triggers):
        return False
    return len(v["other_causes_regex"].findall(folded)) >= OTHER_CAUSE_MENTIONS


def _killed(f: Finding) -> int:
    """The dead a finding's sentence counts (its groups added up)."""
    return sum(c.count for c in f.casualties if c.outcome == "killed")


def _at_story_town(
    findings, mentions, main_state, tax, wide=lambda f: False, headline=lambda f: False
):
    """A local event told only at the state, in a story about one town, is the town's.

    "Ten bodies were found in the state of Zacatecas" in an article whose
    every other town mention is Ciudad Cuauhtémoc: the bodies were found
    there. Applies to what happens at a place (not to closures and
    advisories, whose issuer sets their reach, nor to flights) placed at the
    state by a fallback (by its own sentence only for a toll: "blockades
    across Sinaloa" keep their reach), when one town has at least
    ``STORY_TOWN_SHARE`` of the town mentions in that state. A headline that
    names only the state or a region of it sums up the body ("Five Youths
    Kidnapped and Killed in Jalisco's Los Altos Region" over a body about
    Lagos de Moreno) when the body does not tell that event again. A toll
    whose sentence gives it a wide reach (``wide``: "11 muertos en
    enfrentamientos ocurridos en varios municipios") keeps the state.
    """
    counts, _, towns = _state_towns(mentions, main_state, ("place", "dateline"))
    if not counts:
        return findings
    top, n = counts.most_common(1)[0]
    if n < STORY_TOWN_SHARE * sum(counts.values()):
        return findings
    town = towns[top]
    return [
        replace(f, place=town, precision=precision_of(town), located_by="story's town")
        if f.precision == "state"
        and f.place.admin1 == main_state
        and not tax.has(f.event_type, "issued")
        and not tax.has(f.event_type, "at_airport")
        and not _has_own_reach(f.located_by)
        # "en varias zonas del estado" spreads over the state: no one town.
        and f.located_by != "state spread"
        and (
            f.located_by != "sentence"
            or ((tax.has(f.event_type, "counts") or headline(f)) and not wide(f))
        )
        else f
        for f in findings
    ]


def _settlements_at_seats(findings: list[Finding], gaz: Gazetteer) -> list[Finding]:
    """A colonia's event that its town also has is that town's ("Tijuana's Benton neighborhood").

    A settlement stands at its municipality's seat (SEPOMEX gives no point
    of its own), so a shooting told at "Tijuana" and again at "the Benton
    neighborhood" would be two records at one point. Two settlements of one
    municipality stay apart: news names villages to tell them apart. A
    colonia SEPOMEX lacks, placed at the town named with it, is that town's
    too; a community so placed is not (it may lie far from the town).
    """
    at_towns = {
        (f.event_type, gaz.seat_key(f.place))
        for f in findings
        if not f.place.id.startswith("settlement:")
    }
    out = []
    for f in findings:
        if f.place.id.startswith("settlement:"):
            mun = gaz.municipality_of(f.place)
            if mun is None and f.place.code == "Colonia":
                # A colonia SEPOMEX lacks, placed at its town (a community
                # so placed may lie far from it, and stays apart).
                idx = gaz.by_id.get(gaz.settlement_anchor_id(f.place.id) or "")
                mun = gaz.places[idx] if idx is not None else None
            if mun is not None and (f.event_type, gaz.seat_key(mun)) in at_towns:
                idx = gaz.by_id.get(gaz.seat_key(mun))
                seat = gaz.places[idx] if idx is not None else mun
                f = replace(f, place=seat, precision=precision_of(seat))
        out.append(f)
    return out


@lru_cache(maxsize=16)
def _here_regex(langs: tuple[str, ...]) -> re.Pattern:
    """Words that open a sentence on the place just named ("Aquí,", "At the scene,")."""
    words = folded_phrases(load_rules("incidents", langs)["here_openers"])
    return phrase_regex(words, r"(?:{})\b[ ,]")


def _findings(article, s, assignment, casualties, when, basis, located_by, gaz):
    tax = load_taxonomy()
    out = []
    for event_type, places in assignment.items():
        held = casualties if tax.has(event_type, "holds_casualties") else []
        mexican = [p for p in places if p.country == "MX"]
        if (
            held
            and len(mexican) >= 2
            and incident_vocab((article.lang,))["casualties"]["one_each_regex"].search(fold(s.text))
        ):
            # "dos personas fueron asesinadas, una en la colonia Jardines de
            # Sauceda y otra en el fraccionamiento La Villa": one at each.
            held = [replace(c, count=1) if c.count == len(mexican) else c for c in held]
        for place in places:
            if place.country != "MX":
                continue  # the tool maps Mexico: an event abroad is no incident
            target = place
            if tax.has(event_type, "at_airport") and place.kind in ("city", "town"):
                airports = gaz.airports_for(place)
                if airports:
                    target = airports[0]
            out.append(
                Finding(
                    event_type,
                    target,
                    precision_of(target),
                    article,
                    s,
                    when,
                    basis,
                    held,
                    located_by,
                )
            )
    return out


def _related_links(folded: str, starts: list[int], regex: re.Pattern) -> set[int]:
    """Indices of the sentences on a line that links another article.

    "Te podría interesar: Caen dos por el asesinato de ... en Tamaulipas" is
    another story's headline: its places are named, but nothing it tells
    happened in this article. Only the label's own line counts: a label
    alone on its line is often followed by the article's own text.
    """
    linked: set[int] = set()
    for m in regex.finditer(folded):
        first = bisect.bisect_right(starts, m.start()) - 1
        last = bisect.bisect_left(starts, m.end())
        linked.update(range(max(first, 0), last))
    return linked


def _headline_after_label(folded: str, starts: list[int], labels: frozenset) -> set[int]:
    """Indices of the sentences of a headline right under a lone link label.

    "Te puede interesar" alone on its line, then "Violencia deja cuatro
    muertos ... en Tula de Allende" with no final stop: another article's
    headline. A line that ends as prose does ("... ante el clima violento.")
    is the article's own text going on, and is kept.
    """
    linked: set[int] = set()
    pos = 0
    lines = folded.split("\n")
    offsets = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    filled = [j for j, line in enumerate(lines) if line.strip()]
    for n, k in enumerate(filled[:-1]):
        key = re.sub(r"[\s:•*-]+", "", lines[k])
        if key not in labels:
            continue
        nxt = end = filled[n + 1]
        head = lines[nxt].strip()
        if len(head) > HEADLINE_CHARS or head.endswith((".", "!", "?", '"', "”", "»")):
            continue
        # The same headline again (a link's title and its text).
        for j in filled[n + 2 :]:
            if lines[j].strip() != head:
                break
            end = j
        a, b = offsets[nxt], offsets[end] + len(lines[end])
        first = bisect.bisect_right(starts, a) - 1
        last = bisect.bisect_left(starts, b)
        linked.update(range(max(first, 0), last))
    return linked


#: The longest line read as another article's headline under a link label.
HEADLINE_CHARS = 160


def _page_furniture(folded: str, starts: list[int], regex: re.Pattern) -> set[int]:
    """Indices of the sentences after a trailer line ("Haga clic para comentar").

    A page's text often runs on past the story into its comment box and the
    site's latest headlines ("Lo ÚLTIMO ... Ecatepec ..."): those name towns
    and events of other articles. A trailer label alone on its line, once
    the story has begun (a third of the text at least), ends the story.
    """
    for m in regex.finditer(folded):
        if m.start() * 3 < len(folded):
            continue  # a menu at the top of the page, not its end
        first = bisect.bisect_left(starts, m.start())
        return set(range(first, len(starts)))
    return set()


def _sentence_places(mentions: list[Mention], offset: int) -> list[tuple[Place, int, int]]:
    """The Mexican places a sentence names as places, with their start and end in it.

    Roads ("the highway to Saltillo") say where a road leads, not where things
    happened, and "Mexico" alone says no more than the fallbacks do: both are
    left to the fallbacks.
    """
    usable = [m for m in mentions if m.role == "place" and m.place is not None]
    mexican = [m for m in usable if m.place.country == "MX" and m.place.kind != "country"]
    out, seen = [], set()
    for m in mexican:
        if m.place.id not in seen:
            seen.add(m.place.id)
            out.append((m.place, m.start - offset, m.end - offset))
    return out


def _dateline(mentions: list[Mention]) -> Place | None:
    """The town of a dateline ("CULIACÁN, Sin. (AP) —"): where the article is from."""
    for m in mentions:
        if m.role == "dateline":
            # The places named before it are the page's own lines (other
            # headlines, menus): the dateline still opens the story.
            return m.place if m.place is not None and m.place.kind in ("city", "town") else None
    return None


#: Mentions that say nothing of where the story is: names, and where people
#: went ("traveling to Monterrey", "trasladado a Guadalajara").
_NOT_ABOUT = frozenset({"person", "org", "destination"})


def _main_state(mentions: list[Mention], gaz: Gazetteer) -> str | None:
    """The state the article is most about: the most mentioned, finest first."""
    counts: Counter = Counter()
    for m in mentions:
        if m.place is None or m.role in _NOT_ABOUT or m.place.country != "MX":
            continue
        if m.place.admin1:
            # A dateline says where the story was filed: a wire's desk
            # ("MEXICO CITY:  Authorities in Jalisco...") only breaks a tie.
            counts[m.place.admin1] += 0.5 if m.role == "dateline" else 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda a: counts[a])


def _demonyms(folded: str, v: dict) -> Counter:
    """How often the article calls people or bodies of another country by its demonym.

    "members of the Guatemalan Army", "el gobierno hondureño": a story about
    Sololá may name no country at all, only its towns (with Mexican
    namesakes) and whose army patrols them.
    """
    country = v["demonym_country"]
    return Counter(country[w] for w in v["demonym_regex"].findall(folded))


#: What one demonym counts towards a story being set in its country: less than
#: a place, since Mexican stories name migrants and suspects by nationality.
DEMONYM_WEIGHT = 0.5


def _foreign_story(mentions: list[Mention], demonyms: Counter | None = None) -> bool:
    """Whether the article tells of events abroad: another country is named more than Mexico.

    A story about Colombia ("ataques con drones en Aguachica, Colombia")
    gives no Mexican incidents, even at Mexican namesakes of its towns. Every
    mention that can be where something happened or that sets the scene
    ("the consulate in Nuevo Laredo") counts for its country (not
    destinations, origins, organisations or people); the United States
    counts only when named as a country, in a dateline or as a qualifier
    ("El Paso, Texas"), since Mexican
    stories name its cities as flight destinations and border neighbours.
    """
    counts: Counter = Counter()
    for m in mentions:
        p = m.place
        if p is None or m.role not in ("place", "dateline", "qualifier", "context"):
            continue
        if m.role == "context" and p.kind in ("country", "region"):
            continue  # "the U.S. consulate": whose, not where
        if p.country == "US" and p.kind != "country" and m.role not in ("dateline", "qualifier"):
            continue
        small = p.country == "MX" and p.kind == "town" and p.population < NAMESAKE_POPULATION
        counts[p.country] += NAMESAKE_WEIGHT if small else 1.0
    for iso, n in (demonyms or {}).items():
        counts[iso] += DEMONYM_WEIGHT * n
    home = counts.pop("MX", 0)
    return bool(counts) and max(counts.values()) > home


#: A Mexican town smaller than this may be a namesake of the foreign place a
#: story means (Tamara, Honduras; Aguachica, Colombia): its mention counts
#: ``NAMESAKE_WEIGHT`` towards the story being about Mexico.
NAMESAKE_POPULATION = 50_000
NAMESAKE_WEIGHT = 0.5


def _main_town(
    mentions: list[Mention], main_state: str | None, quiet: set[int] = frozenset()
) -> Place | None:
    """The town of the main state the article names most (the first named on a tie).

    Where a sentence names no place and none came before, what it reports
    happened where the story is ("Four people were killed" in a story about
    Celaya): news tells a local event around its town, not its state.
    """
    counts, first, towns = _state_towns(
        mentions, main_state, ("place", "context", "dateline"), quiet
    )
    if not counts:
        return None
    return towns[min(counts, key=lambda k: (-counts[k], first[k]))]


def _state_towns(
    mentions, state: str | None, roles, quiet: set[int] = frozenset()
) -> tuple[Counter, dict, dict]:
    """How often the article names each town of ``state`` in ``roles``, where first, and which."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    towns: dict[str, Place] = {}
    if state is None:
        return counts, first, towns
    for m in mentions:
        p = m.place
        if p is None or m.role not in roles or p.kind not in ("city", "town"):
            continue
        if p.country != "MX" or p.admin1 != state:
            continue
        # A town named as an agency's seat ("Protección Civil de Colotlán")
        # tells where the story is, less than one named as a place.
        # A dateline is where the story was filed: like an agency's seat, it
        # counts less than a town named as a place.
        weight = CONTEXT_TOWN_WEIGHT if m.role in ("context", "dateline") else 1
        # "San José de Gracia" and "Marcos Castellanos", its municipality, are
        # one town: the seat.
        key = Gazetteer.seat_key(p)
        counts[key] += weight * QUIET_TOWN_WEIGHT if m.start in quiet else weight
        first.setdefault(key, m.start)
        if key not in towns or towns[key].id.startswith("municipality:"):
            towns[key] = p
    return counts, first, towns


#: What a town named as an agency's seat counts towards the story's town.
CONTEXT_TOWN_WEIGHT = 0.5
#: What a town named in a sentence that reports nothing counts, as a share.
QUIET_TOWN_WEIGHT = 0.5


#: A report its own sentence dates this long before the article was published
#: is background the article recalls ("Last year, a mob killed a woman"), not
#: news: the annotation rules leave it out.
BACKGROUND_DAYS = 10
#: A period longer than this ("since 2000", "desde 2006") is a trend, not news.
TREND_DAYS = 400


def _background(ranges: list, published: date | None) -> bool:
    """Whether a finding's own sentence (its date ranges) dates it well before the article.

    Every date the sentence names ("last year", "in March", "hace dos meses")
    must end that long before publication, or span years ("since 2000": a
    trend); a sentence with no date, or with one recent date among old ones,
    is news.
    """
    if published is None:
        return False
    return bool(ranges) and all(
        (published - end).days > BACKGROUND_DAYS or (end - start).days > TREND_DAYS
        for start, end in ranges
    )


def _has_own_reach(located_by: str) -> bool:
    """Whether a state- or country-wide finding's reach was stated, not inferred."""
    return "scope" in located_by or located_by in ("country named", "issuer")


def _country(gaz: Gazetteer, iso: str) -> Place:
    return gaz.places[gaz.by_id[f"country:{iso}"]]


def _sentence_index(sentences: list[Sentence], pos: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if pos < sentences[mid].start:
            hi = mid - 1
        elif pos >= sentences[mid].end:
            lo = mid + 1
        else:
            return mid
    return -1


def evidence_of(finding: Finding) -> Evidence:
    """The finding's evidence sentence with its offsets in the article."""
    s = finding.sentence
    return Evidence(finding.article.id, finding.article.outlet, s.start, s.end, s.text)
