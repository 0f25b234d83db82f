"""Held-out evaluation of the German base layer (``saidwhat eval base``).

Held-out parts (see ``training/base_data.py``; none of them is trained or tuned on):
- UD German GSD dev, even-indexed sentences (2nd, 4th, ...): UPOS, STTS, morphology,
  Mood=Sub, lemmas, on gold tokens;
- GermEval 2014 dev, even-indexed sentences: NER per label (news and Wikipedia);
- SmartData v3 dev (news, RSS, tweets): NER for PER/ORG/LOC, on our own tokens;
- wikinews-de-quotes *train*, every 5th article: sentence boundaries, tokens, speed.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from saidwhat.training.base_data import (
    NERSentence,
    UDSentence,
    germeval_split,
    gsd_split,
    read_smartdata,
    read_wikinews_sentences,
    wikinews_train_split,
)

if TYPE_CHECKING:
    from saidwhat.training.base_recipes import CorpusPaths

FEATURES = ("Mood", "Person", "Number", "Gender", "Tense", "VerbForm", "Case")
NER_LABELS = ("PER", "ORG", "LOC", "MISC")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.tp + self.fn,
            "pred": self.tp + self.fp,
        }


@dataclass
class BaseFigures:
    """Held-out figures of one language's base layer.

    The fields are what every language reports. ``extras`` holds what only one language
    measures (STTS and Mood=Sub, a parse, its own NER test sets), under the keys ``as_dict``
    writes: one class, so that a new language needs new figures, not a new class.
    """

    tokens_ud: int = 0
    upos: float = 0.0
    lemma: float = 0.0
    morph_all: float = 0.0
    features: dict[str, float] = field(default_factory=dict)
    sentences_ud: dict[str, float | int] = field(default_factory=dict)
    las: float | None = None  # None: no parser in the pipeline (German)
    words_per_second: float = 0.0
    words_per_cpu_second: float = 0.0
    extras: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """One flat dict: meta.json and ``saidwhat eval base --json`` read extras as top-level keys."""
        figures = asdict(self)
        extras = figures.pop("extras")
        return {**figures, **extras}


def _feats(token: Any) -> dict[str, str]:
    return token.morph.to_dict()


def score_ud(nlp: Language, gold_docs: list[Doc], figures: BaseFigures) -> None:
    """Tags, features and lemmas on the gold tokenization."""
    preds = list(
        nlp.pipe(
            Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
            for g in gold_docs
        )
    )
    counts: Counter[str] = Counter()
    feature_right: Counter[str] = Counter()
    feature_seen: Counter[str] = Counter()
    sub = PRF()
    for gold, pred in zip(gold_docs, preds, strict=True):
        for g, p in zip(gold, pred, strict=True):
            counts["n"] += 1
            counts["upos"] += g.pos_ == p.pos_
            counts["lemma"] += g.lemma_ == p.lemma_
            if g.tag_:
                counts["stts_n"] += 1
                counts["stts"] += g.tag_ == p.tag_
            gf, pf = _feats(g), _feats(p)
            counts["morph"] += gf == pf
            for name in FEATURES:
                if name in gf or name in pf:
                    feature_seen[name] += 1
                    feature_right[name] += gf.get(name) == pf.get(name)
            sub.add({g.i} if gf.get("Mood") == "Sub" else set(), {p.i} if pf.get("Mood") == "Sub" else set())
    n = max(counts["n"], 1)
    figures.tokens_ud = counts["n"]
    figures.upos = round(counts["upos"] / n, 4)
    figures.lemma = round(counts["lemma"] / n, 4)
    figures.morph_all = round(counts["morph"] / n, 4)
    figures.features = {k: round(feature_right[k] / feature_seen[k], 4) for k in FEATURES if feature_seen[k]}
    figures.extras["stts"] = round(counts["stts"] / max(counts["stts_n"], 1), 4)
    figures.extras["mood_sub"] = sub.as_dict()


def _ner_scores(
    pairs: Iterable[tuple[set[tuple[int, int, str]], set[tuple[int, int, str]]]], labels: tuple[str, ...]
) -> dict[str, dict[str, float | int]]:
    per_label = {label: PRF() for label in labels}
    total = PRF()
    for gold, pred in pairs:
        pred = {e for e in pred if e[2] in labels}
        total.add(gold, pred)
        for label in labels:
            per_label[label].add({e for e in gold if e[2] == label}, {e for e in pred if e[2] == label})
    scores = {label: prf.as_dict() for label, prf in per_label.items()}
    scores["ALL"] = total.as_dict()
    return scores


def score_ner_sentences(
    nlp: Language, sentences: list[NERSentence], labels: tuple[str, ...]
) -> dict[str, dict[str, float | int]]:
    """Entities per label on the corpus' own tokens, one sentence per Doc."""
    pairs = []
    docs = (Doc(nlp.vocab, words=s.words) for s in sentences)
    for sentence, pred in zip(sentences, nlp.pipe(docs), strict=True):
        gold_doc = Doc(nlp.vocab, words=sentence.words, ents=sentence.labels)
        gold = {(e.start, e.end, e.label_) for e in gold_doc.ents}
        pairs.append((gold, {(e.start, e.end, e.label_) for e in pred.ents}))
    return _ner_scores(pairs, labels)


