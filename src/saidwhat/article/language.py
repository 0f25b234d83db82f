"""Language identification of an article body.

A function-word profile is enough to tell the languages saidwhat has models for apart, and
costs nothing to load; each language package lists its own function words.
"""

from __future__ import annotations

import re

from saidwhat.language import available_languages, get_language

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, sample_chars: int = 5000, fallback: str = "de") -> str:
    words = [w.lower() for w in WORD.findall(text[:sample_chars])]
    if not words:
        return fallback
    best, best_score = fallback, 0
    for code in available_languages():
        function_words = get_language(code).function_words
        score = sum(1 for w in words if w in function_words)
        if score > best_score:
            best, best_score = code, score
    return best
