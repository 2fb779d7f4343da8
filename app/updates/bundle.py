"""Verifying a USB update bundle with TUF (python-tuf's ngclient over the bundle's files, no network).

A bundle is a directory (on a USB stick: `<mount>/yunban-update/`) holding
`metadata/{root,timestamp,snapshot,targets}.json` plus `N.root.json` for every root version after the first (a root
key rotation) and `targets/<path>` for each signed target: one `yunban_<version>_<arch>.deb` and optionally a signed
catalog snapshot (`catalog/<name>.json`).

Contract: `verify_bundle` checks everything before anything else happens: the root chain from the terminal's trusted
root (`<home>/updates/trust/`, first bootstrapped from the root installed with the package), signatures and
thresholds of every role, expiry (a frozen bundle is refused), versions against the last trusted ones (a replayed
older bundle is refused), then every target's length and hashes, then the package's control fields. It works on a
copy of the trusted metadata (`work/trust`): the terminal's trust only moves forward when `commit_trust` is called
after a successful install. Every refusal is a `UserError` with an `updates.*` code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import Metadata, Root  # type: ignore[attr-defined]  # re-exported, not in __all__
from tuf.ngclient import Updater  # type: ignore[attr-defined]
from tuf.ngclient.fetcher import FetcherInterface

from app.errors import UserError
from app.updates import messages as m
from app.updates.dpkg import PACKAGE, DebInfo, Dpkg, DpkgError

__all__ = ["BUNDLE_DIR", "VerifiedBundle", "bundle_dir", "commit_trust", "share_trust", "verify_bundle"]

BUNDLE_DIR = "yunban-update"
"""The directory a USB stick carries the bundle in."""
_CHUNK = 1 << 20


class LocalFetcher(FetcherInterface):
    """ngclient's downloads served from local `file://` URLs (the bundle on the USB stick); a missing file is a
    404, as a repository would answer."""

    def _fetch(self, url: str) -> Iterator[bytes]:
        path = Path(unquote(urlparse(url).path))
        try:
            handle = path.open("rb")
        except FileNotFoundError as exc:
            raise tuf_errors.DownloadHTTPError(f"{path.name} not found", 404) from exc
        return _chunks(handle)


def _chunks(handle: object) -> Iterator[bytes]:
    with handle as f:  # type: ignore[attr-defined]
        while chunk := f.read(_CHUNK):
            yield chunk


@dataclass(slots=True)
class VerifiedBundle:
    """What a verified bundle holds: the package (verified copy under the work directory), its control fields and
    the metadata's figures."""

    source: Path
    trust: Path
    package: Path
    info: DebInfo
    expires: dt.datetime
    root_version: int
    timestamp_version: int
    targets: list[dict[str, object]] = field(default_factory=list)
    catalog: Path | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "bundle": str(self.source),
            "package": self.info.package,
            "version": self.info.version,
            "architecture": self.info.architecture,
            "expires": self.expires.isoformat().replace("+00:00", "Z"),
            "root_version": self.root_version,
            "timestamp_version": self.timestamp_version,
            "targets": self.targets,
            "catalog": self.catalog.name if self.catalog else None,
        }


def bundle_dir(path: Path) -> Path:
    """The bundle directory for a path given by a person: the bundle itself or a directory holding
    `yunban-update/` (a USB stick's mount point)."""
    for candidate in (path, path / BUNDLE_DIR):
        if (candidate / "metadata" / "timestamp.json").is_file():
            return candidate
    raise UserError(m.NOT_A_BUNDLE, path=path)


def _prepare_trust(trust: Path, anchor: Path, work: Path) -> tuple[Path, bytes | None]:
    """A working copy of the trusted metadata and the bootstrap root (None: the copy's own root.json)."""
    copy = work / "trust"
    if copy.exists():
        shutil.rmtree(copy)
    try:
        half_committed = trust.with_name(trust.name + ".old")  # a power cut inside commit_trust
        if not trust.exists() and (half_committed / "root.json").exists():
            trust = half_committed
        if (trust / "root.json").exists():
            # Plain copies (not the modes): the kiosk user checks from root's read-only trust, and ngclient
            # writes the newer metadata into this copy.
            shutil.copytree(trust, copy, symlinks=True, copy_function=shutil.copyfile)
            for directory in (copy, *(d for d in copy.rglob("*") if d.is_dir() and not d.is_symlink())):
                directory.chmod(0o700)
            return copy, None
    except PermissionError as exc:
        raise UserError(m.TRUST_UNREADABLE, path=trust) from exc
    try:
        bootstrap = anchor.read_bytes()
    except OSError as exc:
        raise UserError(m.NO_TRUST_ROOT, path=anchor) from exc
    copy.mkdir(parents=True)
    return copy, bootstrap


def _refused(exc: Exception, path: str = "") -> UserError:
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, tuf_errors.ExpiredMetadataError):
        role = next((r for r in ("timestamp", "snapshot", "targets", "root") if r in detail.lower()), "?")
        return UserError(m.EXPIRED, role=role)
    if isinstance(exc, tuf_errors.EqualVersionNumberError):
        return UserError(m.BAD_METADATA, detail=detail)
    if isinstance(exc, tuf_errors.BadVersionNumberError):
        return UserError(m.REPLAYED, detail=detail)
    if isinstance(exc, tuf_errors.UnsignedMetadataError):
        return UserError(m.UNKNOWN_KEYS, detail=detail)
    if isinstance(exc, tuf_errors.LengthOrHashMismatchError | tuf_errors.DownloadLengthMismatchError) or (
        path and isinstance(exc, tuf_errors.DownloadHTTPError)  # a signed target missing from the stick
    ):
        return UserError(m.TAMPERED, path=path or "metadata", detail=detail)
    return UserError(m.BAD_METADATA, detail=detail)


