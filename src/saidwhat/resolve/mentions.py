"""From one speaker mention to what it refers to: a person, an organisation, an anonymous
source, or nothing.

The mention's shape decides the route: a pronoun takes the nearest earlier entity that
agrees in gender; a name takes its fullest form in the article; a description ("der
Generalsekretär", "die Anwältin der Frau") takes the person whose role it matches; a source
phrase ("nach Angaben der Polizei", "Polizeiangaben") takes the source inside it; an
indefinite or group phrase ("ein Polizeisprecher", "Beobachter") stays anonymous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from saidwhat.records import Span
from saidwhat.resolve.entities import ArticleEntities, Entity, Occurrence, is_acronym
from saidwhat.resolve.lexicon import ResolutionLexicon
from saidwhat.resolve.text import Word, words_of

MAX_DEPTH = 3
QUOTE_CHARS = "„“”\"'‚‘’»«"


@dataclass
class Resolution:
    kind: str  # person, organisation, anonymous, none
    name: str = ""
    role: str = ""
    spans: list[Span] = field(default_factory=list)
    entity: Entity | None = None


NONE = Resolution("none")


class MentionResolver:
    """Resolves the mentions of one article, in text order, remembering what it resolved."""

    def __init__(self, entities: ArticleEntities, lexicon: ResolutionLexicon) -> None:
        self.entities = entities
        self.lexicon = lexicon
        self.body = entities.text.body
        self.resolved: list[Occurrence] = []
        self._occurrences = entities.occurrences()

    def resolve(self, text: str, start: int) -> Resolution:
        result = self._resolve(text, start, depth=0)
        end = start + len(text)
        if result.entity is None and result.kind == "person" and result.name:
            # A speaker the inventory missed is still someone a later "she" can stand for.
            result.entity = self.entities.add_person(result.name, Span(start, end), result.role)
            if result.entity is not None:
                result.spans = _spans(result.entity)
        if result.entity is not None:
            self.resolved.append(Occurrence(Span(start, end), result.entity, result.entity.gender))
        elif result.kind == "anonymous":
            self.resolved.append(Occurrence(Span(start, end), None, ""))
        return result

    # --- routes -------------------------------------------------------------------------

    def _resolve(self, text: str, start: int, depth: int) -> Resolution:
        lexicon = self.lexicon
        words = [w for w in self._words(text, start) if w.text[0].isalnum()]
        # "Bau- und Transportministerium": a truncated compound joins its partner.
        words = [
            w
            for k, w in enumerate(words)
            if not (
                w.text in lexicon.coordinators
                and k
                and self.body[words[k - 1].end : words[k - 1].end + 1] == "-"
            )
        ]
        if not words or depth > MAX_DEPTH:
            return NONE
        while len(words) > 1 and words[0].text.lower() in lexicon.openers:
            words = words[1:]
        lowered = [w.text.lower() for w in words]
        if lowered[0] in lexicon.non_speakers and len(words) == 1:
            return NONE
        reference = lexicon.references.get(lowered[0])
        if reference is not None and len(words) == 1 and reference.kind != "possessive":
            return self._antecedent(words[0], reference.genders, reference.kind)
        if reference is not None and reference.kind in {"possessive", "reflexive"} and len(words) > 1:
            return self._antecedent(words[0], reference.genders, reference.kind)
        indefinite = lowered[0] in lexicon.indefinites
        determined = False
        while words and (
            words[0].text.lower() in lexicon.determiners
            or not (words[0].is_namey or self._known_noun(words[0]))
        ):
            determined = determined or words[0].text.lower() in lexicon.determiners
            words = words[1:]
        if not words:
            return NONE
        head_phrase, complement = self._split_complement(words)
        head = head_phrase[-1]
        source = lexicon.source_ending(head.text)
        if source and not lexicon.is_role(head.text):
            return self._source(head_phrase, source, complement, indefinite, depth)
        if head.text.lower() in lexicon.non_speakers:
            return NONE
        if lexicon.is_anonymous_word(head.text) and not lexicon.is_organisation_word(head.text):
            return Resolution("anonymous", _clean(text))
        last_role = max((k for k, w in enumerate(head_phrase) if lexicon.is_role(w.text)), default=-1)
        names = [w for w in head_phrase[last_role + 1 :] if w.is_capitalised]
        if last_role >= 0 and names:
            role = self.body[head_phrase[0].start : head_phrase[last_role].end]
            return self._name(names, role, indefinite)
        if last_role >= 0:
            return self._description(words, head_phrase, complement, indefinite, text, start, depth)
        if self._is_organisation(head_phrase):
            if indefinite:
                # "einer Bauerngewerkschaft", "eines chinesischen Gerichtes": unnamed.
                return Resolution("anonymous", _clean(text))
            return self._organisation(head_phrase, complement, start)
        return self._name(head_phrase, "", indefinite, determined=determined)

    def _split_complement(self, words: list[Word]) -> tuple[list[Word], list[Word]]:
        """Head phrase (capitalised words) and what follows it ("der Polizei", "von n24")."""
        for k, word in enumerate(words):
            if (
                k
                and not word.is_namey
                and word.text not in self.lexicon.particles
                and not self._known_noun(word)
            ):
                return words[:k], words[k:]
            if k and word.text.lower() in self.lexicon.links.get("complement", ()):
                return words[:k], words[k:]
        return words, []

    def _known_noun(self, word: Word) -> bool:
        """A lower-case head noun ("the senator", "officials") where nouns are not capitalised."""
        return not self.lexicon.capitalised_nouns and self.lexicon.is_known_noun(word.text)

    def _words(self, text: str, start: int) -> list[Word]:
        return words_of(text, start, self.lexicon.abbreviations)

    def _source(
        self, head_phrase: list[Word], ending: str, complement: list[Word], indefinite: bool, depth: int
    ) -> Resolution:
        """A statement noun: its source is the complement, the compound's first part or the
        words before it ("a police statement", where compounds are written apart)."""
        head = head_phrase[-1]
        if not complement and head.text.lower() in self.lexicon.non_speakers:
            return NONE
        if complement and complement[0].text.lower() in self.lexicon.links.get("source", ()):
            inner = self.body[complement[0].start : complement[-1].end]
            found = self._resolve(inner, complement[0].start, depth + 1)
            return found if found.kind != "none" else Resolution("anonymous", head.text)
        if len(head_phrase) > 1:
            before = head_phrase[:-1]
            found = self._resolve(self.body[before[0].start : before[-1].end], before[0].start, depth + 1)
            if found.kind != "none":
                return found
        prefix = head.text[: len(head.text) - len(ending)].rstrip("-")
        if len(prefix) >= 2:
            for candidate in (prefix, prefix[:-1] if prefix.endswith("s") else prefix):
                if self.lexicon.is_anonymous_word(candidate):
                    return Resolution("anonymous", head.text)
                if is_acronym(candidate) or self.lexicon.is_organisation_word(candidate):
                    found = self.entities.organisation_by_alias(candidate)
                    name = (
                        found.name
                        if found
                        else candidate.removesuffix("s")
                        if not is_acronym(candidate)
                        else candidate
                    )
                    return Resolution("organisation", name, spans=_spans(found), entity=found)
        if indefinite:
            sentence = self.entities.text.sentence_start(head.start)
            subjects = [
                o
                for o in self._occurrences + self.resolved
                if sentence <= o.span.start and o.span.end <= head.start and o.entity
            ]
            if subjects:
                return _from_occurrence(subjects[0])
        return Resolution("anonymous", head.text)

    def _is_organisation(self, head_phrase: list[Word]) -> bool:
        lexicon = self.lexicon
        head = head_phrase[-1].text
        return (
            lexicon.is_organisation_word(head)
            or is_acronym(head)
            or lexicon.is_place(head)
            or self.entities.organisation_by_alias(head) is not None
            or any(is_acronym(w.text) for w in head_phrase)
            # "G7-Staaten", "SPD-Führung": a compound on an acronym.
            or any(is_acronym(part) or any(c.isdigit() for c in part) for part in head.split("-")[:-1])
        )

    def _organisation(self, head_phrase: list[Word], complement: list[Word], start: int) -> Resolution:
        entities = self.entities
        head = head_phrase[-1].text
        if complement and complement[0].text.lower() in self.lexicon.links.get("organisation", ()):
            # "the Department of Transportation": the linked name as the article wrote it.
            for stop in range(len(complement), 1, -1):
                named = entities.organisation_by_alias(
                    self.body[head_phrase[0].start : complement[stop - 1].end]
                )
                if named is not None:
                    return Resolution("organisation", named.name, spans=_spans(named), entity=named)
        if self.lexicon.is_generic_organisation(head):
            found = entities.organisation_by_ending(head, start)
            if found is not None:
                return Resolution("organisation", found.name, spans=_spans(found), entity=found)
        for word in head_phrase:
            found = entities.organisation_by_alias(word.text)
            # A bare word naming only itself ("Polizei") falls through to the phrase below.
            if found is not None and (found.name.lower() != word.text.lower() or found.aliases):
                return Resolution("organisation", found.name, spans=_spans(found), entity=found)
        linked = complement and complement[0].text.lower() in self.lexicon.links.get("organisation", ())
        last = complement[-1] if linked else head_phrase[-1]
        name = self.body[head_phrase[0].start : last.end].strip(QUOTE_CHARS)
        return Resolution("organisation", name)

    def _name(self, names: list[Word], role: str, indefinite: bool, determined: bool = False) -> Resolution:
        """A (partial) name: its fullest form in the article."""
        name = " ".join(w.text.strip(QUOTE_CHARS) for w in names).strip()
        person = self.entities.person_by_name(name)
        if person is not None:
            return Resolution("person", person.name, role or person.role, _spans(person), person)
        organisation = self.entities.organisation_by_alias(name)
        if organisation is not None:
            return Resolution(
                "organisation", organisation.name, spans=_spans(organisation), entity=organisation
            )
        if indefinite:
            return Resolution("anonymous", name)
        if role:
            return Resolution("person", name, role)
        if len(names) == 1 and names[0].is_capitalised and name.lower() in self.entities.lower_words:
            # "Darauf", "Rettungskräfte": a word the article also writes in lower case.
            return Resolution("none" if name.lower() in self.lexicon.function_words else "anonymous", name)
        if self._quoted(name) or (determined and len(names) > 1) or any(c.isdigit() for c in name):
            # „Reuters“, "Das Weiße Haus": a quoted name or a named body with an article.
            return Resolution("organisation", name)
        common = len(names) == 1 and self.lexicon.is_common_noun(name)
        if common and not determined and self._used_as_title(name):
            return Resolution("organisation", name)  # "Airbus", with an article elsewhere
        if determined or common or name.lower().endswith(self.lexicon.plural_noun_endings):
            # "Der Wahlsieger", "Die Schüler", "Musikkennern": a common noun, someone unnamed.
            return Resolution("anonymous", name)
        if self._used_as_title(name):
            return Resolution("organisation", name)
        return Resolution("person", name, role)

    def _quoted(self, name: str) -> bool:
        return re.search(rf"[{QUOTE_CHARS}]{re.escape(name)}[{QUOTE_CHARS}]", self.body) is not None

    def _used_as_title(self, name: str) -> bool:
        """Is this name somewhere quoted or after an article ("die Automobilwoche", „Reuters“)?"""
        determiners = "|".join(sorted(self.lexicon.determiners, key=len, reverse=True))
        article = rf"\b(?i:{determiners})\s+(?:\w+e[nrs]?\s+)?[{QUOTE_CHARS}]?"
        pattern = rf"(?:{article}|[{QUOTE_CHARS}]){re.escape(name)}\b"
        return re.search(pattern, self.body) is not None

    def _description(
        self,
        words: list[Word],
        head_phrase: list[Word],
        complement: list[Word],
        indefinite: bool,
        text: str,
        start: int,
        depth: int = 0,
    ) -> Resolution:
        """ "der Generalsekretär", "die Anwältin der Frau": the person with that role."""
        if indefinite:
            return Resolution("anonymous", _clean(text))
        lexicon = self.lexicon
        head = head_phrase[-1].text
        adjectives = [w.text for w in self._words(text, start) if w.text.islower() and w.text.isalpha()]
        head_stems = {lexicon.stem(part) for part in head.split("-") if len(part) >= 3}
        adjective_stems = {
            lexicon.stem(a) for a in adjectives if a not in lexicon.determiners and len(a) > 4 and a != head
        }
        best: tuple[int, int, Entity] | None = None
        for person in self.entities.persons:
            if not person.role_stems:
                continue
            head_hit = any(
                h == r or (len(r) >= 4 and (h.endswith(r) or r.endswith(h)))
                for h in head_stems
                for r in person.role_stems
            )
            adjective_hit = bool(adjective_stems & person.role_stems)
            if not head_hit and not adjective_hit:
                continue
            gender = lexicon.role_gender(head)
            if gender == "f" and person.gender == "m":
                continue
            # A matching adjective ("der venezolanische Präsident") tells more than the head.
            score = head_hit + 2 * adjective_hit
            distance = _distance(person, start)
            if best is None or (score, -distance) > (best[0], -best[1]):
                best = (score, distance, person)
        if best is not None:
            person = best[2]
            return Resolution("person", person.name, person.role, _spans(person), person)
        # "so der UN-Mitarbeiter" right after "so Lanzer": the speaker just resolved. Not
        # for ages ("der 39-Jährige") or inside a source phrase, which name someone new.
        if depth or any(c.isdigit() for c in head):
            return Resolution("anonymous", _clean(text))
        sentence = self.entities.text.sentence_of(start)
        recent = [
            o
            for o in self.resolved
            if o.entity is not None
            and o.entity.kind == "person"
            and o.span.end <= start
            and sentence - self.entities.text.sentence_of(o.span.start) <= 2
            and not (lexicon.role_gender(head) == "f" and o.entity.gender == "m")
        ]
        if recent:
            return _from_occurrence(max(recent, key=lambda o: o.span.end))
        return Resolution("anonymous", _clean(text))

    def _antecedent(self, word: Word, genders: str, kind: str) -> Resolution:
        """The nearest earlier entity that agrees with the pronoun."""
        start = word.start
        # The byline's author wrote the article; a pronoun in it stands for someone else.
        candidates = [
            o
            for o in self._occurrences + self.resolved
            if o.span.end <= start and not self.entities.in_byline(o.span)
        ]
        if kind == "relative":
            comma = re.compile(r"\s*(\([^)]*\))?\s*,\s*(?:\w+\s+)?$")
            adjacent = [o for o in candidates if comma.fullmatch(self.body[o.span.end : start]) and o.entity]
            if adjacent:
                return _from_occurrence(max(adjacent, key=lambda o: o.span.end))
        candidates = [o for o in candidates if not self._in_parentheses(o.span)]
        sentence = self.entities.text.sentence_start(start)
        if kind == "reflexive":
            same = [o for o in candidates if o.span.start >= sentence]
            if same:
                return _from_occurrence(max(same, key=lambda o: o.span.end))
            genders = "mfnp"
        if kind in {"personal", "demonstrative"}:
            # A subject pronoun stands for the subject of its sentence or an earlier
            # one, not for a name inside the same clause ("unter Robert Mugabe ...
            # bezeichnete er").
            candidates = [
                o for o in candidates if o.span.start < sentence or self._opens_clause(o.span.start, sentence)
            ]
        fitting = [o for o in candidates if _agrees(o, genders)]
        if not fitting:
            return Resolution("anonymous", word.text)
        if kind in {"relative", "demonstrative"}:
            # "der", "diese": the nearest phrase, not the topic.
            return _from_occurrence(max(fitting, key=lambda o: o.span.end))
        # News pronouns continue the topic: a recent subject beats a nearer object.
        text = self.entities.text
        here = text.sentence_of(start)

        def salience(o: Occurrence) -> tuple[float, int]:
            # A subject counts as if it stood one and a half sentences nearer.
            distance = here - text.sentence_of(o.span.start) - 1.5 * self._is_subject(o.span.start)
            if kind == "personal" and o.entity is not None and o.entity.kind != "person":
                # "er" and "sie" stand for people far more often than for bodies; "er" for a
                # body ("der Bundestag") is rarer still.
                distance += 3 if genders == "m" else 1
            return -distance, o.span.end

        return _from_occurrence(max(fitting, key=salience))

    def _is_subject(self, offset: int) -> bool:
        """Does the occurrence open its sentence, maybe after its title, a verb or an adverbial,
        or right after a role apposition ("Die Sprecherin der Partei, Gisela Piltz, ...")?"""
        lexicon = self.lexicon
        sentence = self.entities.text.sentence_start(offset)
        lead = self._words(self.body[sentence:offset], sentence)
        if len(lead) >= 2 and lead[-1].text == "," and any(lexicon.is_role(w.text) for w in lead):
            return not any(w.text in {",", ":", ";"} for w in lead[:-1])
        while lead and (
            lexicon.is_role(lead[-1].text)
            or lead[-1].text.lower() in lexicon.determiners
            or lexicon.may_be_adjective(lead[-1].text)
        ):
            lead.pop()
        if any(not w.text[0].isalnum() for w in lead) or any(lexicon.is_role(w.text) for w in lead):
            return False
        if lead and lead[-1].text.lower() in lexicon.openers:
            return False  # "von X": a prepositional phrase, not the subject
        return len(lead) <= 3

    def _in_parentheses(self, span: Span) -> bool:
        before = self.body[max(0, span.start - 2) : span.start].strip()
        after = self.body[span.end : span.end + 2].strip()
        return before.endswith("(") and after.startswith(")")

    def _opens_clause(self, offset: int, sentence: int) -> bool:
        """Is the occurrence in its sentence's first clause (no comma, colon or quote before)?"""
        return not re.search(r"[,:;„“”\"»«(]", self.body[sentence:offset])


def _agrees(occurrence: Occurrence, genders: str) -> bool:
    entity = occurrence.entity
    if entity is None:
        return bool(occurrence.gender) and occurrence.gender in genders
    if entity.kind == "person":
        return not entity.gender or entity.gender in genders or (entity.gender == "mf")
    return bool(entity.gender) and any(g in genders for g in entity.gender)


def _from_occurrence(occurrence: Occurrence) -> Resolution:
    entity = occurrence.entity
    if entity is None:
        return Resolution("anonymous", "")
    return Resolution(entity.kind, entity.name, entity.role, [occurrence.span], entity)


def _spans(entity: Entity | None) -> list[Span]:
    if entity is None or not entity.spans:
        return []
    # The fullest form's first occurrence names the entity.
    body_spans = sorted(entity.spans, key=lambda s: (-(s.end - s.start), s.start))
    return [body_spans[0]]


def _distance(entity: Entity, offset: int) -> int:
    before = [offset - s.end for s in entity.spans if s.end <= offset]
    after = [s.start - offset for s in entity.spans if s.start >= offset]
    return min(before) if before else 10**6 + min(after, default=0)


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(QUOTE_CHARS + " ")
