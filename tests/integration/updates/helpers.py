"""Tiny real `yunban` packages (dpkg-deb -b) and a terminal whose dpkg is a private root, for the update tests and
benchmarks: nothing touches this machine's own dpkg database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.cli import main
from app.config import UpdateConfig
from app.updates.dpkg import Dpkg
from app.updates.manager import UpdateManager
from app.updates.publish import init_keys

REPO = Path(__file__).resolve().parents[3]
RECOVER = REPO / "packaging" / "debian" / "yunban-update-recover"


def make_deb(
    out_dir: Path,
    version: str,
    *,
    arch: str = "amd64",
    payload_kb: int = 0,
    preinst_wait: Path | None = None,
    fail_postinst: bool = False,
) -> Path:
    """A `yunban` .deb whose /usr/bin/yunban-probe prints `version`. `preinst_wait` (a directory): the preinst
    touches `started` there and waits (up to 60 s) while `hold` exists, so a test can kill the run mid-dpkg.
    `fail_postinst`: the postinst fails (a broken release)."""
    pkg = out_dir / f"build-{version}-{arch}-{payload_kb}-{int(preinst_wait is not None)}{int(fail_postinst)}"
    deb = out_dir / f"yunban_{version}_{arch}{'-wait' if preinst_wait else ''}{'-fail' if fail_postinst else ''}.deb"
    if deb.exists():
        return deb
    (pkg / "DEBIAN").mkdir(parents=True)
    (pkg / "usr" / "bin").mkdir(parents=True)
    (pkg / "DEBIAN" / "control").write_text(
        f"Package: yunban\nVersion: {version}\nArchitecture: {arch}\nMaintainer: Test <t@example.invalid>\n"
        "Description: yunban update test package\n",
        encoding="utf-8",
    )
    probe = pkg / "usr" / "bin" / "yunban-probe"
    probe.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    probe.chmod(0o755)
    if payload_kb:
        (pkg / "usr" / "share" / "yunban-test").mkdir(parents=True)
        (pkg / "usr" / "share" / "yunban-test" / "payload.bin").write_bytes(os.urandom(payload_kb * 1024))
    if preinst_wait is not None:
        started, hold = preinst_wait / "started", preinst_wait / "hold"
        script = pkg / "DEBIAN" / "preinst"
        script.write_text(
            f"#!/bin/sh\ntouch '{started}'\nn=0\n"
            f"while [ -e '{hold}' ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done\nexit 0\n",
            encoding="utf-8",
        )
        script.chmod(0o755)
    if fail_postinst:
        script = pkg / "DEBIAN" / "postinst"
        script.write_text("#!/bin/sh\necho 'postinst: simulated failure' >&2\nexit 1\n", encoding="utf-8")
        script.chmod(0o755)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-b", str(pkg), str(deb)], check=True,
                   capture_output=True)  # fmt: skip
    return deb


def make_dpkg_root(root: Path) -> Path:
    admin = root / "var" / "lib" / "dpkg"
    for sub in ("info", "updates", "triggers"):
        (admin / sub).mkdir(parents=True, exist_ok=True)
    (admin / "status").touch()
    (admin / "available").touch()
    return root


@dataclass
class Terminal:
    """A terminal home whose `[update]` settings point at a private dpkg root and the test release's root."""

    home: Path
    root: Path
    keys: Path
    anchor: Path
    debs: Path

    @property
    def config(self) -> UpdateConfig:
        return UpdateConfig(bundle_root=str(self.anchor), dpkg_root=str(self.root))

    def manager(self) -> UpdateManager:
        return UpdateManager(self.home, self.config, media_globs=())

    def installed(self) -> str | None:
        return Dpkg(self.root).installed_version()

    def probe(self) -> str:
        """What the installed program says (proves the installed version works)."""
        out = subprocess.run([str(self.root / "usr/bin/yunban-probe")], capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def cli(self, *args: str, capsys: Any) -> tuple[int, Any]:
        """`yunban --home HOME ARGS --json` in process: (exit code, parsed JSON)."""
        code = main(["--home", str(self.home), *args, "--json"])
        out = capsys.readouterr().out
        return code, json.loads(out) if out.strip() else None

    def env(self) -> dict[str, str]:
        return {**os.environ, "YUNBAN_HOME": str(self.home), "YUNBAN_LANG": "en"}

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))", *args]


def make_terminal(base: Path, installed: str | None = "0.1.0") -> Terminal:
    """A terminal with `installed` in its private dpkg root (its .deb in that root's apt cache, as apt leaves it)."""
    base.mkdir(parents=True, exist_ok=True)
    keys = base / "release-keys"
    anchor = init_keys(keys)
    debs = base / "debs"
    debs.mkdir(exist_ok=True)
    root = make_dpkg_root(base / "dpkg-root")
    home = base / "home"
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(f'[update]\nbundle_root = "{anchor}"\ndpkg_root = "{root}"\n', encoding="utf-8")
    if installed:
        deb = make_deb(debs, installed)
        Dpkg(root).install(deb)
        cache = root / "var" / "cache" / "apt" / "archives"
        cache.mkdir(parents=True)
        (cache / deb.name).write_bytes(deb.read_bytes())
    return Terminal(home=home, root=root, keys=keys, anchor=anchor, debs=debs)
