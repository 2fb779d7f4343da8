"""A terminal's stored records and outbox rows, for tests that finalised them and read them back."""

from __future__ import annotations

from local_db.records.store import OutboxRow, RecordRow, RecordsDB


def stored_record(db: RecordsDB, record_id: str) -> RecordRow:
    """The record `record_id`, which the test has just finalised."""
    record = db.get_record(record_id)
    assert record is not None, f"no record {record_id}"
    return record


def stored_outbox(db: RecordsDB, record_id: str) -> OutboxRow:
    """The outbox row of record `record_id`, which the test has just finalised."""
    entry = db.outbox_entry(record_id)
    assert entry is not None, f"no outbox row for {record_id}"
    return entry
