"""English speaker resolution, from the English word lists alone (no stage knows English)."""

from __future__ import annotations

import re

import pytest

from saidwhat.language import get_language
from saidwhat.records import Mention, Person, Quotation, Span
from saidwhat.resolve import SpeakerResolver

# Written for these tests: a fictional council story in US news style.
COUNCIL_ARTICLE = (
    "Riverton delays ferry vote\n\n"
    "The Riverton city council postponed its vote on the new ferry on Tuesday. "
    "Mayor Jane Porter said the costs had to be checked again. "
    "“We owe the island a ferry that works,” she said. "
    "Senator Tom Hadley, a Republican from the north of the state, criticized the delay. "
    "“This is a waste of everybody's time,” the senator said. "
    "He said he would raise the matter in the capital. "
    "According to officials, the old ferry will run until March. "
    "A police statement said no one was hurt in Monday's collision. "
    "The Riverton Police Department said it was investigating. "
    "According to a statement from the Department of Transportation (DOT), repairs will take weeks. "
    "“We are ready,” the mayor said."
)
HOSPITAL_ARTICLE = (
    "Hospital opens new wing\n\n"
    "Mark Ellison, the hospital's chief executive, opened the new wing on Friday. "
    "Sarah Lind, a spokeswoman for the health department, praised the project. "
    "“It took four years,” he said. "
    "She said the state would pay for a second wing. "
    "An aide said the governor would visit next month."
)

# Written for these tests: a councillor whose first name is in no list, and a byline author.
HARBOR_ARTICLE = (
    "Coastal town approves flood barrier\n\n"
    "By Nora Quill | March 14, 2025\n\n"
    "The town council of Port Alder voted on Tuesday to build a flood barrier. "
    "“We cannot keep rebuilding the same streets,” Mayor Daniel Reyes told reporters. "
    "Council member Anjali Varadarajan, who voted against the plan, said cheaper options "
    "were never studied. "
    "“This is a lot of money for a wall we may not need,” she said."
)
BYLINE_ARTICLE = (
    "Coastal town approves flood barrier\n\n"
    "By Nora Quill | March 14, 2025\n\n"
    "The barrier will cost 40 million dollars. “That is too much,” she said."
)


@pytest.fixture(scope="module")
def resolver() -> SpeakerResolver:
    return SpeakerResolver(get_language("en"))


def _resolve(resolver: SpeakerResolver, body: str, speakers: list[tuple[str, int]]) -> list[Person | None]:
    quotations = []
    for text, occurrence in speakers:
        match = list(re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", body))[occurrence]
        mention = Mention.from_spans(body, [Span(match.start(), match.end())])
        quotations.append(Quotation(type="Direct", quote=Mention(), speaker=mention))
    resolver.resolve(body, quotations)
    return [q.speaker.entity for q in quotations]


def _summary(entity: Person | None) -> tuple[str, str, str]:
    assert entity is not None
    return entity.kind, entity.name, entity.role


def test_pronouns_take_the_last_named_person_of_their_gender(resolver: SpeakerResolver) -> None:
    she, he = _resolve(resolver, COUNCIL_ARTICLE, [("she", 0), ("He", 0)])
    assert _summary(she) == ("person", "Jane Porter", "Mayor")
    assert _summary(he) == ("person", "Tom Hadley", "Senator")


def test_pronouns_skip_a_nearer_person_of_the_other_gender(resolver: SpeakerResolver) -> None:
    he, she = _resolve(resolver, HOSPITAL_ARTICLE, [("he", 0), ("She", 0)])
    assert _summary(he)[:2] == ("person", "Mark Ellison")
    assert _summary(she)[:2] == ("person", "Sarah Lind")


def test_descriptions_take_the_person_with_that_role(resolver: SpeakerResolver) -> None:
    senator, mayor = _resolve(resolver, COUNCIL_ARTICLE, [("the senator", 0), ("the mayor", 0)])
    assert _summary(senator) == ("person", "Tom Hadley", "Senator")
    assert _summary(mayor) == ("person", "Jane Porter", "Mayor")


def test_lower_case_appositions_give_roles_and_genders(resolver: SpeakerResolver) -> None:
    entities = {e.name: e for e in resolver.entities(HOSPITAL_ARTICLE).persons}
    assert entities["Mark Ellison"].role == "chief executive"
    assert entities["Sarah Lind"].role == "spokeswoman for the health department"
    assert entities["Sarah Lind"].gender == "f"


def test_unnamed_sources_are_anonymous(resolver: SpeakerResolver) -> None:
    officials, aide = _resolve(
        resolver, COUNCIL_ARTICLE + " " + HOSPITAL_ARTICLE, [("According to officials", 0), ("An aide", 0)]
    )
    assert officials is not None and officials.kind == "anonymous"
    assert aide is not None and aide.kind == "anonymous"


def test_organisations_and_source_phrases(resolver: SpeakerResolver) -> None:
    police, department, it, statement = _resolve(
        resolver,
        COUNCIL_ARTICLE,
        [
            ("A police statement", 0),
            ("The Riverton Police Department", 0),
            ("it", 0),
            ("a statement from the Department of Transportation (DOT)", 0),
        ],
    )
    assert _summary(police)[:2] == ("organisation", "police")
    assert _summary(department)[:2] == ("organisation", "Riverton Police Department")
    assert _summary(it)[:2] == ("organisation", "Riverton Police Department")
    assert _summary(statement)[:2] == ("organisation", "Department of Transportation")


def test_a_lower_case_role_before_an_unknown_first_name_gives_a_person(resolver: SpeakerResolver) -> None:
    entities = resolver.entities(HARBOR_ARTICLE)
    people = {e.name: e.role for e in entities.persons}
    assert people["Anjali Varadarajan"] == "Council member"
    assert people["Daniel Reyes"] == "Mayor"
    # "Council" is part of her role here, not an organisation.
    assert "Council" not in {o.name for o in entities.organisations}


def test_she_takes_the_councillor_not_the_byline_author(resolver: SpeakerResolver) -> None:
    member, she = _resolve(
        resolver,
        HARBOR_ARTICLE,
        [("Council member Anjali Varadarajan, who voted against the plan,", 0), ("she", 0)],
    )
    assert _summary(member) == ("person", "Anjali Varadarajan", "Council member")
    assert _summary(she) == ("person", "Anjali Varadarajan", "Council member")


def test_a_byline_author_is_no_antecedent(resolver: SpeakerResolver) -> None:
    (she,) = _resolve(resolver, BYLINE_ARTICLE, [("she", 0)])
    assert she is None or she.name != "Nora Quill"


def test_a_resolved_speaker_the_scan_missed_is_an_antecedent(resolver: SpeakerResolver) -> None:
    body = "Ferry fares rise\n\nZorvan Kettleby criticized the plan. “It is too expensive,” he said."
    name, he = _resolve(resolver, body, [("Zorvan Kettleby", 0), ("he", 0)])
    assert _summary(name)[:2] == ("person", "Zorvan Kettleby")
    assert _summary(he)[:2] == ("person", "Zorvan Kettleby")
