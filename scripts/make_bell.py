#!/usr/bin/env python3
"""Write ui/kiosk/bell.wav: the kiosk's 呼叫工作人员 chime, generated (no recording to license): two soft bell tones
(E6 then C6, each a sine with its octave and a decaying envelope), 16-bit mono PCM at 22,050 Hz, 1.2 s. The output is
the same bytes on every run, so the bundled file can be checked against this script (tests/integration/ui).

Usage: python3 scripts/make_bell.py [OUT.wav]
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
TONES = ((1318.5, 0.0), (1046.5, 0.45))
"""(frequency in Hz, start in seconds): E6 then C6, a doorbell's falling third."""
LENGTH_S = 1.2
DECAY_S = 0.28
VOLUME = 0.45


def samples() -> list[int]:
    out = []
    for n in range(int(RATE * LENGTH_S)):
        t = n / RATE
        value = 0.0
        for freq, start in TONES:
            if t < start:
                continue
            age = t - start
            envelope = math.exp(-age / DECAY_S) * min(1.0, age / 0.004)  # a 4 ms attack: no click
            value += envelope * (math.sin(2 * math.pi * freq * age) + 0.3 * math.sin(4 * math.pi * freq * age))
        out.append(round(max(-1.0, min(1.0, value * VOLUME / 1.3)) * 32767))
    return out


def write(path: Path) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples()))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "ui/kiosk/bell.wav"
    write(target)
    print(target)
