"""The reference platform (参考平台): an ASGI app (Starlette on uvicorn) implementing sync protocol v1.

It is what tests, the embedded demo and pilots talk to over loopback HTTP. `create_app` takes an injected storage
(`sync.platform.store.PlatformStore`, wired by `sync.platform.admin`); `ThreadedServer` runs it in-process.
"""

from __future__ import annotations

from sync.platform.api import create_app
from sync.platform.ports import PlatformStorage
from sync.platform.server import ThreadedServer, serve

__all__ = ["PlatformStorage", "ThreadedServer", "create_app", "serve"]
