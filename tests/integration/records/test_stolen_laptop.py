"""A grid worker's laptop stolen with its disk (issue 15): what a thief can read.

The laptop runs with `keyring.unlock = "worker"`: the keystore's passphrase is typed by the worker and never stored
on the disk, and a county recovery slot seals it to the county's public key. Tests, with the real CLI, real records,
a real encrypted attachment store and keystore:

- with the worker's passphrase the laptop works (a submission with a scanned page, offline);
- without it, every command that needs personal data refuses with the one thing to do, and no file on the disk
  contains the applicant's name, ID number, phone or address, in any of the encodings they could be stored in;
- a wrong passphrase opens nothing;
- the county's private key recovers the passphrase from the disk alone (a worker who forgot it or left), another
  county key does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.context import AppContext
from app.records.keystore import PASSPHRASE_ENV, lock_worker_keystore
from tests.integration.apply.conftest import DIBAO_ITEM, SIGNATURE_PNG, dibao_answers, dump, jpeg_page
from tests.integration.laptop.conftest import signature_png

WORKER = "田间地头 2026 走访"
NAME = "段玉珍"
ID = "53252419880315002X"  # GB 11643: female (even 17th digit), born 1988-03-15
PHONE = "13987650123"
ADDRESS = "云南省建水县西庄镇团山村委会石榴园12号"
CARD = {"card_type": "resident_id", "name": NAME, "gender": "女", "birth_date": "1988-03-15", "address": ADDRESS,
        "id_number": ID, "valid_to": "2038-04-01"}  # fmt: skip


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    capsys.readouterr()
    rc = main(list(argv))
    out = capsys.readouterr().out
    try:
        return rc, json.loads(out)
    except ValueError:
        return rc, out


@pytest.fixture
def laptop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, Any]]:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    rc, county = _run(capsys, "keyring", "recovery-keygen", str(tmp_path / "county-safe"), "--json")
    assert rc == 0
    home = tmp_path / "laptop"
    home.mkdir()
    (home / "config.toml").write_text(
        '[terminal]\nrole = "laptop"\n\n[keyring]\nbackend = "file"\nunlock = "worker"\n'
        f'recovery_public_key = "{county["public_key"]}"\n',
        encoding="utf-8",
    )
    yield {"home": home, "county": county}
    lock_worker_keystore(home)


def _submit(home: Path, tmp_path: Path) -> list[str]:
    scan = tmp_path / "id-card.jpg"
    scan.write_bytes(jpeg_page())
    villager = tmp_path / "villager-signature.png"  # 帮办代办: the villager's consent (docs/laptop.md)
    villager.write_bytes(signature_png())
    argv = ["submit", "--consent", "--home", str(home), "--item", DIBAO_ITEM, "--channel", "laptop", "--json",
            "--data", str(dump(tmp_path / "d.json", {**dibao_answers(), "phone": PHONE, "signature": SIGNATURE_PNG})),
            "--card-json", str(dump(tmp_path / "card.json", CARD)), "--attach", f"id_card={scan}",
            "--agent-signature", str(villager)]  # fmt: skip
    for slot in ("application", "hukou", "income_statement", "authorization", "bank_account"):
        argv += ["--defer", slot]
    return argv


def _needles() -> list[bytes]:
    out: list[bytes] = []
    for text in (NAME, ID, PHONE, ADDRESS, "石榴园"):
        for codec in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
            out.append(text.encode(codec))
    out.append(json.dumps(NAME).encode("ascii"))  # "\\u6bb5..." as json.dumps(ensure_ascii=True) writes it
    return out


def test_a_thief_with_the_disk_reads_nothing_personal(
    laptop: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home: Path = laptop["home"]
    monkeypatch.setenv(PASSPHRASE_ENV, WORKER)  # the worker's own shell
    rc, submitted = _run(capsys, *_submit(home, tmp_path))
    assert rc == 0, submitted
    receipt = submitted["receipt_no"]
    rc, shown = _run(capsys, "records", "show", receipt, "--home", str(home), "--json")
    assert rc == 0 and shown["receipt_no"] == receipt
    ctx = AppContext(home)
    try:
        row = ctx.records_db.find_by_receipt(receipt)
        assert row is not None and NAME in row.payload and ID in row.payload  # decrypted with the worker's key
    finally:
        ctx.close()
    assert (home / "keystore.recovery").is_file()

    # The laptop is stolen: no passphrase in the thief's environment, none on the disk.
    lock_worker_keystore(home)
    monkeypatch.delenv(PASSPHRASE_ENV)
    rc, refused = _run(capsys, "records", "show", receipt, "--home", str(home), "--json")
    assert rc == 2 and refused["code"] == "records.keystore_worker_locked"
    assert "解锁密码" in refused["error"] and "恢复密钥" in refused["error"]

    files = [p for p in home.rglob("*") if p.is_file()]
    assert len(files) >= 5  # records.db, keystore.enc, keystore.recovery, the attachment, config.toml, ...
    needles = _needles()
    leaks = [(str(p.relative_to(home)), n) for p in files for n in needles if n in p.read_bytes()]
    assert leaks == [], f"personal data readable on the disk: {leaks}"

    # Guessing does not open it either.
    monkeypatch.setenv(PASSPHRASE_ENV, "12345678")
    rc, wrong = _run(capsys, "records", "show", receipt, "--home", str(home), "--json")
    assert rc == 2 and wrong["code"] == "records.keystore_wrong_passphrase"


def test_the_county_key_recovers_the_passphrase_from_the_disk_alone(
    laptop: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home: Path = laptop["home"]
    monkeypatch.setenv(PASSPHRASE_ENV, WORKER)
    assert _run(capsys, *_submit(home, tmp_path))[0] == 0
    lock_worker_keystore(home)
    monkeypatch.delenv(PASSPHRASE_ENV)

    key_file = laptop["county"]["private_key_file"]
    rc, recovered = _run(capsys, "keyring", "recover", "--home", str(home), "--recovery-key", key_file, "--json")
    assert rc == 0 and recovered == {"passphrase": WORKER, "fingerprint": laptop["county"]["fingerprint"]}
    monkeypatch.setenv(PASSPHRASE_ENV, recovered["passphrase"])
    rc, status = _run(capsys, "sync", "status", "--home", str(home), "--json")
    assert rc == 0 and status.get("pending", 0) >= 1  # the undelivered submission is still there to deliver

    rc, _ = _run(capsys, "keyring", "recovery-keygen", str(tmp_path / "other-county"), "--json")
    other = next((tmp_path / "other-county").glob("county-recovery-*.key"))
    rc, wrong = _run(capsys, "keyring", "recover", "--home", str(home), "--recovery-key", str(other), "--json")
    assert rc == 2 and wrong["code"] == "records.recovery_other_key"


def test_a_laptop_config_with_a_bad_recovery_key_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "laptop"
    home.mkdir()
    (home / "config.toml").write_text('[keyring]\nunlock = "worker"\nrecovery_public_key = "not a key"\n', "utf-8")
    rc, out = _run(capsys, "sync", "status", "--home", str(home), "--json")
    assert rc == 2 and out["code"] == "config.recovery_public_key"
