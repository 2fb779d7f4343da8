"""Staff accounts and the signed roster on both platform engines (SQLite and PostgreSQL): versions only grow, the
roster holds the terminal's hall only, revoked accounts stay in it marked, a reset reinstates, the route needs the
terminal's credentials and the envelope verifies against the key the terminal was given at enrollment."""

from __future__ import annotations

import httpx
import pytest

from sync import protocol
from sync.platform import staff as platform_staff
from sync.platform.errors import PlatformError
from tests.support.platform import DEMO_DIVISION, InProcessPlatform, TestTerminal


def test_roster_versions_scope_revocation_and_signature(platform: InProcessPlatform) -> None:
    store = platform.store
    a = platform_staff.add_staff(store, division=DEMO_DIVISION, staff_id="c01", name="甲", role="clerk",
                                 secret="password-01")  # fmt: skip
    b = platform_staff.add_staff(store, division=DEMO_DIVISION, staff_id="s01", name="乙", role="supervisor",
                                 secret="123456")  # fmt: skip
    platform_staff.add_staff(store, division="532524103206", staff_id="x01", name="丙", role="clerk",
                             secret="password-03")  # fmt: skip
    assert (a["version"], b["version"]) == (1, 2)
    with pytest.raises(PlatformError, match="taken"):
        platform_staff.add_staff(store, division=DEMO_DIVISION, staff_id="c01", name="丁", role="clerk",
                                 secret="password-04")  # fmt: skip
    revoked = platform_staff.revoke_staff(store, "c01")
    assert revoked["revoked_at"] and revoked["version"] == 4
    with pytest.raises(PlatformError, match="no staff account"):
        platform_staff.revoke_staff(store, "nobody")

    t = TestTerminal(platform.url, platform.enroll_code())
    try:
        assert httpx.get(platform.url + "/v1/staff/roster").status_code == 401
        reply = t.client.get("/v1/staff/roster")
        assert reply.status_code == 200
        verifier = protocol.make_verifier("ed25519", protocol.b64decode(t.platform_public_key))
        page = protocol.verify_envelope(verifier, reply.json())
        assert page["kind"] == "staff_roster" and page["division"] == DEMO_DIVISION
        assert page["terminal_id"] == t.terminal_id and page["version"] == 4
        by_id = {s["staff_id"]: s for s in page["staff"]}
        assert set(by_id) == {"c01", "s01"} and by_id["c01"]["revoked_at"] and by_id["s01"]["revoked_at"] is None
        assert all(s["secret_hash"].startswith("$argon2id$v=19$m=65536,t=3,p=4$") for s in page["staff"])
        assert "password-01" not in reply.text and "123456" not in reply.text

        reset = platform_staff.reset_staff(store, "c01", "password-05")
        assert reset["revoked_at"] is None and reset["version"] == 5
        again = protocol.verify_envelope(verifier, t.client.get("/v1/staff/roster").json())
        assert again["version"] == 5 and {s["staff_id"]: s for s in again["staff"]}["c01"]["revoked_at"] is None
    finally:
        t.close()
