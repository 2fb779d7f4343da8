"""The release manager's side: signing keys, root key rotation and building a USB update bundle (TUF metadata around
one yunban .deb and optionally a signed catalog snapshot). `python -m app.updates.publish` (and
`packaging/make-update-bundle.sh`, which calls it) is the command line; tests call the functions.

A key directory holds the Ed25519 private keys (`<role>.pem`, PKCS#8 PEM; keep it offline), the root metadata of
every version (`metadata/N.root.json`; `metadata/1.root.json` is what the terminals trust first, shipped in the
package as /usr/share/yunban/update-root.json) and `state.json` (the last timestamp/snapshot/targets versions, so
each bundle's metadata is newer than the last). Thresholds are 1 per role unless `init_keys(root_keys=N,
root_threshold=K)` asks for more root keys.

Contract: a bundle is `<out>/yunban-update/` with `metadata/` and `targets/` (see `app.updates.bundle`). Bundles are
built fresh each time: versions only go up. `rotate_root` makes root version N+1 signed by the old root keys (its
threshold) and the new ones, with new keys for every role (a compromise response: the old keys sign nothing any
terminal still accepts once it has seen version N+1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner  # type: ignore[attr-defined]  # re-exported, not in __all__
from tuf.api.metadata import (  # type: ignore[attr-defined]  # re-exported, not in __all__
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from app.updates.bundle import BUNDLE_DIR
from app.updates.dpkg import Dpkg

__all__ = ["ROLES", "build_bundle", "init_keys", "main", "rotate_root"]

ROLES = ("root", "targets", "snapshot", "timestamp")
_PRETTY = JSONSerializer(compact=False)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _write_key(path: Path, signer: CryptoSigner) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(signer.private_bytes)
    path.chmod(0o600)


def _load_key(path: Path) -> CryptoSigner:
    return CryptoSigner(load_pem_private_key(path.read_bytes(), password=None))


def _root_keys(keys: Path) -> list[Path]:
    return sorted(keys.glob("root*.pem"))


def _current_root(keys: Path) -> Metadata[Root]:
    versions = sorted(int(p.name.split(".")[0]) for p in (keys / "metadata").glob("*.root.json"))
    return Metadata[Root].from_file(str(keys / "metadata" / f"{versions[-1]}.root.json"))


def _new_root(version: int, expires: dt.datetime, signers: dict[str, list[CryptoSigner]], threshold: int) -> Root:
    root = Root(version=version, expires=expires, consistent_snapshot=False)
    for role in ROLES:
        for signer in signers[role]:
            root.add_key(signer.public_key, role)
    root.roles["root"].threshold = threshold
    return root


def init_keys(
    keys: Path, *, root_keys: int = 1, root_threshold: int = 1, expires: dt.timedelta = dt.timedelta(days=3650)
) -> Path:
    """New keys for every role and root version 1 in `keys`; returns the root file the terminals must trust."""
    if (keys / "metadata").exists():
        raise FileExistsError(f"{keys} already holds update keys")
    signers: dict[str, list[CryptoSigner]] = {role: [] for role in ROLES}
    for n in range(root_keys):
        signer = CryptoSigner.generate_ed25519()
        _write_key(keys / (f"root-{n + 1}.pem" if root_keys > 1 else "root.pem"), signer)
        signers["root"].append(signer)
    for role in ROLES[1:]:
        signers[role].append(CryptoSigner.generate_ed25519())
        _write_key(keys / f"{role}.pem", signers[role][0])
    md = Metadata(_new_root(1, _utc_now() + expires, signers, root_threshold))
    for signer in signers["root"]:
        md.sign(signer, append=True)
    out = keys / "metadata" / "1.root.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    md.to_file(str(out), _PRETTY)
    (keys / "state.json").write_text(json.dumps({"timestamp": 0, "snapshot": 0, "targets": 0}), encoding="utf-8")
    return out


def rotate_root(keys: Path, *, expires: dt.timedelta = dt.timedelta(days=3650)) -> Path:
    """Root version N+1 with new keys for every role, signed by the old root keys and the new root key; the old
    keys move to `keys/revoked-N/`. Returns the new root file."""
    old = _current_root(keys)
    old_signers = [_load_key(p) for p in _root_keys(keys)]
    signers = {role: [CryptoSigner.generate_ed25519()] for role in ROLES}
    version = old.signed.version + 1
    md = Metadata(_new_root(version, _utc_now() + expires, signers, 1))
    for signer in [*old_signers, *signers["root"]]:
        md.sign(signer, append=True)
    revoked = keys / f"revoked-{old.signed.version}"
    revoked.mkdir()
    for pem in keys.glob("*.pem"):
        shutil.move(str(pem), revoked / pem.name)
    for role in ROLES:
        _write_key(keys / f"{role}.pem", signers[role][0])
    out = keys / "metadata" / f"{version}.root.json"
    md.to_file(str(out), _PRETTY)
    return out


def _sign(md: Metadata[Any], keys: Path, bundle: Path, role: str) -> None:
    md.sign(_load_key(keys / f"{role}.pem"))
    md.to_file(str(bundle / "metadata" / f"{role}.json"), _PRETTY)


def build_bundle(
    keys: Path,
    deb: Path,
    out: Path,
    *,
    catalog: Path | None = None,
    expires: dt.timedelta = dt.timedelta(days=30),
    timestamp_expires: dt.timedelta | None = None,
) -> Path:
    """Sign `deb` (and `catalog`) into a new bundle `out/yunban-update/`; returns that directory.

    `timestamp_expires` (default: `expires`) exists for tests of a frozen bundle (a negative delta)."""
    info = Dpkg.deb_info(deb)
    state = json.loads((keys / "state.json").read_text(encoding="utf-8"))
    for role in ("timestamp", "snapshot", "targets"):
        state[role] += 1
    now = _utc_now()
    bundle = out / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    (bundle / "metadata").mkdir(parents=True)
    (bundle / "targets").mkdir()
    names = {f"{info.package}_{info.version}_{info.architecture}.deb": deb}
    if catalog is not None:
        names[f"catalog/{catalog.name}"] = catalog
    targets = Targets(version=state["targets"], expires=now + expires)
    for name, source in names.items():
        dest = bundle / "targets" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        targets.targets[name] = TargetFile.from_file(name, str(dest), ["sha256"])
    snapshot = Snapshot(version=state["snapshot"], expires=now + expires)
    snapshot.meta["targets.json"] = MetaFile(version=targets.version)
    timestamp = Timestamp(version=state["timestamp"], expires=now + (timestamp_expires or expires))
    timestamp.snapshot_meta = MetaFile(version=snapshot.version)
    _sign(Metadata(targets), keys, bundle, "targets")
    _sign(Metadata(snapshot), keys, bundle, "snapshot")
    _sign(Metadata(timestamp), keys, bundle, "timestamp")
    roots = sorted((keys / "metadata").glob("*.root.json"), key=lambda p: int(p.name.split(".")[0]))
    for root in roots:
        shutil.copyfile(root, bundle / "metadata" / root.name)
    shutil.copyfile(roots[-1], bundle / "metadata" / "root.json")
    (keys / "state.json").write_text(json.dumps(state), encoding="utf-8")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.updates.publish", description="Yunban USB update bundles: keys, root rotation, build"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_init = sub.add_parser("init-keys", help="new signing keys and root version 1 (the terminals' trust anchor)")
    p_init.add_argument("--keys", type=Path, required=True)
    p_init.add_argument("--root-keys", type=int, default=1)
    p_init.add_argument("--root-threshold", type=int, default=1)
    p_rot = sub.add_parser("rotate-root", help="root version N+1 with new keys, signed by the old and new root keys")
    p_rot.add_argument("--keys", type=Path, required=True)
    p_build = sub.add_parser("build", help="sign a .deb (and a catalog snapshot) into OUT/yunban-update/")
    p_build.add_argument("--keys", type=Path, required=True)
    p_build.add_argument("--deb", type=Path, required=True)
    p_build.add_argument("--catalog", type=Path)
    p_build.add_argument("--out", type=Path, required=True)
    p_build.add_argument("--expires-days", type=int, default=30)
    args = parser.parse_args(argv)
    try:
        if args.command == "init-keys":
            path = init_keys(args.keys, root_keys=args.root_keys, root_threshold=args.root_threshold)
            print(f"keys in {args.keys}; ship {path} as /usr/share/yunban/update-root.json")
        elif args.command == "rotate-root":
            print(f"new root: {rotate_root(args.keys)} (old keys moved to revoked-*/)")
        else:
            bundle = build_bundle(
                args.keys, args.deb, args.out, catalog=args.catalog, expires=dt.timedelta(days=args.expires_days)
            )
            print(f"bundle: {bundle} (copy the yunban-update/ directory to the root of a USB stick)")
    except (OSError, ValueError) as exc:
        print(f"publish: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
