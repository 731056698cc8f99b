"""Looking up the person being typed: a short pause after the last keystroke,
then the people already in the database are offered beside the fields.
Used by every form that records citizens (visitors, letter filers)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from tiepdan_desktop.domain.visit_records import PersonInput, PersonMatch
from tiepdan_desktop.ui.widgets.person_editor import PersonEditor
from tiepdan_desktop.ui.widgets.person_matches import PersonMatchesPanel

LOOKUP_PAUSE_MS = 250
# Looks people up; called with what is typed, answers on the GUI thread.
Lookup = Callable[[PersonInput, Callable[[list[PersonMatch]], None]], None]


class LiveLookup(QObject):
    chosen = Signal(object)  # PersonMatch, after the editor took it

    def __init__(
        self, editor: PersonEditor, matches: PersonMatchesPanel, lookup: Lookup, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._editor, self._matches, self._lookup = editor, matches, lookup
        self._lookups = 0  # numbers the lookups, so a late answer is dropped
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOOKUP_PAUSE_MS)
        self._timer.timeout.connect(self._look_up)
        editor.lookup_needed.connect(self._timer.start)
        matches.chosen.connect(self._use_match)

    def _look_up(self) -> None:
        # Lookups run on a pool and may answer out of order: only the latest counts.
        self._lookups += 1
        number = self._lookups
        typed = self._editor.value()
        if len(typed.full_name.strip()) < 2 and not (typed.id_number or "").strip():
            self._matches.show_matches([], typed=False)
            return

        def arrived(matches: list[PersonMatch]) -> None:
            if number == self._lookups:
                self._matches.show_matches(matches)

        self._lookup(typed, arrived)

    def _use_match(self, match: PersonMatch) -> None:
        self._editor.set_value(match)
        self.chosen.emit(match)

    def forget(self) -> None:
        """The fields were emptied: an answer still on its way is for someone else."""
        self._lookups += 1
        self._timer.stop()
        self._matches.show_matches([], typed=False)