def score_germeval(nlp: Language, data: CorpusPaths) -> dict[str, dict[str, float | int]]:
    _, _, held_out = germeval_split(data.germeval_dev)
    return score_ner_sentences(nlp, held_out, NER_LABELS)


def score_smartdata(nlp: Language, data: CorpusPaths) -> dict[str, dict[str, float | int]]:
    records = list(read_smartdata(data.smartdata_dev))
    pairs = []
    for record, pred in zip(records, nlp.pipe(r.text for r in records), strict=True):
        gold = {(s, e, label) for s, e, label in record.entities}
        pairs.append((gold, {(e.start_char, e.end_char, e.label_) for e in pred.ents}))
    return _ner_scores(pairs, ("PER", "ORG", "LOC"))


def score_sentences(nlp: Language, data: CorpusPaths, figures: BaseFigures) -> None:
    """Sentence starts and token spans against wikinews gold, by character offset."""
    _, held_out = wikinews_train_split(data.wikinews_train)
    articles = [read_wikinews_sentences(p) for p in held_out]
    sentence_prf, token_prf = PRF(), PRF()
    for article, doc in zip(articles, timed_pipe(nlp, [a.text for a in articles], figures), strict=True):
        firsts = (next((t for t in s if not t.is_space), None) for s in doc.sents)
        starts = {t.idx for t in firsts if t is not None}
        sentence_prf.add(article.sentence_starts, starts)
        token_prf.add(set(article.tokens), {(t.idx, t.idx + len(t)) for t in doc if not t.is_space})
    figures.extras["sentences"] = {**sentence_prf.as_dict(), "articles": len(articles)}
    figures.extras["tokens"] = token_prf.as_dict()


