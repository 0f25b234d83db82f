"""In-document speaker resolution: names, roles, appositions, pronouns, organisations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from saidwhat.language import get_language
from saidwhat.pipeline import Pipeline
from saidwhat.records import Document, Mention, Person, Quotation, Span, mention_to_json
from saidwhat.resolve import SpeakerResolver

# Written for these tests, after the shape of the seed article.
NATO_ARTICLE = (
    "NATO-Generalsekretär Mark Rutte erklärte am Dienstag, das Bündnis bleibe geeint.\n\n"
    "„Wir werden mit jeder Regierung zusammenarbeiten“, sagte Rutte gemeinsam mit "
    "Bundeskanzler Olaf Scholz in Berlin.\n\n"
    "Rutte sagte, er habe keinen Zweifel an der Unterstützung der Partner.\n\n"
    "„Das ist eine ernste Entwicklung“, sagte er."
)

POLICE_ARTICLE = (
    "In Bremen ist am Montag ein Lager ausgebrannt. Hans Meier, Sprecher der Polizei, sagte, "
    "die Ursache sei noch unklar. Nach Angaben der Feuerwehr wurde niemand verletzt. "
    "Ein Polizeisprecher sagte später, man ermittle in alle Richtungen. Beobachter halten "
    "Brandstiftung für möglich. Die Bürgermeisterin Anna Vogt besuchte den Ort. Sie sagte, "
    "die Stadt werde helfen. Demnach soll das Lager nächste Woche abgerissen werden. "
    "Der Bundesgerichtshof (BGH) hatte den Fall schon einmal verhandelt. Der BGH teilte mit, "
    "er prüfe die Akten erneut."
)


@pytest.fixture(scope="module")
def resolver() -> SpeakerResolver:
    return SpeakerResolver(get_language("de"))


def _quotation(body: str, speaker: str, occurrence: int = 0) -> Quotation:
    """A quotation whose speaker is the n-th whole-word occurrence of ``speaker``."""
    match = list(re.finditer(rf"(?<!\w){re.escape(speaker)}(?!\w)", body))[occurrence]
    mention = Mention.from_spans(body, [Span(match.start(), match.end())])
    return Quotation(type="Indirect", quote=Mention(), speaker=mention)


def _resolve(resolver: SpeakerResolver, body: str, speakers: list[tuple[str, int]]) -> list[Person | None]:
    quotations = [_quotation(body, text, n) for text, n in speakers]
    resolver.resolve(body, quotations)
    return [q.speaker.entity for q in quotations]


def test_pronoun_after_name_takes_the_full_name_and_role(resolver: SpeakerResolver) -> None:
    rutte, alone, er_clause, er = _resolve(
        resolver, NATO_ARTICLE, [("Rutte", 0), ("Rutte", 1), ("er", 0), ("er", 1)]
    )
    for entity in (rutte, alone, er_clause, er):
        assert entity is not None
        assert (entity.name, entity.kind, entity.role) == ("Mark Rutte", "person", "NATO-Generalsekretär")
        assert entity.id == "mark-rutte"


def test_people_in_frames_are_exposed_with_roles(resolver: SpeakerResolver) -> None:
    people = {m.person.name: m.person for m in resolver.resolve(NATO_ARTICLE, [])}
    assert people["Olaf Scholz"].role == "Bundeskanzler"
    assert people["Mark Rutte"].role == "NATO-Generalsekretär"


def test_apposition_gives_the_role(resolver: SpeakerResolver) -> None:
    (meier,) = _resolve(resolver, POLICE_ARTICLE, [("Hans Meier", 0)])
    assert meier is not None
    assert (meier.name, meier.role) == ("Hans Meier", "Sprecher der Polizei")


def test_organisations_anonymous_sources_and_non_speakers(resolver: SpeakerResolver) -> None:
    feuerwehr, sprecher, beobachter, sie, demnach, bgh, er = _resolve(
        resolver,
        POLICE_ARTICLE,
        [
            ("Angaben der Feuerwehr", 0),
            ("Ein Polizeisprecher", 0),
            ("Beobachter", 0),
            ("Sie", 0),
            ("Demnach", 0),
            ("Der BGH", 0),
            ("er", 0),
        ],
    )
    assert feuerwehr is not None and (feuerwehr.kind, feuerwehr.name) == ("organisation", "Feuerwehr")
    assert sprecher is not None and sprecher.kind == "anonymous"
    assert beobachter is not None and beobachter.kind == "anonymous"
    assert sie is not None and (sie.name, sie.role) == ("Anna Vogt", "Bürgermeisterin")
    assert demnach is None
    assert bgh is not None and (bgh.kind, bgh.name) == ("organisation", "Bundesgerichtshof")
    assert er is not None and er.name == "Bundesgerichtshof"


def test_unresolved_is_marked_none_in_the_contract(resolver: SpeakerResolver) -> None:
    (demnach,) = [q.speaker for q in [_quotation(POLICE_ARTICLE, "Demnach")]]
    resolver.resolve(POLICE_ARTICLE, [Quotation(type="Indirect", quote=Mention(), speaker=demnach)])
    assert mention_to_json(demnach, with_entity=True)["entity"]["kind"] == "none"


def test_same_surname_different_first_names_stay_apart_in_one_article(resolver: SpeakerResolver) -> None:
    body = (
        "Die Ärztin Maria Scholz sagte, die Lage sei ernst. Bundeskanzler Olaf Scholz sagte, "
        "man werde helfen. Maria Scholz fügte hinzu, es fehle an Personal."
    )
    maria, olaf, again = _resolve(
        resolver, body, [("Maria Scholz", 0), ("Olaf Scholz", 0), ("Maria Scholz", 1)]
    )
    assert maria is not None and olaf is not None and again is not None
    assert maria.id == again.id != olaf.id


def test_seed_article_rutte_and_scholz(resolver: SpeakerResolver, seed_path: Path) -> None:
    """The bar on the seed: "sagte er" is Mark Rutte, NATO-Generalsekretär; Scholz is Bundeskanzler."""
    body = seed_path.read_text(encoding="utf-8")
    occurrences = [i for i in range(len(body)) if body.startswith("sagte er", i)]
    assert occurrences, "the seed article has 'sagte er'"
    quotations = []
    for start in occurrences:
        mention = Mention.from_spans(body, [Span(start + 6, start + 8)])
        quotations.append(Quotation(type="Direct", quote=Mention(), speaker=mention))
    people = {m.person.name: m.person for m in resolver.resolve(body, quotations)}
    for quotation in quotations:
        entity = quotation.speaker.entity
        assert entity is not None
        assert (entity.name, entity.role) == ("Mark Rutte", "NATO-Generalsekretär")
    assert people["Olaf Scholz"].role == "Bundeskanzler"


def test_seed_article_through_the_pipeline(seed_path: Path) -> None:
    """End to end with the rule baseline: every 'er' speaker it finds resolves to Mark Rutte."""
    body = seed_path.read_text(encoding="utf-8")
    extraction = Pipeline(language="de", extractor="baseline").process_one(Document(text=body, source="seed"))
    pronouns = [q.speaker for q in extraction.quotations if q.speaker.text == "er"]
    assert pronouns
    for mention in pronouns:
        assert mention.entity is not None and mention.entity.name == "Mark Rutte"
        assert mention.entity.role == "NATO-Generalsekretär"


def test_a_name_never_runs_across_a_line_break() -> None:
    from saidwhat.resolve.entities import ArticleEntities
    from saidwhat.resolve.lexicon import lexicon_for
    from saidwhat.resolve.text import BodyText

    # A headline ending in a first name, and a body opening with another person's name.
    body = "Gespräch mit Kanzlerin Anna\nPeter Müller sagte gestern, er sei zufrieden."
    entities = ArticleEntities(BodyText(body), lexicon_for(get_language("de")))
    names = [person.name for person in entities.persons]
    assert "Peter Müller" in names
    assert not any("\n" in name for name in names)
