"""SANE's real `test` backend for the tests: one private SANE_CONFIG_DIR for the whole session.

libsane reads SANE_CONFIG_DIR once per process (when python-sane first initialises, at the first scan), so the root
conftest installs it before any test runs: no folder depends on which other folder ran first. `dll.conf` lists only
`test`, which also makes device listing instant instead of probing every backend.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

TEST_CONF = """\
number_of_devices 2
mode Color
resolution 200
test-picture "Color pattern"
read-limit false
read-delay false
select-fd true
"""


def make_sane_config(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dll.conf").write_text("test\n", encoding="ascii")
    (root / "test.conf").write_text(TEST_CONF, encoding="ascii")
    return root


def install_sane_config() -> Path:
    """Create the session's config in a fresh temporary directory (removed at exit) and point SANE_CONFIG_DIR at it,
    for this process and the child processes tests start."""
    root = make_sane_config(Path(tempfile.mkdtemp(prefix="yunban-sane-")))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    os.environ["SANE_CONFIG_DIR"] = str(root)
    return root
