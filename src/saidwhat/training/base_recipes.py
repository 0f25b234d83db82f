"""Base-layer recipes by language: what differs between languages is data, found here.

A recipe names its spaCy config, the corpus files it reads, how to build the corpora, how
to assemble the trained checkpoint into the shipped pipeline, how to score it, and the
provenance written into ``meta.json``. ``saidwhat train base`` and ``saidwhat eval base``
look a recipe up by language code and run the same stages for every language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from saidwhat.errors import UserInputError

CONFIGS = Path(__file__).parent / "configs"


@dataclass(frozen=True)
class CorpusPaths:
    """A recipe's corpus files under one data root: ``paths.gsd_dev`` is
    ``root / files["gsd_dev"]``. One class for every language: a recipe differs only in
    the table it declares."""

    root: Path
    files: Mapping[str, str]  # corpus name -> path relative to the data root

    def __getattr__(self, name: str) -> Path:
        # Only reached for names that are not attributes, i.e. corpus names. ``files`` is
        # read through __dict__ because copy and pickle probe attributes before it is set.
        files = self.__dict__.get("files", {})
        if name not in files:
            raise AttributeError(f"no corpus {name!r} in this recipe")
        return self.root / files[name]

    def check(self) -> None:
        """Fail before any work, naming the first missing file (in the table's order)."""
        for relative in self.files.values():
            path = self.root / relative
            if not path.exists():
                raise UserInputError(str(path), "missing (is ../shared/data there?)")


@dataclass(frozen=True)
class BaseRecipe:
    lang: str
    config: Path
    description: str
    license: str
    sources: list[dict[str, str]]
    held_out: dict[str, str]
    # Corpus name -> file under the data root; the stages below read them as ``data.<name>``.
    corpora: dict[str, str]
    # (corpora, work folder, progress) -> corpus statistics
    build_corpora: Callable[[CorpusPaths, Path, Callable[[str], None]], Any]
    # (checkpoint, corpora, output folder) -> the assembled pipeline
    assemble: Callable[[Path, CorpusPaths, Path], Any]
    # (pipeline, corpora, progress) -> figures with .as_dict()
    evaluate: Callable[[Any, CorpusPaths, Callable[[str], None] | None], Any]
    # (pipeline, corpora, processes) -> wall-clock words/s of nlp.pipe over held-out text
    benchmark: Callable[[Any, CorpusPaths, int], float]
    # Rows of `saidwhat eval base`: (label, dotted key into the figures, held-out part).
    report_rows: list[tuple[str, str, str]] = field(default_factory=list)
    # NER tables: (title, key of a {label: P/R/F1} dict in the figures).
    ner_tables: list[tuple[str, str]] = field(default_factory=list)

    @property
    def train_command(self) -> str:
        return f"saidwhat train base --lang {self.lang} --data ../shared/data"

    def paths(self, root: Path) -> CorpusPaths:
        return CorpusPaths(root, self.corpora)


def _german() -> BaseRecipe:
    from saidwhat.evaluation.base import benchmark_words_per_second, evaluate_base
    from saidwhat.training import base

    gsd = "UD GSD dev, even sentences"
    wiki = "wikinews-de-quotes train, every 5th article"
    return BaseRecipe(
        lang="de",
        config=CONFIGS / "base-de.cfg",
        description=base.DESCRIPTION,
        license=base.LICENSE,
        sources=base.SOURCES,
        held_out=base.HELD_OUT,
        # The splits of each are in training/base_data.py. The POS dictionary comes last: only
        # assembling reads it.
        corpora={
            "gsd_dev": "ud-german-gsd/de_gsd-ud-dev.conllu.gz",
            "pud": "ud-german-pud/de_pud-ud-test.conllu.gz",
            "germeval_dev": "germeval2014-ner/NER-de-dev.tsv.gz",
            "smartdata_train": "smartdata-de/smartdata-v1-train-minus-v3devtest.jsonl.gz",
            "smartdata_dev": "smartdata-de/smartdata-v3-dev.jsonl.gz",
            "wikinews_train": "wikinews-de-quotes/train",
            "pos_dict": "german-pos-dict/german-pos-dict-1.2.4.tsv.xz",
        },
        build_corpora=base.build_corpora,
        assemble=base.assemble,
        evaluate=lambda nlp, data, say: evaluate_base(nlp, data, progress=say),
        benchmark=benchmark_words_per_second,
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
    from saidwhat.training.base_data_en import read_ewt

    ewt = "UD English EWT dev"
    return BaseRecipe(
        lang="en",
        config=CONFIGS / "base-en.cfg",
        description=base_en.DESCRIPTION,
        license=base_en.LICENSE,
        sources=base_en.SOURCES,
        held_out=base_en.HELD_OUT,
        # The splits of each are in training/base_data_en.py.
        corpora={
            "ewt_train": "ud-english-ewt/en_ewt-ud-train.conllu.gz",
            "ewt_dev": "ud-english-ewt/en_ewt-ud-dev.conllu.gz",
            "uner_dev": "uner-english-ewt/en_ewt-ud-dev.iob2.gz",
            "gum": "gum-en/gum-train-dev-noreddit.tar.xz",
        },
        build_corpora=base_en.build_corpora,
        assemble=base_en.assemble,
        evaluate=lambda nlp, data, say: evaluate_base_en(nlp, data, progress=say),
        benchmark=lambda nlp, data, n: benchmark_texts(nlp, ewt_texts(list(read_ewt(data.ewt_dev))) * 3, n),
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
