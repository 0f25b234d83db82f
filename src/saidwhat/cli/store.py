"""``saidwhat ingest``, ``search``, ``timeline``, ``trace`` and ``export``: the store's commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from saidwhat.cli.app import ANALYSIS_HELP, Analysis, app, stderr
from saidwhat.errors import UserInputError
from saidwhat.store import open_store
from saidwhat.store.query import Filters, check_types, parse_day

DB_HELP = "SQLite file or postgresql:// URL. Default: $SAIDWHAT_DB, else ~/.local/share/saidwhat/saidwhat.db."
DbOption = Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)]
WordsArgument = Annotated[list[str] | None, typer.Argument(help="Words that must all occur (stemmed).")]
SpeakerOption = Annotated[
    list[str] | None, typer.Option("--speaker", help="Person id or name (repeatable).", show_default=False)
]
OutletOption = Annotated[list[str] | None, typer.Option("--outlet", help="Outlet name (repeatable).")]
SinceOption = Annotated[str | None, typer.Option("--since", help="Published on or after (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Published on or before (YYYY-MM-DD).")]
TypeOption = Annotated[
    list[str] | None, typer.Option("--type", help="Quotation type, e.g. Direct (repeatable).")
]
MinConfidenceOption = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Only quotations the extractor gave at least this confidence "
        "(`saidwhat eval` shows the precision per band).",
    ),
]

stdout = Console(soft_wrap=False)


def _filters(
    words: list[str] | None,
    speaker: list[str] | None,
    outlet: list[str] | None,
    since: str | None,
    until: str | None,
    types: list[str] | None,
    min_confidence: float = 0.0,
) -> Filters:
    return Filters(
        words=" ".join(words or []),
        speakers=list(speaker or []),
        outlets=list(outlet or []),
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until", end=True),
        types=check_types(list(types or [])),
        min_confidence=min_confidence,
    )


def _json_line(row: dict[str, Any]) -> str:
    return json.dumps({k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()},
                      ensure_ascii=False)  # fmt: skip


def _short(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


INGEST_HELP = """Extract quotations from files or folders and keep them in the store.

Runs the same pipeline as [bold]extract[/]. Each batch of documents is one transaction;
documents already stored (same normalised text) are skipped, so running it twice adds
nothing and a run that was interrupted can simply be started again.

[bold]Examples[/]

  saidwhat ingest news/

  saidwhat ingest a.txt b.txt --db team.db

  saidwhat ingest news/ --db postgresql://user@host/saidwhat
"""


@app.command("ingest", help=INGEST_HELP)
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for standard input.")],
    db: DbOption = None,
    lang: Annotated[str, typer.Option("--lang", help="Language code (de, en) or auto.")] = "auto",
    extractor: Annotated[str | None, typer.Option("--extractor", help="Extractor name.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per transaction.")] = 64,
    analysis: Annotated[
        Analysis,
        typer.Option("--analysis", help=ANALYSIS_HELP),
    ] = Analysis.fast,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Progress on stderr.")] = True,
) -> None:
    from saidwhat.ingest import expand_paths, read_documents
    from saidwhat.pipeline import Pipeline
    from saidwhat.store.ingest import ingest

    files = [str(f) for f in expand_paths(paths)]
    store = open_store(db)
    pipeline = Pipeline(
        language=lang, extractor=extractor, batch_size=min(batch_size, 32), analysis=analysis.value
    )
    try:
        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
            console=stderr, disable=not progress, transient=False,
        ) as bar:  # fmt: skip
            task = bar.add_task("ingesting")
            seen = {"articles": 0, "quotations": 0, "skipped": 0}

            def report(stats: Any) -> None:
                seen["articles"] += stats.articles
                seen["quotations"] += stats.quotations
                seen["skipped"] += stats.skipped
                bar.update(task, description=(
                    f"{seen['articles']} articles, {seen['quotations']} quotations stored,"
                    f" {seen['skipped']} already there"
                ))  # fmt: skip

            total = ingest(store, read_documents(files), pipeline, batch_size=batch_size, on_batch=report)
    finally:
        store.close()
    stderr.print(
        f"stored {total.articles} articles and {total.quotations} quotations;"
        f" {total.skipped} documents were already stored",
        highlight=False,
    )


SEARCH_HELP = """Find quotations by words, speaker, outlet, date, type and confidence, newest first.

Words are stemmed (German and English), so [italic]Steuer[/] finds [italic]Steuern[/]; all
words must occur. [bold]--speaker[/] takes a person's id (see --json output) or a name.

[bold]Examples[/]

  saidwhat search Steuern

  saidwhat search --speaker "Mark Rutte" --since 2024-01-01

  saidwhat search Klima --outlet tagesschau.de --type Direct --json

  saidwhat search Hafen --min-confidence 0.9   [dim]# what the extractor is sure of[/]
