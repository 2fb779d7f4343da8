"""What the screens need from the services, as structural types (PEP 544).

`app.catalog.CatalogService` satisfies `CatalogPort` without inheriting from it; tests hand the screens plain fake
classes with the same methods. Screens call these only through `ui.tasks.TaskRunner` (off the GUI thread), except
the two cheap read-only flags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.model.catalog import Department, Division, ItemGuide, ItemSummary, Theme


__all__ = ["CatalogPort"]


class CatalogPort(Protocol):
    """The item catalog (政务服务事项目录) as the kiosk sees it."""

    @property
    def is_demo(self) -> bool:
        """The catalog is the bundled demo data (the kiosk shows a 演示数据 badge)."""
        ...

    @property
    def notice(self) -> str:
        """Shown on every guide while `is_demo` (e.g. 本目录为演示数据……)."""
        ...

    def search(self, query: str, *, limit: int = 20) -> list[ItemSummary]: ...

    def get_item(self, code: str) -> ItemGuide: ...

    def list_departments(self) -> list[Department]: ...

    def list_themes(self) -> list[Theme]: ...

    def items_of_theme(self, code: str) -> list[ItemSummary]: ...

    def browse(self, *, department: str | None = None, theme: str | None = None) -> list[ItemSummary]: ...

    def record_view(self, code: str) -> object: ...

    def terminal_chain(self) -> list[Division]: ...
