"""`yunban keyring recovery-keygen|recover`: the county's recovery key for grid workers' laptops
(`keyring.unlock = "worker"`, app/records/recovery.py, docs/security.md "A stolen laptop").

    yunban keyring recovery-keygen DIR            # at the county, offline: DIR/county-recovery-<fp>.key (0600)
    yunban keyring recover --recovery-key FILE    # on a laptop's disk: the worker's unlock passphrase

`recovery-keygen --json` answers {"public_key", "fingerprint", "private_key_file"}; `recover --json` answers
{"passphrase", "fingerprint"}. Exit 2 with the reason when the key or the slot cannot be used.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from app.cli.output import print_json
from app.errors import UserError
from app.records import messages as m


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("keyring", parents=[common], help="the county recovery key of grid workers' laptops")
    ks = p.add_subparsers(dest="keyring_command", metavar="SUBCOMMAND")
    kg = ks.add_parser("recovery-keygen", parents=[common], help="make the county's recovery key pair (offline)")
    kg.add_argument("dir", type=Path, metavar="DIR", help="folder for the private key file (created 0700)")
    kg.set_defaults(func=cmd_keygen)
    rc = ks.add_parser(
        "recover", parents=[common], help="the laptop's unlock passphrase from its recovery slot (county key)"
    )
    rc.add_argument("--recovery-key", type=Path, required=True, metavar="FILE", help="the county's private key file")
    rc.set_defaults(func=cmd_recover)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def cmd_keygen(args: Any) -> int:
    from app.records.recovery import fingerprint, make_keypair

    private, public = make_keypair()
    fp = fingerprint(public)
    try:
        args.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = args.dir / f"county-recovery-{fp}.key"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(private + "\n")
    except OSError as exc:
        raise UserError(m.RECOVERY_UNREADABLE, path=args.dir, error=exc.strerror) from exc
    if args.json:
        print_json({"public_key": public, "fingerprint": fp, "private_key_file": str(path)})
    else:
        print(f'keyring.recovery_public_key = "{public}"  # fingerprint {fp}')
        print(f"private key: {path} (keep it offline; it opens every laptop's recovery slot sealed to it)")
    return 0


def cmd_recover(args: Any) -> int:
    from app.paths import resolve_home
    from app.records.recovery import RECOVERY_FILE, fingerprint, open_slot, public_of

    try:
        private = args.recovery_key.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(m.RECOVERY_BAD_KEY, error=exc) from exc
    slot = resolve_home(getattr(args, "home", None)) / RECOVERY_FILE
    passphrase = open_slot(slot, private)
    fp = fingerprint(public_of(private))
    if args.json:
        print_json({"passphrase": passphrase, "fingerprint": fp})
    else:
        print(passphrase)
    return 0
