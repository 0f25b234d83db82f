"""Safe HTML for article text with quotation roles marked, built from character spans.

Article text is untrusted. The text is cut at every span boundary into pieces; each piece
is escaped on its own and wrapped in at most one ``<span>`` whose class names come from a
fixed set and whose attribute values are escaped too. Raw text is never searched or
replaced, so no input can produce markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

ROLES = ("quote", "cue", "speaker", "addressee", "frame")
# Sentence ends used to widen a quotation to the sentence(s) it sits in.
_SENTENCE_ENDS = ".!?"
_CLOSING = "\"'»«“”„’)"
CONTEXT_LIMIT = 400


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    role: str
    quotation: str = ""

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")


def render_marked(text: str, marks: Iterable[Mark], offset: int = 0, link: bool = False) -> Markup:
    """``text`` (which starts at ``offset`` in the body the marks index) as marked-up HTML.

    Marks outside the text are clipped; overlapping marks give a piece several role classes.
    With ``link`` each marked piece carries the quotation id so the page can cross-link.
    """
    end_of_text = offset + len(text)
    clipped = [
        Mark(max(m.start, offset), min(m.end, end_of_text), m.role, m.quotation)
        for m in marks
        if m.end > offset and m.start < end_of_text and m.end > m.start
    ]
    cuts = sorted({offset, end_of_text, *(m.start for m in clipped), *(m.end for m in clipped)})
    parts: list[str] = []
    for left, right in pairwise(cuts):
        piece = escape(text[left - offset : right - offset])
        active = [m for m in clipped if m.start <= left and right <= m.end]
        if not active:
            parts.append(str(piece))
            continue
        roles = [role for role in ROLES if any(m.role == role for m in active)]
        classes = " ".join(f"m-{role}" for role in roles)
        attributes = f' class="{classes}"'
        if link:
            ids = " ".join(sorted({m.quotation for m in active if m.quotation}))
            attributes += f' data-quotations="{escape(ids)}"'
        parts.append(f"<span{attributes}>{piece}</span>")
    return Markup("".join(parts))


def _sentence_starts_at(body: str, index: int) -> bool:
    """Whether a sentence may start at ``index``: after a line break, or after ". " etc."""
    if index == 0 or body[index - 1] == "\n":
        return True
    return body[index - 1].isspace() and index >= 2 and body[index - 2] in _SENTENCE_ENDS


def context_window(body: str, marks: Sequence[Mark], limit: int = CONTEXT_LIMIT) -> tuple[int, int]:
    """The sentence(s) around the marks: from the sentence start before the first mark to the
    sentence end after the last, at most ``limit`` characters beyond the marks on each side.
    A sentence ends at ".", "!" or "?" followed by white space (so "z.B." or a URL does not
    end it), or at a line break."""
    if not marks:
        return 0, min(len(body), limit)
    first = min(m.start for m in marks)
    last = max(m.end for m in marks)
    start = first
    floor = max(0, first - limit)
    while start > floor and not _sentence_starts_at(body, start):
        start -= 1
    end = last
    ceiling = min(len(body), last + limit)
    while end < ceiling and not (end > 0 and _sentence_ends_at(body, end)):
        end += 1
    while start < first and body[start].isspace():
        start += 1
    return start, end


def _sentence_ends_at(body: str, index: int) -> bool:
    """Whether a sentence may end just before ``index`` (closing quotation marks included)."""
    if body[index] == "\n":
        return True
    if not body[index].isspace():
        return False
    back = index - 1
    while back > 0 and body[back] in _CLOSING:
        back -= 1
    if body[back] not in _SENTENCE_ENDS:
        return False
    if body[back] != "." or back != index - 1:
        return True
    # "z.B." or "S." is an abbreviation, not the end of a sentence.
    word = body[max(0, back - 12) : back].split()[-1:] or [""]
    return not ("." in word[0] or len(word[0]) == 1)
