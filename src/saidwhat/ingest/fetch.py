"""Polite fetching over HTTP, only when asked for (``--fetch``).

Polite means: a User-Agent that names saidwhat, robots.txt obeyed (RFC 9309: a missing
robots.txt allows everything, an unreachable one allows nothing), at most one request per
host every ``min_interval`` seconds (longer where robots.txt sets a Crawl-delay), timeouts
on every request, a cap on response size, and redirects followed by hand so that each hop is
checked against its own host's rules and rate.
"""

from __future__ import annotations

import http.client
import io
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from saidwhat import __version__
from saidwhat.ingest.source import Source

if TYPE_CHECKING:
    from saidwhat.ingest.context import ReadContext

USER_AGENT = f"saidwhat/{__version__} (quotation research; +https://github.com/saidwhat/saidwhat)"
_MAX_REDIRECTS = 5


class FetchError(Exception):
    """A page that could not or must not be fetched; the message says why."""


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = USER_AGENT
    timeout: float = 15.0
    min_interval: float = 1.0
    max_bytes: int = 16 * 1024 * 1024
    respect_robots: bool = True


@dataclass
class FetchResult:
    url: str
    status: int
    content_type: str
    body: bytes
    fetched_at: datetime


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Fetcher:
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    # Time is injected so that the rate limit can be checked without waiting in tests.
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last_request: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirect())

    def fetch(self, url: str) -> FetchResult:
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise FetchError(f"not an http(s) URL: {current}")
            if not self.allowed(current):
                raise FetchError(f"disallowed by robots.txt: {current}")
            status, headers, body = self._request(current)
            if status in (301, 302, 303, 307, 308) and headers.get("Location"):
                current = urljoin(current, headers["Location"])
                continue
            if not 200 <= status < 300:
                raise FetchError(f"HTTP {status} for {current}")
            return FetchResult(
                url=current,
                status=status,
                content_type=headers.get("Content-Type", ""),
                body=body,
                fetched_at=datetime.now(UTC),
            )
        raise FetchError(f"more than {_MAX_REDIRECTS} redirects from {url}")

    def allowed(self, url: str) -> bool:
        if not self.policy.respect_robots:
            return True
        parser = self._robots_for(url)
        return parser is not None and parser.can_fetch(self.policy.user_agent, url)

    def _robots_for(self, url: str) -> RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: RobotFileParser | None = RobotFileParser(origin + "/robots.txt")
            try:
                status, _, body = self._request(origin + "/robots.txt")
            except FetchError:
                status, body = 503, b""
            assert parser is not None
            if 200 <= status < 300:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            elif 400 <= status < 500:
                parser.parse([])  # no robots.txt: everything allowed
            else:
                parser = None  # unreachable: nothing allowed until it answers
            self._robots[origin] = parser
        return self._robots[origin]

    def _interval(self, host: str) -> float:
        parser = self._robots.get(f"http://{host}") or self._robots.get(f"https://{host}")
        delay = parser.crawl_delay(self.policy.user_agent) if parser is not None else None
        return max(self.policy.min_interval, float(delay or 0))

    def _wait_for(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self._interval(host) - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    def _request(self, url: str) -> tuple[int, dict[str, str], bytes]:
        host = urlsplit(url).netloc.lower()
        self._wait_for(host)
        request = urllib.request.Request(url, headers={"User-Agent": self.policy.user_agent, "Accept": "*/*"})
        try:
            response = self._opener.open(request, timeout=self.policy.timeout)
        except urllib.error.HTTPError as error:
            headers = {k: v for k, v in error.headers.items()} if error.headers else {}
            error.close()
            return error.code, headers, b""
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise FetchError(f"cannot fetch {url} ({reason})") from None
        try:
            body = response.read(self.policy.max_bytes + 1)
        except (http.client.HTTPException, OSError) as error:
            raise FetchError(f"cannot fetch {url} ({error})") from None
        finally:
            response.close()
        if len(body) > self.policy.max_bytes:
            raise FetchError(f"{url} is larger than {self.policy.max_bytes} bytes")
        return response.status, dict(response.headers.items()), body

    def fetch_or_report(
        self, url: str, context: ReadContext, name: str, offset: int | None
    ) -> FetchResult | None:
        try:
            return self.fetch(url)
        except FetchError as error:
            context.problem(name, offset, str(error))
            return None

    def source(self, url: str) -> Source:
        """A URL named as an input: fetched once, on first read, then read like a file."""
        cache: list[bytes] = []

        def body() -> bytes:
            if not cache:
                try:
                    cache.append(self.fetch(url).body)
                except FetchError as error:
                    raise OSError(0, str(error)) from None
            return cache[0]

        return Source(name=url, opener=lambda: io.BytesIO(body()), url=url, peeker=lambda: body()[:4096])
