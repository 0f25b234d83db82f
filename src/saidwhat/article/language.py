"""Language identification of an article body with lingua.

The answer is a code saidwhat knows (a language folder, or one of the project's languages
German and English) or "other". The detector also knows a few common European languages
that are not saidwhat's: without them a French text would be forced into German or English
instead of being called "other". It is built once per process from those few languages
only, in lingua's low-accuracy mode (trigrams), which keeps it small and fast and is
reliable on article-length text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from saidwhat.language import available_languages

if TYPE_CHECKING:
    from lingua import LanguageDetector

OTHER = "other"
PROJECT_LANGUAGES = ("de", "en")
# Languages a news corpus in Germany plausibly mixes in; each costs a small trigram model.
DISTRACTORS = ("fr", "es", "it", "nl", "pl", "pt", "ru", "uk", "tr")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_MIN_LETTERS = 20
_MIN_LETTERS_FOR_OTHER = 200


def known_languages() -> tuple[str, ...]:
    return tuple(dict.fromkeys([*available_languages(), *PROJECT_LANGUAGES]))


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            continue  # a saidwhat language lingua does not know is never detected
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str, sample_chars: int = 1200) -> str:
    """A known code or "other"; text too short to tell gets the first known language.

    "other" needs evidence: below ``_MIN_LETTERS_FOR_OTHER`` letters a sentence is only
    compared among saidwhat's own languages, since lingua's guesses on a line or two of
    German sometimes land on Dutch.
    """
    sample = text[:sample_chars]
    known = known_languages()
    letters = len(_LETTER.findall(sample))
    if letters < _MIN_LETTERS:
        return available_languages()[0] if available_languages() else known[0]
    codes = tuple(sorted(set(known) | set(DISTRACTORS))) if letters >= _MIN_LETTERS_FOR_OTHER else known
    language = _detector(codes).detect_language_of(sample)
    if language is None:
        return OTHER
    code = language.iso_code_639_1.name.lower()
    return code if code in known else OTHER
