"""``saidwhat serve`` and ``saidwhat bench serve`` as a user runs them: real processes on
loopback, bounded in requests and time."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from saidwhat.cli.app import _load_commands, app
from saidwhat.records import Extraction
from saidwhat.serve.loadtest import free_port, percentile, server_process
from saidwhat.serve.synthetic import SyntheticShape, build_synthetic_store
from saidwhat.store.database import open_store
from saidwhat.store.indexes import deferrable, missing
from saidwhat.store.query import Filters
from saidwhat.store.search import search
from saidwhat.store.writer import StoreWriter, WriteStats


def run_cli(*arguments: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "saidwhat", *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_serve_help_has_examples() -> None:
    # In process: a subprocess would pay for importing every command module again.
    _load_commands()
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "--demo", "--closed-reads"):
        assert option in result.output
    assert "saidwhat serve --demo" in result.output
    bench = CliRunner().invoke(app, ["bench", "serve", "--help"], env={"COLUMNS": "200"})
    assert bench.exit_code == 0 and "--requests" in bench.output and "--seconds" in bench.output


def test_serve_rejects_a_short_token_in_one_line() -> None:
    result = run_cli("serve", "--db", "unused.db", "--token", "short")
    assert result.returncode == 2
    assert "token" in result.stderr and "Traceback" not in result.stderr


def test_serve_demo_shows_the_samples() -> None:
    with server_process(["--demo"], free_port()) as base:
        quotations = httpx.get(f"{base}/api/quotations", params={"page_size": 100}).json()["items"]
        assert len(quotations) >= 6
        page = httpx.get(f"{base}/")
        assert page.status_code == 200 and "Who said what" in page.text
        assert quotations[0]["id"] in page.text
        refused = httpx.post(f"{base}/api/documents", json={"text": "x"})
        assert refused.status_code == 403  # the demo has no token: it is read-only


def test_synthetic_store_spans_index_the_text(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "synthetic.db"))
    try:
        assert build_synthetic_store(store, SyntheticShape(quotations=50)) == 50
        rows = search(store, Filters(), limit=50)
    finally:
        store.close()
    assert len(rows) == 50
    assert all(row["speaker_id"] and row["cue"] for row in rows)


def test_synthetic_fill_is_one_load_that_ends_with_the_search_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fill goes through ``StoreWriter.loading``: into an empty store the search-only
    indexes are absent while it writes, and all of them are there when it returns."""
    store = open_store(str(tmp_path / "synthetic.db"))
    missing_while_writing: list[set[str]] = []
    write = StoreWriter.write

    def spying_write(self: StoreWriter, extractions: Sequence[Extraction]) -> WriteStats:
        with store.engine.connect() as connection:
            missing_while_writing.append({str(index.name) for index in missing(connection)})
        return write(self, extractions)

    monkeypatch.setattr(StoreWriter, "write", spying_write)
    deferred = {str(index.name) for index in deferrable()}
    try:
        assert build_synthetic_store(store, SyntheticShape(quotations=60), batch=2) == 60
        with store.engine.connect() as connection:
            assert missing(connection) == []
    finally:
        store.close()
    assert len(missing_while_writing) == 3 and all(found == deferred for found in missing_while_writing)


def test_bench_serve_is_bounded_and_reports(tmp_path: Path) -> None:
    result = run_cli(
        "bench",
        "serve",
        "--quotations",
        "300",
        "--requests",
        "60",
        "--seconds",
        "60",
        "--concurrency",
        "2",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["errors"] == 0
    assert figures["requests"] == 60
    assert sum(kind["requests"] for kind in figures["by_kind"].values()) == 60
    assert figures["requests_per_s"] > 0 and 0 < figures["p50_ms"] <= figures["p95_ms"]


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([], 0.95) == 0.0
