"""The command line's own messages (codes `cli.*`): refused options and status lines. Chinese source text here,
English in `app/i18n/yunban_en.ts`.

Contract: commands raise `UserError(MESSAGE, **params)` and print `say(MESSAGE, **params)`, both in the CLI's
language (`$YUNBAN_LANG`, else `$LC_ALL` / `$LC_MESSAGES` / `$LANG`, else Chinese); `--json` keys never change.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message, cli_language


def say(message: Message, /, **params: object) -> str:
    """`message` rendered in the CLI's language."""
    return message.render(cli_language(), **params)


# yunban catalog
NO_MATCHES = Message("cli.no_matches", QT_TRANSLATE_NOOP("messages", "没有找到相关事项"))
IMPORTED = Message(
    "cli.imported", QT_TRANSLATE_NOOP("messages", "已导入 {source}：{items} 个事项，{implementations} 条实施清单")
)
FEED_APPLIED = Message(
    "cli.feed_applied",
    QT_TRANSLATE_NOOP("messages", "{pages} 页，{changes} 项变更；目录版本 {version}，游标 {cursor}"),
)
FEED_SNAPSHOT_APPLIED = Message(
    "cli.feed_snapshot_applied",
    QT_TRANSLATE_NOOP("messages", "已应用快照，{pages} 页，{changes} 项变更；目录版本 {version}，游标 {cursor}"),
)

EMPTY_ARGUMENT = Message("cli.empty_argument", QT_TRANSLATE_NOOP("messages", "{name} 为空：请给出{what}"))
WHAT_ITEM_CODE = Message("cli.what_item_code", QT_TRANSLATE_NOOP("messages", "事项编码（yunban catalog search 可查）"))
WHAT_RECORD = Message("cli.what_record", QT_TRANSLATE_NOOP("messages", "记录 id 或 25 位受理编号"))
WHAT_QUARANTINED = Message(
    "cli.what_quarantined", QT_TRANSLATE_NOOP("messages", "被隔离记录的 id（yunban sync quarantine 可查）")
)
LIMIT_RANGE = Message("cli.limit_range", QT_TRANSLATE_NOOP("messages", "{option} 应在 1 到 {high} 之间"))
EMPTY_QUERY = Message(
    "cli.empty_query", QT_TRANSLATE_NOOP("messages", "检索词为空：请给出事项名称、拼音（shenfenzheng）或首字母（sfz）")
)

# yunban check
VALID = Message("cli.valid", QT_TRANSLATE_NOOP("messages", "有效"))
INVALID = Message("cli.invalid", QT_TRANSLATE_NOOP("messages", "无效"))
VERDICT_BECAUSE = Message("cli.verdict_because", QT_TRANSLATE_NOOP("messages", "{value}: {verdict}（{reason}）"))
RECEIPT_FORMAT = Message(
    "cli.receipt_format",
    QT_TRANSLATE_NOOP("messages", "受理编号应为 25 位：12 位区划 + 2 位终端 + 6 位日期 + 4 位序号 + 校验位"),
)
RECEIPT_CHECK = Message("cli.receipt_check", QT_TRANSLATE_NOOP("messages", "日期、序号或校验位不对，请核对受理编号"))
RECEIPT_LENGTH = Message(
    "cli.receipt_length",
    QT_TRANSLATE_NOOP(
        "messages", "受理编号应为 25 位，现为 {n} 位（12 位区划 + 2 位终端 + 6 位日期 + 4 位序号 + 校验位）"
    ),
)
RECEIPT_CHARACTER = Message(
    "cli.receipt_character",
    QT_TRANSLATE_NOOP("messages", "第 {position} 位“{char}”不是数字（只有第 25 位校验位可以是 X）"),
)
RECEIPT_TERMINAL = Message(
    "cli.receipt_terminal", QT_TRANSLATE_NOOP("messages", "第 13–14 位终端号 00 无效（终端号从 01 起）")
)
RECEIPT_DATE = Message(
    "cli.receipt_date", QT_TRANSLATE_NOOP("messages", "第 15–20 位日期 {date} 不是真实的日期（年月日 YYMMDD）")
)
RECEIPT_SEQUENCE = Message(
    "cli.receipt_sequence", QT_TRANSLATE_NOOP("messages", "第 21–24 位序号 0000 无效（序号从 0001 起）")
)
RECEIPT_CHECK_CHARACTER = Message(
    "cli.receipt_check_character",
    QT_TRANSLATE_NOOP("messages", "第 25 位校验位是 {found}，按前 24 位应为 {expected}：某一位抄错了，请逐位核对"),
)

