"""Readers and the fixed train / held-out splits for the German base layer.

Every split here is deterministic (by position in the source file, never random), so the
training command and ``saidwhat eval base`` always agree on what was held out:

- UD German GSD dev: odd sentences (1st, 3rd, ...) train, even-indexed ones (2nd, 4th, ...)
  are held out for tags, morphology and lemmas;
- UD German PUD: the first 900 sentences train, the last 100 pick the best checkpoint;
- GermEval 2014 dev: odd sentences train (every 10th of them picks the checkpoint), even ones
  are held out for NER;
- SmartData v1 train (minus v3 dev/test): trains NER; SmartData v3 dev is a second NER test;
- wikinews-de-quotes *train*: every 5th article (sorted by file name) is held out for
  sentence boundaries and tokens; the other articles' text is tagged by HanTa as silver
  data. The wikinews *dev* split is never read here.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from saidwhat.errors import UserInputError


@dataclass
class UDToken:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    space_after: bool


@dataclass
class UDSentence:
    sent_id: str
    tokens: list[UDToken] = field(default_factory=list)


def space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


@dataclass
class ConlluBlock:
    """One sentence of a CoNLL-U file: its ``# key = value`` comments and its ten-column
    token rows (empty nodes, ids with a ".", left out; multiword ranges kept)."""

    comments: dict[str, str]
    rows: list[list[str]]


def conllu_value(column: str) -> str:
    """A CoNLL-U column's value, "" where the file writes "_" (unspecified)."""
    return "" if column == "_" else column


def read_conllu_blocks(path: Path) -> Iterator[ConlluBlock]:
    """The sentences of a CoNLL-U file (gzipped or not); a malformed row is named by file and line."""
    opener = gzip.open if path.suffix == ".gz" else open
    comments: dict[str, str] = {}
    rows: list[list[str]] = []
    with opener(path, "rt", encoding="utf-8") as stream:
        for number, raw in enumerate(stream, 1):
            line = raw.rstrip("\n")
            if not line:
                if rows:
                    yield ConlluBlock(comments, rows)
                comments, rows = {}, []
                continue
            if line.startswith("#"):
                key, sep, value = line[1:].partition("=")
                if sep:
                    comments[key.strip()] = value.strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise UserInputError(f"{path}:{number}", "not a CoNLL-U token line")
            if "." not in cols[0]:
                rows.append(cols)
    if rows:
        yield ConlluBlock(comments, rows)


def read_conllu(path: Path) -> Iterator[UDSentence]:
    """Surface tokens of a CoNLL-U file; a contraction ("zum" = zu + dem) becomes one token
    tagged APPRART/ADP with the preposition's lemma and the article's features."""
    for block in read_conllu_blocks(path):
        sentence = UDSentence(sent_id=block.comments.get("sent_id", ""))
        pending: tuple[int, int, str, str] | None = None  # (first id, last id, form, misc)
        parts: list[list[str]] = []
        for cols in block.rows:
            if "-" in cols[0]:
                first, last = (int(x) for x in cols[0].split("-"))
                pending, parts = (first, last, cols[1], cols[9]), []
                continue
            if pending is not None:
                parts.append(cols)
                if int(cols[0]) == pending[1]:
                    head, tail = parts[0], parts[-1]
                    sentence.tokens.append(
                        UDToken(
                            pending[2],
                            head[2],
                            head[3],
                            "APPRART" if head[4] == "APPR" else head[4],
                            conllu_value(tail[5]),
                            space_after(pending[3]),
                        )
                    )
                    pending = None
                continue
            sentence.tokens.append(
                UDToken(
                    cols[1],
                    cols[2],
                    cols[3],
                    conllu_value(cols[4]),
                    conllu_value(cols[5]),
                    space_after(cols[9]),
                )
            )
        if sentence.tokens:
            yield sentence


@dataclass
class NERSentence:
    words: list[str]
    labels: list[str]  # BIO with PER/ORG/LOC/MISC


GERMEVAL_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}


