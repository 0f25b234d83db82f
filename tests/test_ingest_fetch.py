"""Polite fetching, against servers this test starts on 127.0.0.1 (nothing else is contacted)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from saidwhat.article import recover_article
from saidwhat.ingest import IngestOptions, Problem, read_documents
from saidwhat.ingest.fetch import USER_AGENT, Fetcher, FetchError, FetchPolicy

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "layout-a.html").read_bytes()


class Site:
    """A small news site: robots.txt, an article, a feed, a redirect, slow and missing pages."""

    def __init__(self, robots_status: int = 200) -> None:
        self.requests: list[tuple[str, str]] = []
        self.robots_status = robots_status
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                status, body, content_type = site.route(self.path)
                if status == -1:
                    time.sleep(1.5)
                    status = 200
                self.send_response(status)
                if status in (301, 302):
                    self.send_header("Location", body.decode())
                    body = b""
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def route(self, path: str) -> tuple[int, bytes, str]:
        if path == "/robots.txt":
            return self.robots_status, b"User-agent: *\nDisallow: /private\n", "text/plain"
        if path == "/article":
            return 200, PAGE, "text/html; charset=utf-8"
        if path == "/moved":
            return 301, b"/article", "text/html"
        if path == "/slow":
            return -1, PAGE, "text/html"
        if path == "/big":
            return 200, b"<html>" + b"x" * 200_000, "text/html"
        if path == "/feed.xml":
            feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Nordstadt Kurier</title>
<item><title>Stadtrat</title><link>{self.base}/article</link><description>Kurz.</description></item>
<item><title>Intern</title><link>{self.base}/private/notes</link>
<description>Nur die Kurzfassung.</description></item>
</channel></rss>"""
            return 200, feed.encode(), "application/rss+xml"
        return 404, b"not found", "text/plain"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


class FakeTime:
    """A clock that moves only when the fetcher sleeps, so waits are exact and instant."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_fetch_sends_user_agent_and_obeys_robots(site: Site) -> None:
    fetcher = Fetcher(FetchPolicy(min_interval=0))
    result = fetcher.fetch(site.base + "/article")
    assert result.status == 200 and result.body == PAGE
    assert site.requests[0] == ("/robots.txt", USER_AGENT)
    assert all(agent == USER_AGENT for _, agent in site.requests)
    with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
        fetcher.fetch(site.base + "/private/notes")
    assert "/private/notes" not in site.paths()
    assert site.paths().count("/robots.txt") == 1  # cached per host


def test_redirects_missing_pages_size_and_timeouts(site: Site) -> None:
    fetcher = Fetcher(FetchPolicy(min_interval=0, timeout=0.3, max_bytes=100_000))
    assert fetcher.fetch(site.base + "/moved").url == site.base + "/article"
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(site.base + "/nothing")
    with pytest.raises(FetchError, match="larger than 100000 bytes"):
        fetcher.fetch(site.base + "/big")
    with pytest.raises(FetchError, match="cannot fetch"):
        fetcher.fetch(site.base + "/slow")
    with pytest.raises(FetchError, match="not an http"):
        fetcher.fetch("file:///etc/passwd")


def test_rate_limit_per_host(site: Site) -> None:
    other = Site()
    other.thread.start()
    try:
        fake = FakeTime()
        fetcher = Fetcher(FetchPolicy(min_interval=5.0), clock=fake.clock, sleep=fake.sleep)
        fetcher.fetch(site.base + "/article")  # robots.txt, then the page 5 s later
        assert fake.sleeps == [5.0]
        fetcher.fetch(other.base + "/article")  # another host: its own robots.txt at once
        assert fake.sleeps == [5.0, 5.0]
        fetcher.fetch(site.base + "/article")  # 5 s have passed for the first host meanwhile
        assert fake.sleeps == [5.0, 5.0]
        fetcher.fetch(site.base + "/article")
        assert fake.sleeps == [5.0, 5.0, 5.0]
    finally:
        other.server.shutdown()
        other.server.server_close()


def test_unreachable_robots_allows_nothing() -> None:
    broken = Site(robots_status=503)
    broken.thread.start()
    try:
        with pytest.raises(FetchError, match="disallowed"):
            Fetcher(FetchPolicy(min_interval=0)).fetch(broken.base + "/article")
        assert broken.paths() == ["/robots.txt"]
    finally:
        broken.server.shutdown()
        broken.server.server_close()


def test_feed_items_fetch_their_pages(site: Site) -> None:
    problems: list[Problem] = []
    options = IngestOptions(strict=False, fetcher=Fetcher(FetchPolicy(min_interval=0)))
    documents = list(read_documents([site.base + "/feed.xml"], options=options, on_problem=problems.append))
    first, second = (recover_article(d) for d in documents)
    assert first.headline == "Stadtrat streitet über neue Fähre"  # the fetched page
    assert first.sections == ["Was geplant ist", "Wie es weitergeht"]
    assert second.body == "Intern\n\nNur die Kurzfassung.\n"  # robots.txt said no: item content
    assert [p.offset for p in problems] == [2] and "robots.txt" in problems[0].message


def test_cli_fetch(site: Site) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "saidwhat",
            "extract",
            site.base + "/article",
            "--fetch",
            "--fetch-interval",
            "0",
            "--extractor",
            "baseline",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert line["source"] == site.base + "/article"
    assert line["article"]["outlet"] == "Nordstadt Kurier"
    refused = subprocess.run(
        [sys.executable, "-m", "saidwhat", "extract", site.base + "/article"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 2 and "needs --fetch" in refused.stderr
