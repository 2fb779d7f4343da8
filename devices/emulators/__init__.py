"""Every stand-in device in one folder, for tests, benchmarks and the demo: cards (`demo_cards`, `simulated_reader`,
`ga467_pty`, `vpcd_card`, `pcscd_sandbox`), the printer (`virtual_printer`, `escpos_parser`, `escpos_render`) and
the document camera (`document_camera`). Contract: production configurations use none but the `simulated` drivers.
"""
