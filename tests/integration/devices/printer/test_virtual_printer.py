"""The virtual printer: incremental parsing, rendering, and the image it makes of a receipt."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from devices.emulators.escpos_parser import EscPosParser, Op
from devices.emulators.escpos_render import render_stream
from devices.emulators.virtual_printer import VirtualPrinter
from devices.printer.driver import EscposPrinter
from devices.printer.layout import layout_receipt
from devices.printer.profiles import PROFILES
from tests.integration.devices.printer.conftest import ADDRESS_400, typical_receipt

P58 = PROFILES["58mm"]
STREAM = layout_receipt(typical_receipt("张𠮷"), P58).data


def _normalise(ops: list[Op]) -> list[Op]:
    # Text runs may be split differently across chunks; merge them to compare.
    out: list[Op] = []
    for op in ops:
        if op.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Op("text", out[-1].value + op.value)
        else:
            out.append(op)
    return out


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=len(STREAM) - 1), max_size=12))
def test_parser_is_incremental(cuts: list[int]) -> None:
    whole = EscPosParser().feed(STREAM)
    parser = EscPosParser()
    ops: list[Op] = []
    start = 0
    for cut in [*sorted(set(cuts)), len(STREAM)]:
        ops += parser.feed(STREAM[start:cut])
        start = cut
    assert _normalise(ops) == whole
    assert parser.finish() == []


def test_parse_commands() -> None:
    ops = EscPosParser().feed(
        b"\x1b@\x1ba\x01\x1bE\x01\x1d!\x11" + "回执".encode("gb18030") + b"\n"
        + b"\x1c." + b"\x9c\n" + b"\x1c&" + "𠮷".encode("gb18030") + b"\n"
        + b"\x10\x04\x04" + b"\x1dV\x42\x03" + b"\x1b\x99"
    )  # fmt: skip
    kinds = [(op.kind, op.value) for op in ops]
    assert kinds == [
        ("init", None),
        ("align", "center"),
        ("bold", True),
        ("size", (2, 2, None)),
        ("text", "回执"),
        ("lf", None),
        ("kanji", False),
        ("text", "£"),  # code page 437 outside Chinese mode
        ("lf", None),
        ("kanji", True),
        ("text", "𠮷"),  # GB18030 four-byte sequence
        ("lf", None),
        ("status", 4),
        ("cut", {"partial": True, "feed": 3}),
        ("unknown", b"\x1b\x99"),
    ]


def test_commands_we_do_not_render_keep_the_stream_in_step() -> None:
    ops = EscPosParser().feed(b"\x1bp\x00\x19\xfa" + b"\x1b*\x21\x02\x00" + b"\x0a" * 6 + b"\x1bc5\x00" + b"ok\n")
    assert [op.kind for op in ops] == ["unknown", "unknown", "unknown", "text", "lf"]
    assert ops[-2].value == "ok"


def test_a_receipt_prints_and_renders(vp: VirtualPrinter, tmp_path: Path) -> None:
    state = EscposPrinter(vp.uri).send(layout_receipt(typical_receipt("张𠮷", ADDRESS_400), P58).data)
    assert state.online and state.paper == "ok"
    (job,) = vp.wait_for_jobs(1)
    assert job.printed and job.png is not None and job.png.exists()
    text = job.text
    assert "受理回执" in text and "建水县西庄镇便民服务中心" in text
    assert "材料               份数     状态" in text
    assert "承诺办结时限：20个工作日。请凭本\n回执领取证件。\n" in text
    assert job.qr_codes == ["https://yunban.example/s/5325241032050120261127000123X"]
    assert job.count("cut") == 1 and job.count("unknown") == 0
    assert job.count("raster") == 1  # the name line with 𠮷, drawn as an image
    assert "𠮷" not in text
    img = Image.open(job.png)
    assert img.width == 384 + 32
    # The 400-character address makes the receipt long: ~14 wrapped lines of 30 dots more than a short one.
    assert img.height > 1400
    # Ink on the paper, and none outside the printable area.
    gray = img.convert("L")
    assert gray.crop((16, 16, 400, img.height - 16)).getextrema()[0] == 0


def test_text_mode_and_raster_mode_look_the_same(tmp_path: Path) -> None:
    # Both draw on the same 12×24-dot grid with the same font: the text part of the two images must agree.
    receipt = typical_receipt("李四")
    _, text_img = render_stream(layout_receipt(receipt, P58, "text").data)
    _, raster_img = render_stream(layout_receipt(receipt, P58, "raster").data)
    top = 600  # heading, fields and table, above the QR code (whose quiet zones differ slightly)
    a = text_img.convert("1").crop((0, 0, text_img.width, top))
    b = raster_img.convert("1").crop((0, 0, raster_img.width, top))
    diff = ImageChops.difference(a.convert("L"), b.convert("L"))
    differing = diff.width * diff.height - diff.histogram()[0]
    inked = a.convert("L").histogram()[0]
    assert inked > 5000
    assert differing < inked * 0.01, (differing, inked)
    text_img.save(tmp_path / "text.png")
    raster_img.save(tmp_path / "raster.png")


def test_status_bytes_follow_the_simulated_state() -> None:
    vp = VirtualPrinter()
    assert [vp.status_byte(n) for n in (1, 2, 3, 4)] == [0x12, 0x12, 0x12, 0x12]
    vp.set_paper("near_end")
    assert vp.status_byte(4) == 0x1E and vp.status_byte(1) == 0x12
    vp.set_paper("out")
    assert vp.status_byte(4) == 0x72 and vp.status_byte(2) == 0x32 and vp.status_byte(1) & 0x08
    vp.set_paper("ok")
    vp.set_online(False)
    assert vp.status_byte(1) == 0x1A


def test_preview_of_a_captured_stream() -> None:
    ops, img = render_stream(STREAM, dots=384)
    assert any(op.kind == "qr_print" for op in ops)
    assert img.size[0] == 416 and img.size[1] > 600


def test_understands_python_escpos_own_output() -> None:
    # An independent encoder: what python-escpos writes for text, styles, a native QR code, an image and a cut.
    from escpos.printer import Dummy

    d = Dummy(profile="TM-T20II")
    d.set(align="center", bold=True, double_height=True, double_width=True)
    d.text("Hello\n")
    d.set(align="left", normal_textsize=True, bold=False)
    d.text("中文测试\n")
    d.qr("https://yunban.example/q", native=True, size=5)
    d.image(Image.new("1", (100, 40), 0))
    d.cut()
    ops, img = render_stream(d.output, dots=576)
    kinds = [op.kind for op in ops]
    assert [op.value for op in ops if op.kind == "text"] == ["Hello", "中文测试"]
    assert ("size", (2, 2, False)) in [(op.kind, op.value) for op in ops]
    assert kinds.count("qr_print") == 1 and kinds.count("raster") == 1 and kinds[-1] == "cut"
    assert img.width == 576 + 32
