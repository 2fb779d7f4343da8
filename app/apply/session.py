"""A session from start to a filled-in form: start (one item or a 一件事 theme), the card read (prefill, expiry
rule, photo), each page's answers and whole-form validation. Every change autosaves the sealed draft."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.apply import messages
from app.apply.counter import card_filled_fields, counter_guide, is_pre_application, mark_card_materials
from app.apply.drafts import Drafts
from app.apply.merge import material_slots, merge_items
from app.apply.notes import CardNote, CardRefused
from app.apply.shared import ApplyDeps, ensure_live
from app.errors import UserError
from app.forms.engine.answers import validate_answers
from app.forms.engine.normalise import normalise_answers, normalise_card
from app.forms.engine.prefill import prefill
from app.model.apply import CHANNELS, ApplySession, CardPrefill, ItemPart, SharedMaterial
from app.model.forms import FieldError, FormDefinition
from app.model.identity import CardData, PhotoData

__all__ = ["CardNote", "CardNotes", "CardRefused", "Sessions"]

log = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 1024 * 1024
"""A card portrait is 1,024 bytes of WLT (GA 467); decoded images from other readers are a few KiB."""
PHOTO_FORMATS = ("wlt", "bmp", "png", "jpeg")
NEAR_EXPIRY_DAYS = 90
"""A card whose valid_to is this close gets a gentle notice."""
_RULE_RANK = {"allow": 0, "warn": 1, "refuse": 2}


@dataclass(frozen=True, slots=True)
class CardNotes(CardPrefill):
    """`CardPrefill` with its warnings as `CardNote`s too (`warnings` holds them in Chinese, for the record and the
    CLI): the screens show them in the kiosk's language."""

    notes: tuple[CardNote, ...] = ()


_DOCS = {
    None: (messages.CARD_DOC_ID, messages.CARD_RENEW_ID),
    "resident_id": (messages.CARD_DOC_ID, messages.CARD_RENEW_ID),
    "social_security": (messages.CARD_DOC_SOCIAL, messages.CARD_RENEW_SOCIAL),
}


def _card_date(value: Any) -> dt.date | None:
    text = str(value or "").strip()
    if not text or text == "长期":
        return None
    try:
        return dt.date.fromisoformat(text.replace(".", "-"))
    except ValueError:
        return None


def _card_photo(card: CardData | Mapping[str, Any]) -> PhotoData | None:
    """The portrait bytes of a card read: CardData.photo, or the read-card JSON's `photo` when it carries the bytes
    (`data` as bytes, or `base64`); the JSON summary `{format, bytes: N}` carries none."""
    if isinstance(card, CardData):
        return card.photo
    raw = card.get("photo")
    if not isinstance(raw, Mapping):
        return None
    fmt = str(raw.get("format") or "wlt")
    if fmt not in PHOTO_FORMATS:
        raise UserError(messages.PHOTO_FORMAT, formats="/".join(PHOTO_FORMATS), format=fmt)
    data = raw.get("data")
    if isinstance(data, bytes | bytearray):
        return PhotoData(fmt, bytes(data))
    if isinstance(raw.get("base64"), str):
        try:
            return PhotoData(fmt, base64.b64decode(raw["base64"], validate=True))
        except (binascii.Error, ValueError) as exc:
            raise UserError(messages.PHOTO_NOT_BASE64) from exc
    return None


