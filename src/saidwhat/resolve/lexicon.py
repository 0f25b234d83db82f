"""The word lists speaker resolution reads, loaded once per language profile.

Every list lives in the profile's ``data`` folder (see ``docs/resolve.md``), so the
resolver itself holds no language's words and a new language brings its own files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from saidwhat.language import LanguageProfile

ARTICLE_FILE = "function_words.txt"


def _suffix_tuple(lines: list[str]) -> tuple[str, ...]:
    # Longest first, so that the most specific ending decides.
    return tuple(sorted({line.strip().lower() for line in lines if line.strip()}, key=len, reverse=True))


@dataclass(frozen=True)
class Reference:
    kind: str  # personal, possessive, reflexive, relative, demonstrative
    genders: str  # letters of m, f, n, p


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
        determiners = profile.data_lines("determiners.txt")
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
            determiners=frozenset(w.split("\t")[0].strip().lower() for w in determiners),
            indefinites=frozenset(
                w.split("\t")[0].strip().lower() for w in determiners if w.rstrip().endswith("\tindefinite")
            ),
            openers=frozenset(w.strip().lower() for w in profile.data_lines("mention_openers.txt")),
            function_words=profile.function_words,
        )

    # --- word tests ---------------------------------------------------------------------

    def is_role(self, word: str) -> bool:
        lowered = word.lower().rstrip(",;:")
        return len(lowered) > 2 and any(form.endswith(self.roles) for form in _inflections(lowered))

    def role_gender(self, word: str) -> str:
        """'f' for a feminine role noun ("Kanzlerin", "Sprecherin"), else ''."""
        lowered = word.lower()
        return "f" if lowered.endswith("in") and self.is_role(word) and self.is_role(lowered[:-2]) else ""

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
        for form in _inflections(word.lower()):
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
        return ending is not None and ending in _inflections(word.lower())

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


def _inflections(lowered: str) -> tuple[str, ...]:
    """The word and the forms without a case or plural ending ("Präsidenten" -> "präsident")."""
    forms = [lowered]
    for ending in ("es", "en", "s", "n"):
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            forms.append(lowered[: -len(ending)])
    return tuple(forms)


@cache
def lexicon_for(profile: LanguageProfile) -> ResolutionLexicon:
    return ResolutionLexicon.from_profile(profile)
