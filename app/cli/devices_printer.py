"""`yunban devices print-test | printer-status | printer-preview | print-jobs | print-retry | printer-emulator`.

Contract (stable JSON): print-test/print-retry → `{job_id, uri, profile, mode, bytes, seconds, raster_lines,
substituted, status}`; printer-status → `{uri, profile, mode, state, message, online, paper}`; printer-preview →
`{input, output, width, height, text, qr_codes, rasters, cuts, unknown}`; print-jobs → `{jobs: [{job_id, title,
created, bytes, mode, attempts, last_error}]}`.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path
from typing import Any

from app.cli.output import context, int_range, print_json, print_table
from app.devices import messages
from app.devices.messages import DeviceFailure
from app.errors import UserError
from app.model.devices import PrinterStatus, PrintResult
from devices.printer.drivers import MODES


def register(devsub: Any, common: argparse.ArgumentParser) -> None:
    p = devsub.add_parser("print-test", parents=[common], help="print a test receipt (Chinese, table, QR code, cut)")
    p.add_argument("--printer", metavar="URI", help="tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600, "
                   "file:PATH (default: devices.printer.uri)")  # fmt: skip
    p.add_argument("--profile", metavar="NAME", help="printer profile, e.g. POS-5890, 58mm, 80mm, TM-T20II")
    p.add_argument("--mode", choices=MODES, help="text (printer font) or raster (rendered image)")
    p.set_defaults(func=cmd_print_test)

    p = devsub.add_parser("printer-status", parents=[common], help="ask the printer for its status (DLE EOT)")
    p.add_argument("--printer", metavar="URI")
    p.set_defaults(func=cmd_status)

    p = devsub.add_parser("printer-preview", parents=[common], help="render a captured ESC/POS stream to a PNG")
    p.add_argument("input", metavar="FILE.bin")
    p.add_argument("output", metavar="OUT.png")
    p.add_argument("--dots", type=int_range(8, 4096), default=0,
                   help="print width in dots, 8 to 4096 (default: from --profile, else 384)")  # fmt: skip
    p.add_argument("--profile", metavar="NAME")
    p.set_defaults(func=cmd_preview)

    p = devsub.add_parser("print-jobs", parents=[common], help="jobs kept in the spool because they were not printed")
    p.set_defaults(func=cmd_jobs)

    p = devsub.add_parser("print-retry", parents=[common], help="send a spooled job again")
    p.add_argument("job_id", nargs="?", help="the job (default: every pending job, oldest first)")
    p.add_argument("--printer", metavar="URI")
    p.set_defaults(func=cmd_retry)

    p = devsub.add_parser("printer-emulator", parents=[common], help="run the virtual ESC/POS printer on 127.0.0.1")
    p.add_argument("--port", type=int_range(0, 65535), default=9100, help="TCP port (default 9100; 0: any free one)")
    p.add_argument("--out", metavar="DIR", default="printer-jobs", help="where each job's PNG is written")
    p.add_argument("--dots", type=int_range(8, 4096), default=384, help="print width in dots (default 384)")
    p.add_argument("--paper", choices=("ok", "near_end", "out"), default="ok", help="simulated paper sensor")
    p.set_defaults(func=cmd_emulator)


def _status_dict(s: PrinterStatus) -> dict[str, Any]:
    return dataclasses.asdict(s)


def _result_dict(r: PrintResult) -> dict[str, Any]:
    return {
        "job_id": r.job_id,
        "uri": r.uri,
        "profile": r.profile,
        "mode": r.mode,
        "bytes": r.size,
        "seconds": round(r.seconds, 4),
        "raster_lines": r.raster_lines,
        "substituted": list(r.substituted),
        "status": _status_dict(r.status),
    }


def _show_result(args: Any, r: PrintResult) -> None:
    if args.json:
        print_json(_result_dict(r))
        return
    print(f"已打印 / printed: {r.size} bytes to {r.uri} ({r.profile}, {r.mode}) in {r.seconds:.3f} s")
    if r.raster_lines:
        print(f"  {r.raster_lines} line(s) printed as images (characters outside the printer font)")
    if r.substituted:
        print(f"  substituted: {' '.join(r.substituted)}")
    print(f"  printer: {r.status.message}")


def cmd_print_test(args: Any) -> int:
    from app.devices.printing import diagnostic_receipt

    ctx = context(args)
    try:
        service = ctx.printer.with_overrides(uri=args.printer, profile=args.profile, mode=args.mode)
        try:
            result = service.print_receipt(
                diagnostic_receipt(ctx.config.terminal.hall_name), title="打印测试", kind="diagnostic"
            )
        finally:
            service.close()
        _show_result(args, result)
    finally:
        ctx.close()
    return 0


def cmd_status(args: Any) -> int:
    ctx = context(args)
    try:
        service = ctx.printer.with_overrides(uri=args.printer)
        try:
            status = service.status()
        finally:
            service.close()
    finally:
        ctx.close()
    if args.json:
        print_json(_status_dict(status))
    else:
        print(f"{status.uri or '(none)'}: {status.state} — {status.message}")
    return 0 if status.state in ("ready", "paper_near_end", "unknown") else 1


def cmd_preview(args: Any) -> int:
    from devices.emulators.escpos_render import render_stream
    from devices.emulators.virtual_printer import Job
    from devices.printer.errors import PrinterError
    from devices.printer.profiles import get_profile

    src = Path(args.input)
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise UserError(messages.CANNOT_READ_FILE, path=str(src), error=exc.strerror) from exc
    try:
        dots = args.dots or (get_profile(args.profile).dots if args.profile else 0)
        ops, image = render_stream(data, dots or 384)
    except PrinterError as exc:  # an unknown profile, no CJK font
        raise DeviceFailure(exc) from exc
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)
    job = Job(0, ops=ops)
    info = {
        "input": str(src),
        "output": str(out),
        "width": image.width,
        "height": image.height,
        "text": job.text,
        "qr_codes": job.qr_codes,
        "rasters": job.count("raster"),
        "cuts": job.count("cut"),
        "unknown": job.count("unknown"),
    }
    if args.json:
        print_json(info)
    else:
        print(f"{out}: {image.width}×{image.height}, {info['rasters']} image(s), {info['cuts']} cut(s), "
              f"{len(job.qr_codes)} QR code(s), {info['unknown']} unknown command(s)")  # fmt: skip
    return 0


def cmd_jobs(args: Any) -> int:
    ctx = context(args)
    try:
        jobs = ctx.printer.pending()
    finally:
        ctx.close()
    if args.json:
        print_json({"jobs": [{**dataclasses.asdict(j), "bytes": j.size} for j in jobs]})
    else:
        print_table(["job", "title", "created", "bytes", "attempts", "last error"],
                    [[j.job_id, j.title, j.created, j.size, j.attempts, j.last_error] for j in jobs])  # fmt: skip
    return 0


def cmd_retry(args: Any) -> int:
    ctx = context(args)
    try:
        service = ctx.printer.with_overrides(uri=args.printer)
        try:
            ids = [args.job_id] if args.job_id else [j.job_id for j in service.pending()]
            results = [service.retry(job_id) for job_id in ids]
        finally:
            service.close()
    finally:
        ctx.close()
    if args.json:
        print_json({"printed": [_result_dict(r) for r in results]})
    else:
        for r in results:
            _show_result(args, r)
        if not results:
            print("没有待打印的任务（no pending jobs）")
    return 0


def cmd_emulator(args: Any) -> int:
    from devices.emulators.virtual_printer import VirtualPrinter

    out = Path(args.out)
    printer = VirtualPrinter(port=args.port, out_dir=out, dots=args.dots)
    printer.set_paper(args.paper)
    try:
        printer.start()
    except OSError as exc:
        raise UserError(messages.CANNOT_LISTEN, port=args.port, error=exc.strerror) from exc
    print(f"virtual printer on {printer.uri}, jobs → {out}/ (Ctrl+C stops)", flush=True)
    seen = 0
    try:
        while True:
            time.sleep(0.2)
            while seen < len(printer.jobs):
                job = printer.jobs[seen]
                seen += 1
                print(f"job {job.number}: {len(job.raw)} bytes → {job.png}" + ("" if job.printed else " (NOT printed)"),
                      flush=True)  # fmt: skip
    except KeyboardInterrupt:
        pass
    finally:
        printer.stop()
    return 0
