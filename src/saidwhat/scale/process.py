"""The work of one partition: the same Pipeline as ``saidwhat extract``, loaded once per worker.

Spark reuses its Python workers across tasks (``spark.python.worker.reuse``), so the
Pipeline is cached per worker process: the models load on a worker's first partition and
stay loaded for every later one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from saidwhat.errors import UserInputError
from saidwhat.pipeline import Pipeline
from saidwhat.records import Article, Document, Extraction
from saidwhat.scale.inputs import OrderKey


@dataclass(frozen=True)
class PipelineSettings:
    language: str = "auto"
    extractor: str | None = None
    batch_size: int = 32
    analysis: str = "fast"


@lru_cache(maxsize=2)
def worker_pipeline(settings: PipelineSettings) -> Pipeline:
    return Pipeline(
        language=settings.language,
        extractor=settings.extractor,
        batch_size=settings.batch_size,
        analysis=settings.analysis,
    )


def _one(pipeline: Pipeline, document: Document) -> Extraction:
    try:
        return pipeline.process_one(document)
    except UserInputError:
        raise  # a bad option or a missing model: every document would fail alike
    except Exception as error:
        # One document that breaks a stage is recorded with its error instead of failing the
        # task, which Spark would retry and then fail the whole job for.
        article = Article(document=document, body=document.text)
        return Extraction(article=article, quotations=[], error=f"{type(error).__name__}: {error}"[:500])


def extract_partition(
    items: Iterable[tuple[OrderKey, Document]], settings: PipelineSettings
) -> Iterator[tuple[OrderKey, Extraction]]:
    pipeline = worker_pipeline(settings)
    iterator = iter(items)
    while batch := list(islice(iterator, settings.batch_size)):
        documents = [document for _, document in batch]
        try:
            extractions = list(pipeline.process(documents))
        except UserInputError:
            raise
        except Exception:
            # Find the culprit: the batch again, one document at a time.
            extractions = [_one(pipeline, document) for document in documents]
        for (key, _), extraction in zip(batch, extractions, strict=True):
            yield key, extraction
