"""`yunban platform handover-passphrase` and `yunban platform import-bundle`: the platform's half of the USB
hand-over (交接包, `sync.platform.handover`).

    yunban platform handover-passphrase --data DIR [--passphrase-file FILE]
    yunban platform import-bundle --data DIR BUNDLE.ybx [--ack-out DIR] [--passphrase-file FILE] [--json]

`import-bundle` writes the signed acknowledgement `<bundle name>.yback` into `--ack-out` (default: beside the bundle,
i.e. on the stick) for the terminal that made the bundle (`yunban sync import-ack`). Exit 0 when every record is
on the platform (stored now or before), 1 when some were refused (listed), 2 when the bundle could not be used.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sync.handover import DELIVERED_RESULTS
from sync.platform import admin as platform_main
from sync.platform import handover
from sync.platform.cli_common import data_dir as _data
from sync.platform.cli_common import print_json
from sync.platform.errors import HttpError, PlatformError

PASSPHRASE_ENV = "YUNBAN_HANDOVER_PASSPHRASE"


def _read_passphrase(args: Any, *, prompt: bool) -> str | None:
    if getattr(args, "passphrase_file", None):
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise PlatformError(f"--passphrase-file {args.passphrase_file}: {exc.strerror}") from exc
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if prompt:
        if not sys.stdin.isatty():
            raise PlatformError(
                f"no terminal to ask the hand-over passphrase on: pass --passphrase-file FILE or set {PASSPHRASE_ENV}"
            )
        try:
            return getpass.getpass("hand-over passphrase: ")
        except EOFError as exc:
            raise PlatformError("no hand-over passphrase given: nothing changed") from exc
    return None


def _set_passphrase(args: Any) -> int:
    data = _data(args)
    handover.set_passphrase(data, _read_passphrase(args, prompt=True) or "")
    if args.json:
        print_json({"handover_passphrase": "set"})
    else:
        print(f"hand-over passphrase set in {data / handover.PASSPHRASE_FILE}")
    return 0


def _import_bundle(args: Any) -> int:
    data_dir = _data(args)
    bundle = Path(args.bundle)
    if not bundle.is_file():
        raise PlatformError(f"{bundle}: no such file")
    secret = _read_passphrase(args, prompt=False) or handover.load_passphrase(data_dir)
    if not secret:
        raise PlatformError(
            "no hand-over passphrase: set it with `yunban platform handover-passphrase` or pass --passphrase-file"
        )
    store = platform_main.open_store(data_dir, args.database)
    try:
        outcome = handover.import_bundle(store, bundle, secret)
    except HttpError as exc:
        raise PlatformError(f"{bundle}: {exc}") from exc
    finally:
        store.close()
    out_dir = Path(args.ack_out) if args.ack_out else bundle.parent
    ack_path = out_dir / (bundle.stem + ".yback")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = ack_path.with_suffix(".tmp")
        tmp.write_bytes(outcome["ack"])
        os.replace(tmp, ack_path)
    except OSError as exc:
        raise PlatformError(f"cannot write the acknowledgement into {out_dir}: {exc.strerror}") from exc
    summary = dict(outcome["summary"]) | {"ack": str(ack_path)}
    refused = {k: v for k, v in summary["results"].items() if k not in DELIVERED_RESULTS}
    if args.json:
        print_json(summary)
    else:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(summary["results"].items())) or "no records"
        again = "" if summary["first_import"] else " (already imported before: nothing stored twice)"
        print(f"{bundle.name}: {summary['records']} records from {summary['terminal_id']}: {counts}{again}")
        print(f"acknowledgement: {ack_path} (take it back to the terminal: yunban sync import-ack)")
    return 1 if refused else 0


def register(psub: Any, common: argparse.ArgumentParser, data_opt: Callable[[argparse.ArgumentParser], None]) -> None:
    p = psub.add_parser(
        "handover-passphrase", parents=[common], help="set the county's hand-over passphrase (USB bundles)"
    )
    p.add_argument("--passphrase-file", metavar="FILE", help=f"read it from FILE (else ${PASSPHRASE_ENV}, a prompt)")
    data_opt(p)
    p.set_defaults(func=_set_passphrase)

    p = psub.add_parser(
        "import-bundle", parents=[common], help="import a hand-over bundle (.ybx) carried from a terminal"
    )
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--ack-out", metavar="DIR", help="where to write the acknowledgement (default: beside BUNDLE)")
    p.add_argument("--passphrase-file", metavar="FILE", help="the passphrase (default: the one set on the platform)")
    data_opt(p)
    p.set_defaults(func=_import_bundle)
