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
    recipe: Annotated[
        str,
        typer.Option(
            "--recipe",
            help="pos-dict: first names, places and nouns of german-pos-dict; "
            "gum: first names only, german-pos-dict's merged with GUM train coreference's.",
        ),
    ] = "pos-dict",
) -> None:
    """Rebuild the name lexicons of speaker resolution in the language's data folder.

    [bold]Examples[/]

      saidwhat train names --data ../shared/data

      saidwhat train names --lang en --recipe gum   [dim]# writes language/en/data/first_names.tsv[/]
    """
    from saidwhat.training.names import build_name_lexicons, first_names_from_pos_dict

    profile = get_language(lang)
    source = data / "german-pos-dict" / "german-pos-dict-1.2.4.tsv.xz"
    if not source.exists():
        raise UserInputError(str(source), "lexicon not found (is ../shared/data there?)")
    if recipe == "pos-dict":
        counts = build_name_lexicons(source, profile.folder / "data")
    elif recipe == "gum":
        from saidwhat.training.names_gum import first_names_from_gum, merge_names, write_first_names

        gum = data / "gum-en" / "gum-train-dev-noreddit.tar.xz"
        if not gum.exists():
            raise UserInputError(str(gum), "GUM not found (is ../shared/data there?)")
        names = merge_names(first_names_from_pos_dict(source), first_names_from_gum(gum, profile))
        counts = {"first_names": write_first_names(names, profile.folder / "data" / "first_names.tsv")}
    else:
        raise UserInputError("--recipe", f"unknown recipe {recipe!r} (pos-dict, gum)")
    stderr.print(f"wrote {counts} into {profile.folder / 'data'}")
