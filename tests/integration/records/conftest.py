"""Fixtures of the terminal storage tests: the in-process reference platform (loopback HTTP)."""

from __future__ import annotations

from tests.support.platform import platform, platform_process

__all__ = ["platform", "platform_process"]