def updater_trusted_root(updater: Updater | None) -> Root | None:
    return updater._trusted_set.root if updater is not None else None


def _unsigned(exc: tuf_errors.UnsignedMetadataError, source: Path, root: Root | None) -> UserError:
    """A signature that does not verify: signed by a key the terminal trusts for that role (so the file was changed
    after signing: tampered) or by keys it does not know (another publisher, or keys revoked by a rotation)."""
    detail = str(exc)
    role = detail.split(" ", 1)[0]
    if root is not None and role in root.roles:
        try:
            signed = json.loads((source / "metadata" / f"{role}.json").read_bytes())
            keyids = {sig.get("keyid") for sig in signed.get("signatures", [])}
        except (OSError, ValueError, AttributeError):
            keyids = set()
        if keyids & set(root.roles[role].keyids):
            return UserError(m.TAMPERED, path=f"metadata/{role}.json", detail=detail)
    return UserError(m.UNKNOWN_KEYS, detail=detail)


def verify_bundle(path: Path, *, trust: Path, anchor: Path, work: Path) -> VerifiedBundle:
    """Verify the bundle at `path` into `work` (created; the caller removes it). See the module contract."""
    source = bundle_dir(path)
    work.mkdir(parents=True, exist_ok=True)
    trust_copy, bootstrap = _prepare_trust(trust, anchor, work)
    targets_dir = work / "targets"
    targets_dir.mkdir(exist_ok=True)
    updater: Updater | None = None
    try:
        updater = Updater(
            metadata_dir=str(trust_copy),
            metadata_base_url=(source / "metadata").resolve().as_uri() + "/",
            target_dir=str(targets_dir),
            target_base_url=(source / "targets").resolve().as_uri() + "/",
            fetcher=LocalFetcher(),
            bootstrap=bootstrap,
        )
        updater.refresh()
    except tuf_errors.UnsignedMetadataError as exc:
        raise _unsigned(exc, source, updater_trusted_root(updater)) from exc
    except (tuf_errors.RepositoryError, tuf_errors.DownloadError, ValueError) as exc:
        raise _refused(exc) from exc
    except OSError as exc:
        raise UserError(m.BAD_METADATA, detail=exc) from exc
    assert updater is not None
    trusted = updater._trusted_set  # the verified top-level metadata (no public accessor in ngclient)
    targets_md = trusted.targets
    listed: list[dict[str, object]] = []
    package: Path | None = None
    catalog: Path | None = None
    for name in sorted(targets_md.targets):
        info = updater.get_targetinfo(name)
        if info is None:  # pragma: no cover - listed by the same metadata
            raise UserError(m.BAD_METADATA, detail=name)
        dest = targets_dir / name.replace("/", "__")
        try:
            updater.download_target(info, str(dest))
        except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
            raise _refused(exc, name) from exc
        except OSError as exc:
            raise UserError(m.DISK_FULL if exc.errno == 28 else m.BAD_METADATA, path=dest, detail=exc) from exc
        listed.append({"path": name, "length": info.length, "sha256": info.hashes.get("sha256", "")})
        if name.endswith(".deb"):
            package = dest
        elif name.startswith("catalog/"):
            catalog = dest
    if package is None:
        raise UserError(m.NO_PACKAGE)
    try:
        info_deb = Dpkg.deb_info(package)
    except DpkgError as exc:
        raise UserError(m.TAMPERED, path=package.name, detail=exc) from exc
    if info_deb.package != PACKAGE:
        raise UserError(m.NOT_OUR_PACKAGE, package=info_deb.package)
    expires = min(trusted.timestamp.expires, trusted.snapshot.expires, targets_md.expires)
    return VerifiedBundle(
        source=source,
        trust=trust_copy,
        package=package,
        info=info_deb,
        expires=expires,
        root_version=trusted.root.version,
        timestamp_version=trusted.timestamp.version,
        targets=listed,
        catalog=catalog,
    )


def trusted_root_version(trust: Path, anchor: Path) -> int | None:
    """The version of the root the terminal trusts now (None: neither trusted state nor anchor readable)."""
    for candidate in (trust / "root.json", anchor):
        try:
            return Metadata[Root].from_file(str(candidate)).signed.version
        except Exception:
            continue
    return None


def commit_trust(verified: VerifiedBundle, trust: Path) -> None:
    """Make the verified metadata the terminal's trusted state (after a successful install): replaced as a whole
    directory, so a power cut leaves either the old or the new state."""
    fresh = trust.with_name(trust.name + ".new")
    old = trust.with_name(trust.name + ".old")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(verified.trust, fresh, symlinks=True)
    share_trust(fresh)
    if trust.exists():
        trust.rename(old)
    fresh.rename(trust)
    if old.exists():
        shutil.rmtree(old)


def share_trust(trust: Path) -> None:
    """Make the trusted metadata readable by everyone (directories 0755, files 0644; ngclient writes 0600), so the
    unprivileged kiosk can check a bundle against it. Only what this process owns is changed (the kiosk user calling
    it on root's trust changes nothing). Trust metadata is public: it holds public keys and signed versions."""
    if not trust.is_dir():
        return
    uid = os.geteuid()
    for path in (trust, *trust.rglob("*")):
        if path.is_symlink():
            continue
        st = path.stat()
        if st.st_uid != uid:
            continue
        path.chmod(0o755 if path.is_dir() else 0o644)
