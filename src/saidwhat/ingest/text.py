"""Plain-text input: the whole file is the body, so offsets index the file's own text."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from saidwhat.errors import UserInputError
from saidwhat.ingest.registry import register
from saidwhat.records import Document


def decode_text(raw: bytes, location: str) -> str:
    if b"\x00" in raw[:8192]:
        raise UserInputError(location, "binary file, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UserInputError(f"{location}:{line}", "not valid UTF-8") from None
    # Kept as read, byte-order mark included: offsets must index the file's own text.
    return text


@register("text", suffixes=(".txt",))
def read_text_file(path: Path) -> Iterator[Document]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UserInputError(str(path), f"cannot read ({error.strerror})") from None
    yield Document(text=decode_text(raw, str(path)), source=str(path), format="text")


def read_stdin() -> Iterator[Document]:
    raw = sys.stdin.buffer.read()
    yield Document(text=decode_text(raw, "<stdin>"), source="-", format="text")
