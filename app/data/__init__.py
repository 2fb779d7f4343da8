"""Data shipped with the terminal: the Yunnan division table (`divisions/`) and the demo catalog bundle."""

from pathlib import Path

DEMO_CATALOG = Path(__file__).resolve().parent / "demo_catalog"
"""The demo catalog bundle (演示数据): what a fresh terminal, the demo and the test platforms serve."""
