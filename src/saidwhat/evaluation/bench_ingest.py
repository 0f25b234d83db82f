"""The ingestion benchmark: a synthetic crawl archive, read back through saidwhat's readers.

The archive is written by :func:`build_warc` as a crawler writes one: per page a request
record, an HTML response (three page layouts with navigation, inline scripts and styles,
German text with quotations, bylines and credits) and an image response; a share of pages
repeats an earlier article under another URL, so deduplication has work. Nothing is taken
from real pages: the words come from the list below.

:func:`measure` runs in a fresh process, so the peak RSS it reports is that of reading the
archive (and recovering each article) and nothing else.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from saidwhat.errors import UserInputError

# fmt: off
WORDS = (
    "der", "die", "das", "und", "nicht", "auch", "noch", "schon", "nach", "über", "unter", "gegen",
    "zwischen", "wegen", "seit", "bis", "heute", "morgen", "Stadt", "Rat", "Hafen", "Fähre", "Insel",
    "Schule", "Brücke", "Bahn", "Straße", "Haushalt", "Kosten", "Plan", "Gutachten", "Verwaltung",
    "Bürger", "Mehrheit", "Antrag", "Sitzung", "Woche", "Jahr", "Monat", "Sommer", "Winter",
    "Regierung", "Land", "Kreis", "Gemeinde", "Verein", "beraten", "beschlossen", "gefordert",
    "abgelehnt", "verschoben", "geplant", "gebaut", "gesperrt", "eröffnet", "erklärt", "neue", "alte",
    "große", "kleine", "schnelle", "teure", "wichtige", "offene", "letzte", "erste", "zweite", "lange",
)
# fmt: on
NAMES = (
    "Frauke Lind",
    "Jonas Brandt",
    "Imke Janssen",
    "Ole Petersen",
    "Greta Hansen",
    "Maren Ott",
    "Liam Doyle",
)
ROLES = ("Bürgermeisterin", "Fraktionschef", "Sprecherin", "Landrat", "Schulleiterin", "Stadtbaurat")
CUES = ("sagte", "erklärte", "betonte", "kritisierte", "sagte am Dienstag")
CREDITS = ("Quelle: Nordstadt Kurier", "Mit Material von dpa", "Quelle: Harbour Times", "(dpa)")
OUTLETS = ("Nordstadt Kurier", "Küstenbote", "Harbour Times")
STYLE = "<style>" + "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px}}" for i in range(600)) + "</style>"
SCRIPT = "<script>" + "".join(f"window.t{i}=function(a){{return a*{i}+1}};" for i in range(900)) + "</script>"
NAV = (
    "<nav><ul>" + "".join(f'<li><a href="/rubrik/{i}">Rubrik {i}</a></li>' for i in range(80)) + "</ul></nav>"
)
FOOTER = "<footer>" + "".join(f'<a href="/seite/{i}">Seite {i}</a> ' for i in range(60)) + "</footer>"


@dataclass
class BuildResult:
    path: str
    bytes: int
    pages: int
    duplicates: int
    records: int
    seconds: float


@dataclass
class MeasureResult:
    records: int
    documents: int
    duplicates: int
    problems: int
    seconds: float
    documents_per_second: float
    megabytes_per_second: float
    peak_rss_mb: float
    stage: str


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, k=words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    paragraphs = []
    for _ in range(count):
        if rng.random() < 0.4:
            quote = _sentence(rng, rng.randint(6, 14))[:-1]
            paragraphs.append(
                f'"{quote}", {rng.choice(CUES)} {rng.choice(ROLES)} {rng.choice(NAMES)}. {_sentence(rng, 12)}'
            )
        else:
            paragraphs.append(" ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 4))))
    return paragraphs


def synthetic_page(rng: random.Random, number: int) -> str:
    """One page in one of three layouts; about 60 kB, most of it boilerplate as on real sites."""
    headline = _sentence(rng, rng.randint(4, 8))[:-1]
    outlet = OUTLETS[number % len(OUTLETS)]
    author = rng.choice(NAMES)
    day, hour = rng.randint(1, 28), rng.randint(6, 22)
    paragraphs = _paragraphs(rng, rng.randint(6, 14))
    section = f"<h2>{_sentence(rng, 3)[:-1]}</h2>"
    body = "".join(f"<p>{p}</p>" + (section if i == 2 else "") for i, p in enumerate(paragraphs))
    body += f"<p>{rng.choice(CREDITS)}</p>"
    layout = number % 3
    if layout == 0:
        head = (
            f'<meta property="og:site_name" content="{outlet}">'
            f'<meta property="article:published_time" content="2024-05-{day:02d}T{hour:02d}:15:00+02:00">'
            f'<meta name="author" content="{author}">'
        )
        main = f'<article><h1>{headline}</h1><div class="byline">Von {author}</div>{body}</article>'
    elif layout == 1:
        head = (
            '<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "headline": headline, "author": {"name": author},
                          "datePublished": f"2024-06-{day:02d}T{hour:02d}:00:00Z",
                          "publisher": {"name": outlet}})
            + "</script>"
        )  # fmt: skip
        main = f'<div class="content"><h1>{headline}</h1>{body}</div>'
    else:
        head = ""
        main = (
            f'<table><tr><td class="nav">{NAV}</td><td class="story"><h1>{headline}</h1>'
            f'<span class="meta">Von {author} | {day:02d}.07.2024, {hour:02d}:30 Uhr</span>'
            f"{body}</td></tr></table>"
        )
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{headline} | {outlet}</title>'
        f"{head}{STYLE}{SCRIPT}</head><body>{NAV}<main>{main}</main>"
        f'<aside class="teaser">{"".join(f"<p>{_sentence(rng, 6)}</p>" for _ in range(5))}</aside>'
        f"{FOOTER}{SCRIPT}</body></html>"
    )


def build_warc(
    path: Path,
    size_bytes: int,
    seed: int = 7,
    duplicate_share: float = 0.05,
    image_bytes: int = 30_000,
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    """Write an uncompressed WARC of at least ``size_bytes``; memory stays one page deep."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    start = time.perf_counter()
    pages = duplicates = records = 0
    recent: list[str] = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "saidwhat bench ingest"}))
        while stream.tell() < size_bytes:
            if recent and rng.random() < duplicate_share:
                html, duplicates = rng.choice(recent), duplicates + 1
            else:
                html = synthetic_page(rng, pages)
                recent = [*recent[-20:], html]
            url = f"https://www.nordstadt-kurier.example/artikel/{pages}"
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.nordstadt-kurier.example")],
                                       is_http_request=True)  # fmt: skip
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(html.encode("utf-8"))
            writer.write_record(
                writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
            )
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
            blob = io.BytesIO(rng.randbytes(image_bytes))
            writer.write_record(
                writer.create_warc_record(url + ".jpg", "response", payload=blob, http_headers=image)
            )
            pages, records = pages + 1, records + 3
            if progress is not None:
                progress(stream.tell())
        size = stream.tell()
    return BuildResult(str(path), size, pages, duplicates, records + 1, time.perf_counter() - start)


