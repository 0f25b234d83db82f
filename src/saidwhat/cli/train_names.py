"""``saidwhat train names``: rebuild the first-name and place lexicons of speaker resolution."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saidwhat.cli.app import stderr, train_app
from saidwhat.errors import UserInputError
from saidwhat.language import get_language

DEFAULT_DATA = Path("../shared/data")


@train_app.command("names")
def train_names(
    lang: Annotated[str, typer.Option("--lang", help="Language code.")] = "de",
    data: Annotated[Path, typer.Option("--data", help="The shared data folder.")] = DEFAULT_DATA,
) -> None:
    """Rebuild first_names.tsv (with gender) and places.txt from the full-form lexicon.

    [bold]Example[/]

      saidwhat train names --data ../shared/data
    """
    from saidwhat.training.names import build_name_lexicons

    profile = get_language(lang)
    source = data / "german-pos-dict" / "german-pos-dict-1.2.4.tsv.xz"
    if not source.exists():
        raise UserInputError(str(source), "lexicon not found (is ../shared/data there?)")
    counts = build_name_lexicons(source, profile.folder / "data")
    stderr.print(f"wrote {counts} into {profile.folder / 'data'}")
