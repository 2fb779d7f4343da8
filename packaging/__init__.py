"""Packaging: PyInstaller bundle, .deb with a kiosk session, detached signatures and verification (later issue)."""
