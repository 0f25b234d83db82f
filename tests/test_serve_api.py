"""The REST API over a real SQLite store holding the bundled samples (extracted by the real
Pipeline): search filters, pagination, problem+json errors, auth and limits on writes."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from saidwhat.serve import Settings, create_app
from saidwhat.serve.demo import load_samples

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-0123456789"
POSTGRES_ENV = "SAIDWHAT_TEST_POSTGRES_URL"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "serve"


def fresh_postgres() -> Iterator[str]:
    """A new database on the server named by $SAIDWHAT_TEST_POSTGRES_URL, dropped afterwards."""
    admin_url = os.environ.get(POSTGRES_ENV, "")
    if not admin_url:
        message = f"{POSTGRES_ENV} is not set (source .ci/setup.d/20-postgresql.sh)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    admin = create_engine(make_url(admin_url), isolation_level="AUTOCOMMIT")
    name = f"saidwhat_serve_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The samples, extracted by the real Pipeline, in SQLite or in PostgreSQL."""
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("serve-api") / "demo.db")
        assert load_samples(db) > 5
        yield db
        return
    for db in fresh_postgres():
        assert load_samples(db) > 5
        yield db


@pytest.fixture(scope="module")
def app(demo_db: str) -> FastAPI:
    return create_app(Settings(db=demo_db, token=TOKEN, max_page_size=50, max_body_bytes=64 * 1024))


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def all_quotations(client: TestClient) -> list[dict]:
    response = client.get("/api/quotations", params={"page_size": 50})
    assert response.status_code == 200
    assert response.json()["has_more"] is False
    return response.json()["items"]


def assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["instance"]
    assert "Traceback" not in response.text
    return body


def test_search_pages_are_bounded_and_disjoint(client: TestClient) -> None:
    everything = all_quotations(client)
    assert len(everything) >= 6
    first = client.get("/api/quotations", params={"page_size": 4, "page": 1}).json()
    second = client.get("/api/quotations", params={"page_size": 4, "page": 2}).json()
    assert len(first["items"]) == 4 and first["has_more"] is True
    ids = [q["id"] for q in first["items"]] + [q["id"] for q in second["items"]]
    assert len(set(ids)) == len(ids)
    assert ids == [q["id"] for q in everything][: len(ids)]
    too_big = assert_problem(client.get("/api/quotations", params={"page_size": 51}), 422)
    assert too_big["errors"][0]["loc"] == ["query", "page_size"]


def test_search_filters(client: TestClient) -> None:
    everything = all_quotations(client)
    resolved = [
        q for q in everything if q["speaker"]["person"] and q["speaker"]["person"]["kind"] == "person"
    ]
    person = resolved[0]["speaker"]["person"]
    by_speaker = client.get("/api/quotations", params={"speaker": person["id"], "page_size": 50}).json()[
        "items"
    ]
    assert by_speaker and all(q["speaker"]["person"]["id"] == person["id"] for q in by_speaker)
    assert len(by_speaker) < len(everything)

    target = max(everything, key=lambda q: len(q["quote"]["text"]))
    word = max(target["quote"]["text"].split(), key=len).strip('".,;:!?«»„“')
    by_words = client.get("/api/quotations", params={"q": word, "page_size": 50}).json()["items"]
    assert target["id"] in {q["id"] for q in by_words}
    assert len(by_words) < len(everything)

    kinds = {q["type"] for q in everything}
    kind = sorted(kinds)[0]
    by_type = client.get("/api/quotations", params={"type": kind, "page_size": 50}).json()["items"]
    assert by_type and {q["type"] for q in by_type} == {kind}

    dated = [q for q in everything if q["published"]]
    day = dated[0]["published"][:10]
    same_day = client.get("/api/quotations", params={"since": day, "until": day, "page_size": 50}).json()[
        "items"
    ]
    assert same_day and all(q["published"][:10] == day for q in same_day)

    nobody = client.get("/api/quotations", params={"speaker": "nobody-like-this"}).json()
    assert nobody["items"] == [] and nobody["has_more"] is False
    assert_problem(client.get("/api/quotations", params={"since": "yesterday"}), 422)
    assert_problem(client.get("/api/quotations", params={"type": "Shouted"}), 422)


