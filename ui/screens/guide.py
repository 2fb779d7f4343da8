"""The item guide (办事指南): every element of an `ItemGuide`, laid out for reading at a kiosk. Contract: loaded on
the `TaskRunner`; the materials checklist comes right after the header (一次告知: all that is needed, told at once)."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.plain import RichLabel
from ui.ports import CatalogPort
from ui.screens.base import Screen, make_label
from ui.screens.labels import audience_name, level_name, level_rank, type_name
from ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from app.model.catalog import ItemGuide, Material

log = logging.getLogger(__name__)

__all__ = ["GuideScreen"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _e(text: object) -> str:
    return html.escape(str(text))


def _lines(rows: Iterable[tuple[str, str]], colon: str = "：") -> str:
    """`label：value` lines, skipping empty values."""
    return "<br>".join(f"<b>{_e(k)}</b>{_e(colon)}{_e(v)}" for k, v in rows if v not in ("", None))


class GuideScreen(Screen):
    """Shows one item's guide. `load(code)` fetches it in the background; `guide_shown(code)` when it is on screen."""

    guide_shown = Signal(str)
    failed = Signal(object)
    apply_requested = Signal(str)
    """我要办理 pressed on a guide (item code); offered once the shell has the apply flow (`set_apply_enabled`)."""

    def __init__(self, catalog: CatalogPort, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._tasks = tasks
        self._guide: ItemGuide | None = None
        self._task: Task | None = None
        self._sections: list[QLabel] = []
        self.implementations_card: QVBoxLayout | None = None
        self._demo_notice: str | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area)
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("Primary")
        self.apply_button.setMinimumHeight(80)
        self.apply_button.clicked.connect(self._apply_clicked)
        self.apply_button.hide()
        self._apply_enabled = False
        self.kiosk_channel = True
        """This terminal is a self-service kiosk: an item not offered on self-service terminals is only pre-applied
        for here (预申请), and its button says so (a counter or laptop accepts it whole)."""
        self.window_only = make_label("Notice")
        self.window_only.setAccessibleName("window_only")
        self.window_only.hide()
        outer.addWidget(self.window_only)
        outer.addWidget(self.apply_button)
        self._page = QWidget()
        self._page.setObjectName("Screen")
        self._page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._body = QVBoxLayout(self._page)
        self._body.setContentsMargins(40, 24, 40, 40)
        self._body.setSpacing(18)
        self.scroll_area.setWidget(self._page)
        self.status = make_label("Status")
        self._body.addWidget(self.status)
        self._body.addStretch(1)

    # -- public -----------------------------------------------------------------------------------------------

    @property
    def guide(self) -> ItemGuide | None:
        return self._guide

    def load(self, code: str) -> None:
        if self._task is not None:
            self._task.cancel()
        self._clear_sections()
        self.apply_button.hide()
        self.window_only.hide()
        self._guide = None
        self.status.setText(self.tr("正在加载办事指南…"))
        self.status.show()
        catalog = self._catalog

        def fetch() -> tuple[ItemGuide, str | None]:
            guide = catalog.get_item(code)
            notice = catalog.notice if guide.is_demo or catalog.is_demo else None
            try:
                catalog.record_view(code)  # local popularity for ranking; never worth failing the guide for
            except Exception:
                log.warning("could not record a view of %s", code, exc_info=True)
            return guide, notice

        self._task = self._tasks.run(
            fetch, on_success=lambda loaded: self.show_guide(*loaded), on_failure=self._on_failure
        )

    def set_apply_enabled(self, enabled: bool) -> None:
        self._apply_enabled = enabled
        self.apply_button.setVisible(enabled and self._guide is not None)
        self.window_only.setVisible(enabled and self.pre_application_only())

    def _apply_clicked(self) -> None:
        if self._guide is not None:
            self.apply_requested.emit(self._guide.code)

    def show_guide(self, guide: ItemGuide, demo_notice: str | None = None) -> None:
        """Render `guide`; `demo_notice` (None: not demo data) is shown under its header."""
        self._task = None
        self._guide = guide
        self._demo_notice = demo_notice if demo_notice is not None or not guide.is_demo else ""
        self._render()
        self._label_apply()
        self.apply_button.setVisible(self._apply_enabled)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.guide_shown.emit(guide.code)

    def pre_application_only(self) -> bool:
        """The guide on show is an item this kiosk cannot accept whole (自助终端: 否): 我要办理 would mislead."""
        return self.kiosk_channel and self._guide is not None and not self._guide.self_service

    def _label_apply(self) -> None:
        """我要办理 for an item the kiosk accepts; for a window-only item the button says where it leads (where to
        apply, a pre-application) and a note above it says why, so it never looks like an application."""
        window_only = self.pre_application_only()
        if window_only:
            self.apply_button.setText(self.tr("须到窗口办理：查看办理地点 · 可先填预申请"))
            self.window_only.setText(
                self.tr("本事项不能在自助终端受理（需要本人到窗口办理）。在这里只能填写预申请，它不是受理。")
            )
        else:
            # The home tile's string: one translation of 我要办理 in yunban_en.ts.
            self.apply_button.setText(QCoreApplication.translate("HomeScreen", "我要办理"))
        self.apply_button.setProperty("window_only", window_only)
        self.window_only.setVisible(window_only and self._apply_enabled)

    def reset(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._guide = None
        self.apply_button.hide()
        self.window_only.hide()
        self._clear_sections()
        self.status.clear()

    def plain_text(self) -> str:
        """Everything the guide shows, as plain text (tests and accessibility)."""
        parts = [self.status.text()] if self.status.isVisible() else []
        for label in self._sections:
            text = label.text()
            parts.append(
                QTextDocumentFragment.fromHtml(text).toPlainText()
                if label.textFormat() != Qt.TextFormat.PlainText
                else text
            )
        return "\n".join(parts)

    def retranslate(self) -> None:
        if self._guide is not None:
            self._render()
            self._label_apply()

    # -- rendering --------------------------------------------------------------------------------------------

    def _on_failure(self, error: BaseException) -> None:
        self._task = None
        self.status.setText(self.tr("暂时无法显示该事项，请稍后再试或到窗口咨询。"))
        self.failed.emit(error)

    def _clear_sections(self) -> None:
        while self._body.count() > 2:  # keep the status label and the final stretch
            item = self._body.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._sections = []
        self.implementations_card = None

    def _add(self, widget: QWidget) -> None:
        self._body.insertWidget(self._body.count() - 1, widget)

    def _label(self, object_name: str, text: str, parent: QWidget | None = None, *, rich: bool = True) -> QLabel:
        if rich:  # markup built here, every catalog string escaped with _e (ui.plain.escape)
            label: QLabel = RichLabel(text, parent)
            label.setObjectName(object_name)
            label.setWordWrap(True)
        else:
            label = make_label(object_name, text, parent=parent)
        self._sections.append(label)
        return label

    def _rows(self, rows: Iterable[tuple[str, str]]) -> str:
        return _lines(rows, self.tr("："))  # full-width colon in Chinese, ": " in English

    def scroll_to_implementations(self) -> None:
        """Bring the implementing bodies (where to go, whom to call) to the top of the view."""
        layout = self.implementations_card
        card = layout.parentWidget() if layout is not None else None
        if card is not None:
            self._page.adjustSize()
            self.scroll_area.verticalScrollBar().setValue(card.y() - 16)

    def _card(self, title: str, body_html: str | None = None) -> QVBoxLayout:
        card = QFrame(self._page)
        card.setObjectName("Card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(self._label("SectionTitle", title, card, rich=False))
        if body_html is not None:
            layout.addWidget(self._label("SectionBody", body_html, card))
        self._add(card)
        return layout

    def _render(self) -> None:
        guide = self._guide
        if guide is None:
            return
        self._clear_sections()
        self.status.hide()
        yes, no = self.tr("支持"), self.tr("不支持")

        # Header: name, codes, type, departments, audience, levels, the demo notice.
        self._add(self._label("GuideTitle", guide.name, rich=False))
        header = self._rows(
            [
                (self.tr("基本编码"), guide.code),
                (self.tr("事项类型"), type_name(guide.type)),
                (
                    self.tr("主管部门"),
                    f"{guide.department_full}（{guide.department}）" if guide.department_full else guide.department,
                ),
                (self.tr("服务对象"), "、".join(audience_name(a) for a in guide.audience)),
                (self.tr("行使层级"), "、".join(level_name(lv) for lv in guide.levels)),
            ]
        )
        self._add(self._label("SectionBody", header))
        if self._demo_notice is not None:
            notice = self._demo_notice or self.tr("本事项为演示数据，仅供体验，不作为办事依据。")
            badge = self.tr("演示数据")
            self._add(self._label("Notice", f"<b>{_e(badge)}</b>　{_e(notice)}"))

        # 一次告知: the materials checklist first after the header, as it is what a visitor needs to carry away (nobody
        # makes a second trip for a missing paper). Then conditions, time limits and visits, fees, service modes,
        # process, result, sub-items, the implementing bodies along the terminal's chain, basis, themes, names, form.
        required = sum(1 for m in guide.materials if m.required)
        layout = self._card(self.tr("一次告知 · 请带齐以下材料"))
        intro = self.tr("共 %n 项材料，", "", len(guide.materials)) + self.tr("其中必需 %n 项。", "", required)
        if guide.allows_deferred_materials:
            intro += self.tr("本事项支持容缺受理：非关键材料可先受理、后补交。")
        layout.addWidget(self._label("SectionBody", _e(intro), layout.parentWidget()))
        for n, material in enumerate(guide.materials):
            layout.addWidget(self._label("SectionBody", self._material_html(n, material), layout.parentWidget()))

        # 受理条件.
        self._card(self.tr("受理条件"), _e(guide.conditions).replace("\n", "<br>"))

        # 时限与次数.
        def days(value: int | None) -> str:
            return self.tr("%n 个工作日", "", value) if value is not None else self.tr("无")

        visits = self.tr("无需到现场（零跑动）") if guide.visits == 0 else self.tr("最多跑 %n 次", "", guide.visits)
        self._card(
            self.tr("办理时限与到现场次数"),
            self._rows(
                [
                    (self.tr("法定办结时限"), days(guide.legal_limit_days)),
                    (self.tr("承诺办结时限"), days(guide.promised_limit_days)),
                    (
                        self.tr("办件类型"),
                        {"即办件": self.tr("即办件"), "承诺件": self.tr("承诺件")}.get(
                            guide.case_type, guide.case_type
                        ),
                    ),
                    (self.tr("到办事现场次数"), visits),
                ]
            ),
        )

        # 收费.
        self._card(
            self.tr("收费"),
            self._rows(
                [
                    (self.tr("是否收费"), self.tr("收费") if guide.fee_charged else self.tr("不收费")),
                    (self.tr("收费标准"), guide.fee_standard),
                    (self.tr("收费依据"), guide.fee_basis),
                ]
            ),
        )

        # 办理方式.
        self._card(
            self.tr("办理方式"),
            self._rows(
                [
                    (self.tr("网上办理"), yes if guide.online else no),
                    (self.tr("物流快递"), yes if guide.mail else no),
                    (self.tr("预约办理"), yes if guide.appointment else no),
                    (self.tr("自助终端"), yes if guide.self_service else no),
                    (self.tr("容缺受理"), yes if guide.allows_deferred_materials else no),
                ]
            ),
        )

        # 办理流程.
        steps = []
        for n, step in enumerate(guide.process, start=1):
            when = self.tr("%n 个工作日", "", step.days) if step.days is not None else ""
            meta = "，".join(p for p in (_e(step.actor), _e(when)) if p)
            steps.append(f"<b>{n}. {_e(step.name)}</b>（{meta}）<br>{_e(step.description)}")
        self._card(self.tr("办理流程"), "<br><br>".join(steps) or _e(self.tr("无")))

        # 办理结果.
        self._card(
            self.tr("办理结果"),
            self._rows([(self.tr("结果名称"), guide.result_name), (self.tr("结果类型"), guide.result_type)]),
        )

        # 子项与业务办理项.
        if guide.sub_items:
            rows = []
            for sub in guide.sub_items:
                cases = "".join(f"<br>　　· {_e(c.name)}（{_e(c.code)}）" for c in sub.cases)
                rows.append(f"<b>{_e(sub.name)}</b>（{_e(sub.code)}）{cases}")
            self._card(self.tr("子项与业务办理项"), "<br>".join(rows))

        # 实施主体 along the chain, from the nearest (village) up.
        impls = sorted(guide.implementations, key=lambda i: -level_rank(i.level))
        blocks = []
        for impl in impls:
            blocks.append(
                f"<b>{_e(level_name(impl.level))} · {_e(impl.division_name)}　{_e(impl.body)}</b><br>"
                + self._rows(
                    [
                        (self.tr("统一社会信用代码"), impl.body_uscc),
                        (self.tr("实施编码"), impl.code),
                        (self.tr("办理地点"), impl.place),
                        (self.tr("办理时间"), impl.hours),
                        (self.tr("咨询电话"), impl.consult_phone),
                        (self.tr("监督投诉电话"), impl.complaint_phone),
                    ]
                )
            )
        self.implementations_card = self._card(
            self.tr("实施主体与办理地点"),
            "<br><br>".join(blocks) or _e(self.tr("本终端所在地区暂无实施主体，请到窗口咨询。")),
        )

        # 设定依据.
        self._card(
            self.tr("设定依据"),
            "<br>".join(f"{n}. {_e(b)}" for n, b in enumerate(guide.basis, start=1)) or _e(self.tr("无")),
        )

        # 主题与常用说法.
        extra = self._rows(
            [(self.tr("所属主题"), "、".join(guide.themes)), (self.tr("常用说法"), "、".join(guide.synonyms))]
        )
        if extra:
            self._card(self.tr("相关主题与常用说法"), extra)

        # 申请表.
        fields = guide.form.get("fields", []) if isinstance(guide.form, dict) else []
        if fields:
            labels = "、".join(_e(f.get("label", f.get("id", ""))) for f in fields if isinstance(f, dict))
            version = guide.form.get("version", "")
            head = _e(self.tr("第 %1 版，共 %n 项内容", "", len(fields)).replace("%1", str(version)))
            self._card(self.tr("申请表"), f"{head}<br>{labels}")

    def _material_html(self, n: int, m: Material) -> str:
        mark = _CIRCLED[n] if n < len(_CIRCLED) else f"({n + 1})"
        need = self.tr("必需") if m.required else self.tr("非必需")
        colour = "#c8102e" if m.required else "#4a4f57"
        copies = self.tr("%n 份", "", m.copies)
        head = f"<b>{mark} {_e(m.name)}</b>　<span style='color:{colour}'>[{_e(need)}]</span>"
        detail = "　".join(_e(p) for p in (m.form, m.medium, copies) if p)
        rows = self._rows(
            [
                (self.tr("来源"), m.source),
                (self.tr("要求"), m.standard),
                (self.tr("空白表格"), m.blank_form or ""),
                (self.tr("示例样表"), m.sample or ""),
                (self.tr("说明"), m.note or ""),
            ]
        )
        return f"{head}<br>{detail}<br>{rows}"
