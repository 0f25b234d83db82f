"""wikinews-de-quotes articles as token label sequences for the two quotation taggers.

The gold character spans are projected onto our own tokens (the ones the extractor sees at
run time), so training and inference share one tokenisation. Quote tags are BIO over the
quotation types of the outer (non-nested) quotations; nested direct quotes are recovered
by the quotation-mark rule at run time. Role tags mark cue, speaker, addressee and the
rest of the frame of every quotation.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from saidwhat.errors import UserInputError
from saidwhat.extract.trained_features import TokenView, token_views

if TYPE_CHECKING:
    from spacy.language import Language

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


def _overlapping(views: list[TokenView], spans: list[tuple[int, int]]) -> list[list[int]]:
    """Token indices each character span touches (one list per span)."""
    out = []
    for start, end in spans:
        out.append([i for i, v in enumerate(views) if v.start < end and start < v.end])
    return out


def _spans(annotation: dict, role: str) -> list[tuple[int, int]]:
    return [(s["charBegin"], s["charEnd"]) for s in annotation.get(role, {}).get("spans", [])]


def label_article(data: dict, nlp: Language, hinter: Extractor | None = None) -> LabelledArticle:
    text = data["originalText"]
    doc = nlp(text)
    views = token_views(doc)
    quote_tags = ["O"] * len(views)
    role_tags = ["O"] * len(views)
    cue_media: Counter[tuple[str, str]] = Counter()
    annotations = data.get("annotations", [])
    for annotation in annotations:
        if annotation.get("isNested"):
            continue
        for indices in _overlapping(views, _spans(annotation, "quote")):
            free = [i for i in indices if quote_tags[i] == "O"]
            for position, i in enumerate(free):
                quote_tags[i] = ("B-" if position == 0 else "I-") + annotation["type"]
    for annotation in annotations:
        for indices in _overlapping(views, _spans(annotation, "frame")):
            for i in indices:
                if role_tags[i] == "O":
                    role_tags[i] = "FRM"
        cue = " ".join(
            views[i].text.lower() for ind in _overlapping(views, _spans(annotation, "cue")) for i in ind
        )
        cue_media[(cue, annotation.get("medium") or "Speech")] += 1
    for role in reversed(ROLE_PRIORITY):
        for indices in _overlapping(views, _spans_of_all(annotations, role)):
            for position, i in enumerate(indices):
                role_tags[i] = ("B-" if position == 0 else "I-") + ROLE_LABELS[role]
    hints = hinter.extract(doc) if hinter is not None else []
    return LabelledArticle(data.get("documentName", ""), text, views, quote_tags, role_tags, cue_media, hints)


def _spans_of_all(annotations: list[dict], role: str) -> list[tuple[int, int]]:
    return sorted({span for a in annotations for span in _spans(a, role)})


def read_labelled(folder: Path, nlp: Language, hinter: Extractor | None = None) -> Iterator[LabelledArticle]:
    if not folder.is_dir():
        raise UserInputError(str(folder), "not a folder of wikinews-de-quotes JSON files")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise UserInputError(str(folder), "no .json files in this folder")
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise UserInputError(str(path), f"not a wikinews-de-quotes JSON file ({error})") from None
        yield label_article(data, nlp, hinter)
