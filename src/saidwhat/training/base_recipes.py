"""Base-layer recipes by language: what differs between languages is data, found here.

A recipe names its spaCy config, how to build the corpora, how to assemble the trained
checkpoint into the shipped pipeline, how to score it, and the provenance written into
``meta.json``. ``saidwhat train base`` and ``saidwhat eval base`` look a recipe up by
language code and run the same stages for every language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from saidwhat.errors import UserInputError

CONFIGS = Path(__file__).parent / "configs"


@dataclass(frozen=True)
class BaseRecipe:
    lang: str
    config: Path
    description: str
    license: str
    sources: list[dict[str, str]]
    held_out: dict[str, str]
    # (data root, work folder, progress) -> corpus statistics
    build_corpora: Callable[[Path, Path, Callable[[str], None]], Any]
    # (checkpoint, data root, output folder) -> the assembled pipeline
    assemble: Callable[[Path, Path, Path], Any]
    # (pipeline, data root, progress) -> figures with .as_dict()
    evaluate: Callable[[Any, Path, Callable[[str], None] | None], Any]
    check_data: Callable[[Path], None]
    # (pipeline, data root, processes) -> wall-clock words/s of nlp.pipe over held-out text
    benchmark: Callable[[Any, Path, int], float]
    # Rows of `saidwhat eval base`: (label, dotted key into the figures, held-out part).
    report_rows: list[tuple[str, str, str]] = field(default_factory=list)
    # NER tables: (title, key of a {label: P/R/F1} dict in the figures).
    ner_tables: list[tuple[str, str]] = field(default_factory=list)

    @property
    def train_command(self) -> str:
        return f"saidwhat train base --lang {self.lang} --data ../shared/data"


def _german() -> BaseRecipe:
    from saidwhat.evaluation.base import benchmark_words_per_second, evaluate_base
    from saidwhat.training import base
    from saidwhat.training.base_data import DataPaths

    gsd = "UD GSD dev, even sentences"
    wiki = "wikinews-de-quotes train, every 5th article"
    return BaseRecipe(
        lang="de",
        config=CONFIGS / "base-de.cfg",
        description=base.DESCRIPTION,
        license=base.LICENSE,
        sources=base.SOURCES,
        held_out=base.HELD_OUT,
        build_corpora=lambda root, work, say: base.build_corpora(DataPaths(root), work, say),
        assemble=lambda checkpoint, root, out: base.assemble(checkpoint, DataPaths(root), out),
        evaluate=lambda nlp, root, say: evaluate_base(nlp, DataPaths(root), progress=say),
        check_data=lambda root: DataPaths(root).check(),
        benchmark=lambda nlp, root, n: benchmark_words_per_second(nlp, DataPaths(root), n),
        report_rows=[
            ("UPOS accuracy", "upos", gsd),
            ("STTS accuracy", "stts", gsd),
            ("lemma accuracy", "lemma", gsd),
            ("all features exact", "morph_all", gsd),
            ("features.*", "features", gsd),
            ("Mood=Sub precision", "mood_sub.precision", gsd),
            ("Mood=Sub recall", "mood_sub.recall", gsd),
            ("sentence F1", "sentences.f1", wiki),
            ("token F1", "tokens.f1", wiki),
            ("sentence F1 (UD boundaries)", "sentences_ud.f1", f"{gsd}, joined 10 to a text"),
            ("LAS", "las", "no parser (see docs/base-layer.md)"),
            ("words/s (nlp.pipe, 1 process, wall)", "words_per_second", wiki),
            ("words per CPU-second (1 core)", "words_per_cpu_second", wiki),
        ],
        ner_tables=[
            ("NER, GermEval 2014 dev (even sentences)", "ner_germeval"),
            ("NER, SmartData v3 dev (PER/ORG/LOC)", "ner_smartdata"),
        ],
    )


def _english() -> BaseRecipe:
    from saidwhat.evaluation.base import benchmark_texts, evaluate_base_en, ewt_texts
    from saidwhat.training import base_en
    from saidwhat.training.base_data_en import EnglishDataPaths, read_ewt

    ewt = "UD English EWT dev"
    return BaseRecipe(
        lang="en",
        config=CONFIGS / "base-en.cfg",
        description=base_en.DESCRIPTION,
        license=base_en.LICENSE,
        sources=base_en.SOURCES,
        held_out=base_en.HELD_OUT,
        build_corpora=base_en.build_corpora,
        assemble=base_en.assemble,
        evaluate=lambda nlp, root, say: evaluate_base_en(nlp, EnglishDataPaths(root), progress=say),
        check_data=lambda root: EnglishDataPaths(root).check(),
        benchmark=lambda nlp, root, n: benchmark_texts(
            nlp, ewt_texts(list(read_ewt(EnglishDataPaths(root).ewt_dev))) * 3, n
        ),
        report_rows=[
            ("UPOS accuracy", "upos", ewt),
            ("XPOS (PTB) accuracy", "xpos", ewt),
            ("lemma accuracy", "lemma", ewt),
            ("all features exact", "morph_all", ewt),
            ("features.*", "features", ewt),
            ("UAS (every token)", "uas", f"{ewt}, gold tokens and sentences"),
            ("LAS (every token)", "las", f"{ewt}, gold tokens and sentences"),
            ("UAS (no punctuation)", "uas_no_punct", f"{ewt}, gold tokens and sentences"),
            ("LAS (no punctuation)", "las_no_punct", f"{ewt}, gold tokens and sentences"),
            ("sentence F1", "sentences_ud.f1", f"{ewt}, joined 10 sentences to a text"),
            ("words/s (nlp.pipe, 1 process, wall)", "words_per_second", ewt),
            ("words per CPU-second (1 core)", "words_per_cpu_second", ewt),
        ],
        ner_tables=[("NER, UNER English EWT dev (PER/ORG/LOC)", "ner_uner")],
    )


# Language code -> recipe factory (factories keep spaCy and the corpora unimported until used).
RECIPES: dict[str, Callable[[], BaseRecipe]] = {"de": _german, "en": _english}


def get_recipe(lang: str) -> BaseRecipe:
    factory = RECIPES.get(lang)
    if factory is None:
        known = ", ".join(sorted(RECIPES))
        raise UserInputError("--lang", f"no base-layer recipe for {lang!r} (known: {known})")
    return factory()
