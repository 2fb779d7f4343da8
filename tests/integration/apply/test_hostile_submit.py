"""`yunban submit` with hostile input (issue 11, items 11 and 13): a failed or killed submit leaves no draft holding
card data unless `--keep-draft` asks; files named by `--attach`/`--data`/`--card-json` must be regular files of a
bounded size, material pages real JPEG/PNG/TIFF/PDF documents; deep or huge JSON is refused before parsing."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from app.apply.files import MAX_JSON_DEPTH, document_type, json_depth_exceeds, load_json, read_regular_file
from app.cli import main
from app.context import AppContext
from app.errors import UserError
from tests.integration.apply.conftest import ID_CARD_ITEM, dump, id_card_answers, jpeg_page

ID = "53252419880315002X"
CARD = {"card_type": "resident_id", "name": "李明华", "gender": "女", "birth_date": "1988-03-15",
        "address": "云南省建水县西庄镇团山村12号", "id_number": ID, "valid_to": "2038-04-01"}  # fmt: skip
REPO = Path(__file__).resolve().parents[3]


def _argv(home: Path, tmp_path: Path, *extra: str, data: dict[str, Any] | None = None) -> list[str]:
    scan = tmp_path / "scan.jpg"
    if not scan.exists():
        scan.write_bytes(jpeg_page())
    answers = id_card_answers() if data is None else data
    return ["submit", "--consent", "--home", str(home), "--item", ID_CARD_ITEM,
            "--data", str(dump(tmp_path / "d.json", answers)),
            "--card-json", str(dump(tmp_path / "card.json", CARD)), "--json", *extra]  # fmt: skip


def _state(home: Path) -> tuple[int, int]:
    """(draft rows of any kind, records) in the terminal's records.db."""
    ctx = AppContext(home)
    try:
        return len(ctx.apply.kept_drafts._d.tables.list_drafts()), ctx.records_db.record_count()
    finally:
        ctx.close()


def _error(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert {"error", "code"} <= set(out)  # a form refusal adds `problems` (issue 17): keys are added, never renamed
    assert set(out) - {"error", "code"} <= {"problems"}
    return out


# --------------------------------------------------------------------------------------------------------------------
# 11. A failed submit leaves nothing behind


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("unknown_field", "apply.no_such_field"),
        ("unknown_slot", "apply.no_such_material"),
        ("bad_attachment", "apply.not_a_document"),
        ("directory_attachment", "apply.not_regular_file"),
        ("missing_material", "apply.materials_missing"),
        ("form_error", "apply.form_has_errors"),
        ("bad_defer", "apply.no_such_material"),
    ],
)
def test_a_failed_submit_leaves_no_draft(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, code: str
) -> None:
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(jpeg_page())
    elf = tmp_path / "page.jpg"
    elf.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(4000))
    good = ["--attach", f"id_card={scan}", "--attach", f"material.hukou={scan}"]
    extra = {
        "unknown_field": good,
        "unknown_slot": ["--attach", f"id_card={scan}", "--attach", f"no_such_slot={scan}"],
        "bad_attachment": ["--attach", f"id_card={scan}", "--attach", f"material.hukou={elf}"],
        "directory_attachment": ["--attach", f"id_card={scan}", "--attach", f"material.hukou={tmp_path}"],
        "missing_material": ["--attach", f"id_card={scan}"],
        "form_error": good,
        "bad_defer": [*good, "--defer", "no_such_slot"],
    }[case]
    data = {**id_card_answers(), "not_a_field": "x"} if case == "unknown_field" else None
    if case == "form_error":
        data = {**id_card_answers(), "phone": "12"}
    assert main(_argv(home, tmp_path, *extra, data=data)) == 2
    assert _error(capsys)["code"] == code
    assert _state(home) == (0, 0)


