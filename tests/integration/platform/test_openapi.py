"""docs/platform-api.yaml documents exactly the routes the reference platform serves."""

from __future__ import annotations

from pathlib import Path

import yaml
from starlette.routing import Route

from app.data import DEMO_CATALOG
from sync.platform import admin as platform_main

DOC = Path(__file__).resolve().parents[3] / "docs" / "platform-api.yaml"


def test_every_route_is_documented_and_every_documented_route_is_served(tmp_path: Path) -> None:
    store = platform_main.open_store(tmp_path / "p")
    try:
        app = platform_main.build_app(store, DEMO_CATALOG)
        served = {
            (route.path, method.lower())
            for route in app.routes
            if isinstance(route, Route)
            for method in (route.methods or ())
            if method != "HEAD"
        }
    finally:
        store.close()
    doc = yaml.safe_load(DOC.read_text(encoding="utf-8"))
    assert doc["openapi"].startswith("3.")
    documented = {
        (path, method)
        for path, ops in doc["paths"].items()
        for method in ops
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert served == documented
    assert len(served) == 10


def test_document_references_resolve() -> None:
    doc = yaml.safe_load(DOC.read_text(encoding="utf-8"))

    def refs(node: object) -> list[str]:
        if isinstance(node, dict):
            return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in refs(v)]
        if isinstance(node, list):
            return [r for v in node for r in refs(v)]
        return []

    for ref in refs(doc):
        target: object = doc
        for part in ref.removeprefix("#/").split("/"):
            assert isinstance(target, dict) and part in target, ref
            target = target[part]
