"""Drafts: autosave (sealed with the terminal data key), keep (draft code), resume, list, discard (the idle wipe),
and retention: drafts past their keep-until date are purged with the attachment blobs only they used."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import secrets
from collections.abc import Sequence
from typing import Any, Protocol

from app.apply import messages
from app.apply.counter import card_filled_fields, mark_card_materials
from app.apply.shared import ApplyDeps, ensure_live, epoch, now_iso
from app.errors import UserError
from app.forms.engine.normalise import normalise_answers, normalise_card
from app.forms.engine.prefill import migrate_answers
from app.identity.checksums import iso7064_mod11_2
from app.model.apply import ApplySession, DraftInfo, DraftPurge, PageRef
from app.model.clock import local_date
from app.model.forms import Field, FormDefinition, RemovedAnswer
from app.records.crypto import open_sealed, seal
from local_db.records.apply_tables import DraftRow

__all__ = ["Drafts", "SessionStarter", "draft_document"]

log = logging.getLogger(__name__)

_DRAFT_ALPHABET = "0123456789"
UNKEPT_KIOSK_DRAFT_S = 60 * 60
"""A kiosk draft the citizen did not keep goes with the idle wipe; one left behind by a crash is purged after this."""
ORPHAN_GRACE_S = 60 * 60
"""An attachment blob nothing refers to is removed once it is this old (a page just stored is not yet in a draft)."""
PURGE_INTERVAL_S = 60 * 60


class SessionStarter(Protocol):
    """Opens a new session (`ApplyService.start`): what a resumed draft is poured into."""

    def __call__(self, code: str, *, channel: str) -> ApplySession: ...


def draft_document(session: ApplySession) -> dict[str, Any]:
    """What a draft stores (sealed): enough to start the session again and put back its answers, pages and card."""
    return {
        "code": session.items[0].code if session.theme_code is None else session.theme_code,
        "channel": session.channel,
        "form_version": session.form.version,
        "form_fields": [[f.id, f.type] for f in session.form.fields],
        "answers": session.answers,
        "slots": [
            {
                "slot_id": s.slot_id,
                "deferred": s.deferred,
                "pages": [dataclasses.asdict(p) for p in s.pages],
                "members": [list(m) for m in s.members],
            }
            for s in session.slots
        ],
        "card": session.card,
        "photo": session.photo,
        "removed": [dataclasses.asdict(r) for r in session.removed],
        "title": session.title,
        "corrections": dict(session.corrections),
    }


class Drafts:
    """The drafts and attachment blobs of one terminal (`ApplyService` delegates to it)."""

    def __init__(self, deps: ApplyDeps) -> None:
        self._d = deps

    # ------------------------------------------------------------------------------------------------ saving

    def autosave(self, session: ApplySession) -> None:
        """Write the session's sealed draft, except for a session started with `autosave=False`."""
        if session.session_id in self._d.unsaved:
            return
        doc = json.dumps(draft_document(session), ensure_ascii=False).encode("utf-8")
        self._d.tables.save_draft(session.session_id, channel=session.channel, at=now_iso(self._d.clock()),
                                  blob=seal(self._d.cipher, doc, session.session_id.encode()))  # fmt: skip

    def keep_draft(self, session: ApplySession) -> str:
        """Keep a kiosk draft past the idle wipe; returns the draft code printed for the citizen (8 digits and an
        ISO 7064 MOD 11-2 check character, so a mistyped code is caught)."""
        ensure_live(session)
        self.autosave(session)
        if session.draft_code:
            return session.draft_code
        while True:
            body = "".join(secrets.choice(_DRAFT_ALPHABET) for _ in range(8))
            code = "D" + body + iso7064_mod11_2(body)
            if not self._d.tables.code_taken(code):
                break
        self._d.tables.keep_draft(session.session_id, code)
        session.draft_code = code
        return code

    def _open(self, row: DraftRow) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(open_sealed(self._d.cipher, row.blob, row.draft_id.encode()))
        return doc

    def drafts(self) -> list[DraftInfo]:
        """Saved drafts for the operator (titles decrypted; no personal data shown), with their keep-until date."""
        out = []
        for row in self._d.tables.list_drafts():
            try:
                doc = self._open(row)
            except UserError:
                continue
            until = self.keep_until(row)
            out.append(DraftInfo(row.draft_id, row.code, str(doc.get("title", "")), (str(doc["code"]),),
                                 row.channel, row.updated_at, row.kept,
                                 until.isoformat() if until else None))  # fmt: skip
        return out

    def kept_slip_facts(self, code: str) -> tuple[str, dt.date | None]:
        """(item title, keep-until date) of the kept draft `code`, for its 草稿保存凭条; `apply.no_kept_draft` if
        there is no such kept draft. The title is the only thing read from the (decrypted) draft."""
        row = self._d.tables.find_draft(code)
        if row is None or not row.kept:
            raise UserError(messages.NO_KEPT_DRAFT, code=code)
        return str(self._open(row).get("title", "")), self.keep_until(row)

    # ------------------------------------------------------------------------------------------------ resume

    def resume_draft(self, code: str, start: SessionStarter) -> ApplySession:
        """Reopen a kept (or persisted) draft by its code or id in a session `start` opens; answers migrated to
        the current form definition. A draft past its keep-until date is purged and refused with that date."""
        c = code.strip().upper()
        row = self._d.tables.find_draft(c) or self._d.tables.get_draft(code.strip())
        if row is None:
            raise UserError(messages.NO_SUCH_DRAFT, code=c, days=self._d.draft_retention_days)
        if self._expired(row, self._d.clock()):
            until = self.keep_until(row)
            self._purge_rows([row])
            raise UserError(messages.DRAFT_EXPIRED, code=c, until=until)
        doc = self._open(row)
        session = start(doc["code"], channel=doc["channel"])
        session.session_id = row.draft_id
        session.draft_code = row.code
        card = doc.get("card")
        session.card = normalise_card(card) if isinstance(card, dict) else None
        photo = doc.get("photo")
        if isinstance(photo, dict) and self._d.store.exists(str(photo.get("sha256", ""))):
            session.photo = photo
        old = FormDefinition(
            version=int(doc["form_version"]),
            fields=tuple(
                (session.form.field(fid) or Field(id=fid, type=ftype, label=fid, label_en=fid))
                for fid, ftype in doc["form_fields"]
            ),
        )
        kept, removed, to_ask = migrate_answers(old, session.form, doc["answers"])
        session.answers = normalise_answers(session.form, kept)  # a draft saved before values were normalised
        session.removed = tuple(RemovedAnswer(**r) for r in doc.get("removed", [])) + tuple(removed)
        session.to_ask = tuple(to_ask)
        for saved in doc["slots"]:
            slot = session.slot(saved["slot_id"])
            if slot is None:  # the theme's slots changed since: the slot now standing for the same item materials
                members = {(str(c), str(i)) for c, i in saved.get("members") or []}
                slot = next((s for s in session.slots if members & set(s.members)), None)
            if slot is None:
                continue
            have = {p.sha256 for p in slot.pages}
            slot.pages += [
                PageRef(**p) for p in saved["pages"] if p["sha256"] not in have and self._d.store.exists(p["sha256"])
            ]
            slot.deferred = slot.deferred or (bool(saved["deferred"]) and slot.deferrable)
        corrections = doc.get("corrections")
        if isinstance(corrections, dict):
            session.corrections = {str(k): str(v) for k, v in corrections.items() if session.form.field(str(k))}
        if session.card is not None:
            mark_card_materials(session, session.card)
            filled = card_filled_fields(session.form, session.answers, session.card)
            session.card_fields = {k: v for k, v in filled.items() if k not in session.corrections}
        return session

    # ------------------------------------------------------------------------------------------------ wipe

    def discard(self, session: ApplySession, *, drop_draft: bool | None = None) -> None:
        """Idle wipe: clear every personal value from the session. The saved draft is deleted when `drop_draft`,
        kept when False; by default a kiosk draft not kept (`keep_draft`) is deleted, counter and laptop drafts
        persist. A deleted draft's pages and card photo are removed from the attachment store unless something
        else (a finalised record, another draft) refers to them; an unprinted 草稿保存凭条 is cancelled."""
        if drop_draft is None:
            drop_draft = session.channel == "kiosk" and session.draft_code is None
        self._cancel_slip(session.draft_code)
        blobs = [p.sha256 for s in session.slots for p in s.pages]
        if session.photo:
            blobs.append(str(session.photo["sha256"]))
        if drop_draft:
            self._d.tables.delete_draft(session.session_id)
        session.answers.clear()
        session.answers = {}
        session.card = None
        session.photo = None
        session.refusal = None
        session.refusal_note = None
        session.warnings = []
        session.removed = ()
        session.card_fields = {}
        session.corrections = {}
        session.consent = None
        for s in session.slots:
            s.pages.clear()
        session.slots = []
        session.wiped = True
        self._d.unsaved.discard(session.session_id)
        self._d.busy.release(session.session_id)
        if drop_draft and blobs:
            try:
                self.release(blobs)
            except Exception:  # the wipe itself has happened; the hourly purge collects leftovers
                log.warning("attachment blobs of a discarded draft not released yet; the purge will collect them")

    def _cancel_slip(self, code: str | None) -> None:
        job_id = self._d.slip_jobs.pop(code, None) if code else None
        if job_id is None or self._d.printer is None:
            return
        try:
            self._d.printer().cancel(job_id)
        except Exception:  # the spool expiry still drops it; a wipe must not fail on the printer
            log.warning("draft slip job %s could not be cancelled; it expires unprinted", job_id)

    # ------------------------------------------------------------------------------------------------ retention

    def keep_until(self, row: DraftRow) -> dt.date | None:
        """Last day (China time) a draft is kept: kiosk drafts the citizen kept `draft_retention_days` after their
        last change, counter/laptop drafts `counter_draft_retention_days` (None when 0: until finalised or deleted);
        a kiosk draft not kept lives only as long as its session (the day it was saved)."""
        last = local_date(epoch(row.updated_at))
        if row.channel == "kiosk":
            return last + dt.timedelta(days=self._d.draft_retention_days) if row.kept else last
        days = self._d.counter_draft_retention_days
        return last + dt.timedelta(days=days) if days > 0 else None

    def _expired(self, row: DraftRow, now: float) -> bool:
        if row.channel == "kiosk" and not row.kept:
            return now - epoch(row.updated_at) > UNKEPT_KIOSK_DRAFT_S
        until = self.keep_until(row)
        return until is not None and local_date(now) > until

    def _draft_blobs(self, row: DraftRow) -> set[str] | None:
        """The attachment hashes a stored draft refers to (pages, card photo); None if it cannot be opened."""
        try:
            doc = self._open(row)
        except (UserError, ValueError):
            return None
        out = {str(p["sha256"]) for s in doc.get("slots", []) for p in s.get("pages", [])}
        photo = doc.get("photo")
        if isinstance(photo, dict) and photo.get("sha256"):
            out.add(str(photo["sha256"]))
        return out

    def _referenced(self, sha256: str, live: ApplySession | None, drafts: list[set[str] | None]) -> bool:
        if self._d.records.db.has_attachment(sha256):
            return True
        if live is not None and (
            any(p.sha256 == sha256 for s in live.slots for p in s.pages)
            or (live.photo is not None and live.photo.get("sha256") == sha256)
        ):
            return True
        # A draft that cannot be opened might refer to anything: keep.
        return any(refs is None or sha256 in refs for refs in drafts)

    def release(self, shas: Sequence[str], live: ApplySession | None = None) -> int:
        """Remove blobs that no finalised record, stored draft or `live` session refers to any more."""
        drafts = [self._draft_blobs(row) for row in self._d.tables.list_drafts()]
        removed = 0
        for sha in dict.fromkeys(shas):
            if not self._referenced(sha, live, drafts) and self._d.store.remove(sha):
                removed += 1
        return removed

    def _purge_rows(self, rows: Sequence[DraftRow]) -> tuple[int, int]:
        blobs: list[str] = []
        for row in rows:
            refs = self._draft_blobs(row)
            blobs += sorted(refs or ())
            self._d.tables.delete_draft(row.draft_id)
            self._cancel_slip(row.code)
        return len(rows), self.release(blobs)

    def purge_drafts(self) -> DraftPurge:
        """Delete drafts past their keep-until date (and kiosk drafts not kept left behind by a crash), then remove
        attachment blobs that nothing refers to any more: no finalised record, no draft (older than
        ORPHAN_GRACE_S, so a page stored a moment ago for a live session stays)."""
        now = self._d.clock()
        expired = [row for row in self._d.tables.list_drafts() if self._expired(row, now)]
        codes = tuple(row.code for row in expired if row.code)
        drafts, blobs = self._purge_rows(expired)
        blobs += self.collect_orphans(now=now)
        self._drop_stale_slips()
        self._d.next_purge = now + PURGE_INTERVAL_S
        if drafts or blobs:
            log.info("purged %d expired drafts and %d unreferenced attachment blobs", drafts, blobs)
        return DraftPurge(drafts=drafts, blobs=blobs, draft_codes=codes)

    def collect_orphans(self, *, now: float | None = None) -> int:
        """Remove attachment blobs older than ORPHAN_GRACE_S that no finalised record and no draft refers to (the
        pages of drafts deleted while the terminal was off, of a crash between a scan and its autosave)."""
        now = self._d.clock() if now is None else now
        drafts = [self._draft_blobs(row) for row in self._d.tables.list_drafts()]
        if any(refs is None for refs in drafts):
            log.warning("a draft cannot be opened: unreferenced attachment blobs are kept this time")
            return 0
        removed = 0
        for sha, mtime in list(self._d.store.hashes()):
            if now - mtime < ORPHAN_GRACE_S or self._referenced(sha, None, drafts):
                continue
            if self._d.store.remove(sha):
                removed += 1
        return removed

    def _drop_stale_slips(self) -> None:
        """Cancel 草稿保存凭条 jobs in the spool that no session of this process is waiting for (left by a crash or
        a restart): whoever they were for has gone."""
        if self._d.printer is None:
            return
        try:
            service = self._d.printer()
            live = set(self._d.slip_jobs.values())
            for job in service.pending():
                if job.kind == "draft_code" and job.job_id not in live:
                    service.cancel(job.job_id)
        except Exception:  # the spool expiry still drops them
            log.warning("stale draft slips could not be checked; they expire unprinted")

    def maybe_purge(self) -> None:
        """The retention purge at the first session after start-up, then at most hourly."""
        if self._d.clock() < self._d.next_purge:
            return
        self._d.next_purge = self._d.clock() + PURGE_INTERVAL_S
        try:
            self.purge_drafts()
        except Exception:  # a purge problem must not stop a citizen's application
            log.exception("draft purge failed; retried in an hour")
