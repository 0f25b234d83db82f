"""`saidwhat bench extract` and `bench languages` on the bundled sample articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from saidwhat.cli.app import _load_commands, app
from saidwhat.evaluation.bench_extract import bench_documents, bench_extract

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "saidwhat" / "samples"


def _corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def test_bench_extract_counts_every_pass(tmp_path: Path) -> None:
    documents = bench_documents(_corpus(tmp_path / "de", ["01-hafen.txt", "02-klinik.txt"]))
    result = bench_extract(documents, language="de", repeat=2)
    assert result.articles == 4
    assert result.characters == 2 * sum(len(d.text) for d in documents)
    assert result.quotations > 0 and result.quotations % 2 == 0  # the same quotations each pass
    assert result.seconds > 0 and result.peak_rss_mb > 0


def test_bench_languages_takes_turns_and_reports_each_round(tmp_path: Path) -> None:
    _load_commands()
    german = _corpus(tmp_path / "de", ["01-hafen.txt", "03-verein.txt"])
    english = _corpus(tmp_path / "en", ["04-harbor.txt"])
    arguments = ["bench", "languages", "--corpus", f"de={german}", "--corpus", f"en={english}"]
    result = CliRunner().invoke(app, [*arguments, "--rounds", "2", "--json"])
    assert result.exit_code == 0, result.output
    de, en = json.loads(result.output)
    assert (de["language"], en["language"]) == ("de", "en")
    assert len(de["characters_per_second"]) == len(en["characters_per_second"]) == 2
    assert de["of_reference"] == 1.0 and en["of_reference"] > 0
    bad = CliRunner().invoke(app, ["bench", "languages", "--corpus", "english-texts/"])
    assert bad.exit_code == 2 and "LANG=PATH" in bad.output
