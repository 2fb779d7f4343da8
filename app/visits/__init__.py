"""The village grid worker's laptop (issue 15): the visit list (走访清单, `service.py`), batch delivery with progress
and the quarantine told in plain words (`delivery.py`), and the laptop screens' port over them (`laptop.py`).
See docs/laptop.md."""
