"""Metadata of plain-text articles: headline line, "Von: NAME | DATE" byline, credits.

The body of a plain-text article is the whole text, unchanged, so that quotation offsets
index the file itself; only metadata is read from its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

BYLINE = re.compile(r"^\s*(?:Von|By|Autor(?:in)?|Author)\s*:?\s+(?P<rest>.+?)\s*$", re.IGNORECASE)
CREDIT_LINE = re.compile(
    r"^\s*(?:Quellen?|Source|Sources|Mit Material von|Material von)\s*:?\s+(?P<credits>.+?)\s*$",
    re.IGNORECASE,
)
AGENCY_CREDIT = re.compile(r"\((?P<agency>dpa|AFP|AP|Reuters|epd|KNA|dts|sid|APA)(?:/[^)]*)?\)")
NUMERIC_DATE = re.compile(
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"
)
GERMAN_MONTHS = {
    name: number
    for number, name in enumerate(
        ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
        start=1,
    )
}
WORDED_DATE = re.compile(r"(?P<day>\d{1,2})\.\s*(?P<month>[A-Za-zäÄ]+)\s+(?P<year>\d{4})")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")


@dataclass
class PlainMetadata:
    headline: str = ""
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    lead: str = ""
    sections: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)


def parse_date(text: str) -> datetime | None:
    """Dates as German and English news write them; the first one found wins."""
    match = NUMERIC_DATE.search(text)
    if match:
        try:
            return datetime(
                int(match["year"]),
                int(match["month"]),
                int(match["day"]),
                int(match["hour"] or 0),
                int(match["minute"] or 0),
            )
        except ValueError:
            pass
    match = WORDED_DATE.search(text)
    if match and match["month"].lower() in GERMAN_MONTHS:
        try:
            return datetime(int(match["year"]), GERMAN_MONTHS[match["month"].lower()], int(match["day"]))
        except ValueError:
            pass
    match = ISO_DATE.search(text)
    if match:
        try:
            return datetime.fromisoformat(match.group(0))
        except ValueError:
            pass
    return None


def split_credits(text: str) -> list[str]:
    parts = re.split(r"\s*(?:[,;/]|\bund\b|\band\b)\s*", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _is_section_heading(line: str, previous_blank: bool, next_blank: bool) -> bool:
    """A short line standing alone between blank lines, without closing punctuation."""
    words = line.split()
    return (
        previous_blank
        and next_blank
        and 0 < len(words) <= 8
        and not line.rstrip().endswith((".", "!", "?", ":", ",", '"', "“", "«", "»"))
    )


def read_plain_metadata(text: str) -> PlainMetadata:
    lines = text.splitlines()
    meta = PlainMetadata()
    content = [(i, line) for i, line in enumerate(lines) if line.strip()]
    if not content:
        return meta
    first_index, first_line = content[0]
    meta.headline = first_line.strip()
    body_lines: list[tuple[int, str]] = []
    for index, line in content[1:]:
        byline = BYLINE.match(line)
        if byline and not meta.authors and index <= first_index + 4:
            rest = byline["rest"]
            name_part, _, date_part = rest.partition("|")
            meta.authors = [a.strip() for a in re.split(r"\s*(?:,|\bund\b|\band\b)\s*", name_part) if a.strip()]
            meta.published = parse_date(date_part or rest)
            continue
        credit = CREDIT_LINE.match(line)
        if credit:
            meta.credits.extend(c for c in split_credits(credit["credits"]) if c not in meta.credits)
            continue
        body_lines.append((index, line))
    for agency in AGENCY_CREDIT.finditer(text):
        if agency["agency"] not in meta.credits:
            meta.credits.append(agency["agency"])
    for position, (index, line) in enumerate(body_lines):
        previous_blank = index == 0 or not lines[index - 1].strip()
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if _is_section_heading(line, previous_blank, next_blank) and position > 0:
            meta.sections.append(line.strip())
        elif not meta.lead:
            meta.lead = line.strip()
    return meta
