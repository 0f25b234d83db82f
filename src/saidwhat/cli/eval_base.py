"""``saidwhat eval base``: the base layer's held-out figures."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.evaluate import eval_app
from saidwhat.errors import UserInputError

EVAL_BASE_HELP = """Score the base pipeline on the held-out parts of ../shared/data.

Tags, morphology and lemmas on UD German GSD dev (even sentences), NER on GermEval 2014
dev (even sentences) and SmartData v3 dev, sentences and tokens on every 5th article of
wikinews-de-quotes train. The wikinews dev split is never read. There is no parser, so no LAS.

[bold]Examples[/]

  saidwhat eval base --lang de
  saidwhat eval base --lang de --model /tmp/base-model --json
  saidwhat eval base --lang de --speed-processes 2   [dim]# adds the 2-process speed benchmark[/]
"""


def _load(model: Path | None, lang: str) -> tuple[Any, float, str]:
    import spacy

    import saidwhat.language.components  # noqa: F401  (paragraph_sentences)
    from saidwhat.language import get_language

    path = model or get_language(lang).model_path("base")
    if path is None or not (path / "config.cfg").exists():
        raise UserInputError(str(path or f"--lang {lang}"), "no trained base model (run saidwhat train base)")
    started = time.perf_counter()
    nlp = spacy.load(path)
    return nlp, time.perf_counter() - started, str(path)


def _prf_table(title: str, scores: dict[str, dict[str, float | int]]) -> Table:
    table = Table(title=title)
    for column in ("label", "precision", "recall", "F1", "gold"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, s in scores.items():
        table.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", str(s["gold"]))
    return table


@eval_app.command("base", help=EVAL_BASE_HELP)
def eval_base_command(
    lang: Annotated[str, typer.Option("--lang", help="Language code.")] = "de",
    data: Annotated[Path, typer.Option("--data", help="The shared data folder.")] = Path("../shared/data"),
    model: Annotated[Path | None, typer.Option("--model", help="Model folder (default: shipped).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    processes: Annotated[int, typer.Option("--speed-processes", help="Also time N processes.")] = 0,
) -> None:
    from saidwhat.evaluation.base import benchmark_words_per_second, evaluate_base
    from saidwhat.training.base_data import DataPaths

    if lang != "de":
        raise UserInputError("--lang", f"no base-layer evaluation for {lang!r} (only de)")
    paths = DataPaths(data)
    paths.check()
    nlp, load_seconds, where = _load(model, lang)
    figures = evaluate_base(nlp, paths).as_dict()
    figures["load_seconds"] = round(load_seconds, 2)
    figures["model"] = where
    if processes > 0:
        figures[f"words_per_second_{processes}_processes"] = benchmark_words_per_second(nlp, paths, processes)
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    console = Console()
    main = Table(title=f"Base layer {where}")
    main.add_column("measure")
    main.add_column("value", justify="right")
    main.add_column("held-out part")
    gsd = f"UD GSD dev, even sentences ({figures['tokens_ud']} tokens)"
    main.add_row("UPOS accuracy", f"{figures['upos']:.3f}", gsd)
    main.add_row("STTS accuracy", f"{figures['stts']:.3f}", gsd)
    main.add_row("lemma accuracy", f"{figures['lemma']:.3f}", gsd)
    main.add_row("all features exact", f"{figures['morph_all']:.3f}", gsd)
    for name, value in figures["features"].items():
        main.add_row(f"  {name} accuracy", f"{value:.3f}", gsd)
    sub = figures["mood_sub"]
    main.add_row("Mood=Sub precision", f"{sub['precision']:.3f}", f"{gsd}; {sub['gold']} gold")
    main.add_row("Mood=Sub recall", f"{sub['recall']:.3f}", gsd)
    wiki = f"wikinews-de-quotes train, every 5th article ({figures['sentences']['articles']})"
    main.add_row("sentence F1", f"{figures['sentences']['f1']:.3f}", wiki)
    main.add_row("token F1", f"{figures['tokens']['f1']:.3f}", wiki)
    main.add_row("sentence F1 (UD boundaries)", f"{figures['sentences_ud']['f1']:.3f}",
                 "UD GSD dev, even sentences, joined 10 to a text")
    main.add_row("LAS", "n/a", "no parser (see docs/base-layer.md)")
    main.add_row("words/s (nlp.pipe, 1 process, wall)", f"{figures['words_per_second']:.0f}", wiki)
    main.add_row("words per CPU-second (1 core)", f"{figures['words_per_cpu_second']:.0f}", wiki)
    if processes > 0:
        speed = figures[f"words_per_second_{processes}_processes"]
        main.add_row(f"words/s (nlp.pipe, {processes} processes, wall)", f"{speed:.0f}", wiki)
    main.add_row("model load seconds", f"{figures['load_seconds']:.2f}", "")
    console.print(main)
    console.print(_prf_table("NER, GermEval 2014 dev (even sentences)", figures["ner_germeval"]))
    console.print(_prf_table("NER, SmartData v3 dev (PER/ORG/LOC)", figures["ner_smartdata"]))
