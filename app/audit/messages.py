"""The audit log's messages (codes `audit.*`): the outcome of verifying the chain, for the CLI and the technician
screen. Chinese source text here, English in `app/i18n/yunban_en.ts`."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

CHAIN_OK = Message(
    "audit.chain_ok",
    QT_TRANSLATE_NOOP("messages", "审计日志完整：{entries} 条，链头 #{seq}（{hash}），已锚定至 #{anchored}"),
)
CHAIN_EMPTY = Message("audit.chain_empty", QT_TRANSLATE_NOOP("messages", "审计日志为空"))
CHAIN_BROKEN = Message("audit.chain_broken", QT_TRANSLATE_NOOP("messages", "审计日志链在第 {seq} 条处断裂：{reason}"))
GAP = Message("audit.gap", QT_TRANSLATE_NOOP("messages", "第 {seq} 条缺失（下一条为第 {next} 条）"))
PREV_MISMATCH = Message(
    "audit.prev_mismatch", QT_TRANSLATE_NOOP("messages", "第 {seq} 条记录的前一哈希与第 {before} 条不符")
)
HASH_MISMATCH = Message("audit.hash_mismatch", QT_TRANSLATE_NOOP("messages", "第 {seq} 条内容与其哈希不符（已被修改）"))
ANCHOR_MISMATCH = Message(
    "audit.anchor_mismatch",
    QT_TRANSLATE_NOOP("messages", "第 {seq} 条与已发送批次 {record} 中的副本不符（已被修改）"),
)
TRUNCATED = Message(
    "audit.truncated",
    QT_TRANSLATE_NOOP("messages", "日志止于第 {tail} 条，但已锚定至第 {anchored} 条（批次 {record}）：末尾被截断"),
)
BATCH_MISSING = Message(
    "audit.batch_missing", QT_TRANSLATE_NOOP("messages", "审计批次 {record} 的记录已不在 records.db 中")
)
BATCH_UNLISTED = Message(
    "audit.batch_unlisted", QT_TRANSLATE_NOOP("messages", "审计批次记录 {record} 不在批次表中（批次表被改动）")
)
NOT_SENT = Message("audit.not_sent", QT_TRANSLATE_NOOP("messages", "审计日志未能放入发件箱（{error}），下次记录时重试"))
TRUNCATED_HEAD = Message(
    "audit.truncated_head",
    QT_TRANSLATE_NOOP("messages", "日志止于第 {tail} 条，但密钥库中记下的链头是第 {head} 条：末尾被删除"),
)
HEAD_MISMATCH = Message(
    "audit.head_mismatch",
    QT_TRANSLATE_NOOP("messages", "第 {seq} 条与密钥库中记下的链头不符（已被修改）"),
)
