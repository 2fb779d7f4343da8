"""Finalised records on the terminal: the records service and receipt numbers (`service`), encryption at rest
(`crypto`), the keystore (`keystore`), encrypted export bundles (`export`).

Contract: may import identity and model; storage goes through `local_db.records`.
"""
