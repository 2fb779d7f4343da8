"""`yunban demo`: what the demo starts beside the kiosk (embedded platform, virtual printer, keystore and scanner
stand-ins) and its screenshot walks.

Contract: used only by the demo command and tests; a production kiosk never imports it.
"""
