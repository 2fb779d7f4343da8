"""The reference platform (参考平台): sync protocol v1 served by Starlette on uvicorn, for tests, the demo and pilots.

Contract: one component (api, server, store, admin, cli) that imports nothing of the terminal (app, ui, local_db,
devices); `admin` wires the store into the app.
"""

from __future__ import annotations

from sync.platform.api import create_app
from sync.platform.ports import PlatformStorage
from sync.platform.server import ThreadedServer, serve

__all__ = ["PlatformStorage", "ThreadedServer", "create_app", "serve"]
