"""`ProvisioningService` against the reference platform on loopback: enrollment saves the platform URL and the
division in config.toml (through a symlink to its target), every failure (unreachable platform, wrong or reused
code, unknown division) leaves the terminal as it was, the PIN twice, QR codes read from a scanned page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from app.config import load_config
from app.context import AppContext
from app.errors import UserError
from app.provisioning.service import ProvisioningService, decode_enrollment_qr
from app.technician.credential import CREDENTIAL_FILE, TechnicianCredential
from tests.integration.provisioning.conftest import qr_page
from tests.support.platform import DEMO_DIVISION, InProcessPlatform

PIN = "73519046"
OTHER_DIVISION = "532524103201"  # 团山村's neighbour in the same township (a real code of the table)


def _snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def _unchanged_after(ctx: AppContext, error_code: str, fn: Callable[[], object]) -> None:
    """`fn` fails with `error_code` and leaves every file of the home (and the configuration in memory) as it was,
    apart from the keystore's pending key (which makes a retry with the same code safe)."""
    before = {k: v for k, v in _snapshot(ctx.home).items() if not k.startswith(("keystore", "logs"))}
    division, url = ctx.config.terminal.division_code, ctx.config.platform.url
    with pytest.raises(UserError) as caught:
        fn()
    assert caught.value.code == error_code, caught.value
    after = {k: v for k, v in _snapshot(ctx.home).items() if not k.startswith(("keystore", "logs"))}
    assert after.keys() - before.keys() <= {"records.db", "records.db-wal", "records.db-shm"}
    assert {k: v for k, v in after.items() if k in before} == before
    assert not (ctx.home / "enrollment.json").exists()
    assert (ctx.config.terminal.division_code, ctx.config.platform.url) == (division, url)


def test_enrollment_saves_the_platform_and_division_and_the_running_sync_follows(
    make_ctx: Callable[..., AppContext], platform: InProcessPlatform
) -> None:
    ctx = make_ctx()
    service = ProvisioningService(ctx)
    sync = ctx.sync  # built before enrolling, as the kiosk's sync loop does
    assert service.identity() is None
    enrolled = service.enroll(platform.url, platform.enroll_code(OTHER_DIVISION), OTHER_DIVISION)
    assert enrolled.platform_url == platform.url and enrolled.division == OTHER_DIVISION
    assert enrolled.saved == (("platform", "url", platform.url), ("terminal", "division_code", OTHER_DIVISION))
    text = (ctx.home / "config.toml").read_text(encoding="utf-8")
    assert text.startswith("# this terminal\n") and "# the old one" in text and "# no Secret Service here" in text
    config = load_config(ctx.home / "config.toml", env={})
    assert (config.platform.url, config.terminal.division_code) == (platform.url, OTHER_DIVISION)
    assert (ctx.config.platform.url, ctx.config.terminal.division_code) == (platform.url, OTHER_DIVISION)
    assert sync.platform_url == platform.url
    assert sync.run_once().delivered == 0  # speaks to the platform it enrolled with
    identity = service.identity()
    assert identity is not None and identity.terminal_id == enrolled.terminal_id
    assert service.needs_restart()  # the kiosk's catalog was opened for the default division


def test_enrolling_for_the_division_it_runs_with_needs_no_restart(
    make_ctx: Callable[..., AppContext], platform: InProcessPlatform
) -> None:
    ctx = make_ctx()
    service = ProvisioningService(ctx)
    service.enroll(platform.url, platform.enroll_code(), DEMO_DIVISION)
    assert not service.needs_restart()


def test_an_unreachable_platform_changes_nothing(make_ctx: Callable[..., AppContext]) -> None:
    ctx = make_ctx()
    service = ProvisioningService(ctx)
    _unchanged_after(ctx, "sync.platform_unreachable",
                     lambda: service.enroll("http://127.0.0.1:9", "ABCD-EFGH-JKLM", OTHER_DIVISION))  # fmt: skip


def test_a_wrong_code_changes_nothing(make_ctx: Callable[..., AppContext], platform: InProcessPlatform) -> None:
    ctx = make_ctx()
    service = ProvisioningService(ctx)
    _unchanged_after(ctx, "sync.enrollment_refused", lambda: service.enroll(platform.url, "WRONG-CODE", DEMO_DIVISION))


def test_a_reused_code_changes_nothing(make_ctx: Callable[..., AppContext], platform: InProcessPlatform) -> None:
    code = platform.enroll_code()
    first = make_ctx()
    ProvisioningService(first).enroll(platform.url, code, DEMO_DIVISION)
    ctx = make_ctx()
    service = ProvisioningService(ctx)
    _unchanged_after(ctx, "sync.enrollment_refused", lambda: service.enroll(platform.url, code, DEMO_DIVISION))


