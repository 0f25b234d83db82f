"""The Typer app and the error handling every command shares.

Commands live in sibling modules and register on ``app`` when imported (see COMMAND_MODULES);
a user mistake raises UserInputError and becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import importlib
import sys
from enum import StrEnum

import typer
from rich.console import Console

from saidwhat.errors import UserInputError

app = typer.Typer(
    name="saidwhat",
    help="Who said what, to whom, when, and according to which source: quotations in news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
train_app = typer.Typer(help="Rebuild shipped lexicons and models from ../shared/data.", no_args_is_help=True)
app.add_typer(train_app, name="train")

stderr = Console(stderr=True)


class Analysis(StrEnum):
    """How much of the base layer runs: --help lists the choices, Typer checks them."""

    fast = "fast"
    full = "full"


ANALYSIS_HELP = (
    "fast: tokens and sentences only (the default); full: every layer of the base pipeline "
    "(tags, morphology, lemmas, entities, a parse where the language has one) and the "
    "quotation model trained on them: more accurate, about a third of the speed."
)


# A new command group is a new module listed here.
COMMAND_MODULES = (
    "saidwhat.cli.extract",
    "saidwhat.cli.evaluate",
    "saidwhat.cli.eval_resolve",
    "saidwhat.cli.train_names",
    "saidwhat.cli.train",
    "saidwhat.cli.demo",
    "saidwhat.cli.train_base",
    "saidwhat.cli.eval_base",
    "saidwhat.cli.store",
    "saidwhat.cli.serve",
    "saidwhat.cli.bench_serve",
    "saidwhat.cli.bench_store",
    "saidwhat.cli.bench_ingest",
    "saidwhat.cli.spark",
    "saidwhat.cli.bench_spark",
    "saidwhat.cli.train_quotes",
    "saidwhat.cli.bench_extract",
)


def _load_commands() -> None:
    for module in COMMAND_MODULES:
        importlib.import_module(module)


def main() -> None:
    _load_commands()
    try:
        app()
    except UserInputError as error:
        stderr.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
