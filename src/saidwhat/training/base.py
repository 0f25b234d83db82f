"""Train the German base layer from ../shared/data: corpora, training, rules, meta.json.

Three steps, each reproducible (fixed splits, seed 0, one thread):
1. ``build_corpora`` writes train/dev DocBins into a work folder: gold UD and NER
   sentences plus HanTa silver tags and lemmas for the wikinews *train* articles that are
   not held out;
2. ``train_model`` runs spaCy's training loop on ``configs/base-de.cfg``;
3. ``assemble`` loads the best checkpoint, adds the news tokenizer rules, the
   ``morph_rules`` attribute_ruler (verb forms from the STTS tag, Konjunktiv from the
   lexicon), the sentencizer, ``quote_sentence_starts`` and ``paragraph_sentences``, and
   writes the final model with its ``meta.json``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.tokens import DocBin

from saidwhat.training.base_data import (
    germeval_split,
    gsd_split,
    pud_split,
    read_smartdata,
    wikinews_train_split,
)

if TYPE_CHECKING:
    from saidwhat.training.base_recipes import BaseRecipe, CorpusPaths

CONFIG = Path(__file__).parent / "configs" / "base-de.cfg"
MODEL_NAME = "saidwhat_base"
MODEL_VERSION = "0.1.0"
# Gold sentences are few next to the silver articles: repeat them so that each epoch
# sees gold about as often as silver.
GOLD_REPEAT = 2

Progress = Callable[[str], None]


@dataclass
class CorpusStats:
    train_docs: int
    train_words: int
    dev_docs: int
    silver_articles: int
    silver_words: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _blank_nlp() -> Any:
    import saidwhat.language.components  # noqa: F401  (registers paragraph_sentences)
    from saidwhat.language.de.tokenizer import make_news_tokenizer_nlp

    nlp = make_news_tokenizer_nlp("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_sentences")
    return nlp


def build_corpora(data: CorpusPaths, work: Path, progress: Progress) -> CorpusStats:
    from saidwhat.training.base_docs import (
        SilverTagger,
        char_ner_doc,
        ner_doc,
        pronoun_lemmas,
        silver_docs,
        ud_doc,
        wikinews_texts,
    )

    data.check()
    nlp = _blank_nlp()
    gsd_train, _ = gsd_split(data.gsd_dev)
    pud_train, pud_tune = pud_split(data.pud)
    ge_train, ge_tune, _ = germeval_split(data.germeval_dev)
    train_docs = []
    for _ in range(GOLD_REPEAT):
        train_docs += [ud_doc(nlp, s) for s in gsd_train]
        train_docs += [ud_doc(nlp, s, with_tags=False) for s in pud_train]  # PUD's XPOS is not STTS
        train_docs += [ner_doc(nlp, s) for s in ge_train]
    train_docs += [char_ner_doc(nlp, r) for r in read_smartdata(data.smartdata_train)]
    progress(f"gold: {len(train_docs)} docs; tagging silver articles with HanTa")
    silver_paths, _ = wikinews_train_split(data.wikinews_train)
    teacher = SilverTagger(pronoun_lemmas(gsd_train + pud_train))
    silver = list(silver_docs(nlp, wikinews_texts(silver_paths), teacher))
    silver_words = sum(len(d) for d in silver)
    train_docs += silver
    random.Random(0).shuffle(train_docs)
    dev_docs = [ud_doc(nlp, s, with_tags=False) for s in pud_tune] + [ner_doc(nlp, s) for s in ge_tune]
    return save_corpora(work, train_docs, dev_docs, len(silver), silver_words)


def save_corpora(
    work: Path, train_docs: list[Any], dev_docs: list[Any], silver_articles: int = 0, silver_words: int = 0
) -> CorpusStats:
    """Write the train and dev DocBins spaCy's training loop reads; return their counts."""
    work.mkdir(parents=True, exist_ok=True)
    DocBin(docs=train_docs, store_user_data=False).to_disk(work / "train.spacy")
    DocBin(docs=dev_docs, store_user_data=False).to_disk(work / "dev.spacy")
    return CorpusStats(
        train_docs=len(train_docs),
        train_words=sum(len(d) for d in train_docs),
        dev_docs=len(dev_docs),
        silver_articles=silver_articles,
        silver_words=silver_words,
    )


