"""Article recovery: the seed's metadata, dates, bylines, credits and language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from saidwhat.article import recover_article
from saidwhat.article.credits import find_credits
from saidwhat.article.dates import parse_date, parse_feed_date
from saidwhat.article.html import extract_html, fragment_blocks
from saidwhat.article.language import detect_language
from saidwhat.article.plaintext import parse_byline
from saidwhat.ingest import read_documents
from saidwhat.records import Document

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def test_seed_metadata() -> None:
    [document] = read_documents([str(SEEDS / "000_75861da35d80617c.txt")])
    article = recover_article(document)
    assert article.headline == 'NATO-Generalsekretär: Bündnis bleibt geeint", egal wer die US-Wahl gewinnt'
    assert article.authors == ["Mykhailo Stoliar"]
    assert article.published == datetime(2024, 11, 5, 9, 20)
    assert article.sections == ["Was bekannt ist"]
    assert article.credits == ["The Defence Post"]
    assert article.language == "de"
    assert article.lead.startswith("NATO-Generalsekretär Mark Rutte erklärte")
    assert article.body == document.text  # plain text: offsets index the file itself


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.11.2024, 09:20", datetime(2024, 11, 5, 9, 20)),
        ("5.11.2024 um 9.20 Uhr", datetime(2024, 11, 5, 9, 20)),
        ("5. November 2024", datetime(2024, 11, 5)),
        ("Montag, 4. März 2024, 18:00 Uhr", datetime(2024, 3, 4, 18, 0)),
        ("5. Nov. 2024", datetime(2024, 11, 5)),
        ("November 5, 2024, 9:20 AM", datetime(2024, 11, 5, 9, 20)),
        ("Nov. 5, 2024 at 9:20 p.m.", datetime(2024, 11, 5, 21, 20)),
        ("5 November 2024", datetime(2024, 11, 5)),
        ("2024-11-05", datetime(2024, 11, 5)),
        ("2024-11-05 09:20", datetime(2024, 11, 5, 9, 20)),
        ("Stand: 31.02.2024", None),
        ("im Mai 2024", None),
        ("", None),
    ],
)
def test_dates(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


def test_dates_with_zones() -> None:
    iso = parse_date("2024-11-05T09:20:00Z")
    assert iso is not None and iso.isoformat() == "2024-11-05T09:20:00+00:00"
    rfc = parse_feed_date("Tue, 05 Nov 2024 09:20:00 +0100")
    assert rfc is not None and rfc.isoformat() == "2024-11-05T09:20:00+01:00"


@pytest.mark.parametrize(
    ("line", "authors", "published"),
    [
        ("Von: Mykhailo Stoliar | 05.11.2024, 09:20", ["Mykhailo Stoliar"], datetime(2024, 11, 5, 9, 20)),
        ("Von Anna Roth und Ben Ott, 5. November 2024", ["Anna Roth", "Ben Ott"], datetime(2024, 11, 5)),
        ("By Jane Doe and John Roe, November 5, 2024", ["Jane Doe", "John Roe"], datetime(2024, 11, 5)),
        ("By Jane Doe", ["Jane Doe"], None),
        ("Von Hans Roe am 05.11.2024, 09:20 Uhr", ["Hans Roe"], datetime(2024, 11, 5, 9, 20)),
    ],
)
def test_bylines(line: str, authors: list[str], published: datetime | None) -> None:
    assert parse_byline(line) == (authors, published)


def test_bylines_are_not_prose() -> None:
    assert parse_byline("Der Rat hat beraten.") is None
    assert parse_byline("Von 2024 an gilt die Regel.") is None


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        ("Text.\n\nQuelle: The Defence Post", ["The Defence Post"]),
        ("Text.\nQuellen: dpa, AFP und Reuters\n", ["dpa", "AFP", "Reuters"]),
        ("Berlin (dpa) - Der Kanzler sprach.", ["dpa"]),
        ("Kiew (dpa/AFP) - Angriffe in der Nacht.", ["dpa", "AFP"]),
        ("Der Rat tagte. Mit Material von Reuters.", ["Reuters"]),
        ("Der Rat tagte. (mit Material der dpa)", ["dpa"]),
        ("The talks failed, according to AP.", ["AP"]),
        ("Prices rose, according to the ministry.", []),
        ("The Associated Press contributed to this report.", ["Associated Press"]),
        ("Source: Reuters", ["Reuters"]),
        ("Die Quelle des Flusses liegt im Gebirge.", []),
    ],
)
def test_credits(text: str, credits: list[str]) -> None:
    assert find_credits(text) == credits


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Der Stadtrat hat am Dienstag über die neue Fähre beraten und keine Entscheidung getroffen. " * 4,
            "de",
        ),
        ("The council postponed its vote on the new ferry for a third time on Tuesday evening. " * 4, "en"),
        (
            "Le conseil municipal a reporté mardi soir son vote sur le nouveau bac pour la troisième fois. "
            * 4,
            "other",
        ),
        ("Rada miasta po raz trzeci przełożyła we wtorek głosowanie w sprawie nowego promu. " * 4, "other"),
        ('Er sagte: "Wir kommen morgen wieder."', "de"),
    ],
)
def test_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_other_language_is_kept_on_the_article() -> None:
    text = (
        "Le conseil municipal a reporté mardi soir son vote sur le nouveau bac pour la troisième fois. " * 4
    )
    article = recover_article(Document(text="Le bac\n\n" + text, source="x"))
    assert article.language == "other"
    assert recover_article(Document(text=text, source="x"), language="de").language == "de"


def test_page_without_article_text_is_none() -> None:
    assert extract_html(b"<html><body><nav><a href='/'>Start</a></nav></body></html>") is None
    assert extract_html(b"") is None


def test_fragment_blocks() -> None:
    blocks = fragment_blocks("<p>Eins <b>zwei</b>.</p><h3>Kopf</h3>drei<br>vier<script>x()</script>")
    assert blocks == [("p", "Eins zwei."), ("head", "Kopf"), ("p", "drei"), ("p", "vier")]
    assert fragment_blocks("Nur Text.\n\nZweiter Absatz.") == [("p", "Nur Text."), ("p", "Zweiter Absatz.")]