def timed_pipe(nlp: Language, texts: list[str], figures: BaseFigures) -> list[Doc]:
    """``nlp.pipe`` over the texts, recording its words per second: wall clock, and per
    CPU-second, which a busy shared machine cannot distort (one core)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=64))
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    words = sum(sum(not t.is_space for t in doc) for doc in docs)
    figures.words_per_second = round(words / seconds) if seconds else 0.0
    figures.words_per_cpu_second = round(words / cpu_seconds) if cpu_seconds else 0.0
    return docs


def benchmark_words_per_second(nlp: Language, data: CorpusPaths, processes: int, repeat: int = 3) -> float:
    """Wall-clock words/s of ``nlp.pipe`` over the held-out wikinews articles (``repeat`` passes),
    with ``processes`` worker processes: the speed figure of the issue ("2 cores, nlp.pipe")."""
    _, held_out = wikinews_train_split(data.wikinews_train)
    return benchmark_texts(nlp, [read_wikinews_sentences(p).text for p in held_out] * repeat, processes)


def benchmark_texts(nlp: Language, texts: list[str], processes: int) -> float:
    """Wall-clock words/s of ``nlp.pipe`` over ``texts`` with ``processes`` worker processes."""
    started = time.perf_counter()
    words = sum(
        sum(not t.is_space for t in doc) for doc in nlp.pipe(texts, batch_size=64, n_process=processes)
    )
    return round(words / (time.perf_counter() - started))


def score_ud_sentences(
    nlp: Language, sentences: list[UDSentence], per_text: int = 10
) -> dict[str, float | int]:
    """Sentence starts on running text: held-out GSD sentences joined ten at a time."""
    prf = PRF()
    texts, golds = [], []
    for first in range(0, len(sentences), per_text):
        text, starts = "", set()
        for sentence in sentences[first : first + per_text]:
            starts.add(len(text))
            text += "".join(t.form + (" " if t.space_after else "") for t in sentence.tokens)
            text = text if text.endswith(" ") else text + " "
        texts.append(text)
        golds.append(starts)
    for gold, doc in zip(golds, nlp.pipe(texts), strict=True):
        firsts = (next((t for t in s if not t.is_space), None) for s in doc.sents)
        prf.add(gold, {t.idx for t in firsts if t is not None})
    return prf.as_dict()


def evaluate_base(
    nlp: Language, data: CorpusPaths, progress: Callable[[str], None] | None = None
) -> BaseFigures:
    from saidwhat.training.base_docs import ud_doc

    say = progress or (lambda _message: None)
    figures = BaseFigures()
    _, gsd_held_out = gsd_split(data.gsd_dev)
    say("scoring tags, morphology and lemmas on GSD dev (held-out half)")
    score_ud(nlp, [ud_doc(nlp, s) for s in gsd_held_out], figures)
    figures.sentences_ud = score_ud_sentences(nlp, gsd_held_out)
    say("scoring entities on GermEval 2014 dev (held-out half) and SmartData v3 dev")
    figures.extras["ner_germeval"] = score_germeval(nlp, data)
    figures.extras["ner_smartdata"] = score_smartdata(nlp, data)
    say("scoring sentences and tokens on held-out wikinews-de-quotes train articles")
    score_sentences(nlp, data, figures)
    return figures


# English: every token layer on UD English EWT dev, NER on UNER English EWT dev.
# Dependency scores follow CoNLL 2018 (every token) and spaCy (punctuation left out).
PUNCT_DEPS = frozenset({"punct"})


def score_ewt(nlp: Language, gold_docs: list[Doc], figures: BaseFigures) -> None:
    """Tags, features, lemmas and the parse on gold tokens and gold sentences."""
    inputs = (
        Doc(
            nlp.vocab,
            words=[t.text for t in g],
            spaces=[bool(t.whitespace_) for t in g],
            sent_starts=[t.i == 0 for t in g],
        )
        for g in gold_docs
    )
    counts: Counter[str] = Counter()
    feature_right: Counter[str] = Counter()
    feature_seen: Counter[str] = Counter()
    for gold, pred in zip(gold_docs, nlp.pipe(inputs), strict=True):
        for g, p in zip(gold, pred, strict=True):
            counts["n"] += 1
            counts["upos"] += g.pos_ == p.pos_
            counts["xpos"] += g.tag_ == p.tag_
            counts["lemma"] += g.lemma_ == p.lemma_
            gf, pf = _feats(g), _feats(p)
            counts["morph"] += gf == pf
            for name in gf.keys() | pf.keys():
                feature_seen[name] += 1
                feature_right[name] += gf.get(name) == pf.get(name)
            head = g.head.i == p.head.i
            label = head and g.dep_ == p.dep_
            counts["uas"] += head
            counts["las"] += label
            if g.dep_ not in PUNCT_DEPS:
                counts["n_no_punct"] += 1
                counts["uas_no_punct"] += head
                counts["las_no_punct"] += label
    n, n_words = max(counts["n"], 1), max(counts["n_no_punct"], 1)
    figures.tokens_ud = counts["n"]
    figures.upos = round(counts["upos"] / n, 4)
    figures.lemma = round(counts["lemma"] / n, 4)
    figures.morph_all = round(counts["morph"] / n, 4)
    figures.las = round(counts["las"] / n, 4)
    figures.extras["xpos"] = round(counts["xpos"] / n, 4)
    figures.extras["uas"] = round(counts["uas"] / n, 4)
    figures.extras["uas_no_punct"] = round(counts["uas_no_punct"] / n_words, 4)
    figures.extras["las_no_punct"] = round(counts["las_no_punct"] / n_words, 4)
    figures.features = {
        k: round(feature_right[k] / feature_seen[k], 4)
        for k, _ in feature_seen.most_common()
        if feature_seen[k] >= 20
    }


def ewt_texts(sentences: list[Any], per_text: int = 10) -> list[str]:
    """EWT sentences as running text, up to ``per_text`` of one document at a time."""
    texts = []
    for first in range(0, len(sentences), per_text):
        chunk = sentences[first : first + per_text]
        texts.append(
            " ".join(
                "".join(t.form + (" " if t.space_after else "") for t in s.tokens).strip() for s in chunk
            )
        )
    return texts


def _ewt_as_sentences(sentences: list[Any]) -> list[UDSentence]:
    """The shape ``score_ud_sentences`` reads (form and space_after per token)."""
    return [UDSentence(s.sent_id, list(s.tokens)) for s in sentences]


def evaluate_base_en(
    nlp: Language, data: CorpusPaths, progress: Callable[[str], None] | None = None, every: int = 1
) -> BaseFigures:
    """The English figures; ``every`` > 1 scores every n-th sentence only (quick tests)."""
    from saidwhat.training.base_data_en import read_ewt, read_uner
    from saidwhat.training.base_en import ewt_doc

    say = progress or (lambda _message: None)
    figures = BaseFigures()
    dev = list(read_ewt(data.ewt_dev))[::every]
    say("scoring tags, morphology, lemmas and the parse on UD English EWT dev")
    score_ewt(nlp, [ewt_doc(nlp, s) for s in dev], figures)
    figures.sentences_ud = score_ud_sentences(nlp, _ewt_as_sentences(dev))
    say("scoring entities on UNER English EWT dev")
    uner = list(read_uner(data.uner_dev))[::every]
    figures.extras["ner_uner"] = score_ner_sentences(nlp, uner, ("PER", "ORG", "LOC"))
    timed_pipe(nlp, ewt_texts(dev), figures)
    return figures
