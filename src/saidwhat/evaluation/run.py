"""Run an extractor over a gold folder and score it with the corpus metric."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from saidwhat.evaluation.gold import read_gold
from saidwhat.evaluation.metric import Evaluation, score_document, to_predicted
from saidwhat.evaluation.wikinews import GoldDocument
from saidwhat.pipeline import Pipeline
from saidwhat.records import Document, Extraction


def evaluate_folder(
    folder: Path,
    pipeline: Pipeline,
    limit: int | None = None,
    split: str = "dev",
    on_document: Callable[[GoldDocument, Extraction], None] | None = None,
) -> Evaluation:
    evaluation = Evaluation()
    golds: list[GoldDocument] = []

    def documents() -> Iterator[Document]:
        for index, gold in enumerate(read_gold(folder, split)):
            if limit is not None and index >= limit:
                return
            golds.append(gold)
            yield Document(text=gold.text, source=str(gold.path))

    for extraction in pipeline.process(documents()):
        gold = next(g for g in golds if str(g.path) == extraction.article.document.source)
        golds.remove(gold)
        predicted = [to_predicted(q, gold.tokens) for q in extraction.quotations]
        score_document(evaluation, gold, predicted)
        if on_document is not None:
            on_document(gold, extraction)
    return evaluation