# yunban enroll
CODE_REQUIRED = Message(
    "cli.code_required",
    QT_TRANSLATE_NOOP("messages", "需要 --code（在平台上用 `yunban platform enroll-code` 获取）"),
)
NOT_ENROLLED = Message("cli.not_enrolled", QT_TRANSLATE_NOOP("messages", "本终端尚未注册"))
ENROLLED_AS = Message(
    "cli.enrolled_as", QT_TRANSLATE_NOOP("messages", "终端 {terminal}（{division}）已在 {platform} 注册")
)
ENROLLED = Message("cli.enrolled", QT_TRANSLATE_NOOP("messages", "已注册：终端 {terminal}，行政区划 {division}"))
ENROLLED_PLATFORM = Message(
    "cli.enrolled_platform", QT_TRANSLATE_NOOP("messages", "平台 {platform}，已固定平台公钥 {key}")
)
ENROLLED_KEYSTORE = Message("cli.enrolled_keystore", QT_TRANSLATE_NOOP("messages", "凭据保存在 {backend} 密钥库中"))
NOTE_DIVISION = Message(
    "cli.note_division",
    QT_TRANSLATE_NOOP(
        "messages",
        "注意：注册码是为行政区划 {issued} 签发的，但 terminal.division_code 是 {configured}，请检查 config.toml",
    ),
)
NOTE_PLATFORM_URL = Message(
    "cli.note_platform_url",
    QT_TRANSLATE_NOOP(
        "messages",
        "注意：同步和目录更新使用 platform.url = {configured}；如果本终端应与 {platform} 通信，"
        "请在 config.toml 或 $YUNBAN_PLATFORM_URL 中改为该地址",
    ),
)

# yunban records
COUNT_RANGE = Message("cli.count_range", QT_TRANSLATE_NOOP("messages", "--count 应在 1 到 100000 之间"))
ATTACHMENT_KB_RANGE = Message(
    "cli.attachment_kb_range", QT_TRANSLATE_NOOP("messages", "--attachment-kb 应在 0 到 102400 之间")
)
TEST_RECORDS_WRITTEN = Message(
    "cli.test_records_written", QT_TRANSLATE_NOOP("messages", "已生成 {count} 条测试记录（seq {first}–{last}）")
)
NO_RECORD = Message("cli.no_record", QT_TRANSLATE_NOOP("messages", "没有这条记录：{key}"))
DRAFTS_PURGED = Message(
    "cli.drafts_purged",
    QT_TRANSLATE_NOOP("messages", "已删除过期草稿 {drafts} 份、无引用附件 {blobs} 个，余草稿 {left} 份"),
)