"""


@app.command("search", help=SEARCH_HELP)
def search_command(
    words: WordsArgument = None,
    speaker: SpeakerOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most results to show.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines (export rows), not a table.")] = False,
    db: DbOption = None,
) -> None:
    from saidwhat.store.search import search

    filters = _filters(words, speaker, outlet, since, until, types, min_confidence)
    store = open_store(db)
    try:
        rows = search(store, filters, limit=limit)
    finally:
        store.close()
    if as_json:
        for row in rows:
            sys.stdout.write(_json_line(row) + "\n")
        return
    table = Table(show_lines=False, expand=True)
    for name in ("id", "date", "outlet", "speaker", "type"):
        table.add_column(name, no_wrap=name in ("id", "date"), overflow="fold")
    table.add_column("quote", ratio=1, overflow="fold")
    for row in rows:
        date = row["published"].date().isoformat() if row["published"] else ""
        speaker_name = row["speaker_name"] or row["speaker"]
        table.add_row(row["quote_id"], date, row["outlet"], speaker_name, row["type"], _short(row["quote"]))
    stdout.print(table)
    more = " (limit reached)" if len(rows) == limit else ""
    stderr.print(f"{len(rows)} quotations{more}", highlight=False)


TIMELINE_HELP = """A person's quotations over time: how many per month.

[bold]Examples[/]

  saidwhat timeline "Mark Rutte"

  saidwhat timeline mark-rutte --json
"""


@app.command("timeline", help=TIMELINE_HELP)
def timeline_command(
    person: Annotated[str, typer.Argument(help="Person id or name.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    db: DbOption = None,
) -> None:
    from saidwhat.store.timeline import timeline

    store = open_store(db)
    try:
        result = timeline(store, person)
    finally:
        store.close()
    if as_json:
        for month in result.months:
            sys.stdout.write(json.dumps({"month": month.month, "count": month.count}) + "\n")
        return
    names = ", ".join(f"{name} ({pid})" for pid, name in result.people)
    table = Table(title=f"{names}: {result.total} quotations", title_justify="left")
    table.add_column("month")
    table.add_column("count", justify="right")
    table.add_column("")
    most = max((m.count for m in result.months), default=1)
    for month in result.months:
        table.add_row(month.month, str(month.count), "█" * max(1, round(30 * month.count / most)))
    stdout.print(table)


TRACE_HELP = """The same statement across outlets, earliest first.

Finds near-duplicates of the quotation (small edits and truncations included): who said
it, which outlet reported it first, and who repeated it.

[bold]Examples[/]

  saidwhat trace 3fa2c1d9e0b4a7f2-0

  saidwhat trace 3fa2c1d9e0b4a7f2-0 --json
"""


@app.command("trace", help=TRACE_HELP)
def trace_command(
    quote_id: Annotated[str, typer.Argument(help="A quotation id, as search shows it.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    db: DbOption = None,
) -> None:
    from saidwhat.store.trace import trace

    store = open_store(db)
    try:
        result = trace(store, quote_id)
    finally:
        store.close()
    if as_json:
        for entry in result.entries:
            data = {"role": entry.role, "similarity": entry.similarity, **entry.row}
            sys.stdout.write(_json_line(data) + "\n")
        return
    first = result.entries[0].row
    when = first["published"].date().isoformat() if first["published"] else "an unknown date"
    stdout.print(
        f"said by [bold]{result.said_by or 'an unresolved speaker'}[/]; first reported by"
        f" [bold]{first['outlet']}[/] on {when}; {len(result.entries) - 1} repeats",
        highlight=False,
    )
    table = Table(expand=True)
    for name in ("", "date", "outlet", "id", "sim."):
        table.add_column(name, no_wrap=name in ("id", "date"), overflow="fold")
    table.add_column("quote", ratio=1, overflow="fold")
    for entry in result.entries:
        row = entry.row
        date = row["published"].date().isoformat() if row["published"] else ""
        table.add_row(entry.role, date, row["outlet"], row["quote_id"], f"{entry.similarity:.2f}",
                      _short(row["quote"]))  # fmt: skip
    stdout.print(table)


EXPORT_HELP = """Write quotations as JSONL, CSV or Parquet, oldest first, with the search filters.

One flat row per quotation (ids, article, type, quote and spans, cue, speaker and its
person, addressee, frame); streamed, so any store size works.

[bold]Examples[/]

  saidwhat export --format parquet -o quotes.parquet

  saidwhat export --speaker "Mark Rutte" --format csv > rutte.csv

  saidwhat export Klima --since 2024-01-01 --format jsonl -o klima.jsonl
"""


@app.command("export", help=EXPORT_HELP)
def export_command(
    words: WordsArgument = None,
    output_format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (parquet needs one).")] = None,
    speaker: SpeakerOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    db: DbOption = None,
) -> None:
    from saidwhat.store.export import FORMATS, export_rows, write_csv, write_jsonl, write_parquet

    if output_format not in FORMATS:
        raise UserInputError("--format", f"unknown format {output_format!r} (one of {', '.join(FORMATS)})")
    if output_format == "parquet" and output is None:
        raise UserInputError("--format parquet", "needs a file: add -o FILE.parquet")
    filters = _filters(words, speaker, outlet, since, until, types, min_confidence)
    store = open_store(db)
    try:
        rows = export_rows(store, filters)
        if output_format == "parquet":
            assert output is not None
            count = write_parquet(rows, output)
        else:
            try:
                sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
            except OSError as error:
                raise UserInputError(str(output), f"cannot write ({error.strerror})") from None
            try:
                count = (write_csv if output_format == "csv" else write_jsonl)(rows, sink)
            finally:
                if sink is not sys.stdout:
                    sink.close()
    finally:
        store.close()
    stderr.print(f"exported {count} quotations", highlight=False)
