"""The provisioning screen (终端开通): first boot of a terminal that is not enrolled, step by step."""

from __future__ import annotations

from ui.screens.provisioning.screen import ProvisioningScreen

__all__ = ["ProvisioningScreen"]
