"""One identity per person across articles: the registry that gives stable ids.

In-document resolution names a speaker by the fullest form its article gives ("Mark Rutte"
in one article, only "Rutte" or "Generalsekretär Rutte" in another). :class:`PersonIndex`
maps each of these to one id and keeps apart people who share a surname when the articles
tell them apart by first name or role:

- a full name matches an entry with the same surname and a compatible first name ("Mark",
  "M."), else an entry known by surname only whose roles agree; otherwise it is new;
- a surname alone matches the entry whose roles share a word with its role ("Generalsekretär"
  ~ "NATO-Generalsekretär"), else the only entry of that surname, else the most mentioned;
  with a role that agrees with no entry it is a new person;
- organisations match by their normalised name; anonymous sources get no identity.

Ids are slugs of the first full name seen ("mark-rutte", "-2" on a clash) and never change
once given, so a store can key rows by them. Matching only ever looks inside one surname
(:func:`block_key`): a Spark job can group resolved people by block and run one index per
block, or assign ids in batch with :meth:`PersonIndex.assign_all`, whose result does not
depend on input order. ``to_records``/``from_records`` persist the index as plain dicts.

Which words of a role count, and how they are stemmed, comes from the language profile of
the article a person was found in (``profile=`` on ``link``/``assign``/``assign_all``); see
:func:`role_stems`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from saidwhat.language import LanguageProfile
from saidwhat.records import Person, Quotation
from saidwhat.resolve.entities import stem
from saidwhat.resolve.lexicon import lexicon_for
from saidwhat.resolve.speakers import ANONYMOUS_ID, MentionedEntity, person_id

# Closed word classes that never carry a role's meaning ("the", "from", "and"): where case
# marks no nouns they are what keeps "member from the east side" down to its content words.
_ROLE_STOP_CLASSES = ("determiners", "prepositions", "coordinators")


def _fold(word: str) -> str:
    ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", ascii_word.lower())


def _name_parts(name: str) -> tuple[str, str]:
    """(first names, surname), folded: "Mark Rutte" -> ("mark", "rutte")."""
    parts = [_fold(p) for p in name.split() if _fold(p)]
    if not parts:
        return "", ""
    return " ".join(parts[:-1]), parts[-1]


def block_key(person: Person) -> str:
    """The partition a person can only match within: surname for people, name for the rest."""
    if person.kind == "person":
        return "person:" + _name_parts(person.name)[1]
    return f"{person.kind}:{person_id(person.name)}"


@cache
def _role_stop_words(profile: LanguageProfile) -> frozenset[str]:
    classes = (profile.word_class(name) for name in _ROLE_STOP_CLASSES)
    return profile.function_words.union(*classes)


def role_stems(role: str, profile: LanguageProfile | None = None) -> set[str]:
    """Stems of the words of a role that say what the person is, to compare roles across
    articles ("NATO-Generalsekretär" ~ "Generalsekretär", "council member" ~ "member").

    Where the profile capitalises nouns (German), only capitalised words count: a lower-case
    one is an adjective or a function word ("ehemalige"). Elsewhere case tells nothing, so the
    words the profile lists as role nouns count ("former mayor" -> "mayor"), else every word
    that is no function word. Stems use the profile's ``stem_endings.txt``, as in-article
    roles do. Without a profile the index keeps its original rule (capitalised words, the
    crude German-shaped :func:`~saidwhat.resolve.entities.stem`), so callers that do not pass
    the language get the ids they got before.
    """
    parts = [part for part in re.split(r"[\s-]+", role) if len(part) >= 4]
    if profile is None:
        return {stem(part) for part in parts if part[:1].isupper()}
    lexicon = lexicon_for(profile)
    if profile.capitalised_nouns:
        kept = [part for part in parts if part[:1].isupper()]
    else:
        stops = _role_stop_words(profile)
        words = [part for part in parts if part[:1].isalpha() and part.lower() not in stops]
        kept = [word for word in words if lexicon.is_role(word)] or words
    return {lexicon.stem(word) for word in kept}


def _roles_agree(stems: set[str], others: set[str]) -> bool:
    return any(
        a == b or a.endswith(b) or b.endswith(a) for a in stems for b in others if min(len(a), len(b)) >= 4
    )


def _first_names_agree(first: str, other: str) -> bool:
    if not first or not other:
        return True
    a, b = first.split()[0], other.split()[0]
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


@dataclass
class IndexedPerson:
    """One identity: its id, fullest name, roles seen and how often it was linked."""

    id: str
    name: str
    kind: str = "person"
    first: str = ""
    surname: str = ""
    roles: list[str] = field(default_factory=list)
    stems: set[str] = field(default_factory=set)
    mentions: int = 0

    def absorb(self, person: Person, profile: LanguageProfile | None = None) -> None:
        self.mentions += 1
        first, _surname = _name_parts(person.name)
        if len(person.name.split()) > len(self.name.split()):
            self.name = person.name  # the fullest form wins; the id stays
        if first and not self.first:
            self.first = first
        if person.role and person.role not in self.roles:
            self.roles.append(person.role)
            self.stems |= role_stems(person.role, profile)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            # Kept because a role's language is not: re-stemming bare roles on load would lose
            # the profile each was stemmed with.
            "stems": sorted(self.stems),
            "mentions": self.mentions,
        }


class PersonIndex:
    """The registry of identities; ``assign`` gives the id for a resolved Person."""

    def __init__(self) -> None:
        self._people: dict[str, IndexedPerson] = {}
        self._blocks: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._people)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._people.values())

    def get(self, identity: str) -> IndexedPerson | None:
        return self._people.get(identity)

    # --- assigning ----------------------------------------------------------------------

    def assign(self, person: Person, profile: LanguageProfile | None = None) -> str:
        """The global id of a resolved person (the index learns from it).

        ``profile`` is the language of the article the person was found in; it decides
        which words of the role are compared (:func:`role_stems`)."""
        if person.kind in {"anonymous", "none"} or not person.name:
            return person.id or ANONYMOUS_ID
        key = block_key(person)
        block = [self._people[i] for i in self._blocks.get(key, [])]
        if person.kind == "person":
            found = self._match(person, block, profile)
        else:
            found = block[0] if block else None
        if found is None:
            found = self._new(person, key)
        found.absorb(person, profile)
        return found.id

    def assign_all(
        self, people: Iterable[Person], profiles: Sequence[LanguageProfile | None] | None = None
    ) -> list[str]:
        """Ids for a batch, independent of its order: full names first, then by name and role.

        ``profiles``, when given, holds each person's article language, in the same order."""
        people = list(people)
        languages = list(profiles) if profiles is not None else [None] * len(people)
        if len(languages) != len(people):
            raise ValueError(f"{len(people)} people but {len(languages)} profiles")
        # The language is part of the key: one role seen in two languages stems differently,
        # and the first sighting of a role decides its stems.
        order = sorted(
            range(len(people)),
            key=lambda i: (
                -len(people[i].name.split()),
                people[i].kind,
                people[i].name,
                people[i].role,
                getattr(languages[i], "code", ""),
            ),
        )
        ids = [""] * len(people)
        for i in order:
            ids[i] = self.assign(people[i], languages[i])
        return ids

    def link(
        self,
        quotations: Iterable[Quotation],
        mentioned: Iterable[MentionedEntity] = (),
        profile: LanguageProfile | None = None,
    ) -> None:
        """Rewrite resolved speakers' and addressees' ids (and the article's people) to global ids.

        ``profile`` is the article's language (the resolver's profile)."""
        for item in mentioned:
            item.person.id = self.assign(item.person, profile)
        for quotation in quotations:
            for mention in (quotation.speaker, quotation.addressee):
                if mention.entity is not None:
                    mention.entity.id = self.assign(mention.entity, profile)

    def _match(
        self, person: Person, block: list[IndexedPerson], profile: LanguageProfile | None
    ) -> IndexedPerson | None:
        if not block:
            return None
        first, _surname = _name_parts(person.name)
        stems = role_stems(person.role, profile)
        if first:
            named = [p for p in block if p.first and _first_names_agree(first, p.first)]
            if named:
                return max(
                    named, key=lambda p: (p.first == first, _roles_agree(stems, p.stems), p.mentions, p.id)
                )
            # Known so far by surname only: the same person if the roles do not disagree.
            bare = [
                p for p in block if not p.first and (not stems or not p.stems or _roles_agree(stems, p.stems))
            ]
            return bare[0] if len(bare) == 1 else None
        if stems:
            agreeing = [p for p in block if _roles_agree(stems, p.stems)]
            if agreeing:
                return max(agreeing, key=lambda p: (p.mentions, p.id))
            unroled = [p for p in block if not p.stems]
            return unroled[0] if len(unroled) == 1 else None
        return max(block, key=lambda p: (p.mentions, p.id))

    def _new(self, person: Person, key: str) -> IndexedPerson:
        base = person_id(person.name)
        identity, n = base, 1
        while identity in self._people:
            n += 1
            identity = f"{base}-{n}"
        first, surname = _name_parts(person.name)
        entry = IndexedPerson(identity, person.name, person.kind, first, surname)
        self._people[identity] = entry
        self._blocks.setdefault(key, []).append(identity)
        return entry

    # --- persistence --------------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        return [p.to_record() for p in sorted(self._people.values(), key=lambda p: p.id)]

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> PersonIndex:
        index = cls()
        for record in records:
            first, surname = _name_parts(record["name"])
            entry = IndexedPerson(
                record["id"],
                record["name"],
                record.get("kind", "person"),
                first,
                surname,
                mentions=int(record.get("mentions", 0)),
            )
            entry.roles.extend(record.get("roles", []))
            if "stems" in record:
                entry.stems = set(record["stems"])
            else:  # records written before stems were kept: their roles, without a language
                for role in entry.roles:
                    entry.stems |= role_stems(role)
            index._people[entry.id] = entry
            probe = Person(id=entry.id, name=entry.name, kind=entry.kind)
            index._blocks.setdefault(block_key(probe), []).append(entry.id)
        return index
