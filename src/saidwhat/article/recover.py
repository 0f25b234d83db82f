"""Turn a Document into an Article: the body offsets index, plus recovered metadata."""

from __future__ import annotations

from saidwhat.article.language import detect_language
from saidwhat.article.plaintext import read_plain_metadata
from saidwhat.records import Article, Document


def recover_article(document: Document, language: str = "auto") -> Article:
    meta = read_plain_metadata(document.text)
    article = Article(
        document=document,
        body=document.text,
        headline=meta.headline,
        authors=meta.authors,
        published=meta.published,
        lead=meta.lead,
        sections=meta.sections,
        credits=meta.credits,
        url=document.url or "",
    )
    article.language = detect_language(document.text) if language == "auto" else language
    return article
