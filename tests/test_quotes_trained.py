"""The trained German quotation extractor: dev figures, the seed article, the recipe."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy

from saidwhat.evaluation.run import evaluate_folder
from saidwhat.extract.registry import default_extractor_name, make_extractor
from saidwhat.extract.trained import TrainedExtractor
from saidwhat.extract.trained_link import AddresseeWords, LinkerSettings
from saidwhat.language import get_language
from saidwhat.pipeline import Pipeline
from saidwhat.records import Document, Quotation
from saidwhat.training.quotes import QuoteRecipe, train_quote_model, training_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "data" / "wikinews-de-quotes"
SEED = SHARED / "seeds" / "000_75861da35d80617c.txt"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/data is not beside the checkout")
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds is not beside the checkout")

# The issue's floors on dev, in the corpus' metric (the shipped model measures Messages
# 0.704, Roles 0.597, Joint 0.631, Type 0.699 through the pipeline: see docs/quotes.md).
DEV_FLOORS = {"messages": 0.70, "roles": 0.55, "joint": 0.60, "type": 0.65}


@pytest.fixture(scope="module")
def profile():
    return get_language("de")


@pytest.fixture(scope="module")
def extractor(profile) -> TrainedExtractor:
    return make_extractor("trained", profile)  # type: ignore[return-value]


def test_the_trained_model_ships_and_is_the_german_default(profile) -> None:
    folder = profile.model_path("quotes")
    assert folder is not None
    assert (folder / "meta.json").exists()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size <= 20 * 1024 * 1024
    meta = (folder / "meta.json").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in meta
    assert "saidwhat train quotes" in meta
    assert default_extractor_name(profile) == "trained"


@needs_corpus
def test_dev_scores_beat_the_floors() -> None:
    # Exactly what `saidwhat eval --data .../dev` measures: the German pipeline (its default
    # analysis) and its default extractor.
    summary = evaluate_folder(CORPUS / "dev", Pipeline(language="de")).summary()
    scores = {name: summary[name]["f1"] for name in DEV_FLOORS}  # type: ignore[index]
    for name, floor in DEV_FLOORS.items():
        assert scores[name] >= floor, (name, scores)
    # and the trained model beats the rule baseline on every headline figure
    assert scores["messages"] > 0.549 and scores["roles"] > 0.380 and scores["joint"] > 0.436


@needs_corpus
def test_full_analysis_dev_scores_beat_the_fast_ones() -> None:
    # `saidwhat eval --analysis full`: tags and entities as features (model/quotes-full).
    summary = evaluate_folder(CORPUS / "dev", Pipeline(language="de", analysis="full")).summary()
    scores = {name: summary[name]["f1"] for name in DEV_FLOORS}  # type: ignore[index]
    assert scores["messages"] >= 0.71 and scores["roles"] >= 0.61 and scores["joint"] >= 0.64, scores


def test_each_analysis_gets_the_model_trained_on_it(profile, extractor) -> None:
    reads = sorted(model.reads for model, _ in extractor.models)
    assert reads == [(), ("TAG", "ENT_IOB")]
    text = "Anna Berg sagte: „Wir bleiben.“"
    full_model, _ = extractor.model_for(profile.make_nlp("full")(text))
    fast_model, _ = extractor.model_for(training_nlp(profile)(text))
    assert full_model.reads == ("TAG", "ENT_IOB") and fast_model.reads == ()
    assert extractor.extract(profile.make_nlp("full")(text))


def _find(quotations: list[Quotation], needle: str, kind: str | None = None) -> Quotation:
    for quotation in quotations:
        if needle in quotation.quote.text and (kind is None or quotation.type == kind):
            return quotation
    found = [(q.type, q.quote.text[:60]) for q in quotations]
    raise AssertionError(f"no {kind or 'quotation'} containing {needle!r} in {found}")


@needs_seed
def test_seed_article_statements() -> None:
    text = SEED.read_text(encoding="utf-8")
    quotations = Pipeline(language="de").process_one(Document(text=text, source=str(SEED))).quotations
    rutte_direct = _find(quotations, "Wer auch immer diese Wahl gewinnt", "Direct")
    assert "Rutte" in rutte_direct.speaker.text
    assert "sagte" in rutte_direct.cue.text
    _find(quotations, "Ich bin fest davon überzeugt", "Direct")
    _find(quotations, "Dies motiviert uns", "Direct")
    doubt = _find(quotations, "er habe", "Indirect")
    assert "Rutte" in doubt.speaker.text
    _find(quotations, "jeder Kandidat", "Indirect")
    _find(quotations, "bedeuteten", "Indirect")
    warning = _find(quotations, "die Russen ermutigen")
    assert warning.type in ("Indirect", "Reported")
    assert "Trump" in warning.speaker.text
    pledge = _find(quotations, "mit den Verbündeten zusammenzuarbeiten")
    assert pledge.type in ("Indirect", "Reported")
    assert "zugesagt" in pledge.cue.text
    # Known miss: the speaker comes out as "Präsident Joe Biden" (from "wie Präsident Joe
    # Biden zugesagt") rather than Harris; see docs/quotes.md.
    for quotation in quotations:
        assert 0.0 < quotation.confidence <= 1.0
        assert quotation.extractor == "trained"


def test_works_on_a_doc_without_sentence_boundaries(profile, extractor) -> None:
    # A Doc from any pipeline will do: here one with no sentence splitter at all.
    nlp = spacy.blank("de")
    doc = nlp("Der Minister sagte, er habe keine Zweifel an dem Plan. „Wir schaffen das“, sagte er.")
    quotations = extractor.extract(doc)
    assert any(q.type == "Direct" and "Wir schaffen das" in q.quote.text for q in quotations)
    for quotation in quotations:
        for span in quotation.quote.spans:
            assert doc.text[span.start : span.end].strip() == doc.text[span.start : span.end]


def test_pipeline_uses_the_trained_extractor_by_default() -> None:
    pipeline = Pipeline(language="de")
    extraction = pipeline.process_one(
        Document(text="„Das ist ein guter Tag für Europa“, sagte die Kommissarin am Montag.", source="t")
    )
    assert extraction.quotations
    assert extraction.quotations[0].extractor == "trained"
    assert extraction.quotations[0].type == "Direct"


def test_empty_and_quote_free_text(profile, extractor) -> None:
    nlp = training_nlp(profile)
    assert extractor.extract(nlp("")) == []
    assert extractor.extract(nlp("Die Sonne schien. Es war warm.")) == []


@needs_corpus
def test_recipe_is_deterministic_on_a_small_sample(profile, tmp_path: Path) -> None:
    sample = tmp_path / "train"
    sample.mkdir()
    for path in sorted((CORPUS / "train").glob("*.json"))[:12]:
        shutil.copy(path, sample / path.name)
    recipe = QuoteRecipe(max_iterations=5, folds=2)
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        train_quote_model(profile, sample, out, recipe)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert set(outputs[0]) == {"quotes.crfsuite", "roles.crfsuite", "linker.json"}
    assert outputs[0] == outputs[1]
    extractor = TrainedExtractor(profile, tmp_path / "a")
    assert isinstance(extractor.extract(training_nlp(profile)("Er sagte, es sei gut.")), list)


def test_emitted_roles_keep_majority_roles_and_any_addressee() -> None:
    from collections import Counter

    from saidwhat.training.quotes import emitted_roles
    from saidwhat.training.quotes_data import LabelledArticle

    counts = Counter(
        {
            ("Direct", ""): 10,
            ("Direct", "cue"): 8,
            ("Direct", "speaker"): 9,
            ("Direct", "addressee"): 1,
            ("Direct", "frame"): 4,
            ("FreeIndirect", ""): 5,
            ("FreeIndirect", "speaker"): 5,
        }
    )
    article = LabelledArticle("a", "", [], [], [], role_counts=counts)
    # frame is on 4 of 10 (not emitted); the addressee is optional, so one is enough.
    assert emitted_roles([article]) == {
        "Direct": ["cue", "speaker", "addressee"],
        "FreeIndirect": ["speaker"],
    }


def test_quoted_names_inside_indirect_speech_are_not_nested_quotes() -> None:
    from saidwhat.extract.quotemarks import pair_quotation_marks
    from saidwhat.extract.trained_features import TokenView
    from saidwhat.extract.trained_link import Linked, Segment, nested_direct

    text = "Die „IG Bau“ habe „große Angst“ gehabt"
    words = ["Die", "„", "IG", "Bau", "“", "habe", "„", "große", "Angst", "“", "gehabt"]
    views, offset = [], 0
    for i, word in enumerate(words):
        offset = text.index(word, offset)
        views.append(TokenView(word, offset, offset + len(word), 0, i == 0, i == len(words) - 1, i == 0))
        offset += len(word)
    settings = _linker_settings()
    parent = Linked(Segment("Indirect", list(range(len(words))), 0.9), {})
    pairs, _ = pair_quotation_marks(text)
    nested = nested_direct(views, [parent], pairs, settings)
    assert [[views[i].text for i in item.segment.tokens] for item in nested] == [["„", "große", "Angst", "“"]]


def _linker_settings(shared_cue_next_sentence: bool = False) -> LinkerSettings:
    none = frozenset[str]()
    return LinkerSettings(
        emitted_roles={"Direct": ("cue", "speaker")}, nested_direct=True, subject_before_cue=False,
        shared_cue_next_sentence=shared_cue_next_sentence, addressees=AddresseeWords(none, none, none),
        speaker_stops=none, source_prepositions=none, sourced_cue_type="Indirect",
    )  # fmt: skip
