"""The corpus' published quotation metric (Petersen-Frey and Biemann, 2024).

Per document, gold and predicted quotations are aligned one to one by an optimal
assignment on the token-overlap F1 of their quote tokens (+0.01 when the types agree,
+0.001 when the media agree). Inside an aligned pair each part (quote, cue, speaker, frame,
addressee) contributes a precision sample (shared / predicted tokens) and a recall sample
(shared / gold tokens) where the denominator is not zero; an unaligned prediction adds
precision 0 for every part it fills, an unaligned gold quotation recall 0 for every part it
has. Scores are means over the samples of the whole corpus. Tokens are the gold tokens the
predicted character spans touch. Pairs whose quotes share no token are not aligned.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from saidwhat.evaluation.wikinews import GoldDocument, GoldQuotation, GoldToken
from saidwhat.records import QUOTATION_TYPES, ROLE_NAMES, Quotation

ROLES = ("cue", "speaker", "addressee", "frame")


@dataclass
class PredictedQuotation:
    type: str
    medium: str
    roles: dict[str, set[int]]
    confidence: float = 1.0


# Bands of the extractor's confidence in which the quote precision is reported, so that a
# user can choose a threshold by what it keeps (the last band includes 1.0).
CONFIDENCE_BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)


def confidence_bands(samples: list[tuple[float, float]]) -> list[dict[str, float | int | str]]:
    """Per band of confidence: how many predicted quotations, their mean confidence and
    their mean quote precision (shared / predicted quote tokens; 0 when unaligned)."""
    bands = []
    edges = list(itertools.pairwise(CONFIDENCE_BANDS))
    for index, (low, high) in enumerate(edges):
        last = index == len(edges) - 1
        chosen = [(c, p) for c, p in samples if low <= c < high or (last and c == high)]
        if not chosen:
            continue
        bands.append(
            {
                "band": f"{low:.2f}–{high:.2f}",
                "quotations": len(chosen),
                "mean_confidence": float(np.mean([c for c, _ in chosen])),
                "quote_precision": float(np.mean([p for _, p in chosen])),
            }
        )
    return bands


@dataclass
class Samples:
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)

    def extend(self, other: Samples) -> None:
        self.precision.extend(other.precision)
        self.recall.extend(other.recall)

    def scores(self) -> dict[str, float]:
        p = float(np.mean(self.precision)) if self.precision else 0.0
        r = float(np.mean(self.recall)) if self.recall else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": p,
            "recall": r,
            "f1": f,
            "n_pred": len(self.precision),
            "n_gold": len(self.recall),
        }


@dataclass
class Counts:
    hits: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float]:
        p = self.hits / self.predicted if self.predicted else 0.0
        r = self.hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": p,
            "recall": r,
            "f1": f,
            "hits": self.hits,
            "n_pred": self.predicted,
            "n_gold": self.gold,
        }


@dataclass
class Evaluation:
    parts: dict[str, Samples] = field(default_factory=lambda: defaultdict(Samples))
    by_type: dict[str, Samples] = field(default_factory=lambda: defaultdict(Samples))
    type_counts: Counts = field(default_factory=Counts)
    exact: Counts = field(default_factory=Counts)
    documents: int = 0
    annotated: set[str] = field(default_factory=set)  # the parts the gold corpus annotates
    confidence: list[tuple[float, float]] = field(default_factory=list)  # (confidence, quote precision)

    def summary(self) -> dict[str, object]:
        roles = Samples()
        joint = Samples()
        scored = [name for name in ROLE_NAMES if name in self.annotated or not self.annotated]
        for name in ROLES:
            if name in scored:
                roles.extend(self.parts[name])
        for name in scored:
            joint.extend(self.parts[name])
        return {
            "documents": self.documents,
            "messages": self.parts["quote"].scores(),
            "roles": roles.scores(),
            "joint": joint.scores(),
            "type": self.type_counts.scores(),
            "parts": {name: self.parts[name].scores() for name in scored},
            "types": {name: self.by_type[name].scores() for name in QUOTATION_TYPES},
            "quote_exact": self.exact.scores(),
            "confidence": confidence_bands(self.confidence),
        }


def tokens_touched(tokens: list[GoldToken], spans: Iterable[tuple[int, int]]) -> set[int]:
    """Ids of the gold tokens that any of the character spans overlaps."""
    touched: set[int] = set()
    starts = [t.start for t in tokens]
    import bisect

    for start, end in spans:
        if end <= start:
            continue
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        while index < len(tokens) and tokens[index].start < end:
            if tokens[index].end > start:
                touched.add(index)
            index += 1
    return touched


def to_predicted(quotation: Quotation, tokens: list[GoldToken]) -> PredictedQuotation:
    roles = {
        name: tokens_touched(tokens, [(s.start, s.end) for s in quotation.role(name).spans])
        for name in ROLE_NAMES
    }
    return PredictedQuotation(quotation.type, quotation.medium, roles, quotation.confidence)


def _f1(a: set[int], b: set[int]) -> float:
    shared = len(a & b)
    if not shared:
        return 0.0
    return 2 * shared / (len(a) + len(b))


def align(gold: list[GoldQuotation], predicted: list[PredictedQuotation]) -> list[tuple[int, int]]:
    if not gold or not predicted:
        return []
    scores = np.zeros((len(gold), len(predicted)))
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = _f1(g.roles["quote"], p.roles["quote"])
            if overlap > 0:
                scores[i, j] = overlap + 0.01 * (g.type == p.type) + 0.001 * (g.medium == p.medium)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if scores[i, j] > 0]


def score_document(
    evaluation: Evaluation, document: GoldDocument, predicted: list[PredictedQuotation]
) -> None:
    evaluation.documents += 1
    evaluation.annotated.update(document.parts)
    # A part the corpus does not annotate (PolNeAR has no addressee) is not scored at all.
    parts = [name for name in ROLE_NAMES if name in document.parts]
    gold = document.quotations
    pairs = align(gold, predicted)
    aligned_gold = {i for i, _ in pairs}
    aligned_pred = {j for _, j in pairs}
    evaluation.type_counts.predicted += len(predicted)
    evaluation.type_counts.gold += len(gold)
    evaluation.exact.predicted += len(predicted)
    evaluation.exact.gold += len(gold)
    for i, j in pairs:
        g, p = gold[i], predicted[j]
        if g.type == p.type:
            evaluation.type_counts.hits += 1
        if g.roles["quote"] == p.roles["quote"]:
            evaluation.exact.hits += 1
        for name in parts:
            shared = len(g.roles[name] & p.roles[name])
            if p.roles[name]:
                evaluation.parts[name].precision.append(shared / len(p.roles[name]))
            if g.roles[name]:
                evaluation.parts[name].recall.append(shared / len(g.roles[name]))
        shared_quote = len(g.roles["quote"] & p.roles["quote"])
        if p.roles["quote"]:
            evaluation.confidence.append((p.confidence, shared_quote / len(p.roles["quote"])))
            evaluation.by_type[p.type].precision.append(
                shared_quote / len(p.roles["quote"]) if g.type == p.type else 0.0
            )
        if g.roles["quote"]:
            evaluation.by_type[g.type].recall.append(
                shared_quote / len(g.roles["quote"]) if g.type == p.type else 0.0
            )
    for j, p in enumerate(predicted):
        if j in aligned_pred:
            continue
        if p.roles["quote"]:
            evaluation.confidence.append((p.confidence, 0.0))
        for name in parts:
            if p.roles[name]:
                evaluation.parts[name].precision.append(0.0)
        if p.roles["quote"]:
            evaluation.by_type[p.type].precision.append(0.0)
    for i, g in enumerate(gold):
        if i in aligned_gold:
            continue
        for name in parts:
            if g.roles[name]:
                evaluation.parts[name].recall.append(0.0)
        if g.roles["quote"]:
            evaluation.by_type[g.type].recall.append(0.0)
