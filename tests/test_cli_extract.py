"""`saidwhat extract` end to end through the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from saidwhat.records import QUOTATION_TYPES, ROLE_NAMES


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "saidwhat", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_contract(line: dict, text: str) -> None:
    assert isinstance(line["source"], str)
    assert isinstance(line["quotes"], list)
    for quote in line["quotes"]:
        assert quote["type"] in QUOTATION_TYPES
        assert isinstance(quote["medium"], str) and quote["medium"]
        assert 0.0 <= quote["confidence"] <= 1.0
        for role in ROLE_NAMES:
            part = quote[role]
            spans = part["spans"]
            assert all(0 <= start < end <= len(text) for start, end in spans)
            assert part["text"] == " ".join(text[start:end] for start, end in spans)
        assert quote["quote"]["spans"], "a quotation always has a quote span"
        entity = quote["speaker"]["entity"]
        assert entity["kind"] in {"person", "organisation", "anonymous", "none"}
        for start, end in entity["spans"]:
            assert 0 <= start < end <= len(text)


def test_seed_direct_quotes_with_cues_and_speakers(seed_path: Path) -> None:
    result = run_cli("extract", str(seed_path))
    assert result.returncode == 0, result.stderr
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    text = seed_path.read_text(encoding="utf-8")
    assert_contract(line, text)
    assert line["source"] == str(seed_path)
    direct = [q for q in line["quotes"] if q["type"] == "Direct"]
    by_start = {q["quote"]["text"][:25]: q for q in direct}
    wer = next(q for k, q in by_start.items() if k.startswith('"Wer auch immer'))
    assert wer["cue"]["text"] == "sagte"
    assert wer["speaker"]["text"] == "Rutte"
    assert wer["speaker"]["entity"]["name"] == "Mark Rutte"
    trump = next(q for q in direct if q["quote"]["text"] == '"was sie wollen"')
    assert trump["speaker"]["text"] == "Trump"
    assert trump["cue"]["text"] == "warnte"
    last = next(q for q in direct if q["quote"]["text"].startswith('"Ich bin fest davon'))
    assert last["speaker"]["text"] == "er"
    assert last["speaker"]["entity"]["name"] == "Mark Rutte"
    people = {p["name"]: p for p in line["people"]}
    assert people["Olaf Scholz"]["role"] == "Bundeskanzler"
    assert people["Mark Rutte"]["role"] == "NATO-Generalsekretär"
    for person in line["people"]:
        assert all(0 <= a < b <= len(text) for a, b in person["spans"])
    indirect = [q["quote"]["text"] for q in line["quotes"] if q["type"] == "Indirect"]
    assert any(t.startswith('er habe "keinen Zweifel"') for t in indirect)


@pytest.mark.parametrize(
    ("name", "expected_type", "speaker"),
    [
        ("direct.txt", "Direct", "Baudezernentin Julia Roth"),
        ("indirect.txt", "Indirect", "Schulleiter Martin Frank"),
        ("free_indirect.txt", "FreeIndirect", "Ein Polizeisprecher"),
        ("indirect_free_indirect.txt", "IndirectFreeIndirect", "Die Inhaberin Klara Stein"),
        ("reported.txt", "Reported", "Der Umweltverband"),
        ("laut.txt", "Indirect", "Deutscher Bahn"),
    ],
)
def test_each_quotation_type(fixtures: Path, name: str, expected_type: str, speaker: str) -> None:
    path = fixtures / "de" / name
    result = run_cli("extract", str(path), "--lang", "de", "--extractor", "baseline")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert_contract(line, path.read_text(encoding="utf-8"))
    matching = [q for q in line["quotes"] if q["type"] == expected_type]
    assert matching, f"no {expected_type} in {[q['type'] for q in line['quotes']]}"
    assert matching[0]["speaker"]["text"] == speaker


def test_folder_and_stdin(fixtures: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli("extract", str(fixtures / "de"), "-o", str(out), "--lang", "de")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(list((fixtures / "de").glob("*.txt")))
    for line in lines:
        assert_contract(line, Path(line["source"]).read_text(encoding="utf-8"))
    text = (fixtures / "de" / "direct.txt").read_text(encoding="utf-8")
    piped = run_cli("extract", "-", "--lang", "de", stdin=text)
    assert piped.returncode == 0, piped.stderr
    line = json.loads(piped.stdout)
    assert line["source"] == "-"
    assert_contract(line, text)


def test_odd_quotation_marks_never_fail(fixtures: Path) -> None:
    path = fixtures / "de" / "odd_marks.txt"
    result = run_cli("extract", str(path), "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert_contract(json.loads(result.stdout), path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.txt", "no such file"),
        ("binary.txt", "binary file"),
        ("not_utf8.txt", "not valid UTF-8"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(fixtures: Path, name: str, message: str) -> None:
    path = fixtures / name
    result = run_cli("extract", str(path))
    assert result.returncode == 2
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and message in lines[0]
    assert "Traceback" not in result.stderr


def test_not_utf8_names_the_line(fixtures: Path) -> None:
    result = run_cli("extract", str(fixtures / "not_utf8.txt"))
    assert f"{fixtures / 'not_utf8.txt'}:2" in result.stderr


def test_unknown_language_is_a_user_error(fixtures: Path) -> None:
    result = run_cli("extract", str(fixtures / "de" / "direct.txt"), "--lang", "xx")
    assert result.returncode == 2
    assert "unknown language" in result.stderr


def test_help_teaches_with_examples() -> None:
    result = run_cli("extract", "--help")
    assert result.returncode == 0
    assert "saidwhat extract news/ -o quotes.jsonl" in result.stdout


def test_demo_extracts_the_bundled_samples(tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonl"
    result = run_cli("demo", "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4
    for line in lines:
        assert line["quotes"], line["source"]
        assert_contract(line, Path(line["source"]).read_text(encoding="utf-8"))
    assert {line["article"]["language"] for line in lines} == {"de", "en"}
    assert "Who said what" in result.stdout or "quotations in 4 articles" in result.stdout
