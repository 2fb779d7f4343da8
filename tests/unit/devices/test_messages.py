"""The devices' words: every key a device can raise or note has a catalog entry with English, devices hold no
sentences, and `DeviceFailure` keeps the device's code while speaking the asked language."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from app.devices.messages import DEVICE_MESSAGES, JOB_KEPT, DeviceFailure, render
from app.i18n import MESSAGES_CONTEXT, translate
from devices.card import apdu, base
from devices.card import ga467_frames as frames
from devices.card.base import NoCardError, SamFaultError
from devices.errors import DeviceError, Note, UnknownDriverError
from devices.printer.driver import PrinterState
from devices.printer.errors import PrinterError
from devices.scanner import sane_driver
from devices.scanner.errors import ScannerError

ROOT = Path(__file__).resolve().parents[3]
CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")

CARD_ERRORS = {name: cls for name, cls in inspect.getmembers(base, inspect.isclass) if issubclass(cls, base.CardError)}
FIXED_CODES = {"UnknownProfileError": ("printer", "unknown_profile"), "FontNotFoundError": ("printer", "no_cjk_font")}
# Keys built in f-strings, with every value they can take.
BUILT = {
    "devices.printer.state.": [PrinterState(None, "unknown").code, "ready", "paper_near_end", "paper_out",
                               "cover_open", "offline"],
    "devices.card.ga467_status.": [*frames.STATUS.values(), "unknown"],
    "devices.card.sw.": [*apdu.SW_NAMES.values(), "refused"],
    "devices.scanner.camera_": ["busy", "denied"],
}  # fmt: skip


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _keys_in(path: Path) -> set[str]:
    keys: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        name, kwargs = node.func.id, {k.arg: k.value for k in node.keywords}
        reason = kwargs.get("reason")
        if isinstance(reason, ast.JoinedStr):  # reason=f"camera_{code}"
            prefix = _literal(reason.values[0]) or ""
            keys.update(f"devices.scanner.{prefix}{value}" for value in BUILT[f"devices.scanner.{prefix}"])
            continue
        if name == "Note":
            first = node.args[0]
            if isinstance(first, ast.JoinedStr):
                prefix = _literal(first.values[0]) or ""
                keys.update(prefix + value for value in BUILT[prefix])
            else:
                keys.add(str(_literal(first)))
        elif name == "UnknownDriverError":
            keys.add(f"devices.{_literal(node.args[0])}.unknown_driver")
        elif name in CARD_ERRORS:
            keys.add(f"devices.card.{_literal(reason) or CARD_ERRORS[name].code}")
        elif name in ("PrinterError", "ScannerError") and node.args:
            kind = "printer" if name == "PrinterError" else "scanner"
            keys.add(f"devices.{kind}.{_literal(reason) or _literal(node.args[0])}")
        elif name in FIXED_CODES:
            kind, code = FIXED_CODES[name]
            keys.add(f"devices.{kind}.{_literal(reason) or code}")
    return keys


def device_keys() -> set[str]:
    """Every catalog key devices/ and the services raising device errors can produce (devices/errors.py is the
    mechanism, not a user)."""
    paths = [p for p in sorted((ROOT / "devices").rglob("*.py")) if p != ROOT / "devices" / "errors.py"]
    paths += sorted((ROOT / "app" / "devices").glob("*.py"))
    keys = {key for path in paths for key in _keys_in(path) if not key.endswith(".None")}  # None: in a variable
    sane = {reason for _, reason in sane_driver._STATUS.values()} | {"sane_error"}  # by table, in map_sane_error
    return keys | {f"devices.scanner.{reason}" for reason in sane}


def test_every_key_a_device_uses_has_words() -> None:
    keys = device_keys()
    assert len(keys) > 100  # the scan found the drivers' errors and notes
    assert sorted(keys - set(DEVICE_MESSAGES)) == []


def test_every_entry_is_used_or_the_default_of_a_code() -> None:
    codes = {f"devices.card.{cls.code}" for cls in CARD_ERRORS.values()} | {
        "devices.printer.missing_library",
        "devices.printer.error",
        "devices.scanner.error",
        "devices.scanner.not_present",
        "devices.scanner.missing_library",
        "devices.unknown",
    }
    assert sorted(set(DEVICE_MESSAGES) - device_keys() - codes) == []


@pytest.mark.parametrize("key", sorted(DEVICE_MESSAGES))
def test_every_entry_has_english(key: str) -> None:
    text = DEVICE_MESSAGES[key].text
    english = translate(MESSAGES_CONTEXT, text, "en")
    assert english != text and not CJK.search(english), f"{key}: run scripts/i18n.sh and write its English"
    names = re.compile(r"{(\w+)")
    assert set(names.findall(english)) >= set(names.findall(text)), f"{key}: the English drops a parameter"


def test_devices_hold_data_but_no_sentences() -> None:
    allowed = {"devices/card/apdu.py", "devices/emulators/demo_cards.py", "devices/printer/layout.py",
               "devices/printer/lines.py"}  # fmt: skip  # the SSC application name, demo card data, punctuation
    found = []
    for path in sorted((ROOT / "devices").rglob("*.py")):
        name = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant):
                continue
            text = _literal(node)
            if text and id(node) not in docs and CJK.search(text) and name not in allowed:
                found.append(f"{name}:{node.lineno}")
    assert found == []


def test_rendering_in_both_languages_with_a_nested_note() -> None:
    error = frames.status_error(0x60, during="sam")
    assert isinstance(error, SamFaultError) and error.params["sw3"] == 0x60
    assert render(error.note, "zh_CN") == "读卡器安全模块故障：安全模块自检失败（状态码0x60），请联系技术人员"
    assert render(error.note, "en") == "reader SAM fault: the SAM self-test failed (status 0x60); call a technician"
    assert render(Note("devices.nothing.like.this"), "en") == "device fault (devices.nothing.like.this)"


def test_an_error_is_worded_wherever_it_is_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    error = NoCardError(reason="no_card_within", timeout=10)
    monkeypatch.setenv("YUNBAN_LANG", "zh_CN")
    assert str(error) == "10秒内未检测到证件，请将证件平放在读卡区" == error.message("zh_CN")
    monkeypatch.setenv("YUNBAN_LANG", "en")
    assert str(error) == "no card was laid on the reader within 10 s"


def test_device_failure_keeps_the_device_code() -> None:
    failure = DeviceFailure(ScannerError("jammed"))
    assert failure.code == "jammed" and failure.error.code == "jammed"
    assert failure.message("zh_CN").startswith("扫描仪进纸器卡纸")
    kept = DeviceFailure(PrinterError("paper_out"), JOB_KEPT, job_id="20261127-0930-ab12cd")
    assert kept.code == "paper_out"
    assert kept.message("zh_CN") == (
        "打印机缺纸，请装纸后重试。任务已保留，可重试：yunban devices print-retry 20261127-0930-ab12cd"
    )
    assert kept.message("en").startswith("the printer is out of paper; load paper and try again. The job is kept")
    unknown = DeviceFailure(UnknownDriverError("card", "magic", ("ga467", "pcsc")))
    assert unknown.code == "unknown_driver" and "magic" in unknown.message("en")


def test_device_errors_carry_codes_not_words() -> None:
    for error in (NoCardError(), PrinterError("refused", where="tcp://x:9100"), ScannerError("no_docs")):
        assert isinstance(error, DeviceError) and not hasattr(error, "message_zh") and not hasattr(error, "english")
        assert error.note.key == f"devices.{error.kind}.{error.code}"
