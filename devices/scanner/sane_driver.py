"""Flatbed and ADF scanners through SANE (python-sane).

Contract: every SANE call of the process runs on one worker thread ("sane-io", libsane and its backends are not
thread-safe), libsane is initialised once on it; SANE status texts become `ScannerError` codes a clerk can act on.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import queue
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from PIL import Image

from devices.scanner.errors import ScannerError

Source = Literal["flatbed", "adf"]
T = TypeVar("T")

log = logging.getLogger(__name__)

CALL_TIMEOUT_S = 300.0
"""Longest a SANE call may take (a 100-page ADF batch at 200 dpi takes about 3 minutes on a fast feeder)."""


def keep_sigpipe_ignored() -> None:
    """Put SIGPIPE back to ignored after a SANE call. libsane's reader threads (sanei_thread) "restore" SIGPIPE to
    its default, terminate, when a scan ends; Python runs with it ignored, so that a write to a socket the peer
    closed raises BrokenPipeError. Left at the default, the first dropped connection after a scan (the outbox
    uploading, a printer going away) would kill the whole terminal process. Set through libc: `signal.signal` only
    works on the main thread, and SANE calls run on their own."""
    _libc_signal()(signal.SIGPIPE, signal.SIG_IGN.value)


@functools.cache
def _libc_signal() -> Any:
    """libc's `signal()`, loaded once (the SANE worker calls it after every call)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.signal.restype = ctypes.c_void_p
    libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
    return libc.signal


class _SaneWorker:
    """The one thread that talks to libsane. A daemon thread fed by a queue rather than a ThreadPoolExecutor: a
    backend that never returns (see `_wait_for_data`) must not also hang the interpreter's exit, which joins
    executor threads."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="sane-io", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            fn, future = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn()
            except BaseException as exc:
                keep_sigpipe_ignored()
                future.set_exception(exc)
            else:
                keep_sigpipe_ignored()
                future.set_result(result)

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future


_worker = _SaneWorker()
_lock = threading.Lock()
_state: dict[str, Any] = {"module": None}

# sane_strstatus() texts (sanei/sane_strstatus.c) → (code, reason).
_STATUS: dict[str, tuple[str, str]] = {
    "Document feeder jammed": ("jammed", "jammed"),
    "Document feeder out of documents": ("no_docs", "no_docs"),
    "Scanner cover is open": ("cover_open", "cover_open"),
    "Device busy": ("busy", "busy"),
    "Error during device I/O": ("io", "io"),
    "Access to resource has been denied": ("denied", "denied"),
    "Operation was cancelled": ("cancelled", "cancelled"),
    "Operation not supported": ("unsupported", "unsupported"),
    "Invalid argument": ("error", "invalid_argument"),
    "Out of memory": ("error", "out_of_memory"),
}


def map_sane_error(exc: BaseException) -> ScannerError:
    text = str(exc.args[0]) if exc.args else str(exc)
    code, reason = _STATUS.get(text, ("error", "sane_error"))
    return ScannerError(code, reason=reason, error=text)


def _sane() -> Any:
    """python-sane, initialised (call on the SANE thread only)."""
    with _lock:
        if _state["module"] is None:
            try:
                import sane
            except ImportError as exc:
                raise ScannerError("missing_library", reason="no_python_sane", error=str(exc)) from exc
            sane.init()
            _state["module"] = sane
        return _state["module"]


def run_on_sane_thread(fn: Callable[[], T], timeout: float | None = CALL_TIMEOUT_S) -> T:
    """Run `fn` on the SANE thread. A call still running after `timeout` seconds means the backend is wedged: the
    caller gets a clear error, and later calls go to a fresh thread instead of queueing behind the stuck one (the
    stuck device stays claimed until the terminal restarts, so they may report it busy)."""
    global _worker
    worker = _worker
    future = worker.submit(fn)
    try:
        return future.result(timeout)
    except FutureTimeout:
        with _lock:
            if _worker is worker:
                _worker = _SaneWorker()
        log.error("SANE call did not return within %.0f s; the scanner thread is abandoned", timeout or 0)
        raise ScannerError("timeout") from None


def _wait_for_data(dev: Any, timeout: float = 30.0) -> None:
    """Wait until the backend has image data (its select fd is readable) before reading.

    Backends built on sanei_thread (the `test` backend among them) read in a pthread they stop with an asynchronous
    pthread_cancel. When the first sane_read fails at once (a jam, an empty feeder), python-sane's snap() cancels
    straight away, and a reader cancelled inside its first malloc() leaves glibc's arena lock held: the scan thread
    then hangs for ever in sane_cancel's pthread_join (seen in about 1 in 40 fault scans with sane-backends 1.2.1).
    Once data is readable the reader is past its allocation and blocked in write(), where cancelling is safe.
    Backends without a select fd (the `test` backend unless `select-fd` is on) are read as before; a hang that
    still happens is turned into an error by `run_on_sane_thread`'s timeout."""
    import select

    try:
        fd = dev.fileno()
    except Exception:  # SANE_STATUS_UNSUPPORTED: no select fd for this backend
        return
    with contextlib.suppress(OSError, ValueError):
        select.select([fd], [], [], timeout)


