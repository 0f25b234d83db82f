"""What a reader gets besides its input: options, counters, and where problems go.

A reader reports bad input through :meth:`ReadContext.problem` and carries on with the next
record where it can; the context either records the problem (the default of the CLI) or, in
strict mode, raises it as a UserInputError that ends the run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from saidwhat.errors import UserInputError

if TYPE_CHECKING:
    from saidwhat.ingest.archive import PageArchive
    from saidwhat.ingest.fetch import Fetcher

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class JsonlFields:
    """Which keys of a JSON line hold what; dotted keys reach into nested objects."""

    text: str = "text"
    html: str = "html"
    url: str = "url"
    title: str = "title"
    date: str = "date"
    outlet: str = "outlet"
    authors: str = "authors"

    @classmethod
    def parse(cls, spec: str) -> JsonlFields:
        """``"text=body,url=link"``: our name = their key, comma-separated."""
        values: dict[str, str] = {}
        known = set(cls.__dataclass_fields__)
        for part in (p.strip() for p in spec.split(",") if p.strip()):
            name, sep, key = part.partition("=")
            name, key = name.strip(), key.strip()
            if not sep or not key or name not in known:
                raise UserInputError(
                    "--jsonl-fields",
                    f"expected NAME=KEY with NAME one of {', '.join(sorted(known))}, got {part!r}",
                )
            values[name] = key
        return cls(**values)


@dataclass
class IngestOptions:
    format: str | None = None
    jsonl_fields: JsonlFields = field(default_factory=JsonlFields)
    fetcher: Fetcher | None = None
    archive: PageArchive | None = None
    dedup: bool = True
    strict: bool = True
    max_document_bytes: int = MAX_DOCUMENT_BYTES


@dataclass(frozen=True)
class Problem:
    """Bad input: the file, where in it (a line or item number, or a byte offset) and what.

    Written ``FILE:N`` for line and item numbers (1-based, as editors count) and ``FILE@N``
    for byte offsets into archives, where ``dd``/``warcio extract`` can seek to the record.
    """

    source: str
    offset: int | None
    message: str
    unit: str = "line"

    @property
    def location(self) -> str:
        if self.offset is None:
            return self.source
        return f"{self.source}{'@' if self.unit == 'byte' else ':'}{self.offset}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class IngestStats:
    files: int = 0
    records: int = 0
    documents: int = 0
    duplicates: int = 0
    problems: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    bytes_done: int = 0
    # Bytes read of the file being read now; the progress bar adds it to bytes_done.
    position: Callable[[], int] = lambda: 0

    def summary(self) -> str:
        parts = [
            f"{self.files} file{'s' * (self.files != 1)}",
            f"{self.records} records",
            f"{self.documents} articles",
            f"{self.duplicates} duplicates skipped",
            f"{self.problems} errors",
        ]
        text = ", ".join(parts)
        if self.skipped:
            text += (
                " (not articles: " + ", ".join(f"{n} {why}" for why, n in self.skipped.most_common()) + ")"
            )
        return text


@dataclass
class ReadContext:
    options: IngestOptions = field(default_factory=IngestOptions)
    stats: IngestStats = field(default_factory=IngestStats)
    on_problem: Callable[[Problem], None] | None = None

    def record(self) -> None:
        self.stats.records += 1

    def skip(self, reason: str) -> None:
        """A record that is fine but holds no article (a request, an image, an index page)."""
        self.stats.skipped[reason] += 1

    def problem(self, source: str, offset: int | None, message: str, unit: str = "line") -> None:
        problem = Problem(source, offset, message, unit)
        self.stats.problems += 1
        if self.options.strict:
            raise UserInputError(problem.location, message)
        if self.on_problem is not None:
            self.on_problem(problem)
