"""The services of one terminal, built lazily from its data directory and configuration: the service half of the
composition root, so the CLI and `app.main` go through exactly the same code and a command pays only for what it uses.

Contract: a configuration that cannot be used raises `UserError` (its `config.*` message), as do unusable services.
"""

from __future__ import annotations

import logging
import os
import tomllib
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app import messages as config_messages
from app.config import Config, ConfigError, load_config
from app.errors import UserError
from app.logging_setup import setup_logging
from app.paths import HomePaths, resolve_home

if TYPE_CHECKING:
    from app.apply.service import ApplyService
    from app.audit.service import AuditLog
    from app.catalog.service import CatalogService
    from app.counter.service import CounterService
    from app.devices.cards import IdentityService
    from app.devices.printing import PrinterService
    from app.devices.scanning import ScannerService
    from app.notices.service import NoticeService
    from app.records.crypto import Cipher, EncryptedAttachmentStore
    from app.records.keystore import Keystore
    from app.records.marker import NumberingMarker
    from app.records.service import RecordsService
    from app.staff.service import StaffService
    from app.sync.enrollment import Enrollment
    from app.sync.service import SyncService
    from app.visits.service import VisitsService
    from local_db.records.store import RecordsDB
    from sync.client import Credentials

log = logging.getLogger(__name__)


