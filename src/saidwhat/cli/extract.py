"""``saidwhat extract``: quotations of documents as JSON lines (the extraction contract)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from saidwhat.cli.app import ANALYSIS_HELP, Analysis, app, stderr
from saidwhat.errors import UserInputError
from saidwhat.ingest import IngestOptions, IngestStats, JsonlFields, Problem, expand_paths, read_documents
from saidwhat.pipeline import Pipeline
from saidwhat.records import extraction_to_json

EXTRACT_HELP = """Extract quotations from articles in any input saidwhat reads.

Inputs: plain text (.txt), saved pages (.html), RSS and Atom feeds (.rss, .atom, .xml),
crawl archives (.warc, .warc.gz), JSON lines (.jsonl), any of them gzipped (.gz), folders
(recursively), - (standard input) and, with [bold]--fetch[/], http(s) URLs. The reader is
chosen by extension, else by content; [bold]--format[/] forces one.

Writes one JSON line per article: its [bold]source[/] (and [bold]record[/] offset inside
archives, feeds and JSON lines), the recovered [bold]article[/] (headline, authors, published,
language, outlet, sections, credits, url), the [bold]text[/] that offsets index (for all but
plain-text inputs, whose offsets index the file) and its [bold]quotes[/].

Bad input (a truncated archive, a malformed feed, a line that is not JSON) is reported on
stderr as one line naming the file and record offset, and skipped; a summary ends the run.
[bold]--strict[/] stops at the first bad input instead (exit status 2).

[bold]Examples[/]

  saidwhat extract article.txt

  saidwhat extract news/ -o quotes.jsonl

  saidwhat extract crawl.warc.gz -o quotes.jsonl

  saidwhat extract dump.jsonl --jsonl-fields text=body,url=link,date=meta.published

  saidwhat extract feed.rss --archive mirror/

  saidwhat extract https://example.org/feed.xml --fetch --fetch-interval 2

  cat article.txt | saidwhat extract - --lang de
"""


_COUNTS = "{task.fields[records]} records · {task.fields[articles]} articles · {task.fields[errors]} errors"


def _total_bytes(paths: list[str]) -> int | None:
    """Input size for the progress bar; None when a URL or standard input makes it unknown."""
    total = 0
    for raw in paths:
        if raw == "-" or raw.startswith(("http://", "https://")):
            return None
        for path in expand_paths([raw]):
            try:
                total += path.stat().st_size
            except OSError:
                continue
    return total


def _ingest_options(
    format_name: str | None,
    strict: bool,
    fetch: bool,
    fetch_interval: float,
    fetch_timeout: float,
    archive: list[Path] | None,
    jsonl_fields: str | None,
    dedup: bool,
) -> IngestOptions:
    options = IngestOptions(format=format_name, strict=strict, dedup=dedup)
    if jsonl_fields:
        options.jsonl_fields = JsonlFields.parse(jsonl_fields)
    if fetch:
        from saidwhat.ingest.fetch import Fetcher, FetchPolicy

        options.fetcher = Fetcher(FetchPolicy(min_interval=fetch_interval, timeout=fetch_timeout))
    if archive:
        from saidwhat.ingest.archive import PageArchive

        options.archive = PageArchive(list(archive))
    return options


@app.command("extract", help=EXTRACT_HELP)
def extract_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, URLs (with --fetch) or - for stdin.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON lines here instead of stdout.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language code (de, en) or auto.")] = "auto",
    extractor: Annotated[
        str | None,
        typer.Option("--extractor", help="Extractor name (default: the trained one, else baseline)."),
    ] = None,
    analysis: Annotated[
        Analysis,
        typer.Option("--analysis", help=ANALYSIS_HELP),
    ] = Analysis.fast,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes; 2 uses both cores of a 2-core machine.")
    ] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per batch.")] = 32,
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format", help="Read every input as this format: text, html, feed, warc, jsonl, gzip."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first bad input (exit status 2).")
    ] = False,
    fetch: Annotated[
        bool,
        typer.Option("--fetch", help="Fetch URL inputs and pages feed items link to (polite, robots.txt)."),
    ] = False,
    fetch_interval: Annotated[
        float, typer.Option("--fetch-interval", min=0.0, help="Seconds between requests to one host.")
    ] = 1.0,
    fetch_timeout: Annotated[
        float, typer.Option("--fetch-timeout", min=0.1, help="Seconds per request.")
    ] = 15.0,
    archive: Annotated[
        list[Path] | None,
        typer.Option(
            "--archive", help="Mirror folder or WARC holding the pages feed items link to (repeatable)."
        ),
    ] = None,
    jsonl_fields: Annotated[
        str | None,
        typer.Option(
            "--jsonl-fields", help="Keys of JSON lines: text=KEY,html=KEY,url=,title=,date=,outlet=,authors="
        ),
    ] = None,
    dedup: Annotated[
        bool, typer.Option("--dedup/--no-dedup", help="Drop articles whose text was seen.")
    ] = True,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Progress bar on stderr.")
    ] = True,
) -> None:
    options = _ingest_options(
        format_name, strict, fetch, fetch_interval, fetch_timeout, archive, jsonl_fields, dedup
    )
    total = _total_bytes(paths)
    pipeline = Pipeline(
        language=lang, extractor=extractor, batch_size=batch_size, analysis=analysis.value, workers=workers
    )
    stats = IngestStats()
    sink: TextIO
    if output is not None:
        try:
            sink = output.open("w", encoding="utf-8")
        except OSError as error:
            raise UserInputError(str(output), f"cannot write ({error.strerror})") from None
    else:
        sink = sys.stdout

    def report(problem: Problem) -> None:
        line = Text(str(problem))
        stderr.print(line, highlight=False, soft_wrap=True)

    try:
        with Progress(
            SpinnerColumn(),
            BarColumn(),
            DownloadColumn(),
            TextColumn(_COUNTS),
            TimeElapsedColumn(),
            console=stderr,
            # A bar is for people: logs and pipes get the problem lines and the summary only.
            disable=not (progress and stderr.is_terminal),
            transient=False,
        ) as bar:
            task = bar.add_task("extract", total=total, records=0, articles=0, errors=0)
            documents = read_documents(paths, options=options, stats=stats, on_problem=report)
            for extraction in pipeline.process(documents):
                sink.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
                bar.update(
                    task,
                    completed=stats.bytes_done + stats.position(),
                    records=stats.records,
                    articles=stats.documents,
                    errors=stats.problems,
                )
            bar.update(
                task,
                completed=stats.bytes_done,
                records=stats.records,
                articles=stats.documents,
                errors=stats.problems,
            )
    finally:
        pipeline.close()
        if sink is not sys.stdout:
            sink.close()
    if stats.documents == 0 and stats.problems:
        # Nothing read and something wrong: the problem lines above say what; fail the run.
        raise typer.Exit(2)
    if (progress and stderr.is_terminal) or stats.problems or stats.duplicates:
        stderr.print(f"read {stats.summary()}", highlight=False, soft_wrap=True)
