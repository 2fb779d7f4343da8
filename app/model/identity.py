"""Identity documents as plain data: what a card reader or a validator hands to forms, the UI and the CLI.

A card read by any driver (GA 467 serial reader, PC/SC social security card, the simulated demo reader) becomes one
`CardData`; fields a card type does not carry are `None`. A typed identifier (citizen ID, unified social credit
code, division code) becomes one `ValidationResult` whose reason, when invalid, tells a person what to fix.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CARD_TYPES = {
    "resident_id": ("居民身份证", "Resident identity card"),
    "hmt_residence_permit": ("港澳台居民居住证", "Residence permit for Hong Kong, Macao and Taiwan residents"),
    "foreign_permanent_2017": ("外国人永久居留身份证（2017版）", "Foreign permanent resident ID card (2017)"),
    "foreign_permanent_2023": ("外国人永久居留身份证（2023版）", "Foreign permanent resident ID card (2023)"),
    "social_security": ("社会保障卡", "Social security card"),
}
"""Card types (证件类型) by our key: Chinese and English names."""


@dataclass(frozen=True, slots=True)
class PhotoData:
    """The card's portrait as stored on the chip: `format` is `wlt` (encrypted GA 467 photo), `bmp`, `png` or `jpeg`.

    A WLT photo can only be decoded by a licensed vendor decoder; until one is configured the raw bytes are kept
    and the UI shows a placeholder.
    """

    format: str
    data: bytes = field(repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "bytes": len(self.data)}


@dataclass(frozen=True, slots=True)
class CardData:
    """One identity document read from a card (居民身份证, 居住证, 永久居留身份证, 社会保障卡).

    Dates are ISO strings (`1990-01-31`); `valid_to` may be `长期` (no expiry). `gender` and `ethnicity` are names
    (GB/T 2261.1, GB/T 3304) with their codes kept beside them.
    """

    card_type: str
    name: str | None = None
    name_en: str | None = None
    gender: str | None = None
    gender_code: str | None = None
    ethnicity: str | None = None
    ethnicity_code: str | None = None
    birth_date: str | None = None
    address: str | None = None
    id_number: str | None = None
    authority: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    nationality: str | None = None
    permit_number: str | None = None
    """通行证号码 of a Hong Kong/Macao/Taiwan residence permit."""
    issue_count: int | None = None
    """签发次数 (residence permit) or 换证次数 (2023 foreigner card)."""
    card_number: str | None = None
    """社会保障卡卡号 of a social security card."""
    photo: PhotoData | None = None
    additional_address: str | None = None
    """追加住址: the address added to an ID card after it was issued (GA 467 `30 03`), where the reader reads it."""
    issue_date: str | None = None
    """发卡日期 of a social security card (its `valid_to` is the card's 有效期)."""

    JSON_KEYS = (
        "card_type",
        "name",
        "name_en",
        "gender",
        "ethnicity",
        "birth_date",
        "address",
        "id_number",
        "authority",
        "valid_from",
        "valid_to",
        "nationality",
        "additional_address",
        "issue_date",
    )

    def to_json(self) -> dict[str, Any]:
        """The stable CLI/JSON shape: the keys of `JSON_KEYS` (new keys only ever appended), then `photo` ({format,
        bytes} or null)."""
        data = {key: getattr(self, key) for key in self.JSON_KEYS}
        data["photo"] = self.photo.to_json() if self.photo is not None else None
        return data

    def to_dict(self) -> dict[str, Any]:
        """Every field (photo as its summary), for forms and logs of non-personal diagnostics."""
        data = asdict(self)
        data["photo"] = self.photo.to_json() if self.photo is not None else None
        return data


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """The verdict on one identifier, with a reason a person can act on when it is invalid.

    `kind` names what the value is (or looks like): `resident_id`, `hk_residence_permit`, `macao_residence_permit`,
    `taiwan_residence_permit`, `foreign_permanent_id`, `uscc`, `province`, `prefecture`, `county`, `township`,
    `village`. `details` holds what the value encodes (birth date, gender, region, division name...).
    """

    valid: bool
    kind: str | None
    normalized: str
    reason_zh: str | None = None
    reason_en: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def reason(self, language: str = "zh_CN") -> str | None:
        return self.reason_en if language.startswith("en") else self.reason_zh


@dataclass(frozen=True, slots=True)
class CardEventData:
    """A card-reader event for the UI adapter (re-emitted there as a Qt signal), named in the past tense.

    `kind`: `card_read` (with `card`), `card_read_failed` and `reader_lost` (with `error`, `error_code`),
    `card_removed`. `error` is in the terminal's language; codes are those of `devices.card.base`.
    """

    kind: str
    card: CardData | None = None
    error: str | None = None
    error_code: str | None = None
