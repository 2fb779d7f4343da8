"""The Chinese text layer: exact ESC/POS bytes for a receipt, column counting, wrapping, rare characters."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.printer import raster
from devices.printer.document import Columns, Cut, Feed, Field, Heading, QRCode, Receipt, Text
from devices.printer.errors import FontNotFoundError
from devices.printer.layout import (
    ESC,
    GS,
    INIT,
    KANJI_OFF,
    KANJI_ON,
    LF,
    layout_receipt,
    lines_of,
    qr_native,
    wrap,
)
from devices.printer.lines import SUBSTITUTE, Line, char_columns, text_columns
from devices.printer.profiles import PROFILES, PrinterProfile, UnknownProfileError, get_profile
from tests.integration.devices.printer.conftest import ADDRESS_400, typical_receipt

P58 = PROFILES["58mm"]  # 32 columns, native QR
P80 = PROFILES["80mm"]  # 48 columns
POS5890 = PROFILES["POS-5890"]  # 32 columns, QR as an image


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def test_columns_count_like_the_printer() -> None:
    assert [char_columns(c) for c in "A1 中，。𠮷䶮·"] == [1, 1, 1, 2, 2, 2, 2, 2, 2]
    assert text_columns("ID 5301") == 7
    assert P58.columns == 32 and P80.columns == 48 and POS5890.columns == 32


def test_exact_bytes_of_a_small_receipt() -> None:
    receipt = Receipt(
        (
            Heading("回执"),
            Text("事项：身份证换领"),
            Columns(("材料", "份数"), widths=(20, 11), aligns=("left", "right")),
            QRCode("AB12", module=4, ecc="Q", align="center"),
            Feed(2),
            Cut(feed=3, partial=True),
        )
    )
    expected = (
        INIT + KANJI_ON
        + ESC + b"a\x01" + ESC + b"E\x01" + GS + b"!\x11" + gb("回执") + LF
        + ESC + b"a\x00" + ESC + b"E\x00" + GS + b"!\x00" + gb("事项：身份证换领") + LF
        + gb("材料" + " " * 16 + " " + " " * 7 + "份数") + LF
        + ESC + b"a\x01"
        + ESC + b"J\x08"
        + GS + b"(k\x04\x00\x31\x41\x32\x00"
        + GS + b"(k\x03\x00\x31\x43\x04"
        + GS + b"(k\x03\x00\x31\x45\x32"
        + GS + b"(k\x07\x00\x31\x50\x30AB12"
        + GS + b"(k\x03\x00\x31\x51\x30"
        + ESC + b"J\x08"
        + ESC + b"d\x02"
        + ESC + b"d\x03" + GS + b"V\x01"
        + ESC + b"a\x00"
        + KANJI_OFF
    )  # fmt: skip
    assert layout_receipt(receipt, P58).data == expected


def test_cjk_punctuation_alone_is_encoded_not_question_marks() -> None:
    # python-escpos' own text() turns a line of only CJK punctuation into '???' (it switches to GB18030 only when
    # the text holds U+4E00–U+9FA5). Our layer encodes every line itself.
    data = layout_receipt(Receipt((Text("，。、「」"),)), P58).data
    assert gb("，。、「」") + LF in data
    assert b"?" not in data

    from escpos.printer import Dummy

    dummy = Dummy()
    dummy.text("，。、\n")
    assert b"???" in dummy.output  # the upstream behaviour this layer exists for


def test_no_kanji_commands_when_profile_says_so() -> None:
    plain = PrinterProfile("plain", dots=384, kanji_mode=False)
    data = layout_receipt(Receipt((Text("中文"),)), plain).data
    assert data == INIT + gb("中文") + LF


def test_a_400_character_address_wraps_within_its_column() -> None:
    assert len(ADDRESS_400) == 400
    for profile in (P58, P80):
        lines = [ln for ln in lines_of(Receipt((Field("住址", ADDRESS_400),)), profile) if isinstance(ln, Line)]
        assert all(text_columns(ln.text) <= profile.columns for ln in lines)
        # The value hangs under itself: every continuation line is indented by the label's width ("住址：" = 6).
        assert lines[0].text.startswith("住址：")
        assert all(ln.text.startswith(" " * 6) for ln in lines[1:])
        rebuilt = lines[0].text[3:] + "".join(ln.text[6:] for ln in lines[1:])
        assert rebuilt == ADDRESS_400
        # No line starts with a comma (it is pulled back with the character before it).
        assert not any(ln.text.strip().startswith("，") for ln in lines[1:])
        expected_lines = -(-text_columns(ADDRESS_400) // (profile.columns - 6))
        assert expected_lines <= len(lines) <= expected_lines + 10


def test_wrap_keeps_latin_words_and_breaks_long_ones() -> None:
    # A word longer than the line is broken where the line ends; one that fits a line moves down whole.
    assert wrap("请访问 www.example.gov.cn/abc 查询", 16) == ["请访问 www.examp", "le.gov.cn/abc 查", "询"]
    assert wrap("身份证号 530102199001011234", 24) == ["身份证号", "530102199001011234"]
    assert wrap("a\nb", 10) == ["a", "b"]
    assert wrap("", 10) == [""]
    assert all(text_columns(x) <= 7 for x in wrap("一二三四五六七八九十", 7))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("云南省建水县 abcXYZ0123，。、）：,.𠮷䶮-/")), max_size=200),
    st.integers(min_value=2, max_value=48),
)
def test_wrap_properties(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(text_columns(line) <= width for line in lines)
    # Nothing is lost or reordered; only spaces at line breaks go.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_table_cells_wrap_inside_their_column() -> None:
    row = Columns(("居民身份证换领（到期换领）", "1", "已受理"), widths=(18, 4, 8), aligns=("left", "right", "right"))
    lines = [ln.text for ln in lines_of(Receipt((row,)), P58) if isinstance(ln, Line)]
    assert lines == ["居民身份证换领（到    1   已受理", "期换领）"]
    with pytest.raises(ValueError):
        lines_of(Receipt((Columns(("a", "b"), widths=(20, 20)),)), P58)


def test_double_size_heading_halves_the_columns() -> None:
    lines = lines_of(Receipt((Heading("一二三四五六七八九十"),)), P58)
    assert [ln.text for ln in lines if isinstance(ln, Line)] == ["一二三四五六七八", "九十"]


def test_rare_characters_go_as_a_raster_line_in_text_mode() -> None:
    result = layout_receipt(
        Receipt(
            (Field("姓名", "张𠮷䶮"), Text("其余照常")),
        ),
        P58,
    )
    assert result.raster_lines == 1
    assert gb("𠮷") not in result.data and gb("䶮") not in result.data
    assert GS + b"v0\x00" + bytes([48, 0, 30, 0]) in result.data  # one 384×30-dot line image
    assert gb("其余照常") + LF in result.data
    # A printer whose font covers GB18030 gets the characters as text (4-byte sequences).
    full = PrinterProfile("gb18030-font", dots=384, font_charset="gb18030")
    data = layout_receipt(Receipt((Field("姓名", "张𠮷䶮"),)), full).data
    assert gb("姓名：张𠮷䶮") + LF in data and len(gb("𠮷")) == 4


def test_without_a_font_rare_characters_become_a_visible_substitute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raster, "default_font", lambda: None)
    result = layout_receipt(Receipt((Text("张𠮷"),)), P58)
    assert result.substituted == ["𠮷"]
    assert gb("张〓") + LF in result.data
    with pytest.raises(FontNotFoundError):
        layout_receipt(Receipt((Text("张"),)), P58, "raster")


def test_qr_is_native_or_an_image_by_profile() -> None:
    receipt = Receipt((QRCode("https://yunban.example/s/1"),))
    native = layout_receipt(receipt, P58).data
    assert qr_native("https://yunban.example/s/1", 6, "M") in native
    image = layout_receipt(receipt, POS5890).data
    assert b"(k" not in image
    assert GS + b"v0\x00" + bytes([48, 0]) in image


def test_raster_mode_is_images_and_cuts_only() -> None:
    data = layout_receipt(typical_receipt(), P58, "raster").data
    assert data.startswith(INIT + GS + b"v0\x00" + bytes([48, 0]))
    assert data.endswith(ESC + b"d\x04" + GS + b"V\x00")
    assert gb("受理回执") not in data
    height = data[8] | data[9] << 8
    assert 400 < height <= 960


def test_layout_is_a_pure_function() -> None:
    assert layout_receipt(typical_receipt(), P58).data == layout_receipt(typical_receipt(), P58).data
    assert (
        layout_receipt(typical_receipt(), P58, "raster").data == layout_receipt(typical_receipt(), P58, "raster").data
    )


def test_profiles() -> None:
    assert get_profile("TM-T20II").columns == 48
    assert get_profile("TM-P80").dots == 576  # from python-escpos' capability database
    with pytest.raises(UnknownProfileError):
        get_profile("no-such-printer")
    assert os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR")


def test_bad_mode_and_magnification() -> None:
    with pytest.raises(ValueError):
        layout_receipt(Receipt(()), P58, "fancy")
    with pytest.raises(ValueError):
        lines_of(Receipt((Text("x", width=3),)), P58)
    assert SUBSTITUTE == "〓"
