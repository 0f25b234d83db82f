"""Source credits: who an article says its material came from.

Four shapes are read: a credit line ("Quelle: The Defence Post", "Quellen: dpa, AFP",
"Source: Reuters"), an agency tag ("(dpa)", "Berlin (dpa/AFP) -"), a material note ("mit
Material von Reuters", "mit Material der dpa") and an attribution to a news agency
("according to AP", "laut dpa", "The Associated Press contributed to this report").
Attributions are only taken for known agencies: "according to the ministry" names a
speaker, not a source of the text.
"""

from __future__ import annotations

import re

AGENCIES = (
    "dpa",
    "AFP",
    "AP",
    "Reuters",
    "epd",
    "KNA",
    "dts",
    "sid",
    "SID",
    "APA",
    "AFX",
    "dpa-AFX",
    "Bloomberg",
    "ANSA",
    "EFE",
    "Xinhua",
    "TASS",
    "Interfax",
    "Ukrinform",
    "UNIAN",
    "Keystone-SDA",
    "SDA",
    "Associated Press",
    "Agence France-Presse",
    "Deutsche Presse-Agentur",
    "PAP",
    "BNS",
)
_AGENCY = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))

CREDIT_LINE = re.compile(
    r"^\s*(?:Quellen?|Sources?|Via)\s*:\s*(?P<credits>[^\n]{1,200}?)\s*$", re.IGNORECASE | re.MULTILINE
)
MATERIAL = re.compile(
    r"\b(?:mit|unter\s+Verwendung\s+von)\s+Material(?:ien)?\s+(?:von\s+(?:der\s+|den\s+)?|der\s+|des\s+)"
    r"(?P<credits>[^\n.;)]{1,120})",
    re.IGNORECASE,
)
AGENCY_TAG = re.compile(rf"\((?P<credits>(?:{_AGENCY})(?:\s*/\s*(?:{_AGENCY}|[a-z]{{2,4}}))*)\)")
ATTRIBUTION = re.compile(
    rf"\b(?:according\s+to(?:\s+(?:the|a\s+report\s+by|reports\s+by))?|laut|nach\s+Angaben\s+(?:von|der)|"
    rf"berichtet(?:e)?|reported)\s+(?:(?:der|die|the)\s+)?(?P<credits>{_AGENCY})\b"
)
CONTRIBUTED = re.compile(rf"\b(?:The\s+)?(?P<credits>{_AGENCY})\s+contributed\s+to\s+this\s+report")
_SPLIT = re.compile(r"\s*(?:[,;/&]|\bund\b|\band\b|\bsowie\b)\s*")
# A credit line ends a text; anything longer than this is prose that happens to start so.
_MAX_CREDIT_WORDS = 8


def split_credits(text: str) -> list[str]:
    parts = (p.strip(" .:-–—\t") for p in _SPLIT.split(text))
    return [p for p in parts if p and len(p.split()) <= _MAX_CREDIT_WORDS]


def find_credits(text: str) -> list[str]:
    """Credits in the order the text gives them, each once."""
    found: list[tuple[int, str]] = []
    for pattern in (CREDIT_LINE, MATERIAL, AGENCY_TAG, ATTRIBUTION, CONTRIBUTED):
        for match in pattern.finditer(text):
            for credit in split_credits(match["credits"]):
                found.append((match.start("credits"), credit))
    credits: list[str] = []
    seen: set[str] = set()
    for _, credit in sorted(found, key=lambda item: item[0]):
        key = credit.casefold()
        if key not in seen:
            seen.add(key)
            credits.append(credit)
    return credits


def is_credit_line(line: str) -> bool:
    return bool(CREDIT_LINE.match(line))
