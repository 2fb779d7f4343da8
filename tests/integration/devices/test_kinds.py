"""Every device kind opens and probes its own devices from plain settings; the registry only lists the kinds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.config import Config
from app.devices.registry import PROBES, list_devices
from devices import card, printer, scanner
from devices.errors import UnknownDriverError
from devices.printer.errors import PrinterError
from devices.probe import STATES

ROOT = Path(__file__).resolve().parents[3]


def test_each_kind_exposes_its_opener_and_probe() -> None:
    assert callable(card.open_reader) and callable(printer.open_printer) and callable(scanner.open_scanner)
    assert [kind for kind in PROBES] == ["card", "printer", "scanner"]


def test_probes_never_raise_and_name_their_state() -> None:
    probes = [
        *card.probe(card.CardSettings(driver="simulated", port="hmt_residence_permit")),
        *card.probe(card.CardSettings(driver="magic")),
        *card.probe(card.CardSettings(driver="ga467")),
        *printer.probe(printer.PrinterSettings()),
        *printer.probe(printer.PrinterSettings(uri="lpt1")),
        *printer.probe(printer.PrinterSettings(uri="file:/dev/null", profile="no-such-printer")),
        *scanner.probe(scanner.ScannerSettings(driver="magic")),
        *scanner.probe(scanner.ScannerSettings(driver="file", device="/nonexistent/page.pdf")),
    ]
    states = [(p.kind, p.driver, p.state) for p in probes]
    assert states == [
        ("card", "simulated", "ready"),
        ("card", "magic", "error"),
        ("card", "ga467", "not_configured"),
        ("printer", "escpos-text", "not_configured"),
        ("printer", "escpos-text", "error"),
        ("printer", "escpos-text", "error"),
        ("scanner", "magic", "error"),
        ("scanner", "file", "not_present"),
    ]
    assert all(p.state in STATES for p in probes)
    assert probes[0].note.params == {"card": "hmt_residence_permit"}
    assert [p.note.key for p in probes[4:6]] == ["devices.printer.bad_uri", "devices.printer.unknown_profile"]


def test_openers_take_plain_settings_and_refuse_unknown_drivers() -> None:
    reader = card.open_reader(card.CardSettings(driver="simulated"))
    try:
        assert reader.driver == "simulated" and reader.read_card(2).card_type == "resident_id"
    finally:
        reader.close()
    with pytest.raises(UnknownDriverError) as info:
        scanner.open_scanner(scanner.ScannerSettings(driver="magic"))
    assert (info.value.kind, info.value.code, info.value.params["driver"]) == ("scanner", "unknown_driver", "magic")
    with pytest.raises(PrinterError) as exc:
        printer.open_printer(printer.PrinterSettings(uri=""))
    assert exc.value.code == "not_configured"


def test_the_registry_imports_the_kinds_not_the_services() -> None:
    tree = ast.parse((ROOT / "app" / "devices" / "registry.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not imported & {"app.devices.printing", "app.devices.scanning", "app.devices.cards"}


def test_list_devices_in_a_language() -> None:
    entries = list_devices(Config(), language="en")
    assert [e.kind for e in entries] == ["card", "printer", "scanner"]
    assert entries[0].message == "simulated reader ready (demo card: resident_id)"
    assert entries[1].message == "no printer configured (devices.printer.uri)"
    assert entries[2].message == "import from files"
