"""`records.db`: records, attachments, outbox and sync state (`store`), and the apply flow's tables
(`apply_tables`: drafts, receipts, after-service links).
"""
