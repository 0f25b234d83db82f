"""The Spark job: documents in, the Pipeline in ``mapPartitions``, partitioned Parquet out.

Layout of the output folder::

    quotations/date=YYYY-MM-DD/language=de/part-*.parquet   the export row of each quotation
    articles/date=.../language=.../                          each article with its body
    people/date=.../language=.../                            each resolved speaker/addressee mention
    groups/people/                                           one row per person over everything
    groups/quotations/                                       near-duplicate group of each quotation
    problems/                                                input that could not be read

``main(argv)`` is the entry point for ``spark-submit``; ``saidwhat spark`` calls the same
:func:`run_job`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saidwhat.errors import UserInputError
from saidwhat.ingest.context import JsonlFields
from saidwhat.records import Document, Extraction
from saidwhat.scale.inputs import InputPlan, OrderKey, ReadItem, documents_rdd, plan_inputs
from saidwhat.scale.process import PipelineSettings, extract_partition
from saidwhat.scale.rows import (
    ARTICLE_COLUMNS,
    PARTITION_COLUMNS,
    PEOPLE_COLUMNS,
    QUOTATION_COLUMNS,
    article_row,
    as_tuple,
    people_rows,
    quotation_rows,
    spark_schema,
)

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

MAX_PROBLEMS_SHOWN = 20


@dataclass
class JobOptions:
    inputs: list[str]
    output: str
    language: str = "auto"
    extractor: str | None = None
    batch_size: int = 32
    analysis: str = "fast"
    input_format: str | None = None
    jsonl_fields: str | None = None
    partitions: int | None = None
    dedup: bool = True
    group: bool = True
    overwrite: bool = False
    db: str | None = None


@dataclass
class JobResult:
    output: str
    documents: int = 0
    duplicates: int = 0
    articles: int = 0
    quotations: int = 0
    people_mentions: int = 0
    people: int = 0
    quote_groups: int = 0
    errors: int = 0
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    stored: int = 0
    seconds: float = 0.0
    # Wall seconds per phase: read (inputs and their count), extract (dedup shuffle and the
    # Pipeline), write (the three tables), group, store.
    phases: dict[str, float] = field(default_factory=dict)


def output_uri(output: str) -> str:
    """A local folder becomes an absolute path (executors do not share the driver's cwd)."""
    if "://" in output:
        return output.rstrip("/")
    return str(Path(output).expanduser().resolve())


def _documents(items: RDD[ReadItem], dedup: bool, partitions: int) -> RDD[tuple[OrderKey, Document]]:
    documents = items.filter(lambda item: item[1] is not None).map(lambda item: (item[0], item[1]))
    if not dedup:
        return documents.repartition(partitions)
    # The first copy of a text in input order wins, as in a single-machine run; the shuffle by
    # content hash also spreads one large input file over every partition.
    keyed = documents.map(lambda pair: (pair[1].content_hash, pair))
    first = keyed.reduceByKey(lambda a, b: a if a[0] <= b[0] else b, numPartitions=partitions)
    return first.map(lambda item: item[1])


def unwrap_user_error(error: Exception) -> Exception:
    """A UserInputError raised on an executor (a missing model, an unknown extractor) comes
    back wrapped in a Java exception; unwrap it into one line, anything else stays as is."""
    marker = "UserInputError: "
    message = str(error)
    if marker not in message:
        return error
    line = message[message.rindex(marker) + len(marker) :].splitlines()[0]
    location, _, problem = line.partition(": ")
    return UserInputError(location, problem or line)


def _counts(extraction: Extraction) -> tuple[int, int, int, int]:
    """Articles, articles with errors, quotations, resolved people mentions."""
    mentions = sum(
        1
        for q in extraction.quotations
        for m in (q.speaker, q.addressee)
        if m.entity is not None and m.entity.kind != "none" and m.entity.id
    )
    return 1, int(extraction.error is not None), len(extraction.quotations), mentions


def _add(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def _write(
    spark: SparkSession, rdd: RDD[Any], columns: tuple[tuple[str, str], ...], path: str, mode: str
) -> None:
    # The rows are built to the schema here, so Spark need not check every value again.
    frame = spark.createDataFrame(
        rdd.map(lambda row: as_tuple(row, columns)), spark_schema(columns), verifySchema=False
    )
    frame.repartition(*PARTITION_COLUMNS).write.mode(mode).partitionBy(*PARTITION_COLUMNS).parquet(path)


def _load_store(extractions: RDD[tuple[OrderKey, Extraction]], db: str, batch: int = 256) -> int:
    from saidwhat.store import open_store
    from saidwhat.store.writer import StoreWriter

    store = open_store(db)
    writer = StoreWriter(store)
    stored = 0
    pending: list[Extraction] = []
    try:
        # One load, as ingest does (``StoreWriter.loading``): the driver is the only writer,
        # the executors just stream it the sorted rows, so deferring the search-only indexes
        # of an empty store and building them once at the end is safe here.
        with writer.loading():
            # In input order, so the store's sequence numbers match a single-machine ingest.
            for _, extraction in extractions.sortByKey().toLocalIterator():
                pending.append(extraction)
                if len(pending) >= batch:
                    stored += writer.write(pending).quotations
                    pending = []
            if pending:
                stored += writer.write(pending).quotations
    finally:
        store.close()
    return stored


def run_group_step(spark: SparkSession, output: str, mode: str = "overwrite") -> tuple[int, int]:
    """Group people and near-duplicate quotations of a finished output folder."""
    from saidwhat.scale.groups import spark_people, spark_quote_groups

    quotations = spark.read.parquet(f"{output}/quotations")
    groups = spark_quote_groups(spark, quotations).cache()
    groups.coalesce(max(1, spark.sparkContext.defaultParallelism)).write.mode(mode).parquet(
        f"{output}/groups/quotations"
    )
    multi = groups.filter("group_size > 1 and group_rank = 1").count()
    people = spark_people(spark, spark.read.parquet(f"{output}/people")).cache()
    people.coalesce(max(1, spark.sparkContext.defaultParallelism)).write.mode(mode).parquet(
        f"{output}/groups/people"
    )
    return people.count(), multi


def check_options(options: JobOptions) -> InputPlan:
    """What can be checked before a JVM starts: inputs exist, the output folder is free."""
    plan = plan_inputs(options.inputs, options.input_format)
    if options.jsonl_fields:
        JsonlFields.parse(options.jsonl_fields)
    output = output_uri(options.output)
    local = Path(output)
    if "://" not in output and local.is_dir() and any(local.iterdir()) and not options.overwrite:
        raise UserInputError(options.output, "output folder is not empty (use --overwrite)")
    return plan


def run_job(
    spark: SparkSession, options: JobOptions, report: Callable[[str], None] | None = None
) -> JobResult:
    from pyspark import StorageLevel

    say = report or (lambda _message: None)
    started = time.perf_counter()
    result = JobResult(output=output_uri(options.output))
    clock = [started]

    def lap(phase: str) -> None:
        now = time.perf_counter()
        result.phases[phase] = round(now - clock[0], 2)
        clock[0] = now

    output = output_uri(options.output)
    plan = check_options(options)
    mode = "overwrite" if options.overwrite else "errorifexists"
    fields = JsonlFields.parse(options.jsonl_fields) if options.jsonl_fields else JsonlFields()
    say(f"{len(plan.files)} file(s), {len(plan.parquet)} Parquet table(s)")
    context = spark.sparkContext
    partitions = options.partitions or context.defaultParallelism * 2
    items = documents_rdd(spark, plan, fields, options.input_format).persist(StorageLevel.MEMORY_AND_DISK)
    kinds = items.map(lambda item: "document" if item[1] is not None else "problem").countByValue()
    result.documents, result.problem_count = kinds.get("document", 0), kinds.get("problem", 0)
    if result.problem_count:
        problems = items.filter(lambda item: item[2] is not None).map(lambda item: (item[0], str(item[2])))
        result.problems = [line for _, line in problems.takeOrdered(MAX_PROBLEMS_SHOWN)]
        frame = spark.createDataFrame(problems.map(lambda pair: (pair[1],)), "problem string")
        frame.coalesce(1).write.mode(mode).parquet(f"{output}/problems")
    lap("read")
    settings = PipelineSettings(options.language, options.extractor, options.batch_size, options.analysis)
    documents = _documents(items, options.dedup, partitions)
    extractions = documents.mapPartitions(lambda part: extract_partition(part, settings))
    extractions = extractions.persist(StorageLevel.MEMORY_AND_DISK)
    say("extracting")
    values = extractions.values()
    try:
        counts = values.map(_counts).fold((0, 0, 0, 0), _add)
    except Exception as error:
        raise unwrap_user_error(error) from None
    result.articles, result.errors, result.quotations, result.people_mentions = counts
    result.duplicates = result.documents - result.articles
    items.unpersist()
    lap("extract")
    say("writing Parquet")
    _write(spark, values.map(article_row), ARTICLE_COLUMNS, f"{output}/articles", mode)
    _write(spark, values.flatMap(quotation_rows), QUOTATION_COLUMNS, f"{output}/quotations", mode)
    _write(spark, values.flatMap(people_rows), PEOPLE_COLUMNS, f"{output}/people", mode)
    lap("write")
    if options.group:
        say("grouping people and near-duplicate quotations")
        result.people, result.quote_groups = run_group_step(spark, output, mode)
        lap("group")
    if options.db:
        say(f"loading into the store {options.db}")
        result.stored = _load_store(extractions, options.db)
        lap("store")
    extractions.unpersist()
    result.seconds = time.perf_counter() - started
    return result


def summary(result: JobResult) -> str:
    parts = [
        f"{result.articles} articles",
        f"{result.quotations} quotations",
        f"{result.people_mentions} people mentions",
        f"{result.duplicates} duplicates skipped",
        f"{result.problem_count} input problems",
        f"{result.errors} articles with errors",
    ]
    if result.people or result.quote_groups:
        parts.append(f"{result.people} people, {result.quote_groups} groups of near-duplicate quotations")
    if result.stored:
        parts.append(f"{result.stored} quotations stored")
    return ", ".join(parts) + f" in {result.seconds:.1f} s -> {result.output}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="saidwhat-spark",
        description="Extract quotations with Spark (entry point for spark-submit).",
    )
    parser.add_argument(
        "inputs", nargs="+", help="files, folders, globs or URIs (WARC, JSONL, HTML, text, Parquet)"
    )
    parser.add_argument("--output", required=True)
    parser.add_argument("--master", default=None, help="leave unset under spark-submit")
    parser.add_argument("--lang", default="auto")
    parser.add_argument("--extractor", default=None)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--analysis", choices=("fast", "full"), default="fast")
    parser.add_argument("--format", dest="input_format", default=None)
    parser.add_argument("--jsonl-fields", default=None)
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--no-dedup", action="store_true")
    parser.add_argument("--no-group", action="store_true")
    parser.add_argument("--overwrite", action="store_true")
    parser.add_argument("--db", default=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit ... saidwhat_spark_main.py INPUT... --output DIR``; returns the exit code."""
    from saidwhat.scale.session import build_session

    args = _parser().parse_args(argv)
    options = JobOptions(
        inputs=list(args.inputs),
        output=args.output,
        language=args.lang,
        extractor=args.extractor,
        batch_size=args.batch_size,
        analysis=args.analysis,
        input_format=args.input_format,
        jsonl_fields=args.jsonl_fields,
        partitions=args.partitions,
        dedup=not args.no_dedup,
        group=not args.no_group,
        overwrite=args.overwrite,
        db=args.db,
    )
    try:
        check_options(options)  # a missing input fails before a JVM starts
        spark = build_session(args.master)
        try:
            result = run_job(spark, options, report=lambda message: print(message, file=sys.stderr))
        finally:
            spark.stop()
    except UserInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(summary(result))
    return 0
