"""The word lists speaker resolution reads, loaded once per language profile.

Every list lives in the profile's ``data`` folder (see ``docs/resolve.md``), so the
resolver itself holds no language's words and a new language brings its own files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from saidwhat.language import LanguageProfile
from saidwhat.resolve.text import Word

ARTICLE_FILE = "function_words.txt"


def _suffix_tuple(lines: list[str]) -> tuple[str, ...]:
    # Longest first, so that the most specific ending decides.
    return tuple(sorted({line.strip().lower() for line in lines if line.strip()}, key=len, reverse=True))


@dataclass(frozen=True)
class Reference:
    kind: str  # personal, possessive, reflexive, relative, demonstrative
    genders: str  # letters of m, f, n, p


def _words(lines: list[str]) -> tuple[str, ...]:
    """Whitespace-separated words of a list file, lower case, in file order."""
    return tuple(dict.fromkeys(w.lower() for line in lines for w in line.split()))


@dataclass(frozen=True)
class ResolutionLexicon:
    roles: tuple[str, ...]
    organisations: dict[str, str]  # ending -> grammatical gender
    organisation_endings: tuple[str, ...]
    anonymous: tuple[str, ...]
    sources: tuple[str, ...]
    non_speakers: frozenset[str]
    references: dict[str, Reference]
    first_names: dict[str, str]  # name -> genders (m, f, mf)
    places: frozenset[str]
    nouns: frozenset[str]
    particles: frozenset[str]
    determiners: frozenset[str]
    indefinites: frozenset[str]
    openers: frozenset[str]
    function_words: frozenset[str]
    # Grammar as data (see docs/resolve.md): what the rules need to know about the language.
    capitalised_nouns: bool  # every noun is capitalised (German): a lower-case word is no noun
    apposition_genders: dict[str, str]  # determiner -> gender it shows opening an apposition
    phrase_genders: dict[str, str]  # determiner -> gender it shows before a noun phrase
    connectors: frozenset[str]  # lower-case words inside an organisation's long form
    coordinators: frozenset[str]  # words that end a role phrase ("und", "and")
    links: dict[str, frozenset[str]]  # use -> words linking a head to its complement
    noun_endings: tuple[str, ...]  # endings of common nouns, never of names
    plural_noun_endings: tuple[str, ...]  # endings of plural or abstract common nouns
    adjective_endings: tuple[str, ...]  # endings of attributive adjectives; () = any word
    inflection_endings: tuple[str, ...]  # case and plural endings stripped for lookups
    stem_endings: tuple[str, ...]  # endings stripped to compare role words
    feminine_endings: tuple[tuple[str, str], ...]  # (feminine ending, masculine ending)
    age_pattern: re.Pattern[str]  # an age after a name: "(59)", "(59 Jahre)"
    abbreviations: frozenset[str]  # words whose full stop ends no sentence

    @classmethod
    def from_profile(cls, profile: LanguageProfile) -> ResolutionLexicon:
        organisations: dict[str, str] = {}
        for line in profile.data_lines("organisation_words.tsv"):
            word, gender = [*line.split("\t"), "f"][:2]
            organisations[word.strip().lower()] = gender.strip() or "f"
        references: dict[str, Reference] = {}
        for line in profile.data_lines("reference_words.tsv"):
            form, kind, genders = [*line.split("\t"), "", ""][:3]
            references[form.strip().lower()] = Reference(kind.strip(), genders.strip())
        first_names: dict[str, str] = {}
        for name_file in ("first_names.tsv", "first_names_extra.tsv"):
            for line in profile.data_lines(name_file):
                name, genders = [*line.split("\t"), "mf"][:2]
                first_names[name.strip()] = genders.strip() or "mf"
        determiners = [[*line.split("\t"), "", "", ""][:4] for line in profile.data_lines("determiners.txt")]
        links: dict[str, set[str]] = {}
        for line in profile.data_lines("links.tsv"):
            word, uses = [*line.split("\t"), ""][:2]
            for use in uses.split():
                links.setdefault(use, set()).add(word.strip().lower())
        feminine = []
        for line in profile.data_lines("feminine_endings.tsv"):
            ending, masculine = [*line.split("\t"), ""][:2]
            feminine.append((ending.strip().lower(), masculine.strip().lower()))
        age_words = "|".join(re.escape(w) for w in profile.data_lines("age_words.txt"))
        age = rf"\s*\(\s*\d{{1,3}}(?:\s*(?:{age_words}))?\s*\)" if age_words else r"\s*\(\s*\d{1,3}\s*\)"
        return cls(
            roles=_suffix_tuple(profile.data_lines("titles.txt") + profile.data_lines("roles.txt")),
            organisations=organisations,
            organisation_endings=_suffix_tuple(list(organisations)),
            anonymous=_suffix_tuple(profile.data_lines("anonymous_words.txt")),
            sources=_suffix_tuple(profile.data_lines("source_nouns.txt")),
            non_speakers=frozenset(w.strip().lower() for w in profile.data_lines("non_speakers.txt")),
            references=references,
            first_names=first_names,
            places=frozenset(w.strip() for w in profile.data_lines("places.txt")),
            nouns=frozenset(w.strip() for w in profile.data_lines("nouns.txt")),
            particles=frozenset(w.strip() for w in profile.data_lines("name_particles.txt")),
            determiners=frozenset(d[0].strip().lower() for d in determiners),
            indefinites=frozenset(d[0].strip().lower() for d in determiners if d[1].strip() == "indefinite"),
            openers=frozenset(w.strip().lower() for w in profile.data_lines("mention_openers.txt")),
            function_words=profile.function_words,
            capitalised_nouns=profile.capitalised_nouns,
            apposition_genders={
                d[0].strip().lower(): d[2].strip().strip("_") for d in determiners if d[2].strip()
            },
            phrase_genders={d[0].strip().lower(): d[3].strip() for d in determiners if d[3].strip()},
            connectors=frozenset(_words(profile.data_lines("name_connectors.txt"))),
            coordinators=frozenset(_words(profile.data_lines("coordinators.txt"))),
            links={use: frozenset(words) for use, words in links.items()},
            noun_endings=_words(profile.data_lines("noun_endings.txt")),
            plural_noun_endings=_words(profile.data_lines("plural_noun_endings.txt")),
            adjective_endings=_words(profile.data_lines("adjective_endings.txt")),
            inflection_endings=_words(profile.data_lines("inflection_endings.txt")),
            stem_endings=_words(profile.data_lines("stem_endings.txt")),
            feminine_endings=tuple(feminine),
            age_pattern=re.compile(age),
            abbreviations=frozenset(_words(profile.data_lines("abbreviations.txt"))),
        )

    # --- word tests ---------------------------------------------------------------------

    def is_role(self, word: str) -> bool:
        lowered = word.lower().rstrip(",;:")
        return len(lowered) > 2 and any(form.endswith(self.roles) for form in self._inflections(lowered))

    def role_gender(self, word: str) -> str:
        """'f' for a feminine role noun ("Kanzlerin", "spokeswoman"), else ''.

        Feminine when the word ends in a listed feminine ending and the masculine form
        ("Kanzler", "spokesman") is a role too."""
        lowered = word.lower()
        for feminine, masculine in self.feminine_endings:
            if (
                lowered.endswith(feminine)
                and self.is_role(word)
                and self.is_role(lowered[: len(lowered) - len(feminine)] + masculine)
            ):
                return "f"
        return ""

    def may_be_adjective(self, word: str) -> bool:
        """A lower-case word that can stand between a determiner and its noun."""
        return word.islower() and (not self.adjective_endings or word.endswith(self.adjective_endings))

    def may_be_noun(self, word: Word) -> bool:
        """Can this word head a noun phrase? Capitalised, or any word where nouns are not."""
        return word.is_capitalised or not self.capitalised_nouns

    def is_known_noun(self, word: str) -> bool:
        """A role, source, group or organisation noun: a mention's head, capitalised or not."""
        return bool(
            self.is_role(word)
            or self.source_ending(word)
            or self.is_anonymous_word(word)
            or self.is_organisation_word(word)
            or word.lower() in self.non_speakers
        )

    def stem(self, word: str) -> str:
        """A crude stem for comparing role words across inflection ("Präsidenten" ~ "Präsident")."""
        lowered = word.lower().strip(".,")
        for ending in self.stem_endings:
            if lowered.endswith(ending) and len(lowered) - len(ending) >= 4:
                return lowered[: -len(ending)]
        return lowered

    def _inflections(self, lowered: str) -> tuple[str, ...]:
        """The word and the forms without a case or plural ending ("Präsidenten" -> "präsident")."""
        forms = [lowered]
        for ending in self.inflection_endings:
            if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
                forms.append(lowered[: -len(ending)])
        return tuple(forms)

    def organisation_ending(self, word: str) -> str | None:
        """The first listed organisation ending of the word's first inflection that has one.

        Looked up by suffix length rather than tried ending by ending: this runs for every
        capitalised word of every article.
        """
        cache = self._organisation_cache
        if word in cache:
            return cache[word]
        rank = self._organisation_rank
        found: str | None = None
        for form in self._inflections(word.lower()):
            matches = [form[-k:] for k in self._organisation_lengths if k <= len(form) and form[-k:] in rank]
            if matches:
                found = min(matches, key=rank.__getitem__)
                break
        cache[word] = found
        return found

    @cached_property
    def _organisation_rank(self) -> dict[str, int]:
        rank: dict[str, int] = {}
        for index, ending in enumerate(self.organisation_endings):
            rank.setdefault(ending, index)
        return rank

    @cached_property
    def _organisation_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(ending) for ending in self.organisation_endings}))

    @cached_property
    def _organisation_cache(self) -> dict[str, str | None]:
        return {}

    def is_generic_organisation(self, word: str) -> bool:
        """A bare organisation noun ("Ministerium", "Gerichtshofs"), naming no body by itself."""
        ending = self.organisation_ending(word)
        return ending is not None and ending in self._inflections(word.lower())

    def is_organisation_word(self, word: str) -> bool:
        return self.organisation_ending(word) is not None

    def is_anonymous_word(self, word: str) -> bool:
        lowered = word.lower()
        return lowered.endswith(self.anonymous)

    def source_ending(self, word: str) -> str | None:
        lowered = word.lower()
        for ending in self.sources:
            if lowered.endswith(ending):
                return ending
        return None

    def is_noun_form(self, word: str) -> bool:
        """Exactly a common-noun form ("Beobachtern", "Halbinsel")."""
        return word.lower() in self.nouns

    def is_common_noun(self, word: str) -> bool:
        """A common noun or a compound ending in one ("Gewerkschaftsseite" -> "seite").

        Many surnames end in a noun too ("Winterkorn"), so this is only asked about words
        the article gives no other evidence for.
        """
        lowered = word.lower().split("-")[-1]
        if lowered in self.nouns:
            return True
        tails = (lowered[cut:] for cut in range(max(3, len(lowered) - 9), len(lowered) - 3))
        return any(tail in self.nouns for tail in tails)

    def first_name_genders(self, word: str) -> str | None:
        return self.first_names.get(word)

    def is_place(self, word: str) -> bool:
        return word in self.places


@cache
def lexicon_for(profile: LanguageProfile) -> ResolutionLexicon:
    return ResolutionLexicon.from_profile(profile)
