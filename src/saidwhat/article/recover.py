"""Turn a Document into an Article: the body offsets index, plus recovered metadata.

The body is always the Document's text, so offsets index what the reader produced (the file
itself for plain text). Readers of structured inputs (HTML, feeds, WARC, JSONL) leave what
the input stated in ``Document.metadata``; what it left unknown is read from the text the
way a plain-text article is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from saidwhat.article.credits import find_credits
from saidwhat.article.dates import parse_date
from saidwhat.article.html import domain_of
from saidwhat.article.language import detect_language
from saidwhat.article.plaintext import read_plain_metadata
from saidwhat.records import Article, Document


def _published(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v).strip()]
    return []


def recover_article(
    document: Document, language: str = "auto", languages: Sequence[str] | None = None
) -> Article:
    """The Article of a Document; ``language="auto"`` detects it among ``languages`` (the
    caller's language codes; default: the built-in language folders)."""
    stated = document.metadata or {}
    text = document.text
    if stated.get("headline") and "lead" in stated:
        # The reader laid the body out itself (HTML): only credits are left in the text.
        article = Article(
            document=document,
            body=text,
            headline=str(stated.get("headline", "")),
            authors=_strings(stated.get("authors")),
            published=_published(stated.get("published")),
            lead=str(stated.get("lead", "")),
            sections=_strings(stated.get("sections")),
            credits=find_credits(text),
        )
    else:
        meta = read_plain_metadata(text)
        headline = str(stated.get("headline") or meta.headline)
        lead = meta.lead
        if headline != meta.headline and meta.headline and meta.headline not in headline:
            # A stated headline the text does not repeat: its first line is already body.
            lead = meta.headline
        article = Article(
            document=document,
            body=text,
            headline=headline,
            authors=_strings(stated.get("authors")) or meta.authors,
            published=_published(stated.get("published")) or meta.published,
            lead=lead,
            sections=meta.sections,
            credits=meta.credits,
        )
    for credit in _strings(stated.get("credits")):
        if credit not in article.credits:
            article.credits.append(credit)
    article.url = str(stated.get("url") or document.url or "")
    article.outlet = str(stated.get("outlet") or "") or domain_of(article.url)
    article.language = detect_language(text, codes=languages) if language == "auto" else language
    return article