# yunban submit
FILE_TOO_LARGE = Message("cli.file_too_large", QT_TRANSLATE_NOOP("messages", "{option} 文件过大：{path}"))
FILE_UNREADABLE = Message(
    "cli.file_unreadable", QT_TRANSLATE_NOOP("messages", "无法读取 {option} 文件 {path}：{error}")
)
FILE_NOT_JSON = Message(
    "cli.file_not_json", QT_TRANSLATE_NOOP("messages", "{option} 文件 {path} 不是有效的 JSON：{error}")
)
DATA_NOT_OBJECT = Message("cli.data_not_object", QT_TRANSLATE_NOOP("messages", "--data 应为 JSON 对象（字段 id → 值）"))
CARD_NOT_OBJECT = Message("cli.card_not_object", QT_TRANSLATE_NOOP("messages", "--card-json 应为 JSON 对象"))
BAD_ATTACH = Message("cli.bad_attach", QT_TRANSLATE_NOOP("messages", "--attach 应为 SLOT=FILE，现为 {spec}"))
NOTE = Message("cli.note", QT_TRANSLATE_NOOP("messages", "注意：{warning}"))
MATERIAL_OWED = Message("cli.material_owed", QT_TRANSLATE_NOOP("messages", "缺少这份必需的材料"))
UNKNOWN_FIELD = Message("cli.unknown_field", QT_TRANSLATE_NOOP("messages", "表单没有这个字段"))
UNKNOWN_SLOT = Message("cli.unknown_slot", QT_TRANSLATE_NOOP("messages", "这个事项没有这个材料"))
FORM_FIELDS = Message("cli.form_fields", QT_TRANSLATE_NOOP("messages", "表单的字段：{fields}"))
FORM_SLOTS = Message("cli.form_slots", QT_TRANSLATE_NOOP("messages", "材料（--attach SLOT=FILE）：{slots}"))
SEE_FORM = Message("cli.see_form", QT_TRANSLATE_NOOP("messages", "各字段的类型和选项：yunban catalog show {item}"))
EXPECTED = Message("cli.expected", QT_TRANSLATE_NOOP("messages", "应为{what}"))
EXPECT_TEXT = Message("cli.expect_text", QT_TRANSLATE_NOOP("messages", "文本（JSON 字符串）"))
EXPECT_DATE = Message("cli.expect_date", QT_TRANSLATE_NOOP("messages", "日期字符串 YYYY-MM-DD"))
EXPECT_CHOICE = Message("cli.expect_choice", QT_TRANSLATE_NOOP("messages", "其中一个：{options}"))
EXPECT_MULTI = Message("cli.expect_multi", QT_TRANSLATE_NOOP("messages", "列表，取自：{options}"))
EXPECT_YESNO = Message("cli.expect_yesno", QT_TRANSLATE_NOOP("messages", "true 或 false"))
EXPECT_NUMBER = Message("cli.expect_number", QT_TRANSLATE_NOOP("messages", "数字"))
EXPECT_PAGES = Message("cli.expect_pages", QT_TRANSLATE_NOOP("messages", "材料页面，用 --attach SLOT=FILE 给出"))
SUBMITTED_RECEIPT = Message("cli.submitted_receipt", QT_TRANSLATE_NOOP("messages", "受理编号：{receipt}"))
SUBMITTED_DUE = Message("cli.submitted_due", QT_TRANSLATE_NOOP("messages", "承诺办结日期：{due}"))
SUBMITTED_RECORD = Message(
    "cli.submitted_record", QT_TRANSLATE_NOOP("messages", "记录 id：{record}  外发队列：{outbox}")
)

# yunban sync
NOT_POSITIVE = Message("cli.not_positive", QT_TRANSLATE_NOOP("messages", "{option} 应为正数"))
SYNC_NOT_ENROLLED = Message(
    "cli.sync_not_enrolled", QT_TRANSLATE_NOOP("messages", "本终端尚未注册，请先运行 `yunban enroll`")
)
SYNC_REPORT = Message(
    "cli.sync_report",
    QT_TRANSLATE_NOOP(
        "messages",
        "已送达 {delivered}（重复吸收 {duplicates}），隔离 {quarantined}，失败重试 {failures}，"
        "待发 {pending}，状态更新 {status_changes}",
    ),
)
LAST_ERROR = Message("cli.last_error", QT_TRANSLATE_NOOP("messages", "最近错误：{error}"))
LAST_ERROR_RECOVERED = Message(
    "cli.last_error_recovered", QT_TRANSLATE_NOOP("messages", "重试后已全部送达；其间的错误：{error}")
)
NOTHING_QUARANTINED = Message("cli.nothing_quarantined", QT_TRANSLATE_NOOP("messages", "没有隔离的记录"))
NOT_QUARANTINED = Message("cli.not_quarantined", QT_TRANSLATE_NOOP("messages", "{record} 不是被隔离的记录"))
REQUEUED = Message("cli.requeued", QT_TRANSLATE_NOOP("messages", "已重新排队：{record}"))
REACHABLE = Message("cli.reachable", QT_TRANSLATE_NOOP("messages", "{url}：可达，时钟偏差 {offset} 秒"))
UNREACHABLE = Message("cli.unreachable", QT_TRANSLATE_NOOP("messages", "{url}：不可达"))
NO_EXPORT_PASSPHRASE = Message(
    "cli.no_export_passphrase",
    QT_TRANSLATE_NOOP("messages", "密钥库中没有导出口令：yunban sync export-passphrase --from-file FILE"),
)
CANNOT_READ = Message("cli.cannot_read", QT_TRANSLATE_NOOP("messages", "无法读取 {path}：{error}"))
PASSPHRASE_PROMPT = Message("cli.passphrase_prompt", QT_TRANSLATE_NOOP("messages", "导出口令："))
PASSPHRASE_AGAIN = Message("cli.passphrase_again", QT_TRANSLATE_NOOP("messages", "再输一次："))
PASSPHRASES_DIFFER = Message("cli.passphrases_differ", QT_TRANSLATE_NOOP("messages", "两次输入的口令不一致"))
PASSPHRASE_NEEDED = Message(
    "cli.passphrase_needed", QT_TRANSLATE_NOOP("messages", "需要导出口令：--passphrase-file FILE 或 ${env}")
)
EXPORTED = Message(
    "cli.exported", QT_TRANSLATE_NOOP("messages", "已导出 {records} 条记录、{attachments} 个附件 → {path}")
)
PASSPHRASE_STORED = Message("cli.passphrase_stored", QT_TRANSLATE_NOOP("messages", "导出口令已存入 {backend} 密钥库"))


