"""``saidwhat extract`` over every input kind: article lines, problem lines, summary, --strict."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_75861da35d80617c.txt"
ARTICLE_KEYS = {"headline", "authors", "published", "language", "outlet", "sections", "credits", "url"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "saidwhat", "extract", *args, "--extractor", "baseline"],
        capture_output=True,
        text=True,
        timeout=300,
    )


def write_warc(path: Path) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = (FIXTURES / "layout-a.html").read_bytes()
        writer.write_record(
            writer.create_warc_record(
                "https://www.nordstadt-kurier.example/lokales/stadtrat-faehre",
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
            )
        )


def test_every_kind_in_one_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("layout-b.html", "feed.rss", "feed.atom", "articles.jsonl"):
        shutil.copy(FIXTURES / name, inputs / name)
    shutil.copy(SEED, inputs / "seed.txt")
    write_warc(inputs / "crawl.warc.gz")
    (inputs / "z-page.html.gz").write_bytes(gzip.compress((FIXTURES / "layout-a.html").read_bytes()))
    out = tmp_path / "out.jsonl"
    result = run_cli(str(inputs), "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    # layout-a arrives twice (WARC and gzip) and is kept once.
    assert len(lines) == 2 + 1 + 3 + 2 + 1 + 1 + 1 - 1
    for line in lines:
        assert set(line["article"]) == ARTICLE_KEYS
        text = line.get("text")
        if text is None:  # plain text: offsets index the file
            text = Path(line["source"]).read_text(encoding="utf-8")
        for quote in line["quotes"]:
            for start, end in quote["quote"]["spans"]:
                assert text[start:end] in quote["quote"]["text"]
    seed = next(x for x in lines if x["source"].endswith("seed.txt"))
    assert "text" not in seed
    assert seed["article"]["published"] == "2024-11-05T09:20:00"
    assert seed["article"]["credits"] == ["The Defence Post"]
    warc = next(x for x in lines if x["source"].endswith("crawl.warc.gz"))
    assert warc["record"] == 0 and warc["article"]["outlet"] == "Nordstadt Kurier"
    assert any(q["quote"]["text"].startswith('"Wir brauchen diese Verbindung') for q in warc["quotes"])
    stderr = [x for x in result.stderr.splitlines() if x.strip()]
    assert [x for x in stderr if "articles.jsonl:" in x] == [
        f"{inputs / 'articles.jsonl'}:3: not valid JSON (Expecting value: line 1 column 1 (char 0))",
        f"{inputs / 'articles.jsonl'}:4: not a JSON object",
        f"{inputs / 'articles.jsonl'}:5: no text (looked for 'text' and 'html')",
    ]
    assert stderr[-1].startswith("read 7 files,") and "2 duplicates skipped, 3 errors" in stderr[-1]


def test_strict_stops_and_format_forces_a_reader(tmp_path: Path) -> None:
    strict = run_cli(str(FIXTURES / "articles.jsonl"), "--strict")
    assert strict.returncode == 2
    assert "articles.jsonl:3: not valid JSON" in strict.stderr
    assert "Traceback" not in strict.stderr
    forced = tmp_path / "page.dat"
    shutil.copy(FIXTURES / "layout-a.html", forced)
    result = run_cli(str(forced), "--format", "html", "--no-progress")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert line["article"]["headline"] == "Stadtrat streitet über neue Fähre"
    unknown = run_cli(str(forced), "--format", "pdf")
    assert unknown.returncode == 2 and "unknown format 'pdf'" in unknown.stderr
