"""``saidwhat train base``: rebuild the German base pipeline from ../shared/data."""

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

Builds the corpora (gold UD and NER sentences plus HanTa silver tags), trains on one
thread with seed 0 (about 20 minutes on 2 cores), adds the tokenizer and Konjunktiv rules,
scores the held-out parts and writes the model with its meta.json.

[bold]Examples[/]

  saidwhat train base --lang de --out /tmp/base-model
  saidwhat train base --lang de   [dim]# writes language/de/model/base (what ships)[/]
"""


@train_app.command("base", help=TRAIN_BASE_HELP)
def train_base_command(
    lang: Annotated[str, typer.Option("--lang", help="Language code (only de has a recipe).")] = "de",
    data: Annotated[Path, typer.Option("--data", help="The shared data folder.")] = DEFAULT_DATA,
    out: Annotated[Path | None, typer.Option("--out", help="Model folder (default: shipped).")] = None,
    work: Annotated[Path | None, typer.Option("--work", help="Folder for corpora and checkpoints.")] = None,
    max_steps: Annotated[int | None, typer.Option("--max-steps", help="Override the config's steps.")] = None,
) -> None:
    if lang != "de":
        raise UserInputError("--lang", f"no base-layer recipe for {lang!r} (only de)")
    from saidwhat.language import get_language
    from saidwhat.training.base import train_base

    if not data.is_dir():
        raise UserInputError(str(data), "shared data folder not found")
    profile = get_language(lang)
    target = out or profile.folder / profile.model_dirs.get("base", "model/base")
    overrides = {"training.max_steps": max_steps} if max_steps else None
    work_dir = work or Path(tempfile.mkdtemp(prefix="saidwhat-base-"))
    figures = train_base(data, target, work_dir, progress=lambda m: stderr.print(f"[dim]{m}[/]"),
                         overrides=overrides)
    stderr.print(f"wrote {target}")
    typer.echo(json.dumps(figures, indent=2))
