"""The terminal's secrets (token, private signing key, data key), kept by the backend `keyring.backend` names.

Contract: never prompts for a password (Keyrings.alt's encrypted backend would, on a TTY, so it is not used); an
unusable backend raises `KeystoreError` saying what to configure.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.errors import UserError
from app.i18n import Message
from app.records import messages as m

log = logging.getLogger(__name__)

BACKENDS = ("auto", "secretservice", "file", "fail")
UNLOCK_MODES = ("provisioned", "worker")
"""`keyring.unlock`: `provisioned` (a kiosk: the file backend's passphrase comes from the system, see
`provisioned_passphrase`) or `worker` (a grid worker's laptop: typed by the worker, never stored on the disk;
`app/records/recovery.py`)."""
MIN_WORKER_PASSPHRASE = 8
PASSPHRASE_ENV = "YUNBAN_KEYRING_PASSPHRASE"
CREDENTIAL_NAME = "yunban-keyring"
DBUS_TIMEOUT_S = 10.0
SERVICE_PREFIX = "yunban"

T = TypeVar("T")


class KeystoreError(UserError):
    """No usable secret store, or the store refused an operation. The message says what to configure; a wrapped
    KeystoreError (why each backend failed) is rendered in the same language."""

    def message(self, language: str = "zh_CN") -> str:
        params = {k: v.message(language) if isinstance(v, UserError) else v for k, v in self.params.items()}
        return self.msg.render(language, **params)


class SecretBackend(Protocol):
    """The three calls we need; keyring's backends and `EncryptedFileBackend` both provide them."""

    def get_password(self, service: str, username: str) -> str | None: ...

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def delete_password(self, service: str, username: str) -> None: ...


def _watchdog(fn: Callable[[], T], timed_out: Message, timeout: float = DBUS_TIMEOUT_S) -> T:
    """Run a D-Bus call in a daemon thread; if it does not return in time (a prompt, a wedged bus), fail clearly."""
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(fn())
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=run, name="keystore-dbus", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise KeystoreError(timed_out, seconds=f"{timeout:.0f}")
    if error:
        raise error[0]
    return result[0]


class SecretServiceBackend:
    """keyring's Secret Service backend, checked first (no prompt) and guarded by a watchdog."""

    def __init__(self, env: Mapping[str, str]) -> None:
        if not env.get("DBUS_SESSION_BUS_ADDRESS"):
            raise KeystoreError(m.KEYSTORE_NO_DBUS)
        _watchdog(self._probe, m.KEYSTORE_TIMEOUT_OPEN)
        import keyring.backends.SecretService

        self._keyring: Any = keyring.backends.SecretService.Keyring()  # type: ignore[no-untyped-call]

    @staticmethod
    def _probe() -> None:
        import secretstorage
        from secretstorage.exceptions import ItemNotFoundException, SecretStorageException

        try:
            conn = secretstorage.dbus_init()
        except SecretStorageException as exc:
            raise KeystoreError(m.KEYSTORE_DBUS_FAILED, error=exc) from exc
        try:
            if not secretstorage.check_service_availability(conn):
                raise KeystoreError(m.KEYSTORE_NO_SERVICE)
            try:
                collection = secretstorage.Collection(conn)  # the default alias; never created here (that prompts)
            except ItemNotFoundException as exc:
                raise KeystoreError(m.KEYSTORE_NO_DEFAULT) from exc
            if collection.is_locked():
                raise KeystoreError(m.KEYSTORE_LOCKED)
        finally:
            conn.close()

    def get_password(self, service: str, username: str) -> str | None:
        value: str | None = _watchdog(lambda: self._keyring.get_password(service, username), m.KEYSTORE_TIMEOUT_READ)
        return value

    def set_password(self, service: str, username: str, password: str) -> None:
        _watchdog(lambda: self._keyring.set_password(service, username, password), m.KEYSTORE_TIMEOUT_WRITE)

    def delete_password(self, service: str, username: str) -> None:
        import keyring.errors

        def delete() -> None:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                self._keyring.delete_password(service, username)

        _watchdog(delete, m.KEYSTORE_TIMEOUT_DELETE)


def provisioned_passphrase(env: Mapping[str, str]) -> str | None:
    """The file backend's passphrase: `$YUNBAN_KEYRING_PASSPHRASE` or the systemd credential `yunban-keyring`."""
    if env.get(PASSPHRASE_ENV):
        return env[PASSPHRASE_ENV]
    creds = env.get("CREDENTIALS_DIRECTORY")
    if creds:
        path = Path(creds) / CREDENTIAL_NAME
        if path.is_file():
            return path.read_text(encoding="utf-8").strip() or None
    return None


