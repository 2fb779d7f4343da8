"""The config loader (`app.config.load_config`) with generated TOML documents (every section, hostile values of every
type) and arbitrary bytes: a `Config` whose values all pass `RULES`, or a `ConfigError` naming the file. The named
malformed cases are in tests/unit/config/test_malformed.py."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.config import RULES, ConfigError, _check, load_config

SECTIONS = {
    "terminal": ["division_code", "role", "hall_name", "language"],
    "catalog": ["scope", "subtree_root"],
    "kiosk": ["fullscreen", "idle_timeout_s", "idle_warning_s", "sync_interval_s", "elder_mode"],
    "platform": ["url"],
    "keyring": ["backend"],
    "devices.card": ["driver", "port", "baud"],
    "devices.printer": ["uri", "profile", "mode"],
    "devices.scanner": ["driver", "device", "source", "resolution"],
    "apply": ["draft_retention_days", "counter_draft_retention_days"],
    "logging": ["level", "max_bytes", "backups"],
    "hacker": ["x"],
}

values = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(max_size=40),
    st.sampled_from(["kiosk", "auto", "file", "INFO", "http://h", "532524103205", "chain", "subtree", "sane"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), repr(value))
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for section in draw(st.lists(st.sampled_from(sorted(SECTIONS)), unique=True, max_size=4)):
        lines.append(f"[{section}]")
        for key in draw(st.lists(st.sampled_from(SECTIONS[section]), unique=True, min_size=1, max_size=3)):
            lines.append(f"{key} = {_toml_value(draw(values))}")
    return "\n".join(lines) + "\n"


@settings(max_examples=300)
@given(documents())
def test_generated_config_documents_load_or_are_refused_cleanly(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_text(text, encoding="utf-8")
    try:
        config = load_config(path, env={})
    except ConfigError as exc:
        message = exc.message("en")
        assert str(path) in message and exc.code.startswith("config.")
        return
    # Accepted: no unknown section, and every value is one its rule allows (checked again, one key at a time).
    assert "[hacker]" not in text
    for key in RULES:
        value: object = config
        for part in key.split("."):
            value = getattr(value, part)
        _check(key, value, str(path))


@settings(max_examples=300)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_bytes_as_config(tmp_path_factory: pytest.TempPathFactory, data: bytes | str) -> None:
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    try:
        load_config(path, env={})
    except ConfigError as exc:
        assert exc.code.startswith("config.")
