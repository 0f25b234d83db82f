"""``saidwhat bench ingest``: documents/s and peak RSS reading a synthetic crawl archive."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from saidwhat.cli.bench import bench_app
from saidwhat.errors import UserInputError

console = Console()
stderr = Console(stderr=True)

BENCH_INGEST_HELP = """Write a synthetic WARC of --size-mb and time reading it back.

The archive holds, per page, a request, an HTML response (three layouts, about 60 kB with
navigation, inline scripts and styles, German text with quotations) and a 30 kB image; one
page in twenty repeats an earlier article. Reading runs in a fresh process and reports
articles per second, MB/s and that process's peak RSS. [bold]--stage ingest[/] reads and
recovers articles (headline, date, credits, language); [bold]--stage extract[/] runs the
whole pipeline as [bold]saidwhat extract[/] does. The archive is deleted afterwards unless
--keep names where to put it.

[bold]Examples[/]

  saidwhat bench ingest                          # 1 GB archive, ingest stage

  saidwhat bench ingest --size-mb 50 --json

  saidwhat bench ingest --size-mb 200 --stage extract --limit 2000

  saidwhat bench ingest --warc crawl.warc       # time an archive you already have
"""


@bench_app.command("ingest", help=BENCH_INGEST_HELP)
def bench_ingest_command(
    size_mb: Annotated[
        int, typer.Option("--size-mb", min=1, help="Size of the synthetic WARC in MB.")
    ] = 1024,
    stage: Annotated[
        str, typer.Option("--stage", help="ingest (read + recover) or extract (whole pipeline).")
    ] = ("ingest"),
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Stop after this many articles.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the synthetic pages.")] = 7,
    keep: Annotated[Path | None, typer.Option("--keep", help="Write the WARC here and keep it.")] = None,
    warc: Annotated[
        Path | None, typer.Option("--warc", help="Time this archive instead of building one.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
) -> None:
    from saidwhat.evaluation.bench_ingest import build_warc, measure

    if stage not in ("ingest", "extract"):
        raise UserInputError("--stage", f"expected ingest or extract, got {stage!r}")
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="saidwhat-bench-") as folder:
        if warc is not None:
            if not warc.is_file():
                raise UserInputError(str(warc), "no such file")
            path = warc
            figures["warc_bytes"] = path.stat().st_size
        else:
            path = keep or Path(folder) / "synthetic.warc"
            size = size_mb * 1_000_000
            with Progress(
                TextColumn("writing WARC"), BarColumn(), DownloadColumn(), TimeElapsedColumn(), console=stderr
            ) as bar:
                task = bar.add_task("build", total=size)
                built = build_warc(
                    path, size, seed=seed, progress=lambda done: bar.update(task, completed=done)
                )
            figures.update({f"build_{k}": v for k, v in asdict(built).items() if k != "path"})
            figures["warc_bytes"] = built.bytes
        stderr.print(f"reading {path} ({figures['warc_bytes']:,} bytes, stage {stage}) in a fresh process…")
        result = measure(path, stage=stage, limit=limit)
        figures.update(asdict(result))
    if as_json:
        console.print_json(json.dumps(figures))
        return
    table = Table(title=f"saidwhat bench ingest ({stage})", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        table.add_row(key, f"{value:,}" if isinstance(value, int) else str(value))
    console.print(table)
