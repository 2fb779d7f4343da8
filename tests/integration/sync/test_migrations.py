"""records.db files written by older schema versions open and keep their data (the Electrum storage-upgrade model).

`data/records-0001.db` was written by migration 0001 (two records: a submission with an attachment and a status
update, pending; an evaluation, delivered). Every later migration must upgrade a copy of it without loss: add a
file per schema version here as migrations are added.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from local_db.records.store import RecordsDB, migrations
from tests.support.records import stored_outbox

DATA = Path(__file__).parent / "data"


def test_schema_0001_opens_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "records.db"
    shutil.copy(DATA / "records-0001.db", path)
    db = RecordsDB(path)
    try:
        assert [m.name for m in migrations.applied(db.db)] == [m.name for m in migrations._migrations]
        assert db.integrity_check() == "ok"
        assert db.outbox_counts() == {"attachments": 1, "record": 0, "delivered": 1, "quarantined": 0}
        pending = db.pending()
        assert [p.record.record_id for p in pending] == ["00000000-0000-4000-8000-000000000001"]
        rec = pending[0].record
        assert rec.receipt_no == "5325241032050126111800017"
        assert rec.content_hash == "ed9eb29077c23dfeb39899bce2035d5741b11547b34557f46819e03b993a6123"
        assert rec.status == "已受理"
        assert [a.name for a in pending[0].attachments] == ["a.bin"]
        assert db.get_meta("status_cursor") == "1"
        assert stored_outbox(db, "00000000-0000-4000-8000-000000000002").result == "stored"
    finally:
        db.close()