# yunban demo / yunban kiosk
DEMO_HOME_ENROLLED = Message(
    "cli.demo_home_enrolled",
    QT_TRANSLATE_NOOP(
        "messages",
        "{home} 已注册到平台 {platform}（终端 {terminal}），演示不会改动它：请用 yunban kiosk 启动，或换一个 --home",
    ),
)

# yunban provision
PROVISION_STEP_OK = Message("cli.provision_ok", QT_TRANSLATE_NOOP("messages", "OK    {step}：{detail}"))
PROVISION_STEP_FAIL = Message("cli.provision_fail", QT_TRANSLATE_NOOP("messages", "FAIL  {step}：{detail}"))
PROVISION_NOTHING = Message(
    "cli.provision_nothing",
    QT_TRANSLATE_NOOP("messages", "没有要做的事：请给出 --division、--platform/--code 或 --technician-pin"),
)
# cli.unknown_division, cli.platform_needs_code, cli.config_edit_failed: in app/provisioning/messages.py (codes kept).

# keyring errors, made short: what is wrong and the one thing to do (app/cli/keyring_help.py)
KEYRING_UNAVAILABLE = Message("cli.keyring_unavailable", QT_TRANSLATE_NOOP("messages", "密钥库不可用（{cause}）"))
KEYRING_CAUSE_NO_DBUS = Message("cli.keyring_cause_no_dbus", QT_TRANSLATE_NOOP("messages", "没有 D-Bus 会话"))
KEYRING_CAUSE_NO_SERVICE = Message(
    "cli.keyring_cause_no_service", QT_TRANSLATE_NOOP("messages", "会话中没有 Secret Service")
)
KEYRING_CAUSE_NO_PASSPHRASE = Message(
    "cli.keyring_cause_no_passphrase", QT_TRANSLATE_NOOP("messages", "没有 D-Bus 会话，也没有预置口令")
)
KEYRING_CAUSE_LOCKED = Message("cli.keyring_cause_locked", QT_TRANSLATE_NOOP("messages", "密钥环已锁定或没有应答"))
KEYRING_CAUSE_WRONG = Message("cli.keyring_cause_wrong", QT_TRANSLATE_NOOP("messages", "口令与密钥库文件不符"))
KEYRING_FIX_RUN = Message("cli.keyring_fix_run", QT_TRANSLATE_NOOP("messages", "请运行"))
KEYRING_FIX_SESSION = Message(
    "cli.keyring_fix_session",
    QT_TRANSLATE_NOOP(
        "messages",
        '请在自助终端的桌面会话中运行（Secret Service 在那里），或在 config.toml 中设 keyring.backend = "file"',
    ),
)
KEYRING_FIX_UNLOCK = Message(
    "cli.keyring_fix_unlock",
    QT_TRANSLATE_NOOP("messages", "请在会话启动时解锁默认密钥环（gnome-keyring-daemon --unlock）"),
)
KEYRING_FIX_SAME = Message(
    "cli.keyring_fix_same",
    QT_TRANSLATE_NOOP("messages", "请把 YUNBAN_KEYRING_PASSPHRASE 设为创建 {path} 时所用的口令"),
)


def bilingual(message: Message, /, **params: object) -> str:
    """`message` in Chinese and English, the CLI's language first: `未注册 / not enrolled`."""
    first = cli_language()
    other = "en" if first == "zh_CN" else "zh_CN"
    return f"{message.render(first, **params)} / {message.render(other, **params)}"


# yunban sync status / enroll --show on a terminal that is not enrolled
NOT_ENROLLED_SHORT = Message("cli.not_enrolled_short", QT_TRANSLATE_NOOP("messages", "未注册"))
ENROLL_HINT = Message(
    "cli.enroll_hint",
    QT_TRANSLATE_NOOP("messages", "注册：yunban provision --platform URL --code CODE（或 yunban enroll）"),
)

