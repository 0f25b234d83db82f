"""Articles per second of the Spark job on local[1] and local[2], and of one process beside it.

All three runs process the same generated JSONL file (:mod:`saidwhat.scale.synthetic`). The
Spark figures time :func:`saidwhat.scale.job.run_job` (reading, dedup shuffle, extraction
with one model load per worker, the three Parquet writes), not the JVM's start, which is
reported apart; the single-process figure times ``Pipeline.process`` over the same file,
its model load included, as the Spark workers' is.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from saidwhat.ingest import read_documents
from saidwhat.pipeline import Pipeline
from saidwhat.scale.synthetic import write_jsonl


@dataclass
class RunFigure:
    name: str
    articles: int
    quotations: int
    seconds: float
    startup_seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


@dataclass
class SparkBench:
    documents: int
    runs: list[RunFigure] = field(default_factory=list)

    def figure(self, name: str) -> RunFigure | None:
        return next((run for run in self.runs if run.name == name), None)

    @property
    def scaling(self) -> float | None:
        one, two = self.figure("local[1]"), self.figure("local[2]")
        if one is None or two is None or not one.articles_per_second:
            return None
        return two.articles_per_second / one.articles_per_second

    def as_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "runs": [
                asdict(run) | {"articles_per_second": round(run.articles_per_second, 2)} for run in self.runs
            ],
            "scaling_local2_over_local1": round(self.scaling, 3) if self.scaling else None,
        }


def single_process(path: Path, extractor: str | None = None) -> RunFigure:
    started = time.perf_counter()
    pipeline = Pipeline(extractor=extractor)
    articles = quotations = 0
    for extraction in pipeline.process(read_documents([str(path)])):
        articles += 1
        quotations += len(extraction.quotations)
    return RunFigure("single process", articles, quotations, time.perf_counter() - started)


def spark_run(path: Path, master: str, output: Path, extractor: str | None = None) -> RunFigure:
    from saidwhat.scale.job import JobOptions, run_job
    from saidwhat.scale.session import build_session

    started = time.perf_counter()
    spark = build_session(master)
    startup = time.perf_counter() - started
    try:
        result = run_job(
            spark,
            JobOptions(
                inputs=[str(path)], output=str(output), extractor=extractor, group=False, overwrite=True
            ),
        )
    finally:
        spark.stop()
    return RunFigure(master, result.articles, result.quotations, result.seconds, startup, result.phases)


def run_bench(
    documents: int,
    masters: list[str],
    extractor: str | None = None,
    report: Callable[[str], None] | None = None,
) -> SparkBench:
    say = report or (lambda _message: None)
    bench = SparkBench(documents)
    with tempfile.TemporaryDirectory(prefix="saidwhat-bench-spark-") as folder:
        path = write_jsonl(Path(folder) / "articles.jsonl", documents, seed=11)
        say("single process")
        bench.runs.append(single_process(path, extractor))
        for index, master in enumerate(masters):
            say(master)
            bench.runs.append(spark_run(path, master, Path(folder) / f"out-{index}", extractor))
    return bench
