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

# 帮办代办: the villager's consent and the worker as the agent (app/visits/consent.py).
NO_SIGNATURE = Message(
    "visits.no_signature", QT_TRANSLATE_NOOP("messages", "还没有签名：请村民在框内签上自己的名字（或按手印）")
)
MANDATE_REQUIRED = Message(
    "visits.mandate_required",
    QT_TRANSLATE_NOOP("messages", "本事项要求提交“{material}”原件：屏幕签名不能代替，请扫描村民签字的委托书"),
)
NO_MANDATE_MATERIAL = Message(
    "visits.no_mandate_material",
    QT_TRANSLATE_NOOP("messages", "本事项的材料清单里没有委托书：请村民在屏幕上签名表示同意"),
)
MANDATE_NOT_SCANNED = Message(
    "visits.mandate_not_scanned", QT_TRANSLATE_NOOP("messages", "“{material}”还没有扫描：请先扫描村民签字的委托书")
)
# The worker's role and the offline limit on the laptop (app/visits/laptop.py).
ROLE_REFUSED = Message(
    "visits.role_refused",
    QT_TRANSLATE_NOOP("messages", "账号角色“{role}”不能使用网格员工作台：请用网格员或值班长账号登录"),
)
OFFLINE_WARN = Message(
    "visits.offline_warn",
    QT_TRANSLATE_NOOP("messages", "本机已 {days} 天未联网同步；满 {limit} 天后将暂停代办新申请，请尽快联网"),
)
OFFLINE_RESTRICTED = Message(
    "visits.offline_restricted",
    QT_TRANSLATE_NOOP(
        "messages",
        "本机已 {days} 天未联网同步（上限 {limit} 天）：暂停代办新申请，走访清单和草稿仍可查看；"
        "请联网同步或请值班长授权",
    ),
)
OFFLINE_OVERRIDE = Message(
    "visits.offline_override",
    QT_TRANSLATE_NOOP("messages", "本机已 {days} 天未同步；值班长已授权继续办理至 {until}"),
)
# The plain-words slip of what happens next (app/visits/slip.py): short sentences for elderly villagers.
SLIP_TITLE = Message("visits.slip_title", QT_TRANSLATE_NOOP("messages", "办事指引（请收好）"))
SLIP_HEADING = Message("visits.slip_heading", QT_TRANSLATE_NOOP("messages", "办事指引"))
SLIP_KEEP = Message("visits.slip_keep", QT_TRANSLATE_NOOP("messages", "请收好这张单子"))
SLIP_SENT = Message("visits.slip_sent", QT_TRANSLATE_NOOP("messages", "您的申请已经替您交上去了。"))
SLIP_NUMBER = Message("visits.slip_number", QT_TRANSLATE_NOOP("messages", "受理编号：{number}"))
SLIP_CHECK = Message("visits.slip_check", QT_TRANSLATE_NOOP("messages", "校验码：{code}"))
SLIP_WHAT = Message("visits.slip_what", QT_TRANSLATE_NOOP("messages", "办的事：{title}"))
SLIP_DUE = Message("visits.slip_due", QT_TRANSLATE_NOOP("messages", "最晚 {date} 办好。"))
SLIP_NO_DUE = Message("visits.slip_no_due", QT_TRANSLATE_NOOP("messages", "办好后会通知您。"))
SLIP_WHO = Message("visits.slip_who", QT_TRANSLATE_NOOP("messages", "由 {department} 办理。"))
SLIP_WHERE = Message("visits.slip_where", QT_TRANSLATE_NOOP("messages", "要去的地方：{place}。"))
SLIP_WHEN = Message("visits.slip_when", QT_TRANSLATE_NOOP("messages", "开门时间：{hours}。"))
SLIP_NO_TRIP = Message("visits.slip_no_trip", QT_TRANSLATE_NOOP("messages", "现在不用跑腿，在家等消息就行。"))
SLIP_PICKUP = Message("visits.slip_pickup", QT_TRANSLATE_NOOP("messages", "办好后去 {place} 领取，带上身份证和本单。"))
SLIP_BRING = Message("visits.slip_bring", QT_TRANSLATE_NOOP("messages", "还要补交这些材料："))
SLIP_FEE = Message("visits.slip_fee", QT_TRANSLATE_NOOP("messages", "费用：{fee}。"))
SLIP_FREE = Message("visits.slip_free", QT_TRANSLATE_NOOP("messages", "不收钱。"))
SLIP_PHONE = Message("visits.slip_phone", QT_TRANSLATE_NOOP("messages", "有问题打电话：{phone}。"))
SLIP_AGENT = Message("visits.slip_agent", QT_TRANSLATE_NOOP("messages", "代办人：{agent}"))
SLIP_LOOKUP = Message(
    "visits.slip_lookup",
    QT_TRANSLATE_NOOP("messages", "查进度：用手机扫二维码，或在便民服务中心的自助机上输入受理编号。"),
)
