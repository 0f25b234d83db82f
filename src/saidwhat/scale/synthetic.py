"""Short generated German news articles with quotations, for the Spark tests and benchmark.

The texts are written here from templates (no outside text), deterministic for a seed, and
deliberately repetitive in one way: agencies' quotes are reprinted by several outlets, so
the near-duplicate step has something to group.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

FIRST = (
    "Anna",
    "Jonas",
    "Miriam",
    "Peter",
    "Sabine",
    "Tobias",
    "Elif",
    "Karl",
    "Lea",
    "Rainer",
    "Nora",
    "Felix",
)
LAST = ("Berger", "Lindner", "Hoffmann", "Yilmaz", "Krause", "Seidel", "Vogt", "Brandt", "Hartmann", "Kühn")
ROLES = ("Bürgermeisterin", "Landrat", "Ministerin", "Sprecher", "Vorsitzende", "Direktor", "Stadträtin")
PLACES = ("Kirchhafen", "Lindenau", "Bergfeld", "Altmünde", "Rosental", "Weidbach")
TOPICS = (
    ("das neue Fährterminal", "den Hafen"),
    ("die Sanierung der Schulen", "die Schulen"),
    ("den Ausbau der Radwege", "den Verkehr"),
    ("die Klinikreform", "die Kliniken"),
    ("den Haushalt für das kommende Jahr", "die Finanzen"),
    ("die Wohnungsnot in der Innenstadt", "den Wohnungsbau"),
)
OUTLETS = ("Kirchhafener Rundschau", "Lindenauer Bote", "Bergfelder Tageblatt", "Altmünder Kurier")
CUES = ("sagte", "erklärte", "betonte", "kritisierte", "warnte")
STATEMENTS = (
    "Wir investieren in die Zukunft unserer Stadt",
    "Das Projekt kommt zu spät und kostet zu viel",
    "Wir nehmen die Sorgen der Bürger sehr ernst",
    "Ohne Hilfe des Landes schaffen wir das nicht",
    "Die Pläne liegen seit Monaten auf dem Tisch",
    "Niemand hat uns vorher gefragt",
    "Wir werden im Herbst mit dem Bau beginnen",
    "Das ist ein guter Tag für die ganze Region",
)
INDIRECT = (
    "die Stadt habe die Folgen nicht ausreichend geprüft",
    "das Land müsse mehr Geld bereitstellen",
    "die Arbeiten seien im Zeitplan",
    "man werde ein zweites Gutachten erstellen lassen",
)


@dataclass(frozen=True)
class SyntheticDocument:
    name: str
    text: str
    outlet: str
    published: datetime


def _person(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return first, last, rng.choice(ROLES)


def _article(rng: random.Random, index: int, statement: str) -> SyntheticDocument:
    first, last, role = _person(rng)
    critic_first, critic_last, _ = _person(rng)
    place = rng.choice(PLACES)
    topic, short = rng.choice(TOPICS)
    outlet = rng.choice(OUTLETS)
    published = datetime(2025, 3, 1, 8, 0) + timedelta(days=rng.randrange(6), minutes=17 * rng.randrange(40))
    cue = rng.choice(CUES)
    lines = [
        f"{place}: Streit um {short}",
        "",
        f"Von: {rng.choice(FIRST)} {rng.choice(LAST)} | {published:%d.%m.%Y, %H:%M}",
        "",
        f"In {place} wird über {topic} gestritten. {role} {first} {last} stellte die Pläne vor.",
        "",
        f'"{statement}", {cue} {last} am Montag.',
        "",
        f"Der Vorsitzende des Bürgervereins, {critic_first} {critic_last}, sagte, {rng.choice(INDIRECT)}.",
    ]
    if rng.random() < 0.5:
        lines += ["", f'{critic_last} erklärte: "{rng.choice(STATEMENTS)}."']
    lines += ["", f"Quelle: {outlet} (dpa)", ""]
    return SyntheticDocument(f"doc-{index:05d}", "\n".join(lines), outlet, published)


def generate(count: int, seed: int = 7) -> Iterator[SyntheticDocument]:
    """``count`` articles; about a third reprint an earlier article's quote, slightly edited."""
    rng = random.Random(seed)
    quotes: list[str] = []
    for index in range(count):
        if quotes and rng.random() < 0.35:
            statement = rng.choice(quotes)
            if rng.random() < 0.5:
                statement = statement.replace("sehr ", "").replace("ganze ", "")
        else:
            statement = f"{rng.choice(STATEMENTS)} in {rng.choice(PLACES)}"
            quotes.append(statement)
        yield _article(rng, index, statement)


def write_text_files(folder: Path, count: int, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in generate(count, seed):
        path = folder / f"{document.name}.txt"
        path.write_text(document.text, encoding="utf-8")
        paths.append(path)
    return paths


def write_jsonl(path: Path, count: int, seed: int = 7) -> Path:
    """The same articles as JSON lines with a ``text`` and an ``id`` field."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as sink:
        for document in generate(count, seed):
            sink.write(json.dumps({"id": document.name, "text": document.text}, ensure_ascii=False) + "\n")
    return path
