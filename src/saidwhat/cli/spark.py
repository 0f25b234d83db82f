"""``saidwhat spark``: the Pipeline over a Spark cluster (or local cores), Parquet out."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from saidwhat.cli.app import ANALYSIS_HELP, Analysis, app, stderr

console = Console()

SPARK_HELP = """Extract quotations with Spark: WARC, JSONL, HTML, text or Parquet in, Parquet out.

Reads INPUT paths, folders, globs or URIs on any filesystem Spark reads, runs the same
Pipeline as [bold]saidwhat extract[/] once per executor over partitions, and writes
[bold]quotations[/], [bold]articles[/] and [bold]people[/] under --output, partitioned by
date and language (quotations have the columns of [bold]saidwhat export[/]). A second step
groups people and near-duplicate quotations over the whole output ([bold]groups/[/]).
Needs the [bold]spark[/] extra (pip install 'saidwhat\\[spark]') and Java 17.

[bold]Examples[/]

  saidwhat spark crawl/*.warc.gz --output out/ --master 'local[2]'

  saidwhat spark dump.jsonl --jsonl-fields text=body,url=link --output out/ --overwrite

  saidwhat spark articles.parquet --output out/ --db quotes.db

  (on a cluster: spark-submit with the driver script, see docs/spark.md)
"""


@app.command("spark", help=SPARK_HELP)
def spark_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs or URIs.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Output folder or URI.")],
    master: Annotated[
        str | None, typer.Option("--master", help="Spark master (default: local[2], or spark-submit's).")
    ] = "local[2]",
    lang: Annotated[str, typer.Option("--lang", help="Language code (de, en) or auto.")] = "auto",
    extractor: Annotated[str | None, typer.Option("--extractor", help="Extractor name.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per batch.")] = 32,
    analysis: Annotated[
        Analysis,
        typer.Option("--analysis", help=ANALYSIS_HELP),
    ] = Analysis.fast,
    input_format: Annotated[
        str | None,
        typer.Option("--format", help="Read every input as this format (e.g. warc, jsonl, parquet)."),
    ] = None,
    jsonl_fields: Annotated[
        str | None,
        typer.Option("--jsonl-fields", help="Field mapping for JSONL and Parquet: text=body,url=link."),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option("--partitions", min=1, help="Partitions to extract in (default: 2 x cores).")
    ] = None,
    dedup: Annotated[bool, typer.Option("--dedup/--no-dedup", help="Skip repeated texts.")] = True,
    group: Annotated[bool, typer.Option("--group/--no-group", help="Run the grouping step.")] = True,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace what is in --output.")] = False,
    db: Annotated[str | None, typer.Option("--db", help="Also load the result into this store.")] = None,
    driver_memory: Annotated[str, typer.Option("--driver-memory", help="Local mode: driver memory.")] = "1g",
) -> None:
    from saidwhat.scale.job import JobOptions, check_options, run_job, summary
    from saidwhat.scale.session import build_session, require_pyspark

    require_pyspark()
    options = JobOptions(
        inputs=list(inputs),
        output=output,
        language=lang,
        extractor=extractor,
        batch_size=batch_size,
        analysis=analysis.value,
        input_format=input_format,
        jsonl_fields=jsonl_fields,
        partitions=partitions,
        dedup=dedup,
        group=group,
        overwrite=overwrite,
        db=db,
    )
    check_options(options)  # a missing input or a full output folder fails before a JVM starts
    with stderr.status("starting Spark") as status:
        spark = build_session(master, driver_memory=driver_memory)
        try:
            result = run_job(spark, options, report=lambda message: status.update(message))
        finally:
            spark.stop()
    for problem in result.problems:
        stderr.print(f"[yellow]problem:[/] {problem}", highlight=False, soft_wrap=True)
    console.print(summary(result), highlight=False, soft_wrap=True)
