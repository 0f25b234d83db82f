"""``saidwhat bench serve``: a bounded load test of the search API on loopback."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.bench import bench_app

console = Console()
stderr = Console(stderr=True)


@bench_app.command(
    "serve",
    epilog=(
        "Examples:\n\n"
        "  saidwhat bench serve                          # 20,000 synthetic quotations, 2,000 searches\n\n"
        "  saidwhat bench serve --requests 500 --seconds 10 --json"
    ),
)
def bench_serve_command(
    quotations: Annotated[
        int, typer.Option(min=10, max=1_000_000, help="Synthetic quotations to store.")
    ] = 20_000,
    requests: Annotated[int, typer.Option(min=1, max=100_000, help="Stop after this many searches.")] = 2000,
    seconds: Annotated[float, typer.Option(min=1, max=600, help="Stop after this many seconds.")] = 30.0,
    concurrency: Annotated[int, typer.Option(min=1, max=32, help="Client threads.")] = 4,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
) -> None:
    """Start `saidwhat serve` on 127.0.0.1 over a synthetic store and measure search: requests/s, p50, p95."""
    from saidwhat.serve.loadtest import LoadPlan, free_port, percentile, run_load, server_process, store_path
    from saidwhat.serve.synthetic import (
        WORDS,
        SyntheticShape,
        build_synthetic_store,
        outlet_names,
        people_names,
    )
    from saidwhat.store.database import open_store

    shape = SyntheticShape(quotations=quotations)
    with tempfile.TemporaryDirectory(prefix="saidwhat-bench-serve-") as scratch:
        db = store_path(Path(scratch))
        with stderr.status(f"building a synthetic store of {quotations:,} quotations…"):
            store = open_store(db)
            try:
                build_synthetic_store(store, shape)
            finally:
                store.close()
        plan = LoadPlan(requests=requests, seconds=seconds, concurrency=concurrency)
        with stderr.status("starting the server…"), server_process(["--db", db], free_port()) as base:
            stderr.print(f"server at {base}; sending up to {requests:,} searches for at most {seconds:g} s…")
            result = run_load(base, plan, list(WORDS), people_names(shape), outlet_names(shape))
    figures = {
        "quotations": quotations,
        "requests": result.requests,
        "errors": result.errors,
        "seconds": round(result.elapsed, 3),
        "requests_per_s": round(result.rate, 1),
        "concurrency": concurrency,
        "p50_ms": round(percentile(result.all_latencies(), 0.5) * 1000, 1),
        "p95_ms": round(percentile(result.all_latencies(), 0.95) * 1000, 1),
        "by_kind": {
            kind: {
                "requests": len(k.latencies) + k.errors,
                "p50_ms": round(percentile(k.latencies, 0.5) * 1000, 1),
                "p95_ms": round(percentile(k.latencies, 0.95) * 1000, 1),
            }
            for kind, k in result.kinds.items()
        },
    }
    if as_json:
        console.print_json(json.dumps(figures))
        return
    table = Table(title=f"search over loopback: {quotations:,} quotations, {concurrency} client threads")
    for column in ("search", "requests", "p50 ms", "p95 ms"):
        table.add_column(column, justify="right" if column != "search" else "left")
    for kind, values in figures["by_kind"].items():
        table.add_row(kind, str(values["requests"]), f"{values['p50_ms']:.1f}", f"{values['p95_ms']:.1f}")
    table.add_row(
        "all", str(figures["requests"]), f"{figures['p50_ms']:.1f}", f"{figures['p95_ms']:.1f}", style="bold"
    )
    console.print(table)
    rate, took, errors = figures["requests_per_s"], figures["seconds"], figures["errors"]
    console.print(f"{rate:.1f} requests/s over {took:.1f} s; {errors} errors")
