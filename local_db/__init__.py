"""SQLite storage: schemas, migrations (sqlite-utils `Migrations`) and queries for `catalog.db` (the item catalog
mirror) and `records.db` (drafts, submissions, outbox, audit). The only package that writes SQL."""
