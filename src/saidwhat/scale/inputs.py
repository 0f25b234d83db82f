"""Inputs of the Spark job: files read by the ingest readers, and Parquet tables by Spark.

Files (WARC, JSONL, HTML, text, gzip, feeds) are read on the executors by the same readers
``saidwhat extract`` uses (:func:`saidwhat.ingest.registry.read_source`), so a record means
the same thing on one machine and on a cluster. Local files are opened in place; files on
other filesystems (``hdfs://``, ``s3a://``) arrive through ``binaryFiles``. Parquet rows are
handed to the JSONL reader one row at a time, so the column mapping is the one of
``--jsonl-fields``.

Every Document is keyed by its place in the input, ``(input index, ordinal)``, in the order a
single-machine run reads them: deduplication keeps the first copy of a text, as
``saidwhat extract`` does, and the store is loaded in that order.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saidwhat.errors import UserInputError
from saidwhat.ingest.context import IngestOptions, JsonlFields, Problem, ReadContext
from saidwhat.ingest.registry import expand_paths, read_source
from saidwhat.ingest.source import Source
from saidwhat.records import Document

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

# (input index, file index within a remote glob, record ordinal within the file)
OrderKey = tuple[int, int, int]
# What the read stage yields: a Document, or a problem with the input (never an exception).
ReadItem = tuple[OrderKey, Document | None, Problem | None]


@dataclass(frozen=True)
class InputFile:
    index: int
    location: str  # a local path, or a URI Spark reads
    local: bool


@dataclass
class InputPlan:
    files: list[InputFile] = field(default_factory=list)
    parquet: list[tuple[int, str]] = field(default_factory=list)


def _scheme(pattern: str) -> str:
    head = pattern.split("://", 1)[0] if "://" in pattern else ""
    return head.lower()


def _is_parquet(path: Path) -> bool:
    if path.name.lower().endswith(".parquet"):
        return True
    return path.is_dir() and any(p.name.endswith(".parquet") for p in path.rglob("*.parquet"))


def plan_inputs(patterns: Iterable[str], input_format: str | None = None) -> InputPlan:
    """Expand paths, folders and globs in a stable order; a pattern matching nothing is an error."""
    plan = InputPlan()
    counter = 0
    for pattern in patterns:
        scheme = _scheme(pattern)
        if scheme not in ("", "file"):
            # Spark expands globs on remote filesystems itself, at read time.
            if input_format == "parquet" or pattern.rstrip("/").lower().endswith(".parquet"):
                plan.parquet.append((counter, pattern))
            else:
                plan.files.append(InputFile(counter, pattern, local=False))
            counter += 1
            continue
        local = pattern.split("://", 1)[1] if scheme == "file" else pattern
        matches = sorted(glob.glob(local, recursive=True)) if glob.has_magic(local) else [local]
        if not matches or not all(Path(m).exists() for m in matches):
            raise UserInputError(pattern, "no such file or folder")
        for match in matches:
            path = Path(match)
            if input_format == "parquet" or (input_format is None and _is_parquet(path)):
                plan.parquet.append((counter, str(path.resolve())))
                counter += 1
                continue
            for file in expand_paths([match]):
                plan.files.append(InputFile(counter, str(file.resolve()), local=True))
                counter += 1
    if not plan.files and not plan.parquet:
        raise UserInputError(" ".join(patterns) or "INPUT", "no readable input files")
    return plan


def _read_one(source: Source, index: tuple[int, int], options: IngestOptions) -> Iterator[ReadItem]:
    problems: list[Problem] = []
    context = ReadContext(options=options, on_problem=problems.append)
    ordinal = 0
    for document in read_source(source, context):
        for problem in problems:
            yield (*index, ordinal), None, problem
        problems.clear()
        if document.text.strip():
            yield (*index, ordinal), document, None
        else:
            yield (*index, ordinal), None, Problem(source.name, document.record_offset, "empty record")
        ordinal += 1
    for problem in problems:
        yield (*index, ordinal), None, problem


def read_local_file(item: InputFile, options: IngestOptions) -> Iterator[ReadItem]:
    yield from _read_one(Source.from_path(Path(item.location)), (item.index, 0), options)


def read_remote_file(
    uri: str, data: bytes, index: tuple[int, int], options: IngestOptions
) -> Iterator[ReadItem]:
    yield from _read_one(Source.from_bytes(uri, data), index, options)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def read_parquet_row(
    row: dict[str, Any], source: str, index: int, ordinal: int, options: IngestOptions
) -> Iterator[ReadItem]:
    """One table row as one JSON line through the JSONL reader, keyed by its row number."""
    line = json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False).encode("utf-8")
    row_options = IngestOptions(format="jsonl", jsonl_fields=options.jsonl_fields, dedup=False, strict=False)
    for _key, document, problem in _read_one(Source.from_bytes(source, line), (index, 0), row_options):
        if document is not None:
            document.record_offset = ordinal
        if problem is not None:
            problem = Problem(source, ordinal, problem.message)
        yield (index, 0, ordinal), document, problem


def documents_rdd(
    spark: SparkSession, plan: InputPlan, fields: JsonlFields | None = None, input_format: str | None = None
) -> RDD[ReadItem]:
    """All inputs as one RDD of read items; files spread one per task."""
    options = IngestOptions(
        format=None if input_format in (None, "parquet") else input_format,
        jsonl_fields=fields or JsonlFields(),
        dedup=False,
        strict=False,
    )
    context = spark.sparkContext
    parts: list[RDD[ReadItem]] = []
    local = [f for f in plan.files if f.local]
    if local:
        slices = max(1, min(len(local), context.defaultParallelism * 4))
        parts.append(context.parallelize(local, slices).flatMap(lambda f: read_local_file(f, options)))
    for item in (f for f in plan.files if not f.local):
        index = item.index
        remote = context.binaryFiles(item.location)
        # A glob's files share the pattern's index; their own order follows the name.
        parts.append(
            remote.sortByKey()
            .zipWithIndex()
            .flatMap(
                lambda pair, index=index: read_remote_file(pair[0][0], pair[0][1], (index, pair[1]), options)
            )
        )
    for index, location in plan.parquet:
        from pyspark.sql.functions import input_file_name

        frame = spark.read.parquet(location).withColumn("_saidwhat_file", input_file_name())
        rows = frame.rdd.zipWithIndex()
        parts.append(
            rows.flatMap(
                lambda pair, index=index: read_parquet_row(
                    {k: v for k, v in pair[0].asDict().items() if k != "_saidwhat_file"},
                    pair[0]["_saidwhat_file"],
                    index,
                    pair[1],
                    options,
                )
            )
        )
    return parts[0] if len(parts) == 1 else context.union(parts)
