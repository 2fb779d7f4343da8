"""The technician's credential: an argon2id hash in `<home>/technician.json` (0600), the lock-out kept in the same
file so a restart does not clear it; an old config's `kiosk.technician_pin` is ignored with a warning."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from app.config import load_config
from app.errors import UserError
from app.technician.credential import (
    CREDENTIAL_FILE,
    MEMORY_COST_KIB,
    PARALLELISM,
    PIN_LOCK_S,
    PIN_TRIES,
    TIME_COST,
    PinLockedError,
    TechnicianCredential,
)

PIN = "24681357"


def test_the_pin_is_stored_as_an_argon2id_hash_only(tmp_path: Path) -> None:
    cred = TechnicianCredential(tmp_path)
    assert not cred.is_set()
    cred.set_pin(PIN)
    path = tmp_path / CREDENTIAL_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["hash"].startswith(f"$argon2id$v=19$m={MEMORY_COST_KIB},t={TIME_COST},p={PARALLELISM}$")
    assert data["failures"] == 0 and data["locked_until"] == 0
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert PIN.encode() not in f.read_bytes(), f
    assert cred.check(PIN) and not cred.check(PIN[:-1]) and not cred.check("")


@pytest.mark.parametrize("pin", ["12345", "1234567890123", "12345a", "", " 123456", "１２３４５６"])
def test_a_pin_is_6_to_12_digits(tmp_path: Path, pin: str) -> None:
    with pytest.raises(UserError) as refused:
        TechnicianCredential(tmp_path).set_pin(pin)
    assert refused.value.code == "technician.pin_format"
    assert not (tmp_path / CREDENTIAL_FILE).exists()


def test_no_credential_refuses_and_says_how_to_set_one(tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        TechnicianCredential(tmp_path).check("000000")
    assert refused.value.code == "technician.no_credential"
    assert "yunban provision --technician-pin" in str(refused.value)


def test_a_corrupt_file_refuses(tmp_path: Path) -> None:
    (tmp_path / CREDENTIAL_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        TechnicianCredential(tmp_path).check(PIN)
    assert refused.value.code == "technician.credential_unreadable"


def test_the_lock_out_survives_a_restart_and_ends_after_the_lock_time(tmp_path: Path) -> None:
    now = [1_000_000.0]
    TechnicianCredential(tmp_path).set_pin(PIN)
    first = TechnicianCredential(tmp_path, clock=lambda: now[0])
    for _ in range(PIN_TRIES):
        assert not first.check("999999")
    restarted = TechnicianCredential(tmp_path, clock=lambda: now[0])  # a new process on the same home
    with pytest.raises(PinLockedError) as locked:
        restarted.check(PIN)
    assert locked.value.wait_s == PIN_LOCK_S
    now[0] += PIN_LOCK_S - 1
    with pytest.raises(PinLockedError):
        TechnicianCredential(tmp_path, clock=lambda: now[0]).check(PIN)
    now[0] += 1
    again = TechnicianCredential(tmp_path, clock=lambda: now[0])
    assert not again.check("999999")  # one more wrong PIN after the lock: twice as long, also after a restart
    with pytest.raises(PinLockedError) as locked:
        TechnicianCredential(tmp_path, clock=lambda: now[0]).check(PIN)
    assert locked.value.wait_s == 2 * PIN_LOCK_S
    now[0] += 2 * PIN_LOCK_S
    assert TechnicianCredential(tmp_path, clock=lambda: now[0]).check(PIN)
    data = json.loads((tmp_path / CREDENTIAL_FILE).read_text(encoding="utf-8"))
    assert data["failures"] == 0 and data["locked_until"] == 0  # the right PIN cleared it


def test_a_clock_set_back_never_locks_longer_than_the_longest_lock(tmp_path: Path) -> None:
    from app.technician.credential import PIN_LOCK_MAX_S

    cred = TechnicianCredential(tmp_path, clock=lambda: 1_000_000.0)
    cred.set_pin(PIN)
    state = json.loads((tmp_path / CREDENTIAL_FILE).read_text(encoding="utf-8"))
    state.update(failures=PIN_TRIES, locked_until=9_000_000.0)
    (tmp_path / CREDENTIAL_FILE).write_text(json.dumps(state), encoding="utf-8")
    with pytest.raises(PinLockedError) as locked:
        cred.check(PIN)
    assert locked.value.wait_s == PIN_LOCK_MAX_S


def test_an_old_config_with_technician_pin_still_loads(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[kiosk]\ntechnician_pin = "000000"\nidle_timeout_s = 90\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="app.config"):
        config = load_config(path, env={})
    assert config.kiosk.idle_timeout_s == 90
    assert not hasattr(config.kiosk, "technician_pin")
    assert "kiosk.technician_pin" in caplog.text and "yunban provision --technician-pin" in caplog.text