def test_search_by_confidence_floor_in_the_api_and_the_page(client: TestClient) -> None:
    everything = all_quotations(client)
    floor = sorted(q["confidence"] for q in everything)[len(everything) // 2]
    confident = client.get("/api/quotations", params={"min_confidence": floor, "page_size": 50}).json()[
        "items"
    ]
    assert {q["id"] for q in confident} == {q["id"] for q in everything if q["confidence"] >= floor}
    assert 0 < len(confident) < len(everything)
    assert_problem(client.get("/api/quotations", params={"min_confidence": 1.5}), 422)

    kept = [q for q in everything if q["confidence"] >= 0.95]
    page = client.get("/", params={"confidence": "0.95"}, headers={"accept": "text/html"}).text
    assert page.count('class="card"') == min(len(kept), 20)
    assert '<option value="0.95" selected>' in page
    odd = client.get("/", params={"confidence": "0.7"}, headers={"accept": "text/html"}).text
    assert "confidence: not one of" in odd


def test_quotation_article_and_spans(client: TestClient) -> None:
    quotation = all_quotations(client)[0]
    one = client.get(f"/api/quotations/{quotation['id']}").json()
    assert one == quotation
    article = client.get(f"/api/articles/{quotation['article_id']}").json()
    assert quotation["id"] in {q["id"] for q in article["quotations"]}
    for item in article["quotations"]:
        for start, end in item["quote"]["spans"]:
            assert 0 <= start < end <= len(article["body"])
            assert article["body"][start:end] in item["quote"]["text"]
    listed = client.get("/api/articles").json()["items"]
    assert quotation["article_id"] in {a["id"] for a in listed}
    assert_problem(client.get("/api/quotations/no-such-quote"), 404)
    assert_problem(client.get("/api/articles/0000000000000000"), 404)


def test_people_timeline_and_outlets(client: TestClient) -> None:
    people = client.get("/api/people").json()["items"]
    top = people[0]
    assert top["quotations"] >= max(p["quotations"] for p in people)
    timeline = client.get(f"/api/people/{top['id']}/timeline").json()
    assert timeline["person"]["id"] == top["id"]
    assert sum(m["count"] for m in timeline["months"]) == top["quotations"]
    assert len(timeline["quotations"]["items"]) == min(top["quotations"], 20)
    found = client.get("/api/people", params={"name": top["name"][:4]}).json()["items"]
    assert top["id"] in {p["id"] for p in found}
    assert_problem(client.get("/api/people/nobody-like-this/timeline"), 404)
    outlets = client.get("/api/outlets").json()
    assert sum(o["quotations"] for o in outlets) == len(all_quotations(client))


def test_trace_includes_the_quotation(client: TestClient) -> None:
    quotation = all_quotations(client)[0]
    trace = client.get(f"/api/quotations/{quotation['id']}/trace").json()
    assert quotation["id"] in {e["quotation"]["id"] for e in trace["entries"]}
    assert trace["entries"][0]["step"] == "origin"
    assert_problem(client.get("/api/quotations/no-such-quote/trace"), 404)


def test_writes_need_the_token(client: TestClient, demo_db: str) -> None:
    body = {"text": 'Testartikel\n\n"Das ist ein Test", sagte Paula Prüfer am Montag.'}
    missing = assert_problem(client.post("/api/documents", json=body), 401)
    assert "Bearer" in missing["detail"]
    assert client.post("/api/documents", json=body).headers["www-authenticate"].startswith("Bearer")
    assert_problem(
        client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong-token"}), 401
    )
    read_only = TestClient(create_app(Settings(db=demo_db)), raise_server_exceptions=False)
    assert_problem(
        read_only.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}), 403
    )


