"""The one way to process articles: ingest -> article -> language -> extract -> resolve.

The CLI, the store's ingest, the API and the Spark job all call :class:`Pipeline`. It loads
each language's models once, on first use, and works through a stream of Documents in
batches, yielding results as it goes, so memory stays bounded by the batch size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
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
    ) -> None:
        """``on_error="record"`` keeps going past a failing article and records the error.

        ``analysis="fast"`` runs only what extraction reads (tokens, sentences); "full" adds
        the base layer's tags, morphology, lemmas and entities (resolution uses entities).
        """
        self.language = language
        self.extractor_name = extractor
        self.batch_size = batch_size
        self.on_error = on_error
        self.analysis = analysis
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
        iterator = iter(documents)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._process_batch(batch)

    def process_one(self, document: Document) -> Extraction:
        return next(self._process_batch([document]))

    def _process_batch(self, documents: list[Document]) -> Iterator[Extraction]:
        articles = [recover_article(d, self.language) for d in documents]
        by_language: dict[str, list[int]] = {}
        results: dict[int, Extraction] = {}
        known = set(self.registry.codes())
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
