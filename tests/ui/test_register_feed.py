"""The register feed asks at each keystroke, one question at a time: typing fast
reads the first text and the newest, never one read per key; the model's rows
stay bounded however far the register is scrolled."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from tiepdan_desktop.domain.visit_records import RegisterStart
from tiepdan_desktop.ui.models.visit_register_model import BLOCK, KEPT_BLOCKS, VisitRegisterModel
from tiepdan_desktop.ui.register_feed import RegisterFeed
from tiepdan_desktop.ui.tasks import TaskRunner

from .conftest import settle


class _Register:
    """Keys 0…n-1 whose rows are never read (the feed alone is under test)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.asked: list[str] = []
        self.keys_read: list[str] = []
        self.hold = threading.Event()
        self.hold.set()

    def start(self, text: str) -> RegisterStart:
        self.asked.append(text)
        self.hold.wait(10)
        return RegisterStart(self.total, list(range(min(self.total, 2 * BLOCK))))

    def keys(self, text: str) -> list[int]:
        self.keys_read.append(text)
        return list(range(self.total))


def _feed(
    tasks: TaskRunner, register: _Register, owner: QWidget
) -> tuple[RegisterFeed[str], VisitRegisterModel, list[str]]:
    table = QTableView(owner)
    model = VisitRegisterModel(tasks, lambda _keys: [], owner)
    table.setModel(model)
    feed: RegisterFeed[str] = RegisterFeed(
        tasks, owner, table, model, register.start, register.keys, "Không đọc được sổ"
    )
    shown: list[str] = []
    feed.arrived = lambda wanted, _total: shown.append(wanted)
    return feed, model, shown