def test_keep_draft_keeps_a_counter_draft_of_a_failed_submit(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(jpeg_page())
    argv = _argv(home, tmp_path, "--attach", f"id_card={scan}", "--keep-draft")  # hukou missing
    assert main(argv) == 2 and _error(capsys)["code"] == "apply.materials_missing"
    ctx = AppContext(home)
    try:
        (info,) = ctx.apply.kept_drafts.drafts()
        assert info.channel == "counter" and ctx.records_db.record_count() == 0
    finally:
        ctx.close()
    # The same submit completed without --keep-draft finalises; nothing else is left.
    assert main([*argv[:-1], "--attach", f"material.hukou={scan}"]) == 0
    capsys.readouterr()
    assert _state(home) == (1, 1)  # the earlier kept draft stays until the operator removes it


KILL_AT = textwrap.dedent(
    """
    import os, signal, sys
    from app.apply.service import ApplyService
    from app.cli import main
    point = sys.argv[1]
    original = getattr(ApplyService, point)
    def killed(self, *args, **kwargs):
        if point != "finalise":
            original(self, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    setattr(ApplyService, point, killed)
    sys.exit(main(sys.argv[2:]))
    """
)


@pytest.mark.parametrize("point", ["apply_card", "save_page", "add_page", "finalise"])
def test_a_submit_killed_mid_way_leaves_no_draft(home: Path, tmp_path: Path, point: str) -> None:
    """SIGKILL after each step that used to autosave: no draft row (so nothing to keep 90 days); the pages already
    stored are unreferenced blobs the orphan collection removes."""
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(jpeg_page())
    argv = _argv(home, tmp_path, "--attach", f"id_card={scan}", "--attach", f"material.hukou={scan}")
    proc = subprocess.run([sys.executable, "-c", KILL_AT, point, *argv], capture_output=True, text=True,
                          timeout=120, cwd=REPO, env=os.environ.copy())  # fmt: skip
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert _state(home) == (0, 0)
    ctx = AppContext(home)
    try:
        ctx.apply.kept_drafts.collect_orphans(now=ctx.apply.kept_drafts._d.clock() + 2 * 3600)
        assert not any(p.is_file() and not p.name.startswith(".") for p in ctx.apply.store.root.rglob("*"))
    finally:
        ctx.close()


# --------------------------------------------------------------------------------------------------------------------
# 13. Files: regular only, capped while streaming, real documents


def test_devices_fifos_directories_are_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path, kind in [("/dev/zero", "character device"), ("/dev/urandom", "character device"),
                       (str(fifo), "FIFO"), (str(tmp_path), "directory")]:  # fmt: skip
        with pytest.raises(UserError) as refused:
            read_regular_file(Path(path), cap=1024)
        assert refused.value.code == "apply.not_regular_file" and kind in refused.value.message("en")
    with pytest.raises(UserError) as missing:
        read_regular_file(tmp_path / "absent", cap=1024)
    assert missing.value.code == "apply.cannot_read_file"


def test_a_file_growing_past_the_cap_is_refused_while_streaming(tmp_path: Path) -> None:
    """/proc files stat as 0 bytes: the cap holds on what is read, not on what stat says."""
    environ = read_regular_file(Path("/proc/self/environ"), cap=1024 * 1024)
    assert environ  # read, though it stats as 0 bytes
    with pytest.raises(UserError) as big:
        read_regular_file(Path("/proc/self/environ"), cap=max(1, len(environ) // 2))
    assert big.value.code == "apply.file_too_large"
    exact = tmp_path / "exact"
    exact.write_bytes(b"x" * 4096)
    assert read_regular_file(exact, cap=4096) == b"x" * 4096
    with pytest.raises(UserError):
        read_regular_file(exact, cap=4095)


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 30)).save(out, format=fmt)
    return out.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_only_real_documents_are_material_pages() -> None:
    assert document_type(_image("JPEG"), "a.jpg") == "image/jpeg"
    assert document_type(_image("PNG"), "a.png") == "image/png"
    assert document_type(_image("TIFF"), "a.tif") == "image/tiff"
    assert document_type(PDF, "a.pdf") == "application/pdf"
    environ = Path("/proc/self/environ").read_bytes()
    refused = {
        b"": "apply.empty_page",
        Path(sys.executable).resolve().read_bytes()[:65536]: "apply.not_a_document",  # an ELF binary
        environ or b"PATH=/usr/bin": "apply.not_a_document",
        b"hello, this is text": "apply.not_a_document",
        b"GIF89a" + bytes(100): "apply.not_a_document",
        b"\xff\xd8\xff" + bytes(5000): "apply.document_damaged",  # a JPEG prefix on nothing
        b"\x89PNG\r\n\x1a\n" + bytes(64): "apply.document_damaged",
        _image("PNG")[:-20]: "apply.document_damaged",  # truncated
        b"II*\x00" + bytes(64): "apply.document_damaged",
        b"%PDF-1.4\n" + bytes(100): "apply.document_damaged",  # no page, no trailer
        b"%PDF-" + b"A" * 300: "apply.document_damaged",
        b"%PDF-1.4\n/Page\n%%EOF\n": "apply.document_damaged",  # the words of a PDF, not one
        PDF[: len(PDF) // 2]: "apply.document_damaged",  # cut in half
    }
    for data, code in refused.items():
        with pytest.raises(UserError) as bad:
            document_type(data, "page.jpg")
        assert bad.value.code == code, data[:16]


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(out, format="PNG")  # tiny file, 900 megapixels
    with pytest.raises(UserError) as bomb:
        document_type(out.getvalue(), "bomb.png")
    assert bomb.value.code == "apply.document_damaged"


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "fifo", "dir", "empty", "elf", "environ", "text"])
def test_cli_attach_refuses_what_is_not_a_document(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "note.pdf"
    text.write_text("not a pdf", encoding="utf-8")
    path = {"fifo": str(fifo), "dir": str(tmp_path), "empty": str(empty), "elf": sys.executable,
            "environ": "/proc/self/environ", "text": str(text)}.get(target, target)  # fmt: skip
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(jpeg_page())
    done = threading.Event()
    result: list[int] = []

    def run() -> None:
        result.append(main(_argv(home, tmp_path, "--attach", f"id_card={scan}", "--attach", f"material.hukou={path}")))
        done.set()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    finished = done.wait(60)
    if not finished:  # a FIFO that blocked: unblock it so the thread ends, then fail
        with open(fifo, "wb"):
            pass
    assert finished, f"submit hung on {target}"
    assert result == [2]
    out = _error(capsys)
    assert out["code"] in {"apply.not_regular_file", "apply.empty_page", "apply.not_a_document"}
    assert _state(home) == (0, 0)


@pytest.mark.parametrize("option", ["--data", "--card-json"])
@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "fifo", "dir"])
def test_cli_data_refuses_special_files(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, target: str
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    path = {"fifo": str(fifo), "dir": str(tmp_path)}.get(target, target)
    argv = _argv(home, tmp_path)
    argv[argv.index(option) + 1] = path
    assert main(argv) == 2
    assert _error(capsys)["code"] == "apply.not_regular_file"


def test_json_size_and_depth_are_checked_before_parsing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(UserError) as too_deep:
        load_json(deep, option="--data")
    assert too_deep.value.code == "apply.json_too_deep" and str(MAX_JSON_DEPTH) in too_deep.value.message("en")
    assert not json_depth_exceeds('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\""}', 3)
    assert json_depth_exceeds('{"a": [[[1]]]}', 3) and not json_depth_exceeds('{"a": [[1]]}', 3)
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps({"a": [[[{"b": 1}]]]}), encoding="utf-8")
    assert load_json(ok, option="--data") == {"a": [[[{"b": 1}]]]}
    huge = tmp_path / "huge.json"
    huge.write_text('{"a": "' + "x" * (5 * 1024 * 1024) + '"}', encoding="utf-8")
    with pytest.raises(UserError) as too_big:
        load_json(huge, option="--data")
    assert too_big.value.code == "apply.file_too_large"
    for bad in ["{", "\xff", '{"a": 1' + "0" * 5000 + "}", "NaN-ish", ""]:
        path = tmp_path / "bad.json"
        path.write_bytes(bad.encode("latin-1") if bad == "\xff" else bad.encode())
        with pytest.raises(UserError) as refused:
            load_json(path, option="--data")
        assert refused.value.code == "apply.not_json", bad[:10]


