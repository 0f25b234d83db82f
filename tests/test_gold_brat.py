"""The brat (PolNeAR) gold reader and the metric on corpora that annotate only some parts."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saidwhat.cli.app import _load_commands, app
from saidwhat.errors import UserInputError
from saidwhat.evaluation.agreement import annotator_agreement
from saidwhat.evaluation.brat import BRAT_PARTS
from saidwhat.evaluation.gold import gold_format, read_gold
from saidwhat.evaluation.metric import Evaluation, PredictedQuotation, score_document

FIXTURE = Path(__file__).parent / "fixtures" / "brat"
POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def _quoted(document, quotation, role: str) -> list[str]:
    return [document.text[s:e] for s, e in quotation.role_chars[role]]


def test_folder_layout_reads_first_annotator_and_skips_bad_lines() -> None:
    assert gold_format(FIXTURE) == "brat"
    [document] = list(read_gold(FIXTURE))
    assert document.name == "river_bridge"
    assert document.parts == BRAT_PARTS
    # E4 points at a span whose text does not match its offsets: dropped, not fatal.
    assert len(document.quotations) == 3
    said, told, according = document.quotations
    assert _quoted(document, said, "speaker") == ["Mayor Jane Holt"]
    assert _quoted(document, said, "quote") == ["the bridge would reopen in May"]
    assert said.type == "Indirect"
    assert told.type == "Direct"
    assert _quoted(document, told, "cue") == ["told"]
    assert _quoted(document, according, "cue") == ["According to"]
    assert according.roles["addressee"] == set() and according.roles["frame"] == set()


def test_gold_tokens_cover_role_words() -> None:
    [document] = list(read_gold(FIXTURE))
    said = document.quotations[0]
    words = [
        document.text[document.tokens[i].start : document.tokens[i].end] for i in sorted(said.roles["quote"])
    ]
    assert words == ["the", "bridge", "would", "reopen", "in", "May"]


def test_release_archive_is_read_in_place(tmp_path: Path) -> None:
    archive = tmp_path / "corpus.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        for path in sorted(FIXTURE.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=f"data/dev/{path.relative_to(FIXTURE)}")
    assert gold_format(tmp_path) == "brat-archive"
    [document] = list(read_gold(tmp_path, "dev"))
    assert len(document.quotations) == 3
    with pytest.raises(UserInputError, match="no annotations of split 'train'"):
        list(read_gold(archive, "train"))


def test_unknown_layout_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing here", encoding="utf-8")
    with pytest.raises(UserInputError, match="not gold data"):
        gold_format(tmp_path)


def test_parts_the_corpus_does_not_annotate_are_not_scored() -> None:
    [document] = list(read_gold(FIXTURE))
    evaluation = Evaluation()
    predicted = []
    for gold in document.quotations:
        roles = {name: set(ids) for name, ids in gold.roles.items()}
        roles["addressee"] = {0}  # PolNeAR has no addressee: this must cost nothing
        predicted.append(PredictedQuotation(gold.type, "", roles))
    score_document(evaluation, document, predicted)
    summary = evaluation.summary()
    assert set(summary["parts"]) == {"quote", "cue", "speaker"}
    assert summary["joint"]["f1"] == pytest.approx(1.0)
    assert summary["roles"]["f1"] == pytest.approx(1.0)


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/data is not beside the checkout")
def test_polnear_dev_counts() -> None:
    documents = list(read_gold(POLNEAR, "dev"))
    assert len(documents) == 84
    quotations = [q for d in documents for q in d.quotations]
    assert 2100 < len(quotations) < 2320
    direct = sum(q.type == "Direct" for q in quotations)
    assert 250 < direct < 700  # the corpus counts 688 contents with quotation marks in them


def _copy_fixture(tmp_path: Path, second_annotation: str) -> Path:
    folder = tmp_path / "corpus"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "river_bridge.txt").write_bytes((FIXTURE / "text" / "river_bridge.txt").read_bytes())
    first = (FIXTURE / "attributions" / "river_bridge_a1.ann").read_text(encoding="utf-8")
    (folder / "attributions" / "river_bridge_a1.ann").write_text(first, encoding="utf-8")
    (folder / "attributions" / "river_bridge_b2.ann").write_text(second_annotation(first), encoding="utf-8")
    return folder


def test_agreement_of_identical_annotators_is_perfect(tmp_path: Path) -> None:
    folder = _copy_fixture(tmp_path, lambda first: first)
    summary = annotator_agreement(folder).summary()
    assert summary["documents"] == 1
    for part in ("quote", "cue", "speaker"):
        assert summary["parts"][part]["f1"] == pytest.approx(1.0)


def test_agreement_counts_the_second_annotators_other_choices(tmp_path: Path) -> None:
    # The second annotator takes "told reporters" as the cue: half its cue tokens agree.
    folder = _copy_fixture(
        tmp_path, lambda first: first.replace("T7\tCue 82 86\ttold", "T7\tCue 82 96\ttold reporters")
    )
    cue = annotator_agreement(folder).summary()["parts"]["cue"]
    assert cue["recall"] == pytest.approx(1.0)
    assert cue["precision"] == pytest.approx((1 + 0.5 + 1) / 3)
    # The fixture's own second annotator marked no attribution at all.
    assert annotator_agreement(FIXTURE).summary()["parts"]["cue"]["recall"] == 0.0


def test_agreement_needs_an_article_annotated_twice(tmp_path: Path) -> None:
    _load_commands()
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "agreement", "--data", str(FIXTURE), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == 1
    single = _copy_fixture(tmp_path, lambda first: first)
    (single / "attributions" / "river_bridge_b2.ann").unlink()
    result = runner.invoke(app, ["eval", "agreement", "--data", str(single)])
    assert isinstance(result.exception, UserInputError)
    assert "annotated twice" in str(result.exception)
