"""Fixtures of the platform/enrollment/catalog-down tests (shared helpers live in tests/platform_fixtures.py)."""

from __future__ import annotations

from tests.support.platform import platform, platform_process

__all__ = ["platform", "platform_process"]