def train_model(work: Path, overrides: dict[str, Any] | None = None, config: Path = CONFIG) -> Path:
    """spaCy's training loop on one thread; returns the best checkpoint's folder."""
    from spacy.cli.train import train

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    settings = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
    settings.update(overrides or {})
    output = work / "output"
    train(config, output, overrides=settings, use_gpu=-1)
    return output / "model-best"


def morph_rules(data: CorpusPaths, morphologizer_labels: list[str]) -> list[dict[str, Any]]:
    """UPOS from the STTS tag, punctuation tags and verb-form normalization first, then the
    Konjunktiv lexicon (later rules win)."""
    from saidwhat.language import get_language
    from saidwhat.training.base_rules import (
        konjunktiv_patterns,
        punctuation_tag_patterns,
        read_subjunctive_analyses,
        upos_patterns,
        verb_form_patterns,
    )

    forms = get_language("de").subjunctive_forms
    konjunktiv = konjunktiv_patterns(read_subjunctive_analyses(data.pos_dict, forms))
    gold = gsd_split(data.gsd_dev)[0] + pud_split(data.pud)[0]  # the training parts only
    return (
        upos_patterns(gold)
        + punctuation_tag_patterns()
        + verb_form_patterns(morphologizer_labels)
        + konjunktiv
    )


def load_trained(checkpoint: Path, rule_components: tuple[str, ...]) -> Any:
    """The trained components of ``checkpoint``: a training checkpoint, or an already
    assembled pipeline whose rule components are dropped so that they are built afresh."""
    import spacy

    import saidwhat.language.components  # noqa: F401  (registers the sentence components)

    nlp = spacy.load(checkpoint)
    for name in rule_components:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    return nlp


def first_names(data: CorpusPaths) -> set[str]:
    """Lexicon first names plus the first tokens of multi-token PER names in the NER training part."""
    from saidwhat.training.base_rules import read_first_names

    names = read_first_names(data.pos_dict)
    train, _, _ = germeval_split(data.germeval_dev)
    for sentence in train:
        for i, (word, label) in enumerate(zip(sentence.words, sentence.labels, strict=True)):
            following = sentence.labels[i + 1] if i + 1 < len(sentence.labels) else "O"
            if label == "B-PER" and following == "I-PER" and word.isalpha() and word[:1].isupper():
                names.add(word)
    return names


RULE_COMPONENTS = (
    "morph_rules",
    "person_names",
    "sentencizer",
    "quote_sentence_starts",
    "paragraph_sentences",
)


def assemble(checkpoint: Path, data: CorpusPaths, out: Path) -> Any:
    """The shipped pipeline: trained components + tokenizer rules + rule components."""
    from saidwhat.language.de.tokenizer import customize_tokenizer
    from saidwhat.training.base_rules import person_patterns

    nlp = load_trained(checkpoint, RULE_COMPONENTS)
    customize_tokenizer(nlp)
    labels = list(nlp.get_pipe("morphologizer").labels)
    ruler = nlp.add_pipe("attribute_ruler", name="morph_rules", after="trainable_lemmatizer")
    ruler.add_patterns(morph_rules(data, labels))
    names = nlp.add_pipe("entity_ruler", name="person_names", after="ner", config={"overwrite_ents": True})
    names.add_patterns(person_patterns(first_names(data)))
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("quote_sentence_starts")
    nlp.add_pipe("paragraph_sentences")
    nlp.meta["name"] = MODEL_NAME
    nlp.meta["version"] = MODEL_VERSION
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    return nlp


