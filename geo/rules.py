"""Rule packs: the extraction vocabulary of each language, as data.

Each language has a folder ``data/lang/<code>/`` (``en``, ``es``, …) holding
the same files, keyed by concepts the engine knows, the way dateparser keys
its translations:

``pack.json``
    The language's code, name and function words (``stopwords``), which
    identify it among the packs.
``incidents.json``
    Trigger patterns per incident type (keyed by the taxonomy's type ids),
    casualty words, references, negations, hedges and advisory issuers.
``places.json``
    Cues around place names (roles: context, destination, comparison, origin,
    road, organisation and agency names, person titles, scopes).
``dates.json``, ``sentences.json``, ``articles.json``, ``query.json``
    Date words, sentence abbreviations, how outlets name themselves, and the
    words that qualify a geocoder query.

The article's language selects its pack; :func:`load_rules` merges the packs
of several languages (lists joined in pack order, maps united) for text that
mixes them. An article in a language with no pack is skipped with one line,
never misread (:mod:`geo.pipeline`). Adding a language is adding a folder.

:func:`check_rules` (``geo rules check``) validates every pack: known files,
known keys and value shapes, incident types that the taxonomy has, and every
pattern compiled; a problem is a :class:`geo.errors.DataError` naming the
file, the key and the value.

Examples
--------
>>> available_languages()
('en', 'es')
>>> "bloquearon" in " ".join(load_rules("incidents", ("es",))["types"]["blockade"]["patterns"])
True
>>> "bloquearon" in " ".join(load_rules("incidents", ("en",))["types"]["blockade"]["patterns"])
False
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .errors import DataError
from .gazetteer import data_dir
from .normalize import name_key

__all__ = [
    "FILES",
    "NEVER",
    "available_languages",
    "check_rules",
    "load_rules",
    "pack_names",
    "phrase_regex",
]

#: Matches nothing: the regex of an empty word list (a pack may leave one out).
NEVER = re.compile(r"(?!)")


def phrase_regex(words, template: str = r"\b(?:{})\b", flags: int = 0) -> re.Pattern:
    r"""One regex for a list of literal phrases, in the list's order; never matches if empty.

    ``template`` places the alternation (``{}``) in its context, e.g. at the
    end of the text before a name: ``r"\b(?:{})\s+$"``.
    """
    if not words:
        return NEVER
    return re.compile(template.format("|".join(re.escape(w) for w in words)), flags)


def folded_phrases(words) -> list[str]:
    """Phrases folded as the text they are matched on is (``name_key``), longest first."""
    return sorted({name_key(w) for w in words}, key=len, reverse=True)


#: The files of a pack and, for each, its keys and the shape of their values:
#: ``phrases`` a list of strings, ``patterns`` a list of regular expressions,
#: ``map`` an object of phrase -> value, ``groups`` an object of label -> phrases,
#: ``types`` trigger patterns per incident type, ``section`` a nested object
#: whose keys are listed under the file's name and the key.
FILES: dict[str, dict[str, str]] = {
    "pack": {"language": "code", "name": "text", "stopwords": "phrases"},
    "incidents": {
        "types": "types",
        "casualties": "section",
        "anaphora": "phrases",
        "aftermath": "phrases",
        "new_event_openers": "phrases",
        "here_openers": "phrases",
        "not_event": "phrases",
        "related_links": "phrases",
        "related_links_bare": "phrases",
        "page_trailers": "phrases",
        "reference_prefixes": "phrases",
        "announcements": "phrases",
        "telling_clauses": "phrases",
        "definite_articles": "phrases",
        "referring_words": "phrases",
        "presupposing_verbs": "phrases",
        "determiners": "phrases",
        "trigger_negations": "phrases",
        "negation_exceptions": "phrases",
        "hedges": "phrases",
        "habitual": "phrases",
        "locating": "patterns",
        "generic_events": "patterns",
        "wide_reach": "patterns",
        "not_before": "groups",
        "reason_markers": "phrases",
        "cause_markers": "phrases",
        "other_causes": "phrases",
        "issuers": "section",
        "foreign_demonyms": "groups",
    },
    "incidents.casualties": {
        "outcomes": "groups",
        "groups": "groups",
        "numbers": "map",
        "not_counts_after": "phrases",
        "not_counts_before": "phrases",
        "negations": "phrases",
        "article_numbers": "phrases",
        "singular_auxiliaries": "phrases",
        "single_victim_verbs": "map",
        "single_victim_participles": "map",
        "countless": "groups",
        "single_victim_determiners": "phrases",
        "singular_determiners": "phrases",
        "plural_nouns": "phrases",
        "plural_endings": "phrases",
        "victims": "groups",
        "instruments": "phrases",
        "fillers": "phrases",
        "object_words": "phrases",
        "victim_articles": "phrases",
        "conjunctions": "phrases",
        "determiners": "phrases",
        "partitives": "phrases",
        "referring_numbers": "phrases",
        "not_negations": "phrases",
        "asides": "phrases",
        "not_outcomes": "phrases",
        "tallies": "phrases",
        "one_each": "patterns",
    },
    "incidents.issuers": {"state": "phrases", "local": "phrases", "defer": "phrases"},
    "places": {
        k: "phrases"
        for k in (
            "context_before strong_context_before destination_before comparison_before "
            "origin_before road_before normal_clause org_heads org_tails agency_heads "
            "person_titles designators capital_phrases state_scope country_scope "
            "airport_before airport_after state_before state_after city_before "
            "capital_before city_after modifier_after road_after spread_before agency_tails "
            "neighbourhood_before institution_names "
            "settlement_before settlement_after street_before road_descriptions town_references "
            "boundary_before boundary_after origin_after municipality_before scope_regions "
            "trip_verbs road_from_heads region_heads city_of_country_before located_area_words "
            "relative_before spot_before known_as_areas plate_words scope_spread_words"
            " urban_settlement_words start_before end_before"
            " country_in_passing"
        ).split()
    }
    | {
        "road_heads": "groups",
        "road_tails": "groups",
        "road_numbers": "phrases",
        "state_capital_phrases": "map",
    },
    "dates": {
        "weekdays": "map",
        "months": "map",
        "period_before": "phrases",
        "relative_days": "map",
        "relative_periods": "map",
        "weekday_prefixes": "phrases",
        "ago_numbers": "map",
        "ago_units": "map",
        "ago_before": "phrases",
        "ago_after": "phrases",
        "name_before": "phrases",
        "name_after": "phrases",
        "span_before": "phrases",
    },
    "sentences": {
        "abbreviations": "phrases",
        "acronyms": "phrases",
        "sentence_starters": "phrases",
    },
    "articles": {"outlet_patterns": "patterns"},
    "query": {
        k: "phrases"
        for k in (
            "airport_prefixes airport_suffixes state_prefixes state_suffixes "
            "city_prefixes city_suffixes"
        ).split()
    },
}


#: What a type's triggers hold: its patterns, the anchors they contain, and
#: optionally patterns that cancel a trigger near them ("unless") unless one
#: of its "objects" is named there too.
TYPE_KEYS = frozenset({"patterns", "anchors", "unless", "objects"})


def _lang_dir(directory: Path | None = None) -> Path:
    return (directory or data_dir()) / "lang"


@lru_cache(maxsize=8)
def _available(lang_dir: str) -> tuple[str, ...]:
    root = Path(lang_dir)
    if not root.is_dir():
        raise DataError(f"{root}: no rule packs (expected a folder per language, e.g. en/, es/)")
    return tuple(sorted(p.name for p in root.iterdir() if (p / "pack.json").is_file()))


def available_languages(directory: Path | None = None) -> tuple[str, ...]:
    """The codes of the languages that have a rule pack, sorted."""
    return _available(str(_lang_dir(directory)))


@lru_cache(maxsize=8)
def pack_names() -> dict[str, str]:
    """Language code -> the language's name, for messages ("es": "Spanish")."""
    return {code: _read(code, "pack")["name"] for code in available_languages()}


