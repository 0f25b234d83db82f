"""A bounded load test of the search API over loopback: requests/s and latency percentiles.

The server runs as a separate process (``python -m saidwhat serve``) so that client and
server do not share one interpreter lock; the client sends a fixed mix of search requests
from a few threads and stops at a request count or a time limit, whichever comes first.
"""

from __future__ import annotations

import math
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx


@dataclass(frozen=True)
class LoadPlan:
    requests: int = 2000
    seconds: float = 30.0
    concurrency: int = 4
    seed: int = 11


@dataclass
class KindResult:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


@dataclass
class LoadResult:
    elapsed: float
    kinds: dict[str, KindResult]

    @property
    def requests(self) -> int:
        return sum(len(k.latencies) + k.errors for k in self.kinds.values())

    @property
    def errors(self) -> int:
        return sum(k.errors for k in self.kinds.values())

    def all_latencies(self) -> list[float]:
        return [t for k in self.kinds.values() for t in k.latencies]

    @property
    def rate(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    # The epsilon keeps 0.95 * 100 (95.00000000000001 in floating point) at rank 95.
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered) - 1e-9)))
    return ordered[rank - 1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server_process(arguments: list[str], port: int, startup_seconds: float = 120.0) -> Iterator[str]:
    """``saidwhat serve ARGUMENTS`` on 127.0.0.1 in a child process; yields its base URL."""
    environment = {**os.environ, "SAIDWHAT_TOKEN": ""}
    command = [
        sys.executable,
        "-m",
        "saidwhat",
        "serve",
        *arguments,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                message = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise RuntimeError(
                    f"server exited with status {process.returncode}: {message.strip()[-500:]}"
                )
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not answer within {startup_seconds:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def search_mix(
    words: list[str], speakers: list[str], outlets: list[str], seed: int
) -> Iterator[tuple[str, dict]]:
    """An endless, seeded mix of the three search kinds the store benchmark also measures."""
    rng = random.Random(seed)
    while True:
        kind = rng.choice(("words", "speaker", "dates"))
        if kind == "words":
            yield kind, {"q": " ".join(rng.sample(words, k=min(len(words), rng.randint(1, 2))))}
        elif kind == "speaker":
            yield kind, {"speaker": rng.choice(speakers)}
        else:
            month = rng.randint(1, 12)
            params = {"since": f"2024-{month:02d}-01", "until": f"2024-{month:02d}-28"}
            if outlets and rng.random() < 0.5:
                params["outlet"] = rng.choice(outlets)
            yield kind, params


def run_load(
    base: str, plan: LoadPlan, words: list[str], speakers: list[str], outlets: list[str]
) -> LoadResult:
    mix = search_mix(words, speakers, outlets, plan.seed)
    lock = threading.Lock()
    kinds: dict[str, KindResult] = {"words": KindResult(), "speaker": KindResult(), "dates": KindResult()}
    issued = 0
    deadline = time.monotonic() + plan.seconds

    def next_request() -> tuple[str, dict] | None:
        nonlocal issued
        with lock:
            if issued >= plan.requests or time.monotonic() >= deadline:
                return None
            issued += 1
            return next(mix)

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while (item := next_request()) is not None:
                kind, params = item
                started = time.perf_counter()
                try:
                    ok = client.get("/api/quotations", params=params).status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = time.perf_counter() - started
                with lock:
                    if ok:
                        kinds[kind].latencies.append(took)
                    else:
                        kinds[kind].errors += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(plan.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(elapsed=time.perf_counter() - started, kinds=kinds)


def store_path(folder: Path) -> str:
    return str(folder / "bench-serve.db")
