"""Every kiosk screen but home, built on first use and added to the window's stack (polishing every widget of every
screen at start-up was most of the window's cost; the apply-side modules are imported only then). Their navigation
requests come out as this object's signals, for the window to route."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from ui.screens.browse import BrowseScreen
from ui.screens.guide import GuideScreen
from ui.screens.maintenance import MaintenanceScreen
from ui.screens.placeholder import PlaceholderScreen
from ui.screens.search import SearchScreen

if TYPE_CHECKING:
    from ui.ports import ApplyPort, CatalogPort, IdentityPort
    from ui.screens.apply import ApplyScreen
    from ui.screens.complaint import ComplaintScreen
    from ui.screens.evaluate import EvaluateScreen
    from ui.screens.status import StatusScreen
    from ui.tasks import TaskRunner

__all__ = ["KioskScreens"]


class KioskScreens(QObject):
    """The screens of one kiosk window. Catalog screens exist only with a catalog, the apply-side ones (我要办理,
    评价, 进度查询, 咨询投诉) only with an apply service: without one their properties are None."""

    item_chosen = Signal(str)
    """A search result or browsed item: open its guide."""
    apply_requested = Signal(str)
    """我要办理 on a guide or a 一件事 in browse: the item or theme code."""
    home_requested = Signal()
    """A placeholder's 返回首页."""
    left = Signal()
    """The apply flow or the rating is done with the visitor: home, without asking anything more."""
    rate_requested = Signal(str)
    """评价本次服务 after a submission: the receipt number."""
    failed = Signal(object)
    """A catalog screen's call failed (the window decides whether that means maintenance)."""

    def __init__(
        self,
        stack: QStackedWidget,
        catalog: CatalogPort | None,
        tasks: TaskRunner,
        *,
        apply: ApplyPort | None = None,
        identity: IdentityPort | None = None,
        role: str = "kiosk",
        language: Callable[[], str] = lambda: "zh_CN",
        elder: Callable[[], bool] = lambda: False,
        search_debounce_ms: int = 250,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stack = stack
        self.catalog = catalog
        self.apply_port = apply
        self._tasks = tasks
        self._identity = identity
        self._role = role
        self._language = language
        self._elder = elder
        self._debounce_ms = search_debounce_ms
        self.placeholders: dict[str, PlaceholderScreen] = {}
        self._maintenance: MaintenanceScreen | None = None
        self._search: SearchScreen | None = None
        self._browse: BrowseScreen | None = None
        self._guide: GuideScreen | None = None
        self._apply: ApplyScreen | None = None
        self._evaluate: EvaluateScreen | None = None
        self._status: StatusScreen | None = None
        self._complaint: ComplaintScreen | None = None

    # -- the catalog's screens ------------------------------------------------------------------------------------

    @property
    def maintenance(self) -> MaintenanceScreen:
        if self._maintenance is None:
            self._maintenance = MaintenanceScreen()
            self._stack.addWidget(self._maintenance)
        return self._maintenance

    def placeholder(self, key: str) -> PlaceholderScreen:
        """A home tile's service that this kiosk does not offer yet."""
        screen = self.placeholders.get(key)
        if screen is None:
            screen = self.placeholders[key] = PlaceholderScreen(key)
            self._stack.addWidget(screen)
            screen.home_requested.connect(self.home_requested)
        return screen

    @property
    def search(self) -> SearchScreen | None:
        if self._search is None and self.catalog is not None:
            self._search = SearchScreen(
                self.catalog, self._tasks, debounce_ms=self._debounce_ms, language=self._language
            )
            self._stack.addWidget(self._search)
            self._search.item_chosen.connect(self.item_chosen)
            self._search.failed.connect(self.failed)
        return self._search

    @property
    def browse(self) -> BrowseScreen | None:
        if self._browse is None and self.catalog is not None:
            self._browse = BrowseScreen(self.catalog, self._tasks)
            self._stack.addWidget(self._browse)
            self._browse.item_chosen.connect(self.item_chosen)
            self._browse.set_apply_enabled(self.apply_port is not None)
            self._browse.apply_requested.connect(self.apply_requested)
            self._browse.failed.connect(self.failed)
        return self._browse

    @property
    def guide(self) -> GuideScreen | None:
        if self._guide is None and self.catalog is not None:
            self._guide = GuideScreen(self.catalog, self._tasks)
            self._stack.addWidget(self._guide)
            self._guide.kiosk_channel = self._role not in ("counter", "laptop")  # the apply flow's channel
            self._guide.set_apply_enabled(self.apply_port is not None)
            self._guide.apply_requested.connect(self.apply_requested)
            self._guide.failed.connect(self.failed)
        return self._guide

    def untouched(self) -> bool:
        """Nothing a visitor did is left on the catalog's screens built so far: no query, no guide, no list."""
        return (
            (self._search is None or self._search.is_clear())
            and (self._guide is None or self._guide.guide is None)
            and (self._browse is None or self._browse.items.count() == 0)
        )

    def set_compact(self, compact: bool) -> None:
        """The on-screen keyboard covers the bottom of the window: the search screen keeps its results in view."""
        if self._search is not None:
            self._search.set_compact(compact)

    # -- the apply side (imported on first use) -------------------------------------------------------------------

    @property
    def apply(self) -> ApplyScreen | None:
        """我要办理."""
        if self._apply is None and self.apply_port is not None:
            from ui.screens.apply import ApplyScreen

            self._apply = ApplyScreen(
                self.apply_port, self.catalog, identity=self._identity, language=self._language, elder=self._elder,
                role=self._role,
            )  # fmt: skip
            self._stack.addWidget(self._apply)
            self._apply.home_requested.connect(self.left)
            self._apply.rate_requested.connect(self.rate_requested)
        return self._apply

    @property
    def built_apply(self) -> ApplyScreen | None:
        """The apply screen if it was built (None otherwise: asking does not build it)."""
        return self._apply

    @property
    def evaluate(self) -> EvaluateScreen | None:
        """评价 (好差评)."""
        if self._evaluate is None and self.apply_port is not None:
            from ui.screens.evaluate import EvaluateScreen

            self._evaluate = EvaluateScreen(self.apply_port, language=self._language)
            self._stack.addWidget(self._evaluate)
            self._evaluate.home_requested.connect(self.left)
        return self._evaluate

    @property
    def status(self) -> StatusScreen | None:
        """进度查询."""
        if self._status is None and self.apply_port is not None:
            from ui.screens.status import StatusScreen

            self._status = StatusScreen(self.apply_port, language=self._language)
            self._stack.addWidget(self._status)
        return self._status

    @property
    def complaint(self) -> ComplaintScreen | None:
        """咨询投诉."""
        if self._complaint is None and self.apply_port is not None:
            from ui.screens.complaint import ComplaintScreen

            self._complaint = ComplaintScreen(self.apply_port, language=self._language)
            self._stack.addWidget(self._complaint)
        return self._complaint

    def set_identity(self, identity: IdentityPort | None) -> None:
        """The card reader behind the apply flow's 读卡 button."""
        self._identity = identity
        if self._apply is not None:
            self._apply.set_identity(identity)

    def close(self) -> None:
        """At exit: the apply-side screens run workers of their own; drop their results and let them finish."""
        for screen in (self._apply, self._evaluate, self._status, self._complaint):
            if screen is not None:
                screen.tasks.cancel_all()
                screen.tasks.wait_for_done(3000)
