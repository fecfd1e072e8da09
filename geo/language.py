"""Which language an article is in, and so which rule pack reads it.

Two steps, both cheap. Function words of the languages that have a rule pack
("the", "of", "and" / "el", "de", "que") make up a large, stable share of any
running text, so counting them tells those languages apart instantly. Text in
a language that has no pack (Portuguese shares many of Spanish's function
words) shows as a low share of them, and is then caught by a statistical
identifier, ``lingua`` in its low-accuracy mode (trigram models of the
candidate languages only: ~30 MB, about a millisecond for the first 1,000
characters). The candidates are listed in
``data/lang/languages.json``.

Examples
--------
>>> detect_language("Hombres armados bloquearon las carreteras de la ciudad.")
'es'
>>> detect_language("Gunmen blocked the highways of the city.")
'en'
>>> detect_language("No domingo houve bloqueios nas estradas e os voos foram cancelados.")
'pt'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .errors import DataError
from .gazetteer import data_dir
from .rules import available_languages, load_rules

__all__ = ["IDENTIFY_CHARS", "detect_language", "sentence_language"]

#: Characters the identifier reads: enough for a clear answer on news text.
IDENTIFY_CHARS = 1000
#: News in a pack's language has at least a fifth of its words among that
#: pack's function words (0.20 at the least, 0.29 for the 5th percentile of
#: the project's 370 English and Spanish articles); Portuguese, French or
#: Italian read with them score 0.06-0.13. Below this share the identifier
#: is asked; above it the answer is already clear and costs nothing.
IDENTIFY_BELOW = 0.30
_WORD = re.compile(r"[a-záéíóúñüàâãçêõ]+")
#: Below this many words (a headline, a one-line item) a tie of the function
#: words between two pack languages is the identifier's to settle.
SHORT_TEXT_WORDS = 40


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset]:
    return {
        lang: frozenset(load_rules("pack", (lang,))["stopwords"]) for lang in available_languages()
    }


@lru_cache(maxsize=1)
def _identifier():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    path = data_dir() / "lang" / "languages.json"
    try:
        codes = json.loads(path.read_text(encoding="utf-8"))["detect"]
        langs = {Language.from_iso_code_639_1(IsoCode639_1.from_str(c)) for c in codes}
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"{path}: detect: cannot read the candidate languages ({exc})") from None
    if len(langs) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language: a pack's language, or another one.

    Returns the pack language whose function words are most frequent when
    they make up a clear share of the words; otherwise a language with no
    pack ("pt") if the identifier finds one, which the caller then skips, or
    its pick between pack languages that tie in a short text.
    """
    counts = {lang: 0 for lang in _stopwords()}
    words = _WORD.findall(text[:20000].lower())
    for word in words:
        for lang, stop in _stopwords().items():
            if word in stop:
                counts[lang] += 1
    best = max(sorted(counts), key=lambda lang: counts[lang])
    if words and counts[best] / len(words) >= IDENTIFY_BELOW:
        return best
    identifier = _identifier()
    if identifier is not None:
        found = identifier.detect_language_of(text[:IDENTIFY_CHARS])
        code = found.iso_code_639_1.name.lower() if found is not None else None
        tied = sum(1 for n in counts.values() if n == counts[best]) > 1
        if code and (code not in counts or (tied and len(words) < SHORT_TEXT_WORDS)):
            # Another language ("pt"), or a pack's language where the function
            # words of a short text tie: a one-line "Hombres armados
            # asesinaron a dos personas en Uruapan" has one of each.
            return code
    return best


#: A sentence needs this many words to be told apart from its article's language.
SENTENCE_MIN_WORDS = 6


def sentence_language(text: str, article_lang: str) -> str:
    """The pack language of one sentence: its article's, unless it is plainly another's.

    An English story quoting a Spanish post ("Neutralizan a 3 supuestos
    integrantes del CDG...") is read with the Spanish pack there. Another
    pack's function words must be at least three and twice the article's, so
    a Spanish name or quote inside an English sentence changes nothing.
    """
    words = _WORD.findall(text.lower())
    if len(words) < SENTENCE_MIN_WORDS:
        return article_lang
    stop = _stopwords()
    own = sum(w in stop.get(article_lang, ()) for w in words)
    best, best_n = article_lang, 0
    for lang in sorted(stop):
        if lang == article_lang:
            continue
        n = sum(w in stop[lang] for w in words)
        if n > best_n:
            best, best_n = lang, n
    return best if best_n >= max(3, 2 * own) else article_lang
