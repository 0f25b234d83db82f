"""Readers on fixtures written for these tests: HTML, RSS, Atom, WARC built here, JSONL, gzip."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from saidwhat.article import recover_article
from saidwhat.errors import UserInputError
from saidwhat.ingest import (
    IngestOptions,
    IngestStats,
    JsonlFields,
    Problem,
    read_documents,
    registered_formats,
)
from saidwhat.ingest.archive import PageArchive
from saidwhat.ingest.dedup import Deduplicator
from saidwhat.records import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"

GERMAN_PAGE = """<!DOCTYPE html><html lang="de"><head><title>{title}</title>
<meta property="og:site_name" content="Nordstadt Kurier"></head><body>
<nav><a href="/">Start</a> <a href="/sport">Sport</a></nav><article><h1>{title}</h1>
<p>{lead} Die Entscheidung fiel nach einer langen Sitzung am Abend im Rathaus.</p>
<p>"Wir sind zufrieden mit dem Ergebnis", sagte Sprecherin Lena Vogt am Mittwoch in Nordstadt.</p>
</article><footer>Impressum</footer></body></html>"""


def lenient(problems: list[Problem], **kwargs: object) -> IngestOptions:
    return IngestOptions(strict=False, **kwargs)  # type: ignore[arg-type]


def read_all(
    *paths: Path | str, options: IngestOptions | None = None
) -> tuple[list[Document], list[Problem], IngestStats]:
    problems: list[Problem] = []
    stats = IngestStats()
    documents = list(
        read_documents(
            [str(p) for p in paths],
            options=options or IngestOptions(strict=False),
            stats=stats,
            on_problem=problems.append,
        )
    )
    return documents, problems, stats


def page(title: str, lead: str) -> bytes:
    return GERMAN_PAGE.format(title=title, lead=lead).encode("utf-8")


def write_warc(path: Path, pages: list[tuple[str, bytes]], compress: bool = True) -> None:
    """A crawl as wget or a crawler writes it: warcinfo, then request/response pairs."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "saidwhat tests"}))
        for url, body in pages:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "nordstadt-kurier.example")], is_http_request=True
            )
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            content_type = "image/png" if url.endswith(".png") else "text/html; charset=utf-8"
            status = "404 Not Found" if "missing" in url else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def crawl_pages() -> list[tuple[str, bytes]]:
    return [
        ("https://www.nordstadt-kurier.example/a", page("Hafen wird ausgebaut", "Der Hafen wird größer.")),
        ("https://www.nordstadt-kurier.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        ("https://www.nordstadt-kurier.example/missing", b"<html><body>Not found</body></html>"),
        (
            "https://www.nordstadt-kurier.example/b",
            page("Neue Buslinie startet", "Die Linie 7 fährt ab Mai."),
        ),
        ("https://www.nordstadt-kurier.example/empty", b""),
        # The same article again under another URL, as crawls often hold it.
        (
            "https://www.nordstadt-kurier.example/a?ref=home",
            page("Hafen wird ausgebaut", "Der Hafen wird größer."),
        ),
    ]


def test_every_format_is_registered() -> None:
    assert {"text", "html", "feed", "warc", "jsonl", "gzip"} <= set(registered_formats())


def test_two_html_layouts() -> None:
    documents, problems, _ = read_all(FIXTURES / "layout-a.html", FIXTURES / "layout-b.html")
    assert problems == []
    a, b = (recover_article(d) for d in documents)
    assert a.headline == "Stadtrat streitet über neue Fähre"
    assert a.authors == ["Greta Hansen", "Ole Petersen"]
    assert a.published is not None and a.published.isoformat() == "2024-03-12T14:05:00+01:00"
    assert a.sections == ["Was geplant ist", "Wie es weitergeht"]
    assert a.credits == ["dpa", "Reuters"]
    assert a.outlet == "Nordstadt Kurier"
    assert a.url == "https://www.nordstadt-kurier.example/lokales/stadtrat-faehre"
    assert a.language == "de"
    assert a.lead.startswith("Nordstadt (dpa) - Der Stadtrat")
    assert "Mehr zum Thema" not in a.body and "Impressum" not in a.body
    assert a.body.startswith(a.headline + "\n\n")
    # The table layout, in Latin-1, has no metadata tags: all comes from the visible page.
    assert b.headline == "Council delays ferry decision again"
    assert b.authors == ["Peter Quinn"]
    assert b.published == datetime(2024, 11, 5, 9, 20)
    assert b.sections == ["What happens next"]
    assert b.credits == ["AP", "Reuters"]
    assert b.language == "en"
    assert "Maeve O'Brien" in b.body and "Contact us" not in b.body


def test_rss_items_with_content_and_summaries() -> None:
    documents, problems, stats = read_all(FIXTURES / "feed.rss")
    assert problems == [] and stats.records == 3
    first, second, third = (recover_article(d) for d in documents)
    assert [d.record_offset for d in documents] == [1, 2, 3]
    assert first.headline == "Hafenfest fällt wegen Sturmwarnung aus"
    assert first.authors == ["Ole Petersen"]
    assert first.published is not None and first.published.isoformat() == "2024-06-08T18:30:00+02:00"
    assert first.outlet == "Nordstadt Kurier"
    assert first.sections == ["Was die Veranstalter sagen"]
    assert first.credits == ["Nordstadt Kurier"]
    assert first.url == "https://www.nordstadt-kurier.example/lokales/hafenfest-abgesagt"
    assert '"Die Sicherheit der Gäste geht vor"' in first.body
    assert second.body.startswith("Neue Buslinie zur Insel\n\nKurzfassung:")
    # Escaped HTML in <description> is markup, not text.
    assert "<p>" not in third.body and third.credits == ["dpa"]


def test_atom_entries() -> None:
    documents, problems, _ = read_all(FIXTURES / "feed.atom")
    assert problems == []
    first, second = (recover_article(d) for d in documents)
    assert first.headline == "Lighthouse to reopen after repairs"
    assert first.authors == ["Peter Quinn", "Aoife Kelly"]
    assert first.published is not None and first.published.isoformat() == "2024-11-04T16:45:00+00:00"
    assert first.outlet == "Harbour Times" and first.credits == ["Harbour Times"]
    assert first.language == "en"
    assert second.credits == ["Reuters"]
    assert second.url == "https://harbourtimes.example/news/quota-talks"


def test_feed_item_reads_linked_page_from_archive(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror" / "www.nordstadt-kurier.example" / "lokales"
    mirror.mkdir(parents=True)
    shutil.copy(FIXTURES / "layout-a.html", mirror / "stadtrat-faehre.html")
    options = IngestOptions(strict=False, archive=PageArchive([tmp_path / "mirror"]))
    documents, problems, _ = read_all(FIXTURES / "feed.rss", options=options)
    assert problems == []
    linked = recover_article(documents[1])
    # The page's own metadata wins; the feed only fills gaps.
    assert linked.headline == "Stadtrat streitet über neue Fähre"
    assert linked.sections == ["Was geplant ist", "Wie es weitergeht"]
    assert linked.url == "https://www.nordstadt-kurier.example/lokales/hafenfest-abgesagt".replace(
        "hafenfest-abgesagt", "stadtrat-faehre"
    )
    assert documents[1].record_offset == 2


def test_feed_item_reads_linked_page_from_warc_archive(tmp_path: Path) -> None:
    archive = tmp_path / "pages.warc.gz"
    write_warc(
        archive,
        [
            (
                "https://www.nordstadt-kurier.example/lokales/baeder",
                page("Freibad wird teurer", "Ein Euro mehr."),
            )
        ],
    )
    options = IngestOptions(strict=False, archive=PageArchive([archive]))
    documents, _, _ = read_all(FIXTURES / "feed.rss", options=options)
    assert recover_article(documents[2]).headline == "Freibad wird teurer"


@pytest.mark.parametrize("compress", [True, False])
def test_warc_built_with_warcio(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    write_warc(path, crawl_pages(), compress=compress)
    documents, problems, stats = read_all(path)
    articles = [recover_article(d) for d in documents]
    assert [a.headline for a in articles] == ["Hafen wird ausgebaut", "Neue Buslinie startet"]
    assert [a.url for a in articles] == [
        "https://www.nordstadt-kurier.example/a",
        "https://www.nordstadt-kurier.example/b",
    ]
    assert all(a.outlet == "Nordstadt Kurier" and a.language == "de" for a in articles)
    assert all(d.fetched_at is not None and d.format == "warc" for d in documents)
    assert stats.records == 13 and stats.duplicates == 1
    assert stats.skipped["request records"] == 6 and stats.skipped["non-HTML records"] == 1
    assert stats.skipped["non-200 responses"] == 1
    [empty] = problems
    assert empty.message == "empty record" and empty.unit == "byte"
    # Offsets point at the records: reading from there gives the page back.
    with path.open("rb") as stream:
        from warcio.archiveiterator import ArchiveIterator

        for document in documents:
            stream.seek(document.record_offset or 0)
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_headers.get_header("WARC-Target-URI") == document.url


def test_truncated_warc_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, crawl_pages())
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    for cut_bytes in (20, 100, 700, 2000):
        cut.write_bytes(data[: len(data) - cut_bytes])
        documents, problems, _ = read_all(cut)
        headlines = [recover_article(d).headline for d in documents]
        assert headlines[0] == "Hafen wird ausgebaut" and len(headlines) <= 2
        assert problems[-1].source == str(cut) and problems[-1].unit == "byte"
        assert "truncated" in problems[-1].message, problems


def test_jsonl_lines_and_problems() -> None:
    documents, problems, stats = read_all(FIXTURES / "articles.jsonl")
    assert [d.record_offset for d in documents] == [1, 2]
    first, second = (recover_article(d) for d in documents)
    assert first.headline == "Windpark vor der Küste genehmigt"
    assert first.authors == ["Greta Hansen"] and first.published == datetime(2024, 5, 14, 11, 0)
    assert first.outlet == "Nordstadt Kurier" and first.credits == ["Nordstadt Kurier"]
    assert documents[0].text.startswith("Windpark")  # text fields are kept as given
    assert second.headline == "Schule bekommt neue Turnhalle"
    assert second.published is not None and second.published.isoformat() == "2024-05-15T09:30:00+02:00"
    assert second.outlet == "nordstadt-kurier.example"
    assert [(p.offset, p.message.split(" (")[0]) for p in problems] == [
        (3, "not valid JSON"),
        (4, "not a JSON object"),
        (5, "no text"),
    ]
    assert str(problems[0]).startswith(f"{FIXTURES / 'articles.jsonl'}:3: ")
    assert stats.duplicates == 1  # line 7 repeats line 1 with other whitespace


def test_jsonl_field_mapping() -> None:
    fields = JsonlFields.parse(
        "text=body, title=meta.headline, date=meta.published, outlet=meta.site, url=link"
    )
    documents, problems, _ = read_all(
        FIXTURES / "mapped.jsonl", options=IngestOptions(strict=False, jsonl_fields=fields)
    )
    assert problems == []
    article = recover_article(documents[0])
    assert article.headline == "Brücke wird gesperrt"
    assert article.published == datetime(2024, 6, 3)
    assert article.outlet == "Nordstadt Kurier"
    assert article.url == "https://www.nordstadt-kurier.example/verkehr/bruecke"
    with pytest.raises(UserInputError, match="jsonl-fields"):
        JsonlFields.parse("body")
    with pytest.raises(UserInputError, match="jsonl-fields"):
        JsonlFields.parse("speaker=x")


def test_gzip_of_each_kind_and_content_sniffing(tmp_path: Path) -> None:
    for name in ("layout-a.html", "feed.atom", "articles.jsonl"):
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress((FIXTURES / name).read_bytes()))
    # Names that say nothing: the content decides.
    shutil.copy(FIXTURES / "feed.rss", tmp_path / "feed.xml")
    (tmp_path / "download").write_bytes(gzip.compress((FIXTURES / "layout-b.html").read_bytes()))
    documents, problems, _ = read_all(*sorted(tmp_path.iterdir()))
    by_format: dict[str, int] = {}
    for document in documents:
        by_format[document.format] = by_format.get(document.format, 0) + 1
    assert by_format == {"jsonl": 2, "feed": 5, "html": 2}
    assert len(problems) == 3  # the bad JSON lines, named in the compressed file
    assert all(p.source.endswith("articles.jsonl.gz") for p in problems)


def test_truncated_gzip_is_one_problem(tmp_path: Path) -> None:
    lines = b"".join(
        b'{"text": "Meldung Nummer %d: Der Rat hat am Dienstag beraten und nichts entschieden."}\n' % i
        for i in range(2000)
    )
    data = gzip.compress(lines)
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    documents, problems, _ = read_all(path)
    assert 0 < len(documents) < 2000
    assert len(problems) == 1 and "truncated" in problems[0].message


def test_bad_files_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-junk.html").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-latin1.txt").write_bytes("Größe\nÄrger".encode("latin-1"))
    (tmp_path / "d-broken.rss").write_bytes(b"<rss><channel><item><title>x</ti")
    (tmp_path / "e-junk.warc").write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n" + bytes(range(256)))
    shutil.copy(FIXTURES / "layout-a.html", tmp_path / "f-good.html")
    documents, problems, stats = read_all(tmp_path)
    assert [Path(d.source).name for d in documents] == ["f-good.html"]
    named = {Path(p.source).name for p in problems}
    assert {"b-empty.txt", "c-latin1.txt", "d-broken.rss", "e-junk.warc"} <= named
    assert stats.problems == len(problems)


