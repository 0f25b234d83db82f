"""``saidwhat bench spark``: articles/s of the Spark job on local[1] and local[2], one process beside."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.app import stderr
from saidwhat.cli.bench import bench_app

console = Console()

BENCH_SPARK_HELP = """Time the Spark job against the single-process pipeline on the same input.

Generates --documents short German articles with quotations into one JSONL file, extracts
them in one process, then with Spark on each --master (default local[1] and local[2]), and
prints articles per second for each and the scaling ratio local[2] / local[1]. Spark's own
start (the JVM) is shown apart and not counted. Needs the [bold]spark[/] extra.

[bold]Examples[/]

  saidwhat bench spark

  saidwhat bench spark --documents 2000 --json

  saidwhat bench spark --master 'local[1]' --master 'local[4]'
"""


@bench_app.command("spark", help=BENCH_SPARK_HELP)
def bench_spark_command(
    documents: Annotated[int, typer.Option("--documents", min=10, help="Generated articles.")] = 600,
    master: Annotated[list[str] | None, typer.Option("--master", help="Spark masters to time.")] = None,
    extractor: Annotated[
        str | None, typer.Option("--extractor", help="Extractor name (default: the Pipeline's).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
) -> None:
    from saidwhat.evaluation.bench_spark import run_bench
    from saidwhat.scale.session import require_pyspark

    require_pyspark()
    masters = master or ["local[1]", "local[2]"]
    with stderr.status("benchmarking") as status:
        bench = run_bench(documents, masters, extractor, report=lambda name: status.update(f"running {name}"))
    if as_json:
        print(json.dumps(bench.as_json()))
        return
    table = Table(title=f"saidwhat bench spark: {documents} generated articles")
    for column in ("run", "articles", "quotations", "seconds", "articles/s", "phases (s)", "Spark start (s)"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for run in bench.runs:
        start = f"{run.startup_seconds:.1f}" if run.startup_seconds else "-"
        phases = " ".join(f"{name} {seconds:.1f}" for name, seconds in run.phases.items()) or "-"
        table.add_row(
            run.name, str(run.articles), str(run.quotations), f"{run.seconds:.1f}",
            f"{run.articles_per_second:.1f}", phases, start,
        )  # fmt: skip
    console.print(table)
    if bench.scaling is not None:
        console.print(f"scaling local[2] / local[1]: {bench.scaling:.2f}x")
