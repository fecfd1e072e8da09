"""Geocoders shaped like geopy's: an offline one over the gazetteer, and Nominatim.

:class:`OfflineGeocoder` implements geopy's :class:`~geopy.geocoders.base.Geocoder`
interface, so code written for it works with any geopy geocoder and back::

    >>> from geo.geocoder import OfflineGeocoder
    >>> loc = OfflineGeocoder().geocode("Tapalpa, Jalisco")
    >>> loc.raw["iso_3166_2"], round(loc.latitude, 2), round(loc.longitude, 2)
    ('MX-JAL', 19.95, -103.76)

A query is read as ``name[, qualifier[, qualifier]]``. A qualifier that is a
state or country restricts the candidates; words such as "airport",
"aeropuerto de", "state", "ciudad de" (``query.json`` of every rule pack) say which
kind of place is meant. Names match exactly, with accents or case folded, by
a GeoNames alternate name, or, failing those, by fuzzy matching (rapidfuzz),
always with a score in ``Location.raw``.

:func:`make_geocoder` gives the opt-in online alternative: geopy's Nominatim,
rate-limited to one request per second as its usage policy asks, behind a
persistent on-disk cache so no query is sent twice.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from .errors import QueryError, ServiceError
from .gazetteer import Gazetteer, load_gazetteer
from .normalize import fold, name_key
from .records import Place
from .rules import load_rules
from .weights import FUZZY_ALTERNATE_FACTOR, FUZZY_SCALE, MATCH_SCORES

__all__ = ["OfflineGeocoder", "Candidate", "CachedGeocoder", "make_geocoder", "USER_AGENT"]

USER_AGENT = "geo-incidents/0.1 (open-source incident mapper for Mexico)"

FUZZY_CUTOFF = 80.0
MAX_QUERY_CHARS = 200
#: :meth:`OfflineGeocoder.reverse` finds nothing farther than this (km).
MAX_REVERSE_KM = 100.0
_CODE = re.compile(r"^[A-Z]{3,4}$")


@dataclass(frozen=True)
class Candidate:
    """A ranked reading of a query: the place, how it matched and its score."""

    place: Place
    match: str
    score: float
    rank: float

    def location(self) -> Location:
        """Turn into a geopy :class:`~geopy.location.Location` with facts in ``raw``."""
        p = self.place
        parts = [p.name]
        if p.kind not in ("state", "country") and p.state:
            parts.append(p.state)
        if p.kind != "country":
            # The place's own country: "Houston, United States", not "..., Mexico".
            parts.append(load_gazetteer().country_names.get(p.country, p.country))
        raw = {
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "code": p.code,
            "state": p.state,
            "iso_3166_2": p.iso_3166_2,
            "admin1": p.admin1,
            "country": p.country,
            "population": p.population,
            "lat": p.lat,
            "lon": p.lon,
            "match": self.match,
            "score": round(self.score, 3),
        }
        if p.id.startswith("geonames:"):
            raw["geonameid"] = int(p.code)
        return Location(", ".join(parts), (p.lat, p.lon), raw)


@lru_cache(maxsize=1)
def _query_words() -> dict[str, list[str]]:
    # A query has no language of its own: every pack's words qualify it.
    words = load_rules("query")
    return {
        k: sorted((name_key(w) for w in v), key=len, reverse=True)
        for k, v in words.items()
        if not k.startswith("_")
    }


def _strip_kind(key: str) -> tuple[str, str | None]:
    """Remove a kind word ("airport", "estado de", "city") from a folded query."""
    words = _query_words()
    for kind in ("airport", "state", "city"):
        for prefix in words[f"{kind}_prefixes"]:
            if key.startswith(prefix + " "):
                return key[len(prefix) + 1 :].strip(), kind
        for suffix in words[f"{kind}_suffixes"]:
            if key.endswith(" " + suffix):
                return key[: -len(suffix) - 1].strip(), kind
    return key, None


class OfflineGeocoder(Geocoder):
    """Geocode Mexican places from the bundled GeoNames gazetteer, offline.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the process-wide one from :func:`geo.gazetteer.load_gazetteer`.
    fuzzy_cutoff : float, optional
        Lowest rapidfuzz ratio (0-100) accepted for a misspelt name.
    **kwargs
        Passed to geopy's :class:`~geopy.geocoders.base.Geocoder` (timeout and
        such are accepted and ignored: nothing goes over a network).

    Examples
    --------
    >>> g = OfflineGeocoder()
    >>> g.geocode("Talpalpa").raw["name"], g.geocode("Talpalpa").raw["match"]
    ('Tapalpa', 'fuzzy')
    >>> g.geocode("Guadalajara airport").raw["code"]
    'GDL'
    >>> g.geocode("Zzyzzx Qwvrt") is None
    True
    """

    def __init__(
        self, gazetteer: Gazetteer | None = None, *, fuzzy_cutoff: float = FUZZY_CUTOFF, **kwargs
    ):
        super().__init__(user_agent=USER_AGENT, **kwargs)
        self.gazetteer = gazetteer or load_gazetteer()
        self.fuzzy_cutoff = fuzzy_cutoff
        self._keys: dict[str | None, list[str]] | None = None

    # -- geopy interface -------------------------------------------------------
    def geocode(
        self, query, *, exactly_one=True, limit=None, timeout=DEFAULT_SENTINEL, country_codes=None
    ):
        """Return the best :class:`~geopy.location.Location`, a ranked list, or None.

        Parameters
        ----------
        query : str
            A place name, optionally qualified: ``"Tapalpa, Jalisco"``,
            ``"Jalisco state"``, ``"aeropuerto de Puerto Vallarta"``.
        exactly_one : bool
            Return one Location (the best) rather than a list.
        limit : int, optional
            With ``exactly_one=False``, at most this many results.
        timeout : float, optional
            Accepted for geopy compatibility; unused.
        country_codes : str or list of str, optional
            ISO 3166-1 alpha-2 codes to keep (``"MX"``).

        Returns
        -------
        geopy.location.Location or list of Location or None
            None when nothing matches, as in geopy.

        Raises
        ------
        geo.errors.QueryError
            If the query is empty, longer than 200 characters or has no letters.
        """
        want = 1 if exactly_one else (limit or 10)
        if country_codes:
            codes = {country_codes} if isinstance(country_codes, str) else set(country_codes)
            codes = {c.upper() for c in codes}
            cands = [c for c in self.candidates(query, limit=100) if c.place.country in codes]
            cands = cands[:want]
        else:
            cands = self.candidates(query, limit=want)
        if not cands:
            return None
        if exactly_one:
            return cands[0].location()
        return [c.location() for c in cands]

    def reverse(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL, limit=None):
        """Return the place nearest a point, with its state: geopy's ``reverse``.

        Parameters
        ----------
        query : geopy.point.Point, (lat, lon) tuple or "lat, lon" string
            The point, WGS84 degrees, latitude first (geopy's order).
        exactly_one : bool
            Return the nearest Location rather than a list, nearest first.
        timeout : float, optional
            Accepted for geopy compatibility; unused.
        limit : int, optional
            With ``exactly_one=False``, at most this many (default 10).

        Returns
        -------
        geopy.location.Location or list of Location or None
            Towns, cities and airports only; ``raw`` holds the place's fields
            (``state``, ``iso_3166_2``...) and ``distance_km``. None when no
            place lies within :data:`MAX_REVERSE_KM`, as in geopy.

        Raises
        ------
        geo.errors.QueryError
            If ``query`` is not a point.

        Examples
        --------
        >>> loc = OfflineGeocoder().reverse("19.9457, -103.7593")
        >>> loc.raw["name"], loc.raw["iso_3166_2"]
        ('Tapalpa', 'MX-JAL')
        """
        import numpy as np
        from geopy.point import Point

        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise QueryError(
                f"not a point: {query!r:.60} ({exc}); give 'lat, lon' in degrees"
            ) from None
        idx, lat, lon = self._reverse_index()
        if not len(idx):
            return None
        phi1, phi2 = np.radians(point.latitude), np.radians(lat)
        dphi, dlam = phi2 - phi1, np.radians(lon - point.longitude)
        a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlam / 2) ** 2
        km = 2 * 6371.0088 * np.arcsin(np.sqrt(a))
        want = 1 if exactly_one else (limit or 10)
        order = np.argsort(km, kind="stable")[:want]
        out = []
        for k in order:
            if km[k] > MAX_REVERSE_KM:
                break
            cand = Candidate(self.gazetteer.places[idx[k]], "reverse", 1.0, 0.0)
            loc = cand.location()
            out.append(
                Location(loc.address, loc.point, {**loc.raw, "distance_km": round(float(km[k]), 3)})
            )
        if not out:
            return None
        return out[0] if exactly_one else out

    def _reverse_index(self):
        cached = getattr(self, "_reverse", None)
        if cached is None:
            import numpy as np

            keep = [
                n
                for n, p in enumerate(self.gazetteer.places)
                if p.kind in ("city", "town", "airport")
            ]
            places = self.gazetteer.places
            cached = self._reverse = (
                np.array(keep, dtype=np.int64),
                np.array([places[n].lat for n in keep], dtype=float),
                np.array([places[n].lon for n in keep], dtype=float),
            )
        return cached

    # -- ranking ---------------------------------------------------------------
    def candidates(self, query: str, limit: int = 10) -> list[Candidate]:
        """Ranked readings of ``query``, best first (empty list when none)."""
        text = _validate(query)
        parts = [p.strip() for p in text.split(",") if p.strip()]
        head, quals = parts[0], parts[1:]
        admin1, country = self._qualifiers(quals)
        if not quals and " " in head.strip():
            head, admin1 = self._trailing_state(head, admin1)
        cands = self._match_head(head, admin1, country)
        cands.sort(key=lambda c: (-c.rank, c.place.id))
        seen, out = set(), []
        for c in cands:
            if c.place.id not in seen:
                seen.add(c.place.id)
                out.append(c)
        return out[:limit]

    def _qualifiers(self, quals: list[str]) -> tuple[str | None, str | None]:
        admin1 = country = None
        for qual in quals:
            # "Estado de México" is a state's name before "estado de" is a cue.
            full = name_key(qual)
            key, _ = _strip_kind(full)
            best = (
                [c for c in self._exact(full) if c.place.kind in ("state", "country")]
                or self._exact(key)
                or self._fuzzy(key, kinds={"state", "country"})
            )
            best = [c for c in best if c.place.kind in ("state", "country")]
            if not best:
                continue
            best.sort(key=lambda c: -c.rank)
            place = best[0].place
            if place.kind == "state":
                admin1 = place.admin1
            else:
                country = place.country
        return admin1, country

    def _trailing_state(self, head: str, admin1: str | None) -> tuple[str, str | None]:
        """Read "Guadalajara Jalisco" as a name followed by its state."""
        key = name_key(head)
        if self.gazetteer.lookup(key):
            return head, admin1
        words = key.split()
        for cut in range(1, len(words)):
            rest, tail = " ".join(words[:cut]), " ".join(words[cut:])
            states = [
                e
                for e in self.gazetteer.lookup(tail)
                if self.gazetteer.places[e.place].kind == "state"
            ]
            if states and self.gazetteer.lookup(rest):
                return rest, self.gazetteer.places[states[0].place].admin1
        return head, admin1

    def _match_head(self, head: str, admin1: str | None, country: str | None) -> list[Candidate]:
        gaz = self.gazetteer
        stripped = head.strip()
        if _CODE.match(stripped):
            airport = gaz.airport_by_code(stripped)
            if airport is not None:
                return [Candidate(airport, "exact", 1.0, 100.0)]
        key = name_key(stripped)
        kind = None
        cands = self._exact(key, original=stripped)
        if not cands:
            key, kind = _strip_kind(key)
            cands = self._exact(key)
        if not cands:
            cands = self._fuzzy(key, admin1=admin1)
        if country:
            cands = [c for c in cands if c.place.country == country]
        if admin1:
            inside = [c for c in cands if c.place.admin1 == admin1]
            if kind != "state":
                # "Durango, Durango": a state is not qualified by itself.
                inside = [c for c in inside if c.place.kind != "state"] or inside
            cands = inside
        if kind == "state":
            cands = [c for c in cands if c.place.kind == "state"]
        elif kind in ("city", "airport"):
            states = [c.place for c in cands if c.place.kind == "state"]
            cands = [c for c in cands if c.place.kind in ("city", "town")]
            if states:
                # "Durango city" is the capital, never a namesake elsewhere.
                same = [c for c in cands if c.place.admin1 == states[0].admin1]
                cands = same or cands
        if kind == "airport":
            cands = self._airports(cands, key)
        else:
            cands = [c for c in cands if c.place.kind != "airport"]
        return cands

    def _airports(self, cands: list[Candidate], key: str) -> list[Candidate]:
        gaz = self.gazetteer
        out = []
        # "Felipe Ángeles airport", "Benito Juárez airport": an airport's own
        # name comes before the airports of towns that share it.
        named = gaz.airport_named(key) if key else None
        if named is not None:
            out.append(Candidate(named, "alternate", MATCH_SCORES["alternate"], 1e9))
        cands = sorted(cands, key=lambda c: -c.rank)
        for c in cands[:3]:
            for i, ap in enumerate(gaz.airports_for(c.place)):
                if named is None or ap.id != named.id:
                    # An airport that serves a town of this very name ("Ixtapa"
                    # for ZIH) before one that is merely near a namesake.
                    bonus = 1.0 if gaz.airport_city_key(ap) == key else 0.0
                    out.append(Candidate(ap, c.match, c.score, c.rank + bonus - 0.01 * i))
        if not out:
            for idx in gaz.airports:
                ap = gaz.places[idx]
                if key and (key in name_key(ap.name) or gaz.airport_city_key(ap) == key):
                    out.append(Candidate(ap, "alternate", 0.9, 5.0))
        return out

    def _exact(self, key: str, original: str | None = None) -> list[Candidate]:
        gaz = self.gazetteer
        out = []
        for entry in gaz.lookup(key):
            place = gaz.places[entry.place]
            if not entry.primary:
                match = "alternate"
            elif original is not None and original == entry.name:
                match = "exact"
            else:
                match = "folded"
            score = MATCH_SCORES[match]
            out.append(Candidate(place, match, score, gaz.name_rank(place, entry.primary)))
        return out

    def _keys_for(self, admin1: str | None) -> list[str]:
        """Name keys to search: all, or (much fewer, much faster) one state's."""
        if self._keys is None:
            self._keys = {None: sorted(self.gazetteer.index)}
            by_state: dict[str, set[str]] = {}
            for key, entries in self.gazetteer.index.items():
                for e in entries:
                    a = self.gazetteer.places[e.place].admin1
                    if a:
                        by_state.setdefault(a, set()).add(key)
            self._keys.update({a: sorted(keys) for a, keys in by_state.items()})
        return self._keys.get(admin1, self._keys[None])

    def _fuzzy(
        self, key: str, kinds: set[str] | None = None, admin1: str | None = None
    ) -> list[Candidate]:
        from rapidfuzz import fuzz, process

        if len(key) < 4:
            return []
        gaz = self.gazetteer
        hits = process.extract(
            key, self._keys_for(admin1), scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff, limit=25
        )
        out = []
        for hit_key, ratio, _ in hits:
            for entry in gaz.lookup(hit_key):
                place = gaz.places[entry.place]
                if kinds and place.kind not in kinds:
                    continue
                score = (
                    FUZZY_SCALE * ratio / 100 * (1.0 if entry.primary else FUZZY_ALTERNATE_FACTOR)
                )
                out.append(
                    Candidate(place, "fuzzy", score, 10 * score + 0.25 * gaz.importance(place))
                )
        return out


def _validate(query) -> str:
    if not isinstance(query, str):
        raise QueryError(f"query must be a string, not {type(query).__name__}")
    text = " ".join(query.split())
    if not text:
        raise QueryError("empty query: give a place name such as 'Tapalpa, Jalisco'")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    if not any(c.isalpha() for c in fold(text)):
        raise QueryError(f"query has no letters: {text!r}")
    return text


class CachedGeocoder(Geocoder):
    """Any geopy geocoder behind a persistent SQLite cache of its answers.

    The cache key is the query with its options; answers (including "nothing
    found") are stored as JSON, so a query is sent to the service at most once
    across runs. Used for the opt-in Nominatim mode.
    """

    def __init__(self, geocode, cache_path: Path, name: str):
        super().__init__(user_agent=USER_AGENT)
        self._geocode = geocode
        self.name = name
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(cache_path))
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT)")

    def geocode(self, query, *, exactly_one=True, limit=None, **kwargs):
        """Answer from the cache, or ask the wrapped geocoder once and remember."""
        text = _validate(query)
        key = json.dumps([self.name, text, exactly_one, limit], ensure_ascii=False)
        row = self._db.execute("SELECT value FROM answers WHERE key = ?", (key,)).fetchone()
        if row is None:
            kw = {"exactly_one": exactly_one}
            if limit is not None and not exactly_one:
                kw["limit"] = limit
            from geopy.exc import GeopyError

            try:
                result = self._geocode(text, **kw)
            except GeopyError as exc:
                # Nothing is cached: the query is asked again next time.
                raise ServiceError(
                    f"{self.name} did not answer ({type(exc).__name__}); check "
                    "the network, or use the offline geocoder"
                ) from exc
            items = [result] if isinstance(result, Location) else (result or [])
            value = json.dumps(
                [[loc.address, loc.latitude, loc.longitude, loc.raw] for loc in items],
                ensure_ascii=False,
            )
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, value))
        else:
            value = row[0]
        locs = [Location(a, (lat, lon), raw) for a, lat, lon, raw in json.loads(value)]
        if not locs:
            return None
        return locs[0] if exactly_one else locs


