"""``python -m saidwhat.scale`` and the driver script for ``spark-submit`` (see docs/spark.md)."""

from __future__ import annotations

import sys

from saidwhat.scale.job import main

if __name__ == "__main__":
    sys.exit(main())
