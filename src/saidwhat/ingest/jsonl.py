"""JSON Lines dumps from other tools, one article per line, with a configurable field mapping.

Each line is an object; ``--jsonl-fields`` says which keys hold the text (or the HTML),
the URL, title, date, outlet and authors, e.g. ``text=body,url=link,date=meta.published``.
A line that is not a JSON object, or has neither text nor HTML, is a problem that names its
line number; the lines after it are read as usual. Lines are read one at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from saidwhat.article.dates import parse_date
from saidwhat.ingest.context import JsonlFields, ReadContext
from saidwhat.ingest.html import html_document
from saidwhat.ingest.registry import register
from saidwhat.ingest.source import Source
from saidwhat.records import Document

_CHUNK = 1024 * 1024


def lookup(record: dict[str, Any], key: str) -> Any:
    """``record[key]``, where a dotted key walks into nested objects."""
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; a line over ``limit`` bytes comes as None and is skipped."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # read past the rest of the long line without keeping it
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip()]
    return []


@register("jsonl", suffixes=(".jsonl", ".ndjson", ".jsonlines"))
def read_jsonl(source: Source, context: ReadContext) -> Iterator[Document]:
    fields = context.options.jsonl_fields
    limit = context.options.max_document_bytes
    with source.open() as stream:
        for number, line in _lines(stream, limit):
            if line is None:
                context.record()
                context.problem(source.name, number, f"line longer than {limit} bytes")
                continue
            if not line.strip():
                continue
            context.record()
            document = _line_document(line, number, fields, source, context)
            if document is not None:
                yield document


def _line_document(
    line: bytes, number: int, fields: JsonlFields, source: Source, context: ReadContext
) -> Document | None:
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        context.problem(source.name, number, "not valid UTF-8")
        return None
    except (ValueError, RecursionError) as error:
        context.problem(source.name, number, f"not valid JSON ({str(error)[:80]})")
        return None
    if not isinstance(record, dict):
        context.problem(source.name, number, "not a JSON object")
        return None
    url = _text(lookup(record, fields.url))
    date = lookup(record, fields.date)
    stated: dict[str, Any] = {
        "headline": " ".join(_text(lookup(record, fields.title)).split()),
        "authors": _authors(lookup(record, fields.authors)),
        "published": parse_date(str(date)) if isinstance(date, str | int) else None,
        "outlet": _text(lookup(record, fields.outlet)).strip(),
        "url": url,
    }
    text = _text(lookup(record, fields.text))
    html = _text(lookup(record, fields.html))
    if html.strip() and not text.strip():
        document = html_document(
            html, source=source.name, context=context, url=url, offset=number, fmt="jsonl"
        )
        if document is not None:
            for key, value in stated.items():
                if value and not document.metadata.get(key):
                    document.metadata[key] = value
        return document
    if not text.strip():
        context.problem(source.name, number, f"no text (looked for {fields.text!r} and {fields.html!r})")
        return None
    return Document(
        text=text,
        source=source.name,
        format="jsonl",
        record_offset=number,
        url=url or None,
        metadata={k: v for k, v in stated.items() if v},
    )
