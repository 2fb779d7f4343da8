"""The reference platform (参考平台): an ASGI app (Starlette on uvicorn) implementing sync protocol v1.

It is what tests, the embedded demo and pilots talk to over loopback HTTP. `create_app` takes an injected storage
(`local_db.platform_store.PlatformStore`, wired by `app.platform_main`); `ThreadedServer` runs it in-process.
"""

from __future__ import annotations

from sync.platform.app import create_app
from sync.platform.server import ThreadedServer, serve
from sync.platform.storage import PlatformStorage

__all__ = ["PlatformStorage", "ThreadedServer", "create_app", "serve"]
