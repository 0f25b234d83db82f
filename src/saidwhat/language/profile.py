"""The LanguageProfile record and the registry that loads profiles from folders."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from saidwhat.errors import UserInputError

if TYPE_CHECKING:
    from spacy.language import Language

BUILTIN_FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class CueForm:
    lemma: str
    particle: str
    medium: str
    reports_alone: bool


def _data_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


@dataclass(eq=False)
class LanguageProfile:
    """Lexicons and models of one language, loaded lazily from its folder."""

    code: str
    name: str
    folder: Path
    spacy_lang: str
    model_dirs: dict[str, str] = field(default_factory=dict)
    analysis_modes: dict[str, list[str]] = field(default_factory=dict)
    # Marks that only ever open a quotation in this language's typography ("quote_marks").
    opening_quotes: str = ""
    # Snowball stemmer and PostgreSQL text-search configuration for full-text search
    # ("text_search"); "simple" (no stemming) when the language names none.
    stemmer: str = ""
    text_search: str = "simple"
    # Orthography the rules read ("orthography"): German capitalises every noun, so there a
    # lower-case word is never a noun, and a capitalised one may be a noun or a name.
    capitalised_nouns: bool = False
    # Training recipes' corpora, licences and settings ("training"), by artefact.
    training: dict[str, dict[str, object]] = field(default_factory=dict)

    @classmethod
    def from_folder(cls, folder: Path) -> LanguageProfile:
        spec_path = folder / "language.json"
        try:
            spec = json.loads(spec_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise UserInputError(str(spec_path), f"not a language profile ({error})") from None
        return cls(
            code=spec["code"],
            name=spec.get("name", spec["code"]),
            folder=folder,
            spacy_lang=spec.get("spacy_lang", spec["code"]),
            model_dirs=spec.get("models", {}),
            analysis_modes=spec.get("analysis", {}),
            opening_quotes=spec.get("quote_marks", {}).get("opening", ""),
            stemmer=spec.get("text_search", {}).get("stemmer", ""),
            text_search=spec.get("text_search", {}).get("postgresql", "simple"),
            capitalised_nouns=bool(spec.get("orthography", {}).get("capitalised_nouns", False)),
            training=spec.get("training", {}),
        )

    @cached_property
    def function_words(self) -> frozenset[str]:
        words = " ".join(_data_lines(self.folder / "data" / "function_words.txt")).split()
        return frozenset(w.lower() for w in words)

    @cached_property
    def subjunctive_forms(self) -> frozenset[str]:
        return frozenset(_data_lines(self.folder / "data" / "subjunctive_forms.txt"))

    @cached_property
    def cue_lemmas(self) -> dict[str, tuple[str, bool]]:
        lemmas: dict[str, tuple[str, bool]] = {}
        for line in _data_lines(self.folder / "data" / "cue_lemmas.tsv"):
            lemma, medium, reports_alone = ([*line.split("\t"), "", "0"])[:3]
            lemmas[lemma] = (medium or "Speech", reports_alone.strip() == "1")
        return lemmas

    @cached_property
    def cue_forms(self) -> dict[str, list[CueForm]]:
        """Inflected form -> the cue verbs it can be (with the particle a split verb needs)."""
        forms: dict[str, list[CueForm]] = {}
        for line in _data_lines(self.folder / "data" / "cue_forms.tsv"):
            form, lemma, particle = ([*line.split("\t"), "", ""])[:3]
            medium, reports_alone = self.cue_lemmas.get(lemma, ("Speech", False))
            forms.setdefault(form, []).append(CueForm(lemma, particle, medium, reports_alone))
        for lemma, (medium, reports_alone) in self.cue_lemmas.items():
            forms.setdefault(lemma, []).append(CueForm(lemma, "", medium, reports_alone))
        return forms

    @cached_property
    def word_classes(self) -> dict[str, frozenset[str]]:
        classes: dict[str, frozenset[str]] = {}
        for line in _data_lines(self.folder / "data" / "word_classes.tsv"):
            name, _, words = line.partition("\t")
            classes[name.strip()] = frozenset(words.split())
        return classes

    def word_class(self, name: str) -> frozenset[str]:
        """A closed class of words (determiners, pronouns, ...); empty when not listed."""
        return self.word_classes.get(name, frozenset())

    @cached_property
    def pronouns(self) -> dict[str, tuple[str, str]]:
        table: dict[str, tuple[str, str]] = {}
        for line in _data_lines(self.folder / "data" / "pronouns.tsv"):
            form, gender, number = ([*line.split("\t"), "_", "_"])[:3]
            table[form.lower()] = (gender, number)
        return table

    def data_lines(self, name: str) -> list[str]:
        """The non-comment lines of a data file in the profile's ``data`` folder ([] if absent).

        Stages keep their word lists there, so a new language needs new files, not new code.
        """
        return _data_lines(self.folder / "data" / name)

    def model_path(self, name: str) -> Path | None:
        relative = self.model_dirs.get(name)
        if not relative:
            return None
        path = self.folder / relative
        return path if path.exists() else None

    def make_nlp(self, analysis: str = "full") -> Language:
        """The trained base pipeline when one ships, else the rule tokenizer and sentencizer.

        ``analysis="fast"`` keeps only the components ``language.json`` lists under
        ``analysis.fast`` (tokenizer rules and sentence boundaries): quotation extraction
        reads no more than that, and the neural layers cost most of the time.
        """
        import spacy

        import saidwhat.language.components  # noqa: F401  (registers the components)

        marks = {"opening_quotes": self.opening_quotes}
        base = self.model_path("base")
        if base is not None:
            pipeline = spacy.util.load_config(base / "config.cfg")["nlp"]["pipeline"]
            # The profile's marks win over whatever the model was trained with.
            overrides = (
                {"components": {"quote_sentence_starts": marks}}
                if "quote_sentence_starts" in pipeline
                else {}
            )
            keep = self.analysis_modes.get(analysis)
            if keep is None:  # "full", or a mode this language does not define
                return spacy.load(base, config=overrides)
            return spacy.load(base, exclude=[name for name in pipeline if name not in keep], config=overrides)
        nlp = spacy.blank(self.spacy_lang)
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("quote_sentence_starts", config=marks)
        nlp.add_pipe("paragraph_sentences")
        return nlp


class LanguageRegistry:
    """Language profiles by code: the built-in folders plus any folders added."""

    def __init__(self, folders: list[Path] | None = None) -> None:
        self._profiles: dict[str, LanguageProfile] = {}
        for folder in folders if folders is not None else _builtin_folders():
            self.add_folder(folder)

    def add_folder(self, folder: Path) -> LanguageProfile:
        profile = LanguageProfile.from_folder(folder)
        self._profiles[profile.code] = profile
        return profile

    def folders(self) -> list[Path]:
        """The folders the profiles came from, enough to rebuild this registry elsewhere."""
        return [self._profiles[code].folder for code in self.codes()]

    def codes(self) -> list[str]:
        return sorted(self._profiles)

    def profiles(self) -> list[LanguageProfile]:
        return [self._profiles[code] for code in self.codes()]

    def get(self, code: str) -> LanguageProfile:
        try:
            return self._profiles[code]
        except KeyError:
            known = ", ".join(self.codes())
            raise UserInputError("--lang", f"unknown language {code!r} (known: {known})") from None


def _builtin_folders() -> list[Path]:
    return sorted(p.parent for p in BUILTIN_FOLDER.glob("*/language.json"))


@cache
def default_registry() -> LanguageRegistry:
    return LanguageRegistry()


def available_languages() -> list[str]:
    return default_registry().codes()


def get_language(code: str) -> LanguageProfile:
    return default_registry().get(code)
