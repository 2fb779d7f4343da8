"""Catalog feed commands hooked into `yunban catalog`: signed snapshot files and updates from the platform.

    yunban catalog import FILE [--platform-key BASE64]   a signed snapshot file (`yunban platform export-snapshot`)
    yunban catalog update                               fetch and apply the platform's signed change pages

`--json` keys: snapshot, pages, changes, cursor, bundle_version.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.output import context, print_json


def register_feed(csub: Any, common: argparse.ArgumentParser, import_parser: argparse.ArgumentParser) -> None:
    import_parser.add_argument(
        "--platform-key",
        metavar="BASE64",
        help="for a snapshot FILE: the platform's public key, when the terminal is not enrolled yet",
    )
    up = csub.add_parser("update", help="fetch and apply signed catalog updates from the platform", parents=[common])
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
        what = "snapshot applied, " if result.snapshot else ""
        print(
            f"{what}{result.pages} page(s), {result.changes} change(s); "
            f"catalog version {result.bundle_version}, cursor {result.cursor}"
        )
    return 0


def import_snapshot_file(args: Any) -> int:
    from app.catalog.updates import updater_for

    ctx = context(args)
    try:
        result = updater_for(ctx, getattr(args, "platform_key", None)).import_file(Path(args.bundle))
    finally:
        ctx.close()
    return _report(args, result)


def _update(args: Any) -> int:
    from app.catalog.updates import pull_from_platform

    ctx = context(args)
    try:
        result = pull_from_platform(ctx)
    finally:
        ctx.close()
    return _report(args, result)
