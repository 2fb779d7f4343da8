"""Issue 17: docs/cli.md lists every command's `--json` keys (a public interface: added, never renamed). This runs the
commands a terminal technician and an integrator use most on a real scratch terminal enrolled with the loopback
platform, and compares the top-level keys each prints with the keys docs/cli.md lists for it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import InProcessCli, make_home
from tests.support.platform import InProcessPlatform, platform  # noqa: F401 (fixture)

DOC = Path(__file__).resolve().parents[3] / "docs" / "cli.md"


def _sections() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8").split("## `--json` of every command", 1)[1]
    parts = re.split(r"\n### ", text)[1:]
    return {part.split("\n", 1)[0].strip(): re.sub(r"\s*\n\s*", " ", part.split("\n", 1)[1]) for part in parts}


def _top_keys(spec: str) -> set[str]:
    """`{a, b: {c, d}, e: [{f}], g (note)}` → {a, b, e, g}."""
    inner, depth, current, keys = spec.strip()[1:-1], 0, "", []
    for ch in inner:
        depth += ch in "{[("
        depth -= ch in "}])"
        if ch == "," and depth == 0:
            keys.append(current)
            current = ""
        else:
            current += ch
    keys.append(current)
    return {re.split(r"[:\s(]", k.strip(), maxsplit=1)[0].rstrip("?") for k in keys if k.strip()}


def documented(section: str, command: str) -> set[str]:
    """The keys docs/cli.md lists as "`command` → `{…}`" (or "→ `[{…}]`" for a list) under "### section"."""
    body = _sections()[section]
    found = re.search(r"`" + re.escape(command) + r"` → `(\[?\{[^`]*\}\]?)`", body)
    assert found, f"docs/cli.md, {section}: no `{command}` → `{{…}}`"
    spec = found.group(1)
    return _top_keys(spec[1:-1] if spec.startswith("[") else spec)


def _keys(value: Any) -> set[str]:
    if isinstance(value, list):
        assert value, "an empty list says nothing about its keys"
        value = value[0]
    assert isinstance(value, dict)
    return set(value)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> InProcessCli:
    return InProcessCli(capsys, monkeypatch, make_home(tmp_path / "home"))


def test_the_keys_every_common_command_prints_are_the_ones_docs_cli_md_lists(
    cli: InProcessCli,
    tmp_path: Path,
    platform: InProcessPlatform,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[tuple[str, str], set[str]] = {}
    seen["enroll, provision", "enroll --show"] = _keys(cli.json("enroll", "--show"))  # not enrolled: {enrolled}
    seen["enroll, provision", "enroll"] = _keys(
        cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    )
    seen["catalog", "update"] = _keys(cli.json("catalog", "update"))
    made = cli.json("records", "make-test", "--count", "2", "--attachment-kb", "2")
    seen["records", "make-test"] = _keys(made)
    seen["records", "show ID|RECEIPT"] = _keys(cli.json("records", "show", made["receipts"][0]))
    seen["records", "purge-drafts"] = _keys(cli.json("records", "purge-drafts"))
    monkeypatch.setenv("YUNBAN_EXPORT_PASSPHRASE", "export-passphrase-1")
    seen["sync", "export DIR"] = _keys(cli.json("sync", "export", str(tmp_path / "usb")))
    seen["sync", "run"] = _keys(cli.json("sync", "run", "--until-idle"))
    seen["sync", "status"] = _keys(cli.json("sync", "status"))
    seen["sync", "probe"] = _keys(cli.json("sync", "probe"))
    seen["catalog", "search"] = _keys(cli.json("catalog", "search", "身份证"))
    seen["catalog", "stats"] = _keys(cli.json("catalog", "stats"))
    seen["check", "receipt NUMBER"] = _keys(cli.json("check", "receipt", made["receipts"][0]))
    seen["devices", "list"] = _keys(cli.json("devices", "list"))
    seen["audit", "verify"] = _keys(cli.json("audit", "verify"))
    seen["audit", "send"] = _keys(cli.json("audit", "send"))
    seen["audit", "show"] = _keys(cli.json("audit", "show"))
    seen["doctor, completion", "doctor"] = _keys(cli.json("doctor"))
    seen["doctor, completion", "completion bash|zsh"] = _keys(cli.json("completion", "bash"))
    wrong = {
        f"{section}: {command}": {"printed, not listed": sorted(keys - doc), "listed, not printed": sorted(doc - keys)}
        for (section, command), keys in seen.items()
        if keys != (doc := documented(section, command))
    }
    assert not wrong, wrong
