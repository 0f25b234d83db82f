"""Readers and fixed splits for the English base layer (UD EWT, UNER EWT, GUM).

- UD English EWT train trains tags, morphology, lemmas and the parse; EWT dev picks the
  checkpoint and is the held-out set for every token layer. The EWT test split is never read.
- GUM train, non-NC genres only (see ``GUM_GENRES``), trains PER/ORG/LOC; GUM dev (same
  genres) picks the NER checkpoint, so UNER EWT dev stays a clean NER test.
- UNER EWT dev (the EWT dev sentences with PER/ORG/LOC) is the held-out NER set.
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from saidwhat.errors import UserInputError
from saidwhat.training.base_data import (
    NERSentence,
    conllu_value,
    read_conllu_blocks,
    read_token_columns,
    space_after,
)

# GUM genres whose text licence allows commercial use (gum-en/LICENSE.txt): Wikinews
# news and interviews CC BY 2.5, Wikipedia bios and Wikivoyage CC BY-SA 3.0, academic and
# court CC BY 4.0. Fiction, whow, essays, letters and podcasts are CC BY-NC-SA, and
# conversation, speech, textbook and vlog have no licence line there: all left out.
GUM_GENRES = ("news", "interview", "bio", "voyage", "academic", "court")
GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
# TreeTagger tags of proper nouns in GUM's xml layer.
GUM_PROPER = frozenset({"NP", "NPS"})
# Lower-case words that may sit inside a name ("University of Texas", "Bosnia and Herzegovina").
NAME_JOINERS = frozenset({"of", "and", "&", "for", "de", "the", "-", "'s"})


@dataclass
class EWTToken:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 0-based index in the sentence; the root points at itself
    deprel: str
    space_after: bool


@dataclass
class EWTSentence:
    sent_id: str
    doc_id: str
    tokens: list[EWTToken] = field(default_factory=list)


def read_ewt(path: Path) -> Iterator[EWTSentence]:
    """Syntactic words of a CoNLL-U file, as spaCy's English tokenizer splits them:
    "don't" stays "do" + "n't" and only the last part keeps the multiword token's space."""
    doc_id = ""
    for block in read_conllu_blocks(path):
        doc_id = block.comments.get("newdoc id", doc_id)
        sentence = EWTSentence(block.comments.get("sent_id", ""), doc_id)
        last_of_range = 0
        range_space = True
        rows: list[list[str]] = []
        for cols in block.rows:
            if "-" in cols[0]:
                last_of_range = int(cols[0].split("-")[1])
                range_space = space_after(cols[9])
                continue
            if last_of_range and int(cols[0]) <= last_of_range:
                space = range_space if int(cols[0]) == last_of_range else False
            else:
                space = space_after(cols[9])
            rows.append(cols)
            sentence.tokens.append(
                EWTToken(
                    cols[1],
                    cols[2],
                    cols[3],
                    conllu_value(cols[4]),
                    conllu_value(cols[5]),
                    0,
                    cols[7],
                    space,
                )
            )
        index = {row[0]: i for i, row in enumerate(rows)}
        for row in rows:
            sentence.tokens[index[row[0]]].head = index[row[6]] if row[6] in index else index[row[0]]
        if sentence.tokens:
            yield sentence


def read_uner(path: Path) -> Iterator[NERSentence]:
    """UNER IOB2 (id, token, tag, ...); every label other than PER/ORG/LOC becomes O."""
    for rows in read_token_columns(path, "UNER"):
        labels = [cols[2] if cols[2].partition("-")[2] in {"PER", "ORG", "LOC"} else "O" for cols in rows]
        yield NERSentence([cols[1] for cols in rows], labels)


@dataclass
class GUMDoc:
    """One GUM document: tokens with their offsets, sentence starts and named entities."""

    name: str
    words: list[str]
    spaces: list[bool]
    sent_starts: list[bool]
    entities: list[tuple[int, int, str]]  # token [start, end) and PER/ORG/LOC


def _mentions(rows: list[list[str]]) -> dict[str, tuple[str, list[int]]]:
    """Entity id -> (GUM type, token indices) from the WebAnno entity column."""
    mentions: dict[str, tuple[str, list[int]]] = {}
    for i, row in enumerate(rows):
        if row[3] == "_":
            continue
        for j, value in enumerate(row[3].split("|")):
            kind, _, ident = value.partition("[")
            key = ident.rstrip("]") or f"single-{i}-{j}"
            mentions.setdefault(key, (kind, []))[1].append(i)
    return mentions


