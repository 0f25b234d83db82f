"""The people and organisations an article names, with their roles, genders and mentions.

One pass over the body finds every person ("NATO-Generalsekretär Mark Rutte", "Rutte",
"Hans Meier, Sprecher der Polizei,") and organisation ("Bundesgerichtshof (BGH)", "die
SPD"); the mention resolver then picks antecedents from this inventory. Names are found
from the language profile's lexicons (first names, role nouns, organisation words); when
the parsed Doc carries named entities, its PER and ORG spans are added too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from saidwhat.records import Span
from saidwhat.resolve.lexicon import ResolutionLexicon
from saidwhat.resolve.text import BodyText, Word

QUOTES = frozenset("„“”\"'‚‘’»«")
# Punctuation that ends a role phrase ("X, Sprecher der Polizei, sagte").
PHRASE_ENDS = frozenset({",", ".", ";", ":", "(", ")", *QUOTES})
MAX_NAME_WORDS = 5


def is_acronym(text: str) -> bool:
    """ "BGH", "NATO", "McKinsey"-like words: letters only, a capital first and later, and
    no small letter after the last capital but plain ASCII ones (any alphabet)."""
    if len(text) < 2 or not text.isalpha() or not text[0].isupper():
        return False
    capitals = [i for i, c in enumerate(text) if c.isupper()]
    if len(capitals) < 2:
        return False
    return text.isupper() or all(c.isascii() or c.isupper() for c in text[capitals[-1] :])


def stem(word: str) -> str:  # the cross-article index's stem (identity.py, evaluation)
    """A crude stem for comparing role words across inflection ("Präsidenten" ~ "Präsident")."""
    lowered = word.lower().strip(".,")
    for ending in ("innen", "ern", "en", "er", "es", "em", "in", "e", "n", "s"):
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 4:
            return lowered[: -len(ending)]
    return lowered


@dataclass
class Entity:
    """A person or organisation of one article."""

    kind: str
    name: str
    gender: str = ""  # letters of m, f, n, p; "" when unknown
    roles: list[str] = field(default_factory=list)
    role_stems: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name else ""

    @property
    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0] if len(parts) > 1 else ""

    @property
    def role(self) -> str:
        return self.roles[0] if self.roles else ""

    def add_role(self, role: str, words: list[str], lexicon: ResolutionLexicon) -> None:
        role = role.strip(" ,")
        if role and role not in self.roles:
            self.roles.append(role)
        for word in words:
            for part in word.split("-"):
                if len(part) >= 3:
                    self.role_stems.add(lexicon.stem(part))

    def add_span(self, span: Span) -> None:
        if span not in self.spans:
            self.spans.append(span)
            self.spans.sort()


@dataclass
class Occurrence:
    """One place where an entity (or an unnamed person) is mentioned."""

    span: Span
    entity: Entity | None  # None: an unnamed person ("eine Armeesprecherin")
    gender: str = ""
    sentence_start: bool = False


class ArticleEntities:
    """The inventory of one article: persons, organisations and their occurrences."""

    def __init__(self, text: BodyText, lexicon: ResolutionLexicon, doc: Any = None) -> None:
        self.text = text
        self.lexicon = lexicon
        self.persons: list[Entity] = []
        self.organisations: list[Entity] = []
        self.unnamed: list[Occurrence] = []
        # Words that belong to a person's role, not to a body ("Council" in "Council member X").
        self.role_spans: list[Span] = []
        self.bylines = self._find_bylines()
        # Words that also occur in lower case are common words, not names ("Am", "Gefälschte").
        self.lower_words = {w.text for w in text.words if w.text.islower()}
        self._scan_acronyms()
        self._scan_people()
        if doc is not None:
            self._add_doc_entities(doc)
        self._scan_surname_mentions()
        self._scan_organisations()
        self._scan_unnamed()

    # --- lookups ------------------------------------------------------------------------

    def occurrences(self) -> list[Occurrence]:
        found = [
            Occurrence(span, entity, entity.gender, self._opens_sentence(span.start))
            for entity in self.persons + self.organisations
            for span in entity.spans
        ]
        found.extend(self.unnamed)
        return sorted(found, key=lambda o: o.span)

    def person_by_name(self, name: str) -> Entity | None:
        """The person a (possibly partial) name stands for, in its fullest form."""
        parts = name.split()
        if not parts:
            return None
        surname = parts[-1]
        first = parts[0] if len(parts) > 1 else ""
        matches = [
            p
            for p in self.persons
            if (p.surname == surname or surname in p.aliases or _loose_equal(p.surname, surname))
            and (not first or not p.first_name or p.first_name == first or p.name == name)
        ]
        if not matches and not first:
            # Surname-first names ("Li Fei" ... "Li sagte").
            matches = [p for p in self.persons if len(p.name.split()) == 2 and p.name.split()[0] == surname]
        if not matches:
            return None
        return max(matches, key=lambda p: (len(p.name.split()), len(p.spans)))

    def organisation_by_alias(self, word: str) -> Entity | None:
        for organisation in self.organisations:
            if word in organisation.aliases or organisation.name == word:
                return organisation
        return None

    def organisation_by_ending(self, word: str, before: int) -> Entity | None:
        """The organisation whose name shares this word's ending ("Gerichtshof" -> Bundesgerichtshof)."""
        ending = self.lexicon.organisation_ending(word)
        if not ending:
            return None
        # Only organisations named before the mention: "der oberste Gerichtshof" looks back
        # to "Bundesgerichtshof", "die gleiche Nachrichtenagentur" to "Nachrichtenagentur X".
        matches = [
            o
            for o in self.organisations
            if o.name.lower() != word.lower()
            and any(s.end <= before for s in o.spans)
            and (
                any(w.lower().endswith(ending) for w in o.name.split())
                or any(
                    d == word.lower() or (d.endswith(ending) and ending in _word_forms(word))
                    for d in o.role_stems
                )
            )
        ]
        if not matches:
            return None
        return min(matches, key=lambda o: _distance(o, before))

    def in_byline(self, span: Span) -> bool:
        """Does the span lie in the article's byline ("By Maya Ellison | March 14", "Von: Lena Vogt")?"""
        return any(line.start <= span.start and span.end <= line.end for line in self.bylines)

    def add_person(self, name: str, within: Span, role: str = "") -> Entity | None:
        """A person a speaker mention names that the scan missed, found at its place in the mention."""
        offset = self.text.body.find(name, within.start, within.end)
        parts = name.split()
        if offset < 0 or not parts or len(parts) > MAX_NAME_WORDS or len(name) < 2:
            return None  # "I", a lone initial: no one's name
        if not all(self._plain_word(part) or part in self.lexicon.particles for part in parts):
            return None
        genders = (self.lexicon.first_name_genders(parts[0]) or "") if len(parts) > 1 else ""
        person = self._person(name, genders)
        person.add_span(Span(offset, offset + len(name)))
        if role:
            role_words = role.split()
            person.add_role(role, role_words, self.lexicon)
            gender = self.lexicon.role_gender(role_words[-1])
            if gender and not person.gender:
                person.gender = gender
        return person

    # --- scanning -----------------------------------------------------------------------

    def _opens_sentence(self, offset: int) -> bool:
        return self.text.sentence_start(offset) >= offset - 2

    def _find_bylines(self) -> list[Span]:
        """Lines that name the article's author: an opener word ("By", "Von:"), a name of two or
        more words, then the line's end, a separator ("|"), a date or a second author. Authors
        write the article; they are not its speakers."""
        found = []
        for match in re.finditer(r"[^\n]+", self.text.body):
            line = self.text.words_between(match.start(), match.end())
            if len(line) < 3 or line[0].text.lower() not in self.lexicon.openers:
                continue
            if match.group().rstrip().endswith((".", "!", "?", ":", *QUOTES)) or len(line) > 16:
                continue  # a sentence, not a byline
            first = 2 if line[1].text == ":" else 1
            stop = first
            while stop < len(line) and _name_like(line[stop]):
                stop += 1
            if stop - first < 2:
                continue
            after = line[stop].text if stop < len(line) else ""
            if (
                not after
                or after[0].isdigit()
                or after.lower() in self.lexicon.coordinators
                # "In New York, ...": a comma follows a byline's name only after a first name.
                or (
                    not after[0].isalnum()
                    and (after != "," or self.lexicon.first_name_genders(line[first].text))
                )
            ):
                found.append(Span(match.start(), match.end()))
        return found

    def _scan_acronyms(self) -> None:
        """ "Bundesgerichtshof (BGH)": an organisation with its acronym."""
        words = self.text.words
        for i, word in enumerate(words):
            if word.text != "(" or i + 2 >= len(words) or words[i + 2].text != ")":
                continue
            acronym = words[i + 1].text
            if not is_acronym(acronym):
                continue
            long_form = self._long_form(i, acronym)
            if long_form is None:
                continue
            name_words = words[long_form[0] : long_form[1]]
            name = self.text.body[name_words[0].start : name_words[-1].end]
            organisation = self._organisation(name)
            organisation.aliases.add(acronym)
            organisation.add_span(Span(name_words[0].start, name_words[-1].end))
            organisation.add_span(Span(words[i + 1].start, words[i + 1].end))

    def _long_form(self, paren: int, acronym: str) -> tuple[int, int] | None:
        """Start of the shortest name before the parenthesis whose letters spell the acronym."""
        words = self.text.words
        end = paren
        while end > 0 and words[end - 1].text in QUOTES:
            end -= 1
        start = end - 1
        candidates = []
        while start >= 0 and end - start <= 8:
            word = words[start]
            if not (word.is_capitalised or word.text.lower() in self.lexicon.connectors):
                break
            if word.is_capitalised and word.text.lower() not in self.lexicon.determiners:
                candidates.append(start)
            start -= 1
        for candidate in candidates:
            letters = "".join(w.text.lower() for w in words[candidate:end])
            if letters[:1] == acronym[0].lower() and _subsequence(acronym.lower(), letters):
                return candidate, end
        # "Schutzvereinigung für Wertpapierbesitz (DSW)": letters need not fit an organisation.
        for candidate in reversed(candidates):
            word = words[candidate].text
            if (
                self.lexicon.is_organisation_word(word)
                and not self.lexicon.is_role(word)
                and (end - candidate > 1 or not self.lexicon.is_generic_organisation(word))
            ):
                return candidate, end
        return None

    def _organisation(self, name: str) -> Entity:
        for organisation in self.organisations:
            if organisation.name == name:
                return organisation
        ending = self.lexicon.organisation_ending(name.split()[0]) or self.lexicon.organisation_ending(name)
        gender = self.lexicon.organisations.get(ending, "f") if ending else "f"
        organisation = Entity(kind="organisation", name=name, gender=gender)
        self.organisations.append(organisation)
        return organisation

    def _line_break_before(self, index: int) -> bool:
        words = self.text.words
        return index > 0 and "\n" in self.text.body[words[index - 1].end : words[index].start]

    def _runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised words (with name particles inside a begun name)."""
        words = self.text.words
        runs = []
        i = 0
        while i < len(words):
            if not _name_like(words[i]):
                i += 1
                continue
            j = i + 1
            while j < len(words):
                if self._line_break_before(j):
                    break  # a headline, byline or paragraph ends here, and so does any name
                if _name_like(words[j]):
                    j += 1
                    continue
                # Particles join only a name that has begun ("Ursula von der Leyen", "Lula da
                # Silva"), never two nouns ("Wahlsiegs von Trump"), and only a short tail
                # ("John Sifton von Human Rights Watch" is a name and an affiliation).
                k = j
                while k < len(words) and words[k].text in self.lexicon.particles and k - j < 2:
                    k += 1
                tail = k
                while tail < len(words) and _name_like(words[tail]) and not self._line_break_before(tail):
                    tail += 1
                begun = any(self.lexicon.first_name_genders(w.text) for w in words[i:j])
                if (
                    k > j
                    and begun
                    and 1 <= tail - k <= 2
                    and not any(
                        self.lexicon.is_role(w.text) or self.lexicon.is_organisation_word(w.text)
                        for w in words[k:tail]
                    )
                ):
                    j = tail
                else:
                    break
            runs.append((i, j))
            i = j
        return runs

    def _plain_word(self, word: str, first: bool = False, nouns: bool = True) -> bool:
        """Could this capitalised word be part of a person's name?"""
        lexicon = self.lexicon
        lowered = word.lower()
        if (
            first
            and not lexicon.first_name_genders(word)
            and (lowered in self.lower_words or (nouns and lexicon.is_noun_form(word)))
        ):
            return False
        return not (
            lexicon.is_role(word)
            or lexicon.is_organisation_word(word)
            or lexicon.is_place(word)
            or lexicon.is_anonymous_word(word)
            or lexicon.source_ending(word)
            or lowered in lexicon.determiners
            or lowered in lexicon.references
            or lowered in lexicon.non_speakers
            or lowered in lexicon.function_words
            or lowered.endswith(lexicon.noun_endings)
            or is_acronym(word)
        )

    def _scan_people(self) -> None:
        words = self.text.words
        lexicon = self.lexicon
        surnames_alone = self._lone_capitalised()
        for start, end in self._runs():
            run = words[start:end]
            # The role is everything up to the last role noun of the run.
            last_role = max((k for k, w in enumerate(run) if lexicon.is_role(w.text)), default=-1)
            role_words = run[: last_role + 1]
            name_words = run[last_role + 1 :]
            if not name_words and last_role > 0 and lexicon.first_name_genders(run[last_role - 1].text):
                # "Klaus Richter": a surname that looks like a role noun.
                role_words, name_words = run[: last_role - 1], run[last_role - 1 :]
            # "Der Spanier Rafael Nadal", "Föderation Sergei Lawrow": the name starts at a first name.
            first_at = next((k for k, w in enumerate(name_words) if lexicon.first_name_genders(w.text)), 0)
            if first_at > 0 and len(name_words) - first_at >= 2:
                role_words, name_words = role_words + name_words[:first_at], name_words[first_at:]
            while role_words and (
                role_words[0].text.lower() in lexicon.determiners
                or role_words[0].text.lower() in lexicon.openers
            ):
                role_words = role_words[1:]  # "Der", "Laut", "By": no part of the role
            while (
                role_words
                and not lexicon.is_role(role_words[0].text)
                and role_words[0].text.lower() in self.lower_words
            ):
                role_words = role_words[1:]  # "So", "Auch": a common word, capitalised to open the sentence
            role_start = start
            if not role_words and name_words:
                # "Council member Priya Nandakumar": a lower-case role noun before the run.
                role_words = self._role_before(start)
                role_start = start - len(role_words)
            while (
                name_words
                and not self._plain_word(name_words[0].text, first=True)
                and not lexicon.first_name_genders(name_words[0].text)
            ):
                name_words = name_words[1:]
            cut = next(
                (
                    k
                    for k, w in enumerate(name_words)
                    if not self._plain_word(w.text)
                    and w.text not in lexicon.particles
                    and not (k == 0 and lexicon.first_name_genders(w.text))
                    # "Klaus Richter": a role-like word right after a first name is a surname.
                    and not (
                        k > 0
                        and lexicon.first_name_genders(name_words[k - 1].text)
                        and lexicon.is_role(w.text)
                    )
                ),
                len(name_words),
            )
            name_words = name_words[:cut]
            while name_words and name_words[-1].text in lexicon.particles:
                name_words = name_words[:-1]
            if not name_words or len(name_words) > MAX_NAME_WORDS:
                continue
            if len(name_words) == 1 and len(name_words[0].text) < 2:
                continue  # "I", a lone initial: no one's name
                continue
            name_start = words.index(name_words[0], start)
            name_end = name_start + len(name_words)
            genders = lexicon.first_name_genders(name_words[0].text) if len(name_words) > 1 else None
            apposition = self._apposition_role(name_start, name_end)
            evidence = (
                bool(genders)
                or bool(role_words and name_words[0].start - role_words[-1].end <= 2)
                or bool(apposition)
                or bool(lexicon.age_pattern.match(self.text.body, name_words[-1].end))
                or (
                    2 <= len(name_words) <= 3
                    and name_words[-1].text in surnames_alone
                    and not any(lexicon.is_noun_form(w.text) for w in name_words)
                    and not self._determined(name_start)
                    and not self._opens_sentence(name_words[0].start)
                )
            )
            quoted = (
                name_start
                and words[name_start - 1].text in QUOTES
                and words[name_start - 1].end == name_words[0].start
            )
            if not evidence or (not role_words and quoted):
                # A quoted name is a title or a medium („Al Jazeera“), not a person.
                continue
            span = Span(name_words[0].start, name_words[-1].end)
            person = self._person(self.text.body[span.start : span.end], genders or "")
            person.add_span(span)
            if role_words:
                role = self.text.body[role_words[0].start : role_words[-1].end]
                person.add_role(
                    role, [w.text for w in role_words] + self._adjectives_before(role_start), lexicon
                )
                gender = lexicon.role_gender(role_words[-1].text)
                if gender and not person.gender:
                    person.gender = gender
                if not person.gender:
                    person.gender = self._article_gender(role_start)
                # A bare organisation noun in a role names no body ("Council member", "Police chief").
                self.role_spans.extend(
                    Span(w.start, w.end)
                    for w in role_words
                    if lexicon.is_generic_organisation(w.text) and not lexicon.is_role(w.text)
                )
            if apposition:
                role, role_list, gender = apposition
                person.add_role(role, role_list, lexicon)
                if gender and not person.gender:
                    person.gender = gender

    def _role_before(self, start: int) -> list[Word]:
        """A lower-case role noun right before the run at start, with the nouns and capitalised
        words that modify it ("Council member", "police chief"), where nouns are not capitalised."""
        words = self.text.words
        lexicon = self.lexicon
        k = start - 1
        if k < 0 or not words[k].text.islower() or not lexicon.may_be_noun(words[k]):
            return []
        if not words[k].text.endswith(lexicon.roles):
            return []  # a plural ("told reporters Monday") names no one
        first = k
        while first > 0 and k - first < 3:
            before = words[first - 1]
            lowered = before.text.lower()
            if (
                not before.text[0].isalpha()
                or "\n" in self.text.body[before.end : words[first].start]  # not into a headline
                or lowered in lexicon.determiners
                or lowered in lexicon.openers
                or lowered in lexicon.references
                or lowered in lexicon.function_words
            ):
                break
            if not (
                lexicon.is_known_noun(before.text)
                or (_name_like(before) and not self._opens_sentence(before.start))
            ):
                break
            first -= 1
        return words[first:start]

    def _determined(self, index: int) -> bool:
        """Does a determiner (through adjectives) or a quotation mark stand before word index?"""
        words = self.text.words
        k = index - 1
        while (
            k >= 0
            and words[k].text.islower()
            and words[k].text not in self.lexicon.determiners
            and index - k <= 3
        ):
            if words[k].text.lower() in self.lexicon.references or not self.lexicon.may_be_adjective(
                words[k].text
            ):
                break
            k -= 1
        if k < 0:
            return False
        lowered = words[k].text.lower()
        return (
            lowered in self.lexicon.determiners
            or lowered in self.lexicon.references
            or words[k].text in QUOTES
        )

    def _lone_capitalised(self) -> set[str]:
        """Capitalised words that also stand alone (not after another capitalised word)."""
        words = self.text.words
        alone = set()
        for i, word in enumerate(words):
            if not word.is_capitalised or i == 0:
                continue
            if not words[i - 1].is_capitalised and not self._opens_sentence(word.start):
                alone.add(word.text)
        return alone

    def _adjectives_before(self, start: int) -> list[str]:
        """Lower-case adjectives before a run ("der niederländische Ministerpräsident")."""
        words = self.text.words
        found = []
        k = start - 1
        while k >= 0 and words[k].text.isalpha() and self.lexicon.may_be_adjective(words[k].text):
            if words[k].text in self.lexicon.determiners or self._opens_sentence(words[k + 1].start):
                break  # not across a determiner or into the previous sentence or headline
            found.append(words[k].text)
            k -= 1
        return found

    def _article_gender(self, start: int) -> str:
        words = self.text.words
        k = start - 1
        while k >= 0 and words[k].text.islower() and words[k].text not in self.lexicon.determiners:
            k -= 1
        # Only a determiner whose gender is unambiguous tells ("die", not "der").
        return self.lexicon.phrase_genders.get(words[k].text.lower(), "") if k >= 0 else ""

    def _apposition_role(self, start: int, end: int) -> tuple[str, list[str], str] | None:
        """A role phrase around a name: "X, Sprecher der Polizei," or "Der Chef der Firma, X"."""
        words = self.text.words
        lexicon = self.lexicon
        # After: ", (determiner adj*)? Role ... ,"
        if end < len(words) and words[end].text == ",":
            k = end + 1
            gender = ""
            if k < len(words) and words[k].text.lower() in lexicon.apposition_genders:
                gender = lexicon.apposition_genders[words[k].text.lower()]
                k += 1
                # Adjectives only after an article: "X, der frühere Minister".
                while (
                    k < len(words)
                    and lexicon.may_be_adjective(words[k].text)
                    and not lexicon.is_role(words[k].text)
                    and k - end < 4
                ):
                    k += 1
            if k < len(words) and lexicon.is_role(words[k].text) and lexicon.may_be_noun(words[k]):
                stop = k + 1
                while (
                    stop < len(words)
                    and words[stop].text not in PHRASE_ENDS
                    and words[stop].text.lower() not in lexicon.coordinators
                    and stop - k < 9
                ):
                    stop += 1
                role = self.text.body[words[k].start : words[stop - 1].end]
                return (
                    role,
                    [w.text for w in words[k:stop] if w.is_capitalised or lexicon.is_role(w.text)],
                    gender or lexicon.role_gender(words[k].text),
                )
        # Before: "Role-phrase, X" where the phrase opens the clause.
        if start >= 2 and words[start - 1].text == ",":
            k = start - 2
            phrase = []
            while k >= 0 and words[k].text not in PHRASE_ENDS and len(phrase) < 10:
                phrase.append(words[k])
                k -= 1
            phrase.reverse()
            roles = [w for w in phrase if lexicon.may_be_noun(w) and lexicon.is_role(w.text)]
            if roles and phrase and phrase[0].text.lower() in lexicon.determiners:
                first_role = phrase.index(roles[0])
                role_phrase = phrase[first_role:]
                role = self.text.body[role_phrase[0].start : role_phrase[-1].end]
                gender = lexicon.apposition_genders.get(phrase[0].text.lower(), "")
                return role, [w.text for w in phrase], gender or lexicon.role_gender(roles[0].text)
        return None

    def _person(self, name: str, genders: str) -> Entity:
        parts = name.split()
        surname = parts[-1]
        first = parts[0] if len(parts) > 1 else ""
        for person in self.persons:
            if person.surname != surname:
                continue
            if (
                not first
                or not person.first_name
                or person.first_name == first
                or _initial_of(first, person.first_name)
            ):
                if len(parts) > len(person.name.split()):
                    person.aliases.add(person.name)
                    person.name = name
                if genders in {"m", "f"} and not person.gender:
                    person.gender = genders
                return person
        gender = genders if genders in {"m", "f"} else ""
        person = Entity(kind="person", name=name, gender=gender)
        self.persons.append(person)
        return person

    def _add_doc_entities(self, doc: Any) -> None:
        """PER and ORG spans of a parsed Doc, when the base layer has a named-entity tagger."""
        for ent in getattr(doc, "ents", ()):
            label = getattr(ent, "label_", "")
            text = str(ent.text).strip()
            if not text:
                continue
            span = Span(ent.start_char, ent.end_char)
            if label in {"PER", "PERSON"}:
                words = text.split()
                while words and (
                    self.lexicon.is_role(words[0]) or words[0].lower() in self.lexicon.determiners
                ):
                    words = words[1:]
                if words and len(words) <= MAX_NAME_WORDS:
                    name = " ".join(words)
                    offset = text.rfind(name)
                    person = self._person(name, self.lexicon.first_name_genders(words[0]) or "")
                    person.add_span(Span(span.start + max(offset, 0), span.end))
            elif label == "ORG" and not self.organisation_by_alias(text):
                self._organisation(text).add_span(span)

    def _scan_surname_mentions(self) -> None:
        """Every later (or earlier) "Rutte" of a known "Mark Rutte"."""
        body = self.text.body
        for person in self.persons:
            surname = person.surname
            if len(surname) < 2:
                continue
            for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", body):
                span = Span(match.start(), match.end())
                if not any(s.start <= span.start and span.end <= s.end for s in person.spans):
                    person.add_span(span)

    def _scan_organisations(self) -> None:
        """Organisation words, acronyms and places used as actors."""
        lexicon = self.lexicon
        words = self.text.words
        for i, word in enumerate(words):
            if not word.is_capitalised or any(
                s.start <= word.start < s.end for p in self.persons for s in p.spans
            ):
                continue
            if any(s.start <= word.start < s.end for s in self.role_spans):
                continue
            if is_acronym(word.text) and word.text.isalpha():
                existing = self.organisation_by_alias(word.text)
                organisation = existing or self._organisation(word.text)
                organisation.aliases.add(word.text)
                organisation.add_span(Span(word.start, word.end))
            elif lexicon.is_organisation_word(word.text) and not lexicon.is_role(word.text):
                end = i + 1
                named = end
                # "das Nachrichtenmagazin Der Spiegel": a title may bring its own article.
                titled = (
                    end + 1 < len(words)
                    and words[end].is_capitalised
                    and words[end].text.lower() in lexicon.determiners
                    and words[end].text.lower() not in lexicon.indefinites
                    and words[end + 1].is_capitalised
                    and self._plain_word(words[end + 1].text, nouns=False)
                )
                if titled:
                    named += 1
                plural = lexicon.organisations.get(lexicon.organisation_ending(word.text) or "", "") == "p"
                while (
                    named < len(words)
                    and not plural
                    and (
                        is_acronym(words[named].text)
                        or (
                            words[named].is_capitalised
                            and not any(lexicon.is_place(part) for part in words[named].text.split("-"))
                            # Media names are often nouns ("Der Spiegel", "Die Welt").
                            and self._plain_word(words[named].text, first=True, nouns=False)
                            and not lexicon.is_organisation_word(words[named].text)
                        )
                    )
                    and named - end < 4
                ):
                    named += 1
                if named > end + titled and not self._opens_sentence(words[end].start):
                    name = self.text.body[words[end].start : words[named - 1].end]
                    organisation = self.organisation_by_alias(name) or self._organisation(name)
                    organisation.role_stems.add(word.text.lower())
                    if titled:
                        organisation.aliases.add(self.text.body[words[end + 1].start : words[named - 1].end])
                    organisation.add_span(Span(words[end].start, words[named - 1].end))
                    continue
                if (
                    not lexicon.capitalised_nouns
                    and end < len(words)
                    and words[end].is_capitalised
                    and lexicon.is_organisation_word(words[end].text)
                ):
                    continue  # "Police Department": the last noun names the whole body
                # "Gewerkschaft der Polizei", "Bundesministerium des Innern"
                if (
                    end + 1 < len(words)
                    and words[end].text in lexicon.links.get("organisation", ())
                    and words[end + 1].is_capitalised
                ):
                    end += 2
                first = self._modifiers_before(i)
                name = self.text.body[words[first].start : words[end - 1].end]
                covered = [
                    o for o in self.organisations if any(s.start <= word.start < s.end for s in o.spans)
                ]
                organisation = covered[0] if covered else self._organisation(name)
                organisation.add_span(Span(words[first].start, words[end - 1].end))

    def _modifiers_before(self, index: int) -> int:
        """Where an organisation noun's name begins: at the noun itself where nouns are
        capitalised (German compounds carry their modifiers), else at the capitalised words
        before it ("Riverton Police Department", "State Department")."""
        if self.lexicon.capitalised_nouns:
            return index
        words = self.text.words
        first = index
        while (
            first > 0
            and index - first < 4
            and _name_like(words[first - 1])
            and words[first - 1].text.lower() not in self.lexicon.determiners
            and not self.lexicon.is_role(words[first - 1].text)
            and not self._opens_sentence(words[first - 1].start)
        ):
            first -= 1
        return first

    def _scan_unnamed(self) -> None:
        """Indefinite person phrases ("eine Armeesprecherin"), antecedents of a later "sie"."""
        words = self.text.words
        for i, word in enumerate(words[:-1]):
            if word.text.lower() not in self.lexicon.indefinites:
                continue
            k = i + 1
            lexicon = self.lexicon
            while (
                k < len(words)
                and words[k].text.islower()
                and not (lexicon.may_be_noun(words[k]) and lexicon.is_role(words[k].text))
                and k - i < 4
            ):
                k += 1
            if k < len(words) and lexicon.may_be_noun(words[k]) and lexicon.is_role(words[k].text):
                by_article = self.lexicon.phrase_genders.get(word.text.lower(), "")
                gender = self.lexicon.role_gender(words[k].text) or by_article
                self.unnamed.append(Occurrence(Span(word.start, words[k].end), None, gender))


def _word_forms(word: str) -> set[str]:
    lowered = word.lower()
    return {lowered, lowered.removesuffix("s"), lowered.removesuffix("es"), lowered.removesuffix("en")}


def _name_like(word: Word) -> bool:
    return word.is_capitalised and word.text[0].isalpha()


def _subsequence(needle: str, haystack: str) -> bool:
    position = 0
    for char in needle:
        position = haystack.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


def _initial_of(first: str, other: str) -> bool:
    return (len(first) <= 2 and first.endswith(".") and other.startswith(first[0])) or (
        len(other) <= 2 and other.endswith(".") and first.startswith(other[0])
    )


def _loose_equal(a: str, b: str) -> bool:
    """Spelling variants of one surname ("Boudgoust" / "Boudegast"): same start and end, close length."""
    return len(a) >= 5 and len(b) >= 5 and a[:3] == b[:3] and a[-2:] == b[-2:] and abs(len(a) - len(b)) <= 1


def _distance(entity: Entity, offset: int) -> int:
    before = [offset - s.end for s in entity.spans if s.end <= offset]
    return min(before) if before else 10**9 + min((s.start - offset for s in entity.spans), default=0)
