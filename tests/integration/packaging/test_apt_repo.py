"""Online updates through Yunban's signed apt repository, checked with the real gpg, apt-ftparchive and apt.

Repositories are built by packaging/apt/make-repo.sh from tiny `yunban` packages (`dpkg-deb -b`, never the real
252 MB build) with throw-away GnuPG keys, served by `yunban platform serve --apt-repo DIR` on 127.0.0.1, and read by
apt-get in a state of its own (APT_CONFIG names its lists, cache, sources, keyrings and an empty dpkg status; this
machine's apt state is never read or written). The sources file is packaging/apt/yunban.sources with its URI and
Signed-By path filled in, as a technician would. Shown: the good repository updates and its package downloads;
a .deb changed after signing, an index changed after signing, a repository signed by another key (even one the
system keyring trusts), a Release past its Valid-Until and an unsigned repository are all refused.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.platform import REPO, YUNBAN

MAKE_REPO = REPO / "packaging" / "apt" / "make-repo.sh"
SOURCES_TEMPLATE = REPO / "packaging" / "apt" / "yunban.sources"
TEMPLATE_URI = "http://PLATFORM-HOST:8700/apt/"
TEMPLATE_KEYRING = "/usr/share/keyrings/yunban-archive-keyring.gpg"

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("apt-get", "apt-ftparchive", "gpg", "gpgconf", "dpkg-deb")),
    reason="needs apt-get, apt-ftparchive (apt-utils), gpg and dpkg-deb",
)


def run(
    cmd: list[str | Path], env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    argv = [str(c) for c in cmd]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False, env=env, cwd=cwd)


def make_key(home: Path, name: str, subkey: bool = False) -> str:
    """A passphrase-less ed25519 key in a new GnuPG home; its primary fingerprint. With `subkey`, as README.md
    advises: a certify-only primary and a signing subkey, the primary's secret then removed (kept offline)."""
    home.mkdir(mode=0o700)
    gpg: list[str | Path] = ["gpg", "--homedir", home, "--batch", "--passphrase", ""]
    gen = run([*gpg, "--quick-gen-key", name, "ed25519", "cert" if subkey else "sign", "1d"])
    assert gen.returncode == 0, gen.stderr
    listing = run([*gpg, "--with-colons", "--list-secret-keys"]).stdout
    fpr = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))
    if subkey:
        assert run([*gpg, "--quick-add-key", fpr, "ed25519", "sign", "1d"]).returncode == 0
        keygrip = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("grp:"))
        assert run(["gpg-connect-agent", "--homedir", home, f"DELETE_KEY --force {keygrip}", "/bye"]).returncode == 0
        assert "sec#" in run([*gpg, "--list-secret-keys"]).stdout  # the primary's secret is gone
    return fpr


def make_deb(out: Path, version: str) -> Path:
    root = out.with_suffix(".d")
    (root / "DEBIAN").mkdir(parents=True)
    (root / "DEBIAN" / "control").write_text(
        f"Package: yunban\nVersion: {version}\nArchitecture: amd64\nMaintainer: Yunban <dev@yunban.invalid>\n"
        "Description: Yunban test package\n"
    )
    (root / "usr" / "share" / "yunban").mkdir(parents=True)
    (root / "usr" / "share" / "yunban" / "payload").write_bytes(os.urandom(4096))  # stored: bytes to flip
    built = run(["dpkg-deb", "--root-owner-group", "-Znone", "-b", root, out])
    assert built.returncode == 0, built.stderr
    return out


def make_repo(out: Path, gnupghome: Path, *debs: Path, extra: tuple[str, ...] = ()) -> None:
    made = run([MAKE_REPO, "--out", out, "--gnupghome", gnupghome, *extra, *debs])
    assert made.returncode == 0, made.stderr


