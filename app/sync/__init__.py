"""The terminal's sync services: delivering the outbox and pulling statuses (`service`), enrollment with the
platform (`enrollment`).

Contract: drives `sync/` (protocol, client, outbox) over `app.records`; never imports the reference platform.
"""
