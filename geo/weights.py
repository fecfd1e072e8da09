"""Resolution weights: how the readings of a place name are ranked and scored.

One place for every weight the resolver adds up. A name such as "Guadalupe"
has several readings (gazetteer entries); each gets a rank and the highest
wins (a tie goes to the smaller id):

- the base rank, :meth:`geo.gazetteer.Gazetteer.name_rank`: the kind's
  importance (:data:`KIND_IMPORTANCE`) or else ``log10`` of the population,
  plus :data:`OWN_NAME_RANK` or :data:`ALTERNATE_NAME_RANK`;
- then, in :meth:`geo.places.PlaceExtractor.extract` (its ``_resolve``
  step), the context: :data:`QUALIFIER_STATE_BONUS`,
  :data:`SENTENCE_STATE_BONUS`, :data:`ARTICLE_STATE_WEIGHT` and
  :data:`NAMED_COUNTRY_BONUS`.

A difference of one in rank stands for a tenfold population. The scores
(0 to 1) say how sure a match is; they do not take part in the ranking.
"""

from __future__ import annotations

__all__ = [
    "ALTERNATE_NAME_RANK",
    "ARTICLE_STATE_WEIGHT",
    "BARE_SETTLEMENT_SCORE",
    "CAPITAL_AIRPORT_SCORE",
    "COUNTRY_QUALIFIER_STATE_BONUS",
    "FUZZY_ALTERNATE_FACTOR",
    "FUZZY_SCALE",
    "KIND_IMPORTANCE",
    "MATCH_SCORES",
    "NAMED_COUNTRY_BONUS",
    "NEAR_ANCHOR_BONUS",
    "OWN_NAME_RANK",
    "QUALIFIER_STATE_BONUS",
    "ROAD_SCORE",
    "SENTENCE_STATE_BONUS",
    "SETTLEMENT_SCORE",
    "SETTLEMENT_SEAT_RANK",
    "SETTLEMENT_STATE_RANK",
]

# --- Ranks -----------------------------------------------------------------

#: Base rank of a kind, instead of its population: countries above states above
#: any city (a city ranks by log10 of its population); airports only when asked.
KIND_IMPORTANCE = {"country": 12.0, "state": 10.0, "region": 9.5, "airport": 0.5}
#: Added to a reading by its own name: "Guadalupe" is Guadalupe, Nuevo León,
#: before Gustavo A. Madero (an old alternate name), though that is larger.
OWN_NAME_RANK = 3.0
#: Added to a reading by an alternate name.
ALTERNATE_NAME_RANK = 2.0
#: A reading in the state its qualifier names ("Tapalpa, Jalisco"): the
#: qualifier outweighs any difference of population.
QUALIFIER_STATE_BONUS = 20
#: The same for a qualifier that is also a country's name ("Juarez, Mexico"
#: is Ciudad Juárez, not a village of the State of Mexico): it tips a near
#: tie only.
COUNTRY_QUALIFIER_STATE_BONUS = 1
#: A reading in a state the same sentence names: as if a thousand times larger.
SENTENCE_STATE_BONUS = 3
#: Times the share of the article's state mentions that fall in the reading's
#: state (not for states themselves): the story's setting tips close calls.
ARTICLE_STATE_WEIGHT = 2
#: A foreign town whose country the article names ("Aguachica, Colombia").
NAMED_COUNTRY_BONUS = 3
#: "el municipio de Atenco": a reading that is a municipality's seat (or the
#: municipality itself), as if a hundred times larger than a namesake village.
SEAT_CUE_BONUS = 2
#: Without the cue, a seat of a municipality of that very name still beats a
#: namesake village a few times larger ("Hidalgo, Coahuila" is the seat of
#: Hidalgo, not the larger Hidalgo ejido by Torreón).
SEAT_NAME_BONUS = 0.6
#: A town near one of the story's sure towns (``places.NEAR_ANCHOR_KM``), on
#: the second look: "El Limón" in a story about Petatlán is Petatlán's, not a
#: namesake thirty times larger across the state.
NEAR_ANCHOR_BONUS = 1.5
#: A settlement ("colonia Lomas del Sol") whose municipality's seat the article
#: names as a town...
SETTLEMENT_SEAT_RANK = 4
#: ... or in a state the article names.
SETTLEMENT_STATE_RANK = 2

# --- Scores ----------------------------------------------------------------

#: How sure a match is, by how the name matched.
MATCH_SCORES = {"exact": 1.0, "folded": 0.98, "alternate": 0.95}
#: A state's airport read as its capital's ("Tabasco airport").
CAPITAL_AIRPORT_SCORE = 0.9
#: A settlement found after a cue ("colonia ..."), placed at its seat.
SETTLEMENT_SCORE = 0.9
#: A settlement named without a cue, inside a municipality the article names
#: ("Huixiopa" in a story about Badiraguato), placed at its seat.
BARE_SETTLEMENT_SCORE = 0.8
#: A street or road by its name ("calle Segunda", "the Oaxaca-Puebla highway"),
#: placed at the town it runs through.
ROAD_SCORE = 0.7
#: A misspelling's score: rapidfuzz's ratio (0 to 100) / 100 times this...
FUZZY_SCALE = 0.9
#: ... and times this again when it matches an alternate name.
FUZZY_ALTERNATE_FACTOR = 0.97
