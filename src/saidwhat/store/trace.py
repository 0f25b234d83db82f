"""Trace a statement across outlets: its near-duplicates, earliest first.

Candidates are the quotations sharing a MinHash LSH band key with the quote (indexed at
write time); each is then compared exactly on character shingles. Containment (shared
shingles over the smaller set) makes a truncated copy match its original; the Jaccard floor
keeps a short stock phrase from matching every long quote that contains it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from saidwhat.errors import UserInputError
from saidwhat.store import models
from saidwhat.store.database import Store
from saidwhat.store.query import iter_rows, row_select
from saidwhat.store.text import containment, shingles

Q = models.Quotation
B = models.QuotationBand
MIN_CONTAINMENT = 0.7
MIN_JACCARD = 0.2
MAX_CANDIDATES = 5000


@dataclass
class TraceEntry:
    row: dict[str, Any]
    similarity: float
    role: str  # "first report" or "repeat"


@dataclass
class Trace:
    quote_id: str
    said_by: str
    entries: list[TraceEntry]


def similar(a: set[str], b: set[str]) -> float | None:
    """Containment when the two quotes are near-duplicates, else None."""
    if not a or not b:
        return None
    shared = len(a & b)
    if shared / len(a | b) < MIN_JACCARD:
        return None
    score = containment(a, b)
    return score if score >= MIN_CONTAINMENT else None


def trace(store: Store, quote_id: str) -> Trace:
    with store.engine.connect() as connection:
        target = connection.execute(select(Q.seq, Q.quote_text).where(Q.id == quote_id)).first()
        if target is None:
            raise UserInputError(quote_id, "no quotation with this id in the store")
        keys = select(B.band_key).where(B.quotation_seq == target.seq)
        candidates = (
            select(B.quotation_seq).where(B.band_key.in_(keys)).distinct().limit(MAX_CANDIDATES).subquery()
        )
        texts = connection.execute(select(Q.id, Q.quote_text).where(Q.seq.in_(select(candidates)))).all()
        reference = shingles(target.quote_text)
        scores: dict[str, float] = {quote_id: 1.0}
        for candidate_id, quote_text in texts:
            score = similar(reference, shingles(quote_text))
            if score is not None and candidate_id != quote_id:
                scores[candidate_id] = score
        rows = list(iter_rows(connection, row_select().where(Q.id.in_(list(scores)))))
    # Earliest first; undated reports go last; ties in id order, so output is stable.
    rows.sort(key=lambda r: (r["published"] is None, r["published"] or datetime.min, r["quote_id"]))
    entries = [
        TraceEntry(row=row, similarity=round(scores[row["quote_id"]], 3), role="repeat") for row in rows
    ]
    if entries:
        entries[0].role = "first report"
    return Trace(quote_id=quote_id, said_by=_speaker(rows), entries=entries)


def _speaker(rows: list[dict[str, Any]]) -> str:
    """The name most reports give the speaker (earliest first on ties)."""
    names = Counter(r["speaker_name"] or r["speaker"] for r in rows if r["speaker_name"] or r["speaker"])
    if not names:
        return ""
    best = max(names.values())
    return next(n for r in rows if (n := r["speaker_name"] or r["speaker"]) and names[n] == best)
