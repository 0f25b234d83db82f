"""The resolution gold set and its floor: accuracy given gold mentions >= 0.85 (dev)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from saidwhat.errors import UserInputError
from saidwhat.evaluation.resolution import (
    GoldReferent,
    default_gold_path,
    evaluate_given_mentions,
    read_gold,
    same_referent,
)
from saidwhat.language import get_language
from saidwhat.records import Person, Span
from saidwhat.resolve import SpeakerResolver


def test_gold_set_has_enough_annotations() -> None:
    golds = read_gold(default_gold_path())
    assert len(golds) >= 250
    kinds = Counter(g.kind for g in golds)
    assert set(kinds) == {"person", "organisation", "anonymous", "none"}
    assert len({(g.document, g.quotation) for g in golds}) == len(golds)


@pytest.mark.parametrize("name", ["resolution-de-train-check.jsonl", "resolution-de-train-check2.jsonl"])
def test_held_out_check_sets_read(name: str) -> None:
    golds = read_gold(default_gold_path().with_name(name))
    assert len(golds) >= 85
    assert all(g.document and g.span.end > g.span.start for g in golds)


def test_accuracy_given_gold_mentions_meets_the_floor(shared_data: Path) -> None:
    golds = read_gold(default_gold_path())
    score = evaluate_given_mentions(
        golds, shared_data / "wikinews-de-quotes" / "dev", SpeakerResolver(get_language("de"))
    )
    assert score.total == len(golds)
    assert score.accuracy >= 0.85, score.errors[:20]


def test_matching_rules() -> None:
    person = GoldReferent("d", 0, "er", Span(0, 2), "person", "Mark Rutte")
    assert same_referent(person, Person("mark-rutte", "Mark Rutte"))
    assert not same_referent(person, Person("rutte", "Rutte"))  # the fullest form is the point
    organisation = GoldReferent("d", 0, "die Polizei", Span(0, 2), "organisation", "Mainzer Polizei")
    assert same_referent(organisation, Person("polizei", "Polizei", "organisation"))
    assert not same_referent(organisation, Person("polizei", "Polizei", "person"))
    assert same_referent(GoldReferent("d", 0, "demnach", Span(0, 7), "none"), None)


def test_bad_gold_line_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"document": "x", "quotation": 0, "mention": "er", "span": [0, 2], "kind": "someone"}\n')
    with pytest.raises(UserInputError) as error:
        read_gold(path)
    assert f"{path}:1" in str(error.value)


def test_cli_reports_both_figures(shared_data: Path) -> None:
    result = subprocess.run(
        [
            sys.executable, "-m", "saidwhat", "eval", "resolve",
            "--data", str(shared_data / "wikinews-de-quotes" / "dev"),
            "--extractor", "baseline", "--json",
        ],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    given, end_to_end = summary["given_gold_mentions"], summary["end_to_end"]
    assert given["accuracy"] >= 0.85
    assert 0 < end_to_end["covered"] <= end_to_end["total"] == given["total"]
    assert end_to_end["accuracy"] <= given["accuracy"]
