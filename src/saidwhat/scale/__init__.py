"""The Spark job: the same Pipeline over partitions of a cluster, Parquet in and out.

:func:`saidwhat.scale.job.run_job` does the work for ``saidwhat spark``;
:func:`saidwhat.scale.job.main` is the entry point for ``spark-submit``. PySpark is imported
only inside functions, so the rest of saidwhat works without the ``spark`` extra.
"""
