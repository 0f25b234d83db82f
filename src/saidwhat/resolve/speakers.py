"""In-document speaker resolution: fill ``Mention.entity`` of every speaker and addressee.

The resolver builds the article's inventory of people and organisations (with roles from
titles and appositions: "NATO-Generalsekretär Mark Rutte", "Hans Meier, Sprecher der
Polizei,"), then resolves the mentions in text order, so that a later "er" can take an
earlier resolved speaker. ``name`` is the fullest form the article gives; what is no
speaker ("demnach") or cannot be resolved stays ``None`` (``kind: none`` in the contract).
It also returns every person and organisation the article names, with roles, so people
mentioned in frames ("gemeinsam mit Bundeskanzler Olaf Scholz") are exposed too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from saidwhat.language import LanguageProfile
from saidwhat.records import Mention, Person, Quotation, Span
from saidwhat.resolve.entities import ArticleEntities
from saidwhat.resolve.lexicon import lexicon_for
from saidwhat.resolve.mentions import MentionResolver, Resolution
from saidwhat.resolve.text import BodyText

ANONYMOUS_ID = "anonymous"


def person_id(name: str) -> str:
    """A stable id from a canonical name: lower-case ASCII words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower())) or "unknown"


@dataclass
class MentionedEntity:
    """A person or organisation the article names, with where it is named."""

    person: Person
    spans: list[Span] = field(default_factory=list)


def to_person(resolution: Resolution, mention_text: str = "") -> Person | None:
    if resolution.kind == "none":
        return None
    if resolution.kind == "anonymous":
        name = resolution.name or " ".join(mention_text.split())
        return Person(id=ANONYMOUS_ID, name=name, kind="anonymous")
    return Person(
        id=person_id(resolution.name), name=resolution.name, kind=resolution.kind, role=resolution.role
    )


class SpeakerResolver:
    def __init__(self, profile: LanguageProfile) -> None:
        self.profile = profile
        self.lexicon = lexicon_for(profile)

    def entities(self, body: str, doc: Any = None) -> ArticleEntities:
        return ArticleEntities(BodyText(body, self.lexicon.abbreviations), self.lexicon, doc)

    def resolve(self, body: str, quotations: list[Quotation], doc: Any = None) -> list[MentionedEntity]:
        """Resolve speakers and addressees in place; return the people the article names.

        ``doc`` is the parsed spaCy Doc when there is one: its PER/ORG entities join the
        lexicon-found names. Without it the resolver works on the text alone.
        """
        entities = self.entities(body, doc)
        resolver = MentionResolver(entities, self.lexicon)
        mentions = [
            mention
            for quotation in quotations
            for mention in (quotation.speaker, quotation.addressee)
            if mention and mention.entity is None
        ]
        # Text order, so "er" can take the speaker resolved just before it; a mention shared
        # by several quotations is resolved once.
        done: dict[tuple[int, int], Resolution] = {}
        for mention in sorted(mentions, key=lambda m: (m.spans[0].start, m.spans[-1].end)):
            key = (mention.spans[0].start, mention.spans[-1].end)
            if key not in done:
                done[key] = resolver.resolve(_mention_text(body, mention), mention.spans[0].start)
            attach(mention, done[key])
        return mentioned_entities(entities)

    def resolve_text(self, body: str, text: str, start: int) -> Resolution:
        """Resolve one mention given by its text and offset (for evaluation and tools)."""
        return MentionResolver(self.entities(body), self.lexicon).resolve(text, start)


def attach(mention: Mention, resolution: Resolution) -> None:
    mention.entity = to_person(resolution, mention.text)
    mention.entity_spans = list(resolution.spans) if mention.entity is not None else []


def mentioned_entities(entities: ArticleEntities) -> list[MentionedEntity]:
    found = []
    for entity in entities.persons + entities.organisations:
        person = Person(id=person_id(entity.name), name=entity.name, kind=entity.kind, role=entity.role)
        found.append(MentionedEntity(person, sorted(entity.spans)))
    return sorted(found, key=lambda m: m.spans[0] if m.spans else Span(0, 0))


def _mention_text(body: str, mention: Mention) -> str:
    # A discontinuous mention is read from its first to its last span.
    return body[mention.spans[0].start : mention.spans[-1].end]
