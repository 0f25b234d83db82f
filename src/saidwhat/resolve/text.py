"""Words and sentences of an article body, with character offsets, for the resolver.

The resolver works on the body text alone, so that it gives the same answer whichever
extractor found the mentions and whether or not a parsed Doc is at hand.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:[-.'’]\w+)*\.?|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? (optionally closed by a quotation mark) before a capital, or at
# a line break.
# Not after an ordinal ("am 2. Mai") or an initial ("George W. Bush"). Capitals and small
# letters are those of the Latin alphabets (Latin-1), whichever language the body is in.
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
SENTENCE_END = re.compile(
    rf"(?<=[^\W\d]{{2}}[.!?])[\"“”»«']?\s+(?=[\"„“»«‘]?[{_UPPER}])|(?<=[!?])\s+"
    rf"|(?<=[{_LOWER}]{{2}}\.)(?=[{_UPPER}][{_LOWER}])|\n+"
)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_namey(self) -> bool:
        """Capitalised, or a name written otherwise ("n24", "news.bbc.co.uk", "39-Jährige")."""
        text = self.text
        return self.is_capitalised or (
            text[:1].isalnum()
            and (any(c.isdigit() for c in text) or ("." in text[1:-1] and text[-1].isalpha()))
        )

    @property
    def is_alpha(self) -> bool:
        return self.text[:1].isalpha()


def words_of(text: str, offset: int = 0, abbreviations: frozenset[str] = frozenset()) -> list[Word]:
    """The words and punctuation marks of text; ``abbreviations`` (the language's, lower
    case) keep their full stop."""
    words = []
    for match in WORD.finditer(text):
        token = match.group(0)
        # A trailing full stop belongs to the word only for abbreviations and initials.
        keeps_stop = token.lower() in abbreviations or len(token) <= 2 or "." in token[:-1]
        if token.endswith(".") and not keeps_stop:
            words.append(Word(token[:-1], offset + match.start(), offset + match.end() - 1))
            words.append(Word(".", offset + match.end() - 1, offset + match.end()))
        else:
            words.append(Word(token, offset + match.start(), offset + match.end()))
    return words


class BodyText:
    """An article body split into words and sentences, with lookups by offset."""

    def __init__(self, body: str, abbreviations: frozenset[str] = frozenset()) -> None:
        self.body = body
        self.abbreviations = abbreviations
        self.words = words_of(body, 0, abbreviations)
        self._starts = [w.start for w in self.words]
        bounds = [0] + [m.end() for m in SENTENCE_END.finditer(body)]
        self.sentence_starts = sorted(set(bounds))
        paragraphs = [0] + [m.end() for m in re.finditer(r"\n\s*\n", body)]
        self.paragraph_starts = sorted(set(paragraphs))

    def word_index(self, offset: int) -> int:
        """Index of the first word starting at or after offset."""
        return bisect_right(self._starts, offset - 1)

    def sentence_of(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset) - 1

    def sentence_start(self, offset: int) -> int:
        return self.sentence_starts[self.sentence_of(offset)]

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def words_between(self, start: int, end: int) -> list[Word]:
        return [w for w in self.words[self.word_index(start) :] if w.end <= end] if start < end else []
