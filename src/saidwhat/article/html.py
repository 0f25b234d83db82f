"""Main text and metadata of an HTML page: trafilatura for the text, our own reading for dates.

The body handed on is laid out like a plain-text article (headline, blank line, paragraphs
and subheadings separated by blank lines), so quotations in headlines are found and offsets
into it are resolvable from the ``text`` field of the output line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from saidwhat.article.credits import is_credit_line
from saidwhat.article.htmlmeta import read_page_metadata
from saidwhat.article.plaintext import parse_byline

# trafilatura logs unparseable pages at ERROR; without a handler Python's last resort prints
# them on stderr, between the CLI's one-line problem reports. A NullHandler keeps them out
# of stderr while an application that configures logging still receives them.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
_BLOCK_TAGS = frozenset(
    ("p", "head", "quote", "list", "div", "h1", "h2", "h3", "h4", "ul", "ol", "blockquote")
)
_CONTAINER_TAGS = frozenset(("div", "section", "article", "main", "body", "td"))


@dataclass
class HtmlArticle:
    body: str
    headline: str = ""
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    lead: str = ""
    sections: list[str] = field(default_factory=list)
    outlet: str = ""
    url: str = ""
    language_hint: str = ""

    def as_metadata(self) -> dict[str, Any]:
        """The Document.metadata form that :func:`saidwhat.article.recover_article` reads."""
        return {
            "headline": self.headline,
            "authors": list(self.authors),
            "published": self.published,
            "lead": self.lead,
            "sections": list(self.sections),
            "outlet": self.outlet,
            "url": self.url,
            "language_hint": self.language_hint,
        }


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _blocks(body: Any) -> list[tuple[str, str]]:
    """(kind, text) of each block of trafilatura's body: "head" for subheadings, else "p"."""
    blocks: list[tuple[str, str]] = []
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _CONTAINER_TAGS and any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in element):
            # trafilatura's fallback extractors hand back the page's own nested blocks.
            blocks.extend(_blocks(element))
        elif tag == "list":
            blocks.extend(("p", t) for t in (_text(item) for item in element.iter("item")) if t)
        elif tag in ("table", "row"):
            blocks.extend(_blocks(element))
        elif tag == "cell":
            # A layout table holds the article in a cell; a data table's bare cells read badly
            # as prose and are left out.
            if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in element):
                blocks.extend(_blocks(element))
        elif tag in ("graphic", "script", "style"):
            continue
        else:
            text = _text(element)
            if text:
                if tag == "h1" or (tag == "head" and element.get("rend") == "h1"):
                    blocks.append(("h1", text))
                else:
                    blocks.append(("head" if tag in ("head", "h2", "h3", "h4") else "p", text))
    return blocks


def domain_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def extract_html(html: bytes | str, url: str = "") -> HtmlArticle | None:
    """The article in a page, or None when the page has no main text (an index, an error page)."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    page = read_page_metadata(tree)
    result = trafilatura.bare_extraction(
        tree,
        url=url or page.url or None,
        # Metadata is read by read_page_metadata (with times, which trafilatura drops); its
        # own metadata pass costs as much as the text extraction itself.
        with_metadata=False,
        include_comments=False,
        include_tables=True,  # without tables, whole table-layout pages fall to a cruder extractor
        include_images=False,
        include_formatting=False,
        deduplicate=False,
        favor_precision=False,
    )
    if result is None or getattr(result, "body", None) is None:
        return None
    blocks = _blocks(result.body)
    site = page.site_name
    headline = _clean_title(page.headline or page.title, site)
    if blocks and blocks[0][0] == "h1":
        headline = blocks[0][1]  # the headline as the page shows it
        blocks = blocks[1:]
    elif blocks and blocks[0][0] == "head" and (not headline or _same(blocks[0][1], headline)):
        headline = headline or blocks[0][1]
        blocks = blocks[1:]
    blocks = [("head" if kind == "h1" else kind, text) for kind, text in blocks]
    # A visible byline trafilatura kept in the text is metadata, not body.
    authors, published = page.authors, page.published
    kept: list[tuple[str, str]] = []
    for index, (kind, text) in enumerate(blocks):
        byline = parse_byline(text) if index < 3 and kind == "p" else None
        if byline is not None:
            authors = authors or byline[0]
            published = published or byline[1]
            continue
        kept.append((kind, text))
    if not any(kind == "p" for kind, _ in kept):
        return None
    page_url = url or page.url
    body, lead, sections = lay_out(headline, kept)
    return HtmlArticle(
        body=body,
        headline=headline,
        authors=authors,
        published=published,
        lead=lead,
        sections=sections,
        outlet=site or domain_of(page_url),
        url=page_url,
        language_hint=page.language,
    )


def _clean_title(title: str, site: str) -> str:
    """ "Headline | Site" titles lose the site part; other dashes may belong to the headline."""
    title = " ".join(title.split())
    match = _TITLE_SUFFIX.search(title)
    if match and site and site.casefold() in match.group(0).casefold():
        return title[: match.start()]
    return title


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_FRAGMENT_BLOCKS = frozenset(
    ("p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
)
_FRAGMENT_HEADS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def fragment_blocks(html: str) -> list[tuple[str, str]]:
    """(kind, text) blocks of an HTML fragment such as a feed item's content."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in html:
        return [("p", " ".join(part.split())) for part in re.split(r"\n\s*\n", html) if part.strip()]
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    heads: set[str] = set()
    pieces: list[str] = []
    try:
        _walk(root, pieces, heads)
        whole = "".join(pieces)
    except RecursionError:
        whole = root.text_content()  # absurdly deep markup: text without block structure
    blocks = []
    for part in re.split(r"\n\s*\n", whole):
        text = " ".join(part.split())
        if text:
            blocks.append(("head" if text in heads else "p", text))
    return blocks


def _walk(element: Any, pieces: list[str], heads: set[str]) -> None:
    """Text of a fragment with blank lines around blocks; the tree is read, never changed."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("script", "style") or not tag:
        pieces.append(element.tail or "")
        return
    block = tag in _FRAGMENT_BLOCKS
    if block:
        pieces.append("\n\n")
    if tag in _FRAGMENT_HEADS:
        heads.add(_text(element))
    pieces.append(element.text or "")
    for child in element:
        _walk(child, pieces, heads)
    if block or tag == "br":
        pieces.append("\n\n")
    pieces.append(element.tail or "")


def lay_out(headline: str, blocks: list[tuple[str, str]]) -> tuple[str, str, list[str]]:
    """Body, lead and sections of a headline and blocks, laid out as a plain-text article."""
    parts = [headline] if headline else []
    parts.extend(text for _, text in blocks)
    lead = next((text for kind, text in blocks if kind == "p" and not is_credit_line(text)), "")
    sections = [text for kind, text in blocks if kind == "head"]
    return "\n\n".join(parts) + "\n", lead, sections
