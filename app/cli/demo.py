"""`yunban demo [--windowed] [--screenshots DIR]`: the kiosk on this terminal's catalog (the demo catalog on a fresh
data directory) with the demo services of `app.main` (embedded platform, simulated devices), or its screenshot walk
(app/demo/screenshots.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import messages as m
from app.cli.output import context
from app.errors import UserError

if TYPE_CHECKING:
    from app.context import AppContext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "demo",
        parents=[common],
        help="start the kiosk on the demo catalog",
        description="Start the kiosk (full screen unless --windowed or kiosk.fullscreen = false). "
        "With --screenshots DIR, walk the main screens, save PNGs to DIR and exit (works with "
        "QT_QPA_PLATFORM=offscreen). Exit: Ctrl+Shift+Q. Refuses a home enrolled to another platform "
        "(start that terminal with `yunban kiosk`).",
    )
    parser.add_argument("--windowed", action="store_true", help="run in a 1280×800 window instead of full screen")
    parser.add_argument("--screenshots", metavar="DIR", type=Path, help="save screenshots of the main screens and exit")
    parser.set_defaults(func=run)


def refuse_enrolled_home(ctx: AppContext) -> None:
    """The demo enrolls the terminal with its own embedded platform: a home enrolled to any other platform (a real
    terminal's) is refused before anything in it changes. Its platform is told by the key the terminal pinned (the
    demo's platform listens on a new loopback port each run, so its URL says nothing)."""
    identity = ctx.enrollment.identity()
    if identity is None:
        return
    from app.demo.platform import demo_platform_key

    if identity.platform_public_key != demo_platform_key(ctx.home):
        raise UserError(
            m.DEMO_HOME_ENROLLED, home=ctx.home, platform=identity.platform_url, terminal=identity.terminal_id
        )


def run(args: argparse.Namespace) -> int:
    ctx = context(args)
    try:
        refuse_enrolled_home(ctx)
        from app.demo.home import prepare_demo_technician

        prepare_demo_technician(ctx)  # the demo's known PIN (000000), in its own home only
    except BaseException:
        ctx.close()
        raise
    if args.screenshots is not None:
        from app.demo.screenshots import take_screenshots  # Qt loads only for this command

        for path in take_screenshots(ctx, args.screenshots):
            print(path)
        return 0
    from app.main import run_kiosk

    # The demo's Ctrl+Shift+Q exits without the technician PIN (`yunban kiosk` asks for it).
    return run_kiosk(ctx, windowed=args.windowed, demo=True, exit_without_pin=True)
