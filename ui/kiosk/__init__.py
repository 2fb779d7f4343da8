"""The kiosk window's parts besides navigation (`ui.shell.KioskWindow` composes them): the top and status bars, the
catalog watch, the screens built on first use, the visitor session (idle countdown and wipe), language and type size."""
