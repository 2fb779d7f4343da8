"""The exception every service raises for a failure a person can act on, rendered from the message catalog.

The CLI prints it in its language (exit code 2, or `{"error": ..., "code": ...}` with `--json`); the UI shows
`message(language)` in a dialog. Anything else is a bug and is logged with its traceback.
"""

from __future__ import annotations

from app.i18n import Message, cli_language


class UserError(Exception):
    """A failure with a message fit for a technician or citizen (no personal data in it).

    `UserError(MESSAGE, **params)` with a catalog `Message`; a plain string is accepted for text that is already
    in the reader's language (e.g. a problem list built from catalog data) and gets the code `text`."""

    exit_code = 2

    def __init__(self, message: Message | str, /, **params: object) -> None:
        self.msg = message if isinstance(message, Message) else Message("text", message)
        self.params = params
        super().__init__(self.msg.render("zh_CN", **params))

    @property
    def code(self) -> str:
        return self.msg.code

    def message(self, language: str = "zh_CN") -> str:
        return self.msg.render(language, **self.params)

    def __str__(self) -> str:
        return self.message(cli_language())
