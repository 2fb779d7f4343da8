"""Identity-card readers: the `CardReader` interface (`base`), the polling loop every driver shares and the
drivers `ga467` (serial) and `pcsc` (pyscard). Open the configured one with `open_reader`, check it with `probe`.
"""

from devices.card.drivers import DRIVERS, CardSettings, open_reader, probe

__all__ = ["DRIVERS", "CardSettings", "open_reader", "probe"]
