"""The Qt form renderer, driven like a person would: typing, clicking, pasting, switching language."""

from __future__ import annotations

import base64
import csv
import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QInputMethodEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.forms.engine.definition import parse_form
from tests.support.form_samples import dibao, id_number, uscc
from ui.forms import DivisionInput, DivisionTree, FieldInput, FormView, SignatureInput
from ui.forms.inputs import (
    ChoiceInput,
    DateInput,
    GuardedLineEdit,
    LineInput,
    MultiChoiceInput,
    TextAreaInput,
    YesNoInput,
)

TODAY = dt.date(2026, 11, 27)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def tree() -> DivisionTree:
    with (ROOT / "app" / "data" / "divisions" / "yunnan-divisions.csv").open(encoding="utf-8") as fh:
        return DivisionTree.from_rows((r["code"], r["name"], r["parent_code"]) for r in csv.DictReader(fh))


@pytest.fixture
def view(qtbot: QtBot, tree: DivisionTree) -> FormView:
    v = FormView(parse_form(dibao()), divisions=tree, today=TODAY)
    qtbot.addWidget(v)
    v.resize(1080, 1600)
    v.show()
    qtbot.waitExposed(v)
    return v


_Input = TypeVar("_Input", bound=FieldInput)


def field_input(view: FormView, fid: str, kind: type[_Input]) -> _Input:
    """`view.input(fid)` as the input class its field's type builds."""
    widget = view.input(fid)
    assert isinstance(widget, kind), type(widget)
    return widget


def line(view: FormView, fid: str) -> GuardedLineEdit:
    return field_input(view, fid, LineInput).edit


def option(view: FormView, fid: str, value: Any) -> QPushButton:
    widget = view.input(fid)
    assert isinstance(widget, ChoiceInput | MultiChoiceInput | YesNoInput), type(widget)
    return widget.buttons[value]


def message(view: FormView, fid: str) -> str:
    return view.row(fid).message()


def png_image(data: bytes) -> QImage:
    """`QImage.fromData(data, "PNG")`, which PySide6's stubs type with a bytes format the binding refuses."""
    image = QImage()
    image.loadFromData(data, "PNG")
    return image


def choose(combo: QComboBox, data: Any) -> None:
    combo.setCurrentIndex(combo.findData(data))


