"""ESC/POS receipt printers (小票打印机): our Chinese text layer, python-escpos transports, a raster mode and a
virtual printer that renders what it receives.

Modules: `document` (the receipt model), `profiles` (paper width, Chinese mode, QR support, font charset),
`layout` (receipt → bytes, pure), `raster` (Pillow drawing on the dot grid, `GS v 0`), `transport` (python-escpos),
`driver` (status via DLE EOT, refusing jobs a printer cannot print), `virtual_printer` (the emulator).
"""
