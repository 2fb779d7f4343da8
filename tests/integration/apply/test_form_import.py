"""A form the apply flow could not render is refused at catalog import (app/catalog_import.py runs parse_form)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.catalog.bundle.load import CatalogImportError, demo_bundle_path, load_bundle
from app.catalog.bundle.validate import validate_bundle


def _with_form_change(change: Any) -> Any:
    bundle = load_bundle(demo_bundle_path())
    for n, (where, item) in enumerate(bundle.items):
        if item["basic_code"] == "530000-GA-0001":
            item = copy.deepcopy(item)
            change(item["form"]["fields"])
            bundle.items[n] = (where, item)
    return bundle


def test_demo_bundle_passes() -> None:
    validate_bundle(load_bundle(demo_bundle_path()))


def test_unknown_field_type_is_refused() -> None:
    def slider(fields: list[dict[str, Any]]) -> None:
        fields[0]["type"] = "slider"

    with pytest.raises(CatalogImportError, match="slider"):
        validate_bundle(_with_form_change(slider))


def test_condition_on_a_missing_field_is_refused() -> None:
    def dangling(fields: list[dict[str, Any]]) -> None:
        fields[-1]["show_if"] = {"field": "no_such_field", "equals": "x"}

    with pytest.raises(CatalogImportError, match="no_such_field"):
        validate_bundle(_with_form_change(dangling))
