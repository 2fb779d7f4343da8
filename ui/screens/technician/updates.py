"""软件更新 (software update), a tab of the technician screen: the installed and the kept previous version, how the
last update ended, a check of the USB stick's bundle and a request to install it when the terminal is idle.

Contract: every service call runs through `TaskRunner` (a check hashes the whole .deb); the kiosk runs unprivileged,
so 安装更新 only writes a request that root's `yunban-update.path` acts on, and 回退 only explains the root command.
安装更新 is enabled only after a good check, and disabled again by a failed one. Labels in Chinese with the English
beside (like the other tabs); messages from `app.updates.messages` in the kiosk's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.model.clock import format_local
from app.updates import messages as um
from ui.errors import error_text
from ui.screens.base import make_label
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.screens.technician.ports import UpdatesPort

__all__ = ["UpdatesPage"]

OUTCOME_MARKS = {"ok": "✔", "refused": "✘", "deferred": "⏸"}


def local_time(iso: object) -> str:
    """`2026-12-06T21:18:54Z` → `2026-12-07 05:18` in the terminal's configured zone ('' for nothing; the shared
    helper `app.model.clock.format_local`)."""
    if not isinstance(iso, str) or not iso:
        return ""
    return format_local(iso)


def _button(text: str, parent: QWidget, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text, parent)
    button.setMinimumHeight(48)
    if primary:
        button.setObjectName("Primary")
    return button


class UpdatesPage(QWidget):
    """软件更新: status figures, 检查U盘更新, 安装更新（空闲时）, 回退到上一版本."""

    status_shown = Signal(object)
    checked = Signal(bool)
    """After a check: True when the bundle verified (安装更新 enabled)."""
    requested = Signal(object)
    """The install request written (its dict)."""

    def __init__(
        self,
        service: UpdatesPort,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        language: Callable[[], str] = lambda: "zh_CN",
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self._language = language
        self.bundle: dict[str, Any] | None = None
        """The last good check's result (what 安装更新 requests), None before or after a failed check."""
        self.previous: str | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        self.figures: dict[str, Any] = {}
        names = [
            ("installed", "已安装版本 Installed"),
            ("previous", "保留的上一版本 Previous kept"),
            ("last_result", "上次更新结果 Last result"),
            ("pending", "待处理 Pending"),
        ]
        for n, (key, title) in enumerate(names):
            grid.addWidget(make_label("SectionTitle", title, wrap=False), n, 0, Qt.AlignmentFlag.AlignTop)
            value = make_label("SectionBody", "—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, n, 1)
            self.figures[key] = value
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.refresh_button = _button("刷新 Refresh", self)
        self.check_button = _button("检查U盘更新 Check USB update", self)
        self.install_button = _button("安装更新（空闲时） Install when idle", self, primary=True)
        self.rollback_button = _button("回退到上一版本 Roll back", self)
        for button in (self.refresh_button, self.check_button, self.install_button, self.rollback_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.install_button.setEnabled(False)
        self.result = make_label("SectionBody")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        self.hint = make_label(
            "Hint",
            "插入含 yunban-update/ 目录的U盘后检查；验证通过才能安装。安装在无人办理时进行，之后终端自动重启。"
            "（Insert the USB stick with yunban-update/, check it; a verified update installs when no citizen is "
            "mid-application, then the terminal restarts.）",
        )
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.refresh_button.clicked.connect(self.refresh)
        self.check_button.clicked.connect(self.check)
        self.install_button.clicked.connect(self.request_install)
        self.rollback_button.clicked.connect(self.explain_rollback)

    # -- status ---------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.tasks.run(self.service.update_status, on_success=self._show_status, on_failure=self._status_failed)

    def _show_status(self, status: dict[str, Any]) -> None:
        self.refresh_button.setEnabled(True)
        language = self._language()
        self.previous = status.get("previous") or None
        self.figures["installed"].setText(str(status.get("installed") or "未安装（not installed）"))
        self.figures["previous"].setText(self.previous or "无（none）")
        last = status.get("last_result")
        if isinstance(last, dict):
            found = last.get("message")
            messages: dict[str, Any] = found if isinstance(found, dict) else {}
            text = messages.get(language) or messages.get("zh_CN") or str(last.get("code", ""))
            mark = OUTCOME_MARKS.get(str(last.get("outcome")), "")
            self.figures["last_result"].setText(f"{mark} {local_time(last.get('time'))}  {text}".strip())
        else:
            self.figures["last_result"].setText("尚无（none yet）")
        pending = []
        if status.get("journal_pending"):
            pending.append(um.JOURNAL_PENDING.render(language, path="updates/journal"))
        request = status.get("request")
        if isinstance(request, dict):
            pending.append(um.REQUEST_PENDING.render(language, time=local_time(request.get("requested_at")),
                                                     version=request.get("version") or "?"))  # fmt: skip
        self.figures["pending"].setText("\n".join(pending) or "无（none）")
        self.status_shown.emit(status)

    def _status_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.result.setText(f"无法读取更新状态（status unavailable）：{error_text(error, self._language())}")

    # -- check and request ----------------------------------------------------------------------------------------

    def check(self) -> None:
        self.bundle = None
        self.install_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.result.setText("正在验证U盘上的更新包……（verifying the bundle）")
        self.tasks.run(lambda: self.service.check_update(None), on_success=self._checked, on_failure=self._refused)

    def _checked(self, data: dict[str, Any]) -> None:
        self.check_button.setEnabled(True)
        self.bundle = data
        text = um.VERIFIED.render(self._language(), version=data.get("version"), arch=data.get("architecture"),
                                  expires=local_time(data.get("expires")))  # fmt: skip
        self.result.setText(f"✔ {text}\n来源 Source: {data.get('bundle', '')}")
        self.install_button.setEnabled(True)
        self.checked.emit(True)

    def _refused(self, error: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.bundle = None
        self.install_button.setEnabled(False)
        self.result.setText(f"✘ {error_text(error, self._language())}")
        self.checked.emit(False)

    def request_install(self) -> None:
        bundle = self.bundle
        if bundle is None:
            return
        self.install_button.setEnabled(False)
        path, version = str(bundle.get("bundle", "")), str(bundle.get("version", ""))
        self.tasks.run(lambda: self.service.request_update(path, version), on_success=self._requested,
                       on_failure=self._request_failed)  # fmt: skip

    def _requested(self, request: dict[str, Any]) -> None:
        self.result.setText("⏳ " + um.REQUESTED.render(self._language(), version=request.get("version") or "?"))
        self.requested.emit(request)
        self.refresh()

    def _request_failed(self, error: BaseException) -> None:
        self.install_button.setEnabled(self.bundle is not None)
        self.result.setText(f"✘ 无法提交安装请求（request failed）：{error_text(error, self._language())}")

    def explain_rollback(self) -> None:
        language = self._language()
        if self.previous:
            self.result.setText(um.ROLLBACK_HINT.render(language, previous=self.previous))
        else:
            self.result.setText(um.NOTHING_TO_ROLL_BACK.render(language))

    def reset(self) -> None:
        """Forget a check (the screen locks on idle): the next technician checks again."""
        self.bundle = None
        self.install_button.setEnabled(False)
        self.result.clear()
