"""Find and resolve the places an article names.

Method, in three steps, with no code per place:

1. **Spot** every gazetteer name in one pass of an Aho-Corasick automaton
   (pyahocorasick) over the folded text (no accents, lower case, punctuation
   as spaces: same length as the original, so offsets carry over). Keep the
   leftmost-longest matches that are written as proper nouns.
2. **Read the context** around each match with the cue lists of
   ``places.json`` of the language's rule pack: an organisation's name ("Jalisco New
   Generation Cartel", "Farmacias Guadalajara") is not a place; a title or a
   given name before it makes it a person ("General Luis Hidalgo"); "flown
   to", "such as ... operated normally" and "the highway to" mark
   destinations, comparisons and roads; "airport", "state of", "city of"
   choose the kind.
3. **Resolve** each name among its gazetteer readings by importance (kind,
   population), how it matched, and the states named nearby ("Tapalpa,
   Jalisco"; the article's other states). A small town, or a name that is
   also an everyday word (wordfreq), needs place context before it counts.
   Capitalised words in a place context that are not in the gazetteer are
   tried as misspellings with rapidfuzz ("Talpalpa, Jalisco" → Tapalpa).
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .gazetteer import Gazetteer, NameEntry, data_dir, haversine_km, load_gazetteer
from .geocoder import OfflineGeocoder
from .normalize import fold, name_key
from .records import Article, Mention, Place, Sentence
from .rules import folded_phrases, load_rules, phrase_regex
from .weights import (
    ARTICLE_STATE_WEIGHT,
    BARE_SETTLEMENT_SCORE,
    CAPITAL_AIRPORT_SCORE,
    COUNTRY_QUALIFIER_STATE_BONUS,
    MATCH_SCORES,
    NAMED_COUNTRY_BONUS,
    NEAR_ANCHOR_BONUS,
    QUALIFIER_STATE_BONUS,
    ROAD_SCORE,
    SEAT_CUE_BONUS,
    SEAT_NAME_BONUS,
    SENTENCE_STATE_BONUS,
    SETTLEMENT_SCORE,
    SETTLEMENT_SEAT_RANK,
    SETTLEMENT_STATE_RANK,
)

__all__ = ["PlaceExtractor", "extract_mentions"]

_NON_ALNUM = re.compile(r"[^0-9a-z]")
_WORDS = re.compile(r"[a-z0-9]+")
_NAME_STOP = re.compile(r"[,.;:()\n]")
_OPEN_QUOTES = "\"“«'‘"
#: Between the items of a list of names: ", ", " y ", " and ".
_LINE_WORDS = re.compile(r"[^\W\d_]+")


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is set in title case (a headline).

    There a capital says nothing about a name: "Send Terrified Cancun
    Beachgoers Running" names no person "Terrified Cancun".
    """
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    words = [w for w in _LINE_WORDS.findall(text, lo, hi if hi >= 0 else len(text)) if len(w) > 3]
    if len(words) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


#: A line of at least this many words of four letters or more, this share of
#: them capitalised, is set in title case.
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_SHARE = 0.8

_STATE_OF_AFTER = re.compile(r"\s+state\s+of\s+(?:the\s+)?[A-ZÁÉÍÓÚÑ]")
_WORD_BEFORE = re.compile(r"(\w+)[ ,]*$")


