"""A synthetic store for load tests: generated articles and quotations, no pipeline run.

Records are built directly and written with the store's writer, so the tables and indexes
are exactly what ``saidwhat ingest`` produces, at a fraction of the cost. Generation is
seeded, so two runs build the same store.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from saidwhat.records import Article, Document, Extraction, Mention, Person, Quotation, Span
from saidwhat.resolve.speakers import person_id
from saidwhat.store.database import Store
from saidwhat.store.writer import StoreWriter

WORDS = [
    "Hafen",
    "Stadt",
    "Zukunft",
    "Terminal",
    "Umwelt",
    "Schule",
    "Klinik",
    "Verein",
    "Trainer",
    "Saison",
    "Budget",
    "Steuer",
    "Bahn",
    "Energie",
    "Wasser",
    "Wohnung",
    "Miete",
    "Polizei",
    "Gericht",
    "Wahl",
    "Partei",
    "Regierung",
    "Minister",
    "Plan",
    "Gesetz",
    "Krise",
    "Hilfe",
    "Preis",
    "Markt",
    "Arbeit",
    "Streik",
    "Lohn",
    "Kinder",
    "Eltern",
    "Pflege",
    "Brücke",
    "Straße",
    "Radweg",
]
FIRST = [
    "Anna",
    "Peter",
    "Lena",
    "Karl",
    "Sofia",
    "Jonas",
    "Marie",
    "Felix",
    "Clara",
    "Paul",
    "Emma",
    "Lukas",
]
LAST = [
    "Berger",
    "Lindner",
    "Vogt",
    "Brandt",
    "Weber",
    "Schulz",
    "Keller",
    "Fischer",
    "Wagner",
    "Hoffmann",
    "Koch",
    "Richter",
]
CUES = ("sagte", "erklärte", "betonte", "kritisierte", "warnte")


@dataclass(frozen=True)
class SyntheticShape:
    quotations: int = 20_000
    per_article: int = 10
    people: int = 144
    outlets: int = 12
    days: int = 730
    seed: int = 7


def people_names(shape: SyntheticShape) -> list[str]:
    names = [f"{first} {last}" for last in LAST for first in FIRST]
    return names[: shape.people]


def outlet_names(shape: SyntheticShape) -> list[str]:
    return [f"outlet-{i:02d}.example" for i in range(shape.outlets)]


def _extraction(rng: random.Random, index: int, shape: SyntheticShape, names: list[str]) -> Extraction:
    start = datetime(2024, 1, 1)
    parts: list[str] = [f"Synthetischer Artikel {index}\n\n"]
    quotations: list[Quotation] = []
    for _ in range(shape.per_article):
        name = rng.choice(names)
        quote = " ".join(rng.choices(WORDS, k=rng.randint(6, 14)))
        cue = rng.choice(CUES)
        offset = sum(len(p) for p in parts)
        sentence = f'"{quote}", {cue} {name}. '
        quote_span = Span(offset + 1, offset + 1 + len(quote))
        cue_start = offset + len(quote) + 4
        speaker_start = cue_start + len(cue) + 1
        parts.append(sentence)
        speaker = Mention(text=name, spans=[Span(speaker_start, speaker_start + len(name))])
        speaker.entity = Person(id=person_id(name), name=name, kind="person")
        quotations.append(
            Quotation(
                type="Direct",
                quote=Mention(text=quote, spans=[quote_span]),
                cue=Mention(text=cue, spans=[Span(cue_start, cue_start + len(cue))]),
                speaker=speaker,
                confidence=0.9,
                extractor="synthetic",
            )
        )
    body = "".join(parts)
    document = Document(text=body, source=f"synthetic-{index}.txt")
    article = Article(
        document=document,
        body=body,
        headline=f"Synthetischer Artikel {index}",
        published=start + timedelta(days=rng.randrange(shape.days), hours=rng.randrange(24)),
        language="de",
        outlet=rng.choice(outlet_names(shape)),
    )
    return Extraction(article=article, quotations=quotations)


def build_synthetic_store(store: Store, shape: SyntheticShape, batch: int = 200) -> int:
    """Write ``shape.quotations`` generated quotations; returns how many were added."""
    rng = random.Random(shape.seed)
    names = people_names(shape)
    writer = StoreWriter(store)
    articles = max(1, shape.quotations // shape.per_article)
    added = 0
    # One load, as ingest does: into an empty store the search-only indexes are built once
    # at the end rather than maintained batch by batch (``StoreWriter.loading``).
    with writer.loading():
        for first in range(0, articles, batch):
            last = min(first + batch, articles)
            extractions = [_extraction(rng, i, shape, names) for i in range(first, last)]
            added += writer.write(extractions).quotations
    return added
