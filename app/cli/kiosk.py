"""`yunban kiosk [--windowed]`: the production kiosk on this terminal's enrolled platform and configured devices
(`app.main.run_kiosk`). It never enrolls, starts no platform and no demo service (`yunban demo` does that); a
terminal not yet enrolled starts into the not-provisioned screen (`app.main.build_kiosk`)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.output import context


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "kiosk",
        parents=[common],
        help="start the kiosk on the enrolled platform and the configured devices",
        description="Start the kiosk screens (full screen unless --windowed or kiosk.fullscreen = false) against "
        "the platform this terminal is enrolled with and the devices in config.toml. A terminal not yet enrolled "
        "shows what the technician must do (yunban enroll --platform URL --code CODE). Ctrl+Shift+T opens the "
        "technician screen; Ctrl+Shift+Q asks the technician PIN, then exits.",
    )
    parser.add_argument("--windowed", action="store_true", help="run in a 1280×800 window instead of full screen")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ctx = context(args)
    from app.main import run_kiosk  # Qt loads only for this command

    return run_kiosk(ctx, windowed=args.windowed)