def test_strict_stops_at_the_first_problem() -> None:
    documents = read_documents([str(FIXTURES / "articles.jsonl")], options=IngestOptions(strict=True))
    assert next(documents).record_offset == 1
    assert next(documents).record_offset == 2
    with pytest.raises(UserInputError, match=r"articles\.jsonl:3: not valid JSON"):
        next(documents)


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for i in range(5000):
            stream.write(json.dumps({"text": f"Meldung {i}: Der Rat hat beraten."}) + "\n")
    stats = IngestStats()
    documents = read_documents([str(path)], stats=stats)
    next(documents)
    assert stats.records < 10


def test_dedup_by_normalised_text() -> None:
    seen = Deduplicator()
    assert seen.first_time(Document(text="Der  Rat\nhat beraten.", source="a"))
    assert not seen.first_time(Document(text="Der Rat hat beraten. ", source="b"))
    for i in range(100_000):  # grows past its first table without losing entries
        assert seen.first_time(Document(text=f"Meldung {i}", source="c"))
    assert not seen.first_time(Document(text="Meldung 7", source="d"))
    assert len(seen) == 100_001


def test_same_item_twice_is_read_once() -> None:
    documents, _, stats = read_all(FIXTURES / "feed.atom", FIXTURES / "feed.atom")
    assert len(documents) == 2 and stats.duplicates == 2
    documents, _, _ = read_all(
        FIXTURES / "feed.atom", FIXTURES / "feed.atom", options=IngestOptions(dedup=False)
    )
    assert len(documents) == 4


def test_url_input_needs_fetch() -> None:
    with pytest.raises(UserInputError, match="needs --fetch"):
        list(read_documents(["https://example.org/article"]))


def test_feed_content_naming_a_path_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.rss"
    secret.write_bytes((FIXTURES / "feed.atom").read_bytes())
    pointer = tmp_path / "pointer.rss"
    pointer.write_bytes(str(secret).encode())
    documents, problems, _ = read_all(pointer, options=IngestOptions(strict=False, format="feed"))
    assert documents == [] and len(problems) == 1