def _name_span(words: list[str], tags: list[str], tokens: list[int], head: int) -> tuple[int, int] | None:
    """The proper name a mention is headed by: the run of capitalised words around a
    proper-noun head (joiners such as "of" allowed inside), or None when the head is a
    common noun ("the mayor of London", "Obama's office")."""
    if tags[head] not in GUM_PROPER or not words[head][:1].isupper():
        return None
    first, last = tokens[0], tokens[-1] + 1
    start = head
    while start > first and words[start - 1][:1].isupper() and tags[start - 1] != "DT":
        start -= 1
    end, j = head + 1, head + 1
    while j < last:
        if words[j][:1].isupper():
            end = j = j + 1
        elif words[j] in NAME_JOINERS and j + 1 < last and words[j + 1][:1].isupper():
            j += 1
        else:
            break
    return start, end


def _mention_head(tokens: list[int], heads: list[int]) -> int:
    """The first token of a mention whose syntactic head lies outside it."""
    inside = set(tokens)
    return next((t for t in tokens if heads[t] not in inside), tokens[-1])


def _gum_heads(conllu: str) -> list[int]:
    """Document-level 0-based head of every token (the root points at itself)."""
    heads: list[int] = []
    offset = 0
    sentence: list[int] = []
    for line in [*conllu.splitlines(), ""]:
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            sentence.append(int(cols[6]))
        elif not line.strip() and sentence:
            heads += [offset + (h - 1 if h else i) for i, h in enumerate(sentence)]
            offset += len(sentence)
            sentence = []
    return heads


def _gum_doc(name: str, tsv: str, tags: list[str], heads: list[int]) -> GUMDoc:
    rows = [line.split("\t") for line in tsv.splitlines() if line and not line.startswith("#")]
    if not len(rows) == len(tags) == len(heads):
        counts = f"{len(rows)} tokens in coref_tsv, {len(tags)} in xml, {len(heads)} in conllu"
        raise UserInputError(name, counts)
    words = [row[2] for row in rows]
    offsets = [tuple(int(x) for x in row[1].split("-")) for row in rows]
    spaces = [offsets[i][1] < offsets[i + 1][0] for i in range(len(rows) - 1)] + [False]
    sent_starts = [row[0].endswith("-1") for row in rows]
    entities = []
    for kind, tokens in _mentions(rows).values():
        label = GUM_TYPES.get(kind)
        if label is None:
            continue
        ordered = sorted(set(tokens))
        span = _name_span(words, tags, ordered, _mention_head(ordered, heads))
        if span is not None:
            entities.append((span[0], span[1], label))
    return GUMDoc(name, words, spaces, sent_starts, entities)


def _xml_tags(xml: str) -> list[str]:
    """The POS column of GUM's TreeTagger-style xml (one token per tab-separated line)."""
    return [line.split("\t")[1] for line in xml.splitlines() if "\t" in line and not line.startswith("<")]


def read_gum(archive: Path, split: str, genres: tuple[str, ...] = GUM_GENRES) -> list[GUMDoc]:
    """GUM documents of one split ("train" or "dev") and the given genres, by name."""
    if split not in {"train", "dev"}:
        raise UserInputError(split, "GUM splits here are train and dev")
    texts: dict[str, str] = {}
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if len(parts) != 3 or parts[0] != split or parts[1] not in {"coref_tsv", "xml", "dep_conllu"}:
                continue
            genre = parts[2].split("_")[1] if parts[2].count("_") >= 2 else ""
            if genre not in genres:
                continue
            stream = tar.extractfile(member)
            if stream is not None:
                texts[f"{parts[1]}/{parts[2]}"] = io.TextIOWrapper(stream, encoding="utf-8").read()
    docs = []
    for key in sorted(k for k in texts if k.startswith("coref_tsv/")):
        stem = Path(key).stem
        xml = texts.get(f"xml/{stem}.xml")
        conllu = texts.get(f"dep_conllu/{stem}.conllu")
        if xml is None or conllu is None:
            raise UserInputError(str(archive), f"{stem}: no xml or dep_conllu layer")
        docs.append(_gum_doc(stem, texts[key], _xml_tags(xml), _gum_heads(conllu)))
    return docs