def _follow_enrollment(config: Config, path: Path, home: Path) -> None:
    """A terminal enrolled with a platform syncs with it when neither config.toml nor `$YUNBAN_PLATFORM_URL` names
    one (e.g. an installed terminal whose /etc/yunban/config.toml was purged and reinstalled with its data kept), as
    the kiosk does (`app.main.build_kiosk`). An explicit `platform.url` still wins here (a proxy in front of it)."""
    if os.environ.get("YUNBAN_PLATFORM_URL"):
        return
    try:
        platform = tomllib.loads(path.read_text(encoding="utf-8")).get("platform", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return
    if isinstance(platform, dict) and "url" in platform:
        return
    from app.sync.identity_file import read_identity

    try:
        identity = read_identity(home)
    except UserError:  # a damaged enrollment.json is reported by what needs it, not by every command
        return
    if identity is not None and identity.platform_url:
        config.platform.url = identity.platform_url


class AppContext:
    """One terminal: its data directory, its configuration and (lazily) its services."""

    def __init__(self, home: str | Path | None = None, config: Config | None = None) -> None:
        self.paths = HomePaths(resolve_home(home))
        if config is None:
            from app.config import config_template

            path = self.paths.config
            if path.is_symlink() and not path.exists():  # an installed terminal's link to /etc/yunban/config.toml
                raise UserError(config_messages.CONFIG_LINK_BROKEN, path=path, target=os.readlink(path))
            try:
                if not path.exists():
                    path.write_text(config_template(), encoding="utf-8")
                config = load_config(path)
            except ConfigError as exc:
                raise UserError(exc.msg, **exc.params) from exc
            except OSError as exc:
                raise UserError(config_messages.CONFIG_UNREADABLE, path=path, error=exc.strerror or exc) from exc
            _follow_enrollment(config, path, self.paths.home)
        self.config = config
        setup_logging(self.paths.logs, config.logging)
        from app.model.clock import set_terminal_zone

        set_terminal_zone(config.terminal.time_zone)  # one clock: every shown time in the configured zone
        from app.identity.policy import configure as configure_identity

        configure_identity(config.identity)  # the configured birth-date bound, if any, for every ID check

    @property
    def home(self) -> Path:
        return self.paths.home

    # Services are added below as cached properties, one per domain (catalog, identity, records, sync, devices).

    @cached_property
    def catalog(self) -> CatalogService:
        """The item catalog; a fresh data directory is filled from the bundled demo catalog on first use.

        Raises `CatalogUnavailable` (a UserError) for a corrupt database or an unknown terminal division.
        """
        from app.catalog.mirror import open_for_config
        from app.sync.identity_file import read_identity

        try:
            enrolled = read_identity(self.home) is not None
        except UserError:  # a damaged enrollment.json: the terminal was enrolled
            enrolled = True
        # An enrolled terminal's emptied or missing mirror is reported, never replaced by the demo catalog.
        service = open_for_config(self.paths.catalog_db, self.config, enrolled=enrolled)
        self._closers.append(service)
        return service

    @cached_property
    def records_db(self) -> RecordsDB:
        """records.db (finalised records, outbox, sync state); see local_db/records.py."""
        from app.records import messages
        from local_db.records.store import RecordsCorruptError, RecordsDB, RecordsDBError, RecordsDiskFullError

        try:
            db = RecordsDB(self.paths.records_db)
        except RecordsCorruptError as exc:  # a garbled page: reported, never served (exit 2, maintenance screen)
            raise UserError(messages.DB_CORRUPT, path=self.paths.records_db, detail=exc.detail) from exc
        except RecordsDiskFullError as exc:
            raise UserError(messages.DISK_FULL, path=self.paths.records_db, error=exc) from exc
        except RecordsDBError as exc:
            raise UserError(messages.DB_UNAVAILABLE, error=exc) from exc
        from app.records.crypto import PayloadCodec

        db.payload_codec = PayloadCodec(self._optional_cipher)  # payloads are encrypted at rest
        self._closers.append(db)
        return db

    @cached_property
    def records(self) -> RecordsService:
        """Finalising records (record + outbox row in one transaction); see app/records/service.py."""
        from app.records.service import RecordsService

        return RecordsService(
            self.records_db,
            self.attachment_store,
            terminal_code=self._terminal_code,  # read at each finalise: an enrollment in this process takes effect
            signer=lambda: getattr(self.sync_credentials(), "signer", None),
            terminal_id=lambda: getattr(self.sync_credentials(), "terminal_id", None),
            on_receipt=self.numbering_marker.note,
        )

    @cached_property
    def audit(self) -> AuditLog:
        """The hash-chained audit log in records.db, sent in batches of kind `audit` through the outbox; see
        app/audit/ and docs/audit.md."""
        from app.audit.service import AuditLog

        def send(payload: dict[str, object]) -> str:
            return self.records.finalise(kind="audit", payload=payload, with_receipt=False).record_id

        from app.audit.service import KeystoreHead

        head = KeystoreHead(self._optional_keystore, lambda: self.records_db.get_meta("db_id"))
        return AuditLog(self.records_db, send=send, head=head)

    @cached_property
    def staff(self) -> StaffService:
        """Staff identity: the signed roster, offline log-in with lock-out, the offline limit; see app/staff/."""
        from app.staff.service import StaffService

        def verifier() -> Verifier | None:
            from app.sync.identity_file import read_identity

            identity = read_identity(self.home)
            if identity is None:
                return None
            return make_verifier(identity.platform_algorithm, b64decode(identity.platform_public_key))

        def terminal_id() -> str | None:
            from app.sync.identity_file import read_identity

            identity = read_identity(self.home)
            return identity.terminal_id if identity is not None else None

        from sync.protocol import Verifier, b64decode, make_verifier

        return StaffService(
            self.records_db,
            division=self.config.terminal.division_code,
            settings=self.config.staff,
            verifier=verifier,
            terminal_id=terminal_id,
            audit=lambda: self.audit,
        )

    @cached_property
    def counter(self) -> CounterService:
        """The counter workspace (一窗受理): queue, decisions with their notices, review; see app/counter/."""
        from app.counter.service import CounterService

        def notices() -> NoticeService:
            return self.notices

        return CounterService(
            self.records_db,
            staff=self.staff,
            records=lambda: self.records,
            cipher=lambda: self.data_cipher,
            read_attachment=lambda sha256: self.attachment_store.read_all(sha256),
            item=self.catalog.get_item,
            apply=lambda: self.apply,
            notices=notices,
            audit=lambda: self.audit,
            deliver=lambda: self.sync.run_once(),
            language=self.config.terminal.language,
        )

    @cached_property
    def numbering_marker(self) -> NumberingMarker:
        """records.db's identity and last receipt sequence mirrored in the keystore (app/records/marker.py)."""
        from app.records.marker import NumberingMarker

        return NumberingMarker(self.records_db, self._optional_keystore, self.paths.records_db)

    def _optional_keystore(self) -> Keystore | None:
        from app.records.keystore import KeystoreError

        try:
            return self.keystore
        except KeystoreError as exc:
            log.info("no usable keystore, no numbering marker: %s", exc)
            return None

    def _terminal_code(self) -> str:
        """The first 14 digits of receipt numbers: division + the terminal number the platform gave (`01` before any
        enrollment). A records.db that lost the number of an enrolled terminal refuses (see `records_db_replaced`)."""
        number = self.records_db.get_meta("terminal_no")
        if number is None and self._enrolled_number_lost():
            from app.records import messages as rm

            raise UserError(rm.RECORDS_DB_REPLACED, path=self.paths.records_db)
        self.numbering_marker.check()  # records.db new since receipt numbers were issued: records.db_new
        return self.config.terminal.division_code + (number or "01")

    def records_db_replaced(self) -> bool:
        """True when this terminal is enrolled with a terminal number (enrollment.json) but records.db does not hold
        it: records.db was replaced or re-created (a disk swap, a restored backup). Its per-day receipt counters
        restarted, so numbering on would reissue receipt numbers the platform already holds; the terminal must be
        enrolled again (a new terminal number) first: `yunban provision --force …` or the provisioning screen.

        Also True when the keystore's numbering marker names another records.db that had issued receipt numbers
        (an emptied or deleted records.db on any terminal, enrolled or not): `yunban records acknowledge-new-db` or
        enrolling again resolves it (app/records/marker.py)."""
        return self._enrolled_number_lost() or self.numbering_marker.replaced()

    def _enrolled_number_lost(self) -> bool:
        from app.sync.identity_file import read_identity

        try:
            identity = read_identity(self.home)
        except UserError:
            return False
        if identity is None or not identity.terminal_no:
            return False
        return self.records_db.get_meta("terminal_no") is None

    @cached_property
    def attachment_store(self) -> EncryptedAttachmentStore:
        """The content-addressed attachment store, encrypted at rest with the data key (app/records/crypto.py).
        The key is fetched from the keystore only when a file is written or an encrypted one read."""
        from app.records.crypto import EncryptedAttachmentStore

        store = EncryptedAttachmentStore(self.paths.attachments, self._optional_cipher)
        store.remove_stale_temporaries()  # left by a killed writer; a live one's is younger than a minute
        return store

    def _optional_cipher(self) -> Cipher | None:
        """The data cipher; without a usable keystore this raises `KeystoreError` (a UserError saying what to
        configure): nothing is ever written unencrypted because a keystore is missing or `keyring.backend` is
        wrong. Rows and files written before encryption still read as they are (they never ask for the cipher)."""
        return self.data_cipher

    @cached_property
    def data_cipher(self) -> Cipher:
        """AES-256-GCM with the terminal data key from the keystore (raises KeystoreError without a keystore)."""
        from app.records.crypto import KEY_NAME, data_key_cipher, data_key_fingerprint

        expected = self.records_db.get_meta("data_key_fp")
        cipher = data_key_cipher(self.keystore, expected_fingerprint=expected)
        if expected is None:  # remember which key the data needs: a keystore that loses it is noticed
            key = self.keystore.get(KEY_NAME)
            if key is not None:
                self.records_db.set_meta("data_key_fp", data_key_fingerprint(key))
        return cipher

    @cached_property
    def visits(self) -> VisitsService:
        """The grid worker's visit list (走访清单, issue 15): households and people the logged-in worker entered,
        sealed with the data key, kept as long as laptop drafts; see app/visits/ and docs/laptop.md."""
        from app.visits.service import VisitsService

        def worker() -> str | None:
            """The logged-in staff member; with a roster on this terminal nobody else may read the list (None: no
            roster, the laptop's single local worker)."""
            session = self.staff.current()
            if session is not None:
                self.staff.touch()
                return session.staff_id
            if any(not a.revoked for a in self.staff.accounts()):
                from app.staff import messages as staff_messages

                raise UserError(staff_messages.NOT_LOGGED_IN)
            return None

        return VisitsService(self.records_db, lambda: self.data_cipher, worker=worker,
                             retention_days=self.config.apply.counter_draft_retention_days,
                             audit=lambda: self.audit)  # fmt: skip

    @cached_property
    def apply(self) -> ApplyService:
        """Applying for items: sessions, drafts, finalising, receipts, evaluation, complaints; see app/apply/."""
        from app.apply.service import ApplyService, TerminalInfo
        from local_db.records.apply_tables import ApplyTables

        cipher = self.data_cipher
        division = self.config.terminal.division_code
        hall = self.config.terminal.hall_name
        if not hall:
            from app.identity.divisions import lookup

            hall = ((lookup(division) or (division, ""))[0]) + "便民服务中心"
        return ApplyService(
            catalog=self.catalog,
            records=self.records,
            tables=ApplyTables(self.records_db),
            store=self.attachment_store,
            cipher=cipher,
            terminal=TerminalInfo(
                hall_name=hall,
                terminal_code=self.records.terminal_code,
                division_code=division,
                channel=self.config.terminal.role,
            ),
            printer=lambda: self.printer,
            scanner=lambda: self.scanner,
            draft_retention_days=self.config.apply.draft_retention_days,
            counter_draft_retention_days=self.config.apply.counter_draft_retention_days,
            busy_lock=self.home / "run" / "session.lock",
        )

    @cached_property
    def notices(self) -> NoticeService:
        """Formal notices (通知书) on A4 through CUPS or on the receipt printer; see app/notices/, docs/counter.md."""
        from app.notices.service import NoticeService, receipt_lookup

        apply = self.apply
        return NoticeService(
            db=self.records_db,
            folder=self.home / "notices",
            a4=self.config.printer.a4,
            item=self.catalog.get_item,
            receipt=receipt_lookup(apply.tables, apply.cipher),
            hall=apply.terminal.hall_name,
            terminal_code=lambda: self.records.terminal_code,
            division_code=self.config.terminal.division_code,
            role=self.config.terminal.role,
            cipher=lambda: self.data_cipher,
            thermal=lambda: self.printer,
            audit=lambda: self.audit,
        )

    def sync_credentials(self) -> Credentials | None:
        """The enrolled terminal's id, token and signer (None before enrollment); read afresh on each call, so a
        terminal enrolled while the app runs is picked up."""
        return self.enrollment.credentials()

    @cached_property
    def sync(self) -> SyncService:
        """Outbox delivery and status feed; see app/sync/service.py."""
        from app.sync.service import SyncService

        service = SyncService(
            self.records_db,
            self.attachment_store,
            platform_url=self.config.platform.url,
            credentials=self.sync_credentials,
            lock_path=self.home / "sync.lock",
        )
        self._closers.append(service)
        return service

    @cached_property
    def identity(self) -> IdentityService:
        """The configured ID-card reader and card reads as `CardData`; see app/devices/cards.py."""
        from app.devices.cards import IdentityService

        service = IdentityService(self.config.devices.card, language=self.config.terminal.language)
        self._closers.append(service)
        return service

    @cached_property
    def keystore(self) -> Keystore:
        """The terminal's secrets, in the backend named by `keyring.backend`; see app/records/keystore.py."""
        from app.records.keystore import open_keystore

        keyring = self.config.keyring
        return open_keystore(
            keyring.backend, self.home, unlock=keyring.unlock, recovery_public_key=keyring.recovery_public_key
        )

    @cached_property
    def enrollment(self) -> Enrollment:
        """The terminal towards the platform (enroll, credentials, pinned key); see app/sync/enrollment.py."""
        from app.sync.enrollment import Enrollment

        return Enrollment(
            self.home,
            lambda: self.keystore,
            self.config.terminal.division_code,
            self.config.platform.url,
            store_terminal_no=self._store_terminal_no,
        )

    def _store_terminal_no(self, terminal_no: str) -> None:
        """A new terminal number from the platform: receipt numbers cannot repeat past ones, so the numbering marker
        follows this records.db from now on; records not yet delivered are signed again with the new key and id by
        the outbox (their old signatures name the previous enrollment)."""
        self.records_db.set_meta("terminal_no", terminal_no)
        self.records_db.clear_pending_signatures()
        self.numbering_marker.rebind()
        from app.audit.events import token
        from app.audit.service import audit_event

        audit_event(lambda: self.audit, "key.enroll", actor="technician", terminal_no=token(terminal_no))

    @cached_property
    def printer(self) -> PrinterService:
        """The receipt printer (devices.printer), with its spool of unprinted jobs; see app/devices/printing.py."""
        from app.devices.printing import PrinterService

        service = PrinterService(self.config.devices.printer, self.home / "spool" / "printer")
        self._closers.append(service)
        return service

    @cached_property
    def scanner(self) -> ScannerService:
        """The scanner, document camera or file import (config devices.scanner); see app/devices/scanning.py."""
        from app.devices.scanning import ScannerService

        return ScannerService(self.config.devices.scanner)

    @cached_property
    def _closers(self) -> list[object]:
        return []

    def close(self) -> None:
        """Release databases, device threads and servers held by services."""
        for obj in reversed(self._closers):
            close = getattr(obj, "close", None)
            if callable(close):
                try:
                    close()
                except Exception:  # close everything even if one fails
                    log.exception("closing %r failed", obj)
        self._closers.clear()
