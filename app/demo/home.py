"""What `yunban demo` prepares beside the kiosk (the embedded platform and the virtual printer are `app.demo.platform`
and `app.demo.printer`): a keystore that never prompts, something for the scanner to "scan", and the demo's
technician PIN (`DEMO_PIN`, set in the demo's own home only while none is set).

Contract: run before anything uses `ctx.keystore` / `ctx.scanner`; the simulated card reader needs nothing here (the
kiosk's `TechnicianService` installs one with no card on it; 模拟放卡 lays the demo card).
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.records.keystore import PASSPHRASE_ENV, KeystoreError, provisioned_passphrase

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger(__name__)

__all__ = ["DEMO_PIN", "DemoKeystore", "prepare_demo_keyring", "prepare_demo_scanner", "prepare_demo_technician"]

PASSPHRASE_FILE = "demo-keyring-passphrase"
DEMO_PIN = "000000"
"""The demo's known technician PIN (README, screenshots): a demo home only, never a provisioned terminal's."""


def prepare_demo_technician(ctx: AppContext) -> bool:
    """Give the demo's home the demo technician PIN unless a credential is already set there; True if it set it."""
    from app.technician.credential import TechnicianCredential

    credential = TechnicianCredential(ctx.home)
    if credential.is_set():
        return False
    credential.set_pin(DEMO_PIN)
    log.info("demo: technician PIN set to the demo PIN in %s", credential.path)
    return True


class DemoKeystore:
    """What the demo did about the keystore; `note` is shown on the technician screen."""

    def __init__(self, note: str) -> None:
        self.note = note


def prepare_demo_keyring(ctx: AppContext, env: dict[str, str] | None = None) -> DemoKeystore:
    """Make sure the demo's keystore can be opened without a prompt. Run before anything uses `ctx.keystore`.

    With `keyring.backend` auto or file and no passphrase provisioned, the demo provisions one itself: a random
    passphrase kept in `<home>/demo-keyring-passphrase` (mode 0600) and put in `$YUNBAN_KEYRING_PASSPHRASE` for this
    process, so `auto` falls back to the encrypted file keystore when no Secret Service is available. This is a
    DEMO arrangement: the passphrase sits beside the keystore it protects; real terminals use the Secret Service or
    a systemd credential.
    """
    env = os.environ if env is None else env  # type: ignore[assignment]
    assert env is not None
    backend = ctx.config.keyring.backend
    if backend in ("auto", "file") and provisioned_passphrase(env) is None:
        path = ctx.home / PASSPHRASE_FILE
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(secrets.token_urlsafe(24))
        env[PASSPHRASE_ENV] = path.read_text(encoding="utf-8").strip()
        log.info("demo: keystore passphrase provisioned from %s (file keystore if no Secret Service)", path)
    try:
        kind = ctx.keystore.backend_name
    except KeystoreError as exc:
        log.warning("demo: no keystore: %s", exc)
        return DemoKeystore(f"无可用密钥库（no keystore）：{exc}")
    if kind == "file":
        note = (
            "演示：未发现 Secret Service，密钥保存在加密文件中，口令由演示自动生成 "
            f"(demo: encrypted file keystore, passphrase in {ctx.home / PASSPHRASE_FILE})"
        )
    else:
        note = f"密钥库（keystore）：{kind}"
    log.info("demo: %s", note)
    return DemoKeystore(note)


def prepare_demo_scanner(ctx: AppContext) -> Path | None:
    """With the `file` scanner driver and no file configured, point it at a generated demo page (A4, 100 dpi); with
    the `camera` driver and no camera named, use the simulated document camera (its own generated A4 page)."""
    settings = ctx.scanner.config
    if settings.driver == "camera" and not settings.device:
        ctx.scanner.config = replace(settings, device="simulated")
        log.info("demo: simulated document camera")
        return None
    if settings.driver != "file" or settings.device:
        return None
    from PIL import Image, ImageDraw

    path = ctx.home / "demo-scanner" / "demo-page.png"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        img = Image.new("RGB", (827, 1169), "white")
        draw = ImageDraw.Draw(img)
        draw.rectangle((60, 60, 767, 1109), outline="black", width=3)
        draw.text((100, 100), "YUNBAN DEMO PAGE - scanner test", fill="black")
        for n in range(20):
            draw.line((100, 180 + n * 40, 727, 180 + n * 40), fill=(80, 80, 80), width=2)
        img.save(path, dpi=(100, 100))
    ctx.scanner.config = replace(settings, device=str(path))
    log.info("demo: scanner imports %s", path)
    return path
