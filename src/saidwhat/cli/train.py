"""``saidwhat train ...``: rebuild shipped artefacts from ../shared/data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saidwhat.cli.app import stderr, train_app
from saidwhat.errors import UserInputError
from saidwhat.language import get_language

DEFAULT_DATA = Path("../shared/data")


@train_app.command("lexicon")
def train_lexicon(
    lang: Annotated[str, typer.Option("--lang", help="Language code.")] = "de",
    data: Annotated[Path, typer.Option("--data", help="The shared data folder.")] = DEFAULT_DATA,
) -> None:
    """Rebuild the cue-verb forms and Konjunktiv forms from the full-form lexicon."""
    from saidwhat.training.lexicon import build_german_lexicon

    profile = get_language(lang)
    source = data / "german-pos-dict" / "german-pos-dict-1.2.4.tsv.xz"
    if not source.exists():
        raise UserInputError(str(source), "lexicon not found (is ../shared/data there?)")
    counts = build_german_lexicon(source, profile.folder / "data")
    stderr.print(f"wrote {counts} into {profile.folder / 'data'}")
