"""Language identification of an article body with lingua.

The answer is one of the codes the caller can process (the Pipeline passes its registry's
codes, so a language folder added at run time is detected as soon as lingua knows its
code) or "other". The detector also knows a few common European languages
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
    from collections.abc import Sequence

    from lingua import LanguageDetector

OTHER = "other"
# Languages a news corpus in Germany plausibly mixes in; each costs a small trigram model.
DISTRACTORS = ("fr", "es", "it", "nl", "pl", "pt", "ru", "uk", "tr")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_MIN_LETTERS = 20
_MIN_LETTERS_FOR_OTHER = 200


def known_languages(codes: Sequence[str] | None = None) -> tuple[str, ...]:
    """The codes detection may answer: the given ones, else the built-in language folders."""
    return tuple(dict.fromkeys(codes if codes is not None else available_languages()))


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> LanguageDetector | None:
    """A detector for the codes lingua knows; None when fewer than two are left to tell apart."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            continue  # a saidwhat language lingua does not know is never detected
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str, sample_chars: int = 1200, codes: Sequence[str] | None = None) -> str:
    """One of ``codes`` (default: the built-in languages) or "other"; text too short to
    tell gets the first of them.

    "other" needs evidence: below ``_MIN_LETTERS_FOR_OTHER`` letters a sentence is only
    compared among saidwhat's own languages, since lingua's guesses on a line or two of
    German sometimes land on Dutch.
    """
    sample = text[:sample_chars]
    known = known_languages(codes)
    if not known:
        return OTHER
    letters = len(_LETTER.findall(sample))
    if letters < _MIN_LETTERS:
        return known[0]
    candidates = tuple(sorted(set(known) | set(DISTRACTORS))) if letters >= _MIN_LETTERS_FOR_OTHER else known
    detector = _detector(candidates)
    if detector is None:
        return known[0]  # a single language to choose from: nothing to tell apart
    language = detector.detect_language_of(sample)
    if language is None:
        return OTHER
    code = language.iso_code_639_1.name.lower()
    return code if code in known else OTHER