def test_an_unknown_division_is_refused_before_the_platform_is_asked(
    make_ctx: Callable[..., AppContext], platform: InProcessPlatform
) -> None:
    ctx = make_ctx()
    service = ProvisioningService(ctx)
    code = platform.enroll_code()
    _unchanged_after(ctx, "cli.unknown_division", lambda: service.enroll(platform.url, code, "539999999999"))
    with pytest.raises(UserError) as caught:
        service.check_division("5325")
    assert caught.value.code == "cli.unknown_division" and "5325" in str(caught.value)
    with pytest.raises(UserError) as caught:
        service.check_division("532500000000")  # 红河州: a prefecture is no place for a terminal
    assert caught.value.code == "provisioning.division_too_coarse" and "红河" in str(caught.value)
    assert service.enroll(platform.url, code, DEMO_DIVISION).division == DEMO_DIVISION  # the code was not used up


def test_a_symlinked_config_is_written_through_to_its_target(
    make_ctx: Callable[..., AppContext], platform: InProcessPlatform, tmp_path: Path
) -> None:
    target = tmp_path / "etc" / "yunban" / "config.toml"
    ctx = make_ctx(config_at=target)
    link = ctx.home / "config.toml"
    ProvisioningService(ctx).enroll(platform.url, platform.enroll_code(), DEMO_DIVISION)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert load_config(target, env={}).platform.url == platform.url
    assert "# the old one" in target.read_text(encoding="utf-8")
    assert not list(target.parent.glob("*.tmp")) and not list(ctx.home.glob("config.toml.tmp"))


def test_the_pin_is_set_twice_and_checked(make_ctx: Callable[..., AppContext]) -> None:
    ctx = make_ctx()
    service = ProvisioningService(ctx)
    assert not service.pin_is_set()
    for pin, repeat, code in [
        (PIN, "73519047", "provisioning.pin_mismatch"),
        ("1234", "1234", "technician.pin_format"),
    ]:
        with pytest.raises(UserError) as caught:
            service.set_technician_pin(pin, repeat)
        assert caught.value.code == code
    assert not (ctx.home / CREDENTIAL_FILE).exists()
    service.set_technician_pin(PIN, PIN)
    assert service.pin_is_set() and TechnicianCredential(ctx.home).check(PIN)
    assert service.check_pin(PIN) and not service.check_pin("000000")
    assert PIN.encode() not in (ctx.home / CREDENTIAL_FILE).read_bytes()
    service.close()


def test_the_enrollment_qr_is_read_from_a_scanned_page(
    make_ctx: Callable[..., AppContext], platform: InProcessPlatform
) -> None:
    code = platform.enroll_code()
    ctx = make_ctx(qr=code)  # the file scanner "scans" a page with the code's QR on it
    service = ProvisioningService(ctx)
    read = service.scan_qr()
    assert read.code == code and read.platform_url is None
    assert service.enroll(platform.url, read.code, DEMO_DIVISION).division == DEMO_DIVISION


def test_a_page_without_a_qr_says_so(make_ctx: Callable[..., AppContext]) -> None:
    service = ProvisioningService(make_ctx(qr=None))
    with pytest.raises(UserError) as caught:
        service.scan_qr()
    assert caught.value.code == "provisioning.no_qr"


def test_decode_qr_reads_a_code_or_a_link_and_refuses_other_text(tmp_path: Path) -> None:
    link = "https://platform.example/enroll?platform=https%3A%2F%2Fzw.yn.gov.cn&code=k7qx-3mpd-w9ta"
    read = decode_enrollment_qr(Image.open(qr_page(link, tmp_path / "link.png")))
    assert (read.code, read.platform_url) == ("K7QX-3MPD-W9TA", "https://zw.yn.gov.cn")
    assert decode_enrollment_qr(Image.open(qr_page("K7QX-3MPD-W9TA", tmp_path / "c.png"))).code == "K7QX-3MPD-W9TA"
    with pytest.raises(UserError) as caught:
        decode_enrollment_qr(Image.open(qr_page("请到窗口办理 Hello world!", tmp_path / "t.png")))
    assert caught.value.code == "provisioning.qr_not_a_code"
    with pytest.raises(UserError) as caught:
        decode_enrollment_qr(Image.open(qr_page(None, tmp_path / "none.png")))
    assert caught.value.code == "provisioning.no_qr"


def test_the_device_checks_go_through_the_technician_service(make_ctx: Callable[..., AppContext]) -> None:
    service = ProvisioningService(make_ctx())
    try:
        states = {s.kind: s for s in service.device_states()}
        assert states["printer"].ok and states["scanner"].ok, states
        assert service.print_test().size > 0
        assert len(service.scan_page().pages) == 1
    finally:
        service.close()
