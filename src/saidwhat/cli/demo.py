"""``saidwhat demo``: extract the bundled sample articles and show who said what."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from saidwhat.cli.app import app
from saidwhat.ingest import read_documents
from saidwhat.pipeline import Pipeline
from saidwhat.records import Extraction, extraction_to_json


def sample_folder() -> Path:
    return Path(str(resources.files("saidwhat") / "samples"))


def who_said_what(extraction: Extraction) -> Table:
    article = extraction.article
    title = article.headline or article.document.source
    table = Table(title=title, title_justify="left", expand=True, show_lines=True)
    table.add_column("speaker", overflow="fold", ratio=2)
    table.add_column("type", no_wrap=True, min_width=20)
    table.add_column("cue", overflow="fold", ratio=1)
    table.add_column("quote", overflow="fold", ratio=5)
    table.add_column("conf.", justify="right", min_width=5)
    for quotation in extraction.quotations:
        entity = quotation.speaker.entity
        speaker = entity.name if entity else (quotation.speaker.text or "(unresolved)")
        if entity and entity.role:
            speaker += f", {entity.role}"
        quote = quotation.quote.text
        table.add_row(
            speaker,
            quotation.type,
            quotation.cue.text,
            quote if len(quote) <= 200 else quote[:197] + "…",
            f"{quotation.confidence:.2f}",
        )
    return table


@app.command("demo")
def demo_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the JSON lines.")] = Path(
        "demo-output.jsonl"
    ),
) -> None:
    """Run extraction on the bundled sample articles and print a who-said-what table."""
    pipeline = Pipeline(language="auto")
    extractions = list(pipeline.process(read_documents([str(sample_folder())])))
    with output.open("w", encoding="utf-8") as sink:
        for extraction in extractions:
            sink.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
    # Piped output has no terminal width to follow: use one that fits the table.
    console = Console() if sys.stdout.isatty() else Console(width=140)
    for extraction in extractions:
        console.print(who_said_what(extraction))
    total = sum(len(e.quotations) for e in extractions)
    console.print(f"{total} quotations in {len(extractions)} articles; JSON lines in {output}")
    console.print("Browse them in the web UI: saidwhat serve --demo  (then open http://127.0.0.1:8000/)")