class Sessions:
    """Starting sessions and filling them in (`ApplyService` delegates to it)."""

    def __init__(self, deps: ApplyDeps, drafts: Drafts) -> None:
        self._d = deps
        self._drafts = drafts

    # ------------------------------------------------------------------------------------------------ start

    def start(self, code: str, *, channel: str = "kiosk", autosave: bool = True) -> ApplySession:
        """A new session for an item code or a 一件事 theme code (merged form: shared fields asked once). With
        `autosave=False` the session is never written as a draft (`ApplyDeps.unsaved`)."""
        if channel not in CHANNELS:
            raise UserError(messages.UNKNOWN_CHANNEL, channel=channel, known=", ".join(CHANNELS))
        self._drafts.maybe_purge()
        catalog = self._d.catalog
        themes = {t.code: t for t in catalog.list_themes()}
        theme = themes.get(code)
        if theme is not None:
            if theme.kind != "bundle":
                raise UserError(messages.THEME_NOT_BUNDLE, theme=theme.name, code=code)
            codes = [s.code for s in catalog.items_of_theme(code)] or list(theme.item_codes)
            title, theme_code = theme.name, theme.code
        else:
            codes, title, theme_code = [code], "", None
        guides = [catalog.get_item(c) for c in codes]
        if not title:
            title = guides[0].name
        definitions, merged, merged_slots = merge_items(guides, theme)
        parts: list[ItemPart] = []
        for guide, definition, fmap in zip(guides, definitions, merged.field_maps, strict=True):
            parts.append(
                ItemPart(
                    code=guide.code,
                    name=guide.name,
                    promised_limit_days=guide.promised_limit_days,
                    allows_deferred_materials=guide.allows_deferred_materials,
                    field_map=fmap,
                    form_version=definition.version,
                    expired_id_card=guide.expired_id_card,
                    self_service=guide.self_service,
                    counter=counter_guide(guide),
                    materials={m.id: key for m in guide.materials if (key := merged_slots.slot_of(guide.code, m.id))},
                )
            )
        slots = material_slots(guides, merged, merged_slots)
        shared = tuple(
            SharedMaterial(
                item_code=o.item_code, material_id=o.material_id, name=o.name, reason=o.reason, reason_en=o.reason_en
            )
            for o in merged_slots.omitted
        )
        version = parts[0].form_version if len(parts) == 1 else 1
        form = FormDefinition(version=version, fields=merged.fields)
        session = ApplySession(
            session_id=str(uuid.uuid4()),
            channel=channel,
            title=title,
            theme_code=theme_code,
            items=tuple(parts),
            form=form,
            slots=slots,
            shared=shared,
            pre_application=is_pre_application(channel, (p.self_service for p in parts)),
        )
        if not autosave:
            self._d.unsaved.add(session.session_id)
        self._d.busy.hold(session.session_id)  # released by discard (app/apply/busy.py)
        return session

    # ------------------------------------------------------------------------------------------------ card

    def division_rows(self) -> list[tuple[str, str, str | None]]:
        """The five-level division tree (GB/T 2260 + statistical codes) as (code, name, parent_code) rows, for the
        address pickers of `division` fields."""
        from app.identity.divisions import division_rows

        return list(division_rows())

    def apply_card(self, session: ApplySession, card: CardData | Mapping[str, Any]) -> CardPrefill:
        """Prefill the session's answers from a card read (CardData or the read-card JSON). Answers already typed
        are not overwritten. The card photo (WLT, when the read carries its bytes) goes to the encrypted attachment
        store and travels with the record. An expired card (valid_to in the past) follows the items' rule
        (`expired_id_card`): allow, warn, or refuse (nothing prefilled, finalising refused until a valid card)."""
        ensure_live(session)
        photo = _card_photo(card)
        data = normalise_card(card.to_json() if isinstance(card, CardData) else card)
        data.pop("photo", None)
        notes, expired, near, refusal = self._expiry_check(session, data)
        warnings = [n.render("zh_CN") for n in notes]
        session.warnings = [w for w in session.warnings if "过期" not in w and "到期" not in w] + warnings
        if refusal is not None:
            session.refusal = refusal.render("zh_CN")
            session.refusal_note = refusal.to_json()  # said in the reader's language (CardRefused)
            mark_card_materials(session, None)
            session.card_fields = {}
            return CardNotes(answers={}, warnings=tuple(warnings), expired=True, refused=True, notes=tuple(notes))
        session.refusal = None
        session.refusal_note = None
        filled = normalise_answers(
            session.form,
            prefill(session.form, card=data, terminal_division=self._d.terminal.division_code, session=session.answers),
        )
        new = {k: v for k, v in filled.items() if k not in session.answers or session.answers[k] in (None, "", [])}
        session.answers.update(new)
        session.card = data
        mark_card_materials(session, data)
        # What the card filled is locked on screen; a field the citizen already corrected (with a reason) stays theirs.
        filled = card_filled_fields(session.form, session.answers, data)
        session.card_fields = {k: v for k, v in filled.items() if k not in session.corrections}
        self._set_photo(session, photo)
        self._drafts.autosave(session)
        return CardNotes(answers=new, warnings=tuple(warnings), expired=expired, near_expiry=near, notes=tuple(notes))

    def _expiry_check(
        self, session: ApplySession, data: Mapping[str, Any]
    ) -> tuple[list[CardNote], bool, bool, CardNote | None]:
        """(notes, expired, near expiry, the refusal or None) under the strictest item rule."""
        end = _card_date(data.get("valid_to"))
        if end is None:
            return [], False, False, None
        today = self._d.today()
        part = max(session.items, key=lambda p: _RULE_RANK.get(p.expired_id_card, 1))
        rule = part.expired_id_card
        doc, renew = _DOCS.get(data.get("card_type"), (messages.CARD_DOC_OTHER, messages.CARD_RENEW_OTHER))
        when = end.isoformat()
        if end < today:
            if rule == "allow":
                return [CardNote(messages.CARD_EXPIRED_RENEWAL, {"end": when})], True, False, None
            if rule == "refuse":
                note = CardNote(
                    messages.CARD_EXPIRED_REFUSED, {"doc": doc, "end": when, "item": part.name, "renew": renew}
                )
                return [note], True, False, note
            return [CardNote(messages.CARD_EXPIRED_WARN, {"doc": doc, "end": when})], True, False, None
        if rule != "allow" and (end - today).days <= NEAR_EXPIRY_DAYS:
            return [CardNote(messages.CARD_NEAR_EXPIRY, {"doc": doc, "end": when})], False, True, None
        return [], False, False, None

    def _set_photo(self, session: ApplySession, photo: PhotoData | None) -> None:
        """Store the card photo encrypted (content-addressed, like scans) and reference it from the session; a card
        without one (or a summary without bytes) drops the photo of a card laid before."""
        old = session.photo
        if photo is None or not photo.data or len(photo.data) > MAX_PHOTO_BYTES:
            if photo is not None and photo.data:
                log.warning("card photo of %d bytes ignored (over %d)", len(photo.data), MAX_PHOTO_BYTES)
            session.photo = None
        else:
            sha, size = self._d.store.put_bytes(photo.data)
            session.photo = {"format": photo.format, "sha256": sha, "size": size}
        if old and (session.photo is None or old.get("sha256") != session.photo["sha256"]):
            self._drafts.autosave(session)
            self._drafts.release([str(old["sha256"])])

    def applicant_portrait(self, session: ApplySession) -> tuple[bytes, bool]:
        """(image bytes, decoded?) of the card photo: decoded by the licensed decoder when one is configured,
        otherwise the placeholder silhouette (app/identity/photo.py)."""
        ensure_live(session)
        from app.identity.photo import portrait_png

        ref = session.photo
        store = self._d.store
        if ref is None or not store.exists(str(ref["sha256"])):
            return portrait_png(None)
        data = store.read_range(str(ref["sha256"]), 0, int(ref["size"]))
        return portrait_png(PhotoData(str(ref["format"]), data), self._d.photo_decoder)

    def correct_card_field(self, session: ApplySession, field_id: str, reason: str) -> None:
        """The citizen corrects a value read from the card (a moved address, a misread name): the field is unlocked
        and the reason kept for the record (`corrections`, sent with the submission). A blank reason is refused."""
        ensure_live(session)
        if session.form.field(field_id) is None:
            raise UserError(messages.NO_SUCH_FIELD, field=field_id)
        text = " ".join(str(reason).split())[:200]
        if not text:
            raise UserError(messages.CORRECTION_REASON)
        session.corrections[field_id] = text
        session.card_fields.pop(field_id, None)
        self._drafts.autosave(session)

    # ------------------------------------------------------------------------------------------------ answers

    def save_page(self, session: ApplySession, answers: Mapping[str, Any]) -> dict[str, FieldError]:
        """Merge one page's answers into the session, each in its type's canonical form
        (`app.forms.engine.normalise`: half-width upper-case ID numbers, digits-only phones, two-place amounts,
        controls and bidi overrides stripped from text), and autosave the draft (encrypted); returns the errors of
        the fields just answered (the citizen may still move on: nothing typed is lost). An unknown field id is
        refused before anything is kept."""
        ensure_live(session)
        unknown = next((key for key in answers if session.form.field(key) is None), None)
        if unknown is not None:
            raise UserError(messages.NO_SUCH_FIELD, field=unknown)
        session.answers.update(normalise_answers(session.form, answers))
        self._drafts.autosave(session)
        errors = self.validate(session)
        return {k: e for k, e in errors.items() if k in answers}

    def validate(self, session: ApplySession) -> dict[str, FieldError]:
        """Whole-form validation (materials counted as provided when received or deferred)."""
        ensure_live(session)
        present = [s.material_id for s in session.slots if s.pages or s.deferred]
        present += [s.slot_id for s in session.slots if s.pages or s.deferred]
        return validate_answers(session.form, self.answers_with_pages(session), materials_present=present,
                                today=self._d.today())  # fmt: skip

    def answers_with_pages(self, session: ApplySession) -> dict[str, Any]:
        """The answers, each material field holding the hashes of its slot's pages."""
        out = dict(session.answers)
        for s in session.slots:
            if session.form.field(s.slot_id) is not None:
                out[s.slot_id] = [p.sha256 for p in s.pages]
        return out
