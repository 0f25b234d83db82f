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
from saidwhat.extract.trained import JOINT_MODEL, MEDIA_FILE, QUOTE_MODEL, ROLE_MODEL
from saidwhat.extract.trained_features import WINDOW, FeatureExtractor, with_quote_tags
from saidwhat.training.quotes_data import LabelledArticle, read_labelled

if TYPE_CHECKING:
    from spacy.language import Language

    from saidwhat.language import LanguageProfile

FRAME_ROLES = ("cue", "speaker", "addressee", "frame")
OPTIONAL_ROLES = frozenset({"addressee"})


@dataclass
class QuoteCorpus:
    """Where a language's quotation corpus lies and what its licence makes of the model
    (``training.quotes`` in the language's ``language.json``)."""

    path: str  # under the shared data folder
    name: str
    licence: str
    licence_note: str
    train_split: str = "train"
    dev_split: str = "dev"
    recipe: dict[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, profile: LanguageProfile) -> QuoteCorpus:
        from saidwhat.errors import UserInputError

        quotes = profile.training.get("quotes")
        if not quotes:
            raise UserInputError("--lang", f"no quotation training recipe for {profile.code!r}")
        return cls(**quotes)


@dataclass
class QuoteRecipe:
    # Strong L1 (chosen on dev among 0.05, 0.5, 1.5): the word features overfit otherwise.
    c1: float = 1.0
    c2: float = 0.05
    max_iterations: int = 100
    folds: int = 2
    threshold: float = 0.5  # posterior P(quoted) above which a token is quoted
    hints: bool = True  # feed the rule baseline's quotations to the taggers as features
    # One CRF over quote types and roles together; only for corpora whose roles never lie
    # inside a quotation's quote (PolNeAR), where it keeps the boundaries consistent.
    joint: bool = False
    window: int = WINDOW  # words either side in every token's features
    subject_before_cue: bool = False  # see LinkerSettings.subject_before_cue
    shared_cue_next_sentence: bool = False  # see LinkerSettings.shared_cue_next_sentence
    min_medium_count: int = 1
    # The base-layer analysis the model is trained on and needs at run time: "fast" (tokens
    # and sentences) or "full" (adds tags, entities and, where the language has a parser,
    # dependencies as features).
    analysis: str = "fast"
    notes: dict[str, object] = field(default_factory=dict)

    @classmethod
    def for_corpus(cls, corpus: QuoteCorpus, **overrides: object) -> QuoteRecipe:
        return cls(**(corpus.recipe | overrides))  # type: ignore[arg-type]

    def params(self) -> dict[str, object]:
        return {
            "c1": self.c1,
            "c2": self.c2,
            "max_iterations": self.max_iterations,
            "feature.possible_transitions": True,
        }


def training_nlp(profile: LanguageProfile, analysis: str = "fast") -> Language:
    """The pipeline the extractor runs on, so that training and inference see the same
    tokens (and, for ``analysis="full"``, the same tags and entities)."""
    return profile.make_nlp(analysis=analysis)


# Token annotations the features read when a pipeline provides them (see TokenView).
FEATURE_ANNOTATIONS = ("TAG", "ENT_IOB", "DEP")


def annotations_read(nlp: Language) -> list[str]:
    """What a model trained on ``nlp``'s Docs needs a Doc to carry at run time. Any text
    will do: what matters is which annotations the pipeline's components set."""
    probe = nlp("Anna Berg, Berlin: ok.")
    return [name for name in FEATURE_ANNOTATIONS if probe.has_annotation(name)]


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


def emitted_roles(articles: list[LabelledArticle]) -> dict[str, list[str]]:
    """The roles the linker emits per type: those most gold quotations of the type have, and
    the optional ones (an addressee is there only when the text names one) wherever gold
    gives the type any."""
    counts: Counter[tuple[str, str]] = Counter()
    for article in articles:
        counts.update(article.role_counts)
    types = sorted({kind for kind, role in counts if not role})

    def emitted(kind: str, role: str) -> bool:
        if role in OPTIONAL_ROLES:
            return counts[(kind, role)] > 0
        return counts[(kind, role)] * 2 > counts[(kind, "")]

    return {kind: [role for role in FRAME_ROLES if emitted(kind, role)] for kind in types}


def joint_tags(quote_tags: list[str], role_tags: list[str]) -> list[str]:
    """Roles win where a token has both (the joint recipe is for corpora where none has)."""
    return [role if role != "O" else quote for quote, role in zip(quote_tags, role_tags, strict=True)]