def default_cache_path() -> Path:
    """Where the online geocoders' answers are kept (``$XDG_CACHE_HOME/geo-incidents``)."""
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geo-incidents" / "geocoder-cache.sqlite"


def make_geocoder(name: str = "offline", cache_path: Path | None = None) -> Geocoder:
    """Build a geocoder by name: ``offline`` (default) or ``nominatim``.

    ``nominatim`` goes through geopy's Nominatim, at most one request per
    second (its usage policy) via geopy's ``RateLimiter``, with a user agent
    naming this tool, and caches every answer on disk.
    """
    if name == "offline":
        return OfflineGeocoder()
    if name == "nominatim":
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        # geopy's RateLimiter logs each failed try with its traceback; the
        # failure itself reaches the caller as one ServiceError.
        geopy_log = logging.getLogger("geopy")
        if not any(isinstance(h, logging.NullHandler) for h in geopy_log.handlers):
            geopy_log.addHandler(logging.NullHandler())
        service = Nominatim(user_agent=USER_AGENT)
        limited = RateLimiter(
            service.geocode, min_delay_seconds=1.0, max_retries=1, swallow_exceptions=False
        )
        return CachedGeocoder(limited, cache_path or default_cache_path(), "nominatim")
    raise QueryError(f"unknown geocoder {name!r}: choose 'offline' or 'nominatim'")
