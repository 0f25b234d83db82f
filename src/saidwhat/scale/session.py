"""A SparkSession sized for the job: small by default, because local runs share a laptop.

On a cluster (``spark-submit``) the master and resources come from the submit command; the
settings here only fill in what it left unset.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from saidwhat.errors import UserInputError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise UserInputError("pyspark", "not installed (pip install 'saidwhat[spark]')") from None


def build_session(
    master: str | None = None,
    app_name: str = "saidwhat",
    driver_memory: str = "1g",
    shuffle_partitions: int = 4,
) -> SparkSession:
    """The active session, or a new one; ``master=None`` leaves the master to spark-submit."""
    require_pyspark()
    from pyspark.sql import SparkSession

    if master and master.startswith("local"):
        # Local workers must run this interpreter, the one that has saidwhat installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        # Local mode talks to itself only: bind to loopback, not to the first network interface.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = {
        # Naive timestamps stay as written (TIMESTAMP_NTZ); UTC keeps any zoned ones stable.
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": str(shuffle_partitions),
        # Workers are reused across tasks, so a worker loads the models once, not per task.
        "spark.python.worker.reuse": "true",
        "spark.ui.showConsoleProgress": "false",
        # ``date=2025-03-01`` folders read back as the string written, not as a DATE.
        "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    }
    if master and master.startswith("local"):
        settings |= {"spark.driver.memory": driver_memory, "spark.ui.enabled": "false"}
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