@lru_cache(maxsize=64)
def _read_path(path: str) -> dict:
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise DataError(f"{p}: cannot read the rule pack ({exc.strerror})") from None
    except ValueError as exc:
        raise DataError(f"{p}: not valid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise DataError(f"{p}: expected a JSON object")
    return raw


def _read(lang: str, name: str) -> dict:
    return _read_path(str(_lang_dir() / lang / f"{name}.json"))


def _merge(into: dict, extra: dict) -> None:
    for key, value in extra.items():
        if key.startswith("_"):
            continue
        if key not in into:
            into[key] = json.loads(json.dumps(value))
        elif isinstance(value, list):
            have = into[key]
            seen = {json.dumps(x, sort_keys=True) for x in have}
            have += [x for x in value if json.dumps(x, sort_keys=True) not in seen]
        elif isinstance(value, dict):
            _merge(into[key], value)


def _defaults(file_key: str) -> dict:
    """Every key of a rule file with an empty value, so a pack may leave keys out."""
    empty = {"phrases": list, "patterns": list, "map": dict, "groups": dict, "types": dict}
    out: dict = {}
    for key, shape in FILES[file_key].items():
        if shape == "section":
            out[key] = _defaults(f"{file_key}.{key}")
        elif shape in empty:
            out[key] = empty[shape]()
    return out


@lru_cache(maxsize=64)
def _load(name: str, langs: tuple[str, ...]) -> dict:
    out: dict = {}
    for lang in langs:
        _merge(out, _read(lang, name))
    _merge(out, _defaults(name))
    return out


def load_rules(name: str, langs: tuple[str, ...] | None = None) -> dict:
    """The rules of one pack file, merged over languages (all packs when None).

    Parameters
    ----------
    name : str
        A key of :data:`FILES` without a dot: ``incidents``, ``places``, ``dates``…
    langs : tuple of str, optional
        Language codes in the order their rules are joined.

    Returns
    -------
    dict
        A fresh copy per (name, langs), shared by callers: do not change it.
    """
    if name not in FILES or "." in name:
        raise ValueError(
            f"no rule file {name!r}; expected one of {sorted(k for k in FILES if '.' not in k)}"
        )
    return _load(name, tuple(langs) if langs else available_languages())


# -- validation --------------------------------------------------------------


def _check_value(path: Path, key: str, shape: str, value, file_key: str) -> None:
    def fail(problem: str):
        raise DataError(f"{path}: {key}: {problem}")

    if shape in ("phrases", "patterns"):
        if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
            fail("expected a list of non-empty strings")
        if shape == "patterns":
            for x in value:
                try:
                    re.compile(x)
                except re.error as exc:
                    fail(f"pattern {x!r} does not compile ({exc})")
    elif shape == "groups":
        if not isinstance(value, dict):
            fail("expected an object of label -> list of phrases")
        for label, phrases in value.items():
            _check_value(path, f"{key}.{label}", "phrases", phrases, file_key)
    elif shape == "map":
        if not isinstance(value, dict) or not all(isinstance(k, str) and k for k in value):
            fail("expected an object keyed by phrases")
    elif shape in ("code", "text"):
        if not isinstance(value, str) or not value:
            fail("expected a non-empty string")
    elif shape == "section":
        _check_keys(path, f"{file_key}.{key}", value, prefix=f"{key}.")
    elif shape == "types":
        from .taxonomy import load_taxonomy

        known = load_taxonomy().ids
        if not isinstance(value, dict):
            fail("expected an object of incident type -> {patterns, anchors}")
        for tid, spec in value.items():
            if tid not in known:
                raise DataError(
                    f"{path}: {key}.{tid}: not an incident type of the taxonomy; "
                    f"expected one of {sorted(known)}"
                )
            if not isinstance(spec, dict) or set(spec) - TYPE_KEYS:
                fail(f"{tid}: expected an object with 'patterns' and 'anchors'")
            for part in ("patterns", "unless", "objects"):
                _check_value(path, f"{key}.{tid}.{part}", "patterns", spec.get(part, []), file_key)
            _check_value(path, f"{key}.{tid}.anchors", "phrases", spec.get("anchors", []), file_key)
            for p in spec.get("patterns", []):
                if not any(a in p for a in spec.get("anchors", [])):
                    raise DataError(
                        f"{path}: {key}.{tid}.patterns: pattern {p!r} contains none of the "
                        "type's anchors (the fast first pass would never reach it)"
                    )


def _check_keys(path: Path, file_key: str, raw, prefix: str = "") -> None:
    if not isinstance(raw, dict):
        raise DataError(f"{path}: {prefix.rstrip('.') or 'top level'}: expected a JSON object")
    schema = FILES[file_key]
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if key not in schema:
            raise DataError(f"{path}: {prefix}{key}: unknown key; expected one of {sorted(schema)}")
        _check_value(path, prefix + key, schema[key], value, file_key)


def check_rules(directory: Path | None = None) -> list[str]:
    """Validate every rule pack; return one line per pack checked.

    Raises
    ------
    geo.errors.DataError
        At the first problem, naming the file, the key and the value.
    """
    root = _lang_dir(directory)
    lines = []
    for lang in _available(str(root)):
        folder = root / lang
        for path in sorted(folder.iterdir()):
            if path.suffix != ".json":
                continue
            if path.stem not in FILES or "." in path.stem:
                raise DataError(
                    f"{path}: unknown rule file; expected one of "
                    f"{sorted(k + '.json' for k in FILES if '.' not in k)}"
                )
            _check_keys(path, path.stem, _read_path(str(path)))
        pack = _read_path(str(folder / "pack.json"))
        if pack.get("language") != lang:
            raise DataError(
                f"{folder / 'pack.json'}: language: {pack.get('language')!r} is not the "
                f"folder's name {lang!r}"
            )
        n = sum(1 for p in folder.glob("*.json"))
        lines.append(f"{lang} ({pack.get('name')}): {n} files, every pattern compiles")
    return lines
