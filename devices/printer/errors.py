"""Printer failures, each with a code for programs and a message in Chinese and English for people."""

from __future__ import annotations


class PrinterError(Exception):
    """A print could not be done; the job is kept and can be retried.

    Codes: not_configured, bad_uri, missing_library, refused, unreachable, not_found, denied, io, offline,
    paper_out, cover_open, paper_out_during (the paper ran out while printing: the receipt may be incomplete).
    """

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{message_zh}（{message_en}）")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