def read_token_columns(path: Path, name: str) -> Iterator[list[list[str]]]:
    """Sentences of a gzipped tab-separated NER file (GermEval, UNER): each a list of
    (index, token, tag, ...) rows; a blank line ends a sentence, ``#`` lines are comments,
    and a row of fewer than three columns is named by file and line."""
    rows: list[list[str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for number, raw in enumerate(stream, 1):
            line = raw.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line:
                if rows:
                    yield rows
                rows = []
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                raise UserInputError(f"{path}:{number}", f"not a {name} token line")
            rows.append(cols)
    if rows:
        yield rows


def read_germeval(path: Path) -> Iterator[NERSentence]:
    """GermEval 2014 TSV, outer layer only; *deriv / *part classes become O (as in UD)."""
    for rows in read_token_columns(path, "GermEval"):
        labels = []
        for cols in rows:
            prefix, _, kind = cols[2].partition("-")
            mapped = GERMEVAL_TYPES.get(kind)
            labels.append(f"{prefix}-{mapped}" if mapped else "O")
        yield NERSentence([cols[1] for cols in rows], labels)


SMARTDATA_TYPES = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
    "location-route": "LOC",
}


@dataclass
class CharDoc:
    """A text with character-offset entity spans (SmartData)."""

    doc_id: str
    source: str
    text: str
    entities: list[tuple[int, int, str]]


def read_smartdata(path: Path) -> Iterator[CharDoc]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            try:
                record = json.loads(line)
                text = record["text"]["string"]
                mentions = (record.get("conceptMentions") or {}).get("array") or []
            except (ValueError, KeyError, TypeError) as error:
                raise UserInputError(f"{path}:{number}", f"not a SmartData document ({error})") from None
            entities = []
            for mention in mentions:
                label = SMARTDATA_TYPES.get(mention["type"].lower().replace("_", "-"))
                if label:
                    entities.append((mention["span"]["start"], mention["span"]["end"], label))
            source = ((record.get("refids") or {}).get("map") or {}).get("source", "")
            yield CharDoc(record.get("id", str(number)), source, text, entities)


@dataclass
class SentenceDoc:
    """A wikinews article: its text and gold token/sentence boundaries."""

    name: str
    text: str
    tokens: list[tuple[int, int]]
    sentence_starts: set[int]  # character offsets where a sentence begins


def _skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def read_wikinews_sentences(path: Path) -> SentenceDoc:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        tokens = [(t["charBegin"], t["charEnd"]) for t in record["tokens"]]
        text = record["originalText"]
        # Some gold sentences begin with the line break before them: count the first
        # visible character, as for predicted sentences.
        starts = {_skip_space(text, s["charBegin"]) for s in record["sentences"]}
        return SentenceDoc(path.name, text, tokens, starts)
    except (OSError, ValueError, KeyError) as error:
        raise UserInputError(str(path), f"not a wikinews-de-quotes article ({error})") from None


def wikinews_train_split(folder: Path) -> tuple[list[Path], list[Path]]:
    """(silver-text articles, held-out articles) of wikinews-de-quotes/train."""
    if folder.name == "dev":
        raise UserInputError(str(folder), "the wikinews dev split is the quotation model's: not used here")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise UserInputError(str(folder), "no wikinews-de-quotes articles found")
    held_out = [f for i, f in enumerate(files) if i % 5 == 0]
    rest = [f for i, f in enumerate(files) if i % 5 != 0]
    return rest, held_out


def gsd_split(path: Path) -> tuple[list[UDSentence], list[UDSentence]]:
    """(train, held-out) halves of UD German GSD dev."""
    sentences = list(read_conllu(path))
    return sentences[0::2], sentences[1::2]


def pud_split(path: Path) -> tuple[list[UDSentence], list[UDSentence]]:
    """(train, checkpoint-selection) parts of UD German PUD."""
    sentences = list(read_conllu(path))
    return sentences[:900], sentences[900:]


def germeval_split(path: Path) -> tuple[list[NERSentence], list[NERSentence], list[NERSentence]]:
    """(train, checkpoint-selection, held-out) parts of GermEval 2014 dev."""
    sentences = list(read_germeval(path))
    train_half, held_out = sentences[0::2], sentences[1::2]
    tune = train_half[0::10]
    train = [s for i, s in enumerate(train_half) if i % 10 != 0]
    return train, tune, held_out
