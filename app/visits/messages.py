"""The visit list's and batch delivery's messages (codes `visits.*`). Chinese source text here, English in
`app/i18n/yunban_en.ts`.

Contract: raised as `UserError(MESSAGE, **params)` or rendered for a screen; never carries a villager's data.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

NO_HEAD = Message("visits.no_head", QT_TRANSLATE_NOOP("messages", "请填写户主姓名（或户的称呼）"))
NO_NAME = Message("visits.no_name", QT_TRANSLATE_NOOP("messages", "请填写姓名"))
TOO_LONG = Message("visits.too_long", QT_TRANSLATE_NOOP("messages", "“{field}”太长（最多 {limit} 个字）"))
BAD_ID = Message("visits.bad_id", QT_TRANSLATE_NOOP("messages", "身份证号码有误：{reason}"))
BAD_PHONE = Message("visits.bad_phone", QT_TRANSLATE_NOOP("messages", "电话号码有误：只能有数字和连字符，7 到 20 位"))
NO_SUCH_HOUSEHOLD = Message("visits.no_such_household", QT_TRANSLATE_NOOP("messages", "走访清单中没有这一户"))
NO_SUCH_PERSON = Message("visits.no_such_person", QT_TRANSLATE_NOOP("messages", "走访清单中没有这个人"))
HAS_OPEN = Message(
    "visits.has_open",
    QT_TRANSLATE_NOOP("messages", "还有 {count} 件未办结的申请或草稿，不能从走访清单中删除"),
)
NOT_ENROLLED = Message(
    "visits.not_enrolled",
    QT_TRANSLATE_NOOP("messages", "本机还未注册到平台，不能报送：请到乡镇便民服务中心请技术人员注册"),
)
PURGED = Message(
    "visits.purged",
    QT_TRANSLATE_NOOP("messages", "走访清单：已清除过期的 {households} 户、{people} 人，{links} 条失效关联"),
)
UNREADABLE = Message("visits.unreadable", QT_TRANSLATE_NOOP("messages", "（无法解密）"))

# What the worker must do with a quarantined record (隔离), by its quarantine kind.
ADVICE_CONFLICT = Message(
    "visits.advice_conflict",
    QT_TRANSLATE_NOOP(
        "messages",
        "平台已有同一编号但内容不同的记录。不要重新录入；请把回执号报给乡镇技术人员核对，核对前保留本机记录。",
    ),
)
ADVICE_REJECTED = Message(
    "visits.advice_rejected",
    QT_TRANSLATE_NOOP(
        "messages",
        "平台拒收了这条记录（{reason}）。请按原因为群众重新办理一次，并告知群众原回执作废；原记录保留备查。",
    ),
)
ADVICE_DAMAGED = Message(
    "visits.advice_damaged",
    QT_TRANSLATE_NOOP(
        "messages",
        "本机上的这条记录或其材料已损坏，无法读取。请尽快带笔记本到乡镇便民服务中心交技术人员处理；"
        "如材料无法恢复，需要再次上门为群众采集。",
    ),
)
REASON_DAMAGED = Message("visits.reason_damaged", QT_TRANSLATE_NOOP("messages", "本机记录或扫描材料丢失、损坏"))
KIND_SUBMISSION = Message("visits.kind_submission", QT_TRANSLATE_NOOP("messages", "申请"))
KIND_EVALUATION = Message("visits.kind_evaluation", QT_TRANSLATE_NOOP("messages", "好差评"))
KIND_COMPLAINT = Message("visits.kind_complaint", QT_TRANSLATE_NOOP("messages", "咨询投诉"))
KIND_OTHER = Message("visits.kind_other", QT_TRANSLATE_NOOP("messages", "其他记录"))
