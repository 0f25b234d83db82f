"""The registry of input readers and the walker that dispatches inputs to them.

A reader is a function ``(Source, ReadContext) -> Iterator[Document]`` registered under a
format name with the file suffixes it claims. An input's reader is the one named by
``--format``, else the one whose suffix its name ends with, else the one its first bytes
point to (see :mod:`saidwhat.ingest.sniff`). Everything is lazy: a folder is walked, and a
file read, only as far as the consumer pulls Documents.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from saidwhat.errors import UserInputError
from saidwhat.ingest.context import IngestOptions, IngestStats, Problem, ReadContext
from saidwhat.ingest.dedup import Deduplicator
from saidwhat.ingest.sniff import sniff_format
from saidwhat.ingest.source import READ_ERRORS, Source, describe_error
from saidwhat.records import Document

ReadFunction = Callable[[Source, ReadContext], Iterator[Document]]


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    read: ReadFunction


_READERS: dict[str, Reader] = {}
# Modules that register readers on import; a new input kind is a new module listed here.
_READER_MODULES = (
    "saidwhat.ingest.text",
    "saidwhat.ingest.html",
    "saidwhat.ingest.feeds",
    "saidwhat.ingest.warc",
    "saidwhat.ingest.jsonl",
    "saidwhat.ingest.gzipped",
)
# Suffixes that say too little to pick a reader: the content decides.
_GENERIC_SUFFIXES = (".xml",)


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


def get_reader(name: str) -> Reader:
    readers = _load_readers()
    if name not in readers:
        raise UserInputError("--format", f"unknown format {name!r} (known: {', '.join(sorted(readers))})")
    return readers[name]


def reader_for(path: Path | str, format_name: str | None = None) -> Reader | None:
    """The reader a name calls for by its suffix (the longest match wins), or None."""
    if format_name:
        return get_reader(format_name)
    readers = _load_readers()
    name = str(path).lower()
    best: Reader | None = None
    best_length = 0
    for reader in readers.values():
        for suffix in reader.suffixes:
            if name.endswith(suffix) and len(suffix) > best_length:
                best, best_length = reader, len(suffix)
    return best


def choose_reader(source: Source, head: bytes, format_name: str | None = None) -> Reader | None:
    """By ``--format``, else by suffix, else by content; gzip and WARC magic beat a suffix."""
    if format_name:
        return get_reader(format_name)
    kind_name = source.kind_name or source.name
    by_suffix = reader_for(kind_name)
    sniffed = sniff_format(head)
    if sniffed in ("gzip", "warc") and (by_suffix is None or by_suffix.name not in ("warc", "jsonl", "gzip")):
        return get_reader(sniffed)
    if by_suffix is not None and not kind_name.lower().endswith(_GENERIC_SUFFIXES):
        return by_suffix
    return get_reader(sniffed) if sniffed else None


def expand_paths(paths: Iterable[str]) -> Iterator[Path]:
    """Files named directly, and the readable files under folders, in a stable order (no URLs).

    A named file that does not exist is a user error; files of unknown kind inside a
    folder are skipped, since folders often hold other things.
    """
    for raw in paths:
        if raw == "-":
            yield Path(raw)
            continue
        if raw.startswith(("http://", "https://")):
            continue  # not a file: read_documents fetches it when a fetcher is given
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = child.relative_to(path).parts
                if not any(part.startswith(".") for part in relative) and reader_for(child) is not None:
                    yield child
        elif path.exists():
            yield path
        else:
            raise UserInputError(raw, "no such file or folder")


def sources_for(paths: Iterable[str], options: IngestOptions) -> Iterator[Source]:
    for raw in paths:
        if raw == "-":
            yield Source.stdin()
        elif raw.startswith(("http://", "https://")):
            if options.fetcher is None:
                raise UserInputError(raw, "reading a URL needs --fetch")
            yield options.fetcher.source(raw)
        else:
            yield from (Source.from_path(p) for p in expand_paths([raw]))


def read_source(source: Source, context: ReadContext) -> Iterator[Document]:
    """The Documents of one input; bad input becomes problems, never an escaping exception."""
    try:
        head = source.head()
    except READ_ERRORS as error:
        context.problem(source.name, None, f"cannot read ({describe_error(error)})")
        return
    if not head and context.options.format is None:
        context.problem(source.name, None, "empty file")
        return
    reader = choose_reader(source, head, context.options.format)
    if reader is None:
        context.problem(source.name, None, "unrecognised content (binary, not a supported format)")
        return
    try:
        yield from reader.read(source, context)
    except UserInputError:
        raise
    except Exception as error:
        # Readers turn the damage they know into problems (the fuzz tests hold them to it);
        # this boundary keeps a library's surprise on one odd file from ending a long run.
        context.problem(source.name, None, f"unreadable ({type(error).__name__}: {describe_error(error)})")


def read_documents(
    paths: Iterable[str],
    format_name: str | None = None,
    *,
    options: IngestOptions | None = None,
    stats: IngestStats | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> Iterator[Document]:
    """Documents of files, folders, ``-`` (standard input) and, with a fetcher, URLs.

    With ``options.strict`` (the default) the first bad input raises UserInputError;
    otherwise each problem goes to ``on_problem`` and the run goes on. Documents whose
    normalised text was seen before are dropped (``options.dedup``).
    """
    options = options or IngestOptions(format=format_name)
    if format_name and options.format is None:
        options.format = format_name
    if options.format:
        get_reader(options.format)
    context = ReadContext(options=options, stats=stats or IngestStats(), on_problem=on_problem)
    dedup = Deduplicator() if options.dedup else None
    for source in sources_for(paths, options):
        context.stats.files += 1
        context.stats.position = lambda source=source: source.counter.value
        for document in read_source(source, context):
            if not document.text.strip():
                unit = "byte" if document.format == "warc" else "line"
                context.problem(source.name, document.record_offset, "empty record", unit)
                continue
            if dedup is not None and not dedup.first_time(document):
                context.stats.duplicates += 1
                continue
            context.stats.documents += 1
            yield document
        context.stats.bytes_done += source.size or source.counter.value
        context.stats.position = lambda: 0
