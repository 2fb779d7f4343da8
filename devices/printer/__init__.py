"""ESC/POS receipt printers (小票打印机): the receipt model, our Chinese text layer and raster mode over
python-escpos' transports. Open the configured one with `open_printer`, check it with `probe`.
"""

from devices.printer.drivers import PrinterSettings, open_printer, probe

__all__ = ["PrinterSettings", "open_printer", "probe"]