def _write_linker(out: Path, articles: list[LabelledArticle], recipe: QuoteRecipe, reads: list[str]) -> None:
    media = media_table(articles, recipe.min_medium_count)
    media["reads"] = reads
    media["hints"] = recipe.hints
    media["threshold"] = recipe.threshold
    media["window"] = recipe.window
    media["subject_before_cue"] = recipe.subject_before_cue
    media["shared_cue_next_sentence"] = recipe.shared_cue_next_sentence
    media["emitted_roles"] = emitted_roles(articles)
    # Only a corpus that annotates quotes nested in quotes wants them found.
    media["nested_direct"] = any(article.nested for article in articles)
    (out / MEDIA_FILE).write_text(
        json.dumps(media, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )


def train_quote_model(
    profile: LanguageProfile,
    corpus_path: Path,
    out: Path,
    recipe: QuoteRecipe | None = None,
    progress: Callable[[str], None] = lambda message: None,
    split: str = "train",
) -> dict[str, object]:
    recipe = recipe or QuoteRecipe()
    started = time.perf_counter()
    nlp = training_nlp(profile, recipe.analysis)
    features = FeatureExtractor(profile, recipe.window)
    progress("reading and labelling the train split")
    hinter = BaselineExtractor(profile) if recipe.hints else None
    articles = list(read_labelled(corpus_path, nlp, hinter, split=split))
    base = [features.base(a.views, a.text, a.hints) for a in articles]
    out.mkdir(parents=True, exist_ok=True)
    if recipe.joint:
        _train_joint(base, articles, out, recipe, progress)
    else:
        _train_two_taggers(base, articles, out, recipe, progress)
    _write_linker(out, articles, recipe, annotations_read(nlp))
    return {
        "articles": len(articles),
        "tokens": sum(len(a.views) for a in articles),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _train_joint(
    base: list[list[list[str]]],
    articles: list[LabelledArticle],
    out: Path,
    recipe: QuoteRecipe,
    progress: Callable[[str], None],
) -> None:
    progress("joint tagger, all of train")
    for stale in (QUOTE_MODEL, ROLE_MODEL):
        (out / stale).unlink(missing_ok=True)
    joint = [(b, joint_tags(a.quote_tags, a.role_tags)) for b, a in zip(base, articles, strict=True)]
    _train_crf(joint, out / JOINT_MODEL, recipe)


def _train_two_taggers(
    base: list[list[list[str]]],
    articles: list[LabelledArticle],
    out: Path,
    recipe: QuoteRecipe,
    progress: Callable[[str], None],
) -> None:
    (out / JOINT_MODEL).unlink(missing_ok=True)
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


def evaluate_model(
    profile: LanguageProfile, folder: Path, corpus_path: Path, split: str = "dev", analysis: str = "fast"
) -> dict[str, object]:
    """Score a model folder on a gold folder with the corpus metric, on the language's own
    pipeline as `saidwhat eval` does (the speaker resolver changes no span)."""
    from saidwhat.evaluation.gold import read_gold
    from saidwhat.evaluation.metric import Evaluation, score_document, to_predicted
    from saidwhat.extract.trained import TrainedExtractor

    extractor = TrainedExtractor(profile, folder)
    nlp = profile.make_nlp(analysis=analysis)  # what `saidwhat eval --analysis` runs
    evaluation = Evaluation()
    golds = list(read_gold(corpus_path, split))
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds), strict=True):
        predicted = [to_predicted(q, gold.tokens) for q in extractor.extract(doc)]
        score_document(evaluation, gold, predicted)
    return evaluation.summary()


def write_meta(
    out: Path,
    profile: LanguageProfile,
    corpus: QuoteCorpus,
    recipe: QuoteRecipe,
    training: dict[str, object],
    dev: dict[str, object] | None,
) -> None:
    from importlib.metadata import version

    analysis = "" if recipe.analysis == "fast" else f" --analysis {recipe.analysis}"
    dev_command = (
        f"saidwhat eval --data ../shared/data/{corpus.path} --split {corpus.dev_split} --lang {profile.code}"
        + analysis
    )
    meta = {
        "name": f"saidwhat {profile.name} quotation extractor (trained)",
        "architecture": (
            "one linear-chain CRF over quote types (BIO), cue and speaker + rule linker"
            if recipe.joint
            else "two linear-chain CRFs (quote types BIO; cue/speaker/addressee/frame) + rule linker"
        ),
        "corpus": f"{corpus.name}, split {corpus.train_split}",
        "licence": corpus.licence,
        "licence_note": corpus.licence_note,
        "training_command": f"saidwhat train quotes --lang {profile.code} --data ../shared/data{analysis}",
        "recipe": recipe.params()
        | {
            "folds": recipe.folds,
            "hints": recipe.hints,
            "threshold": recipe.threshold,
            "joint": recipe.joint,
            "analysis": recipe.analysis,
        },
        "training": training,
        "dev": (dev or {}) | {"measured_with": dev_command},
        "python_crfsuite": version("python-crfsuite"),
        "python": platform.python_version(),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
