"""``saidwhat bench``: bounded benchmarks; each one is a module registering on ``bench_app``."""

from __future__ import annotations

import typer

from saidwhat.cli.app import app

bench_app = typer.Typer(
    help="Bounded benchmarks (store, server); each prints its figures.", no_args_is_help=True
)
app.add_typer(bench_app, name="bench")