SOURCES = [
    {
        "name": "UD German GSD (dev, odd sentences)",
        "licence": "CC BY-SA 4.0",
        "url": "https://github.com/UniversalDependencies/UD_German-GSD",
    },
    {
        "name": "UD German PUD (first 900 sentences; last 100 pick the checkpoint)",
        "licence": "CC BY-SA 3.0",
        "url": "https://github.com/UniversalDependencies/UD_German-PUD",
    },
    {
        "name": "GermEval 2014 NER (dev, odd sentences)",
        "licence": "CC BY 4.0",
        "url": "https://sites.google.com/site/germeval2014ner/",
    },
    {
        "name": "DFKI SmartData corpus v1 train (minus v3 dev/test)",
        "licence": "CC BY 4.0",
        "url": "https://github.com/DFKI-NLP/smartdata-corpus",
    },
    {
        "name": "wikinews-de-quotes train text (4 of 5 articles), silver-tagged by HanTa",
        "licence": "CC BY-NC-SA 4.0",
        "url": "https://github.com/uhh-lt/german-news-quotation-attribution-2024",
    },
    {
        "name": "LanguageTool german-pos-dict 1.2.4 (Konjunktiv rules, first names)",
        "licence": "CC BY-SA 4.0",
        "url": "https://github.com/languagetool-org/german-pos-dict",
    },
    {
        "name": "HanTa 1.2.1 (teacher for silver STTS tags and lemmas; not shipped)",
        "licence": "LGPL-3.0",
        "url": "https://github.com/wartaal/HanTa",
    },
]


DESCRIPTION = (
    "saidwhat German base layer: news tokenizer, sentences, STTS + UPOS, "
    "morphology, lemmas, PER/ORG/LOC/MISC entities. CNN tok2vec, CPU. No parser."
)
LICENSE = "CC BY-NC-SA 4.0 (silver data from wikinews-de-quotes; other sources CC BY-SA/CC BY)"

HELD_OUT = {
    "tags_morphology_lemmas": "UD German GSD dev, even-indexed sentences",
    "ner": "GermEval 2014 dev, even-indexed sentences; SmartData v3 dev",
    "sentences_tokens_speed": "wikinews-de-quotes train, every 5th article by file name",
    "never_read": "wikinews-de-quotes dev (the quotation model's dev set)",
}


def write_meta(
    out: Path, recipe: BaseRecipe, stats: CorpusStats | None, figures: dict[str, Any], seconds: float
) -> None:
    """``stats`` is None when the pipeline was re-assembled from a trained one: the
    training facts its meta.json already holds stay."""
    path = out / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update(
        {
            "name": MODEL_NAME,
            "lang": recipe.lang,
            "version": MODEL_VERSION,
            "description": recipe.description,
            "license": recipe.license,
            "sources": recipe.sources,
            "training_command": recipe.train_command,
            "held_out": recipe.held_out,
            "saidwhat_figures": figures,
        }
    )
    if stats is not None:
        meta.update({"training_seconds": round(seconds), "training_data": stats.as_dict()})
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def train_base(
    data_root: Path,
    out: Path,
    work: Path,
    progress: Progress,
    overrides: dict[str, Any] | None = None,
    lang: str = "de",
    trained: Path | None = None,
) -> dict[str, Any]:
    """The whole recipe of one language; returns the held-out figures written into meta.json.

    With ``trained`` (an assembled pipeline, such as the shipped one) training is skipped:
    its trained components are kept and the rule components are rebuilt, which is what a
    change to the rules or their word lists needs."""
    from saidwhat.training.base_recipes import get_recipe

    started = time.perf_counter()
    # The recipe imports its evaluation up front, so a long run cannot fail at the end on
    # an import.
    recipe = get_recipe(lang)
    data = recipe.paths(data_root)
    data.check()
    stats: CorpusStats | None = None
    if trained is None:
        stats = recipe.build_corpora(data, work, progress)
        progress(f"corpora: {stats.as_dict()}")
        checkpoint = train_model(work, overrides, recipe.config)
    else:
        # assemble() replaces its output folder, which may be the pipeline read here.
        checkpoint = work / "trained"
        shutil.rmtree(checkpoint, ignore_errors=True)  # a --work folder used before
        shutil.copytree(trained, checkpoint)
    progress("assembling the pipeline")
    nlp = recipe.assemble(checkpoint, data, out)
    figures = recipe.evaluate(nlp, data, progress).as_dict()
    write_meta(out, recipe, stats, figures, time.perf_counter() - started)
    return figures
