"""The Spark job in local mode (local[2]) against ``saidwhat extract`` on the same input.

One SparkSession and one job run serve every test here, since starting a JVM and loading
the models per worker cost most of the time. The input mixes the three ways documents
arrive: a folder of text files (with one repeated text), a WARC archive of HTML responses
built here with warcio, and a Parquet table.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import text

from saidwhat.errors import UserInputError
from saidwhat.pipeline import Pipeline
from saidwhat.records import Document, Quotation
from saidwhat.scale.groups import local_people, local_quote_groups
from saidwhat.scale.job import JobOptions, JobResult, main, run_job, unwrap_user_error
from saidwhat.scale.session import build_session
from saidwhat.scale.synthetic import generate, write_text_files
from saidwhat.store import open_store
from saidwhat.store.indexes import missing
from saidwhat.store.rows import COLUMN_NAMES, article_key, spans_json

TEXT_DOCUMENTS = 240
PARQUET_DOCUMENTS = 40
WARC_PAGES = 6
# The rule baseline: fast and independent of whether a trained model is being rebuilt; the
# Spark path runs whatever Pipeline it is given, so parity does not depend on the extractor.
EXTRACTOR = "baseline"


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as sink:
        writer = WARCWriter(sink, gzip=True)
        for index, document in enumerate(generate(WARC_PAGES, seed=23)):
            headline, *rest = document.text.split("\n")
            paragraphs = "".join(
                f"<p>{line}</p>" for line in rest if line.strip() and not line.startswith("Von:")
            )
            page = (
                f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
                f"{paragraphs}</article></body></html>"
            ).encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example/{index}", "response", payload=io.BytesIO(page), http_headers=headers
            )
            writer.write_record(record)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spark-in")
    texts = write_text_files(folder / "txt", TEXT_DOCUMENTS, seed=5)
    # The same text twice: both runs keep the first copy in input order and skip the other.
    shutil.copy(texts[3], folder / "txt" / "zz-repeat.txt")
    write_warc(folder / "crawl.warc.gz")
    rows = [{"id": d.name, "text": d.text} for d in generate(PARQUET_DOCUMENTS, seed=31)]
    pq.write_table(pa.Table.from_pylist(rows), folder / "table.parquet")
    # One good line and one broken one: the broken one is a problem, never the end of the job.
    [good] = generate(1, seed=41)
    (folder / "mixed.jsonl").write_text(json.dumps({"text": good.text}) + "\n{not json\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = build_session("local[2]", shuffle_partitions=2)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def job(spark: Any, inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> JobResult:
    output = tmp_path_factory.mktemp("spark-out") / "out"
    patterns = [
        str(inputs / "txt"),
        str(inputs / "*.warc.gz"),
        str(inputs / "table.parquet"),
        str(inputs / "mixed.jsonl"),
    ]
    db = str(output.parent / "store.db")
    options = JobOptions(inputs=patterns, output=str(output), extractor=EXTRACTOR, partitions=4, db=db)
    return run_job(spark, options)


@pytest.fixture(scope="module")
def extract_lines(inputs: Path) -> list[dict[str, Any]]:
    """The single-machine reference: ``saidwhat extract`` on the text folder and the WARC."""
    result = subprocess.run(
        [sys.executable, "-m", "saidwhat", "extract", str(inputs / "txt"), str(inputs / "crawl.warc.gz"),
         "--no-progress", "--extractor", EXTRACTOR],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def rows_of(spark: Any, path: str) -> list[dict[str, Any]]:
    return [row.asDict() for row in spark.read.parquet(path).collect()]


def contract_key(quote: dict[str, Any]) -> tuple[Any, ...]:
    speaker = quote["speaker"]
    return (
        json.dumps(quote["quote"]["spans"]), quote["type"], speaker["text"], json.dumps(speaker["spans"]),
        speaker["entity"]["id"],
    )  # fmt: skip


def row_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["quote_spans"], row["type"], row["speaker"], row["speaker_spans"], row["speaker_id"])


def test_same_quotations_as_extract(job: JobResult, spark: Any, extract_lines: list[dict[str, Any]]) -> None:
    rows = rows_of(spark, f"{job.output}/quotations")
    spark_quotes: dict[tuple[str, int | None], set[tuple[Any, ...]]] = {}
    for row in rows:
        spark_quotes.setdefault((row["source"], row["record"]), set()).add(row_key(row))
    expected = {
        (line["source"], line.get("record")): {contract_key(q) for q in line["quotes"]}
        for line in extract_lines
    }
    assert len(expected) == TEXT_DOCUMENTS + WARC_PAGES  # the repeated text is skipped once
    assert sum(len(v) for v in expected.values()) > 2 * TEXT_DOCUMENTS
    assert any(source.endswith(".warc.gz") and quotes for (source, _), quotes in expected.items())
    for key, quotes in expected.items():
        assert spark_quotes.get(key, set()) == quotes, key
    assert not any(source.endswith("zz-repeat.txt") for source, _ in spark_quotes)


def quotation_key(quotation: Quotation) -> tuple[Any, ...]:
    entity = quotation.speaker.entity
    return (
        spans_json(quotation.quote.spans), quotation.type, quotation.speaker.text,
        spans_json(quotation.speaker.spans), entity.id if entity else None,
    )  # fmt: skip


def test_parquet_input_matches_the_pipeline(job: JobResult, spark: Any) -> None:
    rows = [r for r in rows_of(spark, f"{job.output}/quotations") if r["source"].endswith("table.parquet")]
    by_article: dict[str, set[tuple[Any, ...]]] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], set()).add(row_key(row))
    documents = [Document(text=d.text, source="table") for d in generate(PARQUET_DOCUMENTS, seed=31)]
    expected = {}
    for extraction in Pipeline(extractor=EXTRACTOR).process(documents):
        key = article_key(extraction.article.document.content_hash)
        expected[key] = {quotation_key(q) for q in extraction.quotations}
    assert by_article == {k: v for k, v in expected.items() if v}


def test_layout_counts_and_export_columns(job: JobResult, spark: Any) -> None:
    out = Path(job.output)
    days = sorted(p.name for p in (out / "quotations").glob("date=*"))
    # The generated texts carry March 2025 bylines; the WARC's pages state no date.
    assert days == [f"date=2025-03-0{day}" for day in range(1, 7)] + ["date=unknown"]
    assert all((day_folder / "language=de").is_dir() for day_folder in (out / "quotations").glob("date=*"))
    assert (out / "articles").is_dir() and (out / "people").is_dir()
    frame = spark.read.parquet(str(out / "quotations"))
    assert set(COLUMN_NAMES) | {"date"} == set(frame.columns)
    assert frame.count() == job.quotations
    assert spark.read.parquet(str(out / "articles")).count() == job.articles
    assert job.articles == TEXT_DOCUMENTS + WARC_PAGES + PARQUET_DOCUMENTS + 1
    assert job.duplicates == 1 and job.errors == 0
    assert job.problem_count == 1
    assert "mixed.jsonl" in job.problems[0] and "not valid JSON" in job.problems[0]
    assert spark.read.parquet(str(out / "problems")).count() == 1


def test_loaded_into_the_store(job: JobResult, spark: Any) -> None:
    store = open_store(str(Path(job.output).parent / "store.db"))
    try:
        with store.engine.connect() as connection:
            stored = dict(connection.execute(text("select id, quote_text from quotations")).all())
            # The load into the empty store deferred the search-only indexes and rebuilt them.
            assert missing(connection) == []
    finally:
        store.close()
    written = {r["quote_id"]: r["quote"] for r in rows_of(spark, f"{job.output}/quotations")}
    assert stored == written and job.stored == len(written)


def test_groups_equal_a_single_machine_run(job: JobResult, spark: Any) -> None:
    quotations = rows_of(spark, f"{job.output}/quotations")
    groups = {r["quote_id"]: r for r in rows_of(spark, f"{job.output}/groups/quotations")}
    reference = local_quote_groups((r["quote_id"], r["quote"], r["published"]) for r in quotations)
    assert len(groups) == len(quotations)
    for quote_id, group in reference.items():
        row = groups[quote_id]
        assert (row["group_id"], row["group_size"], row["group_rank"]) == (
            group.group_id,
            group.size,
            group.rank,
        )
    # The generator reprints quotes across outlets, so real groups must have formed.
    assert any(g.size > 1 for g in reference.values())
    people = {r["person_id"]: r for r in rows_of(spark, f"{job.output}/groups/people")}
    expected = local_people(rows_of(spark, f"{job.output}/people"))
    assert people == expected and len(people) > 5


def test_submit_entry_point_rejects_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing-*.warc.gz"), "--output", str(tmp_path / "out")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_reprints_group_and_unrelated_quotes_stay_apart() -> None:
    full = "Wir werden im Herbst mit dem Bau des neuen Terminals beginnen, sagte sie"
    rows = [
        ("b-0", full, datetime(2025, 3, 2)),
        ("a-0", full[:48], datetime(2025, 3, 3)),  # a truncated reprint, later
        ("c-0", full.replace("neuen ", ""), None),  # an edited reprint, undated
        ("d-0", "Niemand hat uns vorher gefragt, ob wir das wollen", datetime(2025, 3, 1)),
    ]
    groups = local_quote_groups(rows)
    assert {q: (g.group_id, g.size, g.rank) for q, g in groups.items()} == {
        "b-0": ("b-0", 3, 1),
        "a-0": ("b-0", 3, 2),
        "c-0": ("b-0", 3, 3),
        "d-0": ("d-0", 1, 1),
    }


def test_executor_user_errors_come_back_as_one_line() -> None:
    wrapped = RuntimeError(
        "Job aborted.\nTraceback (most recent call last):\n  ...\n"
        "saidwhat.errors.UserInputError: /m/quotes: incomplete quotation model\n\tat org.apache.spark"
    )
    error = unwrap_user_error(wrapped)
    assert isinstance(error, UserInputError)
    assert (error.location, error.problem) == ("/m/quotes", "incomplete quotation model")
    other = ValueError("something else")
    assert unwrap_user_error(other) is other
