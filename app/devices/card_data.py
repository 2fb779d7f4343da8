"""Glue from what a driver read (`devices.card.base.RawCard`) to the application's `CardData`.

Codes become names (GB/T 2261.1 sex, GB/T 3304 ethnic group), chip dates (`YYYYMMDD`) become ISO dates, and the
card types of all drivers share one vocabulary (`app.model.identity.CARD_TYPES`).
"""

from __future__ import annotations

from app.identity.codes import ethnicity_name, gender_name
from app.model.identity import CardData, CardEventData, PhotoData
from devices.card.base import CardError, CardEvent, RawCard


def iso_date(value: str | None) -> str | None:
    """`20180401` → `2018-04-01`; `长期` and anything not 8 digits are kept as written."""
    if value is None:
        return None
    value = value.strip()
    if len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value or None


def to_card_data(raw: RawCard, *, language: str = "zh_CN") -> CardData:
    f = raw.fields
    issue = f.get("issue_count")
    return CardData(
        card_type=raw.card_type,
        name=f.get("name"),
        name_en=f.get("name_en"),
        gender=gender_name(f.get("gender"), language),
        gender_code=f.get("gender"),
        ethnicity=ethnicity_name(f.get("ethnicity"), language),
        ethnicity_code=f.get("ethnicity"),
        birth_date=iso_date(f.get("birth_date")),
        address=f.get("address"),
        additional_address=f.get("additional_address"),
        id_number=f.get("id_number"),
        authority=f.get("authority") or f.get("authority_code"),
        valid_from=iso_date(f.get("valid_from")),
        valid_to=iso_date(f.get("valid_to")),
        nationality=f.get("nationality"),
        permit_number=f.get("permit_number"),
        issue_count=int(issue) if issue and issue.isascii() and issue.isdigit() else None,  # not "²"
        card_number=f.get("card_number"),
        issue_date=iso_date(f.get("issue_date")),
        photo=PhotoData(raw.photo_format or "wlt", raw.photo) if raw.photo else None,
    )


def error_text(error: CardError, language: str = "zh_CN") -> str:
    return error.message(language)


def to_event_data(event: CardEvent, *, language: str = "zh_CN") -> CardEventData:
    card = to_card_data(event.card, language=language) if event.card is not None else None
    error = event.error.message(language) if event.error is not None else None
    code = event.error.code if event.error is not None else None
    return CardEventData(event.kind, card, error, code)
