"""Sync with the provincial platform: the protocol, the terminal's client, outbox and catalog feed, and the
reference platform (`sync/platform/`).

Contract: no Qt, no `ui`, no `local_db`; the terminal side never imports `sync.platform`.
"""
