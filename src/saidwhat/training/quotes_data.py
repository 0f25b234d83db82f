"""Gold articles (wikinews-de-quotes, PolNeAR) as token label sequences for the two quotation taggers.

The gold character spans are projected onto our own tokens (the ones the extractor sees at
run time), so training and inference share one tokenisation. Quote tags are BIO over the
quotation types of the outer (non-nested) quotations; nested direct quotes are recovered
by the quotation-mark rule at run time. Role tags mark cue, speaker, addressee and the
rest of the frame of every quotation.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from saidwhat.evaluation.gold import read_gold
from saidwhat.extract.trained_features import TokenView, token_views

if TYPE_CHECKING:
    from spacy.language import Language

    from saidwhat.evaluation.wikinews import GoldDocument
    from saidwhat.extract.registry import Extractor
    from saidwhat.records import Quotation

ROLE_LABELS = {"cue": "CUE", "speaker": "SPK", "addressee": "ADR"}
# Earlier roles win where annotations of one token disagree.
ROLE_PRIORITY = ("cue", "speaker", "addressee")


@dataclass
class LabelledArticle:
    name: str
    text: str
    views: list[TokenView]
    quote_tags: list[str]
    role_tags: list[str]
    cue_media: Counter[tuple[str, str]] = field(default_factory=Counter)
    hints: list[Quotation] = field(default_factory=list)
    # (type, role) -> how many gold quotations of the type have the role; (type, "") counts
    # the quotations of the type. The linker emits the roles most quotations have.
    role_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    nested: int = 0  # gold quotations nested in another one's quote


def _overlapping(views: list[TokenView], starts: list[int], spans: list[tuple[int, int]]) -> list[list[int]]:
    """Token indices each character span touches (one list per span); ``starts`` are the
    views' start offsets, listed once per article."""
    out = []
    for start, end in spans:
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        touched = []
        while index < len(views) and views[index].start < end:
            if views[index].end > start:
                touched.append(index)
            index += 1
        out.append(touched)
    return out


def label_article(gold: GoldDocument, nlp: Language, hinter: Extractor | None = None) -> LabelledArticle:
    text = gold.text
    doc = nlp(text)
    views = token_views(doc)
    starts = [v.start for v in views]
    quote_tags = ["O"] * len(views)
    role_tags = ["O"] * len(views)
    cue_media: Counter[tuple[str, str]] = Counter()
    for quotation in gold.quotations:
        if quotation.nested:
            continue
        for indices in _overlapping(views, starts, quotation.role_chars.get("quote", [])):
            free = [i for i in indices if quote_tags[i] == "O"]
            for position, i in enumerate(free):
                quote_tags[i] = ("B-" if position == 0 else "I-") + quotation.type
    for quotation in gold.quotations:
        for indices in _overlapping(views, starts, quotation.role_chars.get("frame", [])):
            for i in indices:
                if role_tags[i] == "O":
                    role_tags[i] = "FRM"
        cue = " ".join(
            views[i].text.lower()
            for ind in _overlapping(views, starts, quotation.role_chars.get("cue", []))
            for i in ind
        )
        cue_media[(cue, quotation.medium or "Speech")] += 1
    for role in reversed(ROLE_PRIORITY):
        spans = sorted({span for q in gold.quotations for span in q.role_chars.get(role, [])})
        for indices in _overlapping(views, starts, spans):
            for position, i in enumerate(indices):
                role_tags[i] = ("B-" if position == 0 else "I-") + ROLE_LABELS[role]
    hints = hinter.extract(doc) if hinter is not None else []
    role_counts: Counter[tuple[str, str]] = Counter()
    for quotation in gold.quotations:
        role_counts[(quotation.type, "")] += 1
        role_counts.update((quotation.type, role) for role, ids in quotation.roles.items() if ids)
    nested = sum(q.nested for q in gold.quotations)
    return LabelledArticle(
        gold.name, text, views, quote_tags, role_tags, cue_media, hints, role_counts, nested
    )


def read_labelled(
    path: Path, nlp: Language, hinter: Extractor | None = None, split: str = "train"
) -> Iterator[LabelledArticle]:
    """The gold articles of any format :func:`saidwhat.evaluation.gold.read_gold` reads."""
    for gold in read_gold(path, split):
        yield label_article(gold, nlp, hinter)
