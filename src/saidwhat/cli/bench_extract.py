"""``saidwhat bench extract``: speed and memory of the whole extract, per language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from saidwhat.cli.app import Analysis
from saidwhat.cli.bench import bench_app

DEFAULT_DEV = Path("../shared/data/wikinews-de-quotes/dev")

BENCH_EXTRACT_HELP = """Time the whole extract (recovery, base layer, quotations, speakers).

Reads the article texts of gold data (as `saidwhat eval` does) or of a folder of .txt
files, loads the models on the first one, then reports articles and characters per second
and the peak resident memory of the process. Articles differ in length between corpora:
compare languages by characters per second. Run it on an otherwise idle machine: the
figure is wall-clock.

[bold]Examples[/]

  saidwhat bench extract
  saidwhat bench extract --data ../shared/data/polnear --lang en
  saidwhat bench extract --data ../shared/data/wikinews-de-quotes/dev --repeat 3
  saidwhat bench extract --extractor baseline --json
  saidwhat bench extract --analysis full   [dim]# every base layer, and the full-analysis model[/]
"""


@bench_app.command("extract", help=BENCH_EXTRACT_HELP)
def bench_extract_command(
    data: Annotated[
        Path, typer.Option("--data", help="Gold data (see saidwhat eval) or a folder of .txt files.")
    ] = DEFAULT_DEV,
    split: Annotated[str, typer.Option("--split", help="Split to read from a brat release archive.")] = "dev",
    lang: Annotated[str, typer.Option("--lang", help="Language code.")] = "de",
    extractor: Annotated[str | None, typer.Option("--extractor", help="Extractor to time.")] = None,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Passes over the folder.")] = 1,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes (one per core is usual).")
    ] = 1,
    analysis: Annotated[
        Analysis, typer.Option("--analysis", help="Base-layer analysis (as `extract --analysis`).")
    ] = Analysis.fast,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    from saidwhat.evaluation.bench_extract import bench_documents, bench_extract

    result = bench_extract(
        bench_documents(data, split),
        language=lang,
        extractor=extractor,
        repeat=repeat,
        workers=workers,
        analysis=analysis.value,
    )
    figures = {
        "articles": result.articles,
        "articles_per_second": round(result.articles_per_second, 1),
        "characters_per_second": round(result.characters / result.seconds) if result.seconds else 0,
        "seconds": round(result.seconds, 2),
        "load_seconds": round(result.load_seconds, 2),
        "peak_rss_mb": round(result.peak_rss_mb, 1),
        "quotations": result.quotations,
        "extractor": result.extractor,
        "analysis": analysis.value,
    }
    if as_json:
        typer.echo(json.dumps(figures))
        return
    typer.echo(
        f"{figures['articles']} articles in {figures['seconds']} s: "
        f"{figures['articles_per_second']} articles/s, {figures['characters_per_second']:,} characters/s, "
        f"peak RSS {figures['peak_rss_mb']} MB "
        f"(extractor {figures['extractor']}, {analysis.value} analysis, "
        f"models loaded in {figures['load_seconds']} s)"
    )


BENCH_LANGUAGES_HELP = """Compare the extract's speed across languages, in characters per second.

Loads every language's pipeline in one process, then times one pass over each corpus per
round, the languages taking turns: a host whose speed drifts slows them alike, so the ratio
of the medians holds where two separate runs would not. The first language is the reference.

[bold]Examples[/]

  saidwhat bench languages
  saidwhat bench languages --rounds 5
  saidwhat bench languages --corpus de=german-texts/ --corpus en=english-texts/
"""

DEFAULT_CORPORA = ["de=../shared/data/wikinews-de-quotes/dev", "en=../shared/data/polnear"]


def _corpus(value: str) -> tuple[str, Path]:
    language, sep, path = value.partition("=")
    if not sep or not language or not path:
        raise typer.BadParameter(f"expected LANG=PATH, got {value!r}", param_hint="--corpus")
    return language, Path(path)


@bench_app.command("languages", help=BENCH_LANGUAGES_HELP)
def bench_languages_command(
    corpus: Annotated[
        list[str] | None,
        typer.Option("--corpus", help="LANG=PATH, gold data or a folder of .txt files (repeatable)."),
    ] = None,
    rounds: Annotated[int, typer.Option("--rounds", min=1, help="Passes over every corpus.")] = 3,
    analysis: Annotated[
        Analysis, typer.Option("--analysis", help="Base-layer analysis (as `extract --analysis`).")
    ] = Analysis.fast,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    from saidwhat.evaluation.bench_extract import bench_documents, compare_languages

    chosen = [_corpus(value) for value in (corpus or DEFAULT_CORPORA)]
    results = compare_languages(
        [(language, bench_documents(path)) for language, path in chosen], rounds, analysis.value
    )
    reference = results[0].median
    figures = [
        {
            "language": result.language,
            "characters_per_second": [round(rate) for rate in result.rates],
            "median": round(result.median),
            "of_reference": round(result.median / reference, 3) if reference else 0.0,
        }
        for result in results
    ]
    if as_json:
        typer.echo(json.dumps(figures))
        return
    for figure in figures:
        typer.echo(
            f"{figure['language']}: median {figure['median']:,} characters/s "
            f"({100 * figure['of_reference']:.0f} % of {results[0].language}); rounds: "
            + ", ".join(f"{rate:,}" for rate in figure["characters_per_second"])
        )
