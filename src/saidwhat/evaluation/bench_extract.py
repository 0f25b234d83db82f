"""Throughput of the whole extract (article recovery, base layer, quotations, speakers)."""

from __future__ import annotations

import resource
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from saidwhat.errors import UserInputError
from saidwhat.evaluation.gold import read_gold
from saidwhat.pipeline import Pipeline
from saidwhat.records import Document


@dataclass
class BenchResult:
    articles: int
    characters: int
    quotations: int
    seconds: float
    load_seconds: float
    peak_rss_mb: float
    extractor: str

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def bench_documents(folder: Path, split: str = "dev") -> list[Document]:
    """Texts of gold data (wikinews-de-quotes, PolNeAR: see ``saidwhat eval``) or of a folder
    of .txt files."""
    try:
        golds = read_gold(folder, split)
    except UserInputError:
        texts = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if not texts:
            raise UserInputError(str(folder), "neither gold data nor a folder of .txt files") from None
        return [Document(text=p.read_text(encoding="utf-8"), source=str(p)) for p in texts]
    return [Document(text=g.text, source=str(g.path)) for g in golds]


def _timed_pass(pipeline: Pipeline, documents: list[Document]) -> tuple[float, int]:
    """Seconds for one pass of the pipeline over the documents, and the quotations found."""
    quotations = 0
    started = time.perf_counter()
    for extraction in pipeline.process(documents):
        quotations += len(extraction.quotations)
    return time.perf_counter() - started, quotations


def bench_extract(
    documents: list[Document],
    language: str = "de",
    extractor: str | None = None,
    repeat: int = 1,
    workers: int = 1,
    analysis: str = "fast",
) -> BenchResult:
    """Time the pipeline over the documents, after loading the models on a first article.

    With several workers, each worker process loads its models on its first batch; a first
    pass over a few batches starts them before the clock runs.
    """
    if not documents:
        raise UserInputError("--data", "nothing to benchmark")
    pipeline = Pipeline(
        language=language, extractor=extractor, workers=workers, batch_size=8, analysis=analysis
    )
    started = time.perf_counter()
    if workers > 1:
        for _ in pipeline.process(documents[: 8 * workers * 2]):
            pass
    else:
        pipeline.process_one(documents[0])  # loads the models: not part of the throughput
    load_seconds = time.perf_counter() - started
    quotations = 0
    seconds = 0.0
    for _ in range(repeat):
        elapsed, found = _timed_pass(pipeline, documents)
        seconds += elapsed
        quotations += found
    pipeline.close()
    # Kilobytes on Linux. With workers, the largest worker's peak counts once per worker: an
    # upper bound of the run's total resident memory.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if workers > 1:
        peak_kb += workers * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return BenchResult(
        articles=len(documents) * repeat,
        characters=sum(len(d.text) for d in documents) * repeat,
        quotations=quotations,
        seconds=seconds,
        load_seconds=load_seconds,
        peak_rss_mb=peak_kb / 1024,
        extractor=pipeline.extractor_name or "default",
    )


@dataclass
class LanguageRounds:
    """Characters per second of one language's corpus, one figure per round."""

    language: str
    characters: int
    rates: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.rates) if self.rates else 0.0


def compare_languages(
    corpora: list[tuple[str, list[Document]]], rounds: int = 3, analysis: str = "fast"
) -> list[LanguageRounds]:
    """Time one pass over each language's corpus per round, the languages taking turns in
    one process, so that a host whose speed drifts (shared machines do, by a third) slows
    every language alike and the ratio of their medians stays meaningful."""
    pipelines = []
    for language, documents in corpora:
        if not documents:
            raise UserInputError(language, "nothing to benchmark")
        pipeline = Pipeline(language=language, batch_size=8, analysis=analysis)
        pipeline.process_one(documents[0])  # loads the models: not part of the throughput
        pipelines.append(pipeline)
    results = [LanguageRounds(language, sum(len(d.text) for d in docs)) for language, docs in corpora]
    for _ in range(rounds):
        for pipeline, (_, documents), result in zip(pipelines, corpora, results, strict=True):
            seconds, _ = _timed_pass(pipeline, documents)
            result.rates.append(result.characters / seconds)
    for pipeline in pipelines:
        pipeline.close()
    return results
