"""The demo's embedded reference platform: started on loopback and the demo terminal enrolled against it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.data import DEMO_CATALOG
from sync.platform.admin import EmbeddedPlatform, enroll_code, open_store, public_key

if TYPE_CHECKING:
    from app.context import AppContext

__all__ = ["DEMO_PLATFORM_DIR", "demo_platform_key", "start_demo_platform"]

DEMO_PLATFORM_DIR = "demo-platform"
"""Where, inside the terminal's home, the demo keeps its platform's data."""


def start_demo_platform(ctx: AppContext, *, port: int = 0) -> EmbeddedPlatform:
    """The demo's platform: embedded on loopback, its data in `<home>/demo-platform` (so its signing key, and the
    key the terminal pinned, stay the same across runs). Points `ctx` (an AppContext) at it and enrolls the terminal
    on first use. Call it before `ctx.sync` is first used; `close()` the result when the demo ends."""
    platform = EmbeddedPlatform(Path(ctx.home) / DEMO_PLATFORM_DIR, catalog=DEMO_CATALOG, port=port)
    try:
        ctx.config.platform.url = platform.url
        ctx.enrollment.platform_url = platform.url
        identity = ctx.enrollment.identity()
        if identity is None or identity.platform_public_key != platform.public_key:
            code = enroll_code(platform.store, ctx.config.terminal.division_code)
            ctx.enrollment.enroll(code, platform.url, force=identity is not None)
    except BaseException:
        platform.close()
        raise
    return platform


def demo_platform_key(home: Path) -> str | None:
    """The public key of the demo's platform kept in `home` (None if the demo never ran there), read without
    starting it: `yunban demo` compares it with the key the terminal pinned before touching an enrolled home."""
    data = Path(home) / DEMO_PLATFORM_DIR
    if not (data / "platform.db").exists():
        return None
    store = open_store(data)
    try:
        return public_key(store)
    finally:
        store.close()
