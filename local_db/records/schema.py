"""Schema of `records.db` as sqlite-utils migrations: records, attachments, outbox, sync state, the apply tables.

Contract: never edit an applied migration, add one (tests upgrade a database made by the first migration only).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

__all__ = ["migrations"]

migrations = Migrations("yunban.records")


def _run_script(db: Database, script: str) -> None:
    # Not executescript(): it COMMITs first, which would break the migration's transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.conn.execute(statement)


@migrations(name="0001_records_outbox")
def _m0001(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE records (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            record_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('submission', 'evaluation', 'complaint', 'usage')),
            receipt_no TEXT UNIQUE,
            created_at TEXT NOT NULL,
            payload TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            signature TEXT,
            is_test INTEGER NOT NULL DEFAULT 0,
            status TEXT,
            status_note TEXT,
            status_at TEXT
        );
        CREATE TABLE attachments (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            stored_at TEXT NOT NULL
        );
        CREATE TABLE record_attachments (
            record_id TEXT NOT NULL REFERENCES records(record_id),
            position INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES attachments(sha256),
            name TEXT NOT NULL,
            PRIMARY KEY (record_id, position)
        );
        CREATE INDEX record_attachments_sha ON record_attachments(sha256);
        CREATE TABLE outbox (
            record_id TEXT PRIMARY KEY REFERENCES records(record_id),
            seq INTEGER NOT NULL UNIQUE,
            stage TEXT NOT NULL CHECK (stage IN ('attachments', 'record', 'delivered', 'quarantined')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            last_error TEXT,
            quarantine_kind TEXT CHECK (quarantine_kind IN ('conflict', 'rejected')),
            quarantine_reason TEXT,
            http_status INTEGER,
            result TEXT,
            delivered_at TEXT
        );
        CREATE INDEX outbox_stage_seq ON outbox(stage, seq);
        CREATE TABLE upload_progress (
            sha256 TEXT PRIMARY KEY REFERENCES attachments(sha256),
            total INTEGER NOT NULL,
            confirmed INTEGER NOT NULL DEFAULT 0,
            complete INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE status_changes (
            cursor INTEGER PRIMARY KEY,
            record_id TEXT NOT NULL,
            receipt_no TEXT,
            status TEXT NOT NULL,
            note TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX status_changes_record ON status_changes(record_id);
        CREATE TABLE sync_meta (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE TABLE receipt_counters (
            day TEXT PRIMARY KEY,
            last INTEGER NOT NULL
        );
        """,
    )


@migrations(name="0002_apply_drafts_receipts")
def _m0002(db: Database) -> None:
    # Apply flow: encrypted drafts, receipt facts for reprint/status, and the links of evaluations and
    # complaints to a receipt number. Data access lives in local_db/records/apply_tables.py.
    _run_script(
        db,
        """
        CREATE TABLE drafts (
            draft_id TEXT PRIMARY KEY,
            code TEXT UNIQUE,
            channel TEXT NOT NULL,
            kept INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            blob BLOB NOT NULL
        );
        CREATE TABLE receipts (
            receipt_no TEXT PRIMARY KEY REFERENCES records(receipt_no),
            record_id TEXT NOT NULL UNIQUE REFERENCES records(record_id),
            due_date TEXT,
            verification TEXT NOT NULL,
            blob BLOB NOT NULL
        );
        CREATE TABLE record_links (
            record_id TEXT PRIMARY KEY REFERENCES records(record_id),
            kind TEXT NOT NULL,
            receipt_no TEXT,
            reference TEXT NOT NULL
        );
        CREATE INDEX record_links_receipt ON record_links(receipt_no);
        """,
    )