def _lower_word_before(text: str, start: int) -> bool:
    """Whether the word right before ``start`` is in lower case (not a headline, not a start)."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).islower()


def _titled_mid_sentence(text: str, start: int, name: str) -> bool:
    """Whether a name of two words or more is capitalised after a lower-case word.

    "entronque con Tierra Colorada": a name, though "tierra colorada" is
    everyday Spanish (taken when its state is the story's: a colonia "Santa
    Anita" of the story's city is no town of that name elsewhere). A
    title-case headline ("Gunmen Attack Bar In Buena Vista") has no
    lower-case word before it.
    """
    words = [w for w in name.split() if name_key(w) not in _NAME_LINK_WORDS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).islower()


_LIST_SEPARATOR = re.compile(r"[”\"»’']?(?:,\s*(?:(?:y|e|and|o|or)\s+)?|\s+(?:y|e|and|o|or)\s+)")
#: A list's last item may repeat the preposition ("... El Riego y en Exhacienda la Cantera").
_LAST_ITEM_SEPARATOR = re.compile(r"[”\"»’']?,?\s+(?:y|e|and|o|or)\s+(?:en|in)\s+")
#: The compass words a place's direction from a town takes, Spanish and English.
_DIRECTIONS = (
    "norte|sur|este|oeste|oriente|poniente|noreste|noroeste|sureste|suroeste|nororiente|"
    "norponiente|suroriente|surponiente|north|south|east|west|northeast|northwest|"
    "southeast|southwest"
)
#: Between a colonia's name and its town: "colonia San Roque, Salamanca", "Taiwán” de Dzilam".
_TOWN_AFTER_COLONIA = re.compile(
    rf"[”\"»’']?(?:,(?: +al (?:{_DIRECTIONS}) de)?"
    r"(?: +(?:la|the) +(?:ciudad|city|town) +(?:de|of))? *| +(?:de|del|en|in) +)"
)
#: "de"/"from" right before a town (folded text): "Cañeros de Champotón", "fishermen from".
_OF_BEFORE = re.compile(r"\b(?:de|del|from|of) +$")
#: Between two spots of one list: "a la altura de Apizaco y de Calpulalpan" (folded text).
_SPOT_LIST = re.compile(r" *(?:,|y|e|and|o|or)? *(?:(?:de|del|of) +)?")
#: After a town, a capitalised name up to the next punctuation: "Buenos Aires, Cauca:".
_SUBDIVISION_AFTER = re.compile(
    r",[ \t]*([A-ZÁÉÍÓÚÑ][\wáéíóúñü]*(?:[ \t]+(?:de[ \t]+|del[ \t]+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñü]*)*)"
)
#: Countries a Mexican story names in passing without being set there.
_NEIGHBOUR_OK = frozenset({"MX", "US"})
#: A Roman numeral closing a colonia's name ("Morelos II").
_ROMAN = re.compile(r"[IVX]+")
_CAPITALISED_NAME = re.compile(
    r"[\wÁÉÍÓÚÑÜáéíóúñü’'-]+(?:\s+(?:(?:de|del|de la|de los|de las|la|el|los|las)\s+)?"
    r"[A-ZÁÉÍÓÚÑÜ0-9][\wáéíóúñü’'-]*)*"
)
#: A capitalised word right after a bare settlement name, or right before it
#: (not at a sentence start): the name is part of a longer one.
_BARE_LONGER_AFTER = re.compile(r" +(?:(?:de|del|de la|de los|de las) +)?[A-ZÁÉÍÓÚÑÜ«“\"]")
_BARE_LONGER_BEFORE = re.compile(
    r"[a-záéíóúñü0-9]\s+[A-ZÁÉÍÓÚÑÜ][\w’'-]* +(?:(?:de|del|de la) +)?$"
)
_INITIAL = re.compile(r"(?<= )([a-z]) (?=[a-z]{2})")
_WITH_INITIAL = re.compile(r"^(?=[^\n]* [a-z] [a-z]{2})[^\n]+$", re.MULTILINE)
_ARTICLE_WORDS = ("the ", "la ", "el ", "los ", "las ", "a ", "an ")
#: Articles fused with a preposition ("del Centro de Readaptación Social").
_FUSED_ARTICLES = frozenset({"del", "al"})
_CAP_WORD = r"[A-ZÁÉÍÓÚÑÜ][\w’'-]*"
_FUZZY_NAME = re.compile(
    r"(?i:\b(?:in|en|at|near|of|de|del|neighbou?ring|nearby|vecin[oa]|aleda[nñ]o)\s+"
    r"(?:the\s+|la\s+|el\s+)?)"
    rf"({_CAP_WORD}(?:\s+(?:de|del|de la|de los|las|los|la)?\s*{_CAP_WORD}){{0,3}})"
)
#: A namesake this close (km) to one of the story's sure towns...
NEAR_ANCHOR_KM = 60
#: A reading of a colonia this close to the town the text places it in is
#: that colonia ("la ranchería González, ubicado en Villahermosa" is not the
#: González 55 km away).
STATED_TOWN_KM = 25
#: A town smaller than this needs place context or its state nearby.
SMALL_TOWN = 1000
#: Common-word names of places smaller than this need place context.
COMMON_WORD_MAX_POPULATION = 300_000
#: ... and below this, more than a bare "in X": a cue, a qualifier or their state.
COMMON_WORD_TOWN = 50_000
#: Lowest fuzzy score (``weights.FUZZY_SCALE`` x rapidfuzz ratio / 100) accepted for a misspelling.
FUZZY_MIN_SCORE = 0.72
#: The bar when only the article's states, not a cue or qualifier, back a
#: misspelling ("in Cuernavca" in an article about Morelos): one edit in a long name.
FUZZY_LOOSE_SCORE = 0.84
#: How close a second town's spelling may come before a country-wide fuzzy
#: reading is too unsure to take.
FUZZY_TIE = 0.03


def matching_text(text: str) -> str:
    """Fold ``text`` and blank its punctuation; the result has the same length.

    Examples
    --------
    >>> matching_text("Tapalpa, Jalisco (México).")
    'tapalpa  jalisco  mexico  '
    """
    return _NON_ALNUM.sub(" ", fold(text))


@lru_cache(maxsize=8)
def _vocab(langs: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    raw = load_rules("places", langs)
    return {
        k: sorted({name_key(w) for w in v}, key=len, reverse=True)
        for k, v in raw.items()
        if not k.startswith("_")
        and k not in ("road_heads", "road_tails", "road_numbers", "state_capital_phrases")
    }


@lru_cache(maxsize=1)
def _common_names() -> dict[str, float]:
    return json.loads((data_dir() / "common_names.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _function_words(langs: tuple[str, ...] | None = None) -> frozenset[str]:
    out = set()
    out.update(name_key(w) for w in load_rules("pack", langs)["stopwords"])
    out.update(name_key(w) for w in load_rules("sentences", langs)["sentence_starters"])
    dates = load_rules("dates", langs)
    out.update(name_key(w) for w in list(dates["weekdays"]) + list(dates["months"]))
    return frozenset(out)


@lru_cache(maxsize=64)
def _cue_set(cues: tuple[str, ...]) -> tuple[frozenset[str], int]:
    return frozenset(cues), max((c.count(" ") + 1 for c in cues), default=0)


_ARTICLE_SET = frozenset(a.strip() for a in _ARTICLE_WORDS)
#: Roles of spans that look like places but are part of another name.
_NOT_PLACES = ("org", "person", "name")
#: Roles of places named as somewhere else than where things happened: where
#: someone went, came from, a road leads, or what is compared.
_ELSEWHERE = ("destination", "comparison", "boundary", "road", "origin")
#: Capitalised words that begin a town's name: "Puerto Morelos" is not Morelos.
_NAME_FORMING = frozenset(
    {
        "puerto",
        "ciudad",
        "villa",
        "nuevo",
        "nueva",
        "san",
        "santa",
        "santo",
        "santiago",
        "valle",
        "isla",
        "playa",
        "presa",
        "real",
        "mineral",
        "heroica",
        "general",
        "colonia",
        "ejido",
        "rancho",
        "hacienda",
        "port",
    }
)
#: A saint's name that begins a town's name ("San Mateo", "Santa María")...
_SAINT_NAME = re.compile(r"(?:San|Santa|Santo|Santiago|São)(?:\s|$)")
#: ... and a capitalised word after it that the gazetteer's name lacks.
_NAME_GOES_ON = re.compile(r" [A-ZÁÉÍÓÚÑ][a-záéíóúñü]{2,}")
#: After a state's name, a kind of town that makes the name an adjective:
#: "that Tamaulipas city", "the Oaxaca town" (not "the Sonora city of Nogales").
_STATE_ADJECTIVE_AFTER = re.compile(
    r" (?:border |port |resort )?(?:city|town|municipality)\b(?! of\b)"
)
#: Before a state's name, one of its towns left unnamed: "a highlands
#: municipality of Chiapas", "un municipio de Guerrero".
_SOME_TOWN_OF = re.compile(
    r"\b(?:a|an|one|another|un|una|otro|otra)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:municipality|town|city|village|community|municipio|poblado|comunidad|localidad)"
    r"\s+(?:of|in|de|en)\s+(?:the\s+state\s+of\s+|el\s+estado\s+de\s+)?$",
    re.IGNORECASE,
)
#: Capitalised words that end a town's name: "Guerrero Grande" is not Guerrero.
_NAME_ENDING = re.compile(r" (?:Grande|Chico|Viejo|Nuevo|Alto|Bajo)\b")
_ROAD_NUMBER = re.compile(r"[ \t]+(?:No\.\s*)?\d{1,3}(?![\d.,]\d)(?!\.\s)")
#: "located in the municipality of", "ubicado en": the place before is in the one after.
_LOCATED_IN = (
    r"(?:(?:located|situated) in(?: the municipality of| the city of)?|"
    r"(?:ubicad[oa]s?|localizad[oa]s?|situad[oa]s?) en(?: el municipio de| la ciudad de)?)"
)
#: "north of", "al sur de": a place's bearing from another.
_BEARING = (
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest) of|"
    r"al (?:norte|sur|oriente|poniente|este|oeste|noreste|noroeste|sureste|suroeste|"
    r"nororiente|norponiente|suroriente|surponiente) de)"
)
#: How far, in characters, a place may lie from the one "located in" it.
LOCATED_LATER_REACH = 80
_LOCATING_GAP = re.compile(
    r"^,\s+(?:in the|part of the|near|not far from|outside|cerca de|"
    r"belonging to the municipality of|perteneciente al municipio de|"
    rf"{_LOCATED_IN}|"
    r"(?:in the |en el |del )?(?:municipality of|municipio de|municipio)|"
    r"(?:on|in) the outskirts of|on the edge of|just outside|"
    r"(?:en|a) las afueras de|en las inmediaciones de|"
    rf"(?:just |some |about )?(?:\w+ (?:kilometres|kilometers|km|miles) )?{_BEARING}|"
    r"en la zona metropolitana de|en el area metropolitana de|"
    # "Tonala, a municipality in the Guadalajara area", "a suburb of Monterrey".
    r"an? (?:\w+ )?(?:municipality|town|city|suburb|community|village) (?:in|of|near|outside) the|"
    r"an? (?:\w+ )?(?:suburb|municipality) of|"
    r"un (?:\w+ )?municipio (?:de|del) (?:la |el )?(?:zona metropolitana|area metropolitana) de|"
    r"a unos \w+ (?:kilometros|km) de|about \w+ (?:kilometres|kilometers|"
    r"km|miles) from)\s+$"
    # Without a comma, only a nearness: "Atlatongo, north of Mexico City near
    # the Teotihuacan pyramids".
    r"|^\s+(?:near|close to|cerca de)(?: the| el| la| los| las)?\s+$"
    # "Peña Blanca located in the municipality of Gómez Farías"
    rf"|^\s+{_LOCATED_IN}\s+$"
    # "la comunidad de Cuautlancingo en el municipio de Otumba"
    r"|^\s+(?:en el|del|in the) (?:municipio de|municipality of)\s+$"
    # "Gómez Farías which is approximately 150 miles northwest of the state capital"
    rf"|^\s+(?:which|that) is[^.;:]{{0,50}}?\b{_BEARING}\s+(?:the\s+)?$"
    # A description between: "Tlahuelilpan, a town of 20,000 people about an
    # hour's drive north of Mexico City".
    rf"|^,[^.;:]{{0,60}}?\b{_BEARING}\s+$"
)
#: "colonia Jardines de Morelos", "avenida Niños Héroes de Guerrero": a state's
#: name ending a neighbourhood's or street's name.
_NAMED_STREET_BEFORE = re.compile(
    r"\b(?i:colonia|col\.|fraccionamiento|fracc\.|barrio|calle|avenida|av\.|boulevard|"
    r"bulevar|blvd\.|calzada|paseo|unidad habitacional)\s+(?!Centro\b)"
    r"(?:[A-ZÁÉÍÓÚÑ][\w.]*\s+){1,3}(?:de|del|de la|de los|de las)\s+$"
)
#: ", Morelos" after a name: the text is locating it ("colonia Centro de
#: Cuernavaca, Morelos" is in Cuernavaca).
_QUALIFIED_AFTER = re.compile(r",\s*[A-ZÁÉÍÓÚÑ]")
#: "el consulado de Estados Unidos en Mérida", "the U.S. Embassy's office in
#: Monterrey": the place is the seat of a foreign mission (folded text).
_AGENCY_SEAT_BEFORE = re.compile(
    r"\b(?:consulado|embajada|consulate|embassy|consular)\b"
    r"(?:[ .']+\w+){0,4}[ .']+(?:en|in)\s+$"
)
#: A list goes on after a name: ", León y ...", " and Celaya".
_LIST_AFTER = re.compile(_LIST_SEPARATOR.pattern + "[A-ZÁÉÍÓÚÑ]")


#: A subject listing others that went on as usual (folded, punctuation blanked).
_OTHERS_SUBJECT = re.compile(
    r"\b(?:such as|like|including|other|others|the rest|como|"
    r"otros|otras|el resto|los demas|las demas|incluidos|incluidas|"
    r"entre ellos)\b"
)
#: "la Vocería de Seguridad de Tamaulipas", "la Fiscalía Regional de Apatzingán":
#: the place ends an agency's name (original text: the words are capitalised).
_AGENCY_NAME_BEFORE = re.compile(
    r"\b(?:Secretar[ií]a|Subsecretar[ií]a|Vocer[ií]a|Fiscal[ií]a|Procuradur[ií]a|Comisi[oó]n|"
    r"Coordinaci[oó]n|Direcci[oó]n|Consejo|Mesa|Guardia|Polic[ií]a|Gobierno|Congreso|Tribunal|"
    r"Centro|Sistema|Unidad|Vocero|Vocera|Uni[oó]n|Organizaci[oó]n|Organizaciones|Asociaci[oó]n|"
    r"Frente|Movimiento|Confederaci[oó]n|Federaci[oó]n|Sindicato|Universidad|Instituto|"
    r"Colegio|C[aá]mara|Comit[eé]|Alianza|Coordinadora)"
    r"(?:\s+(?:de|del|la|las|los|y|e|para|[A-ZÁÉÍÓÚÑ][\w.]*)){0,8}\s+(?:de|del)\s+$"
)
#: A move towards a place with words between the verb and "to"/"a" (folded):
#: "trasladados vía aérea a", "flown by helicopter to".
_DESTINATION_GAP = re.compile(
    r"\b(?:trasladad[oa]s?|llevad[oa]s?|enviad[oa]s?|evacuad[oa]s?|transferred|taken|flown|"
    r"rushed|moved|airlifted|evacuated|sent)(?:\s+\w+){1,3}\s+(?:a|al|hacia|to)\s+"
    r"(?:la\s+|el\s+|the\s+)?$"
)
_AIRPORT_WORDS = re.compile(
    r"\b(?:international|internacional|national|nacional|"
    r"airport|aeropuerto|air force base)\b"
)
_AIRPORT_AFTER = re.compile(r"\s+(?:international\s+|national\s+)?airport")
_AIRPORT_BEFORE = re.compile(r"aeropuerto\s+(?:internacional\s+)?(?:de\s+)?$")
_FROM_TO_GAP = re.compile(r" (?:to|a|al|hacia|and|with) ")
_ROUTE_BEFORE = re.compile(r"\b(?:ruta|rutas|route|routes|linea|line|bus line)\s+$")
_ROAD_WORD = re.compile(
    r"\b(?:carretera|autopista|highway|route|ruta|libramiento|tramo|"
    r"federal|road|freeway|hwy)\b"
)


def prev_word_key(text: str, start: int) -> str:
    """The folded word right before ``start`` ("la" in "la Casa Blanca")."""
    m = re.search(r"(\w+)\W*$", text[max(0, start - 20) : start])
    return name_key(m.group(1)) if m else ""


def _ends_with(before: str, cues: list[str]) -> str | None:
    """Return the cue that ``before`` (folded, space-normalised) ends with.

    An article may sit between the cue and the name ("in the town of", "en la").
    Cues are looked up as sets of word tuples, longest first: no regex scan.
    """
    words = before.split()
    hit = _tail_in(words, cues)
    if hit is None and words and words[-1] in _ARTICLE_SET:
        hit = _tail_in(words[:-1], cues)
    return hit


def _tail_in(words: list[str], cues: list[str]) -> str | None:
    cueset, longest = _cue_set(tuple(cues))
    for k in range(min(longest, len(words)), 0, -1):
        tail = " ".join(words[-k:])
        if tail in cueset:
            return tail
    return None


#: Prepositions that put a name inside a place named before it.
_LOCATIVE = frozenset({"in", "en", "de", "del", "at", "near", "cerca", "of"})
_TOWARDS = frozenset({"to", "a", "al", "hacia"})


class _CueIndex:
    """All cue lists as sets of phrases, looked up in one pass per name.

    Which lists end the text before a name, which start the text after it:
    a few set look-ups instead of a regex scan per list.
    """

    BEFORE = (
        "org_heads",
        "agency_heads",
        "person_titles",
        "context_before",
        "neighbourhood_before",
        "strong_context_before",
        "airport_before",
        "state_before",
        "city_before",
        "municipality_before",
        "capital_before",
        "destination_before",
        "road_before",
        "comparison_before",
        "origin_before",
        "boundary_before",
    )
    AFTER = (
        "org_tails",
        "agency_tails",
        "airport_after",
        "state_after",
        "city_after",
        "modifier_after",
        "road_after",
        "boundary_after",
        "origin_after",
    )

    def __init__(self, vocab: dict[str, list[str]]):
        self._before: dict[str, list[str]] = {}
        self._after: dict[str, list[str]] = {}
        for cls in self.BEFORE:
            for cue in vocab[cls]:
                self._before.setdefault(cue, []).append(cls)
        for cls in self.AFTER:
            for cue in vocab[cls]:
                self._after.setdefault(cue, []).append(cls)
        self._longest = max(c.count(" ") + 1 for c in list(self._before) + list(self._after))

    def before(self, text: str) -> dict[str, str]:
        """Cue classes the (folded) text ends with; an article may follow the cue."""
        words = text.split()
        hits = self._tails(words)
        if words and words[-1] in _ARTICLE_SET:
            words = words[:-1]
            for cls, cue in self._tails(words).items():
                hits.setdefault(cls, cue)
        # "trasladado en helicóptero a Morelia", "flown by helicopter to
        # Mexico City": the verb and its preposition a few words apart.
        raw = text.split()
        if "destination_before" not in hits and raw and raw[-1] in _TOWARDS:
            for skip in range(1, 4):
                if len(raw) < skip + 2:
                    break
                gap = raw[-1 - skip : -1]
                if any(not w.isalpha() for w in gap):
                    break
                cue = f"{raw[-2 - skip]} {raw[-1]}"
                if "destination_before" in self._before.get(cue, ()):
                    hits["destination_before"] = cue
                    break
        # "taken to a military hospital in Morelia", "trasladado a un
        # hospital de la Ciudad de México": a destination a few words back.
        if "destination_before" not in hits and words and words[-1] in _LOCATIVE:
            for skip in range(1, 5):
                rest, gap = words[: -1 - skip], words[-1 - skip : -1]
                if not rest or any(not w.isalpha() for w in gap):
                    break
                cue = self._tails(rest).get("destination_before")
                if not cue and rest[-1] in _ARTICLE_SET:
                    cue = self._tails(rest[:-1]).get("destination_before")
                if not cue:
                    # "al hospital militar de Chilpancingo": the cue's noun,
                    # then its adjectives, then the preposition.
                    cue = self._tails([gap[0], words[-1]]).get("destination_before")
                if cue:
                    hits["destination_before"] = cue
                    break
        return hits

    def _tails(self, words: list[str]) -> dict[str, str]:
        hits: dict[str, str] = {}
        for k in range(min(self._longest, len(words)), 0, -1):
            tail = " ".join(words[-k:])
            for cls in self._before.get(tail, ()):
                hits.setdefault(cls, tail)
        return hits

    def after(self, text: str) -> dict[str, str]:
        """Cue classes the (folded) text starts with."""
        words = text.split()
        hits: dict[str, str] = {}
        for k in range(min(self._longest, len(words)), 0, -1):
            head = " ".join(words[:k])
            for cls in self._after.get(head, ()):
                hits.setdefault(cls, head)
        return hits


@dataclass
class _Span:
    """A candidate mention while the article is being read."""

    start: int
    end: int
    key: str
    text: str
    sentence: int
    entries: list = field(default_factory=list)
    role: str = "place"
    kind_hint: str | None = None
    capital_after: bool = False
    #: "la capital de Veracruz": the state's capital, even where a city has its name.
    capital_of: bool = False
    reason: str | None = None
    qualifier_of: int | None = None
    qualified_by: int | None = None
    strong_context: bool = False
    context: bool = False
    #: "el municipio de X": the municipality, so its seat among namesakes.
    seat_cue: bool = False
    # ... for one municipality ("el municipio de Tabasco", not "los municipios de").
    one_municipality: bool = False
    #: "la capital tabasqueña": the state (admin1) whose capital is meant.
    capital_state: str | None = None
    #: "las autoridades de Coahuila": a seat in an agency's name.
    agency: bool = False


_AUTOMATA: dict[int, tuple] = {}


def _name_automaton(gaz: Gazetteer) -> tuple:
    """The Aho-Corasick automaton of a gazetteer's names, built once per gazetteer.

    Shared by the extractors of every language. Returns the automaton and the
    airports known by their own name (``core name -> place index``).
    """
    cached = _AUTOMATA.get(id(gaz))
    if cached is not None and cached[0] is gaz:
        return cached[1], cached[2]
    import ahocorasick

    auto = ahocorasick.Automaton()
    for key in gaz.index:
        if len(key) >= 2:
            auto.add_word(key, (len(key), key))
    # An initial keeps its period in the text ("Gustavo A. Madero"), which
    # reads as a second space once punctuation is blanked. One scan of all
    # keys finds the few names with an initial.
    for key in _WITH_INITIAL.findall("\n".join(gaz.index)):
        dotted = _INITIAL.sub(r"\1  ", key)
        auto.add_word(dotted, (len(dotted), key))
    # Airports known by their own name ("Los Cabos International Airport",
    # "aeropuerto de Los Cabos") where no place has that name.
    airport_cores: dict[str, int] = {}
    for idx in gaz.airports:
        airport = gaz.places[idx]
        core = _AIRPORT_WORDS.sub("", name_key(airport.name)).strip()
        if (
            airport.code
            and len(airport.code) == 3
            and len(core) >= 4
            and core not in gaz.index
            and auto.get(core, None) is None
        ):
            airport_cores[core] = idx
            auto.add_word(core, (len(core), core))
    auto.make_automaton()
    _AUTOMATA[id(gaz)] = (gaz, auto, airport_cores)
    return auto, airport_cores


#: After a town in mixed case, what makes it a dateline: a date and the
#: dash that ends the dateline ("Ciudad de México, 16 de enero (SinEmbargo).–",
#: "Tepic, Nay., 3 de marzo de 2024.-", "Culiacán, enero 5 —").
_DATED_DATELINE = re.compile(
    r"\s*,\s*(?:[A-Z][\w.]{1,6}\.?,?\s*)?(?:a\s+)?"
    r"(?:\d{1,2}\s+(?:de\s+)?[A-Za-zé]{3,10}\.?|[A-Za-zé]{3,10}\.?\s+\d{1,2})"
    r"(?:,?\s+(?:de\s+|del\s+)?\d{4})?"
    # "Culiacán, 5 de enero (EFE).-"; "Mexico City, Aug 1 (IANS) Gunmen killed"
    r"(?:\s*(?:\([^)]{1,40}\))?\s*\.?\s*[-–—]|\s*\([A-Z][A-Za-z .]{1,20}\)\s+(?=[A-Z]))"
)


#: Or a dash right after it, with no date: "Ciudad de México.— El Gabinete...",
#: "Tepic, Nay.- Una balacera..." (a hyphen alone joins two places instead).
#: A lead dateline is looked for on the lines starting in this many first characters.
DATELINE_REACH = 400
_LINE_START = re.compile(r"(?:^|(?<=\n))[ \t]*(?:date \d{4}-\d{2}-\d{2}[ \t]+)?", re.MULTILINE)
#: A dateline glued to the summary before it, as scraped pages give it:
#: "...en la región de los Altos de Chiapas.TUXTLA GUTIÉRREZ, Chis. (apro).-".
_GLUED_START = re.compile(r"(?<=[a-záéíóúüñ]{3}[.!?])(?=[A-ZÁÉÍÓÚÜÑ]{3,}[ ,])")
#: "Celaya, Guanajuato.-", "Torreón, Coahuila, 10 de enero de 2020.-",
#: "BAJA CALIFORNIA (apro).-", "URUAPAN, Mexico —": names and a date, then a dash.
_LEAD_DATELINE = re.compile(
    r"(?P<head>[A-ZÁÉÍÓÚÑÜ][^\n.–—()]{0,70}?(?:\.[^\n.–—()]{1,30}?){0,3})"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?:\.\s*[-–—]+|\s[–—]+|\.?[–—]+)"
)
_LOOSE_DATELINE = re.compile(
    r"(?P<head>[A-ZÁÉÍÓÚÑÜ][^\n.:–—()-]{1,40}?)(?: - |: )(?=[A-ZÁÉÍÓÚÑÜ0-9])"
)
#: Lowercase words a dateline may hold besides dates: "Cd. de México", "a 16 de".
_DATELINE_WORDS = frozenset({"de", "del", "la", "las", "los", "el", "y", "a", "mexico"})
_WIRE_DATELINE = re.compile(r"(?:\s*,\s*[\w. ]{2,24})?\s*\([A-Z][\w ]{1,20}\)\s*[—–-]")
_DASH_DATELINE = re.compile(r"(?:\s*,\s*[A-Z][\w.]{1,6}\.?)?\s*(?:\.\s*[-–—]|[–—])")
#: A state's abbreviation and a full stop, then the story: "Monterrey, N.L. Al
#: menos seis...", "Campeche, Camp. Un reo muerto..." (La Jornada's form),
#: "Tepic, Nay., Una balacera...".
_ABBREVIATED_DATELINE = re.compile(r",\s*[A-Z][A-Za-z.]{1,6}\.,?[ \t]+[¿¡\"“]?[A-ZÁÉÍÓÚÑ]")
#: After a town: its state and the dash of a local paper's dateline (", Nuevo León.- ").
_STATE_DASH_DATELINE = re.compile(r",[ \t]*[A-ZÁÉÍÓÚÑ][\wáéíóúñ. ]{1,24}?\.[ \t]*[-–—]+[ \t]")
#: An all-caps town and a colon: "MEXICO CITY:  Authorities in..." (Indian wires).
_COLON_DATELINE = re.compile(r":[ \t]+[\"“]?[A-Z]")

#: "the Sinaloa and Juarez Cartels", "Sinaloa and Jalisco New Generation
#: cartels": the first of a list of cartels' names.
_CARTEL_LIST_AFTER = re.compile(
    r"\s+(?:and|y|or|o)\s+(?:the\s+|el\s+|del\s+)?(?:[A-ZÁÉÍÓÚÑ][\w'’-]*\s+){1,4}"
    r"(?:[Cc]artels?|[Cc][aá]rteles)\b"
)
_CARTEL_LIST_GAP = re.compile(r",\s*|\s+(?:y|e|and)\s+(?:(?:el|del|the)\s+)?")
_CARTEL_BEFORE = re.compile(r"(?i:c[aá]rtel|cartel)\s+(?:de\s+|del\s+|of\s+)?$")
#: The rest of one cartel's name, then the next one's: " Nueva Generación
#: (CJNG) y de ".
_CARTEL_TAIL_GAP = re.compile(
    r"(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*){0,3}(?:\s*\([A-Z]{2,6}\))?\s+(?:y|e|and)\s+"
    r"(?:(?:el|del|de|the)\s+)?"
)
_CARTELS_BEFORE = re.compile(r"(?i:c[aá]rteles|cartels)\s+(?:de\s+|del\s+|of\s+)?$")

_LONGER_NAME_BEFORE = re.compile(r"(?:\b[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*|\bdel?|\bla)\s+$")
_LONGER_NAME_AFTER = re.compile(r"\s+(?:[A-ZÁÉÍÓÚÑ]|del?\s|la\s)")


#: A village smaller than this, in a state the story never names, is taken
#: for a namesake of the place meant (see ``_second_look``).
OUTLIER_POPULATION = 5_000

#: A reading this many times larger than every namesake in another state is
#: sure enough to set the story's state (Ciudad Juárez, not Villa Juárez).
SURE_POPULATION_RATIO = 10


#: Words that join a name's words ("Santa María de la Paz").
_NAME_LINK_WORDS = frozenset({"de", "del", "la", "las", "los", "el", "y"})
#: A word of a street's or road's name: capitalised, or a number ("Calle 22").
_ROAD_TOKEN = (
    r"(?:[A-ZÁÉÍÓÚÑÜ]\.(?=[ \t]+[A-ZÁÉÍÓÚÑÜ])|[A-ZÁÉÍÓÚÑÜ][\wÁÉÍÓÚÑÜáéíóúñü'’]*|\d{1,4}[A-Z]?)"
)
#: What joins the words of a name: a space, a dash between two towns, or a
#: linking word ("Paseo de la Reforma", "carretera Tecate - Tijuana").
_ROAD_JOIN = (
    r"(?:[ \t]+(?:de|del|de la|de las|de los|la|las|los|el)[ \t]+|[ \t]*[-–—][ \t]*|[ \t]+)"
)
_ROAD_NAME = rf"{_ROAD_TOKEN}(?:{_ROAD_JOIN}{_ROAD_TOKEN}){{0,6}}"
#: Between a road's head and its name: "carretera a Chapala", "libramiento de
#: Camargo", "carretera federal número 15".
_ROAD_LINK = r"[ \t]+(?:(?:a|al|hacia|de|del|n[uú]mero|No\.)[ \t]+)?"


#: A colonia's or community's own name, capitalised words and linking words.
_HOOD_NAME = re.compile(_ROAD_NAME)
_HOOD_NAME_BEFORE = re.compile(rf"{_ROAD_NAME}(?=[ \t]*$)")
#: Between a colonia's name and its town (folded): "Cruz de Piedra, en
#: Cuernavaca", "La Purísima de Aguascalientes", "... of Colima city".
_HOOD_TOWN_GAP = re.compile(
    r"(?: *,? *(?:(?:ubicad[oa]s?|localizad[oa]s?|situad[oa]s?) +en|(?:located|situated) +in) +|"
    r" *, *(?:en +|in +)?| +(?:de|del|en|of|in) +)(?:la ciudad de +|el municipio de +|"
    r"municipio de +|the city of +|the municipality of +)?"
)
_HOOD_TOWN_GAP_AFTER = re.compile(r" +(?:of|in|de|en) +(?:the city of +|la ciudad de +)?")
#: Between a road and the town it is at: "near Nochixtlán", "a la altura del
#: municipio de Hualahuises" (folded).
_ALONG_ROAD = re.compile(
    r"^[ ,]*(?:\w+ ){0,3}?(?:near|close to|outside|at the height of|cerca de|a la altura (?:de|del)"
    r"(?: municipio de)?|en las inmediaciones de|in the municipality of|en el municipio de)\s+$"
)
#: Words around a city's name that make it its airport's name, kept in the
#: mention: "Aeropuerto Internacional de Culiacán", "Cancún International
#: Airport", "Lic. Benito Juárez International Airport".
_AIRPORT_NAME_BEFORE = re.compile(
    r"(?:(?i:aeropuerto|terminal)(?:[ \t]+(?i:internacional))?(?:[ \t]+(?i:federal))?"
    r"[ \t]+(?i:de)[ \t]+|(?:Lic\.?|Licenciado)[ \t]+)$"
)
_AIRPORT_NAME_AFTER = re.compile(r"(?:[ \t]+(?i:international|intl\.?))?[ \t]+(?i:airport)\b")


def _titled_words(text: str) -> int:
    """How many words of a name, its linking words aside, open with a capital; 0 if any does not."""
    words = [w for w in text.split() if w.lower() not in _NAME_LINK_WORDS]
    return len(words) if words and all(w[:1].isupper() for w in words) else 0


def _airport_name(text: str, m: Mention) -> Mention:
    """An airport's mention over its whole name, as the text gives it."""
    if m.place is None or m.place.kind != "airport":
        return m
    start, end = m.start, m.end
    before = _AIRPORT_NAME_BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        start = before.start()
        if text[start:].startswith(("Lic", "Licenciado")):
            lic = _AIRPORT_NAME_BEFORE.search(text, max(0, start - 40), start)
            start = lic.start() if lic is not None else start
    after = _AIRPORT_NAME_AFTER.match(text, end)
    if after is not None:
        end = after.end()
    if (start, end) == (m.start, m.end):
        return m
    return replace(m, start=start, end=end, text=text[start:end])


#: A town after a street's name: "bulevar Emiliano Zapata de Culiacán".
_TOWN_AFTER_STREET = re.compile(r"[ \t](?:de|del|en)[ \t]+")


def _road_regex(vocab: dict) -> re.Pattern:
    """Streets and roads by their own names, from the pack's heads, tails and numbers.

    Group ``head`` or ``tail`` holds the cue word, so the caller tells a
    street ("avenida Benito Juárez": no town inside) from a highway ("the
    Oaxaca-Puebla highway": its ends are towns).
    """

    def alt(words):
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    heads = [w for ws in vocab.get("road_heads", {}).values() for w in ws]
    tails = [w for ws in vocab.get("road_tails", {}).values() for w in ws]
    numbers = vocab.get("road_numbers", [])
    parts = []
    if numbers:
        parts.append(
            rf"(?<![\w.])(?P<number>(?i:{alt(numbers)}))[ \t]+(?:No\.[ \t]*)?\d{{1,3}}[A-Z]?\b"
        )
    if heads:
        parts.append(rf"(?<![\w.])(?P<head>(?i:{alt(heads)})){_ROAD_LINK}{_ROAD_NAME}")
    if tails:
        # "The Wall Street Journal": a name that goes on is something else's.
        parts.append(
            rf"(?=[A-ZÁÉÍÓÚÑÜ]){_ROAD_NAME}[ \t]+(?P<tail>(?i:{alt(tails)}))\b"
            r"(?![ \t]+[A-ZÁÉÍÓÚÑ])"
        )
    return re.compile("|".join(parts)) if parts else re.compile(r"(?!)")


class PlaceExtractor:
    """Find place mentions in articles; build once, use for many articles.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the process-wide gazetteer.
    langs : tuple of str, optional
        The rule packs whose place cues it reads (all packs when None).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, langs: tuple[str, ...] | None = None):
        self.gaz = gazetteer or load_gazetteer()
        self.langs = langs
        self.geocoder = OfflineGeocoder(self.gaz)
        self.vocab = _vocab(langs)
        self.cues = _CueIndex(self.vocab)
        self.normal_regex = re.compile(
            r"(?<![a-z0-9])(?:"
            + "|".join(re.escape(c) for c in self.vocab["normal_clause"])
            + r")(?![a-z0-9])"
        )
        self.common = _common_names()
        self._person_titles = frozenset(self.vocab["person_titles"])
        self._relative_regex = phrase_regex(self.vocab["relative_before"], r"\b(?:{})\s+$")
        self._urban_settlement_words = frozenset(
            name_key(w) for w in self.vocab["urban_settlement_words"]
        )
        self._start_regex = phrase_regex(self.vocab["start_before"], r"\b(?:{})\s+$")
        self._end_regex = phrase_regex(self.vocab["end_before"], r"\b(?:{})\s+$")
        self._spot_regex = phrase_regex(self.vocab["spot_before"], r"\b(?:{})\s+$")
        # "el municipio de Yautepec" (one municipality) and "el poblado de
        # Oaxtepec" (one of its localities, named by a cue ending in "de").
        self._one_municipality_regex = phrase_regex(
            [
                w
                for w in self.vocab["municipality_before"]
                # "la cabecera municipal de Loreto" names the seat itself.
                if not w.startswith(("municipios", "municipalities", "cabecera", "municipal seat"))
            ],
            r"\b(?:{})\s+$",
        )
        localities = [
            w
            for w in self.vocab["settlement_before"]
            if w.endswith((" de", " of")) and not w.startswith(("colonia", "barrio"))
        ]
        self._locality_regex = phrase_regex(localities, r"\b(?:{})\s+$")
        # "placas de circulación 6KFU957 del estado de California": where a
        # vehicle is registered, with its plate number between.
        plates = "|".join(re.escape(w) for w in folded_phrases(self.vocab["plate_words"]))
        self._plates_before = re.compile(
            rf"\b(?:{plates})\s+(?:de circulacion\s+)?[a-z]*\d[\w-]*\s+"
            r"(?:tambien\s+)?(?:del estado de|del|de la|de|from|of)\s+(?:(?:the|el|la)\s+)?$"
        )
        # "an area known as the Derramadero": a place's name, not an alias.
        self._known_as_area = re.compile(
            r"\b(?:{})\s+(?:known as|conocid[oa] como)\s+(?:(?:the|el|la|los|las)\s+)?$".format(
                "|".join(re.escape(w) for w in folded_phrases(self.vocab["known_as_areas"]))
            )
        )
        # The same cues with or without their "de": "la comunidad La Estación".
        self._locality_cue_regex = phrase_regex(
            sorted({w.rsplit(" ", 1)[0] for w in localities}, key=len, reverse=True),
            r"\b(?:{})(?:\s+(?:de|of))?\s+$",
        )
        # Settlement cues: before a name, after it, and the street words
        # before a name that make it no settlement.
        # One-word settlement cues ("colonia", "ejido"): never a person's name.
        self._settlement_words = frozenset(
            name_key(w) for w in self.vocab["settlement_before"] if " " not in w.strip()
        )
        # ... ending right before a name ("la localidad de Colombia").
        self._settlement_end = phrase_regex(
            self.vocab["settlement_before"], r"(?<![a-z0-9])(?:{})\s+$"
        )
        self._settlement_regex = phrase_regex(
            self.vocab["settlement_before"], r"(?<![a-z0-9])(?:{})(?: +|$)"
        )
        self._hood_after_words = {name_key(w) for w in self.vocab["settlement_after"]} & {
            name_key(w).removeprefix("the ") for w in self.vocab["neighbourhood_before"]
        }
        self._hood_before_regex = phrase_regex(
            sorted(
                set(self.vocab["settlement_before"])
                | set(self.vocab["neighbourhood_before"]) - set(self.vocab["street_before"]),
                key=len,
                reverse=True,
            ),
            r"(?<![a-z0-9])(?:{}) +(?:de +|of +)?",
        )
        self._settlement_after_regex = phrase_regex(
            self.vocab["settlement_after"], r" +(?:{})(?![a-z0-9])"
        )
        self._street_before_regex = phrase_regex(
            self.vocab["street_before"],
            r"(?<![a-z0-9])(?:{}) +(?:(?:de|del|la|el|los|las|the) +)?$",
        )
        self._anchors: tuple[Place, ...] | list[Place] = ()
        #: States of the towns the article names unambiguously (see _resolve).
        self._town_states: set[str] = set()
        #: Span start -> the one state its list's other members lie in (second look).
        self._list_states: dict[int, str] = {}
        self._fuzzy_cache: dict[str, list] = {}
        self.function_words = _function_words(langs)
        places_rules = load_rules("places", langs)
        states = {name_key(p.name): p.admin1 for p in self.gaz.states.values()}
        self._state_capitals = {
            name_key(phrase): states[name_key(state)]
            for phrase, state in places_rules.get("state_capital_phrases", {}).items()
        }
        self._road_regex = _road_regex(places_rules)
        self._road_from_regex, self._trip_from_regex = _from_to_regexes(places_rules)
        self._region_head_regex = _region_head_regex(places_rules)
        self._a_city_regex = _a_city_regex(places_rules)
        # The same words, but for "the"/"this"/"that": "the Mexico state police".
        self._a_state_regex = _a_city_regex(
            {
                "city_of_country_before": [
                    w
                    for w in self.vocab["city_of_country_before"]
                    if w not in ("the", "this", "that", "el", "la", "este", "esta")
                ]
            }
        )
        self._located_later_regex = _located_later_regex(places_rules)
        self._street_heads = frozenset(
            name_key(w) for w in places_rules.get("road_heads", {}).get("street", [])
        )
        self._street_tails = frozenset(
            name_key(w) for w in places_rules.get("road_tails", {}).get("street", [])
        )
        dates = load_rules("dates", langs)
        self._date_words = frozenset(
            name_key(w) for w in list(dates["weekdays"]) + list(dates["months"])
        )
        self.automaton, self._airport_cores = _name_automaton(self.gaz)

    # -- public ----------------------------------------------------------------
    def extract(
        self, article: Article, sentences: list[Sentence], folded: str | None = None
    ) -> list[Mention]:
        """Return every place mention of ``article``, resolved or not, by offset.

        Mentions dropped as people, organisations or unsupported guesses come
        back with ``place=None`` and a ``reason``, so a summary can say what
        was left out and why. ``folded`` may pass ``fold(article.text)``
        when the caller has it already.
        """
        text = article.text
        mtext = _NON_ALNUM.sub(" ", fold(text) if folded is None else folded)
        bounds = [(s.start, s.end) for s in sentences]
        spans = self._spot(text, mtext, bounds)
        spans += self._capital_phrases(mtext, spans, bounds)
        spans.sort(key=lambda s: s.start)
        self._read_context(text, mtext, spans, bounds)
        states_by_sentence, article_states = self._state_context(spans)
        self._town_states = self._unique_town_states(spans)
        countries = self._article_countries(spans)
        mentions = [
            self._resolve(article, s, spans, states_by_sentence, article_states, countries)
            if s.kind_hint != "capital"
            else None
            for s in spans
        ]
        self._second_look(article, spans, mentions, states_by_sentence, article_states, countries)
        # "the state capital" refers to the state of the nearest place before it.
        for i, s in enumerate(spans):
            if mentions[i] is None:
                mentions[i] = self._capital(
                    article, s, spans, mentions, states_by_sentence, article_states
                )
        self._one_sense(spans, mentions, states_by_sentence)
        mentions = self._settlements(article, text, mtext, spans, mentions, bounds, article_states)
        mentions = self._in_municipality(text, mentions)
        mentions = _same_name_same_place(mentions)
        mentions = self._abroad_by_subdivision(text, mentions)
        mentions = self._stated_neighbourhoods(article, text, mtext, mentions)
        mentions = _boundary_towns_after_a_place(mentions, bounds)
        mentions = self._reference_towns(mtext, mentions, bounds)
        mentions = self._municipality_of_a_locality(mtext, mentions, bounds)
        roads = self._roads(article, text, mentions, bounds)
        crossed = _cross_streets(text, mentions, roads, self._street_heads)
        if crossed is not mentions:
            # A cross street unread no longer places its street.
            mentions, roads = crossed, self._roads(article, text, crossed, bounds)
        mentions = _inside_highways(mentions, roads) + roads
        mentions = [_airport_name(text, m) for m in mentions]
        mentions += self._fuzzy(article, text, mtext, spans, bounds, article_states)
        mentions = self._persons_again(article, mentions, spans)
        mentions = self._given_names(text, mentions)
        mentions.sort(key=lambda m: (m.start, m.end))
        return _link_fuzzy_qualifiers(text, mentions)

    def _second_look(self, article, spans, mentions, by_sentence, article_states, countries):
        """Resolve the ambiguous names again, in the setting the sure ones give.

        A story about "Ciudad Juárez" and "Cuauhtémoc" never names Chihuahua,
        yet Juárez says where it is set: its Cuauhtémoc is the Chihuahua city,
        not the larger Mexico City borough. A qualified name ("Petatlán,
        Guerrero"), or a town of at least ``OUTLIER_POPULATION`` whose
        readings all lie in one state or which is ``SURE_POPULATION_RATIO``
        times larger than any namesake in another state, counts for its
        state, as if the article had named it; the other names are resolved
        once more with that count.
        """
        setting: Counter = Counter()
        ambiguous = []
        anchors: list[Place] = []
        for i, (s, m) in enumerate(zip(spans, mentions)):
            if m is None or m.place is None or s.role in _NOT_PLACES:
                continue
            if m.place.country != "MX" or m.place.kind not in ("city", "town"):
                continue
            others = [
                self.gaz.places[e.place].population
                for e in s.entries
                if self.gaz.places[e.place].kind in ("city", "town")
                and self.gaz.places[e.place].country == "MX"
                and self.gaz.places[e.place].admin1 != m.place.admin1
            ]
            if s.qualified_by is not None or (
                m.place.population >= OUTLIER_POPULATION
                and (not others or m.place.population >= SURE_POPULATION_RATIO * max(others))
            ):
                setting[m.place.admin1] += 1
                anchors.append(m.place)
            else:
                ambiguous.append(i)
        if not setting:
            return
        merged = Counter(article_states)
        merged.update(setting)
        # Among the namesakes in the story's main state, the village near its
        # sure towns: "El Limón" in a story about Petatlán is Petatlán's.
        main = max(merged, key=lambda a: (merged[a], a))
        self._anchors = [a for a in anchors if a.admin1 == main]
        self._list_states = self._sibling_states(article.text, spans, mentions, ambiguous)
        try:
            for i in ambiguous:
                mentions[i] = self._resolve(
                    article, spans[i], spans, by_sentence, merged, countries
                )
        finally:
            self._anchors = ()
            self._list_states = {}
        # "the communities of El Anono, El Limón and Casas Viejas" in a story
        # set in Guerrero: a village whose only reading lies in a state the
        # story never names is a namesake, not the place meant.
        for i, (s, m) in enumerate(zip(spans, mentions)):
            p = m.place if m is not None else None
            if (
                p is None
                or s.role in _NOT_PLACES
                or p.country != "MX"
                or p.kind not in ("city", "town")
                or p.population >= OUTLIER_POPULATION
                or s.qualified_by is not None
                or merged.get(p.admin1)
            ):
                continue
            # "en la zona centro de Guerrero" in a Guerrero story: the state,
            # not the village of its name elsewhere.
            state = next(
                (
                    q
                    for e in s.entries
                    if (q := self.gaz.places[e.place]).kind == "state" and merged.get(q.admin1)
                ),
                None,
            )
            mentions[i] = (
                self._mention(article, s, state)
                if state is not None
                else self._mention(
                    article,
                    s,
                    None,
                    reason=f"small namesake {p.name} ({p.state}) outside the story",
                )
            )

    def _one_sense(self, spans, mentions: list[Mention], states_by_sentence) -> None:
        """A town name keeps, through the article, the reading its context fixed.

        "el municipio de Tamazula, en la sierra de Durango" fixes Tamazula,
        Durango; a later bare "Tamazula" is the same town, not the namesake in
        Sinaloa that importance alone would pick.
        """
        towns = ("city", "town")
        fixed: dict[str, Place] = {}
        fuller: dict[str, Place] = {}
        named_at: dict[str, int] = {}
        for s, m in zip(spans, mentions):
            if (
                m.place is not None
                and m.place.kind in towns
                and s.key not in fixed
                and (
                    s.qualified_by is not None
                    # "LIMONES, Bacalar, Q. Roo.-": the dateline's town.
                    or s.role == "dateline"
                    or m.place.admin1 in states_by_sentence.get(s.sentence, ())
                )
            ):
                fixed[s.key] = m.place
            if m.place is not None and m.place.kind in towns and s.role not in _NOT_PLACES:
                fuller.setdefault(name_key(m.place.name), m.place)
                named_at.setdefault(name_key(m.place.name), s.start)
        # "Cadereyta Jiménez" named in full, then "Cadereyta": the short name is
        # the same town (GeoNames may hold both as separate entries); so is
        # "Ecatepec" after "Santa María Ecatepec" when the story never names
        # the state of the larger Ecatepec.
        named_states = {a for states in states_by_sentence.values() for a in states}
        for i, (s, m) in enumerate(zip(spans, mentions)):
            if m.place is None and s.qualified_by is not None and s.role not in _NOT_PLACES:
                # "Bravo, Los Herrera y China, en Nuevo León" after "General
                # Bravo": no Bravo in Nuevo León, so the town named in full.
                q_states = {
                    self.gaz.places[e.place].admin1
                    for e in spans[s.qualified_by].entries
                    if self.gaz.places[e.place].kind == "state"
                }
                for key, place in fuller.items():
                    if place.admin1 in q_states and key.endswith(" " + s.key):
                        mentions[i] = replace(
                            m,
                            place=place,
                            match="alternate",
                            score=MATCH_SCORES["alternate"],
                            reason=None,
                        )
                        break
                continue
            if m.place is None or m.place.kind not in towns or s.role in _NOT_PLACES:
                continue
            for key, place in fuller.items():
                if place.id != m.place.id and (
                    (place.admin1 == m.place.admin1 and key.startswith(s.key + " "))
                    or (
                        key.endswith(" " + s.key)
                        and m.place.admin1 not in named_states
                        and place.admin1 in named_states
                        and s.start > named_at[key]
                    )
                ):
                    mentions[i] = Mention(
                        m.article_id, m.start, m.end, m.text, place, m.match, m.score, None, m.role
                    )
                    fixed.setdefault(s.key, place)
                    break
        if not fixed:
            return
        for i, (s, m) in enumerate(zip(spans, mentions)):
            place = fixed.get(s.key)
            if place is None or s.qualified_by is not None or s.role in _NOT_PLACES:
                continue
            if m.place is not None and (
                m.place.id == place.id
                or m.place.kind not in towns
                or m.place.admin1 in states_by_sentence.get(s.sentence, ())
            ):
                continue
            mentions[i] = Mention(
                m.article_id, m.start, m.end, m.text, place, m.match, m.score, None, m.role
            )

    # -- step 1: spotting ------------------------------------------------------
    def _spot(self, text: str, mtext: str, bounds) -> list[_Span]:
        n = len(mtext)
        raw = []
        for end, (length, key) in self.automaton.iter(mtext):
            start = end - length + 1
            if start > 0 and mtext[start - 1] != " ":
                continue
            if end + 1 < n and mtext[end + 1] != " ":
                continue
            surface = text[start : end + 1]
            proper = _proper_noun(surface)
            if not proper and not self._region_head_regex.match(surface):
                continue
            if key in self._airport_cores:
                if not (
                    _AIRPORT_AFTER.match(mtext, end + 1)
                    or _AIRPORT_BEFORE.search(mtext, max(0, start - 40), start)
                ):
                    continue
                idx = self._airport_cores[key]
                entries = [NameEntry(idx, self.gaz.places[idx].name, True)]
            else:
                entries = [
                    e
                    for e in self.gaz.lookup(key)
                    if not e.case_sensitive or _same_letters(surface, e.name)
                ]
            if not proper:
                # "la sierra Tarahumara", "la región Altos": a region's
                # name written with a lowercase head.
                entries = [e for e in entries if self.gaz.places[e.place].kind == "region"]
            if not entries:
                continue
            stop = end + 1
            if not (text[stop : stop + 1] == "." and text[:start].rstrip().endswith(",")):
                # A state's abbreviation counts only where news writes one,
                # after a town and a comma: "Culiacán, Sin." but not "Sin
                # embargo" or "Son las diez".
                entries = [e for e in entries if not self._state_abbreviation(e)]
                if not entries:
                    continue
            if text[stop : stop + 1] != ".":
                # "Ore stacking" is no "Ore." (Oregon): an abbreviation needs its period.
                entries = [
                    e
                    for e in entries
                    if not (
                        e.name.endswith(".")
                        and " " not in e.name
                        and self.gaz.places[e.place].kind == "region"
                    )
                ]
                if not entries:
                    continue
            if (
                stop < len(text)
                and text[stop] == "."
                and any(e.name.endswith(".") for e in entries)
            ):
                stop += 1  # "U.S." keeps its final period
            raw.append((start, stop, key, entries))
        raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        spans, last_end = [], -1
        for start, end, key, entries in raw:
            if start < last_end:
                continue
            spans.append(
                _Span(start, end, key, text[start:end], _sentence_of(bounds, start), entries)
            )
            last_end = end
        return spans

    def _state_abbreviation(self, entry: NameEntry) -> bool:
        """Whether a name is a one-word abbreviation of a state ("Sin.", "Jal.")."""
        return (
            entry.name.endswith(".")
            and " " not in entry.name
            and self.gaz.places[entry.place].kind == "state"
        )

    def _capital_phrases(self, mtext: str, spans, bounds) -> list[_Span]:
        """Spans for "la capital del estado" and "la capital tabasqueña": a state's capital."""
        out = []
        if "capital" not in mtext:
            return out
        # "la capital del estado" (the state in context); "la capital
        # tabasqueña" (the state its adjective names).
        cues = [(c, None) for c in self.vocab["capital_phrases"]]
        for cue, admin1 in cues + list(self._state_capitals.items()):
            # The article is the phrase's: "la capital potosina", "the state capital".
            pattern = r"(?<![a-z0-9])(?:(?:la|the) )?" + re.escape(cue) + r"(?![a-z0-9])"
            for m in re.finditer(pattern, mtext):
                if any(s.start < m.end() and m.start() < s.end for s in spans + out):
                    continue
                span = _Span(m.start(), m.end(), cue, "", _sentence_of(bounds, m.start()))
                span.kind_hint, span.capital_state = "capital", admin1
                out.append(span)
        return out

    # -- step 2: context ---------------------------------------------------------
    def _read_context(self, text: str, mtext: str, spans: list[_Span], bounds) -> None:
        cues = self.cues
        for i, s in enumerate(spans):
            if s.kind_hint == "capital":
                s.text = text[s.start : s.end]
                lo = max(0, bounds[s.sentence][0] if bounds else 0, s.start - 60)
                if "destination_before" in cues.before(
                    mtext[lo : s.start]
                ) or _DESTINATION_GAP.search(mtext, lo, s.start):
                    s.role = "destination"  # "trasladados a la capital del estado"
                continue
            # Cues before a name stay within its sentence: "...not to be
            # named. The Michoacán government" has no "named Michoacán".
            sentence_start = bounds[s.sentence][0] if bounds else 0
            b = cues.before(mtext[max(0, sentence_start, s.start - 60) : s.start])
            # Words after a name qualify it only if no punctuation intervenes.
            a = cues.after(mtext[s.end : s.end + 40]) if text[s.end : s.end + 1] == " " else {}
            if text[s.end : s.end + 2] in ("'s", "’s"):
                # "Tijuana's airport", "Sinaloa's government"; but "Jalisco's
                # capital" is the state's capital, not a city called Jalisco.
                for cls, cue in cues.after(mtext[s.end + 2 : s.end + 42]).items():
                    if cls != "city_after":
                        a.setdefault(cls, cue)
            raw_after = text[s.end : s.end + 3]
            raw_before = text[max(0, s.start - 3) : s.start].rstrip()
            # Organisations and agencies.
            if (
                ("org_heads" in b and not raw_before.endswith((",", ".")))
                or ("org_tails" in a and not raw_after.startswith((",", ".")))
                or _CARTEL_LIST_AFTER.match(text, s.end)
            ):
                s.role, s.reason = "org", "part of an organisation's name"
                continue
            if "neighbourhood_before" in b or (
                # "colonia Jardines de Morelos" honours the state; "colonia
                # Las Insurgentes de Celaya" is in Celaya.
                any(self.gaz.places[e.place].kind == "state" for e in s.entries)
                and _NAMED_STREET_BEFORE.search(text, max(0, s.start - 60), s.start)
                and not _QUALIFIED_AFTER.match(text, s.end)
            ):
                s.role, s.reason = "org", "a neighbourhood or street name"
                continue
            if _NATIONAL_AFTER.match(text, s.end):
                # "la Secretaría de la Defensa Nacional": a national body's name.
                s.role, s.reason = "org", "part of a national body's name"
                continue
            if (
                s.key in self.vocab["institution_names"]
                and prev_word_key(text, s.start) in _ARTICLE_SET | _FUSED_ARTICLES
            ):
                s.role, s.reason = "org", "an institution's name (la Casa Blanca)"
                continue
            if _ROAD_NUMBER.match(text, s.end) and _ROAD_WORD.search(
                mtext, max(0, s.start - 30), s.start
            ):
                # "la carretera México 15", "Highway Mexico 2": a road's name.
                s.role, s.reason = "name", "part of a numbered road's name"
                continue
            # Both patterns end in a preposition: test that before scanning.
            if (
                "agency_heads" in b
                or "agency_tails" in a
                or (
                    mtext[max(0, s.start - 8) : s.start].rstrip().endswith(("en", "in"))
                    and _AGENCY_SEAT_BEFORE.search(mtext, max(0, s.start - 60), s.start)
                )
                or (
                    text[max(0, s.start - 8) : s.start].rstrip().endswith(("de", "del"))
                    and _AGENCY_NAME_BEFORE.search(text, max(0, s.start - 90), s.start)
                )
            ):
                s.role = "context"
                s.agency = True
            # People.
            if (
                s.key.split(" ", 1)[-1] in self._person_titles
                and s.key.split(" ", 1)[0] in _ARTICLE_SET
                and _PERSON_AFTER_TITLE.match(text, s.end)
            ):
                # "El Gobernador, Enrique Alfaro confirmó": a title, not El Gobernador, Jalisco.
                s.role, s.reason = "person", "a person's title before their name"
                continue
            if (
                "person_titles" in b
                and not raw_before.endswith(",")
                and "context_before" not in b
                and not self._known_as_area.search(mtext, max(0, s.start - 60), s.start)
            ):
                s.role, s.reason = "person", "part of a person's name (title before it)"
                continue
            nick = _NICKNAME_BEFORE.search(text, max(0, s.start - 50), s.start)
            if nick is not None:
                # 'Cipriano “Pano” Escárcega Aranda': a surname after a nickname.
                s.role, s.reason = "person", f"part of a person's name ({nick.group().strip()})"
                continue
            prev = _previous_word(text, s.start)
            if (
                prev
                and prev[:1].isupper()
                and name_key(prev) in _NAME_FORMING
                and any(self.gaz.places[e.place].kind == "state" for e in s.entries)
            ):
                # "Puerto Morelos", "Villa Guerrero": a town's name the gazetteer
                # lacks, not the state it contains.
                s.role, s.reason = "name", f"part of a longer name ({prev} {s.text})"
                continue
            if (
                s.text.endswith(" city")
                and any(self.gaz.places[e.place].kind != "country" for e in s.entries)
                and (
                    self._a_city_regex.search(text, max(0, s.start - 30), s.start)
                    or text.startswith(" of ", s.end)
                )
            ):
                # "Mexico city" matched whole: Mexico City is capitalised.
                s.role, s.reason = "name", "a city of the country, not the capital"
                continue
            longer = _SAINT_NAME.match(s.text) and _NAME_GOES_ON.match(text, s.end)
            if (
                longer
                and not (i + 1 < len(spans) and spans[i + 1].start == s.end + 1)
                and not _title_case_line(text, s.start)
            ):
                # "San Mateo Macuilxóchitl", "San José Tercero": a village the
                # gazetteer lacks, not the San Mateo it knows elsewhere.
                s.role = "name"
                s.reason = f"part of a longer name ({s.text}{longer.group()})"
                continue
            if _NAME_ENDING.match(text, s.end) and any(
                self.gaz.places[e.place].kind == "state" for e in s.entries
            ):
                tail = _NAME_ENDING.match(text, s.end).group().strip()
                s.role, s.reason = "name", f"part of a longer name ({s.text} {tail})"
                continue
            if prev and self._name_like(prev, spans, i, text):
                s.role, s.reason = "person", f"part of a person's name ({prev} {s.text})"
                continue
            if (
                _STATE_ADJECTIVE_AFTER.match(text, s.end)
                and any(self.gaz.places[e.place].kind == "state" for e in s.entries)
                and self._a_city_regex.search(text, max(0, s.start - 30), s.start)
            ):
                # "avoid travel to that Tamaulipas city": the state says where
                # the story's town lies; it is no town called Tamaulipas.
                s.role, s.kind_hint = "qualifier", "state"
                s.reason = "a town of the state, named before"
                continue
            if _SOME_TOWN_OF.search(text, max(0, s.start - 60), s.start) and any(
                self.gaz.places[e.place].kind == "state" for e in s.entries
            ):
                # "a highlands municipality of Chiapas", "un municipio de Guerrero":
                # one of the state's towns, not a town called Chiapas.
                s.kind_hint = "state"
                continue
            # Kind cues.
            if "airport_before" in b or "airport_after" in a:
                s.kind_hint = "airport"
            elif "capital_before" in b or a.get("city_after") == "state capital":
                # "the capital of Sinaloa state", "the Tabasco state capital"
                s.kind_hint = "city"
                s.capital_after = True
                lead = "capital_before" in b and _CAPITAL_LEAD.search(
                    mtext, max(0, sentence_start, s.start - 40), s.start
                )
                s.capital_of = "capital_before" in b
                if (
                    lead
                    and lead.group(1) == b["capital_before"]
                    and any(self.gaz.places[e.place].kind == "state" for e in s.entries)
                    and not any(o.start < s.start and lead.start() < o.end for o in spans)
                ):
                    # "la capital de Nayarit" names the city, words and all.
                    s.start = lead.start()
                    s.text = text[s.start : s.end]
            elif "state_before" in b or (
                # "the northern Mexico state of Chihuahua" names Chihuahua.
                "state_after" in a
                and not _STATE_OF_AFTER.match(text, s.end)
                # "another northern Mexico state": a state of the country.
                and not (
                    any(self.gaz.places[e.place].kind == "country" for e in s.entries)
                    and self._a_state_regex.search(text, max(0, s.start - 30), s.start)
                )
            ):
                s.kind_hint = "state"
            elif "city_before" in b or (
                "city_after" in a
                # "violent southern Mexico city": a city of the country.
                and not (
                    text.startswith(" city", s.end)
                    and any(self.gaz.places[e.place].kind == "country" for e in s.entries)
                    and (
                        self._a_city_regex.search(text, max(0, s.start - 30), s.start)
                        or text.startswith(" city of ", s.end)
                    )
                )
            ):
                s.kind_hint = "city"
                s.capital_after = a.get("city_after") == "capital"
            s.seat_cue = "municipality_before" in b
            s.one_municipality = s.seat_cue and not b["municipality_before"].startswith(
                "municipios"
            )
            if "modifier_after" in a and self._modifier(text, spans, i):
                continue
            s.context = "context_before" in b
            s.strong_context = "strong_context_before" in b
            if s.role == "place":
                for cls, role in (
                    ("destination_before", "destination"),
                    ("road_before", "road"),
                    ("comparison_before", "comparison"),
                    ("origin_before", "origin"),
                    ("boundary_before", "boundary"),
                    ("boundary_after", "boundary"),
                    ("origin_after", "origin"),
                ):
                    if cls in (a if cls.endswith("_after") else b):
                        s.role = role
                        break
                else:
                    if "road_after" in a and self._street_name(text, spans, i):
                        continue
                    if _DESTINATION_GAP.search(mtext, max(0, s.start - 60), s.start):
                        s.role = "destination"  # "trasladados vía aérea a Chihuahua"
                    elif self._plates_before.search(mtext, max(0, s.start - 60), s.start):
                        # "placas de circulación 6KFU957 del estado de California"
                        s.role = "origin"
        self._propagate_lists(text, spans)
        self._hyphen_pairs(text, mtext, spans)
        self._road_from_to(text, mtext, spans)
        self._appositions(text, spans)
        self._located_later(text, spans)
        self._normal_clauses(text, mtext, spans)
        self._link_qualifiers(text, spans)
        self._dateline(text, spans)
        self._repeated_dateline(text, spans)
        self._person_pairs(text, spans)
        self._cartel_lists(text, spans)

    def _dateline(self, text: str, spans: list[_Span]) -> None:
        """Mark a dateline ("CULIACÁN, Sin. (AP) —"): where the story was filed.

        The dateline's town is kept for the fallbacks (see
        :func:`geo.incidents.locate_incidents`), not as a place of the sentence
        it opens.
        """
        if self._lead_dateline(text, spans):
            return
        for i, first in enumerate(spans):
            at_line_start = first.start == 0 or text[first.start - 1] == "\n"
            if not at_line_start:
                continue
            after = text[first.end : first.end + 80]
            # A town, its state and a dash open the story anywhere, after
            # related links and photo captions: "Monterrey, Nuevo León.- ".
            if _STATE_DASH_DATELINE.match(after) and any(
                s.role == "qualifier" and s.start < first.end + 4 for s in spans[i + 1 : i + 2]
            ):
                first.role = "dateline"
                spans[i + 1].role = "dateline"
                return
            if i >= 12:
                continue
            # Past the page's first lines only a wire's own form counts:
            # "MEXICO CITY (AP) —" after a photo caption.
            if (i >= 6 or first.start > 400) and not (
                first.text.isupper()
                and (_WIRE_DATELINE.match(after) or _COLON_DATELINE.match(after))
            ):
                continue
            if (
                (
                    first.text.isupper()
                    and len(first.text) > 2
                    and re.match(r"\s*(,|\(|—|–|-|\.-)", after[:3])
                )
                or _DATED_DATELINE.match(after)
                or _DASH_DATELINE.match(after)
                or (first.text.isupper() and len(first.text) > 2 and _COLON_DATELINE.match(after))
                or (
                    _ABBREVIATED_DATELINE.match(after)
                    and any(
                        s.role == "qualifier" and "." in s.text and s.start < first.end + 4
                        for s in spans[i + 1 : i + 2]
                    )
                )
            ):
                first.role = "dateline"
                for s in spans[i + 1 : i + 3]:
                    if s.role == "qualifier" and s.start < first.end + 12:
                        s.role = "dateline"
                return

    def _repeated_dateline(self, text: str, spans: list[_Span]) -> None:
        """The dateline told again at a line's start is the dateline too.

        Pages give a wire's lead twice, as a teaser and as the story: "MEXICO
        CITY, Feb 9 (Reuters) – ..." then the headline, then the same lead.
        """
        first = next((s for s in spans if s.role == "dateline"), None)
        if first is None:
            return
        same = text[first.end : first.end + 12]
        for s in spans:
            if (
                s.start > first.end
                and s.role == "place"
                and s.text == first.text
                and text[s.start - 1] == "\n"
                and text.startswith(same, s.end)
            ):
                s.role = "dateline"

    def _lead_dateline(self, text: str, spans: list[_Span]) -> bool:
        """A first line that opens with a place and a dash: a local paper's dateline.

        "Celaya, Guanajuato.- La tarde…", "Zacatecas, Zacatecas, 3 de octubre
        de 2025.-", "Chilpancingo, Guerrero (26 noviembre 2016).-", "H. Cd. de
        Chihuahua.-", "URUAPAN, Mexico —", also after the page's own leading
        date ("date 2025-09-30 Pachuca.– Vecinos…"). Everything before the
        dash is names, dates and linking words; its first place is the
        dateline and the rest of it (the state, the country) goes with it.
        """
        allowed = _DATELINE_WORDS | self._date_words
        lines = [line.end() for line in _LINE_START.finditer(text, 0, DATELINE_REACH)]
        lines += [g.end() for g in _GLUED_START.finditer(text, 0, DATELINE_REACH)]
        # A dash dateline anywhere in the first lines first; then "Mexico City -
        # Security was stepped up", "Mexico City: Six migrants are dead": only
        # a bare place name before the mark ("Tlahuelilpan: Pobladores queman
        # autos" over a "Pachuca, Hidalgo.-" lead is a headline's kicker).
        tries = [(at, False) for at in lines] + [(at, True) for at in lines]
        for at, loose in tries:
            m = (_LOOSE_DATELINE if loose else _LEAD_DATELINE).match(text, at)
            if m is None:
                continue
            head = m.group("head")
            words = re.findall(r"[^\W\d_]+", head)
            if not words or any(w.islower() and fold(w) not in allowed for w in words):
                continue
            lo, hi = m.start("head"), m.end("head")
            inside = [s for s in spans if lo <= s.start and s.end <= hi]
            if not inside or inside[0].role in _NOT_PLACES:
                continue
            if loose and not (inside[0].start == lo and inside[-1].end == hi):
                continue
            for s in inside:
                s.role = "dateline"
            return True
        return False

    def _road_from_to(self, text: str, mtext: str, spans: list[_Span]) -> None:
        """Read "the highway from Durango to Mazatlán" as a road's two ends, not places.

        A trip's ends ("cuando viajaban de Guanajuato a Saltillo") are where
        the travellers came from and went: an origin and a destination.
        """
        for i, (a, b) in enumerate(zip(spans, spans[1:])):
            gap_start = a.end
            if (
                i + 2 < len(spans)
                and mtext[a.end : b.start].strip() == ""
                and text[a.end : b.start].strip() == ","
                and b.entries
                and any(self.gaz.places[e.place].kind == "state" for e in b.entries)
            ):
                # "bound from Culiacán, Sinaloa to Mexico City": the first
                # end's state stands between the two.
                gap_start, b = b.end, spans[i + 2]
            if a.role == b.role == "place" and _FROM_TO_GAP.fullmatch(mtext, gap_start, b.start):
                if self._road_from_regex.search(mtext, max(0, a.start - 40), a.start):
                    a.role = b.role = "road"
                elif self._trip_from_regex.search(mtext, max(0, a.start - 60), a.start):
                    a.role, b.role = "origin", "destination"

    def _hyphen_pairs(self, text: str, mtext: str, spans: list[_Span]) -> None:
        """Read "the Culiacán-Mazatlán highway" as a road's two ends, not places.

        A transport route's ends ("la ruta Ecatepec-Tecámac") stay places: a
        suspended route stops in both.
        """
        for a, b in zip(spans, spans[1:]):
            gap = text[a.end : b.start]
            # "Culiacán-Mazatlán", and as pages type it, "Piedras Negras- Nuevo Laredo".
            if (
                gap.strip() in ("-", "–", "—")
                and len(gap) <= 3
                and "\n" not in gap  # a bulleted list's next line
                and a.role == b.role == "place"
            ):
                if _ROUTE_BEFORE.search(mtext, max(0, a.start - 20), a.start):
                    continue
                a.role = b.role = "road"

    def _appositions(self, text: str, spans: list[_Span]) -> None:
        """Read appositions after a place.

        "Morelia, the state capital": the apposition plays the name's role.
        "in Apodaca, in the Monterrey metropolitan area", "en Temixco, cerca de
        Cuernavaca": the second place only says where the first one is.
        """
        for a, b in zip(spans, spans[1:]):
            gap = text[a.end : b.start]
            if b.kind_hint == "capital" and gap.strip() == "," and a.role in _ELSEWHERE:
                b.role = a.role
            elif (
                (a.role == "place" or a.role == "context" and gap[:1] != ",")
                and b.role == "place"
                and b.kind_hint != "capital"
                and (
                    _LOCATING_GAP.match(fold(gap))
                    or gap == ", "
                    and self._seat_of(a, b)
                    and not _LIST_AFTER.match(text, b.end)
                    # "Juan R. Escudero (Tierra Colorada)": a municipality and
                    # its seat, one after the other in brackets, are one place.
                    or gap.strip() == "("
                    and text.startswith(")", b.end)
                    and self._seat_and_municipality(a, b)
                )
            ):
                b.role = "context"

    def _located_later(self, text: str, spans: list[_Span]) -> None:
        """Read "X ... ubicada en la Zona Rural de Acapulco": Acapulco says where X is.

        A place after "located in" further on in the sentence than an
        apposition locates the place named before it, as "X, ubicado en Y"
        does (see :meth:`_appositions`).
        """
        for a, b in zip(spans, spans[1:]):
            if a.sentence != b.sentence or a.role != "place" or b.role != "place":
                continue
            gap = text[a.end : b.start]
            if len(gap) <= LOCATED_LATER_REACH and self._located_later_regex.search(fold(gap)):
                b.role = "context"

    def _seat_and_municipality(self, a: _Span, b: _Span) -> bool:
        """Whether one of ``a`` and ``b`` can be the seat of the municipality the other names."""
        places = self.gaz.places
        return any(
            self.gaz.is_seat(places[e.place], name_key(other.text))
            for one, other in ((a, b), (b, a))
            for e in one.entries
            if places[e.place].kind in ("city", "town")
        )

    def _seat_of(self, a: _Span, b: _Span) -> bool:
        """Whether ``b`` reads as a much bigger town next to ``a`` ("Plateros, Fresnillo").

        News locates a village by its municipality's seat the way it locates a
        town by its state.
        """
        places = self.gaz.places
        small = [places[e.place] for e in a.entries if places[e.place].kind in ("city", "town")]
        big = [places[e.place] for e in b.entries if places[e.place].kind in ("city", "town")]
        return any(
            q.population >= 3 * max(p.population, 1)
            and q.admin1 == p.admin1
            and haversine_km(p.lat, p.lon, q.lat, q.lon) <= 30
            for p in small
            for q in big
        )

    def _sibling_states(self, text, spans, mentions, ambiguous) -> dict[int, str]:
        """The state an ambiguous name's list lies in, from its other members.

        "Fresnillo, Sombrerete, Río Grande, Villanueva, Cuauhtémoc and Jerez"
        lists Zacatecas municipalities: its Cuauhtémoc is Zacatecas's, not
        the far larger Mexico City borough. At least two other members of the
        same list must resolve to Mexican towns, all in one state.
        """
        out: dict[int, str] = {}
        chain: list[int] = []
        chains: list[list[int]] = []
        for i, sp in enumerate(spans):
            if chain and _LIST_GAP.match(text[spans[chain[-1]].end : sp.start]):
                chain.append(i)
                continue
            if len(chain) >= 3:
                chains.append(chain)
            chain = [i]
        if len(chain) >= 3:
            chains.append(chain)
        todo = set(ambiguous)
        # Each member's reading, when it is a town: its state (None abroad).
        towns = {
            j: (m.place.admin1 if m.place.country == "MX" else None)
            for j, m in enumerate(mentions)
            if m is not None and m.place is not None and m.place.kind in ("city", "town")
        }
        for members in chains:
            for i in members:
                if i not in todo:
                    continue
                others = [towns[j] for j in members if j != i and j in towns]
                states = {a for a in others if a is not None}
                if len(states) == 1 and len(others) >= 2:
                    out[spans[i].start] = states.pop()
        return out

    def _propagate_lists(self, text: str, spans: list[_Span]) -> None:
        """In "in Irapuato, Salamanca and León" the cue covers the whole list."""
        for a, b in zip(spans, spans[1:]):
            gap = text[a.end : b.start]
            if a.role in _ELSEWHERE and b.role == "place" and _KIND_OF_GAP.match(gap):
                # "natives of the Sonora cities of Navojoa, Nogales and Cajeme"
                b.role = a.role
                continue
            if not (_LIST_GAP.match(gap) and b.role in ("place", "context")):
                continue
            if a.agency and b.role == "place" and _PAIR_GAP.match(gap):
                # "las autoridades de Coahuila y Tamaulipas": both are the agencies'.
                b.role, b.agency = "context", True
                continue
            if a.role in _ELSEWHERE and b.role == "place":
                # "carreteras que conectan con Monterrey, Matamoros y Victoria"
                b.role = a.role
                b.context = b.context or a.context
                continue
            if b.context or not (a.context or a.role == "place" and a.strong_context):
                continue
            b.context = True

    def _normal_clauses(self, text: str, mtext: str, spans: list[_Span]) -> None:
        """Places in a clause saying things went on normally are comparisons.

        "Flights were suspended in Guadalajara, while Monterrey operated
        normally": Monterrey's clause says ``operated normally``.
        """
        for m in self.normal_regex.finditer(mtext):
            # Punctuation is blanked in mtext: ", " shows as two spaces. A
            # clause word ("while", "mientras que") opens the clause even with
            # commas inside it ("mientras que otros, como el de Tampico, operaron").
            floor = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
            clause = _last_clause_word(mtext, m.start())
            lo = clause if clause > floor else max(floor, mtext.rfind("  ", 0, m.start()))
            if clause <= floor and _OTHERS_SUBJECT.search(mtext, floor + 1, m.start()):
                # "Other airports run by the company, such as Mazatlán and Los
                # Mochis, operated normally": the whole subject, commas and all.
                lo = floor
            hi = m.end()
            for s in spans:
                if lo < s.start < hi and s.role == "place":
                    s.role = "comparison"

    def _name_like(self, prev: str, spans: list[_Span], i: int, text: str | None = None) -> bool:
        """Whether the capitalised word before a match is part of a person's name."""
        key = name_key(prev)
        if not key or prev.isupper() or key in self.function_words:
            return False
        if prev.endswith(("'s", "’s")):
            # "Mexico's Chiapas" is a possessive, not a name; "Tepic's Amado
            # Nervo airport" names the airport after a person.
            return text is not None and _AIRPORT_AFTER.match(text, spans[i].end) is not None
        if key in self.vocab["designators"] or key in self.vocab["person_titles"]:
            return False
        if key in self._settlement_words:
            return False  # "Colonia Santa Fe" is a neighbourhood, not a person
        if text is not None and _title_case_line(text, spans[i].start):
            return False  # "Gunmen on Jet Skis Send Terrified Cancun Beachgoers Running"
        if i > 0 and spans[i - 1].end >= 0:
            p = spans[i - 1]
            # The word before is itself a place ("Guadalajara Jalisco"): not a name
            # unless that place was already read as part of one.
            if name_key(p.text).endswith(key) and p.role != "person":
                return False
        return prev[:1].isupper()

    def _street_name(self, text: str, spans: list[_Span], i: int) -> bool:
        """Street names: "Juárez Street", "between Hidalgo and Morelos streets".

        A name before a capitalised street word is that street's name; before
        a plural one ("streets"), only when a list of names comes before it
        ("Reynosa streets" are the streets of Reynosa). Marks the names as
        roads and says whether it did.
        """
        s = spans[i]
        word = text[s.end :].lstrip()[:1]
        joined = (
            i > 0
            and spans[i - 1].role == "place"
            and bool(_LIST_GAP.match(text[spans[i - 1].end : s.start]))
        )
        if not (word.isupper() or joined):
            return False
        s.role = "road"
        if joined:
            spans[i - 1].role = "road"
        return True

    def _modifier(self, text: str, spans: list[_Span], i: int) -> bool:
        """A qualifier before a kind word: "the Texas city of Laredo".

        A state, foreign region or country right before a kind word and the
        name it qualifies says where that name is, as "Laredo, Texas" does;
        it is not itself where anything happened.
        """
        s = spans[i]
        if i + 1 >= len(spans) or s.role in _NOT_PLACES:
            return False
        nxt = spans[i + 1]
        gap = text[s.end : nxt.start]
        if "\n" in gap or any(ch in gap for ch in ",.;:") or len(gap) > 30:
            return False
        if not any(
            self.gaz.places[e.place].kind in ("state", "region", "country") for e in s.entries
        ):
            return False
        s.role, s.kind_hint = "qualifier", None
        s.qualifier_of = i + 1
        nxt.qualified_by = i
        nxt.strong_context = True
        return True

    def _link_qualifiers(self, text: str, spans: list[_Span]) -> None:
        """Mark "X, Jalisco" and "X, Mexico": the state or country qualifies X.

        Not inside a list of states: in "Aguascalientes, Baja California,
        Chiapas, Colima" no state qualifies the next, though a town called
        Baja California lies in Chiapas.
        """

        def state_named(s: _Span) -> bool:
            return any(self.gaz.places[e.place].kind == "state" and e.primary for e in s.entries)

        def listed(x: _Span, y: _Span) -> bool:
            return bool(_LIST_GAP.match(text[x.end : y.start])) and state_named(x)

        def list_start(i: int) -> int:
            while i > 0 and _LIST_GAP.match(text[spans[i - 1].end : spans[i].start]):
                i -= 1
            return i

        for i, (a, b) in enumerate(zip(spans, spans[1:])):
            # "los municipios de Hidalgo y Guerrero, Coahuila": a cue says the
            # list holds municipalities, so the state after it qualifies them.
            municipal = spans[list_start(i)].seat_cue
            if (
                state_named(a)
                and not municipal
                and (
                    (i > 0 and listed(spans[i - 1], a))
                    or (
                        i + 2 < len(spans) and listed(b, spans[i + 2]) and state_named(spans[i + 2])
                    )
                )
            ):
                continue
            gap = text[a.end : b.start]
            # "a la altura de Bravo, Los Herrera y China, en Nuevo León": a
            # state after a list, with "en", says where the list's towns are.
            listed_in = (
                _IN_STATE_GAP.match(gap) is not None
                and i > 0
                and _LIST_GAP.match(text[spans[i - 1].end : a.start]) is not None
                and state_named(b)
            )
            # "Hidalgo (Coahuila)": the state in brackets right after its town.
            bracketed = gap.strip() == "(" and text.startswith(")", b.end)
            if (gap.strip() not in (",", "") and not listed_in and not bracketed) or "\n" in gap:
                continue
            if gap.strip() == "" and not any(
                self.gaz.places[e.place].kind == "state" for e in b.entries
            ):
                continue
            kinds = {self.gaz.places[e.place].kind for e in b.entries}
            if not kinds & {"state", "country", "region"}:
                continue
            if a.role in _NOT_PLACES or a.qualified_by is not None:
                continue
            b_states = {
                self.gaz.places[e.place].admin1
                for e in b.entries
                if self.gaz.places[e.place].kind == "state"
            }
            a_states = {
                self.gaz.places[e.place].admin1
                for e in a.entries
                if self.gaz.places[e.place].kind in ("city", "town")
            }
            b_country = any(
                self.gaz.places[e.place].kind == "country" and e.primary for e in b.entries
            )
            if b_states and not (a_states & b_states) and not b_country:
                # "Guanajuato, Michoacán": a list of states, not "town, state";
                # "Naco, Mexico" is the country's town, not the State of Mexico's.
                continue
            b.role = "qualifier"
            b.qualifier_of = spans.index(a)
            a.qualified_by = spans.index(b)
            if a_states & b_states and not b_country:
                # "Apatzingán, Mich.": the state the town lies in, not Michigan.
                b.entries = [
                    e
                    for e in b.entries
                    if self.gaz.places[e.place].kind == "state"
                    and self.gaz.places[e.place].admin1 in a_states
                ]
            if municipal or listed_in:
                for j in range(list_start(i), i):
                    if spans[j].qualified_by is None and spans[j].role not in _NOT_PLACES:
                        spans[j].qualified_by = i + 1

    def _cartel_lists(self, text: str, spans: list[_Span]) -> None:
        """The rest of a list of cartels: "los cárteles de Sinaloa y Jalisco".

        The first name is an organisation's by its head ("cárteles de"); the
        names joined to it are the other cartels, not places.
        """
        for a, b in zip(spans, spans[1:]):
            if (
                a.role == "org"
                and _CARTELS_BEFORE.search(text, max(0, a.start - 16), a.start)
                and _CARTEL_LIST_GAP.fullmatch(text[a.end : b.start])
            ) or (
                # "del Cártel Jalisco Nueva Generación (CJNG) y de Sinaloa"
                a.role == "org"
                and _CARTEL_BEFORE.search(text, max(0, a.start - 16), a.start)
                and _CARTEL_TAIL_GAP.fullmatch(text[a.end : b.start])
            ):
                b.role, b.reason = "org", "part of an organisation's name (a list of cartels)"

    def _person_pairs(self, text: str, spans: list[_Span]) -> None:
        """Two town names in a row ("Guadalupe Zamora") are a person's name."""
        for a, b in zip(spans, spans[1:]):
            if text[a.end : b.start] != " " or b.role == "qualifier":
                continue
            if "capital" in (a.kind_hint, b.kind_hint):
                continue  # "the state capital Culiacan": a name after its description
            if name_key(a.text) in self._settlement_words:
                continue  # "Colonia Santa Fe": a neighbourhood after its cue
            kinds_a = {self.gaz.places[e.place].kind for e in a.entries}
            kinds_b = {self.gaz.places[e.place].kind for e in b.entries}
            if kinds_a & {"state", "country"} or kinds_b & {"state", "country"}:
                continue
            for s in (a, b):
                if s.role in ("place", "context"):
                    s.role, s.reason = "person", f"part of a person's name ({a.text} {b.text})"

    # -- step 3: resolution ------------------------------------------------------
    def _capital(self, article, s: _Span, spans, mentions, by_sentence, article_states):
        """Resolve "la capital del estado": the capital of the state in context.

        The state is that of the nearest Mexican place named before the phrase
        in the same sentence, else of the nearest earlier sentence naming a
        state, else the article's most named state.
        """
        admin1 = s.capital_state
        for j in range(spans.index(s) - 1, -1, -1) if admin1 is None else ():
            m = mentions[j]
            if spans[j].sentence != s.sentence:
                break
            if (
                m is not None
                and m.place is not None
                and m.place.admin1
                and m.role in ("place", "qualifier")
            ):
                admin1 = m.place.admin1
                break
        if admin1 is None:
            for k in range(s.sentence, -1, -1):
                if by_sentence.get(k):
                    admin1 = max(sorted(by_sentence[k]), key=lambda a: article_states.get(a, 0))
                    break
        if admin1 is None:
            return self._mention(article, s, None, reason="no state in context")
        return self._mention(
            article,
            s,
            self.gaz.capitals[admin1],
            match="alternate",
            score=MATCH_SCORES["alternate"],
        )

    def _state_context(self, spans: list[_Span]):
        by_sentence: dict[int, set[str]] = {}
        article: Counter = Counter()
        for s in spans:
            if s.role in _NOT_PLACES:
                continue
            if any(self.gaz.places[e.place].kind == "country" for e in s.entries):
                continue  # "Mexico" is the country before it is the State of Mexico
            if s.one_municipality and any(
                self.gaz.places[e.place].kind != "state" for e in s.entries
            ):
                continue  # "el municipio zacatecano de Tabasco" names no state
            # A state's own name, or a name only a state bears ("State of
            # Mexico", "Edomex", "N.L.").
            alone = len({e.place for e in s.entries}) == 1
            for e in s.entries:
                p = self.gaz.places[e.place]
                # A named region of one state ("la Sierra Sur de Oaxaca") sets
                # the story in that state as its name does.
                region = p.kind == "region" and p.country == "MX" and alone
                if (p.kind == "state" and (e.primary or alone)) or region:
                    by_sentence.setdefault(s.sentence, set()).add(p.admin1)
                    article[p.admin1] += 1
        return by_sentence, article

    def _unique_town_states(self, spans: list[_Span]) -> set[str]:
        """The states of the towns the article names, where a name's towns all lie in one state."""
        out = set()
        for s in spans:
            if s.role in _NOT_PLACES or not s.entries:
                continue
            places = [self.gaz.places[e.place] for e in s.entries]
            states = {p.admin1 for p in places}
            if len(states) == 1 and all(
                p.kind in ("city", "town") and p.country == "MX" for p in places
            ):
                out |= states
        return out

    def _article_countries(self, spans: list[_Span]) -> set[str]:
        """ISO codes of the countries (or foreign regions) the article names."""
        out = set()
        for s in spans:
            if s.role in _NOT_PLACES:
                continue
            for e in s.entries:
                p = self.gaz.places[e.place]
                if p.kind in ("country", "region"):
                    out.add(p.country)
        return out

    def _settlements(self, article, text, mtext, spans, mentions, bounds, article_states):
        """Colonias and communities: after a cue, or inside a municipality named.

        SEPOMEX's settlement names are mostly everyday words, so they are read
        after a settlement cue ("colonia Lomas del Sol", "el ejido “Palo
        Blanco”", "the Palo Blanco ejido": ``settlement_before`` and
        ``settlement_after``) where the article says which municipality (its
        seat or its own name resolved in the article, else its state named),
        or without a cue only when the article names that very municipality
        ("Huixiopa" in a story about Badiraguato). The mention is placed at the
        municipality's seat (see :meth:`Gazetteer.settlements`). A name the
        gazetteer already read keeps that reading.
        """
        towns = {
            self.gaz.seat_key(m.place)
            for m in mentions
            if m.place is not None and m.place.kind in ("city", "town")
        }
        town_places = [
            m.place
            for m in mentions
            if m.place is not None and m.place.kind in ("city", "town") and m.place.country == "MX"
        ]
        added = []

        def story_states(*keys: str) -> set[str]:
            """The states the article names, or names towns of, besides those named ``keys``."""
            return set(article_states) | {
                m.place.admin1
                for m in mentions
                if m.place is not None
                and m.place.country == "MX"
                and m.role not in _NOT_PLACES
                and m.role != "road"
                and name_key(m.text) not in keys
            }

        def far_from_the_story(p: Place) -> bool:
            # Named only by its state: a namesake far from every town the story
            # names in that state is not the one meant.
            here = [t for t in town_places if t.admin1 == p.admin1]
            return bool(here) and not any(
                haversine_km(t.lat, t.lon, p.lat, p.lon) <= NEAR_ANCHOR_KM for t in here
            )

        def take(start, end, key, overlapped, bare, need_seat=False):
            best, best_rank = None, 0
            for p in self.gaz.settlements(key):
                mun = self.gaz.municipality_of(p)
                seat = self.gaz.seat_key(mun) if mun is not None else None
                rank = SETTLEMENT_SEAT_RANK if seat in towns else 0
                if (bare or need_seat) and not rank:
                    continue
                if not rank and far_from_the_story(p):
                    continue
                rank += SETTLEMENT_STATE_RANK if article_states.get(p.admin1, 0) else 0
                if rank > best_rank:
                    best, best_rank = p, rank
            if best is None:
                return False
            put(start, end, best, overlapped, BARE_SETTLEMENT_SCORE if bare else SETTLEMENT_SCORE)
            return True

        def put(start, end, place, overlapped, score):
            """The settlement read at ``start:end``, in place of what overlapped it."""
            drop = {id(m) for m in overlapped}
            mentions[:] = [m for m in mentions if id(m) not in drop]
            name = text[start:end]
            # "originaria de la comunidad Las Camelias": where a person is from.
            lo = max(0, start - 60)
            role = "origin" if "origin_before" in self.cues.before(mtext[lo:start]) else "place"
            added.append(
                Mention(article.id, start, end, name, place, "alternate", score, None, role)
            )

        def put_at(town: Place, start, end, key, overlapped, kind: str) -> None:
            """The settlement named at ``start:end``, placed at ``town``: SEPOMEX lacks it."""
            put(
                start,
                end,
                self.gaz.settlement_at(town, text[start:end], key, kind),
                overlapped,
                SETTLEMENT_SCORE,
            )

        def sentence_town(start: int) -> Place | None:
            """The last Mexican town named before ``start`` in its sentence."""
            lo = bounds[_sentence_of(bounds, start)][0] if bounds else 0
            before = [
                m
                for m in mentions
                if lo <= m.start < start
                and m.role == "place"
                and m.place is not None
                and m.place.country == "MX"
                and m.place.kind in ("city", "town")
            ]
            return before[-1].place if before else None

        def sentence_town_far_from(resolved, start: int, end: int) -> Place | None:
            """The town named before ``start`` in its sentence, if far from the name's town.

            Far: the name read whole at ``start:end`` is a town more than
            ``MUNICIPALITY_NAMESAKE_KM`` from it.
            """
            if not all(
                (m.start, m.end) == (start, end) and m.place.kind in ("city", "town")
                for m in resolved
            ):
                return None
            town = sentence_town(start)
            if town is None:
                return None
            if all(
                haversine_km(town.lat, town.lon, m.place.lat, m.place.lon)
                > MUNICIPALITY_NAMESAKE_KM
                for m in resolved
            ):
                return town
            return None

        def unlisted_anchor(start: int, end: int, urban: bool, plural: bool) -> Place | None:
            """The town a colonia named at ``start:end`` belongs to.

            The town right after it ("colonia San Roque, Salamanca", "la
            colonia Taiwán de Dzilam González", "la colonia Morelos, al
            oriente de la ciudad de Aguascalientes"); none when a name the
            gazetteer did not read stands there ("colonia Guerrero in
            Cuernavca"). Else the last town of the story's states named
            before it in its sentence, else the last one named before it when
            no other country than Mexico and the United States was named
            before (a story set in Guatemala is not placed at the Mexican
            town it mentions).
            """
            after = _TOWN_AFTER_COLONIA.match(text, end)
            if after is not None and plural and after.group().strip() == ",":
                after = None  # "las colonias Jesús Terán, Ojocaliente II": the list goes on
            if after is not None and after.end() < len(text) and text[after.end()].isupper():
                for m in mentions:
                    if (
                        m.start == after.end()
                        and m.place is not None
                        and m.place.country == "MX"
                        and m.place.kind in ("city", "town")
                    ):
                        return m.place
                if not any(m.start == after.end() and m.place is not None for m in mentions):
                    return None
                if not urban and any(
                    m.start == after.end() and m.place is not None and m.place.kind == "state"
                    for m in mentions
                ):
                    # "the town of Apatsingán, Michoacán": a town qualified
                    # by its state, misspelt; the fuzzy reading comes later.
                    return None
            lo = bounds[_sentence_of(bounds, start)][0] if bounds else 0
            before = self._story_town_before(mentions, start, story_states())
            here = [m for m in mentions if lo <= m.start < start and m.place is before]
            if before is not None and here:
                return before
            abroad = any(
                m.start < start
                and m.place is not None
                and m.place.kind == "country"
                and m.place.country not in _NEIGHBOUR_OK
                for m in mentions
            )
            return None if abroad else before

        def unlisted(start: int, cue_end: int | None, urban: bool, plural: bool) -> int:
            """A colonia SEPOMEX lacks, after its cue, placed at its town.

            Only a name in title case ("Jesús Terán", "Morelos II", not
            "LGBT") that is no town or country read whole, and only where its
            town is known (:func:`unlisted_anchor`). What was
            read inside it gives way. ``cue_end`` is where its cue ends, for
            a list's first name (nothing but spaces may come between), None
            for the names after it. An ``urban`` cue's name is a ``Colonia`` of
            the town, any other a ``Localidad`` placed at it. Returns the
            name's end (``start`` when nothing was taken).
            """
            if text[start].isdigit() or (
                cue_end is not None and _NAME_STOP.search(text, cue_end, start)
            ):
                return start  # "the town of 20,000", "the neighborhood. This time"
            name = text[start : self._next_name_end(text, start)].rstrip("’'-")
            end = start + len(name)
            words = name.split()
            if not words or any(
                len(w) > 1 and w.isupper() and not _ROMAN.fullmatch(w) for w in words
            ):
                return start
            overlapped = [m for m in mentions if m.start < end and start < m.end]
            resolved = [m for m in overlapped if m.place is not None and m.role not in _NOT_PLACES]
            if any(
                (m.start, m.end) == (start, end) or m.place.kind == "country" and m.start == start
                for m in resolved
            ):
                return start
            anchor = unlisted_anchor(start, end, urban, plural)
            if anchor is None:
                return start
            put_at(
                anchor, start, end, name_key(name), overlapped, "Colonia" if urban else "Localidad"
            )
            return end

        mentions = list(mentions)
        for cue in self._settlement_regex.finditer(mtext):
            start = cue_end = cue.end()
            # A town's own colonia ("colonia", "barrio") or a community
            # ("comunidad", "ejido"), which may lie far from the town.
            urban = any(w in self._urban_settlement_words for w in cue.group().split())
            plural = any(
                w.endswith("s") and w not in self.function_words for w in cue.group().split()
            )
            # "las comunidades de El Mirador, Peñitas de Oriente y El Chilar":
            # the cue covers the list after it.
            while start < len(text):
                if text[start] in _OPEN_QUOTES:
                    start += 1
                if start >= len(text) or not (text[start].isupper() or text[start].isdigit()):
                    break
                end = start
                found = self._settlement_at(text, mtext, start)
                if found is None:
                    # "en las colonias Jesús Terán y Ojocaliente II" of a town
                    # the story names, with no such settlement in SEPOMEX: a
                    # colonia of that town.
                    end = unlisted(start, cue_end, urban, plural)
                if found is not None:
                    end, key = found
                    overlapped = [m for m in mentions if m.start < end and start < m.end]
                    resolved = [
                        m for m in overlapped if m.place is not None and m.role not in _NOT_PLACES
                    ]
                    if not resolved:
                        town = sentence_town(start) if urban else None
                        if town is not None:
                            # "su casa ubicada en el barrio El Calvario" after
                            # "Candelaria Loxicha": that town's barrio, unless
                            # SEPOMEX has one in a municipality the story names.
                            if not take(start, end, key, overlapped, bare=False, need_seat=True):
                                put_at(town, start, end, key, overlapped, "Colonia")
                        elif not take(start, end, key, overlapped, bare=False):
                            end = max(end, unlisted(start, cue_end, urban, plural))
                    elif all(
                        (m.start, m.end) == (start, end)
                        and m.place.kind in ("city", "town")
                        and m.place.admin1 not in story_states(key)
                        for m in resolved
                    ):
                        # "el poblado de Tlaltenango" in a story about
                        # Cuernavaca: the colonia of the town it names, not a
                        # namesake in a state the story never names.
                        if not take(start, end, key, overlapped, bare=False, need_seat=True):
                            # "en el poblado de Felipe Carrillo Puerto" in a
                            # story about Mixquiahuala, Hidalgo, with no such
                            # settlement there: a locality of the story's town.
                            anchor = self._story_town_before(mentions, start, story_states(key))
                            if anchor is not None:
                                put_at(anchor, start, end, key, overlapped, "Localidad")
                    elif urban and (anchor := sentence_town_far_from(resolved, start, end)):
                        # "en su casa ubicada en el barrio El Calvario" of a
                        # story about Candelaria Loxicha: the town's barrio,
                        # not a village of that name 100 km off.
                        put_at(anchor, start, end, key, overlapped, "Colonia")
                    elif all(
                        start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
                        for m in resolved
                    ):
                        # "el fraccionamiento Colinas de San Miguel, al sur de
                        # Culiacán": after its cue the whole name is the
                        # colonia's, not a town named inside it. Its
                        # municipality's seat must be named, unless what was
                        # read inside lies in a state nothing else in the
                        # story names ("la comunidad de Puerta de Ánzar,
                        # Colima" is no "Puerta" of Querétaro).
                        others = story_states(*{name_key(m.text) for m in resolved})
                        foreign = all(m.place.admin1 not in others for m in resolved)
                        if not take(start, end, key, overlapped, bare=False, need_seat=not foreign):
                            # "la colonia Morelos II" with no such colonia in
                            # the story's town: the town's, not the state's.
                            end = unlisted(start, cue_end, urban, plural)
                # The list goes on after the whole name, taken or not.
                after = max(end, self._next_name_end(text, start))
                sep = _LAST_ITEM_SEPARATOR.match(text, after) or _LIST_SEPARATOR.match(text, after)
                if sep is None:
                    break
                start, cue_end = sep.end(), None
        after_regex, street_regex = self._settlement_after_regex, self._street_before_regex
        # An unresolved name ("Palo Blanco" with no town of that name in the
        # story's state) may still be a settlement; a resolved one or a name
        # of a person or organisation may not.
        taken = sorted(
            (m.start, m.end)
            for m in mentions + added
            if m.place is not None or m.role in _NOT_PLACES
        )
        starts = self.gaz.settlement_starts
        for word in _WORDS.finditer(mtext):
            start = word.start()
            if not text[start].isupper() or not starts(word.group()):
                continue
            if start and text[start - 1] in "’'-":
                continue  # "O'Higgins", "Ciudad-Juárez": inside a word
            found = self._settlement_at(text, mtext, start)
            if found is None:
                continue
            end, key = found
            cued = bool(after_regex.match(mtext, end))
            inside = [(a, b) for a, b in taken if start < b and a < end]
            if inside and not (
                # "the Jardines de Azucenas neighborhood": the cue makes the
                # whole name the colonia's, not a town named by its first word.
                cued and all(start <= a and b <= end and (a, b) != (start, end) for a, b in inside)
            ):
                if cued and inside == [(start, end)]:
                    # "officials in Celaya said the attack happened in the
                    # Valle Hermoso neighborhood": Celaya's colonia, not the
                    # Valle Hermoso of another state, if Celaya has one.
                    overlapped = [m for m in mentions if (m.start, m.end) == (start, end)]
                    others = {
                        self.gaz.seat_key(m.place)
                        for m in mentions
                        if m.place is not None
                        and m.place.kind in ("city", "town")
                        and (m.start, m.end) != (start, end)
                    }
                    if overlapped and all(
                        m.role in ("place", "context")
                        and m.place is not None
                        and m.place.kind in ("city", "town")
                        and self.gaz.seat_key(m.place) not in others
                        for m in overlapped
                    ):
                        take(start, end, key, overlapped, bare=False, need_seat=True)
                continue
            if " " not in key and (len(key) < 5 or key in self.function_words):
                continue
            if self.common.get(key) and not cued:
                continue
            if not cued and (
                _BARE_LONGER_AFTER.match(text, end)
                or _BARE_LONGER_BEFORE.search(text, max(0, start - 60), start)
                or street_regex.search(mtext, max(0, start - 30), start)
            ):
                # "Fray Bartolomé de las Casas", "Cruz Azul" of "la cementera
                # Cruz Azul S.A.": part of a longer name.
                continue
            overlapped = [m for m in mentions if m.start < end and start < m.end]
            # A name already read after its cue needs no cue again.
            again = any(name_key(a.text) == key for a in added)
            if take(start, end, key, overlapped, bare=not (cued or again), need_seat=bool(inside)):
                taken.append((start, end))
        # One name, one place: a later "Tlaltenango" is the colonia taken
        # after its cue, not the namesake elsewhere.
        by_key = {name_key(m.text): m for m in added}
        for i, m in enumerate(mentions):
            first = by_key.get(name_key(m.text))
            if (
                first is not None
                and m.start > first.start
                and m.place is not None
                and m.role == "place"
                and m.place.kind in ("city", "town")
                and m.place.admin1 != first.place.admin1
                and m.place.admin1 not in story_states(name_key(m.text))
            ):
                mentions[i] = replace(m, place=first.place, match="alternate", score=first.score)
        return mentions + added

    @staticmethod
    def _story_town_before(mentions: list[Mention], pos: int, states: set[str]) -> Place | None:
        """The last Mexican town named before ``pos`` in one of the story's states."""
        best = None
        for m in mentions:
            if (
                m.start < pos
                and m.place is not None
                and m.place.country == "MX"
                and m.place.kind in ("city", "town")
                and m.place.admin1 in states
                and m.role in ("place", "dateline", "context")
                and (best is None or m.start > best.start)
            ):
                best = m
        return best.place if best is not None else None

    def _abroad_by_subdivision(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A town qualified by a foreign department is abroad: "Buenos Aires, Cauca".

        The Mexican town of that name is not meant, there or anywhere else in
        the article: every mention of the name loses its Mexican reading.
        """
        subdivisions = self.gaz.foreign_subdivisions
        foreign: dict[str, str] = {}
        for m in mentions:
            if m.place is None or m.place.country != "MX" or m.place.kind not in ("city", "town"):
                continue
            after = _SUBDIVISION_AFTER.match(text, m.end)
            if after is not None and (country := subdivisions.get(name_key(after.group(1)))):
                foreign[name_key(m.text)] = country
        if not foreign:
            return mentions
        return [
            replace(m, place=None, reason=f"a town of {foreign[name_key(m.text)]}")
            if m.place is not None and m.place.country == "MX" and name_key(m.text) in foreign
            else m
            for m in mentions
        ]

    def _in_municipality(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Read "la localidad de El Santuario, municipio de Los Reyes": the municipality decides.

        A village the gazetteer places in another state than the municipality
        named right after it (or does not place at all) is a locality of that
        municipality the gazetteer lacks: it is placed at the municipality's
        seat, with a town's precision, as a settlement is.
        """
        out = list(mentions)
        order = sorted(range(len(out)), key=lambda k: (out[k].start, out[k].end))
        drop: set[int] = set()
        merged: list[Mention] = []
        for at, (i, j) in enumerate(zip(order, order[1:])):
            a, b = out[i], out[j]
            gap = text[a.end : b.start]
            if (
                b.place is None
                or not (
                    _MUNICIPALITY_GAP.match(gap)
                    # "El Gavilán, part of the Taxco de Alarcón municipality"
                    or _PART_OF_GAP.match(gap)
                    and _MUNICIPALITY_AFTER.match(text, b.end)
                    # "la comunidad La Estación, en Cuautepec de Hinojosa": a
                    # locality's cue, then the municipality it is in.
                    or _IN_GAP.match(gap)
                    and self._locality_cue_regex.search(
                        matching_text(text[max(0, a.start - 40) : a.start])
                    )
                    and self.gaz.is_seat(b.place, name_key(b.text))
                    # "el penal de Ixtapa, en Puerto Vallarta": a town that is
                    # no municipality's seat, then the municipality it is in.
                    or _IN_GAP.match(gap)
                    and self._locality_of(a, b)
                )
            ):
                continue
            seat = b.place
            if seat.country != "MX" or seat.kind not in ("city", "town"):
                continue
            if a.role not in ("place", "origin") and (a.role in _NOT_PLACES or a.place is not None):
                continue  # a person, an organisation, or a destination that resolved
            if a.place is not None and (
                # "la localidad de Colombia, municipio de Anáhuac": a country's
                # name before a municipality is a village's.
                (a.place.country != "MX" and a.place.kind != "country")
                or (a.place.country == "MX" and a.place.kind not in ("city", "town"))
            ):
                continue
            if (
                a.place is not None
                and a.place.admin1 == seat.admin1
                # "Lázaro Cárdenas, belonging to the municipality of San
                # Miguel El Grande": a namesake far off is another village.
                and haversine_km(a.place.lat, a.place.lon, seat.lat, seat.lon)
                <= MUNICIPALITY_NAMESAKE_KM
            ):
                if a.place.id != seat.id and b.role == "place" and a.role == "place":
                    # "la sindicatura de Culiacancito, perteneciente al
                    # municipio de Culiacán": the municipality says where the
                    # locality is; what happened there happened at the locality.
                    # (Where people come from leaves the municipality as is.)
                    out[j] = replace(b, role="qualifier")
                continue
            # "la comunidad Purísima de Bravo, municipio de Palmar de Bravo":
            # names read word by word before it are one locality's name.
            k = at
            while k > 0:
                prev = out[order[k - 1]]
                if (
                    not _NAME_LINK.match(text[prev.end : a.start])
                    or prev.role != "place"
                    or (prev.place is not None and prev.match == "exact")
                ):
                    break
                a = replace(a, start=prev.start, text=text[prev.start : a.end])
                drop.add(order[k - 1])
                k -= 1
            was_country = a.place is not None and a.place.kind == "country"
            if was_country and not self._settlement_end.search(
                fold(text[max(0, a.start - 40) : a.start])
            ):
                continue  # "la frontera con Estados Unidos en el municipio de Hidalgo"
            # A town of that name in the municipality's state, near its seat
            # (GeoNames' Colombia, Anáhuac), else the seat itself.
            near = [
                (km, p.id, p)
                for e in self.gaz.lookup(name_key(a.text))
                if (p := self.gaz.places[e.place]).kind in ("city", "town")
                and p.admin1 == seat.admin1
                and (km := haversine_km(p.lat, p.lon, seat.lat, seat.lon)) <= MUNICIPALITY_TOWN_KM
            ]
            place = (
                min(near)[2]
                if near
                else self.gaz.settlement_at(seat, a.text, name_key(a.text), "Localidad")
            )
            # "Habitantes de la comunidad de La Venta, perteneciente al
            # municipio de San Miguel Totolapan": still where they are from.
            role = "origin" if a.role == "origin" else "place"
            out[i] = replace(a, place=place, match="alternate", reason=None, role=role)
            if k < at or was_country:
                merged.append(out[i])
        # The same name again later ("en el centro de Purísima de Bravo") is
        # that locality too, not the words' readings one by one.
        for first in merged:
            for again in re.finditer(re.escape(first.text), text):
                parts = [
                    n
                    for n, m in enumerate(out)
                    if n not in drop and again.start() <= m.start and m.end <= again.end()
                ]
                if not parts or any(out[n] is first for n in parts) or again.start() < first.start:
                    continue
                drop.update(parts[1:])
                out[parts[0]] = replace(
                    first, start=again.start(), end=again.end(), text=again.group()
                )
        return [m for n, m in enumerate(out) if n not in drop]

    def _locality_of(self, a: Mention, b: Mention) -> bool:
        """Whether town ``a`` reads as a locality of municipality ``b`` ("X, en Y").

        ``a`` resolved to a town of ``b``'s state that is no municipality's
        seat, near ``b``, which is the seat of a municipality of its name.
        """
        return (
            a.place is not None
            and b.place is not None
            and a.place.kind in ("city", "town")
            and a.place.admin1 == b.place.admin1
            and a.place.population < b.place.population
            and not self.gaz.is_seat(a.place, name_key(a.text))
            and self.gaz.is_seat(b.place, name_key(b.text))
            and haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)
            <= MUNICIPALITY_NAMESAKE_KM
        )

    def _fuzzy_towns(self, queries: list[str]) -> list:
        """The towns one letter or so away from the queries' names, best first."""
        return sorted(
            (
                c
                for q in queries
                for c in self._candidates(q)
                if c.place.kind in ("city", "town") and c.match == "fuzzy"
            ),
            key=lambda c: (-c.rank, c.place.id),
        )

    def _next_name_end(self, text: str, start: int) -> int:
        """The end of the capitalised name at ``start`` (its words and linking "de"s)."""
        m = _CAPITALISED_NAME.match(text, start)
        return m.end() if m else start

    def _settlement_at(self, text: str, mtext: str, start: int) -> tuple[int, str] | None:
        """The longest settlement name starting at ``start``: (end offset, folded key)."""
        first = _WORDS.match(mtext, start)
        if first is None or not self.gaz.settlement_starts(first.group()):
            return None  # most capitalised words begin no settlement's name
        window = text[start : start + 80]
        # Punctuation inside the name ends it ("colonia Centro, en ...").
        stop = _NAME_STOP.search(window)
        limit = start + (stop.start() if stop else len(window))
        words = [w for w in _WORDS.finditer(mtext, start, start + 80) if w.end() <= limit][:7]
        for n in range(len(words), 0, -1):
            last = words[n - 1]
            if not (text[last.start()].isupper() or text[last.start()].isdigit()):
                continue
            key = " ".join(w.group() for w in words[:n])
            if self.gaz.has_settlement(key):
                return last.end(), key
        return None

    def _resolve(
        self, article: Article, s: _Span, spans, by_sentence, article_states, countries=()
    ) -> Mention:
        if s.role in _NOT_PLACES:
            return self._mention(article, s, None, reason=s.reason)
        if s.kind_hint == "airport":
            named = self.gaz.airport_named(s.key)
            if named is not None:
                # "aeropuerto Amado Nervo de Tepic": the airport's own name.
                return self._mention(
                    article, s, named, match="alternate", score=MATCH_SCORES["alternate"]
                )
        qualifier_state = qualifier_country = None
        country_too = False
        if s.qualified_by is not None:
            q = spans[s.qualified_by]
            states = [
                self.gaz.places[e.place]
                for e in q.entries
                if self.gaz.places[e.place].kind == "state"
            ]
            qualifier_state = states[0].admin1 if states else None
            country_too = any(
                self.gaz.places[e.place].kind == "country" and e.primary for e in q.entries
            )
            abroad = [
                self.gaz.places[e.place].country
                for e in q.entries
                if self.gaz.places[e.place].kind in ("region", "country")
                and self.gaz.places[e.place].country != "MX"
            ]
            qualifier_country = abroad[0] if abroad and not states else None
        sentence_states = set(by_sentence.get(s.sentence, set()))
        own_states = {
            self.gaz.places[e.place].admin1
            for e in s.entries
            if self.gaz.places[e.place].kind == "state"
        }
        sentence_states -= own_states
        total = sum(article_states.values()) or 1
        kinds = {self.gaz.places[e.place].kind for e in s.entries}
        wanted = {"state": {"state"}, "city": {"city", "town"}, "airport": {"city", "town"}}.get(
            s.kind_hint
        )
        states_named = [
            self.gaz.places[e.place]
            for e in s.entries
            if self.gaz.places[e.place].kind == "state" and e.primary
        ]
        if states_named and s.kind_hint == "airport" and not s.qualified_by:
            # "Tabasco airport": the airport of the state's capital.
            capital = self.gaz.capitals.get(states_named[0].admin1)
            airports = self.gaz.airports_for(capital) if capital else []
            if airports and not any(
                self.gaz.places[e.place].kind == "city" and e.primary for e in s.entries
            ):
                return self._mention(
                    article, s, airports[0], match="alternate", score=CAPITAL_AIRPORT_SCORE
                )
        if (
            states_named
            and s.capital_after
            and s.kind_hint == "city"
            and states_named[0].admin1 in self.gaz.capitals
            and (
                s.capital_of
                or not any(self.gaz.places[e.place].kind == "city" and e.primary for e in s.entries)
            )
        ):
            # "the Morelos capital" (Cuernavaca); "Guanajuato capital" stays the
            # city called Guanajuato.
            return self._mention(
                article,
                s,
                self.gaz.capitals[states_named[0].admin1],
                match="alternate",
                score=MATCH_SCORES["alternate"],
            )
        if wanted and not kinds & wanted:
            s.kind_hint = None  # "the US State Department": no state called US
        best, best_rank, best_entry = None, float("-inf"), None

        def in_context(p: Place) -> bool:
            return bool(
                p.admin1 == qualifier_state
                or p.admin1 in sentence_states
                or article_states.get(p.admin1, 0)
            )

        # A foreign city never takes a Mexican town's name in a story set in
        # the town's state, unless the article names the city's country.
        mexican_here = any(
            self.gaz.places[e.place].country == "MX"
            and self.gaz.places[e.place].kind in ("city", "town")
            and in_context(self.gaz.places[e.place])
            for e in s.entries
        )
        # "El Salvador", "Carolina del Norte", "Cerro del Fortín": an everyday
        # name inside a longer one is not the foreign city of that name.
        inside_name = s.key in self.common and bool(
            _LONGER_NAME_BEFORE.search(article.text, max(0, s.start - 12), s.start)
            or _LONGER_NAME_AFTER.match(article.text, s.end)
        )
        # Nearness only settles which small village is meant: a town of size
        # in the story's state keeps its name.
        near_ok = bool(self._anchors) and not any(
            self.gaz.places[e.place].admin1 == self._anchors[0].admin1
            and self.gaz.places[e.place].kind in ("city", "town")
            and self.gaz.places[e.place].population >= OUTLIER_POPULATION
            for e in s.entries
        )
        for e in s.entries:
            p = self.gaz.places[e.place]
            if p.kind == "airport":
                continue
            if (
                p.id.startswith("municipality:")
                and not (
                    in_context(p)
                    or s.strong_context
                    or s.kind_hint == "city"
                    # "tourism in Los Cabos": a name of two capitalised words in
                    # mid-sentence that no other place has.
                    or (
                        len(s.text.split()) >= 2
                        and all(w[:1].isupper() for w in s.text.split())
                        and _lower_word_before(article.text, s.start)
                        and all(
                            e2 is e or self.gaz.places[e2.place].kind == "airport"
                            for e2 in s.entries
                        )
                    )
                )
            ):
                continue  # a municipality's own name needs its state in context
            foreign_town = p.country != "MX" and p.kind in ("city", "town")
            if (
                foreign_town
                and p.country not in countries
                and p.country != qualifier_country
                and (mexican_here or inside_name)
            ):
                continue
            if s.kind_hint == "state" and p.kind != "state":
                continue
            if s.kind_hint in ("city", "airport") and p.kind not in ("city", "town"):
                continue
            if s.role == "qualifier" and p.kind not in ("state", "country", "region"):
                continue
            match = "alternate" if not e.primary else ("exact" if s.text == e.name else "folded")
            rank = self.gaz.name_rank(p, e.primary)
            if (qualifier_state and p.admin1 == qualifier_state) or (
                qualifier_country and p.country == qualifier_country
            ):
                rank += (
                    COUNTRY_QUALIFIER_STATE_BONUS
                    if p.admin1 == qualifier_state and country_too
                    else QUALIFIER_STATE_BONUS
                )
            if p.admin1 in sentence_states or p.admin1 == self._list_states.get(s.start):
                rank += SENTENCE_STATE_BONUS
            rank += (
                ARTICLE_STATE_WEIGHT * article_states.get(p.admin1, 0) / total
                if p.kind != "state"
                else 0
            )
            if foreign_town and p.country in countries:
                rank += NAMED_COUNTRY_BONUS
            if s.seat_cue and self.gaz.is_seat(p, s.key):
                rank += SEAT_CUE_BONUS
            elif (
                p.admin1 == qualifier_state
                or p.admin1 in sentence_states
                or article_states.get(p.admin1, 0)
            ) and self.gaz.is_seat(p, s.key):
                rank += SEAT_NAME_BONUS  # of the namesakes in the story's state
            if (
                near_ok
                and p.kind in ("city", "town")
                and p.population < OUTLIER_POPULATION
                and p.admin1 == self._anchors[0].admin1
            ):
                if any(
                    a.id != p.id and haversine_km(a.lat, a.lon, p.lat, p.lon) <= NEAR_ANCHOR_KM
                    for a in self._anchors
                ):
                    rank += NEAR_ANCHOR_BONUS
            if rank > best_rank or (rank == best_rank and p.id < best.id):
                best, best_rank, best_entry = p, rank, (e, match)
        if best is None:
            return self._mention(
                article, s, None, reason=f"no {s.kind_hint or 'place'} named {s.text!r}"
            )
        e, match = best_entry
        # A town of a state the story names nowhere, nor its qualifier.
        elsewhere = (
            best.kind in ("city", "town")
            and best.country == "MX"
            and bool(article_states)
            and not article_states.get(best.admin1)
            and best.admin1 not in sentence_states
            and qualifier_state is None
        )
        if elsewhere and _HIGHWAY_NAMED.search(article.text, max(0, s.start - 14), s.start):
            # "la autopista Benito Juárez" in a Sinaloa story: the highway's
            # own name, not the Mexico City borough.
            return self._mention(article, s, None, reason=f"{s.text!r} names a highway here")
        if (
            qualifier_state
            and not country_too
            and best.admin1 != qualifier_state
            and best.kind in ("city", "town")
            and best.country == "MX"
        ):
            # "Bravo, Los Herrera y China, en Nuevo León": no Los Herrera in
            # Nuevo León (the town is Los Herreras), so none in Durango either.
            return self._mention(
                article, s, None, reason=f"no place named {s.text!r} in its qualifier's state"
            )
        if (
            elsewhere
            and match == "alternate"
            and not s.strong_context
            and not _short_form(s.key, name_key(best.name))
        ):
            # "Villa Juárez district" in a Navolato story: another state's city
            # by an old alternate name is no reading of a local name. A short
            # form of the city's own name ("Acapulco", "Ecatepec") still is, and so
            # is a longer one ("Tuxtla Gutiérrez" for GeoNames' "Tuxtla").
            return self._mention(
                article, s, None, reason=f"{s.text!r} is another state's town by another name"
            )
        listed = self._list_states.get(s.start)
        if (
            listed
            and best.admin1 != listed
            and match == "alternate"
            and best.kind in ("city", "town")
        ):
            # "Elota, Mocorito, Salvador Alvarado, Villa Juárez, Navolato": a
            # Sinaloa list's member is no other state's town by another name.
            return self._mention(
                article, s, None, reason=f"no place named {s.text!r} in the list's state"
            )
        # Evidence that a town is meant: a strong cue ("the town of"), a
        # qualifier ("X, Michoacán"), a kind word, or its state named nearby.
        # A bare "in X" is weaker: enough for a city, not for a village that
        # shares its name with others or with an everyday word.
        strong = (
            s.strong_context
            or s.qualified_by is not None
            or s.kind_hint is not None
            or best.admin1 in sentence_states
            or article_states.get(best.admin1, 0) > 0
        )
        unique = sum(1 for e in s.entries if self.gaz.places[e.place].kind not in ("airport",)) == 1
        if best.kind in ("city", "town"):
            # A name of three words or more ("Santa María Ecatepec") is a
            # name: wordfreq rates such phrases by their common words.
            common = (
                s.key in self.common
                and len([w for w in s.key.split() if w not in _NAME_LINK_WORDS]) < 3
                # "a la altura del entronque con Tierra Colorada": capitals in
                # mid-sentence make a name of everyday words.
                and not (
                    _titled_mid_sentence(article.text, s.start, s.text)
                    and (best.admin1 in article_states or best.admin1 in self._town_states)
                )
                # "Puerto Vallarta", "Nuevo Laredo": a town of a name in two
                # capitalised words and many people is that town; wordfreq
                # rates the phrase by its everyday first word.
                and not (
                    best.country == "MX"
                    and best.population >= COMMON_WORD_TOWN
                    and _titled_words(s.text) >= 2
                )
            )
            if (
                common
                and best.population < COMMON_WORD_MAX_POPULATION
                and not (s.context or strong)
            ):
                return self._mention(
                    article, s, None, reason=f"{s.text!r} is an everyday word here"
                )
            if common and best.population < COMMON_WORD_TOWN and not strong:
                return self._mention(
                    article, s, None, reason=f"{s.text!r} is an everyday word here"
                )
            if best.population < SMALL_TOWN and not (strong or (s.context and unique)):
                return self._mention(
                    article,
                    s,
                    None,
                    reason=f"small namesake {best.name} ({best.state}) without place context",
                )
        if s.kind_hint == "airport":
            airports = self.gaz.airports_for(best)
            if airports:
                best = airports[0]
        score = MATCH_SCORES[match]
        return self._mention(article, s, best, match=match, score=score)

    def _reference_towns(self, mtext: str, mentions: list[Mention], bounds) -> list[Mention]:
        """A town named as a reference point beside the town where it happened is context.

        "protesters blocked the highway south of Ensenada around San
        Quintín": the blockade is at San Quintín. With no other town in the
        sentence ("20 km south of Ensenada") the reference is all there is.
        A town named as the very spot ("bloquearon la carretera
        Campeche-Champotón, a la altura de Moquel": ``spot_before``) makes the
        towns named before it in its sentence with "de" or "from" context:
        the road's ends and where the protesters came from. A town "en" or
        "in" somewhere before it, or any after it, may be a reason clause's
        ("Tras el enfrentamiento en Cuernavaca, ... bloquearon la autopista a
        la altura de Tres Marías"). Where a fight began (``start_before``),
        in a sentence that says where it ended (``end_before``), is context.
        """
        regex = self._relative_regex

        def sentence(m):
            return _sentence_of(bounds, m.start)

        towns = [
            m
            for m in mentions
            if m.role == "place" and m.place is not None and m.place.kind in ("city", "town")
        ]
        places_named = [
            m
            for m in mentions
            if m.role == "place"
            and m.place is not None
            and m.place.country == "MX"
            and m.place.kind in ("city", "town", "state")
        ]

        def with_their_lists(cued) -> set[int]:
            """Ids of the towns ``cued`` holds for, and of the rest of their lists.

            "a la altura de Apizaco y de Calpulalpan", "Cañeros de Champotón y
            Seybaplaya": the town after the first one's list joint goes with it.
            """
            ids: set[int] = set()
            previous = None
            for m in towns:
                if cued(m) or (
                    previous is not None
                    and id(previous) in ids
                    and sentence(previous) == sentence(m)
                    and _SPOT_LIST.fullmatch(mtext, previous.end, m.start)
                ):
                    ids.add(id(m))
                previous = m
            return ids

        spot_ids = with_their_lists(
            lambda m: self._spot_regex.search(mtext, max(0, m.start - 40), m.start)
        )
        # The sentences' first spots; the towns after "de"/"from" before them.
        spots: dict[int, int] = {}
        for m in towns:
            if id(m) in spot_ids:
                spots.setdefault(sentence(m), m.start)
        of_ids = with_their_lists(lambda m: _OF_BEFORE.search(mtext, max(0, m.start - 12), m.start))

        # "Un enfrentamiento que inició en Zacatecas ... terminó en Jalisco":
        # where it began, beside where it ended, is context.
        def after_cue(m, cue):
            return bool(cue.search(mtext, max(0, m.start - 30), m.start))

        ended = {sentence(m) for m in places_named if after_cue(m, self._end_regex)}
        began = {
            id(m) for m in places_named if sentence(m) in ended and after_cue(m, self._start_regex)
        }
        out = []
        for m in mentions:
            if id(m) in began:
                m = replace(m, role="context", reason="where it began, beside where it ended")
            elif id(m) in of_ids and m.start < spots.get(sentence(m), -1):
                m = replace(m, role="context", reason="beside the very spot named")
            elif (
                m in towns
                and (
                    regex.search(mtext, max(0, m.start - 40), m.start)
                    or _DISTANCE_FROM.search(mtext, max(0, m.start - 50), m.start)
                )
                and any(
                    o is not m and sentence(o) == sentence(m) and o.place != m.place for o in towns
                )
            ):
                m = replace(m, role="context", reason="a reference point")
            out.append(m)
        return out

    def _municipality_of_a_locality(
        self, mtext: str, mentions: list[Mention], bounds
    ) -> list[Mention]:
        """A municipality whose locality the same sentence names only says where it lies.

        "Otro ataque ocurrió en el municipio de Yautepec, oriente del estado,
        donde un hombre fue asesinado al salir de un bar en el poblado de
        Oaxtepec": the killing was at Oaxtepec, not also at Yautepec. The
        locality must lie within ``MUNICIPALITY_NAMESAKE_KM`` of the seat.
        """

        def sentence(m):
            return _sentence_of(bounds, m.start)

        def towns_after(regex):
            return [
                m
                for m in mentions
                if m.role == "place"
                and m.place is not None
                and m.place.country == "MX"
                and m.place.kind in ("city", "town")
                and regex.search(mtext, max(0, m.start - 40), m.start)
            ]

        seats = towns_after(self._one_municipality_regex)
        if not seats:
            return mentions
        localities = towns_after(self._locality_regex)
        out = []
        for m in mentions:
            if m in seats and any(
                sentence(o) == sentence(m)
                and o.place != m.place
                and haversine_km(o.place.lat, o.place.lon, m.place.lat, m.place.lon)
                <= MUNICIPALITY_NAMESAKE_KM
                for o in localities
            ):
                m = replace(m, role="context", reason="the municipality of a locality named")
            out.append(m)
        return out

    def _mention(
        self, article, s: _Span, place: Place | None, match="exact", score=1.0, reason=None
    ) -> Mention:
        role = s.role
        if role == "boundary" and (
            place is None
            or place.kind not in ("state", "country")
            or (place.kind == "country" and place.country == "MX")
        ):
            # "en los límites de Celaya y Juventino Rosas": towns are places;
            # "near the U.S. border" is in Mexico, "at Mexico border" too.
            role = "place"
            if place is not None and place.kind in ("city", "town") and reason is None:
                reason = BOUNDARY_TOWN
        return Mention(article.id, s.start, s.end, s.text, place, match, score, reason, role)

    # -- misspellings --------------------------------------------------------------
    def _fuzzy(
        self,
        article: Article,
        text: str,
        mtext: str,
        spans,
        bounds,
        article_states: Counter | None = None,
    ) -> list[Mention]:
        """Resolve capitalised names in a place context that the gazetteer lacks.

        Candidates are capitalised names right after "in", "at", "near", "of",
        "en", "de" (which also ends "the town of", "municipio de"); then the
        context decides: a strong cue, or a weak one with ", <State>" after.
        """
        out = []
        taken = [(s.start, s.end) for s in spans]
        v = self.vocab
        for m in _FUZZY_NAME.finditer(text):
            start, end = m.start(1), m.end(1)
            if any(a < end and start < b for a, b in taken):
                continue
            before = " ".join(mtext[max(0, start - 40) : start].split())
            after = text[end : end + 40]
            qual = re.match(r",\s*(" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r")?)", after)
            strong = _ends_with(before, v["strong_context_before"])
            weak = _ends_with(
                before,
                [
                    "in",
                    "en",
                    "at",
                    "near",
                    "cerca de",
                    "of",
                    "de",
                    "del",
                    "from",
                    "desde",
                    "outside",
                    "around",
                    "neighboring",
                    "neighbouring",
                    "nearby",
                    "vecino",
                    "vecina",
                    "aledano",
                ],
            )
            state_q = None
            if qual:
                # Only an exact state or country name qualifies ("Talpalpa, Jalisco").
                for e in self.gaz.lookup(name_key(qual.group(1))):
                    p = self.gaz.places[e.place]
                    if p.kind in ("state", "country") and not e.case_sensitive:
                        state_q = p
                        break
            # A bare "in Cuernavca" is enough when the article's states hold a
            # town one letter away (checked below with a higher bar).
            loose = weak and not state_q and not strong and bool(article_states)
            if not (strong or (weak and state_q) or loose):
                continue
            name = m.group(1)
            if len(name_key(name)) < 5 or name_key(name) in self.function_words:
                continue
            # Search the qualifying state, else the article's states (fast and
            # safer), else, after a strong cue only, the whole country.
            if state_q is not None and state_q.kind == "state":
                queries = [f"{name}, {state_q.name}"]
            elif loose:
                # Only the article's main state: cheap, and the safest reading.
                queries = [f"{name}, {self.gaz.states[article_states.most_common(1)[0][0]].name}"]
            elif article_states:
                queries = [
                    f"{name}, {self.gaz.states[a].name}" for a, _ in article_states.most_common(3)
                ]
            else:
                queries = [name]
            cands = self._fuzzy_towns(queries)
            if (
                strong
                and not state_q
                and queries != [name]
                and not (cands and cands[0].score >= FUZZY_MIN_SCORE)
            ):
                # "en el municipio de Huachinango" in a story that names only
                # another state: the cue is enough to look across the country.
                wide = self._fuzzy_towns([name])
                # A closer spelling only, and one no other town shares.
                if (
                    wide
                    and wide[0].score >= FUZZY_LOOSE_SCORE
                    and not any(c.score >= wide[0].score - FUZZY_TIE for c in wide[1:])
                ):
                    cands = wide
            if not cands or cands[0].score < (FUZZY_LOOSE_SCORE if loose else FUZZY_MIN_SCORE):
                if loose:
                    continue  # "in Houston": not worth reporting as a lost place
                out.append(
                    Mention(
                        article.id,
                        start,
                        end,
                        name,
                        None,
                        "fuzzy",
                        0.0,
                        "not in the gazetteer, no close spelling",
                        "place",
                    )
                )
                continue
            best = cands[0]
            out.append(
                Mention(
                    article.id,
                    start,
                    end,
                    name,
                    best.place,
                    "fuzzy",
                    round(best.score, 3),
                    None,
                    "place",
                )
            )
            taken.append((start, end))
        return out

    def _candidates(self, query: str) -> list:
        """Geocoder candidates for a misspelling, remembered across articles.

        The same unknown names come back article after article ("del
        Ejército", outlets' names); fuzzy matching is the costly part.
        """
        cached = self._fuzzy_cache.get(query)
        if cached is None:
            if len(self._fuzzy_cache) >= 50_000:
                self._fuzzy_cache.clear()
            cached = self._fuzzy_cache[query] = self.geocoder.candidates(query, limit=3)
        return cached

    def _stated_neighbourhoods(self, article, text, mtext, mentions) -> list[Mention]:
        """A colonia or community the text places in a town: at that town.

        "la colonia Cruz de Piedra, en Cuernavaca", "the Lomas de Vista
        Hermosa neighborhood of Colima city": SEPOMEX may not list it there
        (or GeoNames may know a namesake elsewhere), but the text says which
        town it is in, so it is placed at that town, a town's precision, as
        ``context``: the town named beside it is where its events are
        counted. A reading of the name already near that town is kept.
        """
        towns = {
            m.start: m
            for m in mentions
            if m.place is not None
            and m.place.country == "MX"
            and m.place.kind in ("city", "town")
            and m.role in ("place", "context", "qualifier")
        }
        if not towns:
            return mentions
        found: list[tuple[int, int, Mention]] = []
        for cue in self._hood_before_regex.finditer(mtext):
            start = cue.end()
            if start < len(text) and text[start] in _OPEN_QUOTES:
                start += 1
            name = _HOOD_NAME.match(text, start)
            if name is None:
                continue
            end = name.end()
            gap = _HOOD_TOWN_GAP.match(mtext, end + (text[end : end + 1] in "”\"'’"))
            town = towns.get(gap.end()) if gap else None
            if town is not None:
                found.append((start, end, town))
        # "the Miguel Hidalgo neighborhood" in a story filed from Culiacán:
        # a neighbourhood with no town named is the dateline's town's.
        dateline = next(
            (
                m
                for m in mentions
                if m.role == "dateline"
                and m.place is not None
                and m.place.country == "MX"
                and m.place.kind in ("city", "town")
            ),
            None,
        )
        for cue in self._settlement_after_regex.finditer(mtext):
            gap = _HOOD_TOWN_GAP_AFTER.match(mtext, cue.end())
            town = towns.get(gap.end()) if gap else None
            if town is None and cue.group().strip() in self._hood_after_words:
                town = dateline
            name = _HOOD_NAME_BEFORE.search(text, max(0, cue.start() - 60), cue.start())
            if town is not None and name is not None:
                found.append((name.start(), name.end(), town))
        if not found:
            return mentions
        out = list(mentions)
        for start, end, town in found:
            here = [m for m in out if m.start < end and start < m.end]
            if town is dateline and any(
                m.place is not None and m.place.id.startswith("settlement:") for m in here
            ):
                continue  # a colonia of a town the article names, not the dateline's
            if any(
                m.place is not None
                and m.role not in _NOT_PLACES
                and (m.start, m.end) == (start, end)
                and haversine_km(m.place.lat, m.place.lon, town.place.lat, town.place.lon)
                <= STATED_TOWN_KM
                for m in here
            ) or any(m.start < start or m.end > end for m in here if m.place is not None):
                continue
            name = text[start:end]
            key = name_key(name)
            if len(key) < 4 or key in self.function_words:
                continue
            out = [m for m in out if m not in here]
            if town.role == "context":
                # "la ranchería González, ubicado en Villahermosa": the town
                # the colonia is in is where its events are counted.
                out = [replace(m, role="place") if m is town else m for m in out]
            out.append(
                Mention(
                    article.id,
                    start,
                    end,
                    name,
                    replace(
                        town.place,
                        id=f"neighbourhood:{town.place.id}/{key.replace(' ', '-')}",
                        name=name,
                        population=0,
                        code="neighbourhood",
                    ),
                    "exact",
                    SETTLEMENT_SCORE,
                    None,
                    # Its town, named beside it, is where the events are counted.
                    "context",
                )
            )
        out.sort(key=lambda m: (m.start, m.end))
        return out

    def _roads(self, article, text: str, mentions: list[Mention], bounds) -> list[Mention]:
        """Streets and roads named in the article, each at the town it runs through.

        "la calle Segunda", "carretera México-Nogales", "Juárez Street", "the
        Oaxaca-Puebla highway", "Federal Highway 200": GeoNames has no
        streets, so the road is placed at a Mexican town the text names with
        it: a highway's first end in the story's state ("carretera
        Guamúchil-Mocorito"), else the nearest in its sentence, else any end
        (a street's name holds none: "Cuauhtémoc Street"), else the last in
        the three sentences before, else the town the article names most.
        When its sentence names states, the town must lie in one of them
        ("bloqueos en Carretera Nacional en Nuevo León"). The mention's role is
        ``road``: it says where along the way, not a place events are counted
        at. A road no town places is left out.
        """
        towns = [
            m
            for m in mentions
            if m.place is not None
            and m.place.country == "MX"
            and m.place.kind in ("city", "town")
            and m.role in ("place", "context", "dateline", "road", "qualifier")
        ]
        if not towns:
            return []
        counts = Counter(m.place.id for m in towns if m.role == "place")
        main = max(towns, key=lambda m: (counts[m.place.id], -m.start)).place if counts else None
        if main is None:
            # Only the dateline names a town ("Ciudad Juárez.– ... el Eje Vial
            # Juan Gabriel"): the streets are its.
            main = next((m.place for m in towns if m.role == "dateline"), None)
        starts = [lo for lo, _ in bounds] or [0]
        taken = {(m.start, m.end) for m in mentions}
        roads = []
        for start, end, street in map(self._road_span, self._road_regex.finditer(text)):
            # "bulevar Emiliano Zapata de Culiacán": the town it runs through
            # ends a street's name.
            if street:
                for m in towns:
                    cut = _TOWN_AFTER_STREET.search(text, start + 1, m.start)
                    if start < m.start < end and cut is not None and cut.end() == m.start:
                        end = cut.start()
                        break
            roads.append((start, end, street))
        in_street = [(a, z) for a, z, street in roads if street]
        towns = [m for m in towns if not any(a <= m.start < z for a, z in in_street)]
        out = []
        for start, end, street in roads:
            if (start, end) in taken or end - start < 6:
                continue
            k = max(0, bisect.bisect_right(starts, start) - 1)
            lo, hi = bounds[k] if bounds else (0, len(text))
            states = {
                m.place.admin1
                for m in mentions
                if lo <= m.start < hi
                and m.place is not None
                and m.place.kind == "state"
                and m.place.country == "MX"
            }

            def fits(m: Mention) -> bool:
                return not states or m.place.admin1 in states

            here = [m for m in towns if lo <= m.start < hi and not start <= m.start < end]
            inner = [] if street else self._road_ends(mentions, start, end)
            back = bounds[max(0, k - 3)][0] if bounds else lo
            before = [m for m in towns if back <= m.start < lo]
            # A highway by its ends is placed at the first end in the story's
            # states ("carretera Guamúchil-Mocorito": Guamúchil).
            home = [m for m in inner if fits(m) and (main is None or m.place.admin1 == main.admin1)]
            # Unless the text says where along it: "near Nochixtlán", "a la
            # altura de Hualahuises".
            along = [
                m
                for m in here
                if m.start > end and _ALONG_ROAD.match(fold(text[end : m.start])) and fits(m)
            ]
            choice = (
                next(iter(along), None)
                or next(iter(home), None)
                or min(filter(fits, here), key=lambda m: abs(m.start - start), default=None)
                or next(filter(fits, inner), None)
                or next(filter(fits, reversed(before)), None)
            )
            place = choice.place if choice is not None else main
            if place is None or (states and place.admin1 not in states):
                continue
            name = text[start:end]
            out.append(
                Mention(
                    article.id,
                    start,
                    end,
                    name,
                    replace(
                        place,
                        id=f"road:{place.id}/{name_key(name).replace(' ', '-')}",
                        name=name,
                        population=0,
                        code="road",
                    ),
                    "exact",
                    ROAD_SCORE,
                    None,
                    "road",
                )
            )
        return out

    def _road_ends(self, mentions: list[Mention], start: int, end: int) -> list[Mention]:
        """The towns a highway's own name holds, in order.

        A state's name there is its capital of the same name ("carretera
        Zacatecas-Durango" runs from the city of Zacatecas).
        """
        out = []
        for m in mentions:
            if not (start <= m.start < end) or m.place is None or m.place.country != "MX":
                continue
            p = m.place
            if p.kind == "state":
                cap = self.gaz.capitals.get(p.admin1)
                if cap is None or name_key(cap.name) != name_key(m.text):
                    continue
                m = replace(m, place=cap)
            elif p.kind not in ("city", "town"):
                continue
            out.append(m)
        return out

    def _road_span(self, hit: re.Match) -> tuple[int, int, bool]:
        """A road name's start, end and whether it is a street (not a highway)."""
        start, end = hit.span()
        head, tail = hit.groupdict().get("head"), hit.groupdict().get("tail")
        if tail is not None:
            # "On Constitución Street": the sentence's first word is not the name.
            text = hit.string
            while (first := re.match(r"([^\W\d_][\w'’]*)[ \t]+", text[start:end])) and name_key(
                first.group(1)
            ) in self.function_words:
                start += first.end()
        street = (head is not None and name_key(head) in self._street_heads) or (
            tail is not None and name_key(tail) in self._street_tails
        )
        return start, end, street

    def _given_names(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A country's other-language name before a surname is a given name.

        "el gobernador Mauricio Kuri González", "Mauricio Arriaza Chicas":
        Mauricio is Mauritius in Spanish, and a man's name; a capitalised
        word right after it that names no place is his surname.
        """
        starts = {m.start for m in mentions}
        out = []
        for m in mentions:
            if (
                m.place is not None
                and m.place.kind == "country"
                and m.match == "alternate"
                and m.text.isalpha()
                and m.text[1:].islower()
            ):
                after = _SURNAME_AFTER.match(text, m.end)
                if (
                    after is not None
                    and m.end + 1 not in starts
                    and name_key(after.group(1)) not in self.function_words
                ):
                    m = replace(
                        m, place=None, reason="a given name before its surname", role="person"
                    )
            out.append(m)
        return out

    def _persons_again(self, article, mentions: list[Mention], spans) -> list[Mention]:
        """A name read as part of a person's name stays a person later on.

        Only later mentions, and not those a strong cue or a state qualifies:
        "the town of García" stays a town after "Governor Samuel García".
        """
        first: dict[str, int] = {}
        for s in spans:
            if s.role == "person":
                key = name_key(s.text)
                first[key] = min(first.get(key, s.start), s.start)
        if not first:
            return mentions
        strong = {(s.start, s.end) for s in spans if s.strong_context or s.qualified_by is not None}
        out = []
        for m in mentions:
            key = name_key(m.text)
            if (
                m.place is not None
                and m.role == "place"
                and key in first
                and m.start > first[key]
                and (m.start, m.end) not in strong
                and m.place.kind in ("city", "town")
                and m.match != "fuzzy"
            ):
                m = Mention(
                    m.article_id,
                    m.start,
                    m.end,
                    m.text,
                    None,
                    m.match,
                    m.score,
                    "named a person earlier in the article",
                    "person",
                )
            out.append(m)
        return out


#: A capitalised word right after a name, on the same line: a surname after a given name.
_SURNAME_AFTER = re.compile(r" ([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)\b")
#: ", en " between a list's last town and its state.
_IN_STATE_GAP = re.compile(r"^,\s+(?:en|in)\s+$")
_LIST_GAP = re.compile(
    r"^\s*(?:,|,?\s+(?:and|y|e|or|o|as well as|así como))\s*"
    r"(?:(?:in|en|at|the|el|la)\s+)?$"
)
#: Between a state and the first of its towns: "the Sonora cities of", "los
#: municipios sonorenses de".
_KIND_OF_GAP = re.compile(
    r"^\s+(?:cities|towns|municipalities|communities|ciudades|municipios|comunidades"
    r"|localidades|poblaciones)\s+(?:of|de)\s+$",
    re.IGNORECASE,
)
#: A locality named with its municipality lies within this distance of the
#: seat; a namesake of the same state farther off is another village.
#: How far from a municipality's seat a town of the name the text gives for
#: one of its villages may lie to be that village (municipalities of the
#: north are large).
MUNICIPALITY_TOWN_KM = 80
MUNICIPALITY_NAMESAKE_KM = 40
#: Between a locality and its municipality: ", municipio de", ", in the
#: municipality of".
_MUNICIPALITY_GAP = re.compile(
    # "the Independencia ejido, in the municipality of Jiménez"
    r"^(?:\s+(?:ejido|community|village|ranch|town))?"
    # "Tepozán -del mismo municipio de Villa de Cos-": a dash or bracket opens it too.
    r"(?:\s*[,(–—-]\s*"
    r"(?:en el |del |in the |belonging to the |perteneciente al |que pertenece al )?"
    r"|\s+(?:en el|del|in the)\s+)"
    r"(?:(?:mismo|same) )?"
    r"(?:municipio(?: (?!de\b)[a-záéíóúñ]+)? del?|municipality of|township of)\s+$"
    # "los ranchos Agua Caliente y El Coyote de la comunidad Loma de Bácum".
    r"|^\s+(?:de la|del|of the)\s+(?:comunidad|localidad|poblado|ejido|sindicatura|community)"
    r"(?:\s+(?:de|of))?\s+$",
    re.IGNORECASE,
)
#: " y ", " and ": the last join of a list.
_PAIR_GAP = re.compile(r"^\s+(?:y|e|and)\s+$")
#: "a tan solo 70 km de la ciudad de", "40 miles from": a distance from a reference town.
_DISTANCE_FROM = re.compile(
    r"\b\d+(?:[.,]\d+)? (?:kilometros|kms?|kilometres|kilometers|miles|millas) "
    # "a 130 kilómetros al sureste de la ciudad de Zacatecas", "40 miles south of".
    rf"(?:(?:al |to the )?(?:{_DIRECTIONS}) )?"
    r"(?:de|del|from|of)(?: la ciudad de| the city of| el municipio de)?\s+$"
)
#: "la capital de ", "the capital of ": a capital cue and its article, right before the state.
_CAPITAL_LEAD = re.compile(r"(?<![a-z0-9])(?:(?:la|the) )?((?:ciudad )?capital(?: \w+){0,3}) $")
#: What joins the words of one name: "Purísima de Bravo", "San Juan de los Lagos".
_NAME_LINK = re.compile(r"^\s+(?:de|del|de la|de los|de las)\s+$")
#: After a title, the person's name: "El Gobernador, Enrique Alfaro".
_PERSON_AFTER_TITLE = re.compile(r",?\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+")
#: "la comunidad X, en Y": a locality, then the municipality it is in.
_IN_GAP = re.compile(r"^,?\s+(?:en|in)\s+$", re.IGNORECASE)
#: "X, part of the Y municipality": the gap, then the word after Y.
_PART_OF_GAP = re.compile(r"^,\s+(?:part of|in|within) the\s+$", re.IGNORECASE)
_MUNICIPALITY_AFTER = re.compile(r"\s+(?:municipality|township)\b", re.IGNORECASE)
#: After a word of a national body's name: "Defensa Nacional", "Guardia Nacional".
_NATIONAL_AFTER = re.compile(r"\s+(?:Nacional|Nacionales|National)\b")
_CLAUSE_WORDS = re.compile(r" (?:while|whereas|but|although|mientras|pero|aunque|sin embargo) ")


def _last_clause_word(mtext: str, pos: int) -> int:
    last = -1
    for m in _CLAUSE_WORDS.finditer(mtext, max(0, pos - 200), pos):
        last = m.start()
    return last


def _inside_highways(mentions: list[Mention], roads: list[Mention]) -> list[Mention]:
    """A state named inside a highway's name is where the road leads, not where events are.

    "los campesinos bloquearon la carretera Zacatecas a la altura de la
    gasolinera": the road to Zacatecas, in San Luis Potosí. A town there is
    an end that may place the road, and stays as it was read.
    """
    spans = [(r.start, r.end) for r in roads if r.place is not None and r.place.code == "road"]
    out = []
    for m in mentions:
        if (
            m.role == "place"
            and m.place is not None
            and m.place.kind == "state"
            and any(a <= m.start and m.end <= z and (a, z) != (m.start, m.end) for a, z in spans)
        ):
            m = replace(m, role="road", reason="inside a highway's name")
        out.append(m)
    return out


def _link_fuzzy_qualifiers(text: str, mentions: list[Mention]) -> list[Mention]:
    """After a misspelt town ("Talpalpa, Jalisco"), the state is its qualifier."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.match != "fuzzy" or a.place is None or b.place is None:
            continue
        if (
            text[a.end : b.start].strip() == ","
            and b.place.kind == "state"
            and b.place.admin1 == a.place.admin1
            and b.role == "place"
        ):
            out[i + 1] = Mention(
                b.article_id,
                b.start,
                b.end,
                b.text,
                b.place,
                b.match,
                b.score,
                b.reason,
                "qualifier",
            )
    return out


def _from_to_regexes(rules: dict) -> tuple[re.Pattern, re.Pattern]:
    """Before "X to Y" (folded): a road's name, "the highway from", and a trip's, "viajaban de"."""
    road = phrase_regex(
        folded_phrases(rules.get("road_from_heads", [])),
        # "the highway from X to Y", "a highway connecting X to Y".
        r"\b(?:{})(?: \w+){{0,2}}? (?:from|de|del|que va de|connecting|that connects|"
        r"which connects|linking|that links) $",
    )
    trip = phrase_regex(
        folded_phrases(rules.get("trip_verbs", [])),
        r"\b(?:{})\b(?:\s+\w+){{0,6}}?\s+(?:de|desde|from)\s+$",
    )
    return road, trip


def _region_head_regex(rules: dict) -> re.Pattern:
    """A region's lowercase head before its capitalised name: "la sierra Tarahumara"."""
    heads = sorted(rules.get("region_heads", []), key=len, reverse=True)  # matched as written
    return phrase_regex(heads, r"(?:{})\s+(?:(?:de|del|de la|de los)\s+)?[A-ZÁÉÍÓÚÑ]")


def _a_city_regex(rules: dict) -> re.Pattern:
    """Before "Mexico city", what makes it a city of the country: "a violent southern"."""
    words = folded_phrases(rules.get("city_of_country_before", []))
    return phrase_regex(words, r"\b(?:{})\s+$", re.I)


def _located_later_regex(rules: dict) -> re.Pattern:
    """The end of a gap before a place that says where the place before it is (folded).

    "esa comunidad ubicada en la Zona Rural de": ``located_area_words`` may
    stand between "located in" and the place.
    """
    area = "|".join(re.escape(w) for w in folded_phrases(rules.get("located_area_words", [])))
    words = rf"(?:(?:{area}) )*" if area else ""
    return re.compile(
        rf"(?:^|[^\w.;]){_LOCATED_IN} (?:(?:el|la|los|las|the) )?{words}(?:(?:de|del|of) )?$"
    )


#: A given name and a quoted nickname right before a surname: 'Cipriano “Pano” '.
_NICKNAME_BEFORE = re.compile(r"\b[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+ [“\"«][A-ZÁÉÍÓÚÑ][\w .]{0,20}[”\"»] $")


#: A highway's head right before a name: "la autopista Benito Juárez".
_HIGHWAY_NAMED = re.compile(r"\b(?:autopista|carretera|libramiento|highway)\s+$", re.IGNORECASE)


def _same_name_same_place(mentions: list[Mention]) -> list[Mention]:
    """A name left unread takes the place the same name got elsewhere in the article.

    "en las cercanías de Limones, municipio de Bacalar" places Limones; the
    dateline "LIMONES" and a later bare "Limones", left unread as an
    everyday word, are the same village.
    """
    read: dict[str, Place] = {}
    for m in mentions:
        if (
            m.place is not None
            and m.role in ("place", "dateline")
            and m.place.country == "MX"
            and m.place.kind in ("city", "town")
        ):
            read.setdefault(name_key(m.text), m.place)
    out = []
    for m in mentions:
        place = read.get(name_key(m.text)) if m.place is None else None
        if (
            place is not None
            and m.role in ("place", "dateline")
            and m.reason
            and ("everyday word" in m.reason or "small namesake" in m.reason)
        ):
            m = replace(m, place=place, match="alternate", reason=None)
        out.append(m)
    return out


#: Why a town after a boundary cue is a place ("en los límites de Celaya y
#: Juventino Rosas"), and context after a place that lies there.
BOUNDARY_TOWN = "a town at a boundary"


def _boundary_towns_after_a_place(mentions: list[Mention], bounds) -> list[Mention]:
    """Towns named as a boundary after a finer place in their sentence say where it lies.

    "en un camino del poblado de El Colesio, en los límites de los municipios
    de Ixtlán y Ecuandureo": the clash was at El Colesio; the two
    municipalities are where El Colesio is, not two more places of it.
    """
    starts = [lo for lo, _ in bounds] or [0]
    out = []
    for m in mentions:
        if m.reason == BOUNDARY_TOWN and m.role == "place":
            k = max(0, bisect.bisect_right(starts, m.start) - 1)
            lo = bounds[k][0] if bounds else 0
            if any(
                lo <= o.start < m.start
                and o.role == "place"
                and o.reason != BOUNDARY_TOWN
                and o.place is not None
                and o.place.kind in ("city", "town")
                for o in mentions
            ):
                m = replace(m, role="context")
        out.append(m)
    return out


#: Between a street and the next one named with it: "Eje Vial Juan Gabriel y
#: Ponciano Arriaga", "calle Morelos esquina con Zaragoza".
_CROSS_STREET_GAP = re.compile(
    r"^\s+(?:y|e|esquina con|casi esquina con|esq\.|and|at the corner of)\s+$", re.IGNORECASE
)


def _cross_streets(
    text: str, mentions: list[Mention], roads: list[Mention], street_heads
) -> list[Mention]:
    """A name right after a street and "y" is the cross street, not a town.

    "un terreno cercano al Eje Vial Juan Gabriel y Ponciano Arriaga" names an
    intersection in Ciudad Juárez; Ponciano Arriaga, San Luis Potosí, is not
    meant.
    """
    streets = [r for r in roads if name_key(r.text).split(" ", 1)[0] in street_heads]
    if not streets:
        return mentions
    out, changed = [], False
    for m in mentions:
        if m.role == "place" and m.place is not None and m.place.kind in ("city", "town"):
            road = next(
                (
                    r
                    for r in streets
                    if r.end <= m.start and _CROSS_STREET_GAP.match(text[r.end : m.start])
                ),
                None,
            )
            if road is not None:
                m = replace(m, place=None, reason=f"a street crossing {road.text}", role="name")
                changed = True
        out.append(m)
    return out if changed else mentions


def _short_form(key: str, other: str) -> bool:
    """Whether one name's words all belong to the other ("Acapulco", "Tuxtla").

    A name's leading article is part of it: "Reyes" (of "Día de Reyes") is
    no short form of "Los Reyes Acaquilpan".
    """
    a, b = set(key.split()), set(other.split())
    shorter, longer = (key, other) if len(a) <= len(b) else (other, key)
    first = longer.split(" ", 1)[0]
    if first in _LEADING_ARTICLES and first not in shorter.split():
        return False
    return a <= b or b <= a


_LEADING_ARTICLES = frozenset({"el", "la", "los", "las"})


def _proper_noun(surface: str) -> bool:
    words = surface.split()
    if not words or not surface[0].isalpha() or not surface[0].isupper():
        return False
    last = words[-1]
    return last[0].isupper() or not last[0].isalpha() or len(words) == 1


def _same_letters(surface: str, name: str) -> bool:
    return re.sub(r"[\W_]", "", surface) == re.sub(r"[\W_]", "", name)


def _previous_word(text: str, start: int) -> str | None:
    """The word right before ``start``, unless punctuation ends it ("Monday. Mexico")."""
    m = re.search(r"([A-Za-zÁÉÍÓÚÑÜáéíóúñü][\w’'.-]*) $", text[max(0, start - 40) : start])
    if m is None or m.group(1).endswith("."):
        return None
    return m.group(1)


def _sentence_of(bounds, pos: int) -> int:
    lo, hi = 0, len(bounds) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = bounds[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return mid
    return max(0, min(lo, len(bounds) - 1))


@lru_cache(maxsize=1)
def _default_extractor() -> PlaceExtractor:
    return PlaceExtractor()


def extract_mentions(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Find the place mentions of one article with the process-wide extractor."""
    return _default_extractor().extract(article, sentences)
