"""`yunban platform ...`: the reference platform's admin CLI (`sync.platform.cli`), mounted with the terminals'
catalog check so `publish` refuses a release terminals would refuse."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.progress import progress
from app.data import DEMO_CATALOG
from sync.platform import cli as platform_cli


def _release_check(bundle_json: dict[str, Any]) -> None:
    from app.catalog.updates import release_check  # imported on use: the CLI starts without the catalog stack

    release_check(bundle_json)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    platform_cli.register(
        sub, common, release_check=_release_check, default_catalog=DEMO_CATALOG, progress=progress
    )  # the load test's progress bar (--progress)
