"""Mutated HTML, feeds, WARC, JSONL and gzip bytes fed to every reader: nothing escapes.

The only exception a reader may raise is the documented UserInputError, and only in strict
mode; otherwise every kind of damage becomes a reported problem. Examples are derandomised
so that a run is repeatable.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from saidwhat.errors import UserInputError
from saidwhat.ingest import IngestOptions, ReadContext, Source, get_reader, read_source
from saidwhat.records import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
FUZZ = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def small_warc(compress: bool) -> bytes:
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=compress)
    for index, name in enumerate(("layout-a.html", "layout-b.html")):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{index}",
                "response",
                payload=io.BytesIO((FIXTURES / name).read_bytes()),
                http_headers=headers,
            )
        )
    return stream.getvalue()


SEEDS = {
    "html": ("page.html", (FIXTURES / "layout-a.html").read_bytes()),
    "feed": ("feed.rss", (FIXTURES / "feed.rss").read_bytes()),
    "atom": ("feed.atom", (FIXTURES / "feed.atom").read_bytes()),
    "warc": ("crawl.warc", small_warc(compress=False)),
    "warc.gz": ("crawl.warc.gz", small_warc(compress=True)),
    "jsonl": ("dump.jsonl", (FIXTURES / "articles.jsonl").read_bytes()),
    "gzip": ("dump.jsonl.gz", gzip.compress((FIXTURES / "articles.jsonl").read_bytes())),
    "text": (
        "article.txt",
        (FIXTURES.parents[2].parent / "shared" / "seeds" / "000_75861da35d80617c.txt").read_bytes(),
    ),
}
READERS = ("text", "html", "feed", "warc", "jsonl", "gzip")


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("flip", "delete", "insert", "truncate", "duplicate")))
        if not data:
            data.extend(draw(st.binary(max_size=64)))
            continue
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "truncate":
            del data[at:]
        else:
            length = draw(st.integers(1, 400))
            data[at:at] = data[at : at + length]
    return bytes(data)


def drain(read: object, source: Source, strict: bool) -> list[Document]:
    context = ReadContext(options=IngestOptions(strict=strict))
    try:
        documents = list(read(source, context))  # type: ignore[operator]
    except UserInputError:
        if not strict:
            raise
        return []
    assert all(isinstance(d, Document) and isinstance(d.text, str) for d in documents)
    return documents


@pytest.mark.parametrize("seed_name", sorted(SEEDS))
@FUZZ
@given(data=st.data())
def test_mutated_input_to_every_reader(seed_name: str, data: st.DataObject) -> None:
    name, seed = SEEDS[seed_name]
    payload = data.draw(mutated(seed))
    # The reader its name calls for, a reader picked by content, and every other reader.
    drain(read_source, Source.from_bytes(name, payload), strict=False)
    drain(read_source, Source.from_bytes(name, payload), strict=True)
    reader = data.draw(st.sampled_from(READERS))
    drain(get_reader(reader).read, Source.from_bytes(name, payload), strict=False)


@FUZZ
@given(payload=st.binary(max_size=2048))
def test_binary_junk_to_every_reader(payload: bytes) -> None:
    for reader in READERS:
        drain(get_reader(reader).read, Source.from_bytes("junk", payload), strict=False)
        drain(get_reader(reader).read, Source.from_bytes("junk", payload), strict=True)