@dataclass
class Setup:
    url: str  # the platform's /apt/, each repository a folder below it
    served: Path
    deb: Path
    ours: Path  # our GnuPG home
    other: Path  # another key's GnuPG home
    other_fpr: str
    keyring: Path  # ours, exported as the yunban package ships it


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    root = tmp_path_factory.mktemp("apt")
    ours, other = root / "gnupg-ours", root / "gnupg-other"
    make_key(ours, "Yunban test archive <archive@yunban.invalid>", subkey=True)
    other_fpr = make_key(other, "Someone else <else@example.invalid>")
    keyring = root / "yunban-archive-keyring.gpg"
    keyring.write_bytes(subprocess.run(["gpg", "--homedir", ours, "--export"], capture_output=True, check=True).stdout)
    deb = make_deb(root / "yunban_0.2.0_amd64.deb", "0.2.0")
    served = root / "served"
    served.mkdir()
    (root / "secret.txt").write_text("outside the repository\n")
    proc = subprocess.Popen(
        [*YUNBAN, "platform", "serve", "--port", "0", "--data", str(root / "platform"), "--apt-repo", str(served)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        url = json.loads(line)["url"] + "/apt/"
        yield Setup(url, served, deb, ours, other, other_fpr, keyring)
    finally:
        proc.terminate()
        proc.wait(15)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
        for home in (ours, other):
            run(["gpgconf", "--homedir", home, "--kill", "gpg-agent"])


class Apt:
    """apt-get in an isolated state: only the sources, keyrings and lists under `state` are read."""

    def __init__(self, state: Path, sources: str, trusted: tuple[Path, ...] = ()) -> None:
        self.state = state
        for sub in ("lists/partial", "cache/archives/partial", "etc/parts", "etc/prefs", "etc/trusted", "sources"):
            (state / sub).mkdir(parents=True)
        (state / "status").write_text("")
        (state / "sources" / "yunban.sources").write_text(sources)
        for keyring in trusted:  # the "system" keyrings (trusted.gpg.d): what apt trusts without Signed-By
            shutil.copy(keyring, state / "etc" / "trusted" / keyring.name)
        conf = {
            "Dir::Etc::Main": "/dev/null",
            "Dir::Etc::Parts": state / "etc/parts",
            "Dir::Etc::SourceList": "/dev/null",
            "Dir::Etc::SourceParts": state / "sources",
            "Dir::Etc::Trusted": "/dev/null",
            "Dir::Etc::TrustedParts": state / "etc/trusted",
            "Dir::Etc::Preferences": "/dev/null",
            "Dir::Etc::PreferencesParts": state / "etc/prefs",
            "Dir::State": state,
            "Dir::State::Lists": state / "lists",
            "Dir::State::status": state / "status",
            "Dir::Cache": state / "cache",
            "APT::Architecture": "amd64",
            # The methods run as root instead of _apt, which cannot enter pytest's 0700 temp dirs.
            "APT::Sandbox::User": "root",
            "Acquire::Languages": "none",
            "Acquire::http::Proxy": "DIRECT",
            "Acquire::Retries": "0",
        }
        (state / "apt.conf").write_text("".join(f'{k} "{v}";\n' for k, v in conf.items()))
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update({"APT_CONFIG": str(state / "apt.conf"), "LC_ALL": "C"})

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run(["apt-get", "-q", *args], env=self.env, cwd=self.state)

    def downloaded(self) -> list[Path]:
        return sorted((self.state / "cache" / "archives").glob("*.deb"))


def sources_for(uri: str, keyring: Path | None) -> str:
    """packaging/apt/yunban.sources as a technician fills it in (keyring None: the Signed-By line removed)."""
    text = SOURCES_TEMPLATE.read_text()
    assert TEMPLATE_URI in text and f"Signed-By: {TEMPLATE_KEYRING}" in text
    text = text.replace(TEMPLATE_URI, uri)
    if keyring is None:
        return "\n".join(line for line in text.splitlines() if not line.startswith("Signed-By:")) + "\n"
    return text.replace(TEMPLATE_KEYRING, str(keyring))


def our_keyring(s: Setup) -> Path:
    return s.keyring


@pytest.fixture(scope="module")
def good(setup: Setup) -> Path:
    repo = setup.served / "good"
    make_repo(repo, setup.ours, setup.deb)
    return repo


def test_good_repository_updates_and_its_package_downloads(setup: Setup, good: Path, tmp_path: Path) -> None:
    release = (good / "dists" / "bookworm" / "Release").read_text()
    assert "Architectures: amd64" in release and "Valid-Until: " in release and "SHA256:" in release
    apt = Apt(tmp_path, sources_for(setup.url + "good/", our_keyring(setup)))
    update = apt("update")
    assert update.returncode == 0, update.stdout + update.stderr
    assert "InRelease" in update.stdout and update.stderr == ""
    again = apt("update")  # unchanged repository: apt's If-Modified-Since gets 304 from the platform
    assert again.returncode == 0 and "Hit:1" in again.stdout, again.stdout
    got = apt("install", "--download-only", "-y", "yunban")
    assert got.returncode == 0, got.stdout + got.stderr
    assert [p.name for p in apt.downloaded()] == ["yunban_0.2.0_amd64.deb"]
    assert apt.downloaded()[0].read_bytes() == setup.deb.read_bytes()


def test_deb_changed_after_signing_is_refused(setup: Setup, tmp_path: Path) -> None:
    repo = setup.served / "tampered-deb"
    make_repo(repo, setup.ours, setup.deb)
    pooled = repo / "pool" / "main" / "yunban_0.2.0_amd64.deb"
    data = bytearray(pooled.read_bytes())
    data[-100:-90] = bytes(b ^ 0xFF for b in data[-100:-90])  # same size, other bytes (in the payload)
    pooled.write_bytes(bytes(data))
    apt = Apt(tmp_path, sources_for(setup.url + "tampered-deb/", our_keyring(setup)))
    assert apt("update").returncode == 0  # the signed indexes are intact
    got = apt("install", "--download-only", "-y", "yunban")
    assert got.returncode != 0
    assert "Hash Sum mismatch" in got.stderr, got.stderr
    assert apt.downloaded() == []


def test_index_changed_after_signing_is_refused(setup: Setup, tmp_path: Path) -> None:
    repo = setup.served / "tampered-index"
    make_repo(repo, setup.ours, setup.deb)
    binary = repo / "dists" / "bookworm" / "main" / "binary-amd64"
    (binary / "Packages.gz").unlink()
    packages = binary / "Packages"
    packages.write_text(packages.read_text().replace("Version: 0.2.0", "Version: 9.9.9"))  # same size
    apt = Apt(tmp_path, sources_for(setup.url + "tampered-index/", our_keyring(setup)))
    update = apt("update")
    assert update.returncode != 0
    assert "Hash Sum mismatch" in update.stderr, update.stderr
    refused_then_nothing_known(apt)


def refused_then_nothing_known(apt: Apt) -> None:
    got = apt("install", "--download-only", "-y", "yunban")
    assert got.returncode != 0
    assert "Unable to locate package yunban" in got.stderr, got.stderr
    assert apt.downloaded() == []


@pytest.fixture(scope="module")
def other_signed(setup: Setup) -> Path:
    repo = setup.served / "other-key"
    make_repo(repo, setup.other, setup.deb)
    return repo


def test_repository_signed_by_another_key_is_refused_even_if_the_system_trusts_that_key(
    setup: Setup, good: Path, other_signed: Path, tmp_path: Path
) -> None:
    other_keyring = other_signed / "yunban-archive-keyring.gpg"  # that key, as if in /etc/apt/trusted.gpg.d
    apt = Apt(tmp_path, sources_for(setup.url + "other-key/", our_keyring(setup)), trusted=(other_keyring,))
    update = apt("update")
    assert update.returncode != 0
    assert f"NO_PUBKEY {setup.other_fpr[-16:]}" in update.stdout + update.stderr
    assert "is not signed" in update.stderr, update.stderr
    refused_then_nothing_known(apt)


def test_without_signed_by_the_system_keyring_would_have_accepted_it(
    setup: Setup, other_signed: Path, tmp_path: Path
) -> None:
    """The control case of the test above: it is the sources file's Signed-By that refuses the other key."""
    other_keyring = other_signed / "yunban-archive-keyring.gpg"
    apt = Apt(tmp_path, sources_for(setup.url + "other-key/", None), trusted=(other_keyring,))
    update = apt("update")
    assert update.returncode == 0, update.stderr


def test_release_past_its_valid_until_is_refused(setup: Setup, tmp_path: Path) -> None:
    repo = setup.served / "expired"
    make_repo(repo, setup.ours, setup.deb, extra=("--date", "10 days ago", "--valid-days", "3"))
    apt = Apt(tmp_path, sources_for(setup.url + "expired/", our_keyring(setup)))
    update = apt("update")
    assert update.returncode != 0
    assert "is expired" in update.stderr, update.stderr
    refused_then_nothing_known(apt)


def test_unsigned_repository_is_refused(setup: Setup, tmp_path: Path) -> None:
    repo = setup.served / "unsigned"
    make_repo(repo, setup.ours, setup.deb)
    for name in ("InRelease", "Release.gpg"):
        (repo / "dists" / "bookworm" / name).unlink()
    apt = Apt(tmp_path, sources_for(setup.url + "unsigned/", our_keyring(setup)))
    update = apt("update")
    assert update.returncode != 0
    assert "is not signed" in update.stderr, update.stderr
    refused_then_nothing_known(apt)


def test_resigning_without_packages_keeps_them_and_moves_valid_until(setup: Setup, tmp_path: Path) -> None:
    repo = setup.served / "resigned"
    make_repo(repo, setup.ours, setup.deb, extra=("--date", "10 days ago", "--valid-days", "3"))
    make_repo(repo, setup.ours)  # the release manager's monthly re-sign: no .deb
    apt = Apt(tmp_path, sources_for(setup.url + "resigned/", our_keyring(setup)))
    assert apt("update").returncode == 0
    got = apt("install", "--download-only", "-y", "yunban")
    assert got.returncode == 0, got.stderr
    assert [p.name for p in apt.downloaded()] == ["yunban_0.2.0_amd64.deb"]


def test_make_repo_refuses_a_different_file_under_a_published_name(setup: Setup, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_repo(repo, setup.ours, setup.deb)
    other = make_deb(tmp_path / "rebuilt.deb", "0.2.0")  # same version, other bytes
    made = run([MAKE_REPO, "--out", repo, "--gnupghome", setup.ours, other])
    assert made.returncode == 1
    assert "bump the version" in made.stderr


def raw_get(url: str, path: str, method: str = "GET") -> tuple[int, str, bytes]:
    """One request with the path sent exactly as given (no client-side `..` removal)."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, resp.getheader("content-type") or "", resp.read()
    finally:
        conn.close()


def test_platform_serves_the_repository_read_only_and_nothing_outside_it(setup: Setup, good: Path) -> None:
    (setup.served / "escape").symlink_to(setup.served.parent / "secret.txt")
    base = setup.url.rstrip("/")
    expected = {
        "/dists/bookworm/InRelease": "text/plain; charset=utf-8",
        "/dists/bookworm/Release.gpg": "application/pgp-signature",
        "/dists/bookworm/main/binary-amd64/Packages.gz": "application/gzip",
        "/pool/main/yunban_0.2.0_amd64.deb": "application/vnd.debian.binary-package",
        "/yunban-archive-keyring.gpg": "application/pgp-keys",
    }
    for path, ctype in expected.items():
        status, got_type, body = raw_get(base, "/apt/good" + path)
        assert (status, got_type) == (200, ctype), path
        assert body == (good / path.lstrip("/")).read_bytes()
    status, _, _ = raw_get(base, "/apt/good/dists/bookworm/InRelease", "HEAD")
    assert status == 200
    for path in ("/apt/../secret.txt", "/apt/%2e%2e/secret.txt", "/apt/good/../../secret.txt", "/apt/escape"):
        status, _, body = raw_get(base, path)
        assert status == 404, path
        assert b"outside the repository" not in body
    assert raw_get(base, "/apt/good/dists/")[0] == 404  # no directory listings
    assert raw_get(base, "/apt/good/dists/bookworm/InRelease", "POST")[0] == 405
    assert raw_get(base, "/v1/health")[0] == 200  # the platform's own routes are untouched


def test_serve_refuses_an_apt_repo_that_is_not_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main as cli

    rc = cli(["platform", "serve", "--port", "0", "--data", str(tmp_path / "p"), "--apt-repo", str(tmp_path / "no")])
    assert rc == 2
    assert "--apt-repo" in capsys.readouterr().err
