"""The catalog bundle importer (docs/catalog-format.md): reading a bundle folder (`load`), checking it (`validate`),
expanding it into the mirror's rows for the terminal's scope and writing them (`expand`).

Contract: all or nothing; nothing is written unless the whole bundle is valid.
"""
