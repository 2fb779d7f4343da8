"""Scanner failures, each with a code for programs and a message in Chinese and English for people."""

from __future__ import annotations


class ScannerError(Exception):
    """Codes: missing_library, not_present, no_device, busy, jammed, no_docs (empty feeder), cover_open, io,
    denied, cancelled, unreadable (a file that is not a readable image or PDF), too_many_pages, unsupported, error;
    timeout (a SANE backend that stopped responding); document camera: no_picture (no frames), not_settled (the
    picture never kept still), no_qr (no QR code seen)."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{message_zh}（{message_en}）")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