def test_fast_typing_reads_the_first_text_and_the_newest(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    owner = QWidget()
    register = _Register(5_000)
    feed, model, shown = _feed(tasks, register, owner)
    register.hold.clear()  # the first read takes its time …
    for end in range(1, 6):
        feed.load("nguyen"[:end])  # … while four more keys are typed
    qtbot.waitUntil(lambda: register.asked == ["n"])
    register.hold.set()
    settle(qtbot, tasks)
    assert register.asked == ["n", "nguye"]  # "ng", "ngu", "nguy" never read
    assert shown == ["nguye"]  # the answer to "n" came too late to be shown
    assert register.keys_read == ["nguye"]
    assert model.rowCount() == 5_000 and model.complete


def test_a_question_asked_while_keys_are_read_skips_their_reading(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    owner = QWidget()
    register = _Register(5_000)
    feed, _model, shown = _feed(tasks, register, owner)
    feed.load("an")
    feed.load("anh")  # asked before the first answer: waits, then replaces it
    settle(qtbot, tasks)
    assert register.asked == ["an", "anh"] and shown == ["anh"]
    assert "an" not in register.keys_read


def test_the_first_rows_are_painted_before_the_rest_of_the_keys_are_read(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    """Reading every key holds the interpreter for a while: the rows the
    official waits for are on screen first, not painted in competition with it."""

    class Register(_Register):
        def __init__(self) -> None:
            super().__init__(5_000)
            self.paints_with_rows = 0
            self.painted_when_keys_read: list[int] = []

        def keys(self, text: str) -> list[int]:
            self.painted_when_keys_read.append(self.paints_with_rows)
            return super().keys(text)

    class PaintWatch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt's name
            if event.type() == QEvent.Type.Paint and model.rowCount():
                register.paints_with_rows += 1
            return False

    owner = QWidget()
    register = Register()
    feed, model, _shown = _feed(tasks, register, owner)
    table = owner.findChild(QTableView)
    table.resize(600, 400)
    with qtbot.waitExposed(owner):  # a window not yet on screen is painted later
        owner.show()
    watch = PaintWatch()
    table.viewport().installEventFilter(watch)
    feed.load("an")
    settle(qtbot, tasks)
    assert model.complete and register.painted_when_keys_read[0] >= 1


def test_scrolling_a_long_register_keeps_only_blocks_near_the_view(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    read_blocks: list[int] = []

    def rows(keys: list[int]) -> list[object]:
        read_blocks.append(keys[0] // BLOCK)
        return [_Row(key) for key in keys]

    model = VisitRegisterModel(tasks, rows)  # type: ignore[arg-type]
    model.set_keys(list(range(300 * BLOCK)))
    for block in range(300):  # end to end, a block at a time
        model.prefetch(block * BLOCK, block * BLOCK + 30)
        settle(qtbot, tasks)
    assert len(read_blocks) == 300
    assert model.record(300 * BLOCK - 1) is not None  # the view's rows are kept …
    assert model.record(0) is None  # … the first ones long forgotten
    assert len(model._rows) <= KEPT_BLOCKS * BLOCK
    model.prefetch(0, 30)  # scrolled back: read again
    settle(qtbot, tasks)
    assert model.record(0) is not None and read_blocks[-1] == 0


def test_the_first_rows_come_with_the_first_keys(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    """The screen paints the rows that came with its first keys without asking
    for them again; the next block is read when it comes into view."""
    asked: list[list[int]] = []

    def rows(keys: list[int]) -> list[object]:
        asked.append(keys)
        return [_Row(key) for key in keys]

    model = VisitRegisterModel(tasks, rows)  # type: ignore[arg-type]
    keys = list(range(3 * BLOCK))
    model.set_keys(keys[: 2 * BLOCK], len(keys), tuple(_Row(key) for key in keys[:BLOCK]))
    assert model.record(0) is not None and model.record(BLOCK - 1) is not None
    model.prefetch(0, BLOCK + 5)
    settle(qtbot, tasks)
    assert asked == [keys[BLOCK : 2 * BLOCK]]


class _Row:
    def __init__(self, key: int) -> None:
        self.key = key


def test_blocks_are_kept_near_the_view_and_the_selected_row_always(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    model = VisitRegisterModel(tasks, lambda keys: [_Row(key) for key in keys])  # type: ignore[arg-type, misc]
    model.set_keys(list(range(300 * BLOCK)))
    model.pinned_row = 5  # selected, then scrolled far away
    model.prefetch(250 * BLOCK, 250 * BLOCK + 30)  # the view is at block 250 …
    settle(qtbot, tasks)
    model.prefetch(0, 30)
    settle(qtbot, tasks)
    for block in range(100, 140):  # … and late blocks of a fast drag arrive elsewhere
        model.prefetch(block * BLOCK, block * BLOCK + 30)
    model.prefetch(250 * BLOCK, 250 * BLOCK + 30)  # the view is back at 250 when they land
    settle(qtbot, tasks)
    assert model.record(250 * BLOCK) is not None  # the view's rows stay
    assert model.record(5) is not None  # the selected row's record stays
    assert len(model._rows) <= (KEPT_BLOCKS + 1) * BLOCK


def test_the_keys_of_the_register_on_screen_come_even_when_a_newer_question_fails(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner, shown_messages: list[tuple[str, str]]
) -> None:
    """The register on screen stays whole: its keys are read though a newer
    question was asked meanwhile, when that one fails (a locked database)."""
    owner = QWidget()
    register = _Register(5_000)
    start, keys = register.start, register.keys
    keys_may_go = threading.Event()

    def failing(text: str) -> RegisterStart:
        if text == "hỏng":
            raise OSError("database is locked")
        return start(text)

    def held_keys(text: str) -> list[int]:
        keys_may_go.wait(10)
        return keys(text)

    register.start = failing  # type: ignore[method-assign]
    register.keys = held_keys  # type: ignore[method-assign]
    feed, model, shown = _feed(tasks, register, owner)
    feed.load("")
    qtbot.waitUntil(lambda: shown == [""])  # on screen; its keys are on their way
    feed.load("hỏng")
    qtbot.waitUntil(lambda: bool(shown_messages))  # the newer question failed
    keys_may_go.set()
    settle(qtbot, tasks)
    assert "Không đọc được sổ" in shown_messages[0][0]
    assert shown == [""] and model.complete and model.rowCount() == 5_000
