"""The one way to process articles: ingest -> article -> language -> extract -> resolve.

The CLI, the store's ingest, the API and the Spark job all call :class:`Pipeline`. It loads
each language's models once, on first use, and works through a stream of Documents in
batches, yielding results as it goes, so memory stays bounded by the batch size.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TYPE_CHECKING

from saidwhat.article import recover_article
from saidwhat.extract.registry import default_extractor_name, make_extractor
from saidwhat.language import LanguageRegistry, default_registry
from saidwhat.records import Article, Document, Extraction, Mention
from saidwhat.resolve import SpeakerResolver

if TYPE_CHECKING:
    from spacy.language import Language

    from saidwhat.extract import Extractor


@dataclass
class LanguageStages:
    nlp: Language
    extractor: Extractor
    resolver: SpeakerResolver


class Pipeline:
    def __init__(
        self,
        language: str = "auto",
        extractor: str | None = None,
        batch_size: int = 32,
        registry: LanguageRegistry | None = None,
        on_error: str = "raise",
        analysis: str = "fast",
        workers: int = 1,
    ) -> None:
        """``on_error="record"`` keeps going past a failing article and records the error.

        ``analysis="fast"`` runs only what extraction reads (tokens, sentences); "full" adds
        the base layer's tags, morphology, lemmas and entities (resolution uses entities).
        ``workers > 1`` spreads batches over that many processes.
        """
        self.language = language
        self.extractor_name = extractor
        self.batch_size = batch_size
        self.on_error = on_error
        self.analysis = analysis
        self.workers = max(1, workers)
        self._pool: multiprocessing.pool.Pool | None = None
        self.registry = registry or default_registry()
        self._stages: dict[str, LanguageStages] = {}
        if language != "auto":
            self.registry.get(language)  # fail early on an unknown code

    def stages(self, code: str) -> LanguageStages:
        if code not in self._stages:
            profile = self.registry.get(code)
            name = self.extractor_name or default_extractor_name(profile)
            self._stages[code] = LanguageStages(
                nlp=profile.make_nlp(self.analysis),
                extractor=make_extractor(name, profile),
                resolver=SpeakerResolver(profile),
            )
        return self._stages[code]

    def process(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Results in input order, one per document, streamed batch by batch."""
        iterator = iter(documents)
        batches = iter(lambda: list(islice(iterator, self.batch_size)), [])
        if self.workers <= 1:
            for batch in batches:
                yield from self._process_batch(batch)
            return
        yield from self._process_in_workers(batches)

    def _process_in_workers(self, batches: Iterator[list[Document]]) -> Iterator[Extraction]:
        """Batches go to worker processes, each with its own Pipeline (models loaded once per
        worker). At most two batches per worker are in flight, so memory stays bounded
        however long the input is; results come back in input order."""
        settings = PipelineSettings(
            self.language, self.extractor_name, self.batch_size, self.on_error, self.analysis,
            self.registry.folders(),
        )  # fmt: skip
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(self.workers, initializer=_start_worker, initargs=(settings,))
        in_flight: deque[AsyncResult[list[Extraction]]] = deque()
        for batch in batches:
            in_flight.append(self._pool.apply_async(_work_on_batch, (batch,)))
            if len(in_flight) >= 2 * self.workers:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()

    def close(self) -> None:
        """Stop the worker processes, if any (they are kept between calls to process)."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def process_one(self, document: Document) -> Extraction:
        return next(self._process_batch([document]))

    def _process_batch(self, documents: list[Document]) -> Iterator[Extraction]:
        # Detection chooses among this pipeline's own languages, so a folder added to the
        # registry is routed like a built-in one.
        codes = self.registry.codes()
        articles = [recover_article(d, self.language, codes) for d in documents]
        by_language: dict[str, list[int]] = {}
        results: dict[int, Extraction] = {}
        known = set(codes)
        for index, article in enumerate(articles):
            if article.language in known:
                by_language.setdefault(article.language, []).append(index)
            else:
                # No models for this language: the article is kept, with no quotations.
                results[index] = Extraction(article=article, quotations=[])
        for code, indices in by_language.items():
            stages = self.stages(code)
            bodies = (articles[i].body for i in indices)
            for index, doc in zip(indices, stages.nlp.pipe(bodies, batch_size=self.batch_size), strict=True):
                results[index] = self._extract(articles[index], doc, stages)
        for index in range(len(articles)):
            yield results[index]

    def _extract(self, article: Article, doc: object, stages: LanguageStages) -> Extraction:
        try:
            quotations = stages.extractor.extract(doc)  # type: ignore[arg-type]
            named = stages.resolver.resolve(article.body, quotations, doc)
        except Exception as error:
            if self.on_error == "raise":
                raise
            # One article that trips a bug must not cost the rest of a long run.
            message = f"{type(error).__name__}: {error}"
            return Extraction(article=article, quotations=[], error=message)
        people = [Mention(text=n.person.name, spans=n.spans, entity=n.person) for n in named]
        return Extraction(article=article, quotations=quotations, people=people)


@dataclass(frozen=True)
class PipelineSettings:
    """What a worker process needs to build the same Pipeline (picklable)."""

    language: str
    extractor: str | None
    batch_size: int
    on_error: str
    analysis: str
    language_folders: list[Path]


_worker_pipeline: Pipeline | None = None  # one per worker process, set by its initializer


def _start_worker(settings: PipelineSettings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(
        language=settings.language,
        extractor=settings.extractor,
        batch_size=settings.batch_size,
        registry=LanguageRegistry(settings.language_folders),
        on_error=settings.on_error,
        analysis=settings.analysis,
    )


def _work_on_batch(batch: list[Document]) -> list[Extraction]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return list(_worker_pipeline._process_batch(batch))
