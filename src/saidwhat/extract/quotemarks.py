"""Tolerant pairing of quotation marks.

News text mixes German („…“, »…«), French («…») and straight ("…") marks, and often has
an odd number of them. Pairing never fails: an opener with no closer in its paragraph, or a
closer with no opener, is left unpaired and reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass

# opener -> the closers that can end it
CLOSERS: dict[str, str] = {
    "„": '“”"',
    "»": "«",
    "«": "»",
    "“": '”"',
    '"': '"',
    "‚": "‘’",
}
CLOSING_ONLY = set("”")


@dataclass(frozen=True)
class QuotePair:
    start: int  # index of the opening mark
    end: int  # index after the closing mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def pair_quotation_marks(text: str) -> tuple[list[QuotePair], list[int]]:
    """Return paired marks (outermost and nested) and the indices of unpaired marks."""
    pairs: list[QuotePair] = []
    unpaired: list[int] = []
    stack: list[tuple[str, int]] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\n" and index + 1 < length and text[index + 1] == "\n":
            # Quotations rarely run across paragraphs; a paragraph break resets pairing
            # so that one stray mark cannot swallow the rest of the article.
            unpaired.extend(position for _, position in stack)
            stack.clear()
        elif char == "‘" or char == "’":
            if stack and stack[-1][0] == "‚":
                _opener, position = stack.pop()
                pairs.append(QuotePair(position, index + 1))
            # otherwise an apostrophe: not a quotation mark at all
        elif char in CLOSERS or char in CLOSING_ONLY:
            if stack and char in CLOSERS[stack[-1][0]]:
                _opener, position = stack.pop()
                pairs.append(QuotePair(position, index + 1))
            elif char in CLOSING_ONLY:
                unpaired.append(index)
            elif char == "‚" and index > 0 and text[index - 1].isdigit():
                pass  # a decimal comma typed as a low single quote
            else:
                stack.append((char, index))
        index += 1
    unpaired.extend(position for _, position in stack)
    pairs.sort(key=lambda p: (p.start, -p.end))
    return pairs, sorted(unpaired)