@migrations(name="0003_envelope_signature_local_damage")
def _m0003(db: Database) -> None:
    # Issue 11: the record signature covers the whole envelope (protocol v2). `signature` keeps the content-hash
    # signature (what a platform of protocol v1 verifies), `envelope_signature` the envelope's; `sig_version` says
    # which a row holds: 1 = content hash only (finalised before this migration; the outbox signs the envelope before
    # delivering it), 2 = both. The outbox gains the quarantine kind `local_damage` (a record or attachment of this
    # terminal that can no longer be read: it is set aside instead of blocking the queue), so the table is rebuilt
    # (SQLite cannot alter a CHECK constraint; nothing references `outbox`).
    _run_script(
        db,
        """
        ALTER TABLE records ADD COLUMN envelope_signature TEXT;
        ALTER TABLE records ADD COLUMN sig_version INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE outbox_new (
            record_id TEXT PRIMARY KEY REFERENCES records(record_id),
            seq INTEGER NOT NULL UNIQUE,
            stage TEXT NOT NULL CHECK (stage IN ('attachments', 'record', 'delivered', 'quarantined')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            last_error TEXT,
            quarantine_kind TEXT CHECK (quarantine_kind IN ('conflict', 'rejected', 'local_damage')),
            quarantine_reason TEXT,
            http_status INTEGER,
            result TEXT,
            delivered_at TEXT
        );
        INSERT INTO outbox_new SELECT record_id, seq, stage, attempts, next_attempt_at, last_error, quarantine_kind,
            quarantine_reason, http_status, result, delivered_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_new RENAME TO outbox;
        CREATE INDEX outbox_stage_seq ON outbox(stage, seq);
        """,
    )


_KIND_CHECK = " CHECK (kind IN ('submission', 'evaluation', 'complaint', 'usage'))"

_AUDIT_STATEMENTS = (
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        actor TEXT,
        subject TEXT,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    )""",
    """CREATE TABLE audit_batches (
        record_id TEXT PRIMARY KEY REFERENCES records(record_id),
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL UNIQUE,
        head_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    *(
        f"CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for table in ("audit_log", "audit_batches")
        for verb in ("update", "delete")
    ),
)


@migrations(name="0004_audit_log")
def _m0004(db: Database) -> None:
    # Issue 14: the append-only, hash-chained audit log (app/audit/, queries in local_db/records/audit.py) and the
    # batches of it that travel to the platform as records of kind `audit`. Triggers refuse UPDATE and DELETE (a
    # deliberate edit of the file is caught by `yunban audit verify`, not by them).
    # `records.kind` loses its CHECK constraint, which named the four kinds of 0001: the kinds are checked by
    # `RecordsService.finalise` against `RECORD_KINDS` (now with `audit`). The table cannot be rebuilt to change the
    # constraint (receipts, record_links and record_attachments reference it and foreign keys are on inside the
    # migration's transaction), so the constraint is removed from the stored schema text, the procedure SQLite's
    # ALTER TABLE documentation gives for removing CHECK constraints (writable_schema, schema_version + 1); the
    # table's content and on-disk format do not change.
    conn = db.conn
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'records'").fetchone()
    if _KIND_CHECK in sql:
        (version,) = conn.execute("PRAGMA schema_version").fetchone()
        conn.execute("PRAGMA writable_schema = ON")
        try:
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'records'",
                (sql.replace(_KIND_CHECK, ""),),
            )
            conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
        finally:
            conn.execute("PRAGMA writable_schema = OFF")
    for statement in _AUDIT_STATEMENTS:  # one by one: the triggers' bodies hold semicolons
        conn.execute(statement)


