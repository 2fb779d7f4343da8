"""The software update messages (codes `updates.*`): why a USB bundle was refused, why an update was deferred, and
the status lines of `yunban update`. Chinese source text here, English in `app/i18n/yunban_en.ts`.

Contract: raised as `UserError(MESSAGE, **params)` (CLI exit 2; `UpdateDeferred`: exit 3); never personal data.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

NO_BUNDLE = Message(
    "updates.no_bundle",
    QT_TRANSLATE_NOOP("messages", "未找到更新包：请插入含 yunban-update/ 目录的 U 盘，或指定更新包路径"),
)
NOT_A_BUNDLE = Message(
    "updates.not_a_bundle",
    QT_TRANSLATE_NOOP("messages", "{path} 不是更新包（缺少 metadata/timestamp.json）"),
)
NO_TRUST_ROOT = Message(
    "updates.no_trust_root",
    QT_TRANSLATE_NOOP("messages", "没有可信的更新根元数据 {path}：请检查 [update] bundle_root 设置"),
)
UNKNOWN_KEYS = Message(
    "updates.unknown_keys",
    QT_TRANSLATE_NOOP("messages", "更新包的签名不可信（未知或已撤销的密钥）：{detail}"),
)
EXPIRED = Message(
    "updates.expired",
    QT_TRANSLATE_NOOP("messages", "更新包的元数据已过期（{role}），可能是被冻结的旧更新：请向发布方索取新的更新包"),
)
REPLAYED = Message(
    "updates.replayed",
    QT_TRANSLATE_NOOP("messages", "更新包的元数据比本终端已信任的版本旧（回退攻击）：{detail}"),
)
TAMPERED = Message(
    "updates.tampered",
    QT_TRANSLATE_NOOP("messages", "更新包中的文件 {path} 与签名不符（被篡改或不完整）：{detail}"),
)
BAD_METADATA = Message(
    "updates.bad_metadata",
    QT_TRANSLATE_NOOP("messages", "更新包的元数据无效或不完整：{detail}"),
)
NO_PACKAGE = Message("updates.no_package", QT_TRANSLATE_NOOP("messages", "更新包中没有签名的 yunban 软件包（.deb）"))
NOT_OUR_PACKAGE = Message(
    "updates.not_our_package",
    QT_TRANSLATE_NOOP("messages", "更新包中的软件包是 {package}，不是 yunban"),
)
WRONG_ARCH = Message(
    "updates.wrong_arch",
    QT_TRANSLATE_NOOP("messages", "更新包适用于 {arch} 架构，本终端为 {host}：不能安装"),
)
NOT_NEWER = Message(
    "updates.not_newer",
    QT_TRANSLATE_NOOP("messages", "更新包版本 {version} 不高于已安装的 {installed}：不安装旧版本或相同版本"),
)
ALREADY_INSTALLED = Message("updates.already_installed", QT_TRANSLATE_NOOP("messages", "已安装 {version}，无需更新"))
NO_SPACE = Message(
    "updates.no_space",
    QT_TRANSLATE_NOOP("messages", "磁盘空间不足：{path} 需要 {needed} MB，仅剩 {free} MB；未做任何更改"),
)
DISK_FULL = Message(
    "updates.disk_full",
    QT_TRANSLATE_NOOP("messages", "写入 {path} 时磁盘已满；未做任何更改，请清理空间后重试"),
)
BUSY = Message(
    "updates.busy",
    QT_TRANSLATE_NOOP("messages", "已推迟：有群众正在办理申请；请在空闲时再更新（或用 --force）"),
)
NO_PREVIOUS = Message(
    "updates.no_previous",
    QT_TRANSLATE_NOOP(
        "messages",
        "找不到当前版本 {version} 的安装包，无法保留回退副本：请把它放到 /var/cache/apt/archives，"
        "安装 dpkg-repack，或用 --no-rollback 确认不保留回退",
    ),
)
NOTHING_TO_ROLL_BACK = Message(
    "updates.nothing_to_roll_back", QT_TRANSLATE_NOOP("messages", "没有保留的上一版本，无法回退")
)
DPKG_FAILED = Message(
    "updates.dpkg_failed",
    QT_TRANSLATE_NOOP("messages", "安装 {deb} 失败（{detail}）；已恢复到 {kept}"),
)
DPKG_BROKEN = Message(
    "updates.dpkg_broken",
    QT_TRANSLATE_NOOP("messages", "安装失败且无法自动恢复（{detail}）：请运行 /usr/lib/yunban/yunban-update-recover"),
)
JOURNAL_PENDING = Message(
    "updates.journal_pending",
    QT_TRANSLATE_NOOP("messages", "上次更新被中断（{path}）：请先运行 /usr/lib/yunban/yunban-update-recover 完成恢复"),
)
NEEDS_ROOT = Message(
    "updates.needs_root", QT_TRANSLATE_NOOP("messages", "安装软件需要管理员权限：请用 sudo yunban update …")
)
APPLIED = Message("updates.applied", QT_TRANSLATE_NOOP("messages", "已更新到 {version}（上一版本 {previous} 已保留）"))
ROLLED_BACK = Message("updates.rolled_back", QT_TRANSLATE_NOOP("messages", "已回退到 {version}"))
VERIFIED = Message(
    "updates.verified",
    QT_TRANSLATE_NOOP("messages", "更新包验证通过：yunban {version}（{arch}），元数据有效期至 {expires}"),
)
TRUST_UNREADABLE = Message(
    "updates.trust_unreadable",
    QT_TRANSLATE_NOOP(
        "messages", "无法读取本终端的更新信任数据 {path}：请以管理员身份运行一次 sudo yunban update status 修复权限"
    ),
)
FAILED = Message("updates.failed", QT_TRANSLATE_NOOP("messages", "更新失败（{detail}）：详见日志"))
REQUESTED = Message(
    "updates.requested",
    QT_TRANSLATE_NOOP("messages", "已请求安装 yunban {version}：将在空闲时（无人办理时）安装，终端会自动重启"),
)
REQUEST_PENDING = Message(
    "updates.request_pending",
    QT_TRANSLATE_NOOP("messages", "{time} 已请求安装 {version}，等待空闲时安装"),
)
ROLLBACK_HINT = Message(
    "updates.rollback_hint",
    QT_TRANSLATE_NOOP(
        "messages", "回退需要管理员权限：请在终端的命令行运行 sudo yunban update rollback（将回退到 {previous}）"
    ),
)
