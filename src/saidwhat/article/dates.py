"""Publication dates as German and English news write them, parsed to ``datetime``.

Handled: "05.11.2024, 09:20 Uhr", "5. November 2024", "5. Nov. 2024 um 9:20",
"November 5, 2024, 9:20 AM", "5 November 2024", ISO 8601 ("2024-11-05T09:20:00+01:00") and
the RFC 822 dates of feeds ("Tue, 05 Nov 2024 09:20:00 +0100"). Slash dates are left alone:
"05/11/2024" means different days in Germany and the United States.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januar jänner january jan",
        "februar february feb",
        "märz maerz march mär mrz mar",
        "april apr",
        "mai may",
        "juni june jun",
        "juli july jul",
        "august aug",
        "september sept sep",
        "oktober october okt oct",
        "november nov",
        "dezember december dez dec",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_TIME = (
    r"(?:,?\s*(?:um\s+|at\s+|-\s*)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)
NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})\b" + _TIME)
DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})(?:\.|st|nd|rd|th)?\s+(?P<month>[^\W\d_]{3,9})\.?,?\s+(?P<year>\d{4})\b" + _TIME
)
MONTH_DAY_YEAR = re.compile(
    r"\b(?P<month>[^\W\d_]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b" + _TIME
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def parse_iso(text: str) -> datetime | None:
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _build(match: re.Match[str], month: int | None) -> datetime | None:
    if month is None:
        return None
    hour = int(match["hour"]) if match["hour"] else 0
    minute = int(match["minute"]) if match["minute"] else 0
    second = int(match["second"]) if match["second"] else 0
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(int(match["year"]), month, int(match["day"]), hour, minute, second)
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_date(text: str) -> datetime | None:
    """The first date found in ``text`` (a byline, a meta value), or None."""
    found = find_date(text)
    return found[0] if found else None


def find_date(text: str) -> tuple[datetime, int] | None:
    """The first date found in ``text`` and where it starts, or None.

    Formats are tried from the least to the most ambiguous, so "2024-11-05" in a line that
    also holds a weekday name is read as ISO and not as words.
    """
    if not text:
        return None
    match = ISO_DATE.search(text)
    if match:
        parsed = parse_iso(match.group(0))
        if parsed is not None:
            return parsed, match.start()
    match = NUMERIC_DATE.search(text)
    if match:
        parsed = _build(match, int(match["month"]))
        if parsed is not None:
            return parsed, match.start()
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            parsed = _build(match, _month(match["month"]))
            if parsed is not None:
                return parsed, match.start()
    if re.search(r"\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UT\b)", text):
        try:
            return parsedate_to_datetime(text.strip()), 0
        except (TypeError, ValueError, IndexError):
            return None
    return None


def parse_feed_date(text: str) -> datetime | None:
    """Feed dates: RFC 822 in RSS, ISO 8601 in Atom, and whatever else a feed writes."""
    if not text:
        return None
    try:
        return parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return parse_date(text)
