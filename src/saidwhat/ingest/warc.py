"""WARC and WARC.gz crawl archives: one Document per HTML response (or resource) record.

Records are read one at a time from a stream, so an archive of any size is read in bounded
memory. Requests, metadata, redirects, images and the like are counted and passed over.
Damage (a truncated gzip member, a broken record header) ends the file with one problem
naming the offset of the last good record's end; what was read before it is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from saidwhat.article.dates import parse_iso
from saidwhat.ingest.context import ReadContext
from saidwhat.ingest.html import html_document
from saidwhat.ingest.registry import register
from saidwhat.ingest.source import READ_ERRORS, Source, describe_error, read_limited
from saidwhat.records import Document

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# What warcio raises on damaged input besides its own ArchiveLoadFailed: it trusts headers
# (a missing Target-URI reaches a method call on None, a bad length a failed int()).
_WARCIO_ERRORS: tuple[type[Exception], ...] = (
    *READ_ERRORS,
    ValueError,
    LookupError,
    AttributeError,
    TypeError,
)


def _content_type(record: Any) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.split(";")[0].strip().lower()


def _skip_reason(record: Any) -> str | None:
    """Why a record holds no page to read, or None when it is an HTML page."""
    if record.rec_type not in ("response", "resource"):
        return f"{record.rec_type} records"
    if record.rec_type == "response":
        if record.http_headers is None:
            return "responses without HTTP headers"
        status = record.http_headers.get_statuscode() or ""
        if status != "200":
            return "non-200 responses"
    if _content_type(record) not in _HTML_TYPES:
        return "non-HTML records"
    return None


@register("warc", suffixes=(".warc", ".warc.gz", ".arc", ".arc.gz"))
def read_warc(source: Source, context: ReadContext) -> Iterator[Document]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = context.options.max_document_bytes
    with source.open() as stream:
        records = ArchiveIterator(stream)
        # warcio writes its own multi-line warning to stderr for a record whose length is off;
        # it is counted in err_count and reported here as one problem line instead.
        records.INC_RECORD = ""
        warnings = 0
        iterator = iter(records)
        last: Any = None
        last_start = 0
        while True:
            good_end = records.offset
            try:
                record = next(iterator)
            except StopIteration:
                try:
                    _check_complete(source, context, records, last, stream.tell())
                except (ArchiveLoadFailed, *_WARCIO_ERRORS):
                    context.problem(source.name, records.offset, "damaged end of archive", unit="byte")
                return
            except (ArchiveLoadFailed, *_WARCIO_ERRORS) as error:
                message = f"damaged archive, rest of file skipped ({describe_error(error)})"
                context.problem(source.name, good_end, message, unit="byte")
                return
            if last is not None and _remaining(last):
                good_end = last_start  # the previous record ended early; reported below
                break
            if records.err_count > warnings:
                warnings = records.err_count
                message = "record length does not match its Content-Length"
                context.problem(source.name, last_start, message, unit="byte")
            last, last_start = record, good_end
            context.record()
            if not record.rec_type or record.length is None:
                message = "not a WARC record (no WARC-Type or Content-Length), rest of file skipped"
                context.problem(source.name, good_end, message, unit="byte")
                return
            try:
                reason = _skip_reason(record)
                if reason is not None:
                    context.skip(reason)
                    continue
                raw, too_large = read_limited(record.content_stream(), limit)
                truncated = not too_large and _remaining(record) > 0
                offset = records.get_record_offset()
            except (ArchiveLoadFailed, *_WARCIO_ERRORS) as error:
                message = f"damaged record, rest of file skipped ({describe_error(error)})"
                context.problem(source.name, good_end, message, unit="byte")
                return
            if truncated:
                break
            if too_large:
                context.problem(source.name, offset, f"record larger than {limit} bytes", unit="byte")
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            document = html_document(
                raw,
                source=source.name,
                context=context,
                url=url,
                offset=offset,
                fetched_at=_warc_date(record),
                fmt="warc",
                unit="byte",
            )
            if document is not None:
                yield document
        context.problem(source.name, good_end, "truncated record, rest of file skipped", unit="byte")


def _remaining(record: Any) -> int:
    """Bytes a record's Content-Length promised that the file did not deliver."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _check_complete(source: Source, context: ReadContext, records: Any, last: Any, consumed: int) -> None:
    """warcio ends quietly at a cut-off header or record; the counts tell it apart from the end."""
    if last is not None and _remaining(last):
        context.problem(source.name, records.get_record_offset(), "truncated record", unit="byte")
    elif records.offset < consumed:
        context.problem(
            source.name, records.offset, "truncated or damaged data after the last record", unit="byte"
        )


def _warc_date(record: Any) -> datetime | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    return parse_iso(value) if value else None