def _measure_child(path: str, stage: str, limit: int | None, connection: object) -> None:
    from saidwhat.article import recover_article
    from saidwhat.ingest import IngestOptions, IngestStats, read_documents

    stats = IngestStats()
    documents = read_documents([path], options=IngestOptions(strict=False), stats=stats)
    start = time.perf_counter()
    count = 0
    last_report = start
    if stage == "extract":
        from saidwhat.pipeline import Pipeline

        for _ in Pipeline(language="auto", batch_size=32).process(documents):
            count += 1
            if limit and count >= limit:
                break
    else:
        for document in documents:
            recover_article(document)
            count += 1
            if limit and count >= limit:
                break
            now = time.perf_counter()
            if now - last_report > 10:
                print(
                    f"  {count} articles, {stats.bytes_done + stats.position()} bytes read", file=sys.stderr
                )
                last_report = now
    seconds = time.perf_counter() - start
    read_bytes = stats.bytes_done + stats.position()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    result = MeasureResult(
        records=stats.records,
        documents=count,
        duplicates=stats.duplicates,
        problems=stats.problems,
        seconds=round(seconds, 2),
        documents_per_second=round(count / seconds, 1) if seconds else 0.0,
        megabytes_per_second=round(read_bytes / seconds / 1e6, 2) if seconds else 0.0,
        peak_rss_mb=round(peak_kb / 1024, 1),
        stage=stage,
    )
    connection.send(asdict(result))  # type: ignore[attr-defined]


def measure(path: Path, stage: str = "ingest", limit: int | None = None) -> MeasureResult:
    """Read ``path`` in a fresh process (so its peak RSS is the reading alone) and time it.

    ``ingest`` reads and recovers every article; ``extract`` runs the whole Pipeline as
    ``saidwhat extract`` does. ``limit`` stops after that many articles.
    """
    if stage not in ("ingest", "extract"):
        raise UserInputError("--stage", f"expected ingest or extract, got {stage!r}")
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_measure_child, args=(str(path), stage, limit, sender))
    process.start()
    sender.close()
    try:
        data = receiver.recv()
    except EOFError:
        process.join()
        raise UserInputError(
            str(path), f"benchmark process failed (exit status {process.exitcode})"
        ) from None
    process.join()
    return MeasureResult(**data)
