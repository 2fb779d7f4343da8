"""The audit log (审计日志): an append-only, hash-chained record of security-relevant events (log-ins and failures,
unlocks, overrides, decisions, reprints, exports, configuration and key changes, updates), with ids and receipt
numbers only, sent to the platform in batches through the outbox and proved by `yunban audit verify`
(`service.AuditLog`, `chain` for hashing and verifying, `events` for the event names; docs/audit.md)."""