def list_devices() -> list[tuple[str, str, str, str]]:
    """(name, vendor, model, type) of each scanner SANE can see."""
    return run_on_sane_thread(lambda: [tuple(d) for d in _sane().get_devices()])


def _pick(options: Sequence[Any], wanted: Sequence[str]) -> Any | None:
    for want in wanted:
        for opt in options:
            if isinstance(opt, str) and want.lower() in opt.lower():
                return opt
    return None


@dataclass(slots=True)
class SaneScanner:
    """One SANE scanner. `device` empty: the first one SANE lists."""

    device: str = ""
    source: Source = "flatbed"
    resolution: int = 200
    color: bool = True
    area_mm: tuple[float, float] | None = (210.0, 297.0)
    """Scan area (width, height), clamped to what the scanner allows; None keeps the backend default."""
    max_pages: int = 100
    options: dict[str, Any] = field(default_factory=dict)
    """Backend options set after ours, by python-sane name (e.g. `read_return_value` of the `test` backend)."""

    def scan(self) -> list[Image.Image]:
        """Scan one page (flatbed) or every page in the feeder (ADF)."""
        return run_on_sane_thread(self._scan)

    def _open(self) -> Any:
        sane = _sane()
        name = self.device
        try:
            if not name:
                devices = sane.get_devices()
                if not devices:
                    raise ScannerError("no_device")
                name = devices[0][0]
            return sane.open(name)
        except sane._sane.error as exc:
            text = str(exc.args[0]) if exc.args else str(exc)
            if text in ("Invalid argument", "Device not found"):
                raise ScannerError("no_device", reason="device_not_found", device=name) from exc
            raise map_sane_error(exc) from exc

    def _configure(self, dev: Any) -> None:
        opts = dev.opt

        def settable(name: str) -> bool:
            return name in opts and opts[name].is_active() and opts[name].is_settable()

        if settable("source"):
            choices = opts["source"].constraint or []
            want = ("adf", "feeder", "automatic") if self.source == "adf" else ("flatbed", "normal")
            pick = _pick(choices, want)
            if pick is None and self.source == "adf":
                raise ScannerError("unsupported", reason="no_feeder")
            if pick is not None:
                dev.source = pick
        elif self.source == "adf":
            raise ScannerError("unsupported", reason="no_feeder")
        if settable("mode"):
            pick = _pick(opts["mode"].constraint or [], ("color",) if self.color else ("gray", "grey"))
            if pick is not None:
                dev.mode = pick
        if settable("depth"):
            depths = opts["depth"].constraint
            if isinstance(depths, list) and 8 in depths:
                dev.depth = 8
        if settable("resolution"):
            res = opts["resolution"].constraint
            value = self.resolution
            if isinstance(res, tuple):
                value = max(int(res[0]), min(int(res[1]), value))
            elif isinstance(res, list) and res:
                value = min(res, key=lambda r: abs(int(r) - self.resolution))
            dev.resolution = value
        if self.area_mm is not None:
            for name, size in (("br_x", self.area_mm[0]), ("br_y", self.area_mm[1])):
                if settable(name):
                    rng = opts[name].constraint
                    top = rng[1] if isinstance(rng, tuple) else size
                    setattr(dev, name, min(size, top))

    def _set_extra_options(self, dev: Any) -> dict[str, Any]:
        """Set `options`; returns the values they replaced. Backends keep option values while libsane stays loaded
        (across close and open), so the caller puts these back: one scan's extra option must not reach the next."""
        previous: dict[str, Any] = {}
        for name, value in self.options.items():
            with contextlib.suppress(Exception):  # an option that cannot be read is simply not restored
                previous[name] = getattr(dev, name)
            setattr(dev, name, value)
        return previous

    def _scan(self) -> list[Image.Image]:
        sane = _sane()
        dev = self._open()
        pages: list[Image.Image] = []
        previous: dict[str, Any] = {}
        try:
            self._configure(dev)
            previous = self._set_extra_options(dev)
            while len(pages) < (self.max_pages if self.source == "adf" else 1):
                try:
                    dev.start()
                    _wait_for_data(dev)
                    pages.append(dev.snap())
                except sane._sane.error as exc:
                    err = map_sane_error(exc)
                    if err.code == "no_docs" and pages:
                        break  # the feeder ran empty after the last page: the normal end of an ADF batch
                    if pages:
                        err = ScannerError(err.code, reason="after_pages", problem=err.note, pages=len(pages))
                    raise err from exc
        except ScannerError:
            raise
        except (sane._sane.error, AttributeError, ValueError) as exc:
            raise ScannerError("error", reason="setup_failed", error=str(exc)) from exc
        finally:
            with contextlib.suppress(Exception):  # the device may already be gone; closing is still wanted
                dev.cancel()
            for name, value in previous.items():
                with contextlib.suppress(Exception):
                    setattr(dev, name, value)
            dev.close()
        return pages
