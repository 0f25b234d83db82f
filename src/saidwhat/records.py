"""Records that flow between the pipeline's stages, and their one (de)serialisation.

Every stage takes and returns these dataclasses; nothing else crosses a stage boundary.
Offsets are Python string indices into ``Article.body`` (for plain text the whole file).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

QUOTATION_TYPES = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
ROLE_NAMES = ("quote", "cue", "speaker", "addressee", "frame")
ENTITY_KINDS = ("person", "organisation", "anonymous", "none")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into an article body."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(slots=True)
class Document:
    """Raw input with its provenance, before any analysis."""

    text: str
    source: str
    format: str = "text"
    record_offset: int | None = None
    url: str | None = None
    fetched_at: datetime | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Hash of the whitespace- and Unicode-normalised text, for deduplication."""
        normalised = " ".join(unicodedata.normalize("NFC", self.text).split())
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Article:
    """An article recovered from a Document: its metadata and the body that offsets index."""

    document: Document
    body: str
    headline: str = ""
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    lead: str = ""
    sections: list[str] = field(default_factory=list)
    language: str = ""
    outlet: str = ""
    credits: list[str] = field(default_factory=list)
    url: str = ""


@dataclass(slots=True)
class Person:
    """Who a mention refers to: a person, an organisation, an anonymous source, or nobody."""

    id: str
    name: str
    kind: str = "person"
    role: str = ""


@dataclass(slots=True)
class Mention:
    """A stretch of text (possibly discontinuous) playing one role in a quotation."""

    text: str = ""
    spans: list[Span] = field(default_factory=list)
    entity: Person | None = None
    entity_spans: list[Span] = field(default_factory=list)

    @classmethod
    def from_spans(cls, body: str, spans: list[Span]) -> Mention:
        ordered = sorted(s for s in spans if len(s) > 0)
        return cls(text=" ".join(body[s.start : s.end] for s in ordered), spans=ordered)

    def __bool__(self) -> bool:
        return bool(self.spans)


@dataclass(slots=True)
class Quotation:
    """One statement: what was said (quote), how (cue, frame), by whom and to whom."""

    type: str
    quote: Mention
    medium: str = "Speech"
    cue: Mention = field(default_factory=Mention)
    speaker: Mention = field(default_factory=Mention)
    addressee: Mention = field(default_factory=Mention)
    frame: Mention = field(default_factory=Mention)
    confidence: float = 0.5
    extractor: str = ""

    def role(self, name: str) -> Mention:
        if name not in ROLE_NAMES:
            raise KeyError(name)
        return getattr(self, name)


@dataclass(slots=True)
class Extraction:
    """What the pipeline yields for one Document."""

    article: Article
    quotations: list[Quotation]
    error: str | None = None
    # Everyone the article names (speakers or not), each a Mention whose entity is the
    # resolved Person and whose spans are where the article names them.
    people: list[Mention] = field(default_factory=list)


# --- serialisation: the extraction contract -------------------------------------------------


def mention_to_json(mention: Mention, with_entity: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": mention.text,
        "spans": [[s.start, s.end] for s in mention.spans],
    }
    if with_entity:
        if mention.entity is None:
            # Unresolved speakers are marked explicitly rather than silently left blank.
            data["entity"] = {"id": None, "name": "", "kind": "none", "role": "", "spans": []}
        else:
            data["entity"] = {
                "id": mention.entity.id,
                "name": mention.entity.name,
                "kind": mention.entity.kind,
                "role": mention.entity.role,
                "spans": [[s.start, s.end] for s in mention.entity_spans],
            }
    return data


def mention_from_json(data: dict[str, Any] | None) -> Mention:
    if not data:
        return Mention()
    spans = [Span(int(a), int(b)) for a, b in data.get("spans", [])]
    mention = Mention(text=data.get("text", ""), spans=spans)
    entity = data.get("entity")
    if entity and entity.get("kind") != "none":
        mention.entity = Person(
            id=entity.get("id") or "",
            name=entity.get("name", ""),
            kind=entity.get("kind", "person"),
            role=entity.get("role", ""),
        )
        mention.entity_spans = [Span(int(a), int(b)) for a, b in entity.get("spans", [])]
    return mention


def quotation_to_json(quotation: Quotation) -> dict[str, Any]:
    return {
        "type": quotation.type,
        "medium": quotation.medium,
        "confidence": round(quotation.confidence, 4),
        "extractor": quotation.extractor,
        "quote": mention_to_json(quotation.quote),
        "cue": mention_to_json(quotation.cue),
        "speaker": mention_to_json(quotation.speaker, with_entity=True),
        "addressee": mention_to_json(quotation.addressee, with_entity=True),
        "frame": mention_to_json(quotation.frame),
    }


def quotation_from_json(data: dict[str, Any]) -> Quotation:
    return Quotation(
        type=data["type"],
        medium=data.get("medium", ""),
        confidence=float(data.get("confidence", 0.5)),
        extractor=data.get("extractor", ""),
        quote=mention_from_json(data.get("quote")),
        cue=mention_from_json(data.get("cue")),
        speaker=mention_from_json(data.get("speaker")),
        addressee=mention_from_json(data.get("addressee")),
        frame=mention_from_json(data.get("frame")),
    )


def article_to_json(article: Article) -> dict[str, Any]:
    return {
        "headline": article.headline,
        "authors": list(article.authors),
        "published": article.published.isoformat() if article.published else "",
        "language": article.language,
        "outlet": article.outlet,
        "sections": list(article.sections),
        "credits": list(article.credits),
        "url": article.url,
    }


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """One line of ``saidwhat extract`` output."""
    document = extraction.article.document
    data: dict[str, Any] = {"source": document.source}
    if document.record_offset is not None:
        data["record"] = document.record_offset
    data["article"] = article_to_json(extraction.article)
    if document.format != "text":
        # Offsets index the recovered body, which only plain text has on disk.
        data["text"] = extraction.article.body
    data["quotes"] = [quotation_to_json(q) for q in extraction.quotations]
    data["people"] = [
        {
            "id": m.entity.id,
            "name": m.entity.name,
            "kind": m.entity.kind,
            "role": m.entity.role,
            "spans": [[s.start, s.end] for s in m.spans],
        }
        for m in extraction.people
        if m.entity is not None
    ]
    if extraction.error:
        data["error"] = extraction.error
    return data
