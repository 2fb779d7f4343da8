"""The terminal's SQLite storage: schemas, migrations and queries of `catalog.db` (the item catalog mirror) and
`records.db` (drafts, submissions, outbox).

Contract: the only package of the terminal that writes SQL; knows nothing of `app`, `ui` or Qt.
"""
