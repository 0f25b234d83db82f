"""``saidwhat extract``: quotations of documents as JSON lines (the extraction contract)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from saidwhat.cli.app import app, stderr
from saidwhat.errors import UserInputError
from saidwhat.ingest import expand_paths, read_documents
from saidwhat.pipeline import Pipeline
from saidwhat.records import extraction_to_json

EXTRACT_HELP = """Extract quotations from .txt files, folders (recursively) or - (standard input).

Writes one JSON line per document: its [bold]source[/], the recovered [bold]article[/] and its
[bold]quotes[/], each with type, medium, confidence and the roles quote, cue, speaker,
addressee and frame as text plus character spans into the document text.

[bold]Examples[/]

  saidwhat extract article.txt

  saidwhat extract news/ -o quotes.jsonl

  cat article.txt | saidwhat extract - --lang de
"""


@app.command("extract", help=EXTRACT_HELP)
def extract_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for standard input.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON lines here instead of stdout.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language code (de, en) or auto.")] = "auto",
    extractor: Annotated[
        str | None, typer.Option("--extractor", help="Extractor name (default: the trained one, else baseline).")
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per batch.")] = 32,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Progress bar on stderr.")] = True,
) -> None:
    files = list(expand_paths(paths))
    pipeline = Pipeline(language=lang, extractor=extractor, batch_size=batch_size)
    sink: TextIO
    if output is not None:
        try:
            sink = output.open("w", encoding="utf-8")
        except OSError as error:
            raise UserInputError(str(output), f"cannot write ({error.strerror})") from None
    else:
        sink = sys.stdout
    show_progress = progress and len(files) > 1
    try:
        with Progress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=stderr, disable=not show_progress, transient=False,
        ) as bar:
            task = bar.add_task("extract", total=len(files))
            documents = read_documents(str(f) for f in files)
            for extraction in pipeline.process(documents):
                sink.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
                bar.advance(task)
    finally:
        if sink is not sys.stdout:
            sink.close()
