"""The village grid worker's laptop window (issue 15): visit list, drafts across visits, batch delivery, and the apply
flow for applying on a villager's behalf; keyboard and mouse first (system IME). See docs/laptop.md."""

from ui.screens.laptop.window import LaptopWindow

__all__ = ["LaptopWindow"]
