"""The corpus metric on hand-made cases whose scores are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat.evaluation.metric import Evaluation, PredictedQuotation, score_document, tokens_touched
from saidwhat.evaluation.wikinews import GoldDocument, GoldQuotation, GoldToken

ROLES = ("quote", "cue", "speaker", "addressee", "frame")


def gold_doc(*quotations: GoldQuotation) -> GoldDocument:
    tokens = [GoldToken(i * 2, i * 2 + 1, 0) for i in range(20)]
    return GoldDocument("doc", Path("doc.json"), "x " * 20, tokens, list(quotations))


def roles(**parts: set[int]) -> dict[str, set[int]]:
    return {name: parts.get(name, set()) for name in ROLES}


def test_tokens_touched_by_partial_overlap() -> None:
    tokens = [GoldToken(0, 3, 0), GoldToken(4, 8, 0), GoldToken(9, 12, 0)]
    assert tokens_touched(tokens, [(5, 6)]) == {1}
    assert tokens_touched(tokens, [(2, 10)]) == {0, 1, 2}
    assert tokens_touched(tokens, [(3, 4)]) == set()


def test_perfect_prediction_scores_one() -> None:
    gold = GoldQuotation("Direct", "Speech", roles(quote={1, 2, 3}, cue={5}, speaker={6}))
    evaluation = Evaluation()
    score_document(evaluation, gold_doc(gold), [PredictedQuotation("Direct", "Speech", dict(gold.roles))])
    summary = evaluation.summary()
    assert summary["messages"]["f1"] == pytest.approx(1.0)
    assert summary["roles"]["f1"] == pytest.approx(1.0)
    assert summary["joint"]["f1"] == pytest.approx(1.0)
    assert summary["type"]["f1"] == pytest.approx(1.0)
    assert summary["quote_exact"]["f1"] == pytest.approx(1.0)


def test_partial_overlap_unaligned_and_wrong_type() -> None:
    gold_a = GoldQuotation("Indirect", "Speech", roles(quote={0, 1, 2, 3}, cue={5}, speaker={6, 7}))
    gold_b = GoldQuotation("Direct", "Speech", roles(quote={10, 11}))
    predicted_a = PredictedQuotation("Direct", "Speech", roles(quote={2, 3, 4}, cue={5}, speaker={7}))
    predicted_spurious = PredictedQuotation("Reported", "Speech", roles(quote={15, 16}, speaker={17}))
    evaluation = Evaluation()
    score_document(evaluation, gold_doc(gold_a, gold_b), [predicted_a, predicted_spurious])
    summary = evaluation.summary()
    # quote: aligned pair P=2/3 R=2/4; spurious adds P 0; unaligned gold_b adds R 0.
    assert summary["messages"]["precision"] == pytest.approx((2 / 3 + 0) / 2)
    assert summary["messages"]["recall"] == pytest.approx((2 / 4 + 0) / 2)
    # roles pooled: cue P1 R1; speaker P1 R1/2; spurious speaker P0.
    assert summary["roles"]["precision"] == pytest.approx((1 + 1 + 0) / 3)
    assert summary["roles"]["recall"] == pytest.approx((1 + 0.5) / 2)
    # the aligned pair disagrees on type: no hit, 2 predicted, 2 gold.
    assert summary["type"]["f1"] == 0.0
    assert summary["quote_exact"]["hits"] == 0


def test_alignment_prefers_agreeing_type_on_ties() -> None:
    gold = GoldQuotation("Indirect", "Speech", roles(quote={1, 2}))
    wrong = PredictedQuotation("Direct", "Speech", roles(quote={1, 2}))
    right = PredictedQuotation("Indirect", "Speech", roles(quote={1, 2}))
    evaluation = Evaluation()
    score_document(evaluation, gold_doc(gold), [wrong, right])
    assert evaluation.type_counts.hits == 1


def test_confidence_bands_report_quote_precision_of_what_they_keep() -> None:
    gold = GoldQuotation("Direct", "Speech", roles(quote={1, 2, 3, 4}))
    sure = PredictedQuotation("Direct", "Speech", roles(quote={1, 2, 3, 4}), confidence=1.0)
    spurious = PredictedQuotation("Direct", "Speech", roles(quote={12, 13}), confidence=0.6)
    half = PredictedQuotation("Direct", "Speech", roles(quote={4, 5}), confidence=0.65)
    evaluation = Evaluation()
    score_document(evaluation, gold_doc(gold), [sure, spurious])
    score_document(evaluation, gold_doc(gold), [half])
    bands = {band["band"]: band for band in evaluation.summary()["confidence"]}
    assert set(bands) == {"0.50–0.70", "0.95–1.00"}  # 1.0 falls in the last band, empty bands are left out
    assert bands["0.95–1.00"]["quote_precision"] == pytest.approx(1.0)
    low = bands["0.50–0.70"]
    assert low["quotations"] == 2
    assert low["mean_confidence"] == pytest.approx(0.625)
    assert low["quote_precision"] == pytest.approx((0.0 + 0.5) / 2)  # unaligned 0; half its tokens right
