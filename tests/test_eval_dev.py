"""Accuracy floors of the rule baseline on wikinews-de-quotes dev (deterministic)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_baseline_floors_on_dev(shared_data: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "saidwhat",
            "eval",
            "--data",
            str(shared_data / "wikinews-de-quotes" / "dev"),
            "--extractor",
            "baseline",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["documents"] == 150
    # Measured 0.553 / 0.396 / 0.447 / 0.522; the published rule baseline is 0.49 / 0.35 / 0.39.
    assert summary["messages"]["f1"] >= 0.53
    assert summary["roles"]["f1"] >= 0.37
    assert summary["joint"]["f1"] >= 0.42
    assert summary["type"]["f1"] >= 0.50
