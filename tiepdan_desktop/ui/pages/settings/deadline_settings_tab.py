"""Thời hạn: what the office decides where the law leaves time limits open
(LEGAL.md §3: rules marked ✖, the K2/K7 unit), and how deadlines are watched."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.deadlines import RULES, DeadlineSettings, PeriodUnit, Rule, RuleLength
from tiepdan_desktop.domain.deadlines.settings import MAX_LENGTH, allowed_units
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import DueDateChange
from tiepdan_desktop.services import deadlines
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.change_reports import describe_moves
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.theme import MUTED_TEXT

CONFIGURABLE = [rule for rule in RULES if rule.configurable]


class _LengthEditor(QWidget):
    """Length and unit of one configurable rule, within what the law allows."""

    def __init__(self, rule: Rule) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.days = QSpinBox()
        self.days.setObjectName(f"length_{rule.id}")
        self.days.setAccessibleName(f"Độ dài {rule.id}")
        self.unit = QComboBox()
        self.unit.setObjectName(f"unit_{rule.id}")
        self.unit.setAccessibleName(f"Đơn vị {rule.id}")
        self._units = allowed_units(rule)
        for unit in self._units:
            self.unit.addItem(unit.label, unit)
        self.unit.setMinimumWidth(150)
        self.unit.currentIndexChanged.connect(self._limit_length)
        self._limit_length()
        row.addWidget(self.days)
        row.addWidget(self.unit)

    def _limit_length(self) -> None:
        self.days.setRange(1, MAX_LENGTH[PeriodUnit(self.unit.currentData())])

    def value(self) -> RuleLength:
        return RuleLength(self.days.value(), PeriodUnit(self.unit.currentData()))

    def set_value(self, length: RuleLength) -> None:
        self.unit.setCurrentIndex(self._units.index(length.unit))
        self.days.setValue(length.days)


class DeadlineSettingsTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("deadlineSettingsTab")
        self._app = app
        self.lengths: dict[str, _LengthEditor] = {}
        rules_box = QGroupBox(self.tr("Thời hạn pháp luật chưa quy định thống nhất"))
        grid = QGridLayout(rules_box)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(10)
        for row, rule in enumerate(CONFIGURABLE):
            editor = _LengthEditor(rule)
            self.lengths[rule.id] = editor
            basis = escape(f"{rule.basis}. {rule.note}".strip())
            text = QLabel(
                f"<b>{escape(rule.id)} – {escape(rule.title)}</b><br>"
                f"<span style='color:{MUTED_TEXT}'>{basis}</span>"
            )
            text.setWordWrap(True)
            text.setObjectName(f"ruleText_{rule.id}")
            grid.addWidget(editor, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
        counting_box = QGroupBox(self.tr("Cách đếm và cảnh báo"))
        counting = QVBoxLayout(counting_box)
        self.roll_forward = QCheckBox(
            self.tr(
                "Thời hạn tính theo ngày mà ngày cuối là ngày nghỉ thì kết thúc vào ngày làm "
                "việc tiếp theo (Bộ luật Dân sự 2015, Điều 148.5)"
            )
        )
        self.roll_forward.setObjectName("rollForwardCheck")
        self.warning_days = QSpinBox()
        self.warning_days.setObjectName("warningDaysSpin")
        self.warning_days.setRange(0, 30)
        self.warning_days.setAccessibleName(self.tr("Số ngày làm việc cảnh báo trước hạn"))
        warning_row = QHBoxLayout()
        warning_row.addWidget(QLabel(self.tr("Báo «sắp đến hạn» khi còn")))
        warning_row.addWidget(self.warning_days)
        warning_row.addWidget(QLabel(self.tr("ngày làm việc")))
        warning_row.addStretch(1)
        counting.addWidget(self.roll_forward)
        counting.addLayout(warning_row)

        self.note = QLabel(
            self.tr(
                "Đổi cài đặt sẽ tính lại mọi thời hạn đang chạy; hạn nào đổi ngày được ghi vào "
                "nhật ký thao tác. Thời hạn đã kết thúc không thay đổi."
            )
        )
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Lưu cài đặt"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        self.defaults_button = QPushButton(self.tr("Khôi phục mặc định"))
        self.defaults_button.setObjectName("defaultsButton")
        self.defaults_button.clicked.connect(lambda: self.show_settings(DeadlineSettings()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(rules_box)
        column.addWidget(counting_box)
        column.addWidget(self.note)
        column.addLayout(buttons)
        column.addStretch(1)
        scroll = QScrollArea()  # an old 1366×768 screen does not hold it all
        scroll.setObjectName("deadlineSettingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        editable = app.can(Permission.MANAGE_UNIT)
        for widget in (rules_box, counting_box, self.save_button, self.defaults_button):
            widget.setEnabled(editable)
        if not editable:
            self.note.setText(self.tr("Chỉ quản trị viên được đổi các cài đặt này."))
        app.tasks.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if "deadline_settings" in kinds:
            self.refresh()

    def refresh(self) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: deadlines.get_deadline_settings(services, actor),
            self.show_settings,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def show_settings(self, settings: DeadlineSettings) -> None:
        for rule in CONFIGURABLE:
            self.lengths[rule.id].set_value(settings.length_of(rule))
        self.roll_forward.setChecked(settings.roll_forward)
        self.warning_days.setValue(settings.warning_working_days)

    def current_settings(self) -> DeadlineSettings:
        return DeadlineSettings(
            roll_forward=self.roll_forward.isChecked(),
            warning_working_days=self.warning_days.value(),
            lengths={rule_id: editor.value() for rule_id, editor in self.lengths.items()},
        )

    def save(self) -> None:
        services, actor, settings = self._app.services, self._app.actor, self.current_settings()
        self.save_button.setEnabled(False)
        self._app.tasks.write(
            lambda: deadlines.update_deadline_settings(services, actor, settings),
            self._saved,
            self._failed,
            changes={"deadline_settings"},
            owner=self,
        )

    def _saved(self, moves: tuple[DueDateChange, ...]) -> None:
        self.save_button.setEnabled(True)
        show_info(self, self.tr("Đã lưu cài đặt thời hạn"), describe_moves(moves))

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        show_failure(self, error)
