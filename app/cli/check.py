"""`yunban check` commands (not built yet)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Nothing to register yet."""
