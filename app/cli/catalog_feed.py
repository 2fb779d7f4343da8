"""Catalog feed commands hooked into `yunban catalog`: `import FILE` (a signed snapshot file, `--platform-key`
before enrollment) and `update` (the platform's signed change pages).

Contract: `--json` keys: snapshot, pages, changes, cursor, bundle_version; the text report is in the CLI's language.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, cast

from app.cli import messages as m
from app.cli.output import context, print_json


def register_feed(csub: Any, common: argparse.ArgumentParser, import_parser: argparse.ArgumentParser) -> None:
    import_parser.add_argument(
        "--platform-key",
        metavar="BASE64",
        help="for a snapshot FILE: the platform's public key, when the terminal is not enrolled yet",
    )
    up = csub.add_parser("update", help="fetch and apply signed catalog updates from the platform", parents=[common])
    up.add_argument(
        "--key-rotation",
        metavar="FILE",
        help="first pin the platform's new key from this rotation file (signed by the pinned key)",
    )
    up.set_defaults(func=_update)


def _report(args: Any, result: Any) -> int:
    data = {
        "snapshot": result.snapshot,
        "pages": result.pages,
        "changes": result.changes,
        "cursor": result.cursor,
        "bundle_version": result.bundle_version,
    }
    if args.json:
        print_json(data)
    else:
        message = m.FEED_SNAPSHOT_APPLIED if result.snapshot else m.FEED_APPLIED
        print(
            m.say(
                message,
                pages=result.pages,
                changes=result.changes,
                version=result.bundle_version,
                cursor=result.cursor,
            )
        )
    return 0


def _rotate(args: Any, ctx: Any, document: Any) -> dict[str, str]:
    from app.catalog import messages as cm
    from app.catalog.trust import apply_rotation

    identity = apply_rotation(ctx, document)
    data = {"platform_public_key": identity.platform_public_key, "platform_algorithm": identity.platform_algorithm}
    if not args.json:
        print(m.say(cm.ROTATED, key=identity.platform_public_key))
    return data


def import_snapshot_file(args: Any) -> int:
    """A signed snapshot file, or a platform key rotation file (app/catalog/trust.py), told apart by its page kind."""
    from app.catalog.trust import is_rotation, read_document
    from app.catalog.updates import updater_for

    ctx = context(args)
    try:
        path = Path(args.bundle)
        document = read_document(path)
        if is_rotation(document):
            data = _rotate(args, ctx, document)
            if args.json:
                print_json({"rotated": True, **data})
            return 0
        from app.cli.progress import progress

        size = path.stat().st_size
        with progress(args, "catalog import", total=1, total_bytes=size, unit="snapshot") as reporter:
            updater = updater_for(ctx, getattr(args, "platform_key", None))
            result = updater.apply_snapshot(document, f"file:{path.name}")
            reporter.advance(1, size)
    finally:
        ctx.close()
    return _report(args, result)


class _CountingTransport:
    """The feed's HTTP transport seen through a progress reporter: each reply (a snapshot or a page of changes)
    counts one, with its bytes as they are read. The platform does not say how many pages remain: no total."""

    def __init__(self, reporter: Any) -> None:
        import httpx

        self._inner = httpx.HTTPTransport()
        self._reporter = reporter

    def handle_request(self, request: Any) -> Any:
        import httpx

        response = self._inner.handle_request(request)
        reporter = self._reporter
        inner_stream = response.stream
        if isinstance(inner_stream, httpx.SyncByteStream):
            sync_stream: httpx.SyncByteStream = inner_stream

            class Counted(httpx.SyncByteStream):
                def __iter__(self) -> Any:
                    for chunk in sync_stream:
                        reporter.add_bytes(len(chunk))
                        yield chunk

                def close(self) -> None:
                    sync_stream.close()

            response.stream = Counted()
        reporter.advance(1)
        return response

    def close(self) -> None:
        self._inner.close()


def _update(args: Any) -> int:
    import httpx

    from app.catalog.trust import read_document
    from app.catalog.updates import pull_from_platform
    from app.cli.progress import progress

    ctx = context(args)
    try:
        if args.key_rotation:
            _rotate(args, ctx, read_document(Path(args.key_rotation)))
        with progress(args, "catalog update", unit="replies") as reporter:
            transport = _CountingTransport(reporter)
            result = pull_from_platform(ctx, transport=cast(httpx.BaseTransport, transport))
    finally:
        ctx.close()
    return _report(args, result)
