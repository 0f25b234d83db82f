"""``saidwhat eval``: accuracy in the corpus' own metric, and the layers' own evaluations."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.app import Analysis, app
from saidwhat.errors import UserInputError
from saidwhat.evaluation.agreement import annotator_agreement
from saidwhat.evaluation.run import evaluate_folder
from saidwhat.pipeline import Pipeline

eval_app = typer.Typer(help="Measure accuracy.", invoke_without_command=True)
app.add_typer(eval_app, name="eval")

EVAL_HELP = """Score quotation extraction against gold data.

Reads wikinews-de-quotes (a folder of JSON files) and brat standoff (PolNeAR: a folder of
.ann/.txt files, or its release archive, of which --split is read). Prints the corpus'
metric (Messages, Roles, Joint, type F1), then a row per part the corpus annotates and per
quotation type, quote exact-span F1, and the quote precision of the predicted quotations in
each band of their confidence.

[bold]Examples[/]

  saidwhat eval --data ../shared/data/wikinews-de-quotes/dev
  saidwhat eval --data ../shared/data/polnear --split dev
"""


def _row(table: Table, name: str, scores: dict[str, float]) -> None:
    table.add_row(
        name,
        f"{scores['precision']:.3f}",
        f"{scores['recall']:.3f}",
        f"{scores['f1']:.3f}",
        str(scores.get("n_pred", "")),
        str(scores.get("n_gold", "")),
    )


def _table(title: str) -> Table:
    table = Table(title=title)
    for column in ("", "precision", "recall", "F1", "pred", "gold"):
        table.add_column(column, justify="right" if column else "left")
    return table


def print_summary(console: Console, title: str, summary: dict[str, object]) -> None:
    main = _table(title)
    for name in ("messages", "roles", "joint", "type"):
        _row(main, name.capitalize(), summary[name])  # type: ignore[arg-type]
    console.print(main)
    parts = _table("Per part")
    for name, scores in summary["parts"].items():  # type: ignore[attr-defined]
        _row(parts, name, scores)
    _row(parts, "quote exact span", summary["quote_exact"])  # type: ignore[arg-type]
    console.print(parts)
    types = _table("Per type (quote tokens; a wrong type counts as a miss)")
    for name, scores in summary["types"].items():  # type: ignore[attr-defined]
        _row(types, name, scores)
    console.print(types)


@eval_app.callback(help=EVAL_HELP)
def eval_command(
    ctx: typer.Context,
    data: Annotated[Path | None, typer.Option("--data", help="Gold folder or brat archive.")] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the gold data (auto: detected per document).")
    ] = "auto",
    split: Annotated[str, typer.Option("--split", help="Split to read from a brat release archive.")] = "dev",
    extractor: Annotated[str | None, typer.Option("--extractor", help="Extractor to score.")] = None,
    analysis: Annotated[
        Analysis,
        typer.Option("--analysis", help="Base-layer analysis to score with (as `extract --analysis`)."),
    ] = Analysis.fast,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    if data is None:
        raise typer.BadParameter("give --data DIR (or a subcommand)", param_hint="--data")
    pipeline = Pipeline(language=lang, extractor=extractor, analysis=analysis.value)
    started = time.perf_counter()
    summary = evaluate_folder(data, pipeline, limit=limit, split=split).summary()
    summary["seconds"] = round(time.perf_counter() - started, 2)
    summary["extractor"] = extractor or "default"
    summary["analysis"] = analysis.value
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    console = Console()
    print_summary(console, f"Quotation metric on {data} ({summary['documents']} documents)", summary)
    bands = Table(title="Confidence against quote precision (choose a threshold by what it keeps)")
    for column in ("confidence", "quotations", "mean confidence", "quote precision"):
        bands.add_column(column, justify="right" if column != "confidence" else "left")
    for band in summary["confidence"]:  # type: ignore[attr-defined]
        bands.add_row(
            band["band"],
            str(band["quotations"]),
            f"{band['mean_confidence']:.3f}",
            f"{band['quote_precision']:.3f}",
        )
    console.print(bands)


AGREEMENT_HELP = """Score the corpus' second annotator against its first, in the same metric.

PolNeAR had some articles annotated twice. The agreement of two annotators is the ceiling
the metric puts on any extractor: read a system's figures from `saidwhat eval` beside it.
Only brat corpora keep more than one annotation per article.

[bold]Examples[/]

  saidwhat eval agreement --data ../shared/data/polnear --split train
"""


@eval_app.command("agreement", help=AGREEMENT_HELP)
def eval_agreement_command(
    data: Annotated[Path, typer.Option("--data", help="Brat gold folder or release archive.")],
    split: Annotated[str, typer.Option("--split", help="Split to read from a brat release archive.")] = "dev",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    evaluation = annotator_agreement(data, split)
    if not evaluation.documents:
        raise UserInputError(str(data), f"no article of split {split!r} was annotated twice")
    summary = evaluation.summary()
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    title = f"Second annotator against the first on {data} ({summary['documents']} articles annotated twice)"
    print_summary(Console(), title, summary)
