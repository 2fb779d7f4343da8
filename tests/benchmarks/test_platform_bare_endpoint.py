"""The bare endpoint the platform's intake is compared with (docs/benchmarks.md, "Platform at province scale"):
the same routes and the same bytes written and fsync'ed (in worker threads, as the platform does), with no checks
at all (no authentication, no validation, no signature, no database, no lock). Run as its own process on uvicorn:

    .venv/bin/python tests/benchmarks/test_platform_bare_endpoint.py PORT DIR

Holds no tests (pytest collects nothing here); tests/benchmarks/test_platform_scale_bench.py starts it.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def bare_app(folder: Path) -> Starlette:
    folder.mkdir(parents=True, exist_ok=True)

    async def enroll(request: Request) -> Response:
        await request.body()
        return JSONResponse({"terminal_id": "T" + secrets.token_hex(8).upper(), "token": secrets.token_hex(32)})

    async def attachment(request: Request) -> Response:
        data = await request.body()
        await run_in_threadpool(_write, folder / request.path_params["sha256"], data)
        return JSONResponse({"received": len(data), "complete": True})

    async def record(request: Request) -> Response:
        data = await request.body()
        await run_in_threadpool(_write, folder / ("r-" + secrets.token_hex(8)), data)
        return JSONResponse({"result": "stored"}, status_code=201)

    async def empty(request: Request) -> Response:
        return JSONResponse({"changes": [], "next_cursor": 0})

    return Starlette(
        routes=[
            Route("/v1/enroll", enroll, methods=["POST"]),
            Route("/v1/attachments/{sha256}", attachment, methods=["PATCH"]),
            Route("/v1/records", record, methods=["POST"]),
            Route("/v1/status", empty, methods=["GET"]),
            Route("/v1/catalog/changes", empty, methods=["GET"]),
            Route("/v1/health", empty, methods=["GET"]),
        ]
    )


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(bare_app(Path(sys.argv[2])), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
