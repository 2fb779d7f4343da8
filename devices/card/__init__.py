"""Identity-card readers: the `CardReader` interface (`devices.card.base`) and its drivers `ga467` (serial),
`pcsc` (pyscard) and `simulated`, with wire-level emulators in `devices.card.emulators`.

Drivers are imported lazily by `app.devices.registry`, so a missing vendor library (pyscard) only disables its own
driver, with a readable status.
"""
