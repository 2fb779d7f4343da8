"""One terminal end to end against the reference platform: enroll (keystore), deliver through the outbox, status
back, catalog changing under a finalised submission."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.catalog.updates import pull_from_platform
from app.context import AppContext
from app.data import DEMO_CATALOG
from app.demo.platform import start_demo_platform
from app.model.records import AttachmentInput
from sync.platform import admin as platform_main
from sync.platform.catalog_source import load_bundle
from tests.support.platform import InProcessPlatform, database_for_engine, publish


@pytest.fixture(params=["sqlite", "postgres"])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[InProcessPlatform]:
    """The platform of these tests on each engine: SQLite, and PostgreSQL (the session's private cluster)."""
    with InProcessPlatform(tmp_path / "platform", database=database_for_engine(request.config, request.param)) as p:
        yield p


def test_enrolled_terminal_delivers_gets_status_and_keeps_submissions_through_catalog_changes(
    platform: InProcessPlatform, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "end-to-end")
    (home / "config.toml").write_text(
        f'[keyring]\nbackend = "file"\n\n[platform]\nurl = "{platform.url}"\n', encoding="utf-8"
    )
    items = load_bundle(DEMO_CATALOG)["items"]
    item = items[0]
    ctx = AppContext(home)
    try:
        identity = ctx.enrollment.enroll(platform.enroll_code())
        pull_from_platform(ctx)

        # A submission for an item, finalised (signed with the enrolled key) before the catalog changes.
        before = ctx.records.finalise(
            kind="submission",
            payload={"item_code": item["basic_code"], "item_name": item["name"], "form": {"note": "端到端"}},
            attachments=[AttachmentInput(name="scan.bin", data=b"\x89PNG" + bytes(300_000))],
        )
        assert before.receipt_no is not None

        # The platform withdraws the item and renames another; the terminal applies the page.
        renamed = copy.deepcopy(items[1])
        renamed["name"] += "（新版）"
        publish(
            platform.store,
            [{"op": "delete_item", "basic_code": item["basic_code"]}, {"op": "upsert_item", "item": renamed}],
        )
        assert pull_from_platform(ctx).changes == 2
        assert ctx.catalog.get_item(renamed["basic_code"]).name == renamed["name"]

        # The earlier submission is untouched and still goes out, exactly once, with its attachment.
        assert ctx.records.get(before.record_id) is not None
        report = ctx.sync.run_until_idle(timeout_s=60)
        assert report.pending == 0 and report.delivered == 1, report
        stored = platform.store.record(before.record_id)
        assert stored["terminal_id"] == identity.terminal_id
        assert stored["payload"]["item_code"] == item["basic_code"]
        sha = stored["attachments"][0]
        assert (platform.data / "blobs" / sha).read_bytes() == b"\x89PNG" + bytes(300_000)

        # Status comes back by cursor.
        platform_main.set_status(platform.store, before.receipt_no, "已受理")
        platform_main.set_status(platform.store, before.receipt_no, "不予受理", "事项已调整，请按新事项申请")
        ctx.sync.run_until_idle(timeout_s=60)
        status = ctx.records.status_of(before.receipt_no)
        assert status is not None
        assert (status["status"], status["note"]) == ("不予受理", "事项已调整，请按新事项申请")
        assert len(status["history"]) == 2
        assert platform.store.stats()["submissions"] == 1
    finally:
        ctx.close()


def test_draft_answers_survive_a_form_update_arriving_by_catalog_page(
    platform: InProcessPlatform, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft started on form v1 is carried to v2 (delivered in a signed change page) by stable field ids."""
    from app.forms.engine.definition import parse_form
    from app.forms.engine.prefill import migrate_answers

    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "drafts")
    (home / "config.toml").write_text(
        f'[keyring]\nbackend = "file"\n\n[platform]\nurl = "{platform.url}"\n', encoding="utf-8"
    )
    item = load_bundle(DEMO_CATALOG)["items"][0]
    ctx = AppContext(home)
    try:
        ctx.enrollment.enroll(platform.enroll_code())
        pull_from_platform(ctx)
        old_form = ctx.catalog.get_item(item["basic_code"]).form
        answers = {"applicant_name": "张三", "phone": "13800000000", "floors": 2}

        new_item = copy.deepcopy(item)
        fields = [f for f in new_item["form"]["fields"] if f["id"] != "phone"]
        fields.append({"id": "email", "type": "text", "label": "电子邮箱", "label_en": "Email", "required": True})
        new_item["form"] = {"version": 2, "fields": fields}
        publish(platform.store, [{"op": "upsert_item", "item": new_item}])
        pull_from_platform(ctx)

        new_form = ctx.catalog.get_item(item["basic_code"]).form
        assert (old_form["version"], new_form["version"]) == (1, 2)

        def definition(form: dict[str, Any]) -> Any:
            return parse_form(form)

        migration = migrate_answers(definition(old_form), definition(new_form), answers)
        assert migration.kept == {"applicant_name": "张三", "floors": 2}
        assert [r.field_id for r in migration.removed] == ["phone"]
        assert "email" in migration.to_ask
    finally:
        ctx.close()


def test_demo_platform_is_embedded_enrolled_once_and_reused(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "demo")
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")
    ctx = AppContext(home)
    platform = start_demo_platform(ctx)
    try:
        first = ctx.enrollment.identity()
        assert first is not None and first.platform_public_key == platform.public_key
        assert ctx.config.platform.url == platform.url
        ctx.records.make_test(1)
        assert ctx.sync.run_until_idle(timeout_s=60).delivered == 1
    finally:
        ctx.close()
        platform.close()
    ctx = AppContext(home)  # the next demo run: same platform data, same key, no new enrollment
    platform = start_demo_platform(ctx)
    try:
        assert ctx.enrollment.identity() == first
        assert platform.store.stats()["terminals"] == 1
    finally:
        ctx.close()
        platform.close()
