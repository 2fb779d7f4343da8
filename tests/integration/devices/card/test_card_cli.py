"""`yunban devices read-card` and `yunban devices list` as a technician runs them: real processes, real wires."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from devices.emulators.demo_cards import DemoSocialSecurityCard, hmt_permit_card, resident_card
from devices.emulators.ga467_pty import Ga467PtyEmulator
from devices.emulators.pcscd_sandbox import PcscdSandbox
from devices.emulators.vpcd_card import VpcdCardEmulator

YUNBAN = str(Path(sys.executable).parent / "yunban")
KEYS = [
    "card_type",
    "name",
    "name_en",
    "gender",
    "ethnicity",
    "birth_date",
    "address",
    "id_number",
    "authority",
    "valid_from",
    "valid_to",
    "nationality",
    "additional_address",
    "issue_date",
    "photo",
]


def yunban(home: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    """`yunban ARGS --json` in a subprocess; messages in Chinese unless `env` picks another language."""
    proc = subprocess.run(
        [YUNBAN, "--home", str(home), *args, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "YUNBAN_LANG": "zh_CN", **(env or {})},
    )
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def configure(home: Path, driver: str, port: str = "") -> None:
    (home / "config.toml").write_text(f'[devices.card]\ndriver = "{driver}"\nport = "{port}"\n', encoding="utf-8")


def test_read_card_from_the_ga467_emulator(home: Path, emulator: Ga467PtyEmulator) -> None:
    emulator.lay(resident_card(name="𠮷䶮"))
    code, data = yunban(home, "devices", "read-card", "--driver", "ga467", "--port", emulator.port, "--timeout", "3")
    assert code == 0
    assert list(data) == KEYS
    assert data["name"] == "𠮷䶮" and data["gender"] == "女" and data["ethnicity"] == "彝族"
    assert data["name_en"] is None and data["nationality"] is None
    assert data["photo"] == {"format": "wlt", "bytes": 1024}


def test_read_card_with_photo_prints_its_bytes_for_submit(home: Path, emulator: Ga467PtyEmulator) -> None:
    import base64

    card = resident_card()
    emulator.lay(card)
    args = ("devices", "read-card", "--driver", "ga467", "--port", emulator.port, "--timeout", "3", "--with-photo")
    code, data = yunban(home, *args)
    assert code == 0 and list(data) == KEYS
    photo = data["photo"]
    assert isinstance(photo, dict) and photo["format"] == "wlt" and photo["bytes"] == 1024
    assert base64.b64decode(photo["base64"]) == card.photo  # what `yunban submit --card-json` stores encrypted


def test_configured_driver_and_port_are_used(home: Path, emulator: Ga467PtyEmulator) -> None:
    configure(home, "ga467", emulator.port)
    emulator.lay(hmt_permit_card())
    code, data = yunban(home, "devices", "read-card", "--timeout", "3")
    assert code == 0 and data["card_type"] == "hmt_residence_permit" and data["ethnicity"] is None


def test_read_card_errors_carry_a_code(home: Path, emulator: Ga467PtyEmulator) -> None:
    emulator.lift()
    code, data = yunban(home, "devices", "read-card", "--driver", "ga467", "--port", emulator.port, "--timeout", "0.5")
    assert code == 2 and data == {"code": "no_card", "error": "0.5秒内未检测到证件，请将证件平放在读卡区"}
    args = ("devices", "read-card", "--driver", "ga467", "--port", emulator.port, "--timeout", "0.5")
    code, data = yunban(home, *args, env={"YUNBAN_LANG": "", "LANG": "en_GB.UTF-8"})
    assert code == 2 and data == {"code": "no_card", "error": "no card was laid on the reader within 0.5 s"}
    emulator.lay(resident_card())
    emulator.set_fault("bad_checksum")
    code, data = yunban(home, "devices", "read-card", "--driver", "ga467", "--port", emulator.port, "--timeout", "2")
    assert code == 2 and data["code"] == "checksum"
    code, data = yunban(home, "devices", "read-card", "--driver", "ga467", "--port", "/dev/yunban-none")
    assert code == 2 and data["code"] == "unavailable"


def test_simulated_driver(home: Path) -> None:
    code, data = yunban(home, "devices", "read-card", "--driver", "simulated", "--port", "foreign_permanent_2017")
    assert code == 0 and data["card_type"] == "foreign_permanent_2017" and data["nationality"] == "CAN"
    assert data["name_en"] == "SMITH, JOHN ALEXANDER"


def test_devices_list_shows_the_card_reader_state(home: Path, emulator: Ga467PtyEmulator) -> None:
    code, data = yunban(home, "devices", "list")
    assert code == 0
    cards = [d for d in data["devices"] if d["kind"] == "card"]
    assert cards and cards[0]["driver"] == "simulated" and cards[0]["state"] == "ready"
    configure(home, "ga467", emulator.port)
    _, data = yunban(home, "devices", "list")
    card = next(d for d in data["devices"] if d["kind"] == "card")
    assert card["state"] == "ready" and card["details"]["sam_id"] == "05.01-20101231-0012345678-0987654321"
    emulator.set_fault("sam_fault")
    _, data = yunban(home, "devices", "list")
    card = next(d for d in data["devices"] if d["kind"] == "card")
    assert card["state"] == "fault" and "安全模块" in card["message"]
    configure(home, "ga467", "")
    _, data = yunban(home, "devices", "list")
    assert next(d for d in data["devices"] if d["kind"] == "card")["state"] == "not_configured"
    configure(home, "ga467", "/dev/yunban-none")
    _, data = yunban(home, "devices", "list")
    assert next(d for d in data["devices"] if d["kind"] == "card")["state"] == "unavailable"


def test_pcscd_not_running(home: Path, tmp_path: Path) -> None:
    env = {"PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd" / "pcscd.comm")}
    code, data = yunban(home, "devices", "read-card", "--driver", "pcsc", "--timeout", "1", env=env)
    assert code == 2 and data["code"] == "unavailable" and "pcscd" in str(data["error"])
    configure(home, "pcsc")
    code, data = yunban(home, "devices", "list", env=env)
    card = next(d for d in data["devices"] if d["kind"] == "card")
    assert card["state"] == "unavailable" and "pcscd" in card["message"]


def test_read_social_security_card_through_pcscd(home: Path, pcscd: PcscdSandbox) -> None:
    from tests.integration.devices.card.test_pcsc import READER

    emulator = VpcdCardEmulator(DemoSocialSecurityCard(), netns=pcscd.netns)
    emulator.insert()
    try:
        code, data = yunban(
            home, "devices", "read-card", "--driver", "pcsc", "--port", READER, "--timeout", "5", env=pcscd.env()
        )
        assert code == 0, data
        assert data["card_type"] == "social_security" and data["name"] == "李明华" and data["ethnicity"] == "彝族"
        assert data["birth_date"] == "1988-03-15" and data["photo"] is None
        assert data["valid_to"] == "2030-01-15" and data["issue_date"] == "2020-01-15"  # EF05/06 and EF05/05
    finally:
        emulator.remove()


def test_card_emulator_command_serves_a_card_again_and_again(home: Path) -> None:
    import signal

    from devices.card.ga467 import Ga467Reader

    proc = subprocess.Popen(
        [YUNBAN, "--home", str(home), "devices", "card-emulator", "--card", "foreign_permanent_2023"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        port = proc.stdout.readline().strip()
        assert port.startswith("/dev/pts/")
        reader = Ga467Reader(port)
        try:
            assert reader.read_card(3).card_type == "foreign_permanent_2023"
            assert reader.read_card(5).fields["nationality"] == "CAN"  # laid again by the emulator
        finally:
            reader.close()
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
