"""`yunban devices scan-test | scanner-status`.

Contract (stable JSON): scan-test → `{driver, device, pages: [{index, width, height, dpi, bytes, quality, path}],
pdf, seconds}`; scanner-status → `{driver, device, state, message}`.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from app.cli.output import context, int_range, print_json
from devices.scanner import DRIVERS
from devices.scanner.pipeline import PageOptions


def register(devsub: Any, common: argparse.ArgumentParser) -> None:
    p = devsub.add_parser("scan-test", parents=[common], help="scan (or import) pages and make them upload-ready")
    p.add_argument("--device", metavar="NAME", help="SANE device (e.g. test:0), camera name, `simulated` (the "
                   "simulated document camera), or file path (default: devices.scanner.device)")  # fmt: skip
    p.add_argument("--driver", choices=DRIVERS, help="default: devices.scanner.driver")
    p.add_argument("--out", metavar="DIR", default="scan-test", help="where page-NNN.jpg and scan.pdf go")
    p.add_argument("--source", choices=("flatbed", "adf"), default="flatbed")
    p.add_argument(
        "--resolution", type=int_range(50, 1200), default=200, metavar="DPI", help="50 to 1200 (default 200)"
    )
    p.add_argument("--gray", action="store_true", help="grayscale")
    p.add_argument(
        "--max-kb", type=int_range(1, 100_000), default=1000, help="per-page JPEG budget in KB (default 1000)"
    )
    p.add_argument("--no-crop", action="store_true", help="keep the whole scan area")
    p.set_defaults(func=cmd_scan_test)

    p = devsub.add_parser("scanner-status", parents=[common], help="is the configured scanner there?")
    p.add_argument("--device", metavar="NAME")
    p.add_argument("--driver", choices=DRIVERS)
    p.set_defaults(func=cmd_status)


def _driver(args: Any) -> str | None:
    """`--driver`, or `camera` when `--device` names the simulated document camera."""
    if args.driver is None and (args.device or "").split(":", 1)[0] == "simulated":
        return "camera"
    return str(args.driver) if args.driver else None


def cmd_scan_test(args: Any) -> int:
    from app.devices.scanning import ScannerService, ScanRequest

    ctx = context(args)
    try:
        service = ScannerService(ctx.config.devices.scanner).with_overrides(driver=_driver(args), device=args.device)
        request = ScanRequest(source=args.source, resolution=args.resolution, color=not args.gray)
        options = PageOptions(dpi=args.resolution, grayscale=args.gray, max_bytes=args.max_kb * 1000,
                              crop=not args.no_crop)  # fmt: skip
        result, _ = service.scan(request, out_dir=Path(args.out), options=options)
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "driver": result.driver,
                "device": result.device,
                "pages": [
                    {
                        "index": p.index,
                        "width": p.width,
                        "height": p.height,
                        "dpi": p.dpi,
                        "bytes": p.size,
                        "quality": p.quality,
                        "path": p.path,
                    }
                    for p in result.pages
                ],
                "pdf": result.pdf,
                "seconds": round(result.seconds, 4),
            }
        )
    else:
        for p in result.pages:
            print(f"page {p.index}: {p.width}×{p.height} @ {p.dpi} dpi, {p.size} bytes (JPEG q{p.quality}) → {p.path}")
        print(f"{len(result.pages)} page(s) → {result.pdf} in {result.seconds:.2f} s")
    return 0


def cmd_status(args: Any) -> int:
    from app.devices.scanning import ScannerService

    ctx = context(args)
    try:
        status = (
            ScannerService(ctx.config.devices.scanner).with_overrides(driver=_driver(args), device=args.device).status()
        )
    finally:
        ctx.close()
    if args.json:
        print_json(dataclasses.asdict(status))
    else:
        print(f"{status.driver} {status.device or ''}: {status.state} — {status.message}")
    return 0 if status.state == "ready" else 1
