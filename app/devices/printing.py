"""The receipt printer service: lays receipts out for the configured printer and prints them off the GUI thread.

Contract: every job is spooled (`<home>/spool/printer/`, written atomically, metadata first) before it is sent and
removed only once the printer took it, so a refused job stays to be retried and nothing is dropped silently; an
expired job (a 草稿保存凭条) is removed, never printed. All printer I/O runs on one "printer-io" thread.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from app.config import PrinterConfig
from app.devices import messages
from app.devices.messages import DeviceFailure, render
from app.devices.registry import printer_settings
from app.errors import UserError
from app.identity.masking import mask_id
from app.model.devices import PrinterStatus, PrintJobInfo, PrintResult
from devices.printer.document import Block, Columns, Cut, Field, Heading, QRCode, Receipt, Rule, Text
from devices.printer.driver import EscposPrinter, PrinterState
from devices.printer.drivers import open_printer, state_of_error
from devices.printer.errors import FontNotFoundError, PrinterError, UnknownProfileError
from devices.printer.layout import layout_receipt
from devices.printer.profiles import PrinterProfile, get_profile
from devices.printer.transport import parse_uri

log = logging.getLogger(__name__)


class PrintFailedError(DeviceFailure):
    """A job could not be printed; it is kept in the spool as `job_id` (if it got that far)."""

    def __init__(self, error: PrinterError, *, job_id: str | None) -> None:
        if job_id is None:
            super().__init__(error)
        else:
            super().__init__(error, messages.JOB_KEPT, job_id=job_id)
        self.job_id = job_id


JOB_KINDS = ("receipt", "notice", "draft_code", "diagnostic")
"""Kinds of spooled jobs; only `draft_code` jobs are given an expiry by the apply flow today."""

_JOB_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")


@dataclass(frozen=True, slots=True)
class _Meta:
    title: str
    created: str
    mode: str
    attempts: int = 0
    last_error: str = ""
    kind: str = "receipt"
    expires: str = ""


def diagnostic_receipt(hall_name: str = "", *, now: datetime | None = None) -> Receipt:
    """The technician's test receipt: Chinese text, a table, rare characters, a long wrapped address, a QR code."""
    now = now or datetime.now()
    return Receipt(
        (
            Heading("打印测试"),
            Text(hall_name or "云办 · 政务服务终端", align="center"),
            Text(now.strftime("%Y-%m-%d %H:%M:%S"), align="center"),
            Rule(),
            Field("中文", "政务服务，一次告知！（全角标点）"),
            Field("生僻字", "𠮷 䶮 镕（打印机字库外的字按图像打印）"),
            Field("地址", "云南省红河哈尼族彝族自治州建水县西庄镇团山村委会团山村民小组一百二十三号"),
            Rule(),
            Columns(("事项", "数量", "金额"), aligns=("left", "right", "right"), bold=True),
            Columns(("居民身份证换领", "1", "0.00"), aligns=("left", "right", "right")),
            Columns(("户口簿补办", "2", "0.00"), aligns=("left", "right", "right")),
            Rule(),
            Text("扫码查询办理进度", align="center"),
            QRCode("https://yunban.example/status/TEST-" + now.strftime("%Y%m%d%H%M%S")),
            Text("ABCDEFGHIJ 0123456789 abc", align="center"),
            Cut(),
        )
    )


def acceptance_receipt(
    *,
    hall_name: str,
    receipt_no: str,
    item_name: str,
    applicant: str,
    id_number: str = "",
    materials: tuple[tuple[str, int], ...] = (),
    promise: str = "",
    status_url: str = "",
    phone: str = "",
    accepted_at: datetime | None = None,
) -> Receipt:
    """The 受理回执 given to a citizen: what was applied for, under which number, what was handed in, when it will
    be done, and a QR code to follow it. The ID number is masked (5301**********1234), as everywhere on paper."""
    accepted_at = accepted_at or datetime.now()
    masked = mask_id(id_number)
    blocks: list[Block] = [
        Heading("受理回执"),
        Text(hall_name, align="center"),
        Rule(),
        Field("受理编号", receipt_no),
        Field("受理时间", accepted_at.strftime("%Y-%m-%d %H:%M")),
        Field("办理事项", item_name),
        Field("申请人", applicant),
    ]
    if masked:
        blocks.append(Field("证件号码", masked))
    if materials:
        blocks += [
            Rule(),
            Columns(("已收材料", "份数"), widths=(24, 7), aligns=("left", "right"), bold=True),
            *(Columns((name, str(copies)), widths=(24, 7), aligns=("left", "right")) for name, copies in materials),
        ]
    blocks.append(Rule())
    if promise:
        blocks.append(Text(promise))
    if status_url:
        blocks += [Text("扫码查询办理进度", align="center"), QRCode(status_url)]
    if phone:
        blocks.append(Text(f"咨询电话：{phone}", align="center"))
    blocks.append(Cut())
    return Receipt(tuple(blocks))


