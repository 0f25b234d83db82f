"""Inter-annotator agreement in the corpus' metric: the second annotator of an article
scored as if it were a system against the first.

It is the ceiling the metric puts on any extractor: a system is scored against one
annotator's choices, and a second annotator of the same guidelines makes other, equally
defensible ones (figures in docs/quotes.md).
"""

from __future__ import annotations

from pathlib import Path

from saidwhat.evaluation.gold import read_annotator_pairs
from saidwhat.evaluation.metric import Evaluation, PredictedQuotation, score_document


def annotator_agreement(path: Path, split: str = "dev") -> Evaluation:
    evaluation = Evaluation()
    for first, second in read_annotator_pairs(path, split):
        predicted = [PredictedQuotation(q.type, q.medium, q.roles) for q in second.quotations]
        score_document(evaluation, first, predicted)
    return evaluation
