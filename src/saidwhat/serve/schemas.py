"""The API's response and request bodies (pydantic), which also make its OpenAPI document."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

SpanPair = tuple[int, int]


class PersonRef(BaseModel):
    id: str
    name: str
    kind: str = Field(description="person, organisation or anonymous")
    role: str = ""


class Role(BaseModel):
    """A stretch of the article playing one role in a quotation; spans index the body."""

    text: str = ""
    spans: list[SpanPair] = Field(default_factory=list)


class MentionOut(Role):
    person: PersonRef | None = Field(None, description="Who the mention resolves to, when known.")


class QuotationOut(BaseModel):
    id: str
    article_id: str
    position: int
    headline: str = ""
    outlet: str
    published: datetime | None = None
    language: str
    type: str
    medium: str
    confidence: float
    extractor: str
    quote: Role
    cue: Role
    frame: Role
    speaker: MentionOut
    addressee: MentionOut


class Page(BaseModel):
    page: int
    page_size: int
    has_more: bool = Field(description="Whether a next page exists.")


class QuotationPage(Page):
    items: list[QuotationOut]


class ArticleSummary(BaseModel):
    id: str
    headline: str
    outlet: str
    published: datetime | None = None
    language: str
    url: str = ""
    source: str = ""


class ArticlePage(Page):
    items: list[ArticleSummary]


class ArticleOut(ArticleSummary):
    body: str
    authors: list[str] = Field(default_factory=list)
    credits: list[str] = Field(default_factory=list)
    quotations: list[QuotationOut] = Field(default_factory=list)


class PersonOut(PersonRef):
    quotations: int = Field(0, description="How many quotations the person is the speaker of.")


class PeoplePage(Page):
    items: list[PersonOut]


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM, or 'undated'.")
    count: int


class TimelineOut(BaseModel):
    person: PersonOut
    months: list[MonthCount]
    quotations: QuotationPage


class OutletOut(BaseModel):
    name: str
    articles: int
    quotations: int


class TraceEntry(BaseModel):
    quotation: QuotationOut
    step: str = Field(description="origin (earliest report), repeat, or this (the quotation asked about)")
    similarity: float = Field(description="Share of the shorter quote's shingles found in the other.")


class TraceOut(BaseModel):
    quotation_id: str
    entries: list[TraceEntry] = Field(description="The same statement across outlets, earliest first.")


class DocumentIn(BaseModel):
    """One document to ingest: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain text; the first line may be the headline.")
    html: str | None = Field(None, description="An HTML page; the article is recovered from it.")
    url: str | None = Field(None, description="Fetched by the server, only when fetching is enabled.")
    source: str | None = Field(None, max_length=2000, description="Where the document came from (a name or URL).")
    outlet: str | None = Field(None, max_length=200, description="The publishing outlet, when known.")

    @model_validator(mode="after")
    def _exactly_one(self) -> DocumentIn:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        content = getattr(self, given[0])
        if not content.strip():
            raise ValueError(f"{given[0]} is empty")
        return self


class IngestResult(BaseModel):
    article_id: str
    created: bool = Field(description="False when the same text was stored before (nothing was added).")
    quotations: list[str] = Field(description="Ids of the article's quotations.")
