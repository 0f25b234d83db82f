"""Metadata a page states about itself: meta tags, JSON-LD, <time> and visible bylines.

trafilatura finds the main text well but keeps dates to the day and drops the visible byline,
so the date and time, authors, site name and canonical URL are read here, from the parsed
tree, before trafilatura cleans it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from saidwhat.article.dates import parse_date, parse_iso
from saidwhat.article.plaintext import parse_byline

_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
_SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
_BYLINE_CLASS = re.compile(r"byline|author|autor|dateline|meta|date|datum|time|zeit|credit", re.IGNORECASE)
_MAX_BYLINE_CHARS = 200


@dataclass
class PageMetadata:
    headline: str = ""
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    site_name: str = ""
    url: str = ""
    language: str = ""
    byline_text: list[str] = field(default_factory=list)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _names(value: Any) -> list[str]:
    """Author names from a JSON-LD author value: a string, an object or a list of them."""
    if isinstance(value, str):
        return [_clean(value)] if _clean(value) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _json_ld_objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [obj for item in data for obj in _json_ld_objects(item)]
    if isinstance(data, dict):
        return [data, *_json_ld_objects(data.get("@graph", []))]
    return []


def _is_article_type(value: Any) -> bool:
    types = value if isinstance(value, list) else [value]
    return any(isinstance(t, str) and ("Article" in t or t in ("BlogPosting", "Report")) for t in types)


def _read_json_ld(tree: Any, meta: PageMetadata) -> None:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for obj in _json_ld_objects(data):
            if not _is_article_type(obj.get("@type")):
                continue
            if not meta.headline and isinstance(obj.get("headline"), str):
                meta.headline = _clean(obj["headline"])
            if not meta.authors:
                meta.authors = _names(obj.get("author"))
            if meta.published is None and isinstance(obj.get("datePublished"), str):
                meta.published = parse_iso(obj["datePublished"]) or parse_date(obj["datePublished"])
            publisher = obj.get("publisher")
            if not meta.site_name and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                meta.site_name = _clean(publisher["name"])


def _read_meta_tags(tree: Any, meta: PageMetadata) -> None:
    values: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key and key not in values:
            values[key] = _clean(element.get("content"))
    if meta.published is None:
        for key in _PUBLISHED_META:
            if values.get(key):
                meta.published = parse_iso(values[key]) or parse_date(values[key])
                if meta.published is not None:
                    break
    if not meta.authors:
        for key in _AUTHOR_META:
            value = values.get(key, "")
            if value and not value.startswith("http"):
                meta.authors = [
                    a.strip() for a in re.split(r"\s*(?:;|,|\bund\b|\band\b)\s*", value) if a.strip()
                ]
                break
    if not meta.site_name:
        meta.site_name = next((values[k] for k in _SITE_META if values.get(k)), "")
    if not meta.headline:
        meta.headline = values.get("og:title", "")
    if not meta.url:
        meta.url = values.get("og:url", "")


def _read_visible(tree: Any, meta: PageMetadata) -> None:
    """<time datetime>, rel=author links and short byline-like blocks of the page."""
    if meta.published is None:
        for element in tree.xpath("//time[@datetime]"):
            meta.published = parse_iso(element.get("datetime", "")) or parse_date(element.get("datetime", ""))
            if meta.published is not None:
                break
    if not meta.authors:
        names = [_clean(a.text_content()) for a in tree.xpath('//a[@rel="author"]')]
        meta.authors = list(dict.fromkeys(n for n in names if n))
    for element in tree.xpath("//*[@class or @id]"):
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "article", "main", "script"):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if not _BYLINE_CLASS.search(marker):
            continue
        text = _clean(element.text_content())
        if not text or len(text) > _MAX_BYLINE_CHARS:
            continue
        meta.byline_text.append(text)
        byline = parse_byline(text)
        if byline is not None:
            authors, published = byline
            if not meta.authors and authors:
                meta.authors = authors
            if meta.published is None and published is not None:
                meta.published = published
        elif meta.published is None:
            meta.published = parse_date(text)


def read_page_metadata(tree: Any) -> PageMetadata:
    """Metadata of a parsed lxml HTML tree; fields stay empty where the page says nothing."""
    meta = PageMetadata()
    html = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    meta.language = (html.get("lang") or "").split("-")[0].lower() if html is not None else ""
    titles = tree.xpath("//title")
    meta.title = _clean(titles[0].text_content()) if titles else ""
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.url = str(canonical[0]).strip() if canonical else ""
    _read_json_ld(tree, meta)
    _read_meta_tags(tree, meta)
    _read_visible(tree, meta)
    return meta