def type_text(qtbot: QtBot, widget: Any, text: str) -> None:
    """ASCII through key clicks; Chinese as an input method commits it (QTest cannot click non-Latin keys)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def fill_page_one(qtbot: QtBot, view: FormView, *, id_no: str) -> None:
    type_text(qtbot, line(view, "applicant_name"), "张三")
    qtbot.keyClicks(line(view, "id_number"), id_no)
    qtbot.mouseClick(option(view, "gender", "m"), Qt.MouseButton.LeftButton)  # id_number(): odd 17th digit
    date = field_input(view, "birth_date", DateInput)
    choose(date.year, 1980)
    choose(date.month, 1)
    choose(date.day, 1)
    qtbot.keyClicks(line(view, "phone"), "13800871234")


def test_fill_get_errors_fix_and_submit(qtbot: QtBot, view: FormView) -> None:
    bad = id_number()[:-1] + ("0" if id_number()[-1] != "0" else "1")
    fill_page_one(qtbot, view, id_no=bad)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 0  # held back
    assert "校验码" in message(view, "id_number")
    assert line(view, "id_number").text() == bad  # nothing typed is lost
    assert line(view, "applicant_name").text() == "张三"
    assert view.summary.isVisible() and "1 处" in view.summary.text()
    assert view.row("id_number").property("invalid") is True

    line(view, "id_number").selectAll()
    qtbot.keyClicks(line(view, "id_number"), id_number())
    assert message(view, "id_number") == ""  # editing clears the stale message
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 1

    assert view.input("division").value() is None
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 1
    assert message(view, "division") == "⚠ 请选择此项"
    assert message(view, "household_size") == "⚠ 请填写此项"
    view.input("division").set_value("532524103205")
    qtbot.keyClicks(line(view, "household_size"), "25")
    qtbot.mouseClick(option(view, "reason", "illness"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert "不能大于 20" in message(view, "household_size")
    line(view, "household_size").clear()
    qtbot.keyClicks(line(view, "household_size"), "3")
    qtbot.keyClicks(line(view, "monthly_income"), "1250.5")
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 2

    qtbot.mouseClick(option(view, "aid", "medical"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(option(view, "aid", "housing"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line(view, "employer_uscc"), uscc().lower())
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 3
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert message(view, "id_card_copy") == "⚠ 请提供此材料"
    view.material_input("id_card_copy").add_page("sha256:" + "ab" * 32)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 4
    assert view.submit_button.isVisible() and not view.next_button.isVisible()

    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    assert message(view, "signature") == "⚠ 请在框内签名"
    pad = field_input(view, "signature", SignatureInput).pad
    pad.stroke([QPointF(40 + i * 5, 100 + (i % 7) * 6) for i in range(60)])
    with qtbot.waitSignal(view.submitted) as blocker:
        qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    answers = blocker.args[0]
    signature = answers.pop("signature")
    assert base64.b64decode(signature.split(",", 1)[1]).startswith(b"\x89PNG")
    assert answers == {
        "applicant_name": "张三",
        "id_number": id_number(),
        "gender": "m",
        "birth_date": "1980-01-01",
        "phone": "13800871234",
        "division": "532524103205",
        "household_size": 3,
        "monthly_income": "1250.5",
        "reason": "illness",
        "aid": ["medical", "housing"],
        "employer_uscc": uscc(),
        "id_card_copy": ["sha256:" + "ab" * 32],
    }


def test_submit_with_errors_goes_to_the_first_one(qtbot: QtBot, view: FormView) -> None:
    view._show_page(4)
    assert not view.submit()
    assert view.current_page() == 0
    assert set(view.errors()) >= {"applicant_name", "phone", "division", "reason", "signature"}
    assert view.focusWidget() is None or view.focusWidget() is line(view, "applicant_name")


def test_pages_are_built_on_first_show_with_their_messages(qtbot: QtBot, tree: DivisionTree) -> None:
    v = FormView(parse_form(dibao()), divisions=tree)
    qtbot.addWidget(v)
    assert [p.built for p in v.pages] == [True, False, False, False, False]
    v.set_answers({"reason": "other"})  # touching a field builds its page
    assert v.pages[1].built and not v.pages[4].built
    assert "signature" in v.validate()  # errors of pages not built yet are kept...
    v._show_page(4)
    assert v.row("signature").message() == "⚠ 请在框内签名"  # ...and shown when the page appears
    assert v.answers() == {"reason": "other"}


def test_show_if_toggles_live_and_keeps_hidden_input(qtbot: QtBot, view: FormView) -> None:
    row = view.row("reason_other")
    view._show_page(1)
    assert not row.isVisible()
    qtbot.mouseClick(option(view, "reason", "other"), Qt.MouseButton.LeftButton)
    assert row.isVisible() and row.required_tag.isVisible()
    type_text(qtbot, field_input(view, "reason_other", TextAreaInput).edit, "家里有人生病")
    assert view.answers()["reason_other"] == "家里有人生病"
    qtbot.mouseClick(option(view, "reason", "illness"), Qt.MouseButton.LeftButton)
    assert not row.isVisible()
    assert "reason_other" not in view.answers()  # hidden: not submitted...
    assert view.answers(include_hidden=True)["reason_other"] == "家里有人生病"  # ...but not lost
    assert "reason_other" not in view.validate()
    qtbot.mouseClick(option(view, "reason", "other"), Qt.MouseButton.LeftButton)
    assert view.answers()["reason_other"] == "家里有人生病"


def test_require_if_marks_the_field_required_live(qtbot: QtBot, view: FormView) -> None:
    tag = view.row("has_disability_card").required_tag
    view._show_page(2)
    assert not tag.isVisible()
    view._show_page(1)
    qtbot.mouseClick(option(view, "reason", "disability"), Qt.MouseButton.LeftButton)
    view._show_page(2)
    assert tag.isVisible()
    assert view.validate()["has_disability_card"].code == "required"
    qtbot.mouseClick(option(view, "has_disability_card", False), Qt.MouseButton.LeftButton)
    assert view.answers()["has_disability_card"] is False
    assert "has_disability_card" not in view.validate()


def test_a_page_whose_fields_are_all_hidden_is_skipped(qtbot: QtBot) -> None:
    doc = {
        "version": 1,
        "fields": [
            {"id": "kind", "type": "yesno", "label": "是否为本人办理", "label_en": "For yourself", "group": "一"},
            {"id": "agent", "type": "text", "label": "代办人", "label_en": "Agent", "group": "二",
             "show_if": {"field": "kind", "equals": False}},
            {"id": "note", "type": "text", "label": "备注", "label_en": "Note", "group": "三"},
        ],
    }  # fmt: skip
    v = FormView(parse_form(doc))
    qtbot.addWidget(v)
    v.show()
    assert v.page_count() == 2  # the agent page is hidden until someone else applies
    qtbot.mouseClick(option(v, "kind", True), Qt.MouseButton.LeftButton)
    assert v.go_next() and v.current_page() == 2
    v.go_back()
    qtbot.mouseClick(option(v, "kind", False), Qt.MouseButton.LeftButton)
    assert v.page_count() == 3
    assert v.go_next() and v.current_page() == 1
    assert "2 步，共 3 步" in v.progress.text()


def test_ten_megabytes_pasted_is_refused_and_typed_text_kept(qtbot: QtBot, view: FormView) -> None:
    huge = "粘贴" * (5 * 1024 * 1024)  # 10 Mi characters
    QGuiApplication.clipboard().setText(huge)
    edit = line(view, "applicant_name")
    type_text(qtbot, edit, "张三")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == "张三"
    assert "粘贴的内容太长（10,485,760 个字），此项最多 200 个字" in message(view, "applicant_name")

    menu = edit.standard_menu()  # the mouse route (counters): the context menu's paste is guarded too
    paste = next(a for a in menu.actions() if a.objectName() == "edit-paste")
    paste.setEnabled(True)
    paste.trigger()
    assert edit.text() == "张三"

    view._show_page(1)
    qtbot.mouseClick(option(view, "reason", "other"), Qt.MouseButton.LeftButton)
    area = field_input(view, "reason_other", TextAreaInput).edit
    type_text(qtbot, area, "已经写好的说明")
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert area.toPlainText() == "已经写好的说明"
    assert "此项最多 5,000 个字" in message(view, "reason_other")

    QGuiApplication.clipboard().setText("，补充一句")  # a paste that fits still works
    qtbot.keyClick(area, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert area.toPlainText() == "已经写好的说明，补充一句"
    assert message(view, "reason_other") == ""

    view.set_answers({"reason_other": "长" * 6_000})  # a draft or a drop that got past the guard
    assert view.validate()["reason_other"].code == "too_long"
    assert len(area.toPlainText()) == 6_000  # reported, not cut


def test_language_switch_relabels_everything(qtbot: QtBot, view: FormView) -> None:
    view.go_next()
    assert message(view, "applicant_name") == "⚠ 请填写此项"
    qtbot.mouseClick(view.language_button, Qt.MouseButton.LeftButton)
    assert view.language == "en"
    assert view.row("applicant_name").label.text() == "Applicant's name"
    assert message(view, "applicant_name") == "⚠ This must be filled in"
    assert option(view, "gender", "m").text() == "Male"
    assert view.next_button.text() == "Next" and view.language_button.text() == "中文"
    assert view.group_title.text() == "Applicant"
    assert field_input(view, "birth_date", DateInput).units[0].text() == "Year"
    view.set_language("zh_CN")
    assert option(view, "gender", "m").text() == "男" and view.group_title.text() == "申请人"


def test_division_picker_cascades(qtbot: QtBot, view: FormView, tree: DivisionTree) -> None:
    picker = field_input(view, "division", DivisionInput)
    view._show_page(1)
    combos = picker.combos
    assert len(combos) == 5
    choose(combos[0], "53")
    choose(combos[1], "5325")
    assert picker.value() == "5325"
    choose(combos[2], "532524")
    assert combos[3].isEnabled() and combos[3].count() == len(tree.children["532524"]) + 1
    choose(combos[3], "532524103")
    choose(combos[4], "532524103205")
    assert picker.value() == "532524103205"
    choose(combos[2], "532501")  # another county: the levels below start again
    assert picker.value() == "532501" and combos[3].currentData() is None and not combos[4].isVisible()
    picker.set_value("530102")
    assert [c.currentText() for c in combos[:3]] == ["云南省", "昆明市", "五华区"]


def test_division_without_tree_falls_back_to_typing(qtbot: QtBot) -> None:
    v = FormView(parse_form(dibao()))
    qtbot.addWidget(v)
    picker = field_input(v, "division", DivisionInput)
    assert picker.fallback is not None
    picker.set_value("532524103205")
    assert v.answers()["division"] == "532524103205"


def test_material_slot_signals(qtbot: QtBot, view: FormView) -> None:
    slot = view.material_input("id_card_copy")
    page = QImage(200, 280, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    slot.set_pages([("sha256:1", page), ("sha256:2", None)])
    view._show_page(3)
    with qtbot.waitSignal(view.scan_requested) as scan:
        qtbot.mouseClick(slot.scan_button, Qt.MouseButton.LeftButton)
    assert scan.args == ["id_card_copy"]
    with qtbot.waitSignal(view.retake_requested) as retake:
        qtbot.mouseClick(slot._tiles[0].retake, Qt.MouseButton.LeftButton)
    assert retake.args == ["id_card_copy", "sha256:1"]
    with qtbot.waitSignal(view.delete_requested) as delete:
        qtbot.mouseClick(slot._tiles[1].delete, Qt.MouseButton.LeftButton)
    assert delete.args == ["id_card_copy", "sha256:2"]
    slot.remove_page("sha256:2")
    slot.replace_page("sha256:1", "sha256:3", page)
    assert view.answers()["id_card_copy"] == ["sha256:3"]
    qtbot.waitUntil(lambda: slot._tiles[0].height() >= 240)  # thumbnails get their full room


def test_signature_pad_draws_and_clears(qtbot: QtBot, view: FormView) -> None:
    view._show_page(4)
    sig = field_input(view, "signature", SignatureInput)
    assert sig.value() is None
    qtbot.mouseClick(sig.pad, Qt.MouseButton.LeftButton, pos=sig.pad.rect().center())
    value = sig.value()
    assert value.startswith("data:image/png;base64,")
    image = png_image(base64.b64decode(value.split(",", 1)[1]))
    centre = image.pixelColor(sig.pad.rect().center())
    assert centre.lightness() < 128  # the finger left ink where it touched
    again = FormView(parse_form(dibao()))
    qtbot.addWidget(again)
    again.set_answers({"signature": value})
    assert field_input(again, "signature", SignatureInput).pad.is_empty() is False
    qtbot.mouseClick(sig.clear_button, Qt.MouseButton.LeftButton)
    assert sig.value() is None


def test_partial_date_is_kept_and_reported(qtbot: QtBot, view: FormView) -> None:
    date = field_input(view, "birth_date", DateInput)
    choose(date.year, 1990)
    assert "birth_date" in view.answers()
    assert view.validate()["birth_date"].code == "not_date"
    assert date.year.currentData() == 1990
    choose(date.month, 2)
    choose(date.day, 30)
    assert view.validate()["birth_date"].code == "not_date"  # 30 February
    choose(date.day, 28)
    assert "birth_date" not in view.validate()
    assert view.answers()["birth_date"] == "1990-02-28"


def test_set_answers_round_trip_and_clear(qtbot: QtBot, view: FormView) -> None:
    answers = {
        "applicant_name": "李四",
        "id_number": id_number(),
        "gender": "m",
        "birth_date": "1980-01-01",
        "phone": "0873-7652301",
        "division": "532524103205",
        "household_size": 4,
        "monthly_income": "800",
        "reason": "other",
        "reason_other": "说明",
        "has_disability_card": True,
        "aid": ["education"],
        "employer_uscc": uscc(),
        "bank_account": "6222020200112233445",
        "id_card_copy": ["sha256:x"],
    }
    with qtbot.waitSignal(view.answers_changed):
        view.set_answers(answers)
    assert view.answers() == answers
    assert set(view.validate()) == {"signature"}
    field_input(view, "signature", SignatureInput).pad.stroke([QPointF(10, 10), QPointF(200, 80)])
    assert view.validate() == {}
    view.clear()
    assert view.answers() == {} and view.errors() == {} and view.current_page() == 0
    assert line(view, "id_number").text() == ""
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    for edit in view.findChildren(QLineEdit):  # the idle wipe leaves no personal text, not even in undo history
        assert edit.text() == "" and not edit.isUndoAvailable()
    for area in view.findChildren(QPlainTextEdit):
        assert area.toPlainText() == "" and not area.document().isUndoAvailable()
    assert not any(id_number() in label.text() or "李四" in label.text() for label in view.findChildren(QLabel))
    assert field_input(view, "signature", SignatureInput).pad.is_empty()


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_touch_targets_are_at_least_64_px(qtbot: QtBot, tree: DivisionTree, scale: float) -> None:
    v = FormView(parse_form(dibao()), divisions=tree, scale=scale)
    qtbot.addWidget(v)
    v.resize(1080, 1900)
    v.set_answers({"reason": "other", "division": "532524103205"})
    v.material_input("id_card_copy").add_page("sha256:p")
    v.show()
    qtbot.waitExposed(v)
    small = []
    for index in range(len(v.pages)):
        v._show_page(index)
        for widget in v.findChildren(QPushButton) + v.findChildren(QLineEdit) + v.findChildren(QComboBox):
            if widget.isVisible() and widget.height() < 64:
                small.append((type(widget).__name__, widget.objectName(), widget.height()))
    assert small == []


def test_renders_to_png(qtbot: QtBot, view: FormView, tmp_path: Path) -> None:
    path = tmp_path / "form.png"
    assert view.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() == 1080 and image.height() == 1600


def test_signature_by_touch(qtbot: QtBot) -> None:
    """A finger on a touch screen: Qt turns the touch points into the pad's strokes."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from ui.forms import SignaturePad

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    device = QTest.createTouchDevice()
    finger = QTest.touchEvent(pad, device, autoCommit=False)  # one sequence: Qt tracks the point between events
    finger.press(0, QPoint(40, 100)).commit()
    for x in range(60, 420, 20):
        finger.move(0, QPoint(x, 100)).commit()
    finger.release(0, QPoint(420, 100)).commit()
    qtbot.waitUntil(lambda: not pad.is_empty())
    image = png_image(pad.to_png())
    # Qt puts the synthesised mouse at the touch ellipse's centre (a pixel or two off the point): look at a band.
    inked = [x for x in range(image.width()) if min(image.pixelColor(x, y).lightness() for y in range(94, 105)) < 128]
    assert inked == list(range(inked[0], inked[-1] + 1))  # one unbroken line along the finger's path
    assert inked[0] <= 40 and inked[-1] >= 400
    assert image.pixelColor(300, 30).lightness() > 200  # and nowhere else


def test_sex_and_birth_date_that_contradict_the_number_hold_the_page(qtbot: QtBot, view: FormView) -> None:
    """GB 11643 §5.3 (digits 7–14 are the birth date) and §5.4 (the 17th digit's parity is the sex): a clerk or
    citizen who picks the other sex, or another birth date, is told on the page, before submission."""
    woman = id_number("11010519491231002")  # 17th digit 2: female, born 1949-12-31
    fill_page_one(qtbot, view, id_no=woman)  # picks 男 and 1980-01-01
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 0
    assert message(view, "gender") == "⚠ 身份号码第17位表示性别为女，与填写的性别不一致，请核对"
    assert "1949-12-31" in message(view, "birth_date")
    assert message(view, "id_number") == ""  # the number itself is valid
    qtbot.mouseClick(option(view, "gender", "f"), Qt.MouseButton.LeftButton)
    date = field_input(view, "birth_date", DateInput)
    choose(date.year, 1949)
    choose(date.month, 12)
    choose(date.day, 31)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 1