def test_cli_deep_data_exits_2_with_a_reason(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = _argv(home, tmp_path)
    deep = tmp_path / "deep.json"
    deep.write_text('{"phone": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    argv[argv.index("--data") + 1] = str(deep)
    assert main(argv) == 2
    out = _error(capsys)
    assert out["code"] == "apply.json_too_deep" and "32" in out["error"]
    assert _state(home) == (0, 0)


# --------------------------------------------------------------------------------------------------------------------
# 10. Values stored as typed, through the service (kiosk, counter, drafts) and the CLI


def test_the_service_stores_normalised_answers_in_the_session_the_draft_and_the_record(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM, channel="counter")
    wide = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    svc.apply_card(session, {**CARD, "id_number": wide, "name": "李\u202e明华\x00"})
    errors = svc.save_page(session, {**id_card_answers(), "phone": "＋８６ １３８-００１３-８０００"})
    assert errors == {}
    id_fields = [f.id for f in session.form.fields if f.type == "id_number"]
    assert id_fields and all(session.answers[f] == ID for f in id_fields)
    assert session.answers["phone"] == "13800138000"
    assert "\u202e" not in json.dumps(session.answers) and "\\u0000" not in json.dumps(session.answers)
    resumed = svc.kept_drafts._open(svc.kept_drafts._d.tables.get_draft(session.session_id))  # type: ignore[arg-type]
    assert resumed["answers"]["phone"] == "13800138000"
    scan = jpeg_page()
    svc.add_page(session, "id_card", scan)
    svc.add_page(session, "material.hukou", scan)
    result = svc.finalise(session, consent=True)
    rec = ctx.records_db.get_record(result.record_id)
    assert rec is not None
    payload = json.loads(rec.payload)
    wide_at = [rec.payload[max(0, i - 80) : i + 20] for i, c in enumerate(rec.payload) if c in "０ｘ"]
    assert payload["applicant"]["id_number"] == ID and wide_at == []


def test_cli_submit_stores_normalised_values(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(jpeg_page())
    data = {**id_card_answers(), "phone": "１３８ ００１３ ８０００"}
    argv = _argv(home, tmp_path, "--attach", f"id_card={scan}", "--attach", f"material.hukou={scan}", data=data)
    assert main(argv) == 0
    record_id = json.loads(capsys.readouterr().out)["record_id"]
    ctx = AppContext(home)
    try:
        rec = ctx.records_db.get_record(record_id)
        assert rec is not None and "13800138000" in rec.payload and "１" not in rec.payload
    finally:
        ctx.close()


def test_the_demo_household_size_takes_whole_numbers_only(ctx: AppContext) -> None:
    """`household_size: 2.5` (the issue's case) is refused with a reason; 3 and "３" are stored as 3."""
    svc = ctx.apply
    session = svc.start("530000-MZ-0001", channel="counter")
    errors = svc.save_page(session, {"household_size": 2.5})
    assert errors["household_size"].code == "not_integer" and errors["household_size"].message == "请填写整数"
    assert svc.save_page(session, {"household_size": "２．５"})["household_size"].code == "not_integer"
    assert "household_size" not in svc.save_page(session, {"household_size": "３"})
    assert session.answers["household_size"] == 3
    svc.discard(session, drop_draft=True)


def test_a_draft_saved_before_normalising_resumes_normalised(ctx: AppContext) -> None:
    svc = ctx.apply
    session = svc.start(ID_CARD_ITEM, channel="counter")
    wide = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    session.answers.update({"phone": "＋86 138-0013-8000"})  # as an older version stored it, typed
    session.card = {**CARD, "id_number": wide, "name": "李\u202e明华"}
    svc.kept_drafts.autosave(session)
    draft_id = session.session_id
    svc.discard(session, drop_draft=False)
    back = svc.resume_draft(draft_id)
    assert back.answers["phone"] == "13800138000"
    assert back.card is not None and back.card["id_number"] == ID and back.card["name"] == "李明华"
    svc.discard(back, drop_draft=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2048) | st.text(max_size=512).map(str.encode))
def test_any_bytes_as_data_give_json_or_a_user_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.json"
    path.write_bytes(data)
    try:
        load_json(path, option="--data", max_depth=8)
    except UserError as exc:
        assert exc.code in {"apply.not_json", "apply.json_too_deep"}


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=30))  # fmt: skip
def test_the_depth_scan_agrees_with_the_structure(value: Any) -> None:
    def depth(v: Any) -> int:
        if isinstance(v, list):
            return 1 + max((depth(x) for x in v), default=0)
        if isinstance(v, dict):
            return 1 + max((depth(x) for x in v.values()), default=0)
        return 0

    text = json.dumps(value)
    for limit in range(0, 6):
        assert json_depth_exceeds(text, limit) == (depth(value) > limit)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_as_a_page_give_a_type_or_a_user_error(data: bytes) -> None:
    for prefix in (b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"%PDF-1.4\n"):
        try:
            kind = document_type(prefix + data, "page")
        except UserError as exc:
            assert exc.code in {"apply.empty_page", "apply.not_a_document", "apply.document_damaged"}
        else:
            assert kind in {"image/jpeg", "image/png", "image/tiff", "application/pdf"}
