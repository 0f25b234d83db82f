"""Metadata of plain-text articles: headline line, "Von: NAME | DATE" byline, sections, credits.

The body of a plain-text article is the whole text, unchanged, so that quotation offsets
index the file itself; only metadata is read from its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from saidwhat.article.credits import find_credits, is_credit_line
from saidwhat.article.dates import find_date, parse_date

BYLINE = re.compile(
    r"^\s*(?:Von|By|Autor(?:in)?|Author|Text)\s*:?\s+(?P<rest>[^\W\d_].{0,200}?)\s*$", re.IGNORECASE
)
# Between author names: commas, "und", "and", "&"; a "|" or " - " starts the date part.
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\bund\b|\band\b)\s*")
_DATE_SEPARATOR = re.compile(r"\s*(?:\||•|·|\s[-–—]\s)\s*")
_MAX_AUTHOR_WORDS = 5


@dataclass
class PlainMetadata:
    headline: str = ""
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    lead: str = ""
    sections: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)


def parse_byline(line: str) -> tuple[list[str], datetime | None] | None:
    """Authors and date of a "Von: NAME | DATE" / "By NAME, DATE" line, or None."""
    match = BYLINE.match(line)
    if not match:
        return None
    rest = match["rest"]
    parts = _DATE_SEPARATOR.split(rest, maxsplit=1)
    names_part = parts[0]
    published = parse_date(parts[1]) if len(parts) > 1 else None
    if published is None:
        found = find_date(rest)
        if found is not None:
            # "By Jane Doe, November 5, 2024": names end where the date begins.
            published, start = found
            names_part = re.sub(
                r"[\s,|]*(?:am|on|vom|den|updated|published|aktualisiert|veröffentlicht|stand)?[\s:]*$",
                "",
                rest[:start],
                flags=re.IGNORECASE,
            )
    authors = [a.strip(" .") for a in _AUTHOR_SPLIT.split(names_part) if a.strip(" .")]
    authors = [a for a in authors if len(a.split()) <= _MAX_AUTHOR_WORDS and not parse_date(a)]
    if not authors and published is None:
        return None
    return authors, published


def is_section_heading(line: str, previous_blank: bool, next_blank: bool) -> bool:
    """A short line standing alone between blank lines, without closing punctuation."""
    words = line.split()
    return (
        previous_blank
        and next_blank
        and 0 < len(words) <= 8
        and not line.rstrip().endswith((".", "!", "?", ":", ",", ";", '"', "“", "”", "«", "»", ")"))
    )


def read_plain_metadata(text: str) -> PlainMetadata:
    lines = text.splitlines()
    meta = PlainMetadata()
    content = [(i, line) for i, line in enumerate(lines) if line.strip()]
    if not content:
        return meta
    first_index, first_line = content[0]
    meta.headline = first_line.strip().lstrip("\ufeff")
    body_lines: list[tuple[int, str]] = []
    for index, line in content[1:]:
        if not meta.authors and meta.published is None and index <= first_index + 4:
            byline = parse_byline(line)
            if byline is not None:
                meta.authors, meta.published = byline
                continue
        if is_credit_line(line):
            continue
        body_lines.append((index, line))
    meta.credits = find_credits(text)
    for position, (index, line) in enumerate(body_lines):
        previous_blank = index == 0 or not lines[index - 1].strip()
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if position > 0 and is_section_heading(line, previous_blank, next_blank):
            meta.sections.append(line.strip())
        elif not meta.lead:
            meta.lead = line.strip()
    return meta
