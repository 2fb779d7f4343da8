"""Checking, applying and rolling back a USB update on one terminal (`yunban update …`).

Files under `<home>/updates/`: `trust/` (the TUF metadata the terminal trusts: root chain, last timestamp, snapshot
and targets), `verify/` (scratch of a verification), `staging/` (the verified .deb being installed), `current/` (the
installed version's .deb, from the last applied bundle), `previous/` (the version before it, what `rollback`
installs), `catalog/` (a verified catalog snapshot a bundle carried) and `journal` (see `app.updates.journal`).

Contract: `apply` verifies everything (TUF metadata, target hashes and lengths, package name, architecture, version
newer than installed, free space) before it changes anything; then it keeps the installed version's .deb in
`previous/` (from `current/`, `staging/`, the apt cache or dpkg-repack; none found: refused unless `no_rollback`),
writes the journal, runs `dpkg -i`, and only then trusts the new metadata and clears the journal. A failed dpkg
run reinstalls the previous version. A power cut at any point leaves the journal; `yunban-update-recover`
(packaging/debian/, run before the kiosk starts) finishes it. It never runs while a citizen is mid-application
(`app.apply.busy`) unless forced: `UpdateDeferred` (exit 3) then.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from app.apply.busy import is_busy
from app.config import UpdateConfig
from app.errors import UserError
from app.updates import messages as m
from app.updates.bundle import (
    BUNDLE_DIR,
    VerifiedBundle,
    commit_trust,
    share_trust,
    trusted_root_version,
    verify_bundle,
)
from app.updates.dpkg import PACKAGE, Dpkg, DpkgError
from app.updates.journal import clear_journal, read_journal, write_journal

__all__ = ["MEDIA_GLOBS", "UpdateDeferred", "UpdateManager", "find_bundle"]

MEDIA_GLOBS = ("/media/*/" + BUNDLE_DIR, "/media/*/*/" + BUNDLE_DIR, "/run/media/*/*/" + BUNDLE_DIR)
"""Where `yunban update` looks for a bundle when no path is given: a USB stick mounted by udisks or usbmount."""
_MARGIN = 1 << 20


class UpdateDeferred(UserError):
    """`apply --when-idle` while a citizen is mid-application: nothing done, try again later (exit code 3)."""

    exit_code = 3


def find_bundle(explicit: str | os.PathLike[str] | None, globs: Sequence[str] = MEDIA_GLOBS) -> Path:
    """The bundle path given, else the first `yunban-update/` on mounted USB media."""
    if explicit:
        return Path(explicit)
    import glob

    for pattern in globs:
        found = sorted(glob.glob(pattern))
        if found:
            return Path(found[0])
    raise UserError(m.NO_BUNDLE)


def _free(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def _need(path: Path, needed: int) -> None:
    free = _free(path)
    if free < needed:
        raise UserError(m.NO_SPACE, path=path, needed=-(-needed // (1 << 20)), free=free // (1 << 20))


def _durable_copy(src: Path, dest: Path) -> None:
    """Copy then fsync, through a temporary name, so `dest` is whole or absent."""
    tmp = dest.with_name(dest.name + ".part")
    try:
        shutil.copyfile(src, tmp)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise UserError(m.DISK_FULL, path=dest) from exc
        raise


def _only(directory: Path) -> Path | None:
    debs = sorted(directory.glob(f"{PACKAGE}_*.deb")) if directory.is_dir() else []
    return debs[-1] if debs else None


def _empty(directory: Path, keep: Path | None = None) -> None:
    if directory.is_dir():
        for child in directory.iterdir():
            if child != keep:
                child.unlink()


class UpdateManager:
    """One terminal's updates: `home` (its data directory) and its `[update]` settings."""

    def __init__(self, home: Path, config: UpdateConfig, *, media_globs: Sequence[str] = MEDIA_GLOBS) -> None:
        self.home = home
        self.config = config
        self.media_globs = media_globs
        self.dpkg = Dpkg(config.dpkg_root)
        self.dir = home / "updates"
        self.trust = self.dir / "trust"
        self.journal = self.dir / "journal"
        self.session_lock = home / "run" / "session.lock"
        root = Path(config.dpkg_root or "/")
        self.apt_archives = root / "var" / "cache" / "apt" / "archives"

    @property
    def anchor(self) -> Path:
        return Path(self.config.bundle_root)

    # ------------------------------------------------------------------------------------------------ checks

    def _verify(self, path: str | os.PathLike[str] | None, work: Path) -> VerifiedBundle:
        source = find_bundle(path, self.media_globs)
        targets = (source / "targets") if (source / "targets").is_dir() else (source / BUNDLE_DIR / "targets")
        size = sum(p.stat().st_size for p in targets.rglob("*") if p.is_file()) if targets.is_dir() else 0
        work.mkdir(parents=True, exist_ok=True)
        _need(work, size + _MARGIN)
        verified = verify_bundle(source, trust=self.trust, anchor=self.anchor, work=work)
        host = self.dpkg.host_architecture()
        if verified.info.architecture not in (host, "all"):
            raise UserError(m.WRONG_ARCH, arch=verified.info.architecture, host=host)
        installed = self.dpkg.installed_version()
        if installed is not None and not self.dpkg.compare(verified.info.version, "gt", installed):
            if self.dpkg.compare(verified.info.version, "eq", installed):
                raise UserError(m.ALREADY_INSTALLED, version=installed)
            raise UserError(m.NOT_NEWER, version=verified.info.version, installed=installed)
        return verified

    def check(self, path: str | os.PathLike[str] | None = None) -> dict[str, object]:
        """Verify a bundle as `apply` would, changing nothing (the work happens in a temporary directory)."""
        with tempfile.TemporaryDirectory(prefix="yunban-update-check-") as tmp:
            verified = self._verify(path, Path(tmp))
            return {**verified.as_json(), "installed": self.dpkg.installed_version()}

    def busy(self) -> bool:
        return is_busy(self.session_lock)

    @contextlib.contextmanager
    def _exclusive(self, *, when_idle: bool, force: bool) -> Iterator[None]:
        """Hold the session marker exclusively while installing (a kiosk starting a session meanwhile goes on
        without it); refuse (or defer) while a citizen holds it."""
        if self.busy() and not force:
            raise (UpdateDeferred(m.BUSY) if when_idle else UserError(m.BUSY))
        run = self.session_lock.parent
        owner = self.home.stat()
        if not run.exists():
            run.mkdir(parents=True)
            os.chown(run, owner.st_uid, owner.st_gid)
        fd = os.open(self.session_lock, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        with contextlib.suppress(OSError):
            os.fchown(fd, owner.st_uid, owner.st_gid)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not force:
                    raise (UpdateDeferred(m.BUSY) if when_idle else UserError(m.BUSY)) from None
            yield
        finally:
            os.close(fd)

    def _preflight(self) -> None:
        if not self.config.dpkg_root and os.geteuid() != 0:
            raise UserError(m.NEEDS_ROOT)
        if self.journal.exists():
            raise UserError(m.JOURNAL_PENDING, path=self.journal)

    # ------------------------------------------------------------------------------------------------ apply

    def _installed_deb(self, version: str) -> Path | None:
        """A .deb of the installed version: our own store, the staging left by a cut-short apply, the apt cache,
        else rebuilt with dpkg-repack."""
        quoted = version.replace(":", "%3a")
        for directory in (self.dir / "current", self.dir / "staging", self.apt_archives):
            for deb in sorted(directory.glob(f"{PACKAGE}_{quoted}_*.deb")) if directory.is_dir() else []:
                try:
                    if Dpkg.deb_info(deb).version == version:
                        return deb
                except DpkgError:
                    continue
        return self.dpkg.repack_installed(self.dir / "repack")

    def _install(self, action: str, target: Path, target_version: str, fallback: Path | None) -> str | None:
        """Journal, dpkg -i, fall back on failure; returns the fallback's version (None: none kept)."""
        fallback_version = Dpkg.deb_info(fallback).version if fallback else ""
        write_journal(self.journal, action=action, target=str(target), target_version=target_version,
                      fallback=str(fallback or ""), fallback_version=fallback_version,
                      dpkg_root=self.config.dpkg_root)  # fmt: skip
        try:
            self.dpkg.install(target)
        except DpkgError as exc:
            if fallback is not None:
                try:
                    self.dpkg.install(fallback)
                except DpkgError as again:
                    raise UserError(m.DPKG_BROKEN, detail=again) from exc
                clear_journal(self.journal)
                raise UserError(m.DPKG_FAILED, deb=target.name, detail=exc, kept=fallback_version) from exc
            self.dpkg.configure_pending()
            if not self.dpkg.state().startswith("ii"):
                raise UserError(m.DPKG_BROKEN, detail=exc) from exc
            clear_journal(self.journal)
            raise UserError(m.DPKG_FAILED, deb=target.name, detail=exc, kept=self.dpkg.installed_version()) from exc
        return fallback_version or None

    def apply(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        when_idle: bool = False,
        force: bool = False,
        no_rollback: bool = False,
    ) -> dict[str, object]:
        """Verify and install a bundle (see the module contract); returns what was done."""
        self._preflight()
        if self.busy() and not force:
            raise (UpdateDeferred(m.BUSY) if when_idle else UserError(m.BUSY))
        self._share()
        work = self.dir / "verify"
        shutil.rmtree(work, ignore_errors=True)
        try:
            verified = self._verify(path, work)
            installed = self.dpkg.installed_version()
            previous_src = self._installed_deb(installed) if installed else None
            if installed and previous_src is None and not no_rollback:
                raise UserError(m.NO_PREVIOUS, version=installed)
            _need(self.dpkg.instdir, verified.info.installed_size_kb * 1024 + _MARGIN)
            _need(self.dir, (previous_src.stat().st_size if previous_src else 0) + _MARGIN)
            with self._exclusive(when_idle=when_idle, force=force):
                return self._apply_verified(verified, installed, previous_src)
        finally:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(self.dir / "repack", ignore_errors=True)

    def _apply_verified(
        self, verified: VerifiedBundle, installed: str | None, previous_src: Path | None
    ) -> dict[str, object]:
        staging, previous_dir, current = self.dir / "staging", self.dir / "previous", self.dir / "current"
        for d in (staging, previous_dir, current):
            d.mkdir(exist_ok=True)
        staged = staging / f"{PACKAGE}_{verified.info.version}_{verified.info.architecture}.deb"
        if previous_src is not None and previous_src.parent == staging:  # a cut-short apply left it there
            moved = current / previous_src.name
            os.replace(previous_src, moved)
            previous_src = moved
        _empty(staging)
        _durable_copy(verified.package, staged)
        previous: Path | None = None
        if previous_src is not None:
            previous = previous_dir / previous_src.name
            if previous_src != previous:
                _durable_copy(previous_src, previous)
            _empty(previous_dir, keep=previous)
        self._install("apply", staged, verified.info.version, previous)
        commit_trust(verified, self.trust)
        clear_journal(self.journal)  # before moving the staged .deb: recovery must never see it gone
        _empty(current)
        os.replace(staged, current / staged.name)
        catalog = None
        if verified.catalog is not None:
            (self.dir / "catalog").mkdir(exist_ok=True)
            catalog = self.dir / "catalog" / verified.catalog.name.split("__")[-1]
            _durable_copy(verified.catalog, catalog)
        return {
            "applied": True,
            "kiosk_restarted": self._restart_kiosk(),
            "version": verified.info.version,
            "previous": installed,
            "previous_deb": str(previous) if previous else None,
            "catalog": str(catalog) if catalog else None,
        }

    def _restart_kiosk(self) -> bool:
        """Restart a running kiosk onto the installed version (this machine under systemd only; the updater ran
        because the kiosk was idle)."""
        if self.config.dpkg_root or not Path("/run/systemd/system").is_dir():
            return False
        done = subprocess.run(["systemctl", "try-restart", "yunban-kiosk.service"], capture_output=True, check=False)
        return done.returncode == 0

    # ------------------------------------------------------------------------------------------------ rollback

    def rollback(self, *, force: bool = False) -> dict[str, object]:
        """Install the kept previous version (a downgrade), journaled like `apply`; the two kept .debs swap places,
        so a second rollback returns to the newer version."""
        self._preflight()
        previous = _only(self.dir / "previous")
        if previous is None:
            raise UserError(m.NOTHING_TO_ROLL_BACK)
        info = Dpkg.deb_info(previous)
        installed = self.dpkg.installed_version()
        current = self._installed_deb(installed) if installed else None
        _need(self.dpkg.instdir, info.installed_size_kb * 1024 + _MARGIN)
        with self._exclusive(when_idle=False, force=force):
            self._install("rollback", previous, info.version, current)
            clear_journal(self.journal)
        current_dir = self.dir / "current"
        current_dir.mkdir(exist_ok=True)
        swapped = previous.with_name(previous.name + ".swap")
        os.replace(previous, swapped)
        if current is not None:
            os.replace(current, self.dir / "previous" / current.name)
        _empty(current_dir)
        os.replace(swapped, current_dir / previous.name)
        return {
            "rolled_back": True,
            "version": info.version,
            "previous": installed,
            "kiosk_restarted": self._restart_kiosk(),
        }

    # ------------------------------------------------------------------------------------------------ status

    def _share(self) -> None:
        """`<home>/updates/` (0755) and the trust in it readable by the kiosk user, which checks bundles (root only
        changes what it owns; ngclient leaves its metadata 0600)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        if self.dir.stat().st_uid == os.geteuid():
            self.dir.chmod(0o755)
        share_trust(self.trust)

    def status(self) -> dict[str, object]:
        """The update state (see `yunban update status`); run by root it also makes the trust readable (`_share`)."""
        if self.dir.is_dir() and self.dir.stat().st_uid == os.geteuid():
            self._share()
        previous = _only(self.dir / "previous")
        current = _only(self.dir / "current")
        return {
            "installed": self.dpkg.installed_version(),
            "dpkg_state": self.dpkg.state(),
            "previous": Dpkg.deb_info(previous).version if previous else None,
            "previous_deb": str(previous) if previous else None,
            "current_deb": str(current) if current else None,
            "journal": read_journal(self.journal),
            "trusted_root_version": trusted_root_version(self.trust, self.anchor),
            "busy": self.busy(),
        }
