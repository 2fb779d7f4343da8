"""Fixtures of the end-to-end tests: the real parts the integration folders start (card emulator on a pty, the
virtual printer, SANE's test backend, the reference platform, a kiosk window), reused here by import."""

from __future__ import annotations

from tests.integration.apply.conftest import emulator, vp
from tests.integration.ui_apply.conftest import fake_apply, kiosk, real_home
from tests.integration.ui_tech.conftest import make_ctx, platform, printer, window
from tests.support.platform import platform_process

__all__ = [
    "emulator",
    "fake_apply",
    "kiosk",
    "make_ctx",
    "platform",
    "platform_process",
    "printer",
    "real_home",
    "vp",
    "window",
]
