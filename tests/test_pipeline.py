"""The Pipeline: worker processes give exactly what one process gives, in input order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from saidwhat.pipeline import Pipeline
from saidwhat.records import Document, extraction_to_json


def _documents(fixtures: Path, seed_path: Path) -> list[Document]:
    paths = [*sorted((fixtures / "de").glob("*.txt")), seed_path]
    return [Document(text=p.read_text(encoding="utf-8"), source=str(p)) for p in paths * 3]


def test_workers_match_single_process(fixtures: Path, seed_path: Path) -> None:
    documents = _documents(fixtures, seed_path)
    single = [extraction_to_json(e) for e in Pipeline(language="de", batch_size=2).process(documents)]
    with Pipeline(language="de", batch_size=2, workers=2) as pipeline:
        parallel = [extraction_to_json(e) for e in pipeline.process(documents)]
        again = [extraction_to_json(e) for e in pipeline.process(documents[:3])]
    assert parallel == single
    assert again == single[:3]
    assert any(line["quotes"] for line in single)


def test_extract_cli_workers(fixtures: Path, tmp_path: Path) -> None:
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}.jsonl"
        result = subprocess.run(
            [sys.executable, "-m", "saidwhat", "extract", str(fixtures / "de"), "-o", str(out),
             "--lang", "de", "--workers", workers],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    assert outputs[0] == outputs[1]


def test_unknown_language_keeps_the_article_without_quotations() -> None:
    french = "Le ministre a déclaré lundi que le pont resterait ouvert à toute la circulation. " * 8
    [extraction] = Pipeline(language="auto").process([Document(text=french, source="fr.txt")])
    assert extraction.quotations == []
    assert extraction.article.language == "other"
    assert extraction.article.body.startswith("Le ministre")
