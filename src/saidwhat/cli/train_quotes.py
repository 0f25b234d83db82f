"""``saidwhat train quotes``: rebuild the trained quotation extractor from the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saidwhat.cli.app import Analysis, stderr, train_app
from saidwhat.errors import UserInputError
from saidwhat.language import get_language

DEFAULT_DATA = Path("../shared/data")

TRAIN_QUOTES_HELP = """Train a language's quotation extractor on its corpus and ship it.

The corpus, its splits, licence and recipe settings come from ``training.quotes`` in the
language's language.json (German: wikinews-de-quotes; English: PolNeAR). Writes the two
CRF taggers, the linker table and meta.json into the language's model/quotes/ folder (or
--out), then scores the result on the dev split. Deterministic: the same corpus gives the
same artefact. Takes a few minutes (German) to about twenty (English) on one core.

[bold]Examples[/]

  saidwhat train quotes --lang de
  saidwhat train quotes --lang en
  saidwhat train quotes --lang de --out /tmp/quotes --folds 0
  saidwhat train quotes --lang de --analysis full   [dim]# model/quotes-full: tags and entities as features[/]
"""


@train_app.command("quotes", help=TRAIN_QUOTES_HELP)
def train_quotes(
    lang: Annotated[str, typer.Option("--lang", help="Language code.")] = "de",
    data: Annotated[Path, typer.Option("--data", help="The shared data folder.")] = DEFAULT_DATA,
    out: Annotated[
        Path | None, typer.Option("--out", help="Model folder (default: the shipped one).")
    ] = None,
    folds: Annotated[
        int | None,
        typer.Option("--folds", min=0, help="Jackknife folds for the role tagger (default: the recipe's)."),
    ] = None,
    iterations: Annotated[
        int, typer.Option("--iterations", min=0, help="L-BFGS iterations per CRF (0: the recipe's).")
    ] = 0,
    analysis: Annotated[
        Analysis,
        typer.Option(
            "--analysis",
            help="Train on the fast analysis (tokens, sentences; model/quotes) or on the full one "
            "(adds tags, entities, a parse where there is one; model/quotes-full, used by "
            "`extract --analysis full`).",
        ),
    ] = Analysis.fast,
) -> None:
    from saidwhat.extract.trained import QUOTE_MODELS
    from saidwhat.training.quotes import (
        QuoteCorpus,
        QuoteRecipe,
        evaluate_model,
        train_quote_model,
        write_meta,
    )

    profile = get_language(lang)
    corpus = QuoteCorpus.of(profile)
    corpus_path = data / corpus.path
    if not corpus_path.exists():
        raise UserInputError(str(corpus_path), "corpus not found (is ../shared/data there?)")
    model = QUOTE_MODELS[analysis.value]
    target = out or profile.folder / profile.model_dirs.get(model, f"model/{model.replace('_', '-')}")
    recipe = QuoteRecipe.for_corpus(
        corpus, analysis=analysis.value, **({} if folds is None else {"folds": folds})
    )
    if iterations:
        recipe.max_iterations = iterations
    with stderr.status("training") as status:
        training = train_quote_model(
            profile,
            corpus_path,
            target,
            recipe,
            progress=lambda m: status.update(m),
            split=corpus.train_split,
        )
        status.update("scoring on dev")
        summary = evaluate_model(profile, target, corpus_path, corpus.dev_split, analysis.value)
        dev_scores = {
            name: round(float(summary[name]["f1"]), 4)  # type: ignore[index]
            for name in ("messages", "roles", "joint", "type")
        }
        dev_scores["per_part_f1"] = {  # type: ignore[assignment]
            name: round(float(scores["f1"]), 4)
            for name, scores in summary["parts"].items()  # type: ignore[union-attr]
        }
        dev_scores["per_type_f1"] = {  # type: ignore[assignment]
            name: round(float(scores["f1"]), 4)
            for name, scores in summary["types"].items()  # type: ignore[union-attr]
            if scores["n_gold"]
        }
    write_meta(target, profile, corpus, recipe, training, dev_scores)
    stderr.print(
        f"wrote {target} ({training['articles']} articles, {training['seconds']} s); dev F1: {dev_scores}"
    )
