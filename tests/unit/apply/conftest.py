"""The apply service on a real terminal home (demo catalog, records.db, file keystore) and the virtual ESC/POS
printer: the fixtures of tests/integration/apply."""

from tests.integration.apply.conftest import ctx, emulator, home, vp  # noqa: F401
