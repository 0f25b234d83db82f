"""``saidwhat bench store``: ingest rate and search latency on a synthetic store."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from saidwhat.cli.bench import bench_app
from saidwhat.errors import UserInputError
from saidwhat.store import Store, open_store

console = Console()
stderr = Console(stderr=True)

BENCH_STORE_HELP = """Build a synthetic store and time writing and searching it.

Generates quotations (German-looking words, thousands of speakers, five years of dates,
one in ten repeated with edits by another outlet), writes them through the store's writer
as one load, the way ingest fills an empty store (search indexes built at the end, within the
timed part), and reports quotations per second, then the p50/p95 latency of words, speaker and
date-range searches (20 newest hits each). Nothing is kept unless --db names a store.

[bold]Examples[/]

  saidwhat bench store                       # 1,000,000 quotations into a temporary SQLite file

  saidwhat bench store --quotations 50000 --queries 100 --json

  saidwhat bench store --db postgresql://localhost/bench --quotations 200000
"""


@bench_app.command("store", help=BENCH_STORE_HELP)
def bench_store_command(
    quotations: Annotated[int, typer.Option("--quotations", min=100, help="How many.")] = 1_000_000,
    queries: Annotated[int, typer.Option("--queries", min=1, help="Searches per kind.")] = 200,
    batch: Annotated[int, typer.Option("--batch", min=100, help="Quotations per transaction.")] = 5_000,
    db: Annotated[
        str | None, typer.Option("--db", help="An empty store to fill (default: a temporary SQLite file).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
) -> None:
    from saidwhat.evaluation.bench_store import build, time_queries

    with tempfile.TemporaryDirectory(prefix="saidwhat-bench-") as folder:
        store = open_store(db or str(Path(folder) / "bench.db"))
        try:
            if _count(store):
                raise UserInputError(db or "", "the benchmark needs an empty store")
            with Progress(
                TextColumn("writing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=stderr,
            ) as bar:  # fmt: skip
                task = bar.add_task("write", total=quotations)
                result = build(
                    store, quotations, batch_quotations=batch, on_batch=lambda n: bar.advance(task, n)
                )
            stderr.print("timing searches …")
            time_queries(store, result, queries=queries)
            size = Path(folder, "bench.db").stat().st_size if db is None else None
        finally:
            store.close()
    figures = {
        "backend": store.dialect,
        "quotations": result.quotations,
        "articles": result.articles,
        "write_seconds": round(result.write_seconds, 2),
        "quotations_per_second": round(result.rate),
        "write_cpu_seconds": round(result.write_cpu_seconds, 2),
        "quotations_per_cpu_second": round(result.cpu_rate),
        "database_bytes": size,
        "latency_ms": {
            name: dict(zip(("p50", "p95"), (round(v, 2) for v in result.percentiles(name)), strict=True))
            for name in result.latencies
        },
        "queries_per_kind": queries,
    }
    if as_json:
        print(json.dumps(figures))
        return
    console.print(
        f"{result.quotations:,} quotations in {result.articles:,} articles written in"
        f" {result.write_seconds:.1f} s: [bold]{result.rate:,.0f} quotations/s[/] ({store.dialect});"
        f" {result.cpu_rate:,.0f} per CPU second of this process",
        highlight=False,
    )
    table = Table(title=f"search latency, {queries} queries each, 20 newest hits", title_justify="left")
    table.add_column("query")
    table.add_column("p50 ms", justify="right")
    table.add_column("p95 ms", justify="right")
    for name in result.latencies:
        p50, p95 = result.percentiles(name)
        table.add_row(name, f"{p50:.1f}", f"{p95:.1f}")
    console.print(table)


def _count(store: Store) -> int:
    from sqlalchemy import func, select

    from saidwhat.store.models import Quotation

    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Quotation)) or 0)
