"""Catalog down: signed snapshots and change pages from a real platform, applied atomically with their cursor."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.catalog.service import CatalogUnavailable
from app.catalog.updates import CatalogUpdateError, pull_from_platform, updater_for
from app.cli import main as cli
from app.context import AppContext
from app.data import DEMO_CATALOG
from sync import catalog_feed, protocol
from sync.platform import admin as platform_main
from sync.platform.catalog_source import load_bundle
from sync.platform.errors import PlatformError
from tests.support.platform import InProcessPlatform, publish

PASSPHRASE = "catalog-test-passphrase"


@pytest.fixture(scope="module")
def demo_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = load_bundle(DEMO_CATALOG)["items"]
    return items


@pytest.fixture
def terminal(platform: InProcessPlatform, home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    """An enrolled terminal (file keystore) whose config points at the in-process platform."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    (home / "config.toml").write_text(
        f'[keyring]\nbackend = "file"\n\n[platform]\nurl = "{platform.url}"\n', encoding="utf-8"
    )
    ctx = AppContext(home)
    ctx.enrollment.enroll(platform.enroll_code())
    yield ctx
    ctx.close()


def item_name(home: Path, code: str) -> str | None:
    ctx = AppContext(home)
    try:
        hits = [s for s in ctx.catalog.browse() if s.code == code] if hasattr(ctx.catalog, "browse") else []
        if not hits:
            return None
        return ctx.catalog.get_item(code).name
    finally:
        ctx.close()


def client_for(ctx: AppContext) -> httpx.Client:
    creds = ctx.enrollment.credentials()
    assert creds is not None
    headers = {"Authorization": f"Bearer {creds.token}", protocol.HEADER_TERMINAL: creds.terminal_id}
    return httpx.Client(base_url=ctx.config.platform.url, headers=headers, timeout=30)


def renamed(item: dict[str, Any], name: str) -> dict[str, Any]:
    out = copy.deepcopy(item)
    out["name"] = name
    return out