class PrinterService:
    """The configured receipt printer; one per terminal (AppContext.printer)."""

    def __init__(
        self,
        config: PrinterConfig,
        spool_dir: Path,
        *,
        timeout: float = 5.0,
        clock: Callable[[], float] | None = None,
        language: str | None = None,
    ) -> None:
        self.config = config
        self.spool_dir = spool_dir
        self.timeout = timeout
        self.language = language
        """Of status messages; None: the CLI's."""
        self._clock = clock or time.time
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="printer-io")

    def with_overrides(self, *, uri: str | None = None, profile: str | None = None, mode: str | None = None
                       ) -> PrinterService:  # fmt: skip
        """The same spool, another printer (the CLI's --printer/--profile/--mode)."""
        config = replace(
            self.config,
            uri=self.config.uri if uri is None else uri,
            profile=profile or self.config.profile,
            mode=mode or self.config.mode,
        )
        return PrinterService(config, self.spool_dir, timeout=self.timeout, clock=self._clock, language=self.language)

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    # -------------------------------------------------------------------------------------------- parts

    @property
    def profile(self) -> PrinterProfile:
        try:
            return get_profile(self.config.profile)
        except UnknownProfileError as exc:
            raise DeviceFailure(exc) from exc

    def _printer(self) -> EscposPrinter:
        return open_printer(printer_settings(self.config, timeout=self.timeout))

    def _status(self, state: PrinterState) -> PrinterStatus:
        c = self.config
        message = render(state.note, self.language)
        return PrinterStatus(c.uri, c.profile, c.mode, state.code, message, state.online, state.paper)

    def _error_status(self, exc: PrinterError) -> PrinterStatus:
        c = self.config
        return PrinterStatus(c.uri, c.profile, c.mode, state_of_error(exc), render(exc.note, self.language))

    # -------------------------------------------------------------------------------------------- status

    def status(self) -> PrinterStatus:
        """Ask the printer (DLE EOT); never raises for a printer problem, it is the status."""

        def ask() -> PrinterStatus:
            try:
                return self._status(self._printer().status())
            except PrinterError as exc:
                return self._error_status(exc)

        return self._executor.submit(ask).result()

    # ---------------------------------------------------------------------------------------------- spool

    def _spool_paths(self, job_id: str) -> tuple[Path, Path]:
        if not _JOB_ID.fullmatch(job_id):
            raise UserError(messages.BAD_JOB_ID, job_id=job_id)
        return self.spool_dir / f"{job_id}.bin", self.spool_dir / f"{job_id}.json"

    def _read_meta(self, job_id: str) -> _Meta:
        _, meta_path = self._spool_paths(job_id)
        try:
            return _Meta(**json.loads(meta_path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return _Meta(title="", created="", mode="")

    def _write_meta(self, job_id: str, meta: _Meta) -> None:
        _, meta_path = self._spool_paths(job_id)
        _write_atomically(meta_path, json.dumps(_asdict(meta), ensure_ascii=False).encode("utf-8"))

    def _expired(self, meta: _Meta) -> bool:
        if not meta.expires:
            return False
        try:
            return datetime.fromisoformat(meta.expires).timestamp() <= self._clock()
        except ValueError:
            return True  # an expiry that cannot be read: the job was meant to expire, so it does

    def _drop(self, job_id: str) -> bool:
        data_path, meta_path = self._spool_paths(job_id)
        existed = data_path.exists()
        data_path.unlink(missing_ok=True)
        meta_path.unlink(missing_ok=True)
        return existed

    def cancel(self, job_id: str) -> bool:
        """Remove a spooled job unprinted (a 草稿保存凭条 when the citizen has left). True if there was one."""
        removed = self._drop(job_id)
        if removed:
            log.info("print job %s cancelled", job_id)
        return removed

    def pending(self) -> list[PrintJobInfo]:
        """Jobs in the spool, oldest first. Expired jobs are removed here, never listed."""
        if not self.spool_dir.exists():
            return []
        jobs = []
        for data_path in sorted(self.spool_dir.glob("*.bin")):
            job_id = data_path.stem
            if not _JOB_ID.fullmatch(job_id):
                continue
            meta = self._read_meta(job_id)
            if self._expired(meta):
                self._drop(job_id)
                log.info("print job %s (%s) expired unprinted, removed", job_id, meta.kind)
                continue
            jobs.append(
                PrintJobInfo(
                    job_id,
                    meta.title,
                    meta.created,
                    data_path.stat().st_size,
                    meta.mode,
                    meta.attempts,
                    meta.last_error,
                    meta.kind,
                    meta.expires,
                )
            )
        return jobs

    # ---------------------------------------------------------------------------------------------- print

    def print_receipt(
        self, receipt: Receipt, *, title: str = "", kind: str = "receipt", expires_at: float | None = None
    ) -> PrintResult:
        """Lay out, spool and print one receipt. Raises PrintFailedError (job kept) if the printer cannot print it.
        `kind` is one of `JOB_KINDS`; with `expires_at` (epoch seconds) the kept job is dropped unprinted after it."""
        if kind not in JOB_KINDS:
            raise ValueError(f"unknown print job kind {kind!r} (known: {', '.join(JOB_KINDS)})")
        try:
            layout = layout_receipt(receipt, self.profile, self.config.mode)
        except FontNotFoundError as exc:
            raise DeviceFailure(exc) from exc
        except ValueError as exc:
            raise UserError(messages.LAYOUT_FAILED, error=str(exc)) from exc
        try:
            parse_uri(self.config.uri)
        except PrinterError as exc:
            # No printer (or an address that can never work): nothing to retry against, so nothing is spooled.
            raise PrintFailedError(exc, job_id=None) from exc
        job_id = datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        data_path, _ = self._spool_paths(job_id)
        expires = "" if expires_at is None else datetime.fromtimestamp(expires_at).astimezone().isoformat()
        # Metadata first: a job's bytes never exist without its kind and expiry.
        self._write_meta(job_id, _Meta(title=title, created=datetime.now().isoformat(timespec="seconds"),
                                       mode=self.config.mode, kind=kind, expires=expires))  # fmt: skip
        _write_atomically(data_path, layout.data)
        result = self._send(job_id)
        return replace(result, raster_lines=layout.raster_lines, substituted=tuple(layout.substituted))

    def retry(self, job_id: str) -> PrintResult:
        """Send a spooled job again (same bytes). An expired job is removed instead, never printed."""
        data_path, _ = self._spool_paths(job_id)
        if not data_path.exists():
            raise UserError(messages.NO_SUCH_JOB, job_id=job_id)
        meta = self._read_meta(job_id)
        if self._expired(meta):
            self._drop(job_id)
            log.info("print job %s (%s) expired unprinted, removed", job_id, meta.kind)
            raise UserError(messages.JOB_EXPIRED, job_id=job_id)
        return self._send(job_id)

    def _send(self, job_id: str) -> PrintResult:
        data_path, meta_path = self._spool_paths(job_id)
        try:
            data = data_path.read_bytes()
        except FileNotFoundError as exc:
            raise UserError(messages.JOB_CANCELLED, job_id=job_id) from exc
        meta = self._read_meta(job_id)
        started = time.perf_counter()
        try:
            state = self._executor.submit(lambda: self._printer().send(data)).result()
        except PrinterError as exc:
            self._write_meta(job_id, replace(meta, attempts=meta.attempts + 1, last_error=exc.code))
            log.warning("print job %s not printed: %s", job_id, exc.code)
            raise PrintFailedError(exc, job_id=job_id) from exc
        seconds = time.perf_counter() - started
        data_path.unlink(missing_ok=True)
        meta_path.unlink(missing_ok=True)
        log.info("print job %s printed (%d bytes, %.3f s)", job_id, len(data), seconds)
        return PrintResult(
            job_id, self.config.uri, self.config.profile, meta.mode or self.config.mode, len(data), seconds, 0, (),
            self._status(state),
        )  # fmt: skip


def _asdict(meta: _Meta) -> dict[str, object]:
    return {"title": meta.title, "created": meta.created, "mode": meta.mode, "attempts": meta.attempts,
            "last_error": meta.last_error, "kind": meta.kind, "expires": meta.expires}  # fmt: skip


def _write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same directory, fsync, rename over `path`, fsync the directory."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
