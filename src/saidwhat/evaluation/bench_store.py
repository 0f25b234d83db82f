"""``saidwhat bench store``: build a synthetic store and time writing and searching it.

The corpus is generated (nothing is committed): German-looking words with Zipf-distributed
frequencies, a few thousand speakers, dozens of outlets, five years of dates, and one quote
in ten repeated by another outlet with small edits or truncation, as agencies' quotes are.
Writing goes through the store's own writer (the code path of ``saidwhat ingest`` after
extraction, including its bulk load into an empty store, whose deferred index builds are
timed), searching through ``store.search``, so the figures are the user's.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate

from saidwhat.records import Article, Document, Extraction, Mention, Person, Quotation, Span
from saidwhat.resolve.speakers import person_id
from saidwhat.store.database import Store
from saidwhat.store.query import Filters
from saidwhat.store.search import search
from saidwhat.store.writer import StoreWriter

_SYLLABLES = (
    "ber lin ge setz re gie rung kanz ler stadt wahl kampf steu er kli ma schutz ver kehr bahn hof"
    " schu le geld markt recht frie den krieg haus halt plan ar beit lohn mie te woh nung"
)
_FIRST_NAMES = "Anna Karl Miriam Peter Sabine Jonas Leyla Thomas Olga Felix Hanna Deniz Marta Paul Ines Yusuf"
SYLLABLES = tuple(_SYLLABLES.split())
FIRST_NAMES = tuple(_FIRST_NAMES.split())
TYPES = ("Direct", "Indirect", "FreeIndirect", "Reported")
START = datetime(2020, 1, 1)
DAYS = 5 * 365


@dataclass
class Corpus:
    vocabulary: list[str]
    cumulative: list[float]  # cumulative weights, so random.choices need not sum them per call
    speakers: list[str]
    outlets: list[str]


@dataclass
class BenchResult:
    quotations: int
    articles: int
    write_seconds: float
    total_seconds: float
    # CPU time of this process while writing (SQLite runs in-process): on a shared machine it
    # says what the writer costs independent of how many other jobs compete for the cores.
    write_cpu_seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.quotations / self.write_seconds if self.write_seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.quotations / self.write_cpu_seconds if self.write_cpu_seconds else 0.0

    def percentiles(self, name: str) -> tuple[float, float]:
        values = sorted(self.latencies[name])
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        return statistics.median(values), p95


def make_corpus(rng: random.Random, vocabulary_size: int = 50_000, speakers: int = 5_000) -> Corpus:
    words: dict[str, None] = {}
    while len(words) < vocabulary_size:
        words["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))] = None
    vocabulary = list(words)
    cumulative = list(accumulate(1.0 / (rank + 1) for rank in range(len(vocabulary))))
    names: dict[str, None] = {}
    while len(names) < speakers:
        names[f"{rng.choice(FIRST_NAMES)} {rng.choice(vocabulary).capitalize()}"] = None
    outlets = [f"{rng.choice(vocabulary)}-zeitung.de" for _ in range(60)]
    return Corpus(vocabulary, cumulative, list(names), outlets)


def _quote_text(rng: random.Random, corpus: Corpus) -> str:
    return " ".join(_words(rng, corpus, rng.randint(6, 30))).capitalize() + "."


def _words(rng: random.Random, corpus: Corpus, count: int) -> list[str]:
    return rng.choices(corpus.vocabulary, cum_weights=corpus.cumulative, k=count)


def _edit(rng: random.Random, text: str) -> str:
    """A small edit or a truncation, as a second outlet might quote the first."""
    words = text.split()
    if rng.random() < 0.5 and len(words) > 6:
        return " ".join(words[: max(4, int(len(words) * rng.uniform(0.6, 0.9)))]) + " …"
    position = rng.randrange(len(words))
    words[position] = words[position].upper()
    return " ".join(words)


def _article(rng: random.Random, corpus: Corpus, number: int, quotes: list[tuple[str, str]]) -> Extraction:
    outlet = rng.choice(corpus.outlets)
    published = START + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(1440))
    parts: list[str] = [f"Bericht {number}\n\n"]
    quotations: list[Quotation] = []
    offset = len(parts[0])
    for speaker, text in quotes:
        lead = f"{speaker} sagte: „"
        quote_start = offset + len(lead)
        sentence = f"{lead}{text}“ "
        speaker_span = Span(offset, offset + len(speaker))
        quote = Mention(text=text, spans=[Span(quote_start, quote_start + len(text))])
        entity = Person(id=person_id(speaker), name=speaker)
        speaker_mention = Mention(speaker, [speaker_span], entity=entity, entity_spans=[speaker_span])
        cue_start = speaker_span.end + 1
        quotations.append(
            Quotation(
                type=rng.choice(TYPES),
                quote=quote,
                cue=Mention(text="sagte", spans=[Span(cue_start, cue_start + 5)]),
                speaker=speaker_mention,
                confidence=round(rng.uniform(0.3, 1.0), 2),
                extractor="synthetic",
            )
        )
        parts.append(sentence)
        offset += len(sentence)
    body = "".join(parts)
    document = Document(text=body, source=f"synthetic/{number}.txt", url=f"https://{outlet}/{number}")
    article = Article(document=document, body=body, headline=f"Bericht {number}", published=published,
                      language="de", outlet=outlet, url=document.url or "")  # fmt: skip
    return Extraction(article=article, quotations=quotations)


def synthetic_extractions(size: int, seed: int = 8, corpus: Corpus | None = None) -> Iterator[Extraction]:
    """Articles of 1-9 quotations until ``size`` quotations have been generated."""
    rng = random.Random(seed)
    corpus = corpus or make_corpus(rng)
    recent: list[tuple[str, str]] = []
    produced = 0
    number = 0
    while produced < size:
        count = min(size - produced, rng.randint(1, 9))
        quotes: list[tuple[str, str]] = []
        for _ in range(count):
            if recent and rng.random() < 0.1:
                speaker, text = rng.choice(recent)
                quotes.append((speaker, _edit(rng, text)))
            else:
                quotes.append((rng.choice(corpus.speakers), _quote_text(rng, corpus)))
        recent = (recent + quotes)[-500:]
        yield _article(rng, corpus, number, quotes)
        produced += count
        number += 1


@dataclass
class _Clock:
    """Wall and CPU seconds of the timed parts only (writing, not generating the corpus)."""

    wall: float = 0.0
    cpu: float = 0.0

    @contextmanager
    def timing(self) -> Iterator[None]:
        begin, begin_cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall += time.perf_counter() - begin
            self.cpu += time.process_time() - begin_cpu


def build(store: Store, size: int, batch_quotations: int = 5_000, seed: int = 8,
          on_batch: Callable[[int], None] | None = None) -> BenchResult:  # fmt: skip
    writer = StoreWriter(store)
    clock = _Clock()
    started = time.perf_counter()
    batch: list[Extraction] = []
    pending = 0
    stored = articles = 0

    def flush() -> None:
        nonlocal stored, articles, batch, pending
        with clock.timing():
            stats = writer.write(batch)
        stored += stats.quotations
        articles += stats.articles
        if on_batch is not None:
            on_batch(stats.quotations)
        batch, pending = [], 0

    # One load, as ingest does (``StoreWriter.loading``); starting it and finishing it (the
    # deferred index builds) count as writing.
    with clock.timing():
        writer.begin_load()
    try:
        for extraction in synthetic_extractions(size, seed):
            batch.append(extraction)
            pending += len(extraction.quotations)
            if pending >= batch_quotations:
                flush()
        if batch:
            flush()
    finally:
        with clock.timing():
            writer.finish()
    return BenchResult(stored, articles, clock.wall, time.perf_counter() - started, clock.cpu)


def _month_from(since: datetime) -> Filters:
    return Filters(since=since, until=since + timedelta(days=30))


def time_queries(store: Store, result: BenchResult, queries: int = 200, seed: int = 9) -> None:
    """Latency of words, speaker and date-range searches (each the 20 newest hits)."""
    rng = random.Random(seed)
    corpus = make_corpus(random.Random(8))
    kinds: dict[str, Callable[[], Filters]] = {
        # Two words drawn by frequency, as in the quotes: common words make long match lists.
        "words": lambda: Filters(words=" ".join(_words(rng, corpus, 2))),
        "speaker": lambda: Filters(speakers=[rng.choice(corpus.speakers)]),
        "date range": lambda: _month_from(START + timedelta(days=rng.randrange(DAYS - 30))),
    }
    for name, make in kinds.items():
        timings: list[float] = []
        for _ in range(queries):
            filters = make()
            begin = time.perf_counter()
            try:
                search(store, filters, limit=20)
            except Exception as error:  # a speaker never drawn into a small store
                if "no person" not in str(error):
                    raise
            timings.append((time.perf_counter() - begin) * 1000)
        result.latencies[name] = timings
