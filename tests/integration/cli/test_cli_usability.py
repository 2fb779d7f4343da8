"""Issue 17: the CLI tells people what is wrong, where, and what to do. Each test runs `yunban` on a real scratch
terminal (file keystore, demo catalog; the loopback reference platform where enrollment is needed), in this process
(`tests.support.cli.InProcessCli`) or as a child process where a terminal, colour or the environment matters."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.identity.checksums import iso7064_mod11_2
from tests.support.cli import KEYRING_PASSPHRASE, InProcessCli, make_home
from tests.support.platform import REPO, YUNBAN, InProcessPlatform, platform  # noqa: F401 (fixture)

ITEM = "530000-GA-0001"  # 居民身份证换领 in the demo catalog: 9 answers, two required materials
ANSWERS = {
    "applicant_name": "李明华",
    "id_number": "53252419880315002X",
    "gender": "女",
    "birth_date": "1988-03-15",
    "address": "云南省红河州元阳县南沙镇",
    "phone": "13800138000",
    "reason": "expired",
    "delivery": "window",
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return make_home(tmp_path / "home")


@pytest.fixture
def cli(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> InProcessCli:
    return InProcessCli(capsys, monkeypatch, home)


def _jpeg(path: Path) -> Path:
    Image.new("RGB", (320, 240), (200, 180, 160)).save(path, "JPEG")
    return path


def _data(tmp_path: Path, answers: dict[str, Any]) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _run(env: dict[str, str], *argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*YUNBAN, *argv], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "NO_COLOR", "FORCE_COLOR")}
    env.update(YUNBAN_HOME=str(home), YUNBAN_KEYRING_PASSPHRASE=KEYRING_PASSPHRASE, YUNBAN_LANG="zh_CN", **extra)
    return env


# -- submit names each field and slot ----------------------------------------------------------------------------


def test_submit_refusal_lists_every_field_and_slot_and_the_attach_that_satisfies_it(
    cli: InProcessCli, tmp_path: Path
) -> None:
    form = cli.json("catalog", "show", ITEM)
    required = {f["id"] for f in form["form"]["fields"] if f["required"] and f["type"] != "material"}
    slots = {s["id"] for s in form["material_slots"] if s["required"]}
    assert slots == {"material.id_card", "material.hukou"}

    code, out, _ = cli("submit", "--consent", "--item", ITEM, "--data", _data(tmp_path, {}), "--json")
    assert code == 2
    refusal = json.loads(out)
    assert refusal["code"] == "apply.form_has_errors"
    problems = refusal["problems"]
    assert {p["field"] for p in problems} == required | slots
    assert all({"field", "label", "reason"} <= set(p) and p["label"] and p["reason"] for p in problems)
    by_field = {p["field"]: p for p in problems}
    assert by_field["applicant_name"]["label"] == "申请人姓名"
    assert by_field["material.hukou"]["attach"] == "--attach material.hukou=FILE"

    # The answers right, one material given: only the other slot is named, with the --attach that satisfies it.
    scan = str(_jpeg(tmp_path / "id.jpg"))
    argv = [
        "submit",
        "--consent",
        "--item",
        ITEM,
        "--data",
        _data(tmp_path, ANSWERS),
        "--attach",
        f"material.id_card={scan}",
    ]
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert "居民户口簿" in err and "--attach material.hukou=FILE" in err and "material.id_card" not in err
    code, out, _ = cli(*argv, "--json")
    assert [p["field"] for p in json.loads(out)["problems"]] == ["material.hukou"]
    assert json.loads(out)["code"] == "apply.materials_missing"

    done = cli.json(*argv, "--attach", f"material.hukou={scan}")
    assert len(done["receipt_no"]) == 25


def test_submit_refusal_in_english_names_fields_by_their_english_label(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = InProcessCli(capsys, monkeypatch, home, lang="en")
    code, _, err = cli("submit", "--consent", "--item", ITEM, "--data", _data(tmp_path, {"phone": "12"}))
    assert code == 2
    phone = next(line for line in err.splitlines() if line.strip().startswith("phone"))
    assert re.match(r"\s+phone \([A-Za-z ]+\): \S", phone), phone


# -- catalog show: the form in text ------------------------------------------------------------------------------


def test_catalog_show_text_lists_the_form_fields_and_material_slots(cli: InProcessCli) -> None:
    guide = cli.json("catalog", "show", ITEM)
    code, out, _ = cli("catalog", "show", ITEM)
    assert code == 0
    form = out.split("申请表（yunban submit --data", 1)[1].split("办理流程", 1)[0]
    rows = {line.split()[0]: line.split() for line in form.splitlines() if line and line[0].isascii()}
    for field in guide["form"]["fields"]:
        if field["type"] == "material":
            continue
        assert field["id"] in rows, field["id"]
        assert rows[field["id"]][1] == field["type"]
        assert ("是" in rows[field["id"]]) == field["required"], field["id"]
    for slot in guide["material_slots"]:
        assert slot["id"] in rows and slot["name"] in rows[slot["id"]], slot


# -- keyring errors ----------------------------------------------------------------------------------------------


def test_keyring_error_is_short_bilingual_and_says_the_one_thing_to_do(tmp_path: Path) -> None:
    home = tmp_path / "fresh"  # a fresh home: keyring.backend auto, no D-Bus, no passphrase
    env = _env(home)
    del env["YUNBAN_KEYRING_PASSPHRASE"]
    done = _run(env, "records", "make-test", "--count", "1")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert 2 <= len(lines) <= 5, done.stderr
    assert "密钥库不可用" in lines[0] and "keyring unavailable" in done.stderr
    assert "export YUNBAN_KEYRING_PASSPHRASE=" in done.stderr
    assert all(len(line) < 160 for line in lines), done.stderr
    reply = json.loads(_run(env, "records", "make-test", "--count", "1", "--json").stdout)
    assert reply["code"] == "records.keystore_none"  # the keystore's code is kept
    assert reply["fix"].startswith("export YUNBAN_KEYRING_PASSPHRASE=") and "D-Bus" in reply["detail"]

    # After the demo: its own passphrase file is what to export, and exporting it works.
    (home / "demo-keyring-passphrase").write_text("demo-passphrase-1234\n", encoding="utf-8")
    done = _run(env, "records", "make-test", "--count", "1")
    assert f'export YUNBAN_KEYRING_PASSPHRASE="$(cat {home}/demo-keyring-passphrase)"' in done.stderr
    env["YUNBAN_KEYRING_PASSPHRASE"] = "demo-passphrase-1234"
    assert _run(env, "records", "make-test", "--count", "1").returncode == 0

    # A wrong passphrase for an existing keystore file names that, not a missing keyring.
    env["YUNBAN_KEYRING_PASSPHRASE"] = "not-the-passphrase"
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")
    reply = json.loads(_run(env, "records", "make-test", "--count", "1", "--json").stdout)
    assert reply["code"] == "records.keystore_wrong_passphrase"
    assert "demo-keyring-passphrase" in reply["fix"]
    (home / "demo-keyring-passphrase").unlink()  # not a demo home: the passphrase the keystore was made with
    reply = json.loads(_run(env, "records", "make-test", "--count", "1", "--json").stdout)
    assert "YUNBAN_KEYRING_PASSPHRASE" in reply["fix"] and str(home / "keystore.enc") in reply["fix"]


# -- not enrolled --------------------------------------------------------------------------------------------------


def test_sync_status_and_enroll_show_say_not_enrolled_in_both_languages(
    cli: InProcessCli,
    platform: InProcessPlatform,  # noqa: F811
) -> None:
    code, out, _ = cli("sync", "status")
    assert code == 0 and out.startswith("未注册 / not enrolled")
    assert "yunban provision" in out and "待发" not in out  # no table of zeros
    code, out, _ = cli("enroll", "--show")
    assert code == 0 and out.startswith("未注册 / not enrolled")

    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    code, out, _ = cli("enroll", "--show")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert "已在" in lines[0] and "enrolled" in lines[1].lower() and platform.url in lines[1]
    code, out, _ = cli("sync", "status")
    assert "未注册" not in out and "pending" in out


# -- records show --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York"])
def test_records_show_is_a_table_with_local_times(cli: InProcessCli, home: Path, zone: str) -> None:
    (home / "config.toml").write_text(
        f'[keyring]\nbackend = "file"\n\n[terminal]\ntime_zone = "{zone}"\n', encoding="utf-8"
    )
    receipt = cli.json("records", "make-test", "--count", "1", "--attachment-kb", "2")["receipts"][0]
    data = cli.json("records", "show", receipt)
    assert data["created_at"].endswith(("Z", "+00:00"))  # --json keeps the stored UTC value
    code, out, _ = cli("records", "show", receipt)
    assert code == 0
    assert "{" not in out and "'" not in out  # no Python dicts
    from zoneinfo import ZoneInfo

    local = dt.datetime.fromisoformat(data["created_at"].replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
    row = next(line for line in out.splitlines() if line.startswith("生成时间"))
    assert zone in row and local.strftime("%Y-%m-%d %H:%M:%S") in row
    assert "test-scan-1.bin" in out and "2048" in out


# -- check receipt ---------------------------------------------------------------------------------------------------


def _receipt(body: str) -> str:
    return body + iso7064_mod11_2(body)


@pytest.mark.parametrize(
    ("value", "part", "says"),
    [
        ("53252410320501261207000", "length", "23"),
        ("53252410320501261207000A0", "character", "第 24 位"),
        (_receipt("532524103205002612070001"), "terminal", "终端号"),
        (_receipt("532524103205012613320001"), "date", "261332"),
        (_receipt("532524103205012612070000"), "sequence", "序号"),
        (_receipt("532524103205012612070001")[:-2] + "2" + _receipt("532524103205012612070001")[-1], "check", "校验位"),
    ],
)
def test_check_receipt_names_the_wrong_part(cli: InProcessCli, value: str, part: str, says: str) -> None:
    code, out, _ = cli("check", "receipt", value, "--json")
    data = json.loads(out)
    assert (code, data["valid"], data["part"]) == (1, False, part)
    assert says in data["reason"]
    code, out, _ = cli("check", "receipt", value)
    assert code == 1 and says in out


def test_check_receipt_check_character_says_what_it_should_be(cli: InProcessCli) -> None:
    good = _receipt("532524103205012612070001")
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    data = json.loads(cli("check", "receipt", wrong, "--json")[1])
    assert f"应为 {good[-1]}" in data["reason"] and data["part"] == "check"
    assert json.loads(cli("check", "receipt", good, "--json")[1])["part"] is None


# -- limits and empty queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["身份证", "--limit", "0"], ["身份证", "--limit", "-1"], ["   "], [""]])
def test_search_refuses_a_bad_limit_or_an_empty_query(cli: InProcessCli, argv: list[str]) -> None:
    code, out, err = cli("catalog", "search", *argv)
    assert code == 2 and out == "" and err.startswith("yunban: ")
    assert ("--limit" in err) if "--limit" in argv else ("检索词为空" in err)
    code, out, _ = cli("catalog", "search", *argv, "--json")
    assert json.loads(out)["code"] == ("cli.limit_range" if "--limit" in argv else "cli.empty_query")


# -- colour ---------------------------------------------------------------------------------------------------------


def test_errors_are_red_only_where_colour_is_wanted(home: Path) -> None:
    argv = ("catalog", "search", "身份证", "--limit", "0")
    forced = _run(_env(home, FORCE_COLOR="1"), *argv)
    assert forced.returncode == 2 and forced.stderr.startswith("\x1b[31myunban: ")
    assert not ANSI.search(_run(_env(home, FORCE_COLOR="1", NO_COLOR="1"), *argv).stderr)  # NO_COLOR wins
    assert not ANSI.search(_run(_env(home), *argv).stderr)  # not a terminal
    as_json = _run(_env(home, FORCE_COLOR="1"), *argv, "--json")
    assert not ANSI.search(as_json.stdout + as_json.stderr) and json.loads(as_json.stdout)["code"]


def test_warnings_are_yellow_and_doctor_marks_are_coloured_on_request(home: Path) -> None:
    done = _run(_env(home, FORCE_COLOR="1"), "doctor", "--offline")
    assert "\x1b[33mWARN" in done.stdout  # the demo catalog is a warning
    assert "\x1b[32mOK" in done.stdout
    plain = _run(_env(home), "doctor", "--offline")
    assert not ANSI.search(plain.stdout) and "WARN" in plain.stdout


@pytest.mark.parametrize("argv", [["--chunk-kb", "0"], ["--chunk-kb", "-1"], ["--timeout", "0"], ["--timeout", "nan"]])
def test_sync_run_refuses_a_size_or_time_that_is_not_positive(cli: InProcessCli, argv: list[str]) -> None:
    code, out, _ = cli("sync", "run", "--until-idle", *argv, "--json")
    assert code == 2 and json.loads(out) == {"error": f"{argv[0]} 应为正数", "code": "cli.not_positive"}


def test_records_show_prints_the_platforms_status_history_in_local_time(
    cli: InProcessCli,
    platform: InProcessPlatform,  # noqa: F811
) -> None:
    from sync import protocol
    from sync.platform import admin

    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    receipt = cli.json("records", "make-test", "--count", "1")["receipts"][0]
    cli.json("sync", "run", "--until-idle")
    admin.set_status(platform.store, receipt, protocol.STATUS_ACCEPTED, "")
    admin.set_status(platform.store, receipt, protocol.STATUS_REVIEWING, "材料齐全，审查中")
    cli.json("sync", "run", "--until-idle")
    data = cli.json("records", "show", receipt)
    history = data["status"]["history"]
    assert [h["status"] for h in history][-1] == protocol.STATUS_REVIEWING
    code, out, _ = cli("records", "show", receipt)
    from app.model.clock import format_local

    assert code == 0 and "材料齐全，审查中" in out
    row = next(line for line in out.splitlines() if "材料齐全" in line and not line.startswith("状态说明"))
    assert row.startswith(format_local(history[-1]["at"], "%Y-%m-%d %H:%M:%S"))  # the history table, local time


# -- submit: data files of the wrong shape ---------------------------------------------------------------------------


def test_submit_names_every_unknown_field_and_slot_with_the_ids_the_item_has(cli: InProcessCli, tmp_path: Path) -> None:
    answers = {**ANSWERS, "nosuch": "1", "applicant": "李明华"}
    scan = str(_jpeg(tmp_path / "id.jpg"))
    argv = ["submit", "--consent", "--item", ITEM, "--data", _data(tmp_path, answers)]
    argv += ["--attach", f"material.id_card={scan}", "--attach", f"id_card_copy={scan}", "--defer", "nothing"]
    code, out, _ = cli(*argv, "--json")
    refusal = json.loads(out)
    assert code == 2 and refusal["code"] == "apply.no_such_field"
    problems = {p["field"]: p for p in refusal["problems"]}
    assert problems["nosuch"]["code"] == problems["applicant"]["code"] == "unknown_field"
    assert problems["id_card_copy"]["code"] == problems["nothing"]["code"] == "unknown_slot"
    assert problems["material.hukou"]["attach"] == "--attach material.hukou=FILE"  # the form's problems too
    assert set(refusal) == {"error", "code", "problems"}  # the ids it has are in the text (and `catalog show --json`)
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert err.startswith("yunban: 表单没有这个字段：nosuch, applicant")
    assert "  id_card_copy: 这个事项没有这个材料" in err and "applicant_name, id_number" in err
    assert f"yunban catalog show {ITEM}" in err

    only_slot = ["submit", "--consent", "--item", ITEM, "--data", _data(tmp_path, ANSWERS), "--attach", f"x={scan}"]
    code, out, err = cli(*only_slot)
    assert code == 2 and err.startswith("yunban: 没有这个材料：x") and "material.id_card, material.hukou" in err
    assert "--attach SLOT=FILE" in err


def test_submit_says_what_a_value_of_the_wrong_kind_should_be(cli: InProcessCli, tmp_path: Path) -> None:
    answers = {**ANSWERS, "applicant_name": 5, "gender": "x", "birth_date": 19880315}
    code, out, _ = cli("submit", "--consent", "--item", ITEM, "--data", _data(tmp_path, answers), "--json")
    problems = {p["field"]: p for p in json.loads(out)["problems"]}
    assert code == 2
    assert problems["gender"]["options"] == ["男", "女"] and "男、女" in problems["gender"]["expected"]
    assert (problems["birth_date"]["type"], problems["applicant_name"]["type"]) == ("date", "text")
    assert "YYYY-MM-DD" in problems["birth_date"]["expected"]
    code, _, err = cli("submit", "--consent", "--item", ITEM, "--data", _data(tmp_path, answers))
    assert "birth_date（出生日期）：答案的格式不对，请重新填写（应为日期字符串 YYYY-MM-DD）" in err


@pytest.mark.parametrize(
    ("content", "code", "says"),
    [
        ("not json", "apply.not_json", "不是有效的 JSON"),
        ("[1, 2]", "cli.data_not_object", "JSON 对象"),
        ('"text"', "cli.data_not_object", "JSON 对象"),
    ],
)
def test_submit_refuses_a_data_file_that_is_not_a_json_object(
    cli: InProcessCli, tmp_path: Path, content: str, code: str, says: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    argv = ("submit", "--consent", "--item", ITEM, "--data", str(path))
    rc, out, _ = cli(*argv, "--json")
    assert rc == 2 and json.loads(out)["code"] == code and says in json.loads(out)["error"]
    rc, out, err = cli(*argv)
    assert rc == 2 and out == "" and err.startswith("yunban: --data") and says in err


# -- keyring errors for submit and records show on a fresh home -------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_submit_and_records_show_on_a_fresh_home_say_what_to_export(tmp_path: Path, lang: str) -> None:
    home = tmp_path / "fresh"
    env = {**_env(home), "YUNBAN_LANG": lang}
    del env["YUNBAN_KEYRING_PASSPHRASE"]
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    done = _run(env, "submit", "--consent", "--item", ITEM, "--data", str(tmp_path / "a.json"))
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) <= 5, done.stderr
    assert "密钥库不可用" in done.stderr and "keyring unavailable" in done.stderr  # both languages, the CLI's first
    first = "keyring unavailable" if lang == "en" else "密钥库不可用"
    assert lines[0].startswith(f"yunban: {first}") and lines[-1].strip().startswith("export YUNBAN_KEYRING")
    # records show needs the keystore only for a record that exists: make one, then look at it without the passphrase
    with_key = {**_env(home), "YUNBAN_LANG": lang}
    receipt = json.loads(_run(with_key, "records", "make-test", "--count", "1", "--json").stdout)["receipts"][0]
    (home / "config.toml").write_text("", encoding="utf-8")  # back to the fresh home's keyring.backend auto
    done = _run(env, "records", "show", receipt)
    assert done.returncode == 2 and "keyring unavailable" in done.stderr and "export YUNBAN_KEYRING" in done.stderr
    reply = json.loads(_run(env, "records", "show", receipt, "--json").stdout)
    assert reply["code"].startswith("records.keystore_") and reply["fix"].startswith("export YUNBAN_KEYRING_PASSPHRASE")


# -- every --limit and filter -------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["0", "-1", "10001"])
def test_audit_show_refuses_a_limit_out_of_range(cli: InProcessCli, limit: str) -> None:
    code, out, _ = cli("audit", "show", "--limit", limit, "--json")
    assert code == 2 and json.loads(out) == {"error": "--limit 应在 1 到 10000 之间", "code": "cli.limit_range"}
    assert cli("audit", "show", "--limit", "1", "--json")[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["ratings", "--receipt"],
        ["decisions", "--receipt"],
        ["staff", "list", "--division"],
        ["rating-overdue", "--today"],
    ],
)
def test_platform_filters_refuse_an_empty_value(cli: InProcessCli, tmp_path: Path, argv: list[str]) -> None:
    data = str(tmp_path / "platform")
    code, out, _ = cli("platform", *argv, " ", "--data", data, "--json")
    assert code == 2 and f"{argv[-1]} is empty: give " in json.loads(out)["error"]
    code, out, _ = cli("platform", *argv[:-1], "--data", data)
    assert code == 0 and out.startswith("no ")  # none yet: said, not an empty screen


@pytest.mark.parametrize(
    ("argv", "name"),
    [(["records", "show"], "ID|RECEIPT"), (["sync", "requeue"], "RECORD_ID"), (["catalog", "show"], "CODE")],
)
def test_an_empty_argument_is_refused_naming_what_it_takes(cli: InProcessCli, argv: list[str], name: str) -> None:
    code, out, _ = cli(*argv, "", "--json")
    refusal = json.loads(out)
    assert code == 2 and refusal["code"] == "cli.empty_argument" and refusal["error"].startswith(f"{name} 为空：请给出")


@pytest.mark.parametrize(
    "argv",
    [
        ["devices", "printer-preview", "in.bin", "out.png", "--dots", "-1"],
        ["devices", "scan-test", "--resolution", "0"],
        ["devices", "scan-test", "--max-kb", "0"],
    ],
)
def test_device_numbers_out_of_range_are_usage_errors_not_tracebacks(cli: InProcessCli, argv: list[str]) -> None:
    code, _, err = cli(*argv)
    assert code == 2 and "Traceback" not in err and "a whole number from" in err


def test_a_reader_that_goes_away_ends_the_command_quietly(home: Path) -> None:
    proc = subprocess.Popen([*YUNBAN, "completion", "bash"], cwd=REPO, env=_env(home), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `yunban completion bash | head -0`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141 and "Traceback" not in err and "BrokenPipe" not in err


def test_catalog_show_form_in_english_uses_the_english_labels(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = InProcessCli(capsys, monkeypatch, home, lang="en")
    guide = cli.json("catalog", "show", ITEM)
    code, out, _ = cli("catalog", "show", ITEM)
    form = out.split("Form (yunban submit --data FILE.json: field id → value)", 1)[1].split("Materials (", 1)[0]
    for field in guide["form"]["fields"]:
        if field["type"] != "material":
            row = next(line for line in form.splitlines() if line.startswith(field["id"] + " "))
            assert field["label_en"] in row and (" yes " in row + " ") == field["required"], row
    assert code == 0 and "material.hukou" in out.split("Materials (yunban submit --attach SLOT=FILE)", 1)[1]


def test_sync_status_shows_the_last_success_in_local_time(
    cli: InProcessCli,
    platform: InProcessPlatform,  # noqa: F811
) -> None:
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    cli.json("records", "make-test", "--count", "1")
    cli.json("sync", "run", "--until-idle")
    status = cli.json("sync", "status")
    assert status["last_success"].endswith(("Z", "+00:00"))  # --json: the stored UTC value
    code, out, _ = cli("sync", "status")
    from app.model.clock import format_local

    assert code == 0 and "last success (Asia/Shanghai)" in out
    assert format_local(status["last_success"], "%Y-%m-%d %H:%M:%S") in out.splitlines()[-1]

    platform.stop()  # the last error is stored as "<UTC time> <message>": shown with the time in the zone
    cli.json("records", "make-test", "--count", "1")
    cli("sync", "run", "--json")
    stamp, message = cli.json("sync", "status")["last_error"].split(" ", 1)
    assert stamp.endswith(("Z", "+00:00"))
    row = cli("sync", "status")[1].splitlines()[-1]
    assert row.endswith(f"{format_local(stamp, '%Y-%m-%d %H:%M:%S')} {message}") and stamp not in row


def test_not_enrolled_in_english_says_english_first(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = InProcessCli(capsys, monkeypatch, home, lang="en")
    for argv in (("sync", "status"), ("enroll", "--show")):
        code, out, _ = cli(*argv)
        lines = out.splitlines()
        assert code == 0 and lines[0] == "not enrolled / 未注册", out
        assert lines[1].startswith("to enroll: yunban provision --platform URL --code CODE"), out
    assert cli.json("enroll", "--show") == {"enrolled": False}


def test_update_status_text_is_readable_with_a_pending_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main
    from app.updates.journal import write_journal
    from tests.integration.updates.helpers import make_terminal

    terminal = make_terminal(tmp_path / "t")
    (terminal.home / "updates").mkdir(parents=True, exist_ok=True)
    write_journal(terminal.home / "updates" / "journal", action="install", target="/tmp/yunban_0.2.0_amd64.deb",
                  target_version="0.2.0")  # fmt: skip
    assert main(["--home", str(terminal.home), "update", "status"]) == 0
    out = capsys.readouterr().out
    journal = next(line for line in out.splitlines() if line.startswith("journal: "))
    assert "action=install" in journal and "target_version=0.2.0" in journal
    assert "{" not in out and "'" not in out and "busy: no" in out  # no Python dicts or booleans


def test_ctrl_c_ends_a_long_command_with_one_line_and_exit_130(
    home: Path,
    platform: InProcessPlatform,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import signal
    import time

    cli = InProcessCli(capsys, monkeypatch, home)
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    cli.json("records", "make-test", "--count", "1")
    platform.stop()  # nothing answers: sync run --until-idle backs off and waits
    proc = subprocess.Popen([*YUNBAN, "sync", "run", "--until-idle", "--progress", "plain"], cwd=REPO, env=_env(home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stderr is not None
    line = proc.stderr.readline()  # the retry note: it is working and waiting
    assert "最近错误" in line, line
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "yunban: 已中断 / interrupted"
    assert "Traceback" not in err


def test_check_text_has_no_python_values(cli: InProcessCli) -> None:
    code, out, _ = cli("check", "division", "")
    assert code == 1 and out.startswith("'': 无效\n") and "None" not in out and "False" not in out
    code, out, _ = cli("check", "division", "532524103205")
    assert code == 0 and "  known: yes" in out and "  historical: no" in out
