"""Gold records, and the reader for the wikinews-de-quotes format (one JSON file per article)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from saidwhat.errors import UserInputError
from saidwhat.records import ROLE_NAMES


@dataclass
class GoldToken:
    start: int
    end: int
    sentence: int


@dataclass
class GoldQuotation:
    type: str
    medium: str
    roles: dict[str, set[int]]  # role -> token ids
    role_chars: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    nested: bool = False  # inside another quotation's quote (the corpus marks these)


@dataclass
class GoldDocument:
    name: str
    path: Path
    text: str
    tokens: list[GoldToken]
    quotations: list[GoldQuotation]
    # The roles the corpus annotates: the metric ignores predictions of the others.
    parts: tuple[str, ...] = ROLE_NAMES


def read_gold_document(path: Path) -> GoldDocument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UserInputError(str(path), f"not a wikinews-de-quotes JSON file ({error})") from None
    tokens = [GoldToken(t["charBegin"], t["charEnd"], t.get("sentence", 0)) for t in data["tokens"]]
    quotations = []
    for annotation in data.get("annotations", []):
        roles = {name: set(annotation.get(name, {}).get("tokenIds", [])) for name in ROLE_NAMES}
        chars = {
            name: [(s["charBegin"], s["charEnd"]) for s in annotation.get(name, {}).get("spans", [])]
            for name in ROLE_NAMES
        }
        quotations.append(
            GoldQuotation(
                annotation["type"],
                annotation.get("medium", ""),
                roles,
                chars,
                bool(annotation.get("isNested")),
            )
        )
    return GoldDocument(data.get("documentName", path.stem), path, data["originalText"], tokens, quotations)


def read_gold_folder(folder: Path) -> Iterator[GoldDocument]:
    if not folder.is_dir():
        raise UserInputError(str(folder), "not a folder of wikinews-de-quotes JSON files")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise UserInputError(str(folder), "no .json files in this folder")
    for path in files:
        yield read_gold_document(path)