def test_ingest_text_is_idempotent(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {
        "text": 'Brückenstreit\n\n"Die Brücke bleibt offen", sagte Ortsvorsteherin Greta Hain.',
        "outlet": "Testblatt",
    }
    first = client.post("/api/documents", json=body, headers=auth)
    assert first.status_code == 201, first.text
    created = first.json()
    assert created["created"] is True and created["quotations"]
    again = client.post("/api/documents", json=body, headers=auth).json()
    assert again == {**created, "created": False}
    stored = client.get(f"/api/quotations/{created['quotations'][0]}").json()
    assert stored["outlet"] == "Testblatt"
    assert "Brücke" in client.get(f"/api/articles/{created['article_id']}").json()["body"]


def test_ingest_html(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    page = (
        "<html><head><title>Deichbau beginnt</title></head><body><article><h1>Deichbau beginnt</h1>"
        "<p>Der Deich an der Kaimauer wird ab Mai erhöht, teilte das Amt mit.</p>"
        '<p>"Wir beginnen im Mai mit den Arbeiten am Deich", sagte Bauleiterin Frieda Sand.</p>'
        "<p>Die Anwohner seien informiert worden, sagte Sand.</p></article></body></html>"
    )
    response = client.post("/api/documents", json={"html": page, "source": "deich.html"}, headers=auth)
    assert response.status_code == 201, response.text
    article = client.get(f"/api/articles/{response.json()['article_id']}").json()
    assert "Deich" in article["body"] and "<p>" not in article["body"]


def test_bad_documents_are_problems(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_problem(client.post("/api/documents", json={}, headers=auth), 422)
    assert_problem(client.post("/api/documents", json={"text": "a", "html": "<p>b</p>"}, headers=auth), 422)
    assert_problem(client.post("/api/documents", json={"text": "   "}, headers=auth), 422)
    assert_problem(client.post("/api/documents", json={"text": "x", "extra": 1}, headers=auth), 422)
    assert_problem(client.post("/api/documents", content=b"{not json", headers=auth), 422)
    refused = assert_problem(
        client.post("/api/documents", json={"url": "http://127.0.0.1:9/x"}, headers=auth), 403
    )
    assert "fetch" in refused["detail"]
    huge = {"text": "Wort " * 20_000}
    assert_problem(client.post("/api/documents", json=huge, headers=auth), 413)


def test_closed_reads(demo_db: str) -> None:
    closed = TestClient(create_app(Settings(db=demo_db, token=TOKEN, open_reads=False)))
    assert_problem(closed.get("/api/quotations"), 401)
    assert closed.get("/", headers={"accept": "text/html"}).status_code == 401
    assert closed.get("/api/quotations", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_unexpected_errors_are_problems_without_details(demo_db: str) -> None:
    app = create_app(Settings(db=demo_db))

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    response = TestClient(app, raise_server_exceptions=False).get("/api/boom")
    body = assert_problem(response, 500)
    assert "secret internals" not in response.text and body["detail"]


def test_openapi_and_headers(client: TestClient) -> None:
    response = client.get("/api/openapi.json")
    document = response.json()
    assert {"/api/quotations", "/api/documents", "/api/people/{person_id}/timeline"} <= set(document["paths"])
    assert document["paths"]["/api/quotations"]["get"]["parameters"]
    page_size = next(
        p for p in document["paths"]["/api/quotations"]["get"]["parameters"] if p["name"] == "page_size"
    )
    assert page_size["schema"]["maximum"] == 50
    assert "Problem" in document["components"]["schemas"]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_settings_from_env() -> None:
    settings = Settings.from_env(
        {"SAIDWHAT_TOKEN": "env-token-123", "SAIDWHAT_READS": "token", "SAIDWHAT_MAX_PAGE_SIZE": "7"},
        db="x.db",
    )
    assert (settings.token, settings.open_reads, settings.max_page_size, settings.db) == (
        "env-token-123",
        False,
        7,
        "x.db",
    )
    assert settings.default_page_size == 7
    assert (
        Settings.from_env({"SAIDWHAT_TOKEN": "env-token-123"}, token="cli-token-456").token == "cli-token-456"
    )
    from saidwhat.errors import UserInputError

    with pytest.raises(UserInputError):
        Settings.from_env({"SAIDWHAT_READS": "maybe"})
    with pytest.raises(UserInputError):
        Settings(open_reads=False)
