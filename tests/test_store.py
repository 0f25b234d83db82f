"""The store against real SQLite and a real PostgreSQL: schema, writing, search, trace, export.

PostgreSQL comes from ``SAIDWHAT_TEST_POSTGRES_URL`` (``.ci/setup.d/20-postgresql.sh`` starts
a server and exports it); each test gets a database of its own. Without the variable the
PostgreSQL cases are skipped locally, but fail in CI (``CI=true``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, func, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner, Result

from saidwhat.cli.app import _load_commands, app
from saidwhat.errors import UserInputError
from saidwhat.ingest import read_documents
from saidwhat.pipeline import Pipeline
from saidwhat.records import Article, Document, Extraction, Mention, Person, Quotation, Span
from saidwhat.store import models, open_store
from saidwhat.store.database import Store, default_db_location, resolve_db_url
from saidwhat.store.export import export_rows, write_csv, write_jsonl, write_parquet
from saidwhat.store.indexes import deferrable, drop_deferrable, missing
from saidwhat.store.ingest import ingest
from saidwhat.store.migrate import downgrade, upgrade
from saidwhat.store.query import Filters
from saidwhat.store.rows import COLUMN_NAMES, extraction_rows
from saidwhat.store.search import search
from saidwhat.store.text import (
    BANDS,
    band_keys,
    band_rows,
    minhash,
    postgres_query_configs,
    postgres_vector,
    signatures,
    tokens,
)
from saidwhat.store.timeline import timeline
from saidwhat.store.trace import trace
from saidwhat.store.writer import StoreWriter, _band_keys_json

POSTGRES_ENV = "SAIDWHAT_TEST_POSTGRES_URL"
BASELINE = ("--extractor", "baseline")
QUIET = ("--no-progress", *BASELINE)
TABLES = ("outlets", "people", "articles", "credits", "quotations", "mentions", "quotation_bands")


# --- backends -----------------------------------------------------------------------------


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV, "")
    if not url:
        message = f"{POSTGRES_ENV} is not set (source .ci/setup.d/20-postgresql.sh)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


def _fresh_postgres() -> Iterator[str]:
    admin_url = make_url(_postgres_admin_url())
    name = f"saidwhat_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database location for ``--db``: a fresh SQLite file or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
    else:
        yield from _fresh_postgres()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


# --- records written by hand --------------------------------------------------------------


def quote_extraction(
    body_quotes: list[tuple[str, str, str]],
    outlet: str,
    published: datetime | None,
    language: str = "de",
    source: str = "fixture.txt",
) -> Extraction:
    """An article whose body is ``Speaker sagte: „quote“`` sentences; (speaker, id, quote)."""
    parts: list[str] = [f"Meldung aus {outlet}\n\n"]
    quotations: list[Quotation] = []
    offset = len(parts[0])
    for speaker, speaker_id, quote in body_quotes:
        lead = f"{speaker} sagte: „"
        speaker_span = Span(offset, offset + len(speaker))
        quote_start = offset + len(lead)
        entity = Person(id=speaker_id, name=speaker, role="Sprecherin") if speaker_id else None
        quotations.append(
            Quotation(
                type="Direct",
                quote=Mention(quote, [Span(quote_start, quote_start + len(quote))]),
                cue=Mention("sagte", [Span(speaker_span.end + 1, speaker_span.end + 6)]),
                speaker=Mention(speaker, [speaker_span], entity, [speaker_span] if entity else []),
                confidence=0.9,
                extractor="fixture",
            )
        )
        sentence = f"{lead}{quote}“ "
        parts.append(sentence)
        offset += len(sentence)
    body = "".join(parts)
    document = Document(text=body, source=source, url=f"https://{outlet}/artikel")
    article = Article(
        document=document,
        body=body,
        headline=f"Meldung aus {outlet}",
        authors=["Lena Vogt"],
        credits=["dpa"],
        published=published,
        language=language,
        outlet=outlet,
        url=document.url or "",
    )
    return Extraction(article=article, quotations=quotations)


ORIGINAL = (
    "Wir werden die Steuern für kleine Betriebe im kommenden Jahr deutlich senken und die Bürokratie abbauen"
)
FERRY = "Der Hafen braucht endlich eine neue Fähre für die Inseln"


def newsroom() -> list[Extraction]:
    """One statement reported first by one outlet, then repeated (edited, truncated) by two."""
    return [
        quote_extraction(
            [("Anna Berger", "anna-berger", ORIGINAL)], "nordkurier.de", datetime(2024, 3, 5, 9, 0)
        ),
        quote_extraction(
            [
                ("Anna Berger", "anna-berger", ORIGINAL.replace("deutlich", "spürbar")),
                ("Peter Lindner", "peter-lindner", FERRY),
            ],
            "suedkurier.de",
            datetime(2024, 3, 5, 15, 30),
        ),
        quote_extraction(
            [("Berger", "anna-berger", ORIGINAL[:60])], "westkurier.de", datetime(2024, 3, 6, 8, 0)
        ),
        quote_extraction(
            [("Anna Berger", "anna-berger", "Das Gutachten zum Wattenmeer liegt im Mai vor")],
            "nordkurier.de",
            datetime(2024, 5, 2, 12, 0, tzinfo=UTC),
        ),
        quote_extraction(
            [("Mark Miller", "mark-miller", "Taxes on small businesses were raised again last year")],
            "harbour-news.com",
            datetime(2024, 4, 1),
            language="en",
        ),
        quote_extraction([("Ein Sprecher", "", "Dazu äußern wir uns nicht")], "nordkurier.de", None),
    ]


@pytest.fixture
def filled(store: Store) -> Store:
    StoreWriter(store).write(newsroom())
    return store


def counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {t: int(connection.scalar(text(f"SELECT count(*) FROM {t}"))) for t in TABLES}


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every stored row of every table, in key order: what two stores must share."""
    result: dict[str, list[tuple]] = {}
    with store.engine.connect() as connection:
        for table in TABLES:
            columns = ", ".join(c["name"] for c in inspect(connection).get_columns(table))
            # quotation_bands has a unique index rather than a primary key: all its columns.
            keys = ", ".join(inspect(connection).get_pk_constraint(table)["constrained_columns"]) or columns
            rows = connection.execute(text(f"SELECT {columns} FROM {table} ORDER BY {keys}"))
            result[table] = [tuple(row) for row in rows]
    return result


