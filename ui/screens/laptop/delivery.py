"""批量报送: back in coverage, deliver everything made offline in one batch: records and bytes with progress bars, time
left, stop (what is left goes next time; uploads resume where they stopped), and the quarantined records (隔离) with
what the worker must do about each. Delivery runs on a worker (`ui.tasks`); its progress comes back through a
queued signal; the page never touches the network itself (the port's `deliver`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import make_label
from ui.screens.laptop.common import (
    Language,
    LaptopPage,
    human_bytes,
    human_seconds,
    local,
    make_table,
    set_rows,
    shortcut,
)

if TYPE_CHECKING:
    from app.model.records import DeliveryReport
    from app.visits.model import DeliveryProgress, DeliverySummary, QuarantineAdvice
    from ui.screens.laptop.ports import LaptopPort

__all__ = ["DeliveryPage"]


class _Relay(QObject):
    """Lives on the GUI thread: `progress` emitted from the delivery worker is queued to it."""

    progress = Signal(object)


class DeliveryPage(LaptopPage):
    delivered = Signal(object)
    """A delivery ended (its DeliveryReport): the window refreshes the visit list and the drafts."""

    def __init__(self, port: LaptopPort, *, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(port, language=language, parent=parent)
        self.summary: DeliverySummary | None = None
        self.last: DeliveryProgress | None = None
        self.report: DeliveryReport | None = None
        self.advice: list[QuarantineAdvice] = []
        self.running = False
        self._relay = _Relay(self)
        self._relay.progress.connect(self.show_progress, Qt.ConnectionType.QueuedConnection)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        self.title = make_label("PageTitle")
        outer.addWidget(self.title)
        self.figures = make_label("Figure")
        self.figures.setAccessibleName("figures")
        outer.addWidget(self.figures)
        self.last_line = make_label("Hint")
        outer.addWidget(self.last_line)
        grid = QGridLayout()
        self.records_label = make_label("", wrap=False)
        self.records_bar = QProgressBar(self)
        self.bytes_label = make_label("", wrap=False)
        self.bytes_bar = QProgressBar(self)
        grid.addWidget(self.records_label, 0, 0)
        grid.addWidget(self.records_bar, 0, 1)
        grid.addWidget(self.bytes_label, 1, 0)
        grid.addWidget(self.bytes_bar, 1, 1)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        self.time_line = make_label("")
        self.time_line.setAccessibleName("time_left")
        outer.addWidget(self.time_line)
        self.note = make_label("Notice")
        self.note.hide()
        outer.addWidget(self.note)
        row = QHBoxLayout()
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("Primary")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self)
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.result = make_label("")
        self.result.setAccessibleName("result")
        outer.addWidget(self.result)
        self.q_title = make_label("Figure")
        outer.addWidget(self.q_title)
        self.q_hint = make_label("Hint")
        outer.addWidget(self.q_hint)
        self.quarantine = make_table(self, 5, stretch=4)
        outer.addWidget(self.quarantine, 1)
        outer.addWidget(self.status)
        shortcut("Ctrl+R", self, self.start)
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("批量报送"))
        self.records_label.setText(self.tr("记录"))
        self.bytes_label.setText(self.tr("材料"))
        self._start_text()
        self.stop_button.setText(self.tr("暂停（下次接着报）"))
        self.q_title.setText(self.tr("需要您处理的记录（已隔离）"))
        self.q_hint.setText(
            self.tr("隔离的记录不会再自动报送，也不会挡住其他记录。请按“您需要做的”一栏处理，处理前不要删除本机数据。")
        )
        self.quarantine.setHorizontalHeaderLabels(
            [self.tr("类型"), self.tr("回执号"), self.tr("为谁办理"), self.tr("原因"), self.tr("您需要做的")]
        )
        if not self.running:
            self.say("")  # a finished delivery's status line is in the result line, in the new language
        self._show_summary()
        if self.last is not None:
            self.show_progress(self.last)
        self._show_report()
        self._fill_quarantine()

    # -- figures --------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.running:
            return
        port, lang = self.port, self.language()
        self.call(lambda: (port.delivery_summary(), port.quarantined(lang)), self._loaded)

    def _loaded(self, loaded: tuple[DeliverySummary, list[QuarantineAdvice]]) -> None:
        self.summary, self.advice = loaded
        self._show_summary()
        self._fill_quarantine()

    def _show_summary(self) -> None:
        s = self.summary
        if s is None:
            self.figures.setText("")
            self.last_line.setText("")
            return
        self.figures.setText(
            self.tr("待报送 %1 条（材料 %2） · 已送达 %3 条 · 已隔离 %4 条")
            .replace("%1", str(s.pending))
            .replace("%2", human_bytes(s.pending_bytes))
            .replace("%3", str(s.delivered))
            .replace("%4", str(s.quarantined))
        )
        last = self.tr("上次报送成功：%1").replace("%1", local(s.last_success) or self.tr("从未"))
        if not s.enrolled:
            last = self.tr("本机还未注册到平台，不能报送：请到乡镇便民服务中心请技术人员注册。")
        self.last_line.setText(last)
        self.start_button.setEnabled(not self.running and s.enrolled)
        self._start_text()

    def _start_text(self) -> None:
        """开始报送 while records wait; with nothing to send the same run fetches the platform's 办件状态 only."""
        if self.summary is not None and self.summary.pending == 0:
            self.start_button.setText(self.tr("更新办理状态 (Ctrl+R)"))
        else:
            self.start_button.setText(self.tr("开始报送 (Ctrl+R)"))

    def show_progress(self, p: DeliveryProgress) -> None:
        self.last = p
        self.records_bar.setRange(0, max(1, p.records_total))
        self.records_bar.setValue(min(p.records_done, max(1, p.records_total)))
        self.records_bar.setFormat(
            self.tr("%1 / %2 条").replace("%1", str(p.records_done)).replace("%2", str(p.records_total))
        )
        scale = 1024 if p.bytes_total > 2**30 else 1  # QProgressBar holds an int
        self.bytes_bar.setRange(0, max(1, p.bytes_total // scale))
        self.bytes_bar.setValue(min(p.bytes_done, p.bytes_total) // scale)
        self.bytes_bar.setFormat(f"{human_bytes(p.bytes_done)} / {human_bytes(p.bytes_total)}")
        self.time_line.setText(
            self.tr("剩余时间约 %1 · 已用 %2")
            .replace("%1", human_seconds(p.eta_s))
            .replace("%2", human_seconds(p.elapsed_s))
        )
        if p.note:
            self.note.setText(self.tr("网络不稳，正在重试：%1").replace("%1", p.note))
            self.note.show()
        else:
            self.note.hide()

    def _show_report(self) -> None:
        r = self.report
        if r is None:
            self.result.setText("")
            return
        text = (
            self.tr("本次送达 %1 条，隔离 %2 条，还剩 %3 条待报送。")
            .replace("%1", str(r.delivered + r.duplicates))
            .replace("%2", str(r.quarantined))
            .replace("%3", str(r.pending))
        )
        if r.status_changes:
            text += " " + self.tr("更新了 %1 条办理状态。").replace("%1", str(r.status_changes))
        if r.pending and r.last_error:
            text += " " + self.tr("未报完的原因：%1。回到有信号的地方再按“开始报送”，已传的部分不会重传。").replace(
                "%1", r.last_error
            )
        self.result.setText(text)

    def _fill_quarantine(self) -> None:
        set_rows(
            self.quarantine,
            [[a.kind_label, a.receipt_no or "-", a.person or "-", a.reason or "-", a.action] for a in self.advice],
            [a.record_id for a in self.advice],
        )
        self.quarantine.setVisible(bool(self.advice))
        self.q_title.setVisible(bool(self.advice))
        self.q_hint.setVisible(bool(self.advice))

    # -- delivery -------------------------------------------------------------------------------------------------

    def start(self) -> None:
        if self.running or (self.summary is not None and not self.summary.enrolled):
            return
        self.running = True
        self.report = None
        self._show_report()
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.say(self.tr("正在报送……可以继续使用其他页面"))
        port, relay = self.port, self._relay
        self.tasks.run(lambda: port.deliver(relay.progress.emit), on_success=self._finished, on_failure=self._failed)

    def stop(self) -> None:
        if self.running:
            self.port.stop_delivery()  # sets an event only (never blocks): the loop returns after the record in flight
            self.stop_button.setEnabled(False)
            self.say(self.tr("正在暂停：当前这条记录报完后停止"))

    def _done(self) -> None:
        self.running = False
        self.stop_button.setEnabled(False)
        self.refresh()

    def _finished(self, report: DeliveryReport) -> None:
        self.report = report
        self._show_report()
        self.say(self.tr("报送结束"))
        self._done()
        self.delivered.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.show_error(error)
        self._done()
