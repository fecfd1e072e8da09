"""The incident taxonomy: one registry of incident types that every stage asks.

``data/taxonomy.json`` lists each incident type once: its label, its ACLED
event and sub-event type, the map layer that draws it, and its *behaviours*,
the few decisions the engine makes differently for some types. Code asks the
registry ("which types are placed at the airport?") and never names a type,
so a type added to the data alone reaches extraction, merging, the exports,
the GeoJSON layers and the map.

Behaviours (the engine knows these names; any other is a :class:`DataError`):

``counts``
    The type the sentence's casualty counts report ("six people were killed"):
    it needs no trigger word of its own. At most one type has it.
``holds_casualties``
    Implied by ``counts``: its records carry the counts.
``solo``
    Its trigger never shares places with neighbouring triggers.
``follows_violence``
    Placed where the sentence's ``violent`` event is ("killed in the clash in X").
``violent``
    An event deaths belong to (a raid or armed clash).
``operation``
    Its place, told elsewhere in the article, is where counts with no place of
    their own go ("killed in the operation").
``at_airport``
    A city's report is placed at the city's airport (flight suspensions).
``only_local``
    A state-wide report beside a single finer one of the same type is that one
    told vaguely, even from the same article ("vuelos cancelados en Quintana
    Roo" is the Cancún suspension).
``issued``
    An advisory or closure whose reach is its issuer's ("the state government
    suspended classes" is state-wide).
``not_scoped``
    A country-wide report of it does not pass to a following list of states.
``local``
    One event at one place: a state-wide report of it, when the article
    tells it of a single town, is that town's report told vaguely ("a prison
    riot in southeastern Mexico", "displacement in Chiapas"); and "in a bar
    in central Mexico" waits for its town rather than taking the country.
``unplaced_at_town``
    Told without any place, it happened in the town the article is about (a
    killing, a raid, a curfew, a closure: on the real-news corpus the town is
    right more often than the state). Flight suspensions are left out: told
    without a city, they are the state's.
``at_origin``
    It happened where its people come from: "habitantes de la comunidad de
    La Venta abandonaron ese lugar" is La Venta's displacement, though a
    place after "habitantes de" is otherwise where a person is from.
``response``
    What a storm, a quake or an epidemic also causes (a closure, a
    suspension, shelters, displacement): in an article about such a cause
    that reports no violence, it is no incident.

Examples
--------
>>> tax = load_taxonomy()
>>> tax.layer_of("arson")
'blockades_arson'
>>> tax.with_behaviour("at_airport")
('flight_suspension',)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import DataError
from .gazetteer import data_dir

__all__ = ["BEHAVIOURS", "SHAPES", "IncidentType", "Layer", "Taxonomy", "load_taxonomy"]

BEHAVIOURS = frozenset(
    {
        "counts",
        "holds_casualties",
        "solo",
        "follows_violence",
        "violent",
        "operation",
        "at_airport",
        "only_local",
        "issued",
        "not_scoped",
        "local",
        "unplaced_at_town",
        "response",
        "at_origin",
    }
)
#: Marker shapes the map can draw (see :mod:`geo.webmap`).
SHAPES = frozenset({"star", "triangle", "square", "circle", "diamond", "hexagon"})
#: Conditions under which a type takes another ACLED pair, checked in the data's order.
ACLED_CONDITIONS = frozenset({"arrests_only", "civilians", "no_combatants"})
#: Who, in a count, carries no arms: for the ``no_combatants`` condition.
UNARMED = frozenset({"civilians", "people"})


@dataclass(frozen=True)
class Layer:
    """A map family: its key, title, colour, marker shape and the types it draws."""

    key: str
    title: str
    colour: str
    shape: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class IncidentType:
    """One incident type of the taxonomy."""

    id: str
    label: str
    acled: tuple[str, str]
    layer: str
    behaviours: frozenset[str] = frozenset()
    acled_when: tuple[tuple[str, tuple[str, str]], ...] = ()

    def acled_for(self, casualties) -> tuple[str, str]:
        """ACLED's event and sub-event type for a record with these counts.

        ``arrests_only`` applies when every count is an arrest (ACLED's
        "Strategic developments: Arrests"), ``civilians`` when a count is of
        civilians (ACLED's "Violence against civilians"), ``no_combatants``
        when every dead or wounded is of no armed group (civilians, or
        "people" the text does not call police, soldiers or gunmen): a
        killing told with no exchange of fire is an attack, not a battle.
        """
        for condition, pair in self.acled_when:
            if (
                condition == "arrests_only"
                and casualties
                and all(c.outcome == "arrested" for c in casualties)
            ):
                return pair
            if condition == "civilians" and any(c.who == "civilians" for c in casualties):
                return pair
            if (
                condition == "no_combatants"
                and casualties
                and all(c.who in UNARMED for c in casualties if c.outcome != "arrested")
                and any(c.outcome != "arrested" for c in casualties)
            ):
                return pair
        return self.acled


@dataclass(frozen=True)
class Taxonomy:
    """Every incident type, in report order, and the layers that draw them."""

    types: dict[str, IncidentType]
    layers: dict[str, Layer]
    _by_behaviour: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for b in BEHAVIOURS:
            self._by_behaviour[b] = tuple(t for t, s in self.types.items() if b in s.behaviours)

    @property
    def ids(self) -> tuple[str, ...]:
        """The type ids in report order."""
        return tuple(self.types)

    def with_behaviour(self, behaviour: str) -> tuple[str, ...]:
        """The ids of the types that have a behaviour, in report order."""
        return self._by_behaviour[behaviour]

    def has(self, type_id: str, behaviour: str) -> bool:
        """Whether a type has a behaviour (False for an unknown type)."""
        spec = self.types.get(type_id)
        return spec is not None and behaviour in spec.behaviours

    @property
    def counts_type(self) -> str | None:
        """The type that casualty counts report, or None."""
        found = self._by_behaviour["counts"]
        return found[0] if found else None

    def label(self, type_id: str) -> str:
        """A readable label ("Blockade"); an unknown id is made readable."""
        spec = self.types.get(type_id)
        return spec.label if spec else type_id.replace("_", " ").capitalize()

    def layer_of(self, type_id: str) -> str:
        """The key of the layer that draws a type.

        Raises
        ------
        ValueError
            If the type is not in the taxonomy.
        """
        spec = self.types.get(type_id)
        if spec is None:
            raise ValueError(
                f"no map layer for event_type {type_id!r}; expected one of {sorted(self.types)}"
            )
        return spec.layer


def _fail(path: Path, where: str, problem: str):
    raise DataError(f"{path}: {where}: {problem}")


def _pair(path: Path, where: str, value) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        _fail(path, where, f"expected [ACLED event type, sub-event type], got {value!r}")
    return (value[0], value[1])


def parse_taxonomy(raw: dict, path: Path) -> Taxonomy:
    """Validate the taxonomy's JSON and build the registry.

    Raises
    ------
    geo.errors.DataError
        Naming the file, the key and the bad value: an unknown behaviour,
        layer, shape or ACLED condition, a missing field, a second ``counts`` type.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict):
        _fail(path, "types", "missing: expected an object of incident types")
    layers_raw = raw.get("layers")
    if not isinstance(layers_raw, dict) or not layers_raw:
        _fail(path, "layers", "missing: expected an object of map layers")
    for key, spec in layers_raw.items():
        for name in ("title", "colour", "shape"):
            if not isinstance(spec.get(name), str):
                _fail(path, f"layers.{key}.{name}", "missing or not a string")
        if spec["shape"] not in SHAPES:
            _fail(
                path,
                f"layers.{key}.shape",
                f"unknown shape {spec['shape']!r}; expected one of {sorted(SHAPES)}",
            )
    types: dict[str, IncidentType] = {}
    for tid, spec in raw["types"].items():
        where = f"types.{tid}"
        unknown = set(spec) - {"label", "acled", "acled_when", "layer", "behaviours", "note"}
        if unknown:
            _fail(path, where, f"unknown key {sorted(unknown)[0]!r}")
        if not isinstance(spec.get("label"), str):
            _fail(path, f"{where}.label", "missing or not a string")
        if spec.get("layer") not in layers_raw:
            _fail(
                path,
                f"{where}.layer",
                f"unknown layer {spec.get('layer')!r}; expected one of {sorted(layers_raw)}",
            )
        behaviours = set(spec.get("behaviours", []))
        bad = behaviours - BEHAVIOURS
        if bad:
            _fail(
                path,
                f"{where}.behaviours",
                f"unknown behaviour {sorted(bad)[0]!r}; expected one of {sorted(BEHAVIOURS)}",
            )
        if "counts" in behaviours:
            behaviours |= {"holds_casualties"}
        when = []
        for cond, pair in spec.get("acled_when", {}).items():
            if cond not in ACLED_CONDITIONS:
                _fail(
                    path,
                    f"{where}.acled_when",
                    f"unknown condition {cond!r}; expected one of {sorted(ACLED_CONDITIONS)}",
                )
            when.append((cond, _pair(path, f"{where}.acled_when.{cond}", pair)))
        types[tid] = IncidentType(
            id=tid,
            label=spec["label"],
            acled=_pair(path, f"{where}.acled", spec.get("acled")),
            layer=spec["layer"],
            behaviours=frozenset(behaviours),
            acled_when=tuple(when),
        )
    if sum("counts" in t.behaviours for t in types.values()) > 1:
        _fail(path, "types", "more than one type has the behaviour 'counts'")
    layers = {
        key: Layer(
            key,
            spec["title"],
            spec["colour"],
            spec["shape"],
            tuple(t for t, s in types.items() if s.layer == key),
        )
        for key, spec in layers_raw.items()
    }
    return Taxonomy(types=types, layers=layers)


@lru_cache(maxsize=4)
def _load(path: str) -> Taxonomy:
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"{p}: cannot read the taxonomy ({exc.strerror})") from None
    except ValueError as exc:
        raise DataError(f"{p}: not valid JSON ({exc})") from None
    return parse_taxonomy(raw, p)


def load_taxonomy(directory: Path | str | None = None) -> Taxonomy:
    """The taxonomy of ``data/taxonomy.json`` (or of another data folder), loaded once."""
    base = Path(directory) if directory else data_dir()
    return _load(str(base / "taxonomy.json"))