# --- schema -------------------------------------------------------------------------------


def test_migrations_create_every_table_and_downgrade_cleanly(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert set(TABLES) <= names
    with store.engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0003"
    downgrade(store.engine, "base")
    assert not set(TABLES) & set(inspect(store.engine).get_table_names())
    upgrade(store.engine)
    assert set(TABLES) <= set(inspect(store.engine).get_table_names())
    # Opening again is a no-op on an up-to-date schema.
    open_store(store.url).close()


# --- writing ------------------------------------------------------------------------------


def test_writer_stores_every_record_once(store: Store) -> None:
    writer = StoreWriter(store)
    first = writer.write(newsroom())
    assert (first.articles, first.quotations, first.skipped) == (6, 7, 0)
    again = writer.write(newsroom())
    assert (again.articles, again.quotations, again.skipped) == (0, 0, 6)
    assert counts(store) == {
        "outlets": 4, "people": 3, "articles": 6, "credits": 12, "quotations": 7, "mentions": 7,
        "quotation_bands": counts(store)["quotation_bands"],
    }  # fmt: skip
    assert counts(store)["quotation_bands"] > 7 * 5
    with store.engine.connect() as connection:
        people = dict(connection.execute(select(models.Person.id, models.Person.name)).all())
        seqs = list(connection.scalars(select(models.Quotation.seq).order_by(models.Quotation.seq)))
    assert people["anna-berger"] == "Anna Berger"  # the first name seen, not the later "Berger"
    assert seqs == list(range(1, 8))


def search_indexes(store: Store) -> set[str]:
    """The deferrable indexes present (``store/indexes.py``)."""
    with store.engine.connect() as connection:
        return {index.name for index in deferrable()} - {index.name for index in missing(connection)}  # type: ignore[misc]


DEFERRED = {"ix_quotations_published", "ix_quotations_speaker_published", "ix_quotations_outlet_published",
            "ix_quotations_article", "ix_quotation_bands_key"}  # fmt: skip


def test_a_load_into_an_empty_store_builds_the_search_indexes_at_the_end(store: Store) -> None:
    writer = StoreWriter(store)
    assert search_indexes(store) == DEFERRED
    with writer.loading():
        writer.write(newsroom()[:3])
        assert search_indexes(store) == set()  # deferred while the load runs
        assert search(store, Filters(speakers=["anna-berger"]))  # still answered, by scanning
        writer.write(newsroom())
    assert search_indexes(store) == DEFERRED
    assert counts(store)["quotations"] == 7
    # A load killed before its end leaves the indexes missing; the next load restores them
    # before it writes, because the store is no longer empty.
    writer.begin_load()
    assert search_indexes(store) == DEFERRED
    with store.engine.begin() as connection:
        drop_deferrable(connection)
    with writer.loading():
        assert search_indexes(store) == DEFERRED
        assert writer.write(newsroom()).skipped == 6
    first = search(store, Filters(outlets=["westkurier.de"]))[0]["quote_id"]
    assert len(trace(store, first).entries) == 3


def test_sqlite_band_json_holds_the_band_rows() -> None:
    """What SQLite's json_each expands (slot // BANDS is the quotation) is ``band_rows``."""
    texts = [ORIGINAL, "", ORIGINAL[:60], "Ja", "— …", "ein zwei ein zwei"]
    word_lists = [tokens(t) for t in texts]
    slots = json.loads(_band_keys_json(word_lists))
    expanded = [(key, 40 + slot // BANDS) for slot, key in enumerate(slots) if key is not None]
    assert len(slots) == BANDS * len(texts)
    assert sorted(expanded) == band_rows(word_lists, 40)


def test_migration_0002_keeps_the_band_rows(store: Store) -> None:
    downgrade(store.engine, "0001")
    StoreWriter(store).write(newsroom())  # the writer's inserts fit both schemas
    before = dump(store)
    upgrade(store.engine)
    assert dump(store) == before and before["quotation_bands"]
    assert search_indexes(store) == DEFERRED
    band_key, seq = before["quotation_bands"][0]
    # The unique index keeps the old primary key's promise.
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(insert(models.QuotationBand).values(band_key=band_key, quotation_seq=seq))


def test_store_rows_equal_the_rows_of_the_extractions(filled: Store) -> None:
    """The export from the store and rows built straight from records are the same rows."""
    expected = [row for extraction in newsroom() for row in extraction_rows(extraction)]
    stored = list(export_rows(filled, Filters()))
    assert sorted(stored, key=lambda r: r["quote_id"]) == sorted(expected, key=lambda r: r["quote_id"])
    utc_row = next(r for r in stored if r["quote"].startswith("Das Gutachten"))
    assert utc_row["published"] == datetime(2024, 5, 2, 12, 0)  # stored as UTC without a zone
    unresolved = next(r for r in stored if r["speaker"] == "Ein Sprecher")
    assert (unresolved["speaker_id"], unresolved["speaker_kind"]) == (None, "none")
    assert unresolved["published"] is None


# --- search, timeline, trace --------------------------------------------------------------


def quotes_of(rows: list[dict]) -> list[str]:
    return [r["quote"] for r in rows]


def test_migration_0003_keeps_what_search_finds(store: Store) -> None:
    downgrade(store.engine, "0002")
    StoreWriter(store).write(newsroom())
    queries = ["Steuer", "tax", "Gutachten Wattenmeer", "Gutachten Fähre"]
    before = [quotes_of(search(store, Filters(words=words))) for words in queries]
    upgrade(store.engine)
    assert [quotes_of(search(store, Filters(words=words))) for words in queries] == before
    assert before[0] and before[1]


def test_postgres_text_search_follows_the_profiles() -> None:
    vector = postgres_vector({"de": "german", "en": "english", "nl": "simple"})
    assert "WHEN 'de' THEN 'german'::regconfig" in vector and "WHEN 'nl' THEN 'simple'" in vector
    assert "ELSE 'simple'::regconfig" in vector
    assert postgres_query_configs() == ["english", "german", "simple"]
    with pytest.raises(ValueError):
        postgres_vector({"de": "german'; DROP TABLE quotations; --"})


def test_search_stems_german_and_english_words(filled: Store) -> None:
    german = quotes_of(search(filled, Filters(words="Steuer")))
    assert len(german) == 3 and all("Steuern" in q for q in german[:2])
    assert quotes_of(search(filled, Filters(words="tax"))) == [
        "Taxes on small businesses were raised again last year"
    ]
    assert quotes_of(search(filled, Filters(words="Gutachten Wattenmeer"))) == [
        "Das Gutachten zum Wattenmeer liegt im Mai vor"
    ]
    assert search(filled, Filters(words="Gutachten Fähre")) == []


def test_search_by_common_words_walks_the_date_index_with_the_same_results(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above MANY_MATCHES SQLite changes plan (date order, membership test): same answers."""
    later = datetime(2024, 3, 6)
    queries = [Filters(words="Steuer"), Filters(words="Betriebe", speakers=["anna-berger"], since=later)]
    expected = [search(filled, f, limit=2) for f in queries] + [list(export_rows(filled, queries[0]))]
    monkeypatch.setattr("saidwhat.store.query.MANY_MATCHES", 0)
    assert [search(filled, f, limit=2) for f in queries] + [list(export_rows(filled, queries[0]))] == expected
    assert len(expected[0]) == 2 and expected[1]


def test_search_filters_and_orders_newest_first(filled: Store) -> None:
    by_id = search(filled, Filters(speakers=["anna-berger"]))
    by_name = search(filled, Filters(speakers=["anna berger"]))
    assert by_id == by_name and len(by_id) == 4
    dated = [r["published"] for r in by_id]
    assert dated == sorted(dated, reverse=True)
    assert quotes_of(search(filled, Filters(speakers=["Lindner"]))) == [FERRY]
    assert {r["outlet"] for r in search(filled, Filters(outlets=["NORDKURIER.DE"]))} == {"nordkurier.de"}
    march = search(filled, Filters(since=datetime(2024, 3, 5, 12), until=datetime(2024, 3, 7)))
    assert sorted(r["outlet"] for r in march) == ["suedkurier.de", "suedkurier.de", "westkurier.de"]
    assert search(filled, Filters(types=["Indirect"])) == []
    assert len(search(filled, Filters(types=["Direct"]), limit=2)) == 2
    # Every fixture quotation has confidence 0.9: the floor is inclusive.
    assert len(search(filled, Filters(min_confidence=0.9))) == len(search(filled, Filters()))
    assert search(filled, Filters(min_confidence=0.95)) == []


def test_timeline_counts_per_month(filled: Store) -> None:
    result = timeline(filled, "Anna Berger")
    assert [(m.month, m.count) for m in result.months] == [("2024-03", 3), ("2024-05", 1)]
    assert result.people == [("anna-berger", "Anna Berger")]


def test_trace_finds_edited_and_truncated_copies_earliest_first(filled: Store) -> None:
    first = search(filled, Filters(outlets=["westkurier.de"]))[0]["quote_id"]  # start from the truncation
    result = trace(filled, first)
    assert [e.row["outlet"] for e in result.entries] == ["nordkurier.de", "suedkurier.de", "westkurier.de"]
    assert [e.role for e in result.entries] == ["first report", "repeat", "repeat"]
    assert result.said_by == "Anna Berger"
    assert all(e.similarity >= 0.7 for e in result.entries)


def test_minhash_signatures_are_datasketch_minhashes() -> None:
    texts = [ORIGINAL, ORIGINAL[:60], "", "Ja", "ein zwei ein zwei", "— …"]
    batch = signatures(texts)
    for row, quote in zip(batch, texts, strict=True):
        assert (row == minhash(quote).hashvalues).all()
    keys = band_keys([ORIGINAL, ORIGINAL.replace("deutlich", "spürbar"), "Etwas ganz anderes sagte er"])
    assert set(keys[0]) & set(keys[1])
    assert not set(keys[0]) & set(keys[2])
    assert band_keys(["", "…"]) == [[], []]


# --- export -------------------------------------------------------------------------------


def test_export_formats_carry_the_same_rows(filled: Store, tmp_path: Path) -> None:
    sink = io.StringIO()
    assert write_jsonl(export_rows(filled, Filters(speakers=["anna-berger"])), sink) == 4
    jsonl = [json.loads(line) for line in sink.getvalue().splitlines()]
    sink = io.StringIO()
    write_csv(export_rows(filled, Filters(speakers=["anna-berger"])), sink)
    table = list(csv.DictReader(io.StringIO(sink.getvalue())))
    path = tmp_path / "out.parquet"
    assert write_parquet(export_rows(filled, Filters(speakers=["anna-berger"])), path) == 4
    parquet = pq.read_table(path).to_pylist()
    assert list(jsonl[0]) == list(table[0]) == list(parquet[0]) == list(COLUMN_NAMES)
    ids = [r["quote_id"] for r in jsonl]
    assert ids == [r["quote_id"] for r in table] == [r["quote_id"] for r in parquet]
    assert [r["published"] for r in jsonl] == [r["published"].isoformat() for r in parquet]
    assert [r["quote"] for r in table] == [r["quote"] for r in parquet]
    # Oldest first.
    assert [r["published"] for r in parquet] == sorted(r["published"] for r in parquet)


# --- the command line ---------------------------------------------------------------------

DOCUMENT = """{headline}

Von: Lena Vogt | {day:02d}.0{month}.2025, 10:00

Die Stadt Kirchhafen plant Projekt Nummer {number}. Bürgermeisterin Anna Berger stellte die Pläne vor.

"Wir investieren {number} Millionen in die Zukunft unseres Hafens", sagte Berger vor Journalisten.

Der Vorsitzende des Umweltverbands, Peter Lindner, kritisierte das Vorhaben {number}.
Er sagte, die Stadt habe die Folgen nicht geprüft.

Quelle: Kirchhafener Rundschau
"""


def write_documents(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text_value = DOCUMENT.format(
            headline=f"Hafenprojekt {number}", day=1 + number % 28, month=1 + number % 9, number=number
        )
        (folder / f"{number:03d}.txt").write_text(text_value, encoding="utf-8")
    return folder


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a fresh process (what a user runs)."""
    return subprocess.run(
        [sys.executable, "-m", "saidwhat", *args],
        capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


def invoke(*args: str) -> Result:
    """The same commands in this process: no interpreter and import start-up per call."""
    _load_commands()
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    # The rule baseline: the store's behaviour does not depend on which extractor runs.
    return Pipeline(extractor="baseline")


def test_cli_ingest_is_idempotent_and_commands_work(db_url: str, tmp_path: Path, pipeline: Pipeline) -> None:
    folder = write_documents(tmp_path / "docs", 3)
    first = run_cli("ingest", str(folder), "--db", db_url, "--no-progress", *BASELINE)
    assert first.returncode == 0, first.stderr
    assert "stored 3 articles" in first.stderr
    again = invoke("ingest", str(folder), "--db", db_url, "--no-progress", *BASELINE)
    assert again.exit_code == 0, again.output
    assert "stored 0 articles and 0 quotations; 3 documents were already stored" in again.stderr
    store = open_store(db_url)
    try:
        stored = counts(store)
        # The store holds what the pipeline (as in `saidwhat extract`) finds in the same files.
        extractions = list(pipeline.process(read_documents([str(folder)])))
        assert stored["quotations"] == sum(len(e.quotations) for e in extractions) > 0
        assert stored["articles"] == 3
    finally:
        store.close()

    found = invoke("search", "Hafen", "--speaker", "Anna Berger", "--json", "--db", db_url)
    assert found.exit_code == 0, found.output
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert len(rows) == 3 and {r["speaker_id"] for r in rows} == {"anna-berger"}
    table = invoke("search", "Hafen", "--db", db_url)
    assert rows[0]["quote_id"] in table.stdout
    assert invoke("timeline", "anna-berger", "--json", "--db", db_url).stdout.count('"count": 1') == 3
    traced = invoke("trace", rows[0]["quote_id"], "--json", "--db", db_url)
    assert traced.exit_code == 0 and json.loads(traced.stdout.splitlines()[0])["role"] == "first report"
    out = tmp_path / "all.parquet"
    exported = invoke("export", "--format", "parquet", "-o", str(out), "--db", db_url)
    assert exported.exit_code == 0, exported.output
    table = pq.read_table(out)
    assert table.num_rows == stored["quotations"]
    floor = sorted(table.column("confidence").to_pylist())[table.num_rows // 2]
    confident = invoke("export", "--min-confidence", str(floor), "--db", db_url)
    kept = [json.loads(line) for line in confident.stdout.splitlines()]
    assert kept and all(row["confidence"] >= floor for row in kept)
    assert len(kept) == sum(c >= floor for c in table.column("confidence").to_pylist())
    out_of_range = invoke("search", "--min-confidence", "1.5", "--db", db_url)
    assert out_of_range.exit_code == 2 and "--min-confidence" in out_of_range.output


def test_cli_ingest_with_the_full_analysis_stores_what_extract_finds(tmp_path: Path) -> None:
    folder = write_documents(tmp_path / "docs", 2)
    db = str(tmp_path / "full.db")
    result = invoke("ingest", str(folder), "--db", db, "--no-progress", "--analysis", "full")
    assert result.exit_code == 0, result.output
    full = Pipeline(analysis="full")
    expected = sum(len(e.quotations) for e in full.process(read_documents([str(folder)])))
    store = open_store(db)
    try:
        assert counts(store)["quotations"] == expected > 0
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "--speaker", "Niemand"], "--speaker: no person in the store matches 'Niemand'"),
        (["search", "--since", "2025-02-30"], "--since: not a date"),
        (["search", "--type", "Shouted"], "--type: unknown type 'Shouted'"),
        (["trace", "0000000000000000-9"], "0000000000000000-9: no quotation with this id"),
        (["export", "--format", "xml"], "--format: unknown format 'xml'"),
        (["timeline", "Niemand"], "Niemand: no person in the store matches"),
        (["search", "--db", "postgresql://nobody@127.0.0.1:1/none"], "cannot open the store"),
    ],
)
def test_user_errors_name_the_problem(args: list[str], message: str, tmp_path: Path) -> None:
    result = invoke(*args, "--db", str(tmp_path / "empty.db")) if "--db" not in args else invoke(*args)
    assert isinstance(result.exception, UserInputError)
    assert message in str(result.exception)


def test_cli_user_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    result = run_cli("search", "--speaker", "Niemand", "--db", str(tmp_path / "empty.db"))
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --speaker: no person in the store matches 'Niemand'"


# --- resumability -------------------------------------------------------------------------


def test_killed_ingest_resumes_to_exactly_the_uninterrupted_rows(
    db_url: str, tmp_path: Path, pipeline: Pipeline
) -> None:
    folder = write_documents(tmp_path / "docs", 40)
    if db_url.startswith("postgresql"):
        reference_urls = _fresh_postgres()
        reference_url = next(reference_urls)
    else:
        reference_urls = None
        reference_url = str(tmp_path / "reference.db")
    try:
        reference = open_store(reference_url)
        try:
            ingest(reference, read_documents([str(folder)]), pipeline, batch_size=2)
        finally:
            reference.close()

        # Create the schema first: two processes migrating one fresh database at once race.
        open_store(db_url).close()
        process = subprocess.Popen(
            [sys.executable, "-m", "saidwhat", "ingest", str(folder), "--db", db_url, "--batch-size", "2",
             "--no-progress", *BASELINE],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        store = open_store(db_url)
        try:
            # Kill it as soon as some batches are committed, without letting it finish.
            deadline = time.monotonic() + 300
            partial = 0
            while time.monotonic() < deadline and process.poll() is None:
                with store.engine.connect() as connection:
                    partial = int(connection.scalar(select(func.count()).select_from(models.Article)))
                if partial >= 4:
                    break
                time.sleep(0.05)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            killed_at = counts(store)["articles"]
            assert 0 < killed_at < 40, "the ingest was not interrupted halfway"
            # It was loading an empty store, so it died with its search indexes deferred.
            assert search_indexes(store) == set()

            resumed = run_cli("ingest", str(folder), "--db", db_url, "--batch-size", "2", *QUIET)
            assert resumed.returncode == 0, resumed.stderr
            assert f"{killed_at} documents were already stored" in resumed.stderr
            reference = open_store(reference_url)
            try:
                assert counts(store) == counts(reference)
                assert dump(store) == dump(reference)
                assert search_indexes(store) == search_indexes(reference) == DEFERRED
            finally:
                reference.close()
        finally:
            store.close()
    finally:
        if reference_urls is not None:
            reference_urls.close()


# --- locations and the benchmark ----------------------------------------------------------


def test_default_location_and_urls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SAIDWHAT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_location() == str(tmp_path / "data" / "saidwhat" / "saidwhat.db")
    monkeypatch.setenv("SAIDWHAT_DB", str(tmp_path / "team.db"))
    assert resolve_db_url(None) == f"sqlite:///{tmp_path / 'team.db'}"
    assert resolve_db_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    opened = open_store(None)
    opened.close()
    assert (tmp_path / "team.db").exists()


def test_bench_store_builds_and_times_a_small_store() -> None:
    result = invoke("bench", "store", "--quotations", "300", "--queries", "3", "--batch", "100", "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["quotations"] == 300 and figures["backend"] == "sqlite"
    assert figures["quotations_per_second"] > 0
    assert set(figures["latency_ms"]) == {"words", "speaker", "date range"}
