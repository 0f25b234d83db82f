"""Evaluation: corpus readers, the wikinews-de-quotes metric, benchmarks."""
