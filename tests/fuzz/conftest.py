"""Hypothesis drives the terminal's parsers with hostile input (issue 11, Proof): every test here is bounded
(`max_examples`) and deterministic (the `fuzz` profile: derandomized, no deadline, no example database), so the
whole directory runs in well under a minute and fails the same way on every run."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
settings.load_profile("fuzz")