def test_snapshot_then_change_pages_update_the_mirror(
    platform: InProcessPlatform,
    terminal: AppContext,
    demo_items: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = pull_from_platform(terminal)
    assert (first.snapshot, first.pages, first.cursor, first.bundle_version) == (True, 0, 0, 1)
    target, doomed = demo_items[0], demo_items[1]
    assert item_name(terminal.home, target["basic_code"]) == target["name"]

    publish(
        platform.store,
        [
            {"op": "upsert_item", "item": renamed(target, target["name"] + "（更新）")},
            {"op": "delete_item", "basic_code": doomed["basic_code"]},
        ],
    )
    publish(platform.store, [])  # a release with no item change bumps the version only
    assert cli(["catalog", "update", "--home", str(terminal.home), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert {k: second[k] for k in ("snapshot", "pages", "changes", "bundle_version")} == {
        "snapshot": False,
        "pages": 1,
        "changes": 3,
        "bundle_version": 3,
    }
    assert item_name(terminal.home, target["basic_code"]) == target["name"] + "（更新）"
    assert item_name(terminal.home, doomed["basic_code"]) is None
    state = updater_for(terminal).state()
    assert state == {"cursor": second["cursor"], "bundle_version": 3, "source": "platform"}
    again = pull_from_platform(terminal)  # nothing new: an empty page changes nothing
    assert (again.pages, again.changes, again.cursor) == (0, 0, second["cursor"])


def test_pages_are_fetched_in_order_across_several_pages(
    platform: InProcessPlatform, terminal: AppContext, demo_items: list[dict[str, Any]]
) -> None:
    pull_from_platform(terminal)
    for n in range(3):
        publish(platform.store, [{"op": "upsert_item", "item": renamed(demo_items[0], f"第{n}版")}])
    updater = updater_for(terminal)
    with client_for(terminal) as client:
        page1 = catalog_feed.fetch_changes(client, 0, limit=2)
        assert len(page1["page"]["changes"]) == 2
        r1 = updater.apply_page(page1, "platform")
        r2 = updater.apply_page(catalog_feed.fetch_changes(client, r1.cursor, limit=2), "platform")
    assert (r1.bundle_version, r2.bundle_version) == (3, 4)
    assert item_name(terminal.home, demo_items[0]["basic_code"]) == "第2版"


def mirror_fingerprint(ctx: AppContext) -> tuple[Any, ...]:
    """The mirror's state and items; ("absent",) for an enrolled terminal that has not pulled a catalog yet (it never
    falls back to the demo catalog)."""
    probe = AppContext(ctx.home)
    try:
        try:
            items = tuple(sorted((s.code, s.name) for s in probe.catalog.browse()))
        except CatalogUnavailable:
            return ("absent",)
        return (updater_for(probe).state(), items)
    finally:
        probe.close()


def test_tampered_page_is_refused_and_the_mirror_is_unchanged(
    platform: InProcessPlatform, terminal: AppContext, demo_items: list[dict[str, Any]]
) -> None:
    pull_from_platform(terminal)
    publish(platform.store, [{"op": "upsert_item", "item": renamed(demo_items[0], "真")}])
    before = mirror_fingerprint(terminal)
    with client_for(terminal) as client:
        envelope = catalog_feed.fetch_changes(client, 0)
    envelope["page"]["changes"][0]["item"]["name"] = "篡改"
    with pytest.raises(CatalogUpdateError, match="bad signature"):
        updater_for(terminal).apply_page(envelope, "platform")
    assert mirror_fingerprint(terminal) == before


def test_page_signed_by_another_key_is_refused(platform: InProcessPlatform, terminal: AppContext) -> None:
    pull_from_platform(terminal)
    impostor = protocol.generate_signer()
    page = {"kind": "changes", "from_cursor": 0, "to_cursor": 0, "bundle_version": 9, "changes": []}
    with pytest.raises(CatalogUpdateError, match="bad signature"):
        updater_for(terminal).apply_page(protocol.sign_envelope(impostor, page), "platform")


def test_cursor_gap_is_refused(
    platform: InProcessPlatform, terminal: AppContext, demo_items: list[dict[str, Any]]
) -> None:
    pull_from_platform(terminal)
    for n in range(2):
        publish(platform.store, [{"op": "upsert_item", "item": renamed(demo_items[0], str(n))}])
    before = mirror_fingerprint(terminal)
    with client_for(terminal) as client:
        skipping = catalog_feed.fetch_changes(client, 1)  # the page after cursor 1; we are at 0
    with pytest.raises(CatalogUpdateError, match="cursor gap"):
        updater_for(terminal).apply_page(skipping, "platform")
    assert mirror_fingerprint(terminal) == before
    with client_for(terminal) as client:
        ahead = client.get("/v1/catalog/changes", params={"cursor": 99})
    assert ahead.status_code == 409 and "ahead" in ahead.json()["error"]


def platform_signer(platform: InProcessPlatform) -> protocol.Signer:
    from sync.platform.api import platform_signer as signer_of

    return signer_of(platform.store)


def test_rollback_to_an_older_version_is_refused(
    platform: InProcessPlatform, terminal: AppContext, demo_items: list[dict[str, Any]], tmp_path: Path
) -> None:
    old_file = tmp_path / "v1.json"
    platform_main.export_snapshot(platform.store, "532524103205", old_file, DEMO_CATALOG)  # version 1, properly signed
    pull_from_platform(terminal)
    publish(platform.store, [{"op": "upsert_item", "item": renamed(demo_items[0], "新")}])
    pull_from_platform(terminal)
    before = mirror_fingerprint(terminal)
    with pytest.raises(CatalogUpdateError, match="rollback"):
        updater_for(terminal).import_file(old_file)
    # A change page claiming an older version, though signed by the real platform key, is refused too.
    state = updater_for(terminal).state()
    page = {
        "kind": "changes",
        "from_cursor": state["cursor"],
        "to_cursor": state["cursor"],
        "bundle_version": 1,
        "changes": [],
    }
    with pytest.raises(CatalogUpdateError, match="rollback"):
        updater_for(terminal).apply_page(protocol.sign_envelope(platform_signer(platform), page), "platform")
    assert mirror_fingerprint(terminal) == before


def test_signed_but_invalid_content_is_refused_by_validation(
    platform: InProcessPlatform, terminal: AppContext, demo_items: list[dict[str, Any]]
) -> None:
    pull_from_platform(terminal)
    broken = copy.deepcopy(demo_items[0])
    del broken["materials"]
    with pytest.raises(PlatformError, match="materials"):  # the platform refuses to publish it …
        publish(platform.store, [{"op": "upsert_item", "item": broken}])
    assert platform.store.catalog_head() == (0, None)
    # … and a faulty platform that published it anyway is refused by the terminal.
    publish(platform.store, [{"op": "upsert_item", "item": broken}], validate=False)
    before = mirror_fingerprint(terminal)
    with pytest.raises(Exception, match="materials"):
        pull_from_platform(terminal)
    assert mirror_fingerprint(terminal) == before


class Truncating(httpx.HTTPTransport):
    """Forwards to the real platform and hands back only the first half of each body (a cut connection)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        body = response.read()
        return httpx.Response(response.status_code, content=body[: len(body) // 2], request=request)


def test_truncated_response_is_a_clear_error_and_changes_nothing(
    platform: InProcessPlatform, terminal: AppContext
) -> None:
    assert mirror_fingerprint(terminal) == ("absent",)  # enrolled, nothing pulled yet
    with pytest.raises(CatalogUpdateError, match="cut short"):
        pull_from_platform(terminal, transport=Truncating())
    assert mirror_fingerprint(terminal) == ("absent",)  # a first pull cut short leaves no half catalog
    pull_from_platform(terminal)
    before = mirror_fingerprint(terminal)
    with pytest.raises(CatalogUpdateError, match="cut short"):
        pull_from_platform(terminal, transport=Truncating())
    assert mirror_fingerprint(terminal) == before


def test_revoked_terminal_gets_no_catalog(platform: InProcessPlatform, terminal: AppContext) -> None:
    creds = terminal.enrollment.credentials()
    assert creds is not None
    platform_main.revoke(platform.store, creds.terminal_id)
    with pytest.raises(CatalogUpdateError, match="refused this terminal"):
        pull_from_platform(terminal)


def test_platform_unreachable_is_a_clear_error(
    terminal: AppContext, platform: InProcessPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    platform.stop()
    with pytest.raises(CatalogUpdateError, match="unreachable"):
        pull_from_platform(terminal)
    assert cli(["catalog", "update", "--home", str(terminal.home), "--json"]) == 2
    assert "unreachable" in json.loads(capsys.readouterr().out)["error"]


def test_catalog_import_signed_file_on_an_offline_terminal(
    platform: InProcessPlatform, demo_items: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A terminal installed offline: never enrolled, the platform key given on the command line."""
    publish(platform.store, [{"op": "upsert_item", "item": renamed(demo_items[0], "U盘版")}])
    snapshot = tmp_path / "snapshot.json"
    assert (
        cli(["platform", "export-snapshot", str(snapshot), "--division", "532524103205", "--data", str(platform.data)])
        == 0
    )
    capsys.readouterr()
    offline = tmp_path / "offline-home"

    assert cli(["catalog", "import", str(snapshot), "--home", str(offline), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["code"] == "sync.not_enrolled"

    tampered = tmp_path / "tampered.json"
    doc = json.loads(snapshot.read_text(encoding="utf-8"))
    doc["page"]["bundle"]["items"][0]["name"] = "假的"
    tampered.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert (
        cli(
            [
                "catalog",
                "import",
                str(tampered),
                "--platform-key",
                platform.public_key,
                "--home",
                str(offline),
                "--json",
            ]
        )
        == 2
    )
    assert "bad signature" in json.loads(capsys.readouterr().out)["error"]

    rc = cli(
        ["catalog", "import", str(snapshot), "--platform-key", platform.public_key, "--home", str(offline), "--json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert rc == 0, out
    assert out == {"snapshot": True, "pages": 0, "changes": 0, "cursor": 1, "bundle_version": 2}
    assert item_name(offline, demo_items[0]["basic_code"]) == "U盘版"


def test_publishing_a_change_that_breaks_a_theme_mapping_is_refused(
    platform: InProcessPlatform, demo_items: list[dict[str, Any]]
) -> None:
    """Removing a field that a 一件事 theme maps would make every terminal refuse the release (and every release
    after it): the platform refuses to publish it and says which theme, item and field."""
    bundle = load_bundle(DEMO_CATALOG)
    theme = next(t for t in bundle["themes"] if t.get("fields"))
    code, mapped = next(iter(theme["fields"].items()))
    field_id = next(iter(mapped))
    item = copy.deepcopy(next(i for i in demo_items if i["basic_code"] == code))
    item["form"]["fields"] = [f for f in item["form"]["fields"] if f["id"] != field_id]
    with pytest.raises(PlatformError) as refused:
        publish(platform.store, [{"op": "upsert_item", "item": item}])
    message = str(refused.value)
    assert "not published" in message and theme["code"] in message and field_id in message
    assert platform.store.catalog_head() == (0, None)  # nothing stored
    fine = copy.deepcopy(next(i for i in demo_items if i["basic_code"] == code))
    fine["name"] = fine["name"] + "（修订）"
    assert publish(platform.store, [{"op": "upsert_item", "item": fine}])["cursor"] == 1
