"""``POST /api/documents``: one document through the one Pipeline into the store.

The Pipeline (and its spaCy models) is built on the first request and then reused; a lock
serialises its use, because a spaCy pipeline is not meant to be shared between threads and
the server runs sync routes in a thread pool.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import select

from saidwhat.ingest.context import IngestOptions, ReadContext
from saidwhat.ingest.html import html_document
from saidwhat.pipeline import Pipeline
from saidwhat.records import Document
from saidwhat.serve.schemas import DocumentIn, HtmlDocument, IngestResult, TextDocument
from saidwhat.store import models
from saidwhat.store.database import Store
from saidwhat.store.ingest import ingest
from saidwhat.store.rows import article_key


class IngestRefused(Exception):
    """The document cannot be ingested; the message says why (shown to the client)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Ingestor:
    store: Store
    language: str = "auto"
    allow_fetch: bool = False
    _pipeline: Pipeline | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(language=self.language)
        return self._pipeline

    def ingest(self, request: DocumentIn) -> IngestResult:
        document = self._document(request)
        if request.outlet:
            document.metadata["outlet"] = request.outlet
        with self._lock:
            # The store's own ingest: a document already stored is skipped before analysis.
            stats = ingest(self.store, [document], self.pipeline(), batch_size=1)
        key = article_key(document.content_hash)
        with self.store.engine.connect() as connection:
            quotations = connection.scalars(
                select(models.Quotation.id)
                .where(models.Quotation.article_id == key)
                .order_by(models.Quotation.position)
            ).all()
        return IngestResult(article_id=key, created=stats.articles > 0, quotations=list(quotations))

    def _document(self, request: DocumentIn) -> Document:
        source = request.source or "api"
        if isinstance(request, TextDocument):
            return Document(text=request.text, source=source, format="text")
        if isinstance(request, HtmlDocument):
            return self._from_html(request.html, source, url="")
        if not self.allow_fetch:
            raise IngestRefused(403, "fetching URLs is disabled on this server (start it with --fetch)")
        from saidwhat.ingest.fetch import Fetcher, FetchError

        url = request.url
        try:
            result = Fetcher().fetch(url)
        except FetchError as error:
            raise IngestRefused(422, f"cannot fetch {url}: {error}") from None
        return self._from_html(result.body, request.source or result.url, url=result.url)

    @staticmethod
    def _from_html(raw: str | bytes, source: str, url: str) -> Document:
        problems: list[str] = []
        context = ReadContext(
            options=IngestOptions(strict=False), on_problem=lambda p: problems.append(p.message)
        )
        document = html_document(raw, source=source, context=context, url=url)
        if document is None:
            reason = problems[0] if problems else "no article text found in the page"
            raise IngestRefused(422, reason)
        return document
