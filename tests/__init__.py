"""Yunban's test suite (pytest, pytest-qt); benchmarks live in tests/benchmarks and are skipped by default."""
