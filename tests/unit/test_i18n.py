"""One message catalog: every `Message` of every `app/**/messages.py` and every entry of the UI's text tables has its
English in the .ts with the same parameters, codes are unique, messages render in both languages, and the CLI speaks
English when `YUNBAN_LANG=en`."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import os
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from app.errors import UserError
from app.i18n import MESSAGES_CONTEXT, Message, cli_language, translate, ts_path

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"]


def _message_modules() -> list[str]:
    return sorted(".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "app").rglob("messages.py"))


def _messages() -> list[tuple[str, str, Message]]:
    """(module, attribute, message) of every catalog message."""
    found = []
    for name in _message_modules():
        module = importlib.import_module(name)
        found += [(name, attr, value) for attr, value in vars(module).items() if isinstance(value, Message)]
    return found


@functools.cache
def _ts() -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) → (English, finished) as the .ts holds them."""
    table = {}
    for context in ET.parse(ts_path("en")).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or message.get("numerus") == "yes":
                continue
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            table[(name, message.findtext("source") or "")] = (translation.text or "", finished)
    return table


def _params(template: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field}


def _load(path: str) -> ModuleType:
    """A UI text table module by file, without importing its Qt package."""
    spec = importlib.util.spec_from_file_location(f"_texts_{Path(path).parent.name}", ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MESSAGES = _messages()


def _cases() -> list[object]:
    return [pytest.param(module, attr, m, id=m.code) for module, attr, m in MESSAGES]


def test_the_catalog_has_messages_of_every_domain() -> None:
    prefixes = {m.code.split(".")[0] for _, _, m in MESSAGES}
    assert {"catalog", "records", "sync", "forms", "identity", "technician", "config", "cli"} <= prefixes


def test_codes_are_unique_and_namespaced() -> None:
    seen: dict[str, str] = {}
    for module, attr, message in MESSAGES:
        where = f"{module}.{attr}"
        assert message.code not in seen, f"{message.code} in {seen.get(message.code)} and {where}"
        seen[message.code] = where
        assert "." in message.code and all(message.code.split(".")), where


@pytest.mark.parametrize(("module", "attr", "message"), _cases())
def test_every_message_has_its_english_with_the_same_parameters(module: str, attr: str, message: Message) -> None:
    english, finished = _ts().get((MESSAGES_CONTEXT, message.text), ("", False))
    assert english.strip() and finished, f"{module}.{attr}: no English in the .ts (run scripts/i18n.sh)"
    assert _params(english) == _params(message.text), f"{module}.{attr}: {english!r} vs {message.text!r}"


@pytest.mark.parametrize(("module", "attr", "message"), MESSAGES, ids=[m.code for _, _, m in MESSAGES])
def test_every_message_renders_in_both_languages(module: str, attr: str, message: Message) -> None:
    values = dict.fromkeys(_params(message.text), 1234)
    chinese, english = message.render("zh_CN", **values), message.render("en", **values)
    assert chinese == (message.text.format(**values) if values else message.text)
    translation = translate(MESSAGES_CONTEXT, message.text, "en")
    if _params(translation) == _params(message.text):  # else the test above fails
        assert english == (translation.format(**values) if values else translation)
    error = UserError(message, **values)
    assert error.code == message.code and error.message("en") == english and error.message("zh_CN") == chinese


@pytest.mark.parametrize(
    ("path", "table", "context"),
    [("ui/forms/texts.py", "TEXTS", "FormTexts"), ("ui/screens/apply/texts.py", "T", "ApplyTexts")],
)
def test_the_ui_text_tables_have_their_english_in_the_ts(path: str, table: str, context: str) -> None:
    module = _load(path)
    ts = _ts()
    assert context == module.CONTEXT
    for key, source in getattr(module, table).items():
        english, finished = ts.get((context, source), ("", False))
        assert english.strip() and finished, f"{path} {key}: no English in the .ts"
        assert _params(english) == _params(source), f"{path} {key}"


def test_the_cli_language_comes_from_the_environment() -> None:
    assert cli_language({}) == "zh_CN"
    assert cli_language({"LANG": "C.UTF-8"}) == "zh_CN"
    assert cli_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert cli_language({"YUNBAN_LANG": "en", "LANG": "zh_CN.UTF-8"}) == "en"
    assert cli_language({"YUNBAN_LANG": "zh_CN", "LANG": "en_US.UTF-8"}) == "zh_CN"


def _cli(home: Path, language: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(YUNBAN_LANG=language, YUNBAN_HOME=str(home))
    return subprocess.run([*CLI, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_the_cli_prints_an_unknown_item_in_its_language(tmp_path: Path) -> None:
    english = _cli(tmp_path, "en", "catalog", "show", "NO-SUCH-ITEM", "--json")
    assert english.returncode == 2, english.stderr
    assert json.loads(english.stdout) == {"error": "no item with code NO-SUCH-ITEM", "code": "catalog.unknown_item"}
    chinese = _cli(tmp_path, "zh_CN", "catalog", "show", "NO-SUCH-ITEM")
    assert chinese.returncode == 2 and chinese.stderr.strip() == "yunban: 没有这个事项：NO-SUCH-ITEM"


def test_the_cli_explains_a_bad_receipt_number_in_english(tmp_path: Path) -> None:
    out = _cli(tmp_path, "en", "check", "receipt", "12345")
    assert out.returncode == 1
    assert out.stdout.strip() == (
        "12345: invalid (a receipt number has 25 characters, this one has 5 (12 division + 2 terminal + 6 date "
        "+ 4 sequence + check character))"
    )
    assert "无效" in _cli(tmp_path, "zh_CN", "check", "receipt", "12345").stdout
