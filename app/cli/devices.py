"""`yunban devices …`: card readers, printers, scanners and their diagnostics, one module per kind
(`devices_card`, `devices_printer`, `devices_scanner`).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import devices_card, devices_printer, devices_scanner


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("devices", parents=[common], help="card readers, receipt printers, scanners")
    devsub = parser.add_subparsers(dest="devices_command", metavar="COMMAND")
    devices_card.register(devsub, common)
    devices_printer.register(devsub, common)
    devices_scanner.register(devsub, common)
