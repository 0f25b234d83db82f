"""Speaker-resolution accuracy on the hand-annotated gold set (``data/resolution-de-dev.jsonl``).

Each gold line names a speaker mention of a wikinews-de-quotes dev article that is not a
full name ("er", "Rutte", "der Sprecher", "nach Angaben der Polizei") and what it refers
to: a person or organisation in its fullest form, "anonymous", or "none". Two figures:

- given gold mentions: every gold speaker and addressee mention of the article is resolved
  (in text order, as the pipeline does), and the annotated ones are scored;
- end to end: the Pipeline extracts and resolves from raw text; a gold mention counts as
  right when a predicted speaker mention overlapping it resolves to the gold referent.

Persons must match by name exactly (the point is the fullest form); organisations match
leniently, when the capitalised words of one name are among those of the other ("Polizei"
and "Mainzer Polizei") or an alias matches, since organisation names have no single form.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from saidwhat.errors import UserInputError
from saidwhat.evaluation.wikinews import read_gold_document
from saidwhat.records import Document, Mention, Person, Quotation, Span
from saidwhat.resolve.entities import stem
from saidwhat.resolve.speakers import SpeakerResolver

KINDS = ("person", "organisation", "anonymous", "none")


@dataclass(frozen=True)
class GoldReferent:
    document: str
    quotation: int
    mention: str
    span: Span
    kind: str
    name: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class ResolutionScore:
    total: int = 0
    correct: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    correct_by_kind: Counter[str] = field(default_factory=Counter)
    covered: int = 0  # end to end: gold mentions with an overlapping predicted mention
    correct_covered: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, gold: GoldReferent, predicted: Person | None, covered: bool = True) -> None:
        self.total += 1
        self.by_kind[gold.kind] += 1
        self.covered += covered
        if same_referent(gold, predicted):
            self.correct += 1
            self.correct_covered += covered
            self.correct_by_kind[gold.kind] += 1
        else:
            self.errors.append(
                {
                    "document": gold.document,
                    "mention": gold.mention,
                    "gold": f"{gold.kind}: {gold.name}".rstrip(": "),
                    "predicted": f"{predicted.kind}: {predicted.name}" if predicted else "none",
                }
            )

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "correct": self.correct,
            "total": self.total,
            "covered": self.covered,
            # How well the resolver does where the extractor found the speaker at all.
            "accuracy_on_covered": round(self.correct_covered / self.covered, 4) if self.covered else 0.0,
            "by_kind": {
                kind: {
                    "accuracy": round(self.correct_by_kind[kind] / self.by_kind[kind], 4),
                    "total": self.by_kind[kind],
                }
                for kind in KINDS
                if self.by_kind[kind]
            },
        }


def default_gold_path() -> Path:
    return Path(str(resources.files("saidwhat.evaluation") / "data" / "resolution-de-dev.jsonl"))


def read_gold(path: Path) -> list[GoldReferent]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UserInputError(str(path), f"cannot read the gold file ({error.strerror})") from None
    golds = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            gold = GoldReferent(
                document=str(data["document"]),
                quotation=int(data["quotation"]),
                mention=str(data["mention"]),
                span=Span(int(data["span"][0]), int(data["span"][1])),
                kind=str(data["kind"]),
                name=str(data.get("name", "")),
                aliases=tuple(data.get("aliases", ())),
            )
        except (ValueError, KeyError, TypeError, IndexError) as error:
            raise UserInputError(f"{path}:{number}", f"not a gold resolution record ({error})") from None
        if gold.kind not in KINDS:
            raise UserInputError(
                f"{path}:{number}", f"unknown kind {gold.kind!r} (one of {', '.join(KINDS)})"
            )
        if gold.kind in {"person", "organisation"} and not gold.name:
            raise UserInputError(f"{path}:{number}", f"a {gold.kind} needs a name")
        golds.append(gold)
    return golds


# --- matching -----------------------------------------------------------------------------


def _normal(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.findall(r"[\w'’.-]+", text)).replace("’", "'")


def _name_words(name: str) -> set[str]:
    """Stems of the name-like words: capitalised, with digits, or dotted ("icelandreview.com");
    compounds split at hyphens ("G7-Staaten" -> g7, staat)."""
    words = re.findall(r"[\w.]+", unicodedata.normalize("NFKC", name))
    return {
        stem(w)
        for w in words
        if w[:1].isupper() or any(c.isdigit() for c in w) or ("." in w.strip(".") and w[-1].isalpha())
    }


def _organisation_match(gold: str, predicted: str) -> bool:
    if _normal(gold) == _normal(predicted):
        return True
    gold_words, predicted_words = _name_words(gold), _name_words(predicted)
    if not gold_words or not predicted_words:
        return False
    return gold_words <= predicted_words or predicted_words <= gold_words


def same_referent(gold: GoldReferent, predicted: Person | None) -> bool:
    if gold.kind == "none":
        return predicted is None or predicted.kind == "none"
    if predicted is None or predicted.kind != gold.kind:
        return False
    if gold.kind == "anonymous":
        return True
    names = (gold.name, *gold.aliases)
    if gold.kind == "person":
        return any(_normal(name) == _normal(predicted.name) for name in names)
    return any(_organisation_match(name, predicted.name) for name in names)


# --- running ------------------------------------------------------------------------------


def _document_paths(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        raise UserInputError(str(folder), "not a folder of wikinews-de-quotes JSON files")
    paths = {}
    for path in sorted(folder.glob("*.json")):
        # File names are "<documentName>.pretty.json" or "<documentName>.json".
        name = path.name.removesuffix(".json").removesuffix(".pretty")
        paths[name] = path
    return paths


def _by_document(golds: Iterable[GoldReferent]) -> dict[str, list[GoldReferent]]:
    grouped: dict[str, list[GoldReferent]] = {}
    for gold in golds:
        grouped.setdefault(gold.document, []).append(gold)
    return grouped


def _gold_quotations(body: str, document: Any) -> list[Quotation]:
    quotations = []
    for gold in document.quotations:
        speaker = Mention.from_spans(body, [Span(a, b) for a, b in gold.role_chars.get("speaker", [])])
        addressee = Mention.from_spans(body, [Span(a, b) for a, b in gold.role_chars.get("addressee", [])])
        quote = Mention.from_spans(body, [Span(a, b) for a, b in gold.role_chars.get("quote", [])])
        quotations.append(Quotation(type=gold.type, quote=quote, speaker=speaker, addressee=addressee))
    return quotations


def evaluate_given_mentions(
    golds: list[GoldReferent],
    folder: Path,
    resolver: SpeakerResolver,
    on_document: Callable[[], None] | None = None,
) -> ResolutionScore:
    score = ResolutionScore()
    paths = _document_paths(folder)
    for name, items in _by_document(golds).items():
        if name not in paths:
            raise UserInputError(str(folder), f"gold document {name!r} is not in this folder")
        document = read_gold_document(paths[name])
        quotations = _gold_quotations(document.text, document)
        resolver.resolve(document.text, quotations)
        for gold in items:
            mention = next(
                (
                    q.speaker
                    for q in quotations
                    if q.speaker
                    and (q.speaker.spans[0].start, q.speaker.spans[-1].end)
                    == (gold.span.start, gold.span.end)
                ),
                None,
            )
            score.add(gold, mention.entity if mention else None)
        if on_document is not None:
            on_document()
    return score


def evaluate_end_to_end(
    golds: list[GoldReferent],
    folder: Path,
    pipeline: Any,
    on_document: Callable[[], None] | None = None,
) -> ResolutionScore:
    score = ResolutionScore()
    paths = _document_paths(folder)
    grouped = _by_document(golds)
    documents = []
    for name in grouped:
        if name not in paths:
            raise UserInputError(str(folder), f"gold document {name!r} is not in this folder")
        documents.append(Document(text=read_gold_document(paths[name]).text, source=name))
    for extraction in pipeline.process(documents):
        predicted = [q.speaker for q in extraction.quotations if q.speaker]
        for gold in grouped[extraction.article.document.source]:
            overlapping = [m for m in predicted if any(s.overlaps(gold.span) for s in m.spans)]
            best = max(overlapping, key=lambda m: _overlap(m, gold.span), default=None)
            score.add(gold, best.entity if best else None, covered=best is not None)
        if on_document is not None:
            on_document()
    return score


def _overlap(mention: Mention, span: Span) -> int:
    return sum(max(0, min(s.end, span.end) - max(s.start, span.start)) for s in mention.spans)
