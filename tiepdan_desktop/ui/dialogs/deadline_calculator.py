"""Tính thời hạn: pick a rule, the day of its start event and the variants,
and see the due date on the office's calendar with the reasons for it.

The calendar and the settings are read once (and again when they change);
each change of the form recomputes at once on the GUI thread, which takes
well under a millisecond.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.calendar import WorkCalendar
from tiepdan_desktop.domain.deadlines import (
    RULES,
    RULES_BY_ID,
    DeadlineError,
    DeadlineRequest,
    DeadlineSettings,
    Pause,
    Rule,
    compute_deadline,
)
from tiepdan_desktop.domain.deadlines.status import due_status
from tiepdan_desktop.domain.enums import Complexity
from tiepdan_desktop.services import calendar as calendar_service
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import explain
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date, to_qdate
from tiepdan_desktop.ui.widgets.deadline_explanation import (
    DeadlineExplanationView,
    explanation_text,
)
from tiepdan_desktop.ui.widgets.form import ValidatedForm
from tiepdan_desktop.ui.widgets.search_combo import SearchableComboBox

PAUSE_ROLE = Qt.ItemDataRole.UserRole


def rule_caption(rule: Rule) -> str:
    return f"{rule.id} – {rule.title}"


def rule_summary(rule: Rule, settings: DeadlineSettings) -> str:
    length = settings.length_of(rule)
    text = f"{length.days} {length.unit.label} kể từ {rule.start_event}. Căn cứ: {rule.basis}."
    if rule.configurable:
        text += " Độ dài do đơn vị cài đặt (quy định chưa thống nhất)."
    return text


class DeadlineCalculatorDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineCalculator")
        self.setWindowTitle(self.tr("Tính thời hạn"))
        self.resize(1060, 680)
        self._app = app
        today = app.services.today()
        self._calendar: WorkCalendar | None = None
        self._settings = DeadlineSettings()

        self.form = ValidatedForm()
        self.rule = SearchableComboBox()
        self.rule.setObjectName("ruleCombo")
        self.rule.set_items((rule_caption(rule), rule.id) for rule in RULES)
        self.rule.lineEdit().setPlaceholderText(
            self.tr("Gõ mã hoặc tên, ví dụ: K3, giải quyết tố cáo")
        )
        self.rule.setMinimumWidth(420)
        self.form.add_field("rule", self.tr("Quy tắc thời hạn"), self.rule)
        self.rule_info = QLabel()
        self.rule_info.setObjectName("hint")
        self.rule_info.setWordWrap(True)
        self.form.addRow("", self.rule_info)
        self.start = date_edit("startDateEdit", today)
        self.form.add_field("start", self.tr("Tính từ ngày"), self.start)
        self.start_hint = QLabel()
        self.start_hint.setObjectName("hint")
        self.start_hint.setWordWrap(True)
        self.form.addRow("", self.start_hint)
        self.form.add_field("complexity", self.tr("Mức độ vụ việc"), self._complexity_row())
        self.remote = QCheckBox(self.tr("Ở vùng sâu, vùng xa đi lại khó khăn"))
        self.remote.setObjectName("remoteCheck")
        self.form.add_field("remote", "", self.remote)
        self.dismissal = QCheckBox(self.tr("Kỷ luật buộc thôi việc"))
        self.dismissal.setObjectName("dismissalCheck")
        self.form.add_field("dismissal", "", self.dismissal)
        self.extensions = QSpinBox()
        self.extensions.setObjectName("extensionsSpin")
        self.form.add_field(
            "extensions",
            self.tr("Số lần gia hạn"),
            self.extensions,
            self.tr("Mỗi lần gia hạn tối đa theo luật (tố cáo: không quá 30 ngày)."),
        )

        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addWidget(self._pauses_box())
        left.addStretch(1)
        self.view = DeadlineExplanationView()
        self.view.setMinimumWidth(470)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self.view, 1)

        self.buttons = QDialogButtonBox()
        self.copy_button = self.buttons.addButton(
            self.tr("Sao chép giải thích"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("copyExplanationButton")
        self.copy_button.clicked.connect(self.copy_explanation)
        close = self.buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeButton")
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(row, 1)
        column.addWidget(self.buttons)

        self.rule.currentIndexChanged.connect(self._rule_changed)
        self.rule.lineEdit().textEdited.connect(self._rule_text_edited)
        self.start.dateChanged.connect(self.recompute)
        self.remote.toggled.connect(self.recompute)
        self.dismissal.toggled.connect(self.recompute)
        self.extensions.valueChanged.connect(self.recompute)
        self.complexity.idToggled.connect(self._complexity_changed)
        app.tasks.changed.connect(self._on_changed)
        # Left open overnight, "còn N ngày" must count from the new day.
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self._new_day)
        self._arm_midnight()
        self.rule.select_value("K3")
        self.view.show_problem(self.tr("Đang tải lịch làm việc…"))
        self._load()

    # --- construction ----------------------------------------------------------------

    def _complexity_row(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.complexity = QButtonGroup(self)
        self._complexity_buttons: dict[Complexity, QRadioButton] = {}
        self._complexity_of_id: dict[int, Complexity] = {}
        for number, level in enumerate(Complexity):
            self._complexity_of_id[number] = level
            button = QRadioButton(level.label)
            button.setObjectName(f"complexity_{level.value}")
            self.complexity.addButton(button, number)
            self._complexity_buttons[level] = button
            row.addWidget(button)
        row.addStretch(1)
        self._complexity_buttons[Complexity.NORMAL].setChecked(True)
        return holder

    def _pauses_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Thời gian tạm đình chỉ, trở ngại khách quan (không tính vào hạn)"))
        box.setObjectName("pausesBox")
        column = QVBoxLayout(box)
        self.pauses = QListWidget()
        self.pauses.setObjectName("pausesList")
        self.pauses.setAccessibleName(self.tr("Các khoảng tạm dừng"))
        self.pauses.setFixedHeight(84)
        entry = QHBoxLayout()
        self.pause_from = date_edit("pauseFromEdit", self._app.services.today())
        self.pause_to = date_edit("pauseToEdit", self._app.services.today())
        self.pause_from.setAccessibleName(self.tr("Tạm dừng từ ngày"))
        self.pause_to.setAccessibleName(self.tr("Tạm dừng đến ngày"))
        self.add_pause_button = QPushButton(self.tr("Thêm"))
        self.add_pause_button.setObjectName("addPauseButton")
        self.add_pause_button.clicked.connect(self.add_pause)
        self.remove_pause_button = QPushButton(self.tr("Bỏ khoảng chọn"))
        self.remove_pause_button.setObjectName("removePauseButton")
        self.remove_pause_button.clicked.connect(self.remove_selected_pause)
        entry.addWidget(QLabel(self.tr("Từ")))
        entry.addWidget(self.pause_from)
        entry.addWidget(QLabel(self.tr("đến")))
        entry.addWidget(self.pause_to)
        entry.addWidget(self.add_pause_button)
        entry.addWidget(self.remove_pause_button)
        entry.addStretch(1)
        self.pause_error = QLabel()
        self.pause_error.setObjectName("fieldError")
        self.pause_error.hide()
        column.addLayout(entry)
        column.addWidget(self.pause_error)
        column.addWidget(self.pauses)
        return box

    # --- data ------------------------------------------------------------------------

    def _load(self) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: calendar_service.load_calendar(services, actor),
            self._loaded,
            lambda error: self.view.show_problem(explain(error)),
            owner=self,
        )

    def _loaded(self, loaded: tuple[WorkCalendar, DeadlineSettings]) -> None:
        self._calendar, self._settings = loaded
        self._rule_changed()

    def _arm_midnight(self) -> None:
        now = self._app.services.clock()
        tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 0, 5))
        self._midnight.start(int((tomorrow - now).total_seconds() * 1000))

    def _new_day(self) -> None:
        self.recompute()
        self._arm_midnight()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if {"calendar", "deadline_settings"} & kinds:
            self._load()

    # --- the form --------------------------------------------------------------------

    def selected_rule(self) -> Rule | None:
        value = self.rule.current_value()
        return RULES_BY_ID.get(str(value)) if value is not None else None

    def _rule_changed(self) -> None:
        """A rule chosen from the list: show it from its ID, not from the title's end."""
        self._show_rule()
        if self.selected_rule() is not None:
            self.rule.lineEdit().setCursorPosition(0)

    def _rule_text_edited(self, _text: str) -> None:
        """Typing in the box: a text that names no rule leaves no old result on
        screen, and one that names a rule again shows it (the list's current
        item may not have changed, so no other signal says so)."""
        self._show_rule()

    def _show_rule(self) -> None:
        """Offer only the variants the chosen rule has, and compute."""
        rule = self.selected_rule()
        if rule is None:
            self.rule_info.clear()
            self.recompute()
            return
        self.rule_info.setText(rule_summary(rule, self._settings))
        self.start_hint.setText(
            self.tr(
                "{0}. Ngày này không tính; thời hạn bắt đầu từ ngày hôm sau (BLDS Điều 147)."
            ).format(rule.start_event[:1].upper() + rule.start_event[1:])
        )
        self._complexity_buttons[Complexity.COMPLEX].setEnabled(rule.has_complexity)
        self._complexity_buttons[Complexity.ESPECIALLY_COMPLEX].setEnabled(
            rule.allows_especially_complex
        )
        checked = self.current_complexity()
        if not self._complexity_buttons[checked].isEnabled():
            self._complexity_buttons[Complexity.NORMAL].setChecked(True)
        self.remote.setEnabled(rule.has_remote_variant)
        self.remote.setChecked(self.remote.isChecked() and rule.has_remote_variant)
        self.dismissal.setEnabled(rule.dismissal_days is not None)
        self.dismissal.setChecked(self.dismissal.isChecked() and rule.dismissal_days is not None)
        self._limit_extensions()
        self.recompute()

    def _complexity_changed(self, _id: int, checked: bool) -> None:
        if checked:
            self._limit_extensions()
            self.recompute()

    def _limit_extensions(self) -> None:
        rule = self.selected_rule()
        allowed = rule.extensions_allowed_for(self.current_complexity()) if rule else 0
        self.extensions.setMaximum(allowed)
        self.extensions.setEnabled(allowed > 0)

    def current_complexity(self) -> Complexity:
        return self._complexity_of_id.get(self.complexity.checkedId(), Complexity.NORMAL)

    def current_pauses(self) -> tuple[Pause, ...]:
        return tuple(self.pauses.item(row).data(PAUSE_ROLE) for row in range(self.pauses.count()))

    def add_pause(self) -> None:
        first, last = to_date(self.pause_from.date()), to_date(self.pause_to.date())
        if last < first:
            self.pause_error.setText(self.tr("Ngày kết thúc tạm dừng phải từ ngày bắt đầu trở đi."))
            self.pause_error.show()
            return
        self.pause_error.hide()
        days = (last - first).days + 1
        item = QListWidgetItem(
            self.tr("{0} – {1} ({2} ngày)").format(f"{first:%d/%m/%Y}", f"{last:%d/%m/%Y}", days)
        )
        item.setData(PAUSE_ROLE, Pause(first, last))
        self.pauses.addItem(item)
        self.recompute()

    def remove_selected_pause(self) -> None:
        for item in self.pauses.selectedItems():
            self.pauses.takeItem(self.pauses.row(item))
        self.recompute()

    def current_request(self) -> DeadlineRequest | None:
        rule = self.selected_rule()
        if rule is None:
            return None
        return DeadlineRequest(
            rule.id,
            to_date(self.start.date()),
            complexity=self.current_complexity(),
            remote=self.remote.isChecked(),
            extensions=self.extensions.value(),
            dismissal=self.dismissal.isChecked(),
            pauses=self.current_pauses(),
        )

    def set_request(self, request: DeadlineRequest) -> None:
        """Fill the form (a screen opening the calculator on one of its deadlines)."""
        self.rule.select_value(request.rule_id)
        self.start.setDate(to_qdate(request.start))
        self._complexity_buttons[request.complexity].setChecked(True)
        self.remote.setChecked(request.remote)
        self.dismissal.setChecked(request.dismissal)
        self._limit_extensions()
        # More extensions than the law allows stay as asked: the engine then says
        # why the request is wrong instead of the form quietly changing it.
        if request.extensions > self.extensions.maximum():
            self.extensions.setMaximum(request.extensions)
        self.extensions.setValue(request.extensions)
        self.pauses.clear()
        for pause in request.pauses:
            self.pause_from.setDate(to_qdate(pause.first))
            self.pause_to.setDate(to_qdate(pause.last))
            self.add_pause()
        self.recompute()

    def recompute(self) -> None:
        if self._calendar is None:
            return
        request = self.current_request()
        if request is None:
            self.view.show_problem(self.tr("Hãy chọn một quy tắc thời hạn trong danh sách."))
            self.copy_button.setEnabled(False)
            return
        try:
            result = compute_deadline(request, self._calendar, self._settings)
        except DeadlineError as error:
            self.view.show_problem(error.message)
            self.copy_button.setEnabled(False)
            return
        status = due_status(
            # Today again: the calculator may stay open past midnight.
            result.due,
            self._app.services.today(),
            self._calendar,
            self._settings.warning_working_days,
        )
        self.view.show_result(result, status)
        self.copy_button.setEnabled(True)

    def copy_explanation(self) -> None:
        if self.view.result is not None:
            QGuiApplication.clipboard().setText(explanation_text(self.view.result))
