"""``saidwhat train base``: rebuild a language's base pipeline from ../shared/data (its recipe)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from saidwhat.cli.app import stderr, train_app
from saidwhat.errors import UserInputError

DEFAULT_DATA = Path("../shared/data")

TRAIN_BASE_HELP = """Train the base layer (tokens, sentences, STTS/UPOS, morphology, lemmas, entities).

Runs the language's recipe (training/base_recipes.py): builds the corpora, trains on one
thread with seed 0, adds the rule components, scores the held-out parts and writes the
model with its meta.json. German: gold UD and NER sentences plus HanTa silver tags (about
20 minutes on 2 cores). English: UD EWT and GUM's openly licensed genres (about 50 minutes).
Set OMP_NUM_THREADS=1 to keep numpy on one thread too.

[bold]Examples[/]

  saidwhat train base --lang de --out /tmp/base-model
  saidwhat train base --lang de   [dim]# writes language/de/model/base (what ships)[/]
  saidwhat train base --lang en   [dim]# writes language/en/model/base[/]
  saidwhat train base --lang de --trained src/saidwhat/language/de/model/base
      [dim]# keeps the trained components, rebuilds the rule ones (seconds)[/]
"""


@train_app.command("base", help=TRAIN_BASE_HELP)
def train_base_command(
    lang: Annotated[str, typer.Option("--lang", help="Language code (de, en).")] = "de",
    data: Annotated[Path, typer.Option("--data", help="The shared data folder.")] = DEFAULT_DATA,
    out: Annotated[Path | None, typer.Option("--out", help="Model folder (default: shipped).")] = None,
    work: Annotated[Path | None, typer.Option("--work", help="Folder for corpora and checkpoints.")] = None,
    max_steps: Annotated[int | None, typer.Option("--max-steps", help="Override the config's steps.")] = None,
    trained: Annotated[
        Path | None,
        typer.Option(
            "--trained",
            help="Skip training: keep this assembled pipeline's trained components and rebuild "
            "its rule components (after a change to the rules or their word lists).",
        ),
    ] = None,
) -> None:
    from saidwhat.language import get_language
    from saidwhat.training.base import train_base
    from saidwhat.training.base_recipes import get_recipe

    get_recipe(lang)  # an unknown language fails before any work

    if not data.is_dir():
        raise UserInputError(str(data), "shared data folder not found")
    profile = get_language(lang)
    target = out or profile.folder / profile.model_dirs.get("base", "model/base")
    if trained is not None and not (trained / "config.cfg").is_file():
        raise UserInputError(str(trained), "not a spaCy pipeline folder (no config.cfg)")
    overrides = {"training.max_steps": max_steps} if max_steps else None
    work_dir = work or Path(tempfile.mkdtemp(prefix="saidwhat-base-"))
    figures = train_base(
        data,
        target,
        work_dir,
        progress=lambda m: stderr.print(f"[dim]{m}[/]"),
        overrides=overrides,
        lang=lang,
        trained=trained,
    )
    stderr.print(f"wrote {target}")
    typer.echo(json.dumps(figures, indent=2))
