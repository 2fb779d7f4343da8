"""Plain dataclasses shared by services, the UI and the CLI.

Each module here imports nothing of ours (only the standard library), so every layer may use it.
One module per domain: `catalog`, `identity`, `records`, `devices`, `sync`.
"""
