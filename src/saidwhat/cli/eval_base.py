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

German: tags, morphology and lemmas on UD German GSD dev (even sentences), NER on GermEval
2014 dev (even sentences) and SmartData v3 dev, sentences and tokens on every 5th article
of wikinews-de-quotes train (the wikinews dev split is never read); no parser, so no LAS.
English: tags, morphology, lemmas, UAS/LAS and sentences on UD English EWT dev, NER on
UNER English EWT dev. What each language reads is its recipe (training/base_recipes.py).

[bold]Examples[/]

  saidwhat eval base --lang de
  saidwhat eval base --lang en
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


def _lookup(figures: dict[str, Any], key: str) -> Any:
    value: Any = figures
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _value(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float) and value > 100:
        return f"{value:.0f}"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _main_table(where: str, figures: dict[str, Any], rows: list[tuple[str, str, str]]) -> Table:
    """The recipe's rows; a "features.*" row expands to one row per morphological feature."""
    main = Table(title=f"Base layer {where}")
    main.add_column("measure")
    main.add_column("value", justify="right")
    main.add_column("held-out part")
    for label, key, part in rows:
        if label == "features.*":
            for name, value in (figures.get(key) or {}).items():
                main.add_row(f"  {name} accuracy", _value(value), part)
            continue
        main.add_row(label, _value(_lookup(figures, key)), part)
    return main


@eval_app.command("base", help=EVAL_BASE_HELP)
def eval_base_command(
    lang: Annotated[str, typer.Option("--lang", help="Language code (de, en).")] = "de",
    data: Annotated[Path, typer.Option("--data", help="The shared data folder.")] = Path("../shared/data"),
    model: Annotated[Path | None, typer.Option("--model", help="Model folder (default: shipped).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    processes: Annotated[int, typer.Option("--speed-processes", help="Also time N processes.")] = 0,
) -> None:
    from saidwhat.training.base_recipes import get_recipe

    recipe = get_recipe(lang)
    corpora = recipe.paths(data)
    corpora.check()
    nlp, load_seconds, where = _load(model, lang)
    figures = recipe.evaluate(nlp, corpora, None).as_dict()
    figures["load_seconds"] = round(load_seconds, 2)
    figures["model"] = where
    if processes > 0:
        figures[f"words_per_second_{processes}_processes"] = recipe.benchmark(nlp, corpora, processes)
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    rows = list(recipe.report_rows)
    if processes > 0:
        rows.append(
            (
                f"words/s (nlp.pipe, {processes} processes, wall)",
                f"words_per_second_{processes}_processes",
                "the words/s part above",
            )
        )
    rows.append(("model load seconds", "load_seconds", ""))
    console = Console()
    console.print(_main_table(where, figures, rows))
    for title, key in recipe.ner_tables:
        console.print(_prf_table(title, figures[key]))
