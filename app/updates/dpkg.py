"""The real dpkg, driven for one installation root: the installed `yunban` version, version comparison, a .deb's
control fields, installing a .deb and finishing an interrupted run.

Contract: `Dpkg(root="")` is this machine's dpkg database; a non-empty `root` (`[update] dpkg_root`, tests only)
installs into that directory with `dpkg --root=DIR --force-script-chrootless` and logs into it, so tests never
touch the machine's own package database. Every call runs the dpkg programs; nothing is parsed by hand except
`dpkg-query`'s one-line output.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PACKAGE", "DebInfo", "Dpkg", "DpkgError"]

PACKAGE = "yunban"


class DpkgError(Exception):
    """A dpkg program failed; the message is its last line of error output."""


@dataclass(frozen=True, slots=True)
class DebInfo:
    package: str
    version: str
    architecture: str
    installed_size_kb: int


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, env={**os.environ, "LC_ALL": "C"})


def _last_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (proc.stderr or proc.stdout or "").splitlines() if line.strip()]
    return lines[-1].strip() if lines else f"exit code {proc.returncode}"


class Dpkg:
    """dpkg for one root ("" = this machine)."""

    def __init__(self, root: str | os.PathLike[str] = "") -> None:
        self.root = str(root)

    @property
    def options(self) -> list[str]:
        """The options every dpkg call gets (empty for this machine)."""
        if not self.root:
            return []
        return [f"--root={self.root}", "--force-script-chrootless", f"--log={self.root}/var/lib/dpkg/dpkg.log"]

    @property
    def instdir(self) -> Path:
        return Path(self.root or "/")

    def installed_version(self) -> str | None:
        """The installed (or half-installed) version of `yunban`, None when it is not installed at all."""
        admindir = ["--admindir", f"{self.root}/var/lib/dpkg"] if self.root else []
        proc = _run(["dpkg-query", *admindir, "-W", "-f=${Version}\t${db:Status-Abbrev}", PACKAGE])
        if proc.returncode != 0:
            return None
        version, _, status = proc.stdout.partition("\t")
        if not version or status.strip().startswith(("un", "pn")):
            return None
        return version

    def state(self) -> str:
        """dpkg's status abbreviation for `yunban` (`ii ` installed, `iU ` unpacked, `iF ` half-configured…)."""
        admindir = ["--admindir", f"{self.root}/var/lib/dpkg"] if self.root else []
        proc = _run(["dpkg-query", *admindir, "-W", "-f=${db:Status-Abbrev}", PACKAGE])
        return proc.stdout.strip() if proc.returncode == 0 else "un"

    @staticmethod
    def compare(a: str, op: str, b: str) -> bool:
        """`dpkg --compare-versions a op b` (op: lt, le, eq, ge, gt)."""
        return _run(["dpkg", "--compare-versions", a, op, b]).returncode == 0

    @staticmethod
    def host_architecture() -> str:
        proc = _run(["dpkg", "--print-architecture"])
        if proc.returncode != 0:
            raise DpkgError(_last_line(proc))
        return proc.stdout.strip()

    @staticmethod
    def deb_info(deb: Path) -> DebInfo:
        """The control fields of a .deb (`dpkg-deb -f`); DpkgError for a file that is not a readable .deb."""
        proc = _run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Installed-Size"])
        if proc.returncode != 0:
            raise DpkgError(_last_line(proc))
        fields: dict[str, str] = {}
        for line in proc.stdout.splitlines():
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
        size = fields.get("Installed-Size", "0")
        return DebInfo(
            package=fields.get("Package", ""),
            version=fields.get("Version", ""),
            architecture=fields.get("Architecture", ""),
            installed_size_kb=int(size) if size.isdigit() else 0,
        )

    def install(self, deb: Path) -> None:
        """`dpkg -i deb` (downgrades allowed: a rollback installs an older version)."""
        proc = _run(["dpkg", *self.options, "--force-downgrade", "-i", str(deb)])
        if proc.returncode != 0:
            raise DpkgError(_last_line(proc))

    def configure_pending(self) -> None:
        """`dpkg --configure -a`: finish whatever an interrupted run left unpacked (errors ignored: the re-install
        that follows is what decides)."""
        _run(["dpkg", *self.options, "--configure", "-a"])

    def repack_installed(self, out_dir: Path) -> Path | None:
        """The installed package rebuilt as a .deb with dpkg-repack (this machine only), None when impossible."""
        if self.root or not _which("dpkg-repack"):
            return None
        out_dir.mkdir(parents=True, exist_ok=True)
        # zstd: dpkg-deb's default (xz) takes minutes over the ~740 MB the package installs; zstd takes seconds.
        command = ["dpkg-repack", "--deb-option=-Zzstd", PACKAGE]
        proc = subprocess.run(command, cwd=out_dir, capture_output=True, text=True, check=False)
        debs = sorted(out_dir.glob(f"{PACKAGE}_*.deb"))
        return debs[-1] if proc.returncode == 0 and debs else None


def _which(name: str) -> bool:
    return any(Path(d, name).exists() for d in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep))
