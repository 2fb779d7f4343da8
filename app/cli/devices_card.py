"""`yunban devices` subcommands of this device kind (not built yet)."""

from __future__ import annotations

import argparse
from typing import Any


def register(devsub: Any, common: argparse.ArgumentParser) -> None:
    """Nothing to register yet."""
