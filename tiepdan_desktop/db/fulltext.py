"""Word search in the reception and letter registers: SQLite FTS5, the one
SQLite-only piece.

`visit_fts` indexes `visit.search_text`, `letter_fts` `letter.search_text`
(external content, kept in step by triggers): the folded words (no diacritics,
đ → d) every search matches on.
Among the rows found, those whose `search_exact` (the same words with their
diacritics) holds what was typed, marks and all, are ranked first; that test
runs only on the rows found, so it needs no index of its own.

A query is a phrase whose last word may be a prefix: "nguyen van a" finds
"Nguyễn Văn An" and "Nguyễn Văn Anh".  Elsewhere than SQLite the same
question is answered, more slowly, with LIKE on `search_text`.

A migration that rebuilds an indexed table renumbers its rows; `install`
(run after every upgrade) rebuilds the index, so nothing goes stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Connection, Integer, literal_column, text

from tiepdan_desktop.db.engine import is_sqlite
from tiepdan_desktop.db.models import Letter, Visit
from tiepdan_desktop.domain.text import normalize_text, search_key

# A lone word this short matches most of the register: it is matched whole, not as
# a prefix, so the first keystrokes stay quick and say something.
MIN_PREFIX_LENGTH = 3
_WORD = re.compile(r"\w+")

# The registers with a word index: the reception register and the letter register.
INDEXED_TABLES = ("visit", "letter")
FTS_TABLE = "visit_fts"
LETTER_FTS_TABLE = "letter_fts"


def _statements(table: str) -> tuple[str, ...]:
    fts = f"{table}_fts"
    return (
        # Prefix indexes were measured and left out: they slow the build and barely
        # speed a search, whose cost is ordering the rows found.
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(
            search_text, content='{table}', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 0')""",
        f"""CREATE TRIGGER IF NOT EXISTS {fts}_after_insert AFTER INSERT ON {table} BEGIN
            INSERT INTO {fts}(rowid, search_text) VALUES (new.rowid, new.search_text);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS {fts}_after_delete AFTER DELETE ON {table} BEGIN
            INSERT INTO {fts}({fts}, rowid, search_text)
            VALUES ('delete', old.rowid, old.search_text);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS {fts}_after_update
            AFTER UPDATE OF search_text ON {table} BEGIN
            INSERT INTO {fts}({fts}, rowid, search_text)
            VALUES ('delete', old.rowid, old.search_text);
            INSERT INTO {fts}(rowid, search_text) VALUES (new.rowid, new.search_text);
        END""",
    )


def _triggers(table: str) -> tuple[str, ...]:
    return tuple(f"{table}_fts_after_{event}" for event in ("insert", "delete", "update"))


def is_fulltext_table(name: str) -> bool:
    """The indexes' own tables, which the models do not describe."""
    return any(
        name == f"{table}_fts" or name.startswith(f"{table}_fts_") for table in INDEXED_TABLES
    )


def install(connection: Connection) -> None:
    """Create the indexes and their triggers if missing, and (re)build them."""
    if not is_sqlite(connection):
        return
    for table in INDEXED_TABLES:
        for statement in _statements(table):
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


def rebuild(connection: Connection, table: str) -> None:
    """Rebuild one register's index from its rows: the words of rows whose keys
    lost a protected identity leave the index's pages (zeroed by secure_delete)."""
    if is_sqlite(connection) and table in INDEXED_TABLES:
        connection.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


@contextmanager
def paused(connection: Connection) -> Iterator[None]:
    """Around a bulk load: the triggers are dropped and the indexes built once at
    the end, far faster than row by row (inside the caller's transaction, so a
    failed load leaves indexes and triggers as they were)."""
    if not is_sqlite(connection):
        yield
        return
    for table in INDEXED_TABLES:
        for name in _triggers(table):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    yield
    install(connection)


def _phrase(words: list[str]) -> str:
    prefix = len(words) > 1 or len(words[0]) >= MIN_PREFIX_LENGTH
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def search_words(typed: str) -> tuple[list[str], list[str]]:
    """The words of a search, folded and as typed (lower case, NFC)."""
    exact = _WORD.findall(normalize_text(typed).lower())
    return _WORD.findall(search_key(typed)), exact


def match_count(connection: Connection, typed: str, table: str = "visit") -> int | None:
    """How many rows of `table` a search finds, from the index alone (None: no
    index here, or no words typed)."""
    folded, _exact = search_words(typed)
    if not folded or not is_sqlite(connection):
        return None
    counted = connection.exec_driver_sql(
        f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH ?", (_phrase(folded),)
    )
    return int(counted.scalar_one())


def _matching(
    connection: Connection, words: list[str], walk_order: bool, table: str = "visit"
) -> ColumnElement[bool]:
    if is_sqlite(connection):
        # "+rowid" keeps SQLite from fetching the rows found one by one and then
        # sorting them: it walks the index of the order instead and keeps the rows
        # found (ten times quicker when a third of the register is found).
        column = f"+{table}.rowid" if walk_order else f"{table}.rowid"
        rowid: ColumnElement[int] = literal_column(column, Integer)
        matched = text(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :q").bindparams(
            q=_phrase(words)
        )
        return rowid.in_(matched)
    model = Letter if table == "letter" else Visit
    return model.search_text.contains(" ".join(words), autoescape=True)


def visit_search(
    connection: Connection, typed: str, walk_order: bool = False
) -> tuple[ColumnElement[bool] | None, ColumnElement[bool] | None]:
    """The condition a register row must meet for the search `typed` (None: no
    words typed), and, when what was typed has diacritics, the condition that
    ranks a row first.  `walk_order`: the rows are read in the order's index."""
    folded, exact = search_words(typed)
    if not folded:
        return None, None
    matches = _matching(connection, folded, walk_order)
    if exact == folded:  # nothing to rank by: no diacritics were typed
        return matches, None
    return matches, Visit.search_exact.contains(" ".join(exact), autoescape=True)


def letter_search(
    connection: Connection, typed: str, walk_order: bool = False
) -> ColumnElement[bool] | None:
    """The condition a letter register row must meet for the search `typed`."""
    folded, _exact = search_words(typed)
    return _matching(connection, folded, walk_order, "letter") if folded else None


def letters_sharing_words(connection: Connection, words: list[str], limit: int) -> list[int]:
    """Rowids of the letters whose indexed words best share `words` (folded), best
    first by the index's BM25 rank: the candidates of a similar-content check.
    Empty elsewhere than SQLite (the check then relies on the people alone)."""
    if not words or not is_sqlite(connection):
        return []
    query = " OR ".join(f'"{word}"' for word in words)
    found = connection.exec_driver_sql(
        f"SELECT rowid FROM {LETTER_FTS_TABLE} WHERE {LETTER_FTS_TABLE} MATCH ? "
        "ORDER BY rank LIMIT ?",
        (query, limit),
    )
    return [int(rowid) for rowid in found.scalars()]
