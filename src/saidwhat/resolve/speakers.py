"""In-document speaker resolution with the language profile's pronouns and titles.

Names are split from the titles before them ("NATO-Generalsekretär Mark Rutte" -> name
Mark Rutte, role NATO-Generalsekretär); a partial name takes the fullest form the article
gives ("Rutte" -> "Mark Rutte"); a pronoun or a bare title takes the nearest earlier
person. What cannot be resolved stays explicitly unresolved (``kind: none``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from saidwhat.language import LanguageProfile
from saidwhat.records import Mention, Person, Quotation, Span

WORD = re.compile(r"[\w][\w.'’-]*", re.UNICODE)
ARTICLES = frozenset("der die das den dem des ein eine einer einem einen eines".split())
ORGANISATION_MARKERS = ("ministerium", "regierung", "polizei", "behörde", "amt", "agentur", "verband", "partei", "gericht", "unternehmen", "konzern", "bank", "nato", "uno", "eu")  # fmt: skip
ANONYMOUS_MARKERS = ("insider", "quelle", "quellen", "beobachter", "kreise", "augenzeuge", "augenzeugen", "experten", "diplomaten")  # fmt: skip


def person_id(name: str) -> str:
    """A stable id from a canonical name: lower-case ASCII words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower())) or "unknown"


@dataclass
class NameMention:
    name: str
    role: str
    span: Span


class SpeakerResolver:
    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile

    @cached_property
    def titles(self) -> tuple[str, ...]:
        path = self.profile.folder / "data" / "titles.txt"
        if not path.exists():
            return ()
        lines = path.read_text(encoding="utf-8").splitlines()
        return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))

    def is_title(self, word: str) -> bool:
        lowered = word.lower()
        return any(lowered.endswith(title) for title in self.titles)

    def split_name(self, text: str, start: int) -> NameMention | None:
        """Name and role of a mention, from its capitalised words."""
        words = [(m.group(0), m.start()) for m in WORD.finditer(text)]
        role_words: list[str] = []
        name_words: list[tuple[str, int]] = []
        for word, offset in words:
            if word.lower() in ARTICLES or word.lower() in self.profile.pronouns:
                continue
            if self.is_title(word) and not name_words:
                role_words.append(word)
            elif word[:1].isupper() and not self.is_title(word):
                name_words.append((word, offset))
            elif name_words:
                break
        if not name_words:
            return None
        name = " ".join(w for w, _ in name_words)
        first = name_words[0][1]
        last_word, last_offset = name_words[-1]
        return NameMention(name, " ".join(role_words), Span(start + first, start + last_offset + len(last_word)))

    def resolve(self, body: str, quotations: list[Quotation]) -> None:
        known: list[NameMention] = []
        for quotation in sorted(quotations, key=lambda q: q.quote.spans[0].start if q.quote.spans else 0):
            for mention in (quotation.speaker, quotation.addressee):
                if mention and mention.entity is None:
                    self._resolve_mention(body, mention, known)

    def _fullest(self, name: str, body: str, known: list[NameMention]) -> NameMention | None:
        surname = name.split()[-1]
        candidates = [k for k in known if k.name.split()[-1] == surname]
        for match in re.finditer(
            rf"((?:[A-ZÄÖÜ][\w-]*\s+){{0,4}}){re.escape(surname)}\b", body
        ):
            parsed = self.split_name(match.group(0), match.start())
            if parsed and parsed.name.endswith(surname):
                candidates.append(parsed)
        if not candidates:
            return None
        return max(candidates, key=lambda c: (len(c.name.split()), bool(c.role), -c.span.start))

    def _resolve_mention(self, body: str, mention: Mention, known: list[NameMention]) -> None:
        text = mention.text
        lowered = text.lower()
        start = mention.spans[0].start
        first_word = lowered.split()[0] if lowered.split() else ""
        if first_word in self.profile.pronouns and len(lowered.split()) == 1:
            if known:
                antecedent = known[-1]
                self._attach(mention, antecedent, kind="person")
            return
        if any(marker in lowered for marker in ANONYMOUS_MARKERS):
            mention.entity = Person(id="anonymous", name=text, kind="anonymous")
            return
        parsed = self.split_name(text, start)
        if parsed is None:
            role_only = " ".join(w for w in text.split() if w.lower() not in ARTICLES)
            for candidate in reversed(known):
                if role_only and candidate.role and role_only.lower() in candidate.role.lower():
                    self._attach(mention, candidate, kind="person")
                    return
            if any(marker in lowered for marker in ORGANISATION_MARKERS):
                mention.entity = Person(id=person_id(text), name=text, kind="organisation")
            return
        fullest = self._fullest(parsed.name, body[: max(start, 0)] + body[start:], known) or parsed
        role = parsed.role or fullest.role
        resolved = NameMention(fullest.name, role, parsed.span)
        kind = "organisation" if any(m in parsed.name.lower() for m in ORGANISATION_MARKERS) else "person"
        self._attach(mention, resolved, kind=kind)
        known.append(resolved)

    @staticmethod
    def _attach(mention: Mention, name: NameMention, kind: str) -> None:
        mention.entity = Person(id=person_id(name.name), name=name.name, kind=kind, role=name.role)
        mention.entity_spans = [name.span]
