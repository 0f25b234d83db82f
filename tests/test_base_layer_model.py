"""The shipped German base model: loading, the rules it carries, and its held-out floors.

The floors are what the shipped model reaches on the held-out parts (see docs/base-layer.md),
rounded down: a retrained model that falls below them fails here. Everything is
deterministic (fixed splits, CPU inference); nothing here measures time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat.language import get_language

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MODEL = get_language("de").model_path("base")

pytestmark = pytest.mark.skipif(MODEL is None, reason="no base model shipped yet")

# Floors: the bars where we reach them (lemma, Mood=Sub, sentences on UD
# boundaries), else what the shipped model reaches, rounded down (UPOS, sentences on the
# wikinews gold, NER). docs/base-layer.md says why those are lower.
FLOORS = {
    "upos": 0.93,
    "stts": 0.94,
    "lemma": 0.95,
    "mood_sub_precision": 0.91,
    "mood_sub_recall": 0.86,
    "sentence_f1": 0.95,
    "sentence_f1_ud": 0.97,
    "token_f1": 0.998,
    "ner_f1": 0.49,
    "ner_per_f1": 0.54,
}


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return get_language("de").make_nlp()


@pytest.fixture(scope="module")
def figures(nlp):  # type: ignore[no-untyped-def]
    from saidwhat.evaluation.base import evaluate_base
    from saidwhat.training.base_recipes import get_recipe

    if not SHARED_DATA.exists():
        pytest.fail(f"shared corpora not found at {SHARED_DATA}")
    # The flat keys meta.json and `saidwhat eval base --json` carry.
    return evaluate_base(nlp, get_recipe("de").paths(SHARED_DATA)).as_dict()


def test_pipeline_has_the_layers_and_no_parser(nlp) -> None:  # type: ignore[no-untyped-def]
    names = nlp.pipe_names
    expected = (
        "tok2vec",
        "tagger",
        "morphologizer",
        "trainable_lemmatizer",
        "ner",
        "person_names",
        "morph_rules",
        "sentencizer",
        "quote_sentence_starts",
        "paragraph_sentences",
    )
    for name in expected:
        assert name in names
    assert "parser" not in names


def test_model_size_is_within_budget() -> None:
    assert MODEL is not None
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 25 * 1024 * 1024


def test_annotations_on_a_news_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Der Minister sagte am 05.11.2024, er habe die Pläne nicht gekannt.\n"
        "„Wir prüfen das“, erklärte Dr. Anna Müller in Berlin."
    )
    doc = nlp(text)
    assert doc.text == text
    habe = next(t for t in doc if t.text == "habe")
    assert habe.morph.get("Mood") == ["Sub"]
    assert habe.lemma_ == "haben"
    # The line break starts a sentence, and that sentence starts at the opening quote.
    starts = [s[0].text for s in doc.sents if not s.text.isspace()]
    assert starts == ["Der", "„"]
    assert {t.tag_ for t in doc if t.text in {"„", "“"}} == {"$("}
    assert ("Anna Müller", "PER") in [(e.text, e.label_) for e in doc.ents]
    assert ("Berlin", "LOC") in [(e.text, e.label_) for e in doc.ents]
    assert {t.pos_ for t in doc if t.text in {"Minister", "Pläne"}} == {"NOUN"}


def test_floors_tags_morphology_lemmas(figures) -> None:  # type: ignore[no-untyped-def]
    assert figures["upos"] >= FLOORS["upos"]
    assert figures["stts"] >= FLOORS["stts"]
    assert figures["lemma"] >= FLOORS["lemma"]
    assert figures["mood_sub"]["precision"] >= FLOORS["mood_sub_precision"]
    assert figures["mood_sub"]["recall"] >= FLOORS["mood_sub_recall"]


def test_floors_sentences_and_tokens(figures) -> None:  # type: ignore[no-untyped-def]
    assert figures["sentences"]["f1"] >= FLOORS["sentence_f1"]
    assert figures["sentences_ud"]["f1"] >= FLOORS["sentence_f1_ud"]
    assert figures["tokens"]["f1"] >= FLOORS["token_f1"]


def test_floors_entities(figures) -> None:  # type: ignore[no-untyped-def]
    assert figures["ner_germeval"]["ALL"]["f1"] >= FLOORS["ner_f1"]
    assert figures["ner_germeval"]["PER"]["f1"] >= FLOORS["ner_per_f1"]
