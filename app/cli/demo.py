"""`yunban demo [--windowed] [--screenshots DIR]`: the kiosk on this terminal's catalog (the demo catalog on a fresh
data directory) with the demo services of `app.main` (embedded platform, simulated devices), or its screenshot walk
(app/demo/screenshots.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.output import context


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "demo",
        parents=[common],
        help="start the kiosk on the demo catalog",
        description="Start the kiosk (full screen unless --windowed or kiosk.fullscreen = false). "
        "With --screenshots DIR, walk the main screens, save PNGs to DIR and exit (works with "
        "QT_QPA_PLATFORM=offscreen). Technician exit: Ctrl+Shift+Q.",
    )
    parser.add_argument("--windowed", action="store_true", help="run in a 1280×800 window instead of full screen")
    parser.add_argument("--screenshots", metavar="DIR", type=Path, help="save screenshots of the main screens and exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ctx = context(args)
    if args.screenshots is not None:
        from app.demo.screenshots import take_screenshots  # Qt loads only for this command

        for path in take_screenshots(ctx, args.screenshots):
            print(path)
        return 0
    from app.main import run_kiosk

    return run_kiosk(ctx, windowed=args.windowed, demo=True)
