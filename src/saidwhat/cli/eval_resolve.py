"""``saidwhat eval resolve``: speaker-resolution accuracy on the hand-annotated gold set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from saidwhat.cli.app import ANALYSIS_HELP, Analysis
from saidwhat.cli.evaluate import eval_app
from saidwhat.evaluation.resolution import (
    ResolutionScore,
    default_gold_path,
    evaluate_end_to_end,
    evaluate_given_mentions,
    read_gold,
)
from saidwhat.language import get_language
from saidwhat.pipeline import Pipeline
from saidwhat.resolve import SpeakerResolver

DEFAULT_DATA = Path("../shared/data/wikinews-de-quotes/dev")

RESOLVE_HELP = """Score speaker resolution: does each gold speaker mention ("er", "Rutte", "der
Sprecher", "nach Angaben der Polizei") resolve to the annotated person, organisation,
anonymous source, or nothing?

Two figures: [bold]given gold mentions[/] (the corpus' speaker spans are resolved) and
[bold]end to end[/] (the extractor finds the speakers in raw text; a gold mention counts when
an overlapping predicted speaker resolves right). The gold set is drawn from dev; see
docs/resolution-guideline.md.

[bold]Examples[/]

  saidwhat eval resolve

  saidwhat eval resolve --data ../shared/data/wikinews-de-quotes/dev --errors 20

  saidwhat eval resolve --no-end-to-end --json
"""


def _table(title: str, scores: dict[str, ResolutionScore]) -> Table:
    table = Table(title=title)
    for column in ("", "accuracy", "correct", "total", "person", "organisation", "anonymous", "none"):
        table.add_column(column, justify="left" if not column else "right")
    for name, score in scores.items():
        summary = score.summary()
        kinds = summary["by_kind"]
        table.add_row(
            name,
            f"{summary['accuracy']:.3f}",
            str(summary["correct"]),
            str(summary["total"]),
            *(
                f"{kinds[k]['accuracy']:.3f}" if k in kinds else "-"
                for k in ("person", "organisation", "anonymous", "none")
            ),
        )
    return table


@eval_app.command("resolve", help=RESOLVE_HELP)
def eval_resolve_command(
    data: Annotated[
        Path, typer.Option("--data", help="Folder of the wikinews-de-quotes dev articles.")
    ] = DEFAULT_DATA,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Gold resolution JSONL (default: the shipped dev set).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the gold data.")] = "de",
    extractor: Annotated[str | None, typer.Option("--extractor", help="Extractor for end to end.")] = None,
    analysis: Annotated[Analysis, typer.Option("--analysis", help=ANALYSIS_HELP)] = Analysis.fast,
    end_to_end: Annotated[
        bool, typer.Option("--end-to-end/--no-end-to-end", help="Also score from raw text.")
    ] = True,
    errors: Annotated[int, typer.Option("--errors", help="Print the first N wrong resolutions.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    golds = read_gold(gold or default_gold_path())
    resolver = SpeakerResolver(get_language(lang))
    documents = len({g.document for g in golds})
    scores: dict[str, ResolutionScore] = {}
    with Progress(transient=True, disable=as_json) as progress:
        task = progress.add_task("given gold mentions", total=documents)
        scores["given gold mentions"] = evaluate_given_mentions(
            golds, data, resolver, on_document=lambda: progress.advance(task)
        )
        if end_to_end:
            task = progress.add_task("end to end", total=documents)
            pipeline = Pipeline(language=lang, extractor=extractor, analysis=analysis.value)
            scores["end to end"] = evaluate_end_to_end(
                golds, data, pipeline, on_document=lambda: progress.advance(task)
            )
    if as_json:
        payload = {name.replace(" ", "_"): score.summary() for name, score in scores.items()}
        payload["extractor"] = extractor or "default"
        payload["analysis"] = analysis.value
        if errors:
            payload["errors"] = {
                name.replace(" ", "_"): score.errors[:errors] for name, score in scores.items()
            }
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    console = Console()
    console.print(_table(f"Speaker resolution on {len(golds)} gold mentions ({documents} documents)", scores))
    if end_to_end:
        summary = scores["end to end"].summary()
        console.print(
            f"end to end: {summary['covered']} of {len(golds)} gold mentions overlap a predicted speaker; "
            f"accuracy on those {summary['accuracy_on_covered']:.3f}"
        )
    for name, score in scores.items():
        for error in score.errors[:errors]:
            console.print(
                f"[dim]{name}[/] {error['mention']!r}: gold {error['gold']}, got {error['predicted']}",
                highlight=False,
            )
