"""Where bytes come from: a named, re-openable binary stream that counts what it hands out.

Readers never see paths, so a gzip member, standard input or a fetched page is read by the
same code as a file; the count drives the progress bar without a second pass over the input.
"""

from __future__ import annotations

import io
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

SNIFF_BYTES = 4096
# What reading a damaged file raises: truncated or corrupt gzip, I/O failures.
READ_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error)


@dataclass
class ByteCounter:
    value: int = 0


class CountingReader(io.RawIOBase):
    """A read-only stream that adds every byte read from ``inner`` to ``counter``."""

    def __init__(self, inner: BinaryIO, counter: ByteCounter) -> None:
        super().__init__()
        self._inner = inner
        self._counter = counter
        self._position = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        # warcio asks for the position to report record offsets; the stream never seeks.
        return self._position

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        # read1 hands over what is there: a full read of a truncated gzip stream would raise
        # and lose the data decompressed before the damage.
        read = getattr(self._inner, "read1", self._inner.read)
        data = read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        self._counter.value += len(data)
        self._position += len(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
        super().close()


class _Prefixed(io.RawIOBase):
    """Bytes already taken from a one-shot stream, then the rest of it; never closes it."""

    def __init__(self, prefix: bytes, inner: BinaryIO) -> None:
        super().__init__()
        self._prefix = prefix
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            data, self._prefix = self._prefix[: len(buffer)], self._prefix[len(buffer) :]
        else:
            data = self._inner.read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        return len(data)


@dataclass
class Source:
    """One input: ``name`` locates it in messages and picks a reader by its suffix."""

    name: str
    opener: Callable[[], BinaryIO]
    size: int | None = None
    url: str | None = None
    counter: ByteCounter = field(default_factory=ByteCounter)
    peeker: Callable[[], bytes] | None = None
    # The name whose suffix picks a reader, where it differs from ``name`` (a gzip member).
    kind_name: str | None = None

    @classmethod
    def from_path(cls, path: Path) -> Source:
        try:
            size: int | None = path.stat().st_size
        except OSError:
            size = None
        return cls(name=str(path), opener=lambda: path.open("rb"), size=size)

    @classmethod
    def from_bytes(cls, name: str, data: bytes, url: str | None = None) -> Source:
        return cls(name=name, opener=lambda: io.BytesIO(data), size=len(data), url=url)

    @classmethod
    def stdin(cls) -> Source:
        # Standard input can be read once only: its head is kept for sniffing and handed
        # out again in front of the rest.
        taken: list[bytes] = []

        def peek() -> bytes:
            if not taken:
                taken.append(sys.stdin.buffer.read(SNIFF_BYTES))
            return taken[0]

        def opener() -> BinaryIO:
            return _Prefixed(peek(), sys.stdin.buffer)  # type: ignore[return-value]

        return cls(name="-", opener=opener, peeker=peek)

    def head(self) -> bytes:
        """The first bytes, for choosing a reader."""
        if self.peeker is not None:
            return self.peeker()
        with self.opener() as stream:
            return stream.read(SNIFF_BYTES)

    def open(self) -> io.BufferedReader:
        """A buffered stream whose ``peek`` lets readers sniff without seeking."""
        return io.BufferedReader(CountingReader(self.opener(), self.counter), buffer_size=256 * 1024)


def read_limited(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes, and whether more were left (the input is too large)."""
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def describe_error(error: BaseException) -> str:
    """A short reason for a message line: the OS's words where it has them."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    if isinstance(error, EOFError):
        return "truncated (unexpected end of data)"
    text = str(error) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."
