"""Yunban (云办) application layer: composition root, configuration, CLI and domain services.

`app` wires `local_db`, `sync` and `devices` together and exposes services with plain Python types
(`app.model`). Only `app.main` (the composition root) imports `ui`.
"""

__version__ = "0.1.0"
