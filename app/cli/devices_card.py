"""`yunban devices read-card | list | card-emulator`: the card reader and the device registry.

Contract (stable JSON): `read-card --json` prints `{card_type, name, name_en, gender, ethnicity, birth_date,
address, id_number, authority, valid_from, valid_to, nationality, photo: {format, bytes}}` (absent fields null), a
failure `{"error", "code"}` (codes of devices/card/base.py) with exit 2; `list --json` prints `{"devices":
[{kind, driver, target, state, message, details}]}`.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.output import context, print_json, print_table
from devices.card import DRIVERS
from devices.emulators.demo_cards import DEMO_ID_CARDS

FIELD_LABELS = {
    "card_type": "证件类型",
    "name": "姓名",
    "name_en": "英文姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "address": "住址",
    "id_number": "证件号码",
    "authority": "签发机关",
    "valid_from": "有效期起",
    "valid_to": "有效期止",
    "nationality": "国籍",
    "additional_address": "追加住址",
    "issue_date": "发卡日期",
    "photo": "照片",
}


def register(devsub: Any, common: argparse.ArgumentParser) -> None:
    read = devsub.add_parser("read-card", parents=[common], help="wait for an ID card on the reader and read it")
    read.add_argument("--driver", choices=DRIVERS, help="override the configured driver")
    read.add_argument("--port", help="serial port (ga467), reader name (pcsc) or demo card (simulated)")
    read.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds to wait for a card (10)")
    read.add_argument(
        "--with-photo",
        action="store_true",
        help="also print the photo's bytes as photo.base64 (personal data: for `yunban submit --card-json`)",
    )
    read.set_defaults(func=_read_card)

    lister = devsub.add_parser("list", parents=[common], help="every configured device with its status")
    lister.set_defaults(func=_list)

    emu = devsub.add_parser(
        "card-emulator", parents=[common], help="serve a demo card on an emulated GA 467 reader (pty) until Ctrl-C"
    )
    emu.add_argument("--card", default="resident_id", choices=list(DEMO_ID_CARDS))
    emu.set_defaults(func=_card_emulator)


def _read_card(args: argparse.Namespace) -> int:
    from app.devices.cards import CardReadFailed

    ctx = context(args)
    try:
        try:
            card = ctx.identity.read_card(timeout=args.timeout, driver=args.driver, port=args.port)
        except CardReadFailed as exc:
            if args.json:
                print(json.dumps({"error": str(exc), "code": exc.code}, ensure_ascii=False))
                return exc.exit_code
            raise
        data = card.to_json()
        if args.with_photo and card.photo is not None:
            import base64

            data["photo"] = {**data["photo"], "base64": base64.b64encode(card.photo.data).decode("ascii")}
        if args.json:
            print_json(data)
        else:
            from app.model.identity import CARD_TYPES

            language = ctx.config.terminal.language
            names = CARD_TYPES.get(card.card_type)
            rows = []
            for key, value in data.items():
                if key == "card_type" and names:
                    value = names[1] if language.startswith("en") else names[0]
                elif key == "photo" and value is not None:
                    value = f"{value['format']}, {value['bytes']} bytes"
                if value is not None:
                    rows.append((FIELD_LABELS[key] if not language.startswith("en") else key, value))
            print_table(["字段" if not language.startswith("en") else "field", ""], rows)
        return 0
    finally:
        ctx.close()


def _list(args: argparse.Namespace) -> int:
    from app.devices.registry import list_devices

    ctx = context(args)
    try:
        entries = list_devices(ctx.config)
    finally:
        ctx.close()
    if args.json:
        print_json({"devices": [e.to_json() for e in entries]})
    else:
        print_table(
            ["kind", "driver", "target", "state", "message"],
            [(e.kind, e.driver, e.target, e.state, e.message) for e in entries],
        )
    return 0


def _card_emulator(args: argparse.Namespace) -> int:
    """For technicians and the demo: a reader on a pseudo-terminal; each card read is laid again a second later."""
    from devices.emulators.ga467_pty import main as serve

    return serve([args.card])
