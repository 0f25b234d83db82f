"""Languages are folders: a mixed German/English batch is routed per article, and a toy third
language added from a fixture folder works without any stage knowing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from saidwhat.article.language import detect_language
from saidwhat.language import LanguageRegistry
from saidwhat.language.profile import BUILTIN_FOLDER
from saidwhat.pipeline import Pipeline
from saidwhat.records import Document
from saidwhat.store.text import stemmed, stemmer_names

# Both articles were written for these tests (fictional town, people and quotes).
ENGLISH = (
    "Harbour town weighs new ferry\n\n"
    "The town council of Millbrook postponed its vote on a new ferry on Tuesday, after a long "
    "debate about the costs of the crossing and the state of the old boat.\n\n"
    "Linda Marsh, the town's mayor, said the costs had to be checked again. "
    "“We owe the island a ferry that works,” she said.\n\n"
    "“We are ready to help,” said Peter Quill, a spokesman for the harbour authority.\n"
)
GERMAN = (
    "Stadtrat vertagt Entscheidung über neue Fähre\n\n"
    "Der Stadtrat von Mühlbach hat am Dienstag die Abstimmung über eine neue Fähre vertagt, "
    "nachdem lange über die Kosten der Überfahrt gestritten worden war.\n\n"
    "Bürgermeisterin Anna Vogt sagte, die Kosten müssten noch einmal geprüft werden. "
    "„Wir schulden der Insel eine Fähre, die funktioniert“, sagte sie.\n"
)
# The toy language's text, in the few Dutch words its fixture lexicon knows.
DUTCH = (
    "Gemeente stelt besluit over veerboot uit\n\n"
    "De gemeenteraad van Molendam heeft dinsdag het besluit over een nieuwe veerboot uitgesteld. "
    "Volgens de gemeente moeten de kosten opnieuw worden bekeken.\n\n"
    "“Het eiland verdient een veerboot die gewoon werkt”, zei burgemeester Anna de Vries.\n\n"
    "“Dit is pure tijdverspilling”, zei Piet Bakker, woordvoerder van de oppositie. "
    "“Wij willen nu een besluit”, zei hij.\n"
)


@pytest.fixture(scope="module")
def toy_registry(fixtures: Path) -> LanguageRegistry:
    """The built-in languages plus the toy one, as a deployment would add a folder."""
    return LanguageRegistry([BUILTIN_FOLDER / "de", BUILTIN_FOLDER / "en", fixtures / "languages" / "nl"])


def test_mixed_batch_is_routed_per_article() -> None:
    documents = [
        Document(text=text, source=name) for name, text in [("en.txt", ENGLISH), ("de.txt", GERMAN)] * 2
    ]
    extractions = list(Pipeline(batch_size=4).process(documents))
    assert [e.article.language for e in extractions] == ["en", "de", "en", "de"]
    english, german = extractions[:2]
    assert english.error is None and german.error is None
    # Whichever extractor English has (rule baseline or trained), the direct quotes in
    # “...” with "said" are found.
    english_quotes = [q.quote.text for q in english.quotations if q.type == "Direct"]
    assert any("We are ready to help" in text for text in english_quotes)
    assert any("We owe the island" in text for text in english_quotes)
    german_quotes = [q.quote.text for q in german.quotations]
    assert any("Wir schulden der Insel" in text for text in german_quotes)
    said = next(q for q in english.quotations if "We are ready to help" in q.quote.text)
    assert said.speaker is not None and said.speaker.entity is not None
    assert said.speaker.entity.name == "Peter Quill"


def test_detection_chooses_among_the_pipelines_languages(toy_registry: LanguageRegistry) -> None:
    assert detect_language(DUTCH, codes=["de", "en"]) == "other"
    assert detect_language(DUTCH, codes=toy_registry.codes()) == "nl"
    assert detect_language("Kurz.", codes=["xx"]) == "xx"  # one language: nothing to tell apart


def test_toy_language_from_a_fixture_folder(toy_registry: LanguageRegistry) -> None:
    [extraction] = Pipeline(registry=toy_registry, extractor="baseline").process(
        [Document(text=DUTCH, source="nl.txt")]
    )
    assert extraction.article.language == "nl"
    assert extraction.error is None
    by_text = {q.quote.text: q for q in extraction.quotations}
    waste = by_text["“Dit is pure tijdverspilling”"]
    assert waste.cue is not None and waste.cue.text == "zei"
    assert waste.speaker is not None and waste.speaker.entity is not None
    assert (waste.speaker.entity.name, waste.speaker.entity.role) == (
        "Piet Bakker",
        "woordvoerder van de oppositie",
    )
    later = by_text["“Wij willen nu een besluit”"]
    assert later.speaker is not None and later.speaker.text == "hij"
    assert later.speaker.entity is not None and later.speaker.entity.name == "Piet Bakker"


def test_opening_quote_marks_come_from_the_profile(toy_registry: LanguageRegistry) -> None:
    nlp = toy_registry.get("nl").make_nlp()
    assert nlp.get_pipe("quote_sentence_starts").opening_quotes == frozenset("“‘")
    doc = nlp("Hij ging weg. “Nee”, zei zij.")
    assert [s.text for s in doc.sents][1].startswith("“")
    # German typography: “ closes a quote, so it never starts a sentence there.
    assert toy_registry.get("de").opening_quotes == "„»‚"


def test_search_stemmers_come_from_the_profiles() -> None:
    assert stemmer_names()["de"] == "german"
    assert stemmer_names()["en"] == "english"
    assert stemmed("Steuern", "de") != stemmed("Steuern", "xx")  # unknown: words kept as written
    assert stemmed("Steuern", "xx") == "steuern"
