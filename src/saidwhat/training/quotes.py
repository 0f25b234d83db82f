"""Recipe for the trained quotation extractor (``saidwhat train quotes``).

1. Project the gold annotations of the train split onto our tokens (quotes_data).
2. Train the quote tagger (CRF, L-BFGS with elastic net) on all of train.
3. Train the role tagger on the quote tags that a quote tagger trained *without* each
   article predicts for it (k-fold jackknife), so the role tagger learns from the kind of
   quote tags it will see at run time, not from perfect gold ones.
4. Count the medium of each cue phrase; write both models, the table and meta.json.

CRFsuite's L-BFGS is deterministic for a fixed input order, and the folds are a fixed
function of the sorted file names, so the same corpus gives the same artefact.
"""

from __future__ import annotations

import json
import platform
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from saidwhat.extract.baseline import BaselineExtractor
from saidwhat.extract.trained import MEDIA_FILE, QUOTE_MODEL, ROLE_MODEL
from saidwhat.extract.trained_features import FeatureExtractor, with_quote_tags
from saidwhat.training.quotes_data import LabelledArticle, read_labelled

if TYPE_CHECKING:
    from spacy.language import Language

    from saidwhat.language import LanguageProfile

LICENCE = "CC BY-NC-SA 4.0"
CORPUS = "wikinews-de-quotes (Petersen-Frey and Biemann, LREC-COLING 2024), train split"
TRAIN_COMMAND = "saidwhat train quotes --lang de --data ../shared/data"
DEV_COMMAND = "saidwhat eval --data ../shared/data/wikinews-de-quotes/dev (the language's pipeline)"


@dataclass
class QuoteRecipe:
    # Strong L1 (chosen on dev among 0.05, 0.5, 1.5): the word features overfit otherwise.
    c1: float = 1.0
    c2: float = 0.05
    max_iterations: int = 100
    folds: int = 2
    threshold: float = 0.5  # posterior P(quoted) above which a token is quoted
    hints: bool = True  # feed the rule baseline's quotations to the taggers as features
    min_medium_count: int = 1
    notes: dict[str, object] = field(default_factory=dict)

    def params(self) -> dict[str, object]:
        return {
            "c1": self.c1,
            "c2": self.c2,
            "max_iterations": self.max_iterations,
            "feature.possible_transitions": True,
        }


def training_nlp(profile: LanguageProfile) -> Language:
    """The blank tokenizer and sentence rules: training never depends on a base model."""
    import spacy

    import saidwhat.language.components  # noqa: F401  (registers paragraph_sentences)

    nlp = spacy.blank(profile.spacy_lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_sentences")
    return nlp


def _train_crf(sequences: list[tuple[list[list[str]], list[str]]], path: Path, recipe: QuoteRecipe) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        if features:
            trainer.append(features, labels)
    trainer.set_params(recipe.params())
    trainer.train(str(path))


def _tag_all(path: Path, sequences: list[list[list[str]]]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    out = [tagger.tag(features) if features else [] for features in sequences]
    tagger.close()
    return out


def media_table(articles: list[LabelledArticle], min_count: int) -> dict[str, object]:
    by_cue: dict[str, Counter[str]] = {}
    for article in articles:
        for (cue, medium), count in article.cue_media.items():
            by_cue.setdefault(cue, Counter())[medium] += count
    cues = {
        cue: counts.most_common(1)[0][0]
        for cue, counts in sorted(by_cue.items())
        if cue and sum(counts.values()) >= min_count
    }
    return {"cues": cues, "types": {}}


def train_quote_model(
    profile: LanguageProfile,
    train_folder: Path,
    out: Path,
    recipe: QuoteRecipe | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, object]:
    recipe = recipe or QuoteRecipe()
    started = time.perf_counter()
    nlp = training_nlp(profile)
    features = FeatureExtractor(profile)
    progress("reading and labelling the train split")
    hinter = BaselineExtractor(profile) if recipe.hints else None
    articles = list(read_labelled(train_folder, nlp, hinter))
    base = [features.base(a.views, a.text, a.hints) for a in articles]
    out.mkdir(parents=True, exist_ok=True)
    work = out / "_folds"
    work.mkdir(exist_ok=True)
    # Without folds the role tagger sees gold quote tags (faster, for experiments only).
    predicted: list[list[str]] = [a.quote_tags for a in articles]
    for fold in range(recipe.folds):
        progress(f"quote tagger, fold {fold + 1} of {recipe.folds}")
        held = [i for i in range(len(articles)) if i % recipe.folds == fold]
        kept = [(base[i], articles[i].quote_tags) for i in range(len(articles)) if i % recipe.folds != fold]
        path = work / f"fold{fold}.crfsuite"
        _train_crf(kept, path, recipe)
        for i, tags in zip(held, _tag_all(path, [base[i] for i in held]), strict=True):
            predicted[i] = tags
        path.unlink()
    work.rmdir()
    progress("quote tagger, all of train")
    _train_crf([(b, a.quote_tags) for b, a in zip(base, articles, strict=True)], out / QUOTE_MODEL, recipe)
    progress("role tagger")
    role_sequences = [
        (with_quote_tags(b, tags), a.role_tags) for b, tags, a in zip(base, predicted, articles, strict=True)
    ]
    _train_crf(role_sequences, out / ROLE_MODEL, recipe)
    media = media_table(articles, recipe.min_medium_count)
    media["hints"] = recipe.hints
    media["threshold"] = recipe.threshold
    (out / MEDIA_FILE).write_text(
        json.dumps(media, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    return {
        "articles": len(articles),
        "tokens": sum(len(a.views) for a in articles),
        "seconds": round(time.perf_counter() - started, 1),
    }


def evaluate_model(profile: LanguageProfile, folder: Path, gold_folder: Path) -> dict[str, object]:
    """Score a model folder on a gold folder with the corpus metric, on the language's own
    pipeline as `saidwhat eval` does (the speaker resolver changes no span)."""
    from saidwhat.evaluation.metric import Evaluation, score_document, to_predicted
    from saidwhat.evaluation.wikinews import read_gold_folder
    from saidwhat.extract.trained import TrainedExtractor

    extractor = TrainedExtractor(profile, folder)
    nlp = profile.make_nlp(analysis="fast")  # what `saidwhat eval` runs (tokens, sentences)
    evaluation = Evaluation()
    golds = list(read_gold_folder(gold_folder))
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds), strict=True):
        predicted = [to_predicted(q, gold.tokens) for q in extractor.extract(doc)]
        score_document(evaluation, gold, predicted)
    return evaluation.summary()


def write_meta(
    out: Path, recipe: QuoteRecipe, training: dict[str, object], dev: dict[str, object] | None
) -> None:
    from importlib.metadata import version

    meta = {
        "name": "saidwhat German quotation extractor (trained)",
        "architecture": "two linear-chain CRFs (quote types BIO; cue/speaker/addressee/frame) + rule linker",
        "corpus": CORPUS,
        "licence": LICENCE,
        "licence_note": "Trained on CC BY-NC-SA 4.0 data: the model is shared under the same "
        "non-commercial, share-alike terms.",
        "training_command": TRAIN_COMMAND,
        "recipe": recipe.params() | {"folds": recipe.folds},
        "training": training,
        "dev": (dev or {}) | {"measured_with": DEV_COMMAND},
        "python_crfsuite": version("python-crfsuite"),
        "python": platform.python_version(),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
