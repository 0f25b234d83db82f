"""The registry of input readers and the path walker that dispatches to them."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from saidwhat.errors import UserInputError
from saidwhat.records import Document

ReadFunction = Callable[[Path], Iterator[Document]]


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    read: ReadFunction


_READERS: dict[str, Reader] = {}
# Modules that register readers on import; a new input kind is a new module listed here.
_READER_MODULES = ("saidwhat.ingest.text",)


def register(name: str, suffixes: Iterable[str]) -> Callable[[ReadFunction], ReadFunction]:
    def decorator(function: ReadFunction) -> ReadFunction:
        _READERS[name] = Reader(name, tuple(s.lower() for s in suffixes), function)
        return function

    return decorator


def _load_readers() -> dict[str, Reader]:
    for module in _READER_MODULES:
        importlib.import_module(module)
    return _READERS


def registered_formats() -> list[str]:
    return sorted(_load_readers())


def reader_for(path: Path, format_name: str | None = None) -> Reader | None:
    readers = _load_readers()
    if format_name:
        if format_name not in readers:
            raise UserInputError(str(path), f"unknown format {format_name!r}")
        return readers[format_name]
    name = path.name.lower()
    best: Reader | None = None
    best_length = 0
    for reader in readers.values():
        for suffix in reader.suffixes:
            if name.endswith(suffix) and len(suffix) > best_length:
                best, best_length = reader, len(suffix)
    return best


def expand_paths(paths: Iterable[str]) -> Iterator[Path]:
    """Files named directly, and the readable files under folders, in a stable order.

    A named file that does not exist is a user error; files of unknown kind inside a
    folder are skipped, since folders often hold other things.
    """
    for raw in paths:
        if raw == "-":
            yield Path("-")
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not child.name.startswith(".") and reader_for(child) is not None:
                    yield child
        elif path.exists():
            yield path
        else:
            raise UserInputError(raw, "no such file or folder")


def read_documents(paths: Iterable[str], format_name: str | None = None) -> Iterator[Document]:
    from saidwhat.ingest.text import read_stdin

    for path in expand_paths(paths):
        if str(path) == "-":
            yield from read_stdin()
            continue
        reader = reader_for(path, format_name)
        if reader is None:
            raise UserInputError(str(path), "unsupported file type (expected .txt)")
        yield from reader.read(path)
