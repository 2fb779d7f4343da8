"""Catalog documents from outside with generated content: snapshot envelopes through the verifier and the updater
(signed by the pinned key, so the content checks are what is exercised), JSON files of any shape and depth through the
file reader, and bundle folders with hostile YAML through the loader. Contract: `UserError` (a clear refusal), or
an accepted catalog; never another exception."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.catalog.bundle.load import ScopeSpec, load_bundle
from app.catalog.limits import DocumentTooLarge, check_shape, parse_json
from app.catalog.trust import read_document
from app.catalog.updates import CatalogUpdater
from app.errors import UserError
from sync import catalog_feed, protocol

SIGNER = protocol.generate_signer()
SMALL_BUNDLE = Path(__file__).resolve().parents[1] / "integration" / "catalog" / "fixtures" / "bundle"
"""A 56 KB bundle: each example rebuilds a mirror from it in milliseconds (the demo catalog takes ~1 s)."""
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@pytest.fixture(scope="module")
def demo_json() -> dict[str, Any]:
    from sync.platform.catalog_source import load_bundle as platform_bundle

    loaded: dict[str, Any] = platform_bundle(SMALL_BUNDLE)
    return loaded


def _mutate(bundle: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    """`bundle` with the value at a generated path (keys and indexes, taken modulo what is there) replaced."""
    out = copy.deepcopy(bundle)
    node: Any = out
    for step in path[:-1]:
        if isinstance(node, dict) and node:
            node = node[sorted(node)[step % len(node)]]
        elif isinstance(node, list) and node:
            node = node[step % len(node)]
        else:
            break
    if isinstance(node, dict) and node:
        node[sorted(node)[path[-1] % len(node)]] = value
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = value
    return out


@settings(max_examples=60)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=6), json_values)
def test_signed_snapshot_with_hostile_content(
    demo_json: dict[str, Any], tmp_path_factory: pytest.TempPathFactory, path: list[int], value: Any
) -> None:
    bundle = _mutate(demo_json, path, value)
    page = {"kind": "snapshot", "cursor": 0, "bundle_version": 1, "bundle": bundle}
    updater = CatalogUpdater(tmp_path_factory.mktemp("c") / "catalog.db", ScopeSpec("532524103205"), SIGNER.verifier())
    with contextlib.suppress(UserError):
        updater.apply_snapshot(protocol.sign_envelope(SIGNER, page), "fuzz")


@settings(max_examples=150)
@given(json_values)
def test_any_envelope_shape_through_the_verifier(envelope: Any) -> None:
    with contextlib.suppress(catalog_feed.CatalogFeedError):
        catalog_feed.check_snapshot(envelope, SIGNER.verifier(), None)
    if isinstance(envelope, dict):  # the same, correctly signed: now the page's shape is what is checked
        with contextlib.suppress(catalog_feed.CatalogFeedError):
            catalog_feed.check_snapshot(protocol.sign_envelope(SIGNER, envelope), SIGNER.verifier(), 0)


@settings(max_examples=150)
@given(st.one_of(st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode()),
                 st.integers(0, 3000).map(lambda n: b"[" * n + b"]" * n),
                 st.integers(0, 3000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n)))  # fmt: skip
def test_json_files_through_the_reader(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("doc") / "snapshot.json"
    path.write_bytes(raw)
    with contextlib.suppress(UserError):
        read_document(path)
    with contextlib.suppress(DocumentTooLarge, ValueError):
        check_shape(parse_json(raw))


yaml_texts = st.one_of(
    st.text(max_size=200),
    json_values.map(json.dumps),  # JSON is YAML
    st.sampled_from([
        "a: &a [1, 2]\nb: [*a, *a, *a]\n",
        "!!python/object/apply:os.system ['true']\n",
        "- " * 500 + "x\n",
        "{" * 200 + "}" * 200,
        "version: 99999999999999999999999\n",
        "? [a, b]\n: c\n",
        "\ufeffbundle_id: x\n",
        "x: !!binary AAAA\n",
        "d: 2026-13-45\n",
    ]),
)  # fmt: skip


@settings(max_examples=60)
@given(st.sampled_from(["bundle.yaml", "departments.yaml", "themes.yaml", "holidays.yaml", "items/fuzz.yaml"]),
       yaml_texts)  # fmt: skip
def test_bundle_folder_with_hostile_yaml(tmp_path_factory: pytest.TempPathFactory, name: str, text: str) -> None:
    import shutil

    from app.catalog.bundle.expand import build_rows
    from app.catalog.bundle.load import load_divisions
    from app.catalog.bundle.validate import validate_bundle

    folder = tmp_path_factory.mktemp("b") / "bundle"
    shutil.copytree(SMALL_BUNDLE, folder)
    (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        bundle = load_bundle(folder)
        validate_bundle(bundle)
        build_rows(bundle, load_divisions(), ScopeSpec("532524103205"))
    except UserError:
        pass


def test_deep_json_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    with pytest.raises(UserError, match="nested"):
        read_document(path)