@migrations(name="0006_staff")
def _m0006(db: Database) -> None:
    # Issue 14 §1-2: staff identity (local_db/records/staff.py: the verified roster's accounts, argon2id hashes only,
    # never a password; lock-out state that survives restarts) and the counter's decisions (local_db/records/
    # counter.py: 受理 / 不予受理 / 补正 / 容缺受理 on a submission, each with the clerk's id and the hall's window, the
    # notice it produced, the record it travelled in, and the supervisor's review).
    _run_script(
        db,
        """
        CREATE TABLE staff_accounts (
            staff_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'technician')),
            secret_hash TEXT NOT NULL CHECK (secret_hash LIKE '$argon2id$%'),
            revoked_at TEXT,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE TABLE staff_lockout (
            staff_id TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until REAL NOT NULL DEFAULT 0
        );
        CREATE TABLE counter_decisions (
            decision_id TEXT PRIMARY KEY,
            record_id TEXT NOT NULL,
            receipt_no TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('accept', 'refuse', 'correct', 'defer')),
            reason TEXT NOT NULL DEFAULT '',
            legal_basis TEXT NOT NULL DEFAULT '',
            materials TEXT NOT NULL DEFAULT '[]',
            deadline TEXT,
            clerk_id TEXT NOT NULL,
            window TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            notice_no TEXT,
            sent_record_id TEXT,
            review_state TEXT CHECK (review_state IN ('approved', 'returned')),
            reviewer_id TEXT,
            reviewed_at TEXT,
            review_note TEXT
        );
        CREATE INDEX counter_decisions_record ON counter_decisions(record_id, decided_at);
        CREATE INDEX records_created ON records(created_at)
        """,
    )


@migrations(name="0007_visits")
def _m0007(db: Database) -> None:
    # Issue 15: the village grid worker's visit list (走访清单; local_db/records/visits.py, app/visits/): households
    # and people the worker entered on this laptop, each row's personal data a blob sealed with the terminal data key
    # (the caller seals; nothing personal in clear), and links from a person to the drafts and records made on their
    # behalf. `worker_id` is the worker's staff id (a visit list shows the worker's own entries only).
    _run_script(
        db,
        """
        CREATE TABLE visit_households (
            household_id TEXT PRIMARY KEY,
            worker_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            blob BLOB NOT NULL
        );
        CREATE INDEX visit_households_worker ON visit_households(worker_id, updated_at);
        CREATE TABLE visit_people (
            person_id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES visit_households(household_id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            blob BLOB NOT NULL
        );
        CREATE INDEX visit_people_household ON visit_people(household_id);
        CREATE TABLE visit_links (
            kind TEXT NOT NULL CHECK (kind IN ('draft', 'record')),
            ref TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES visit_people(person_id),
            title TEXT NOT NULL DEFAULT '',
            linked_at TEXT NOT NULL,
            PRIMARY KEY (kind, ref)
        );
        CREATE INDEX visit_links_person ON visit_links(person_id)
        """,
    )


@migrations(name="0008_staff_grid_worker_sealed_decision_text")
def _m0008(db: Database) -> None:
    # Issue 14/15: the grid worker's role (`grid_worker`, 网格员: the laptop's visits and applications on behalf) joins
    # the roles `staff_accounts` accepts. The table is rebuilt with the new CHECK (nothing references it; the rows are
    # copied as they are). And the counter decisions' free text (the clerk's reason, the reviewer's note: they can
    # name the applicant) gets sealed columns: `reason_sealed` and `review_note_sealed` hold it encrypted with the
    # terminal data key (app/records/crypto.py `seal`, associated data the decision id). A migration has no key, so
    # rows written before keep their text in the clear columns until the counter service, which holds the key, seals
    # them at its start and empties `reason` / `review_note` (local_db/records/counter.py `unsealed`).
    _run_script(
        db,
        """
        CREATE TABLE staff_accounts_0008 (
            staff_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'technician', 'grid_worker')),
            secret_hash TEXT NOT NULL CHECK (secret_hash LIKE '$argon2id$%'),
            revoked_at TEXT,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL
        );
        INSERT INTO staff_accounts_0008 (staff_id, name, role, secret_hash, revoked_at, updated_at, version)
            SELECT staff_id, name, role, secret_hash, revoked_at, updated_at, version FROM staff_accounts;
        DROP TABLE staff_accounts;
        ALTER TABLE staff_accounts_0008 RENAME TO staff_accounts;
        ALTER TABLE counter_decisions ADD COLUMN reason_sealed BLOB;
        ALTER TABLE counter_decisions ADD COLUMN review_note_sealed BLOB
        """,
    )