class EncryptedFileBackend:
    """Secrets in one AES-256-GCM file; key = scrypt(passphrase, per-file salt). Written atomically, mode 0600."""

    SCRYPT_N = 2**15

    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = path
        self._passphrase = passphrase.encode("utf-8")
        self._lock = threading.Lock()
        self._key: bytes | None = None
        self._salt: bytes | None = None

    def _derive(self, salt: bytes) -> bytes:
        if self._key is None or self._salt != salt:
            self._key = Scrypt(salt=salt, length=32, n=self.SCRYPT_N, r=8, p=1).derive(self._passphrase)
            self._salt = salt
        return self._key

    def _load(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            salt, nonce, blob = (base64.b64decode(doc[k]) for k in ("salt", "nonce", "data"))
        except (OSError, ValueError, KeyError) as exc:
            raise KeystoreError(m.KEYSTORE_FILE_UNREADABLE, path=self.path, error=exc) from exc
        try:
            plain = AESGCM(self._derive(salt)).decrypt(nonce, blob, b"yunban-keystore-v1")
        except InvalidTag as exc:
            raise KeystoreError(m.KEYSTORE_WRONG_PASSPHRASE, path=self.path) from exc
        data: dict[str, str] = json.loads(plain)
        return data

    def _save(self, data: dict[str, str]) -> None:
        salt = self._salt or os.urandom(16)
        nonce = os.urandom(12)
        blob = AESGCM(self._derive(salt)).encrypt(nonce, json.dumps(data).encode(), b"yunban-keystore-v1")
        doc = {"version": 1, "kdf": "scrypt", "n": self.SCRYPT_N, "cipher": "AES-256-GCM"}
        doc.update({k: base64.b64encode(v).decode() for k, v in (("salt", salt), ("nonce", nonce), ("data", blob))})
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        """The secret stored under (service, username); else, since a keystore file belongs to one data directory,
        the one stored for `username` under another `yunban:<home>` service: the same directory at another path
        (a broken terminal's disk read from another machine, a home restored to a new path)."""
        with self._lock:
            data = self._load()
            exact = data.get(f"{service}\0{username}")
            if exact is not None or not service.startswith(SERVICE_PREFIX + ":"):
                return exact
            moved = [v for k, v in data.items() if k.startswith(SERVICE_PREFIX + ":") and k.endswith("\0" + username)]
            return moved[0] if len(moved) == 1 else None

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Load-modify-save under this process's lock and an advisory `flock` shared by every process of the
        terminal (kiosk, CLI, sync): without it two processes writing at once lose one's update, e.g. a data key
        created by each, one of them then orphaning what it encrypted."""
        with self._lock:
            fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)  # drops the flock

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._exclusive():
            data = self._load()
            data[f"{service}\0{username}"] = password
            self._save(data)

    def setdefault_password(self, service: str, username: str, password: str) -> str:
        """The stored secret, or `password` stored now if there is none: atomic across processes."""
        with self._exclusive():
            data = self._load()
            current = data.get(f"{service}\0{username}")
            if current is not None:
                return current
            data[f"{service}\0{username}"] = password
            self._save(data)
            return password

    def delete_password(self, service: str, username: str) -> None:
        with self._exclusive():
            data = self._load()
            if data.pop(f"{service}\0{username}", None) is not None:
                self._save(data)


class Keystore:
    """Named secrets of one terminal (one data directory), in the chosen backend."""

    def __init__(self, backend: SecretBackend, home: Path, name: str) -> None:
        self.backend = backend
        self.service = f"{SERVICE_PREFIX}:{home}"
        self.backend_name = name

    def get(self, key: str) -> str | None:
        return self.backend.get_password(self.service, key)

    def set(self, key: str, value: str) -> None:
        self.backend.set_password(self.service, key, value)

    def delete(self, key: str) -> None:
        self.backend.delete_password(self.service, key)

    def setdefault(self, key: str, value: str) -> str:
        """The secret `key`, or `value` stored as it when there is none (the data key on first use). Atomic across
        processes with the file backend; the Secret Service has no compare-and-set, so there the value is read back
        after writing (a concurrent writer's value wins for both)."""
        setdefault = getattr(self.backend, "setdefault_password", None)
        if setdefault is not None:
            stored: str = setdefault(self.service, key, value)
            return stored
        current = self.get(key)
        if current is not None:
            return current
        self.set(key, value)
        return self.get(key) or value


_UNLOCKED: dict[str, str] = {}
"""home → the passphrase a worker typed in this process (`unlock_worker_keystore`); never written anywhere."""
_UNLOCKED_LOCK = threading.Lock()


def unlock_worker_keystore(home: Path, passphrase: str) -> None:
    """Check the worker's passphrase against `<home>/keystore.enc` (a new laptop: it becomes the passphrase) and keep
    it in this process's memory for `open_keystore(..., unlock="worker")`. KeystoreError: too short, or wrong."""
    if len(passphrase) < MIN_WORKER_PASSPHRASE:
        raise KeystoreError(m.KEYSTORE_UNLOCK_SHORT, n=MIN_WORKER_PASSPHRASE)
    EncryptedFileBackend(home / "keystore.enc", passphrase)._load()  # raises KEYSTORE_WRONG_PASSPHRASE
    with _UNLOCKED_LOCK:
        _UNLOCKED[str(home)] = passphrase


def lock_worker_keystore(home: Path) -> None:
    """Forget the typed passphrase (the worker logs out or the laptop locks)."""
    with _UNLOCKED_LOCK:
        _UNLOCKED.pop(str(home), None)


def worker_passphrase(home: Path, env: Mapping[str, str]) -> str | None:
    """The passphrase a worker typed in this process, else `$YUNBAN_KEYRING_PASSPHRASE` (the worker's own shell);
    never the systemd credential, which would put it on the disk."""
    with _UNLOCKED_LOCK:
        typed = _UNLOCKED.get(str(home))
    return typed or env.get(PASSPHRASE_ENV) or None


def _open_worker(backend: str, home: Path, env: Mapping[str, str], recovery_public_key: str) -> Keystore:
    if backend == "secretservice":  # unlocked by the worker's own desktop log-in: already the worker's credential
        return Keystore(SecretServiceBackend(env), home, "secretservice")
    if backend not in ("file", "auto"):
        raise KeystoreError(m.KEYSTORE_WORKER_BACKEND)
    passphrase = worker_passphrase(home, env)
    if passphrase is None:
        raise KeystoreError(m.KEYSTORE_WORKER_LOCKED, env=PASSPHRASE_ENV)
    if len(passphrase) < MIN_WORKER_PASSPHRASE:
        raise KeystoreError(m.KEYSTORE_UNLOCK_SHORT, n=MIN_WORKER_PASSPHRASE)
    backend_file = EncryptedFileBackend(home / "keystore.enc", passphrase)
    backend_file._load()  # a wrong passphrase fails here, before anything is sealed for recovery
    if recovery_public_key:
        from app.records.recovery import write_slot

        write_slot(home, passphrase, recovery_public_key)
    return Keystore(backend_file, home, "file")


def open_keystore(
    backend: str,
    home: Path,
    env: Mapping[str, str] | None = None,
    *,
    unlock: str = "provisioned",
    recovery_public_key: str = "",
) -> Keystore:
    """The keystore configured by `keyring.backend`, or KeystoreError saying why none is usable.

    - `secretservice`: the freedesktop Secret Service (gnome-keyring, KWallet) over D-Bus, through `keyring`. The
      session's default collection must already be unlocked (the kiosk session unlocks it at login, e.g.
      `gnome-keyring-daemon --unlock`): a locked or missing collection is an error, never a password prompt, and
      every D-Bus call runs under a watchdog so a wedged bus cannot hang the terminal.
    - `file`: an AES-256-GCM encrypted file (`<home>/keystore.enc`) whose key is derived with scrypt from a
      passphrase provisioned by the system: `$YUNBAN_KEYRING_PASSPHRASE`, or the systemd credential `yunban-keyring`
      (`$CREDENTIALS_DIRECTORY/yunban-keyring`, which systemd can seal to the TPM). No passphrase: a clear error.
    - `auto`: `secretservice` if usable, else `file` if a passphrase is provisioned, else an error naming both.
    - `fail`: always refuses (a terminal that must not hold credentials).

    `unlock = "worker"` (a grid worker's laptop): the file backend's passphrase is the one the worker typed
    (`unlock_worker_keystore`) or exported in their own shell, never a systemd credential; none: KeystoreError
    `records.keystore_worker_locked`. With `recovery_public_key`, the passphrase is sealed to the county's key at every
    open (`app/records/recovery.py`).
    """
    env = os.environ if env is None else env
    if backend not in BACKENDS:
        raise KeystoreError(m.KEYSTORE_BAD_BACKEND, known=", ".join(BACKENDS), backend=repr(backend))
    if backend == "fail":
        raise KeystoreError(m.KEYSTORE_FAIL)
    if unlock == "worker":
        return _open_worker(backend, home, env, recovery_public_key)
    if backend == "secretservice":
        return Keystore(SecretServiceBackend(env), home, "secretservice")
    passphrase = provisioned_passphrase(env)
    if backend == "file":
        if passphrase is None:
            raise KeystoreError(m.KEYSTORE_NO_PASSPHRASE, env=PASSPHRASE_ENV, credential=CREDENTIAL_NAME)
        return Keystore(EncryptedFileBackend(home / "keystore.enc", passphrase), home, "file")
    try:
        return Keystore(SecretServiceBackend(env), home, "secretservice")
    except KeystoreError as exc:
        if passphrase is not None:
            log.info("Secret Service unusable (%s); using the encrypted file keystore", exc)
            return Keystore(EncryptedFileBackend(home / "keystore.enc", passphrase), home, "file")
        raise KeystoreError(m.KEYSTORE_NONE, error=exc, env=PASSPHRASE_ENV, credential=CREDENTIAL_NAME) from exc
