"""The API's response and request bodies (pydantic), which also make its OpenAPI document."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

SpanPair = tuple[int, int]


class PersonRef(BaseModel):
    id: str
    name: str
    kind: str = Field("", description="person, organisation or anonymous (empty when not recorded)")
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


class _DocumentFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str | None = Field(
        None, max_length=2000, description="Where the document came from (a name or URL)."
    )
    outlet: str | None = Field(None, max_length=200, description="The publishing outlet, when known.")


# Non-blank: at least one character that is not white space.
NON_BLANK = r"\S"


class TextDocument(_DocumentFields):
    text: str = Field(pattern=NON_BLANK, description="Plain text; the first line may be the headline.")


class HtmlDocument(_DocumentFields):
    html: str = Field(pattern=NON_BLANK, description="An HTML page; the article is recovered from it.")


class UrlDocument(_DocumentFields):
    url: str = Field(
        pattern=r"^https?://[^\s/]+\S*$",
        max_length=2000,
        description="Fetched only when the server allows it.",
    )


# Exactly one of text, html or url: each model forbids the others' fields.
DocumentIn = TextDocument | HtmlDocument | UrlDocument


class IngestResult(BaseModel):
    article_id: str
    created: bool = Field(description="False when the same text was stored before (nothing was added).")
    quotations: list[str] = Field(description="Ids of the article's quotations.")