# yunban doctor
DOCTOR_MINUTES = Message("cli.doctor_minutes", QT_TRANSLATE_NOOP("messages", "{n} 分钟"))
DOCTOR_HOURS = Message("cli.doctor_hours", QT_TRANSLATE_NOOP("messages", "{n} 小时"))
DOCTOR_DAYS = Message("cli.doctor_days", QT_TRANSLATE_NOOP("messages", "{n} 天"))
DOCTOR_FIX_CONFIG = Message(
    "cli.doctor_fix_config", QT_TRANSLATE_NOOP("messages", "改正 config.toml 中指出的那一项（docs/cli.md）")
)
DOCTOR_FIX_LOGS = Message("cli.doctor_fix_logs", QT_TRANSLATE_NOOP("messages", "查看 <home>/logs/ 中的日志"))
DOCTOR_FIX_ENROLL = Message(
    "cli.doctor_fix_enroll", QT_TRANSLATE_NOOP("messages", "yunban provision --platform URL --code CODE")
)
DOCTOR_ZONE = Message("cli.doctor_zone", QT_TRANSLATE_NOOP("messages", "时区 {zone}，本机时间 {now}"))
DOCTOR_CLOCK = Message(
    "cli.doctor_clock", QT_TRANSLATE_NOOP("messages", "时区 {zone}，本机时间 {now}，与平台时钟相差 {offset} 秒")
)
DOCTOR_CLOCK_UNKNOWN = Message(
    "cli.doctor_clock_unknown",
    QT_TRANSLATE_NOOP("messages", "时区 {zone}，本机时间 {now}，与平台时钟的偏差未知（平台不可达）"),
)
DOCTOR_FIX_PLATFORM = Message(
    "cli.doctor_fix_platform",
    QT_TRANSLATE_NOOP("messages", "检查网线和 config.toml 中的 platform.url，然后 yunban sync probe"),
)
DOCTOR_FIX_CLOCK = Message(
    "cli.doctor_fix_clock", QT_TRANSLATE_NOOP("messages", "校准本机时钟：timedatectl set-ntp true")
)
DOCTOR_FIX_DEVICE = Message(
    "cli.doctor_fix_device",
    QT_TRANSLATE_NOOP("messages", "检查连线和 config.toml 的 [{kind}] 一节，然后 yunban devices list"),
)
DOCTOR_DISK = Message("cli.doctor_disk", QT_TRANSLATE_NOOP("messages", "{path}：可用 {free}，共 {total}"))
DOCTOR_FIX_DISK = Message(
    "cli.doctor_fix_disk",
    QT_TRANSLATE_NOOP("messages", "腾出磁盘空间（yunban records purge-drafts；清理 /var/log）"),
)
DOCTOR_CATALOG = Message(
    "cli.doctor_catalog", QT_TRANSLATE_NOOP("messages", "目录 {bundle} 版本 {version}，{age}前导入")
)
DOCTOR_DEMO = Message("cli.doctor_demo", QT_TRANSLATE_NOOP("messages", "（演示数据）"))
DOCTOR_FIX_CATALOG = Message("cli.doctor_fix_catalog", QT_TRANSLATE_NOOP("messages", "yunban catalog update"))
DOCTOR_OUTBOX_EMPTY = Message("cli.doctor_outbox_empty", QT_TRANSLATE_NOOP("messages", "外发队列为空"))
DOCTOR_OUTBOX = Message(
    "cli.doctor_outbox",
    QT_TRANSLATE_NOOP("messages", "待发 {records} 条（附件 {size}）；最早一条 {oldest}，{at} 生成，已等待 {age}"),
)
DOCTOR_FIX_OUTBOX = Message(
    "cli.doctor_fix_outbox", QT_TRANSLATE_NOOP("messages", "yunban sync run --until-idle（或 yunban sync export DIR）")
)
DOCTOR_QUARANTINED = Message("cli.doctor_quarantined", QT_TRANSLATE_NOOP("messages", "{n} 条记录被隔离"))
DOCTOR_FIX_QUARANTINE = Message(
    "cli.doctor_fix_quarantine", QT_TRANSLATE_NOOP("messages", "yunban sync quarantine，改正后 yunban sync requeue ID")
)
