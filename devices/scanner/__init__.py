"""Document scanners (扫描仪), the document camera (高拍仪) and file import, each returning pages as Pillow images;
`pipeline` makes them upload-ready. Open the configured one with `open_scanner`, check it with `probe`.
"""

from devices.scanner.drivers import DRIVERS, Scanner, ScannerSettings, open_scanner, probe

__all__ = ["DRIVERS", "Scanner", "ScannerSettings", "open_scanner", "probe"]
