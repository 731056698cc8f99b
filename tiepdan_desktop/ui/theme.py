"""Colours and the style sheet: calm, high-contrast, large enough to read."""

from __future__ import annotations

NAVY = "#1d3557"
NAVY_LIGHT = "#2c4f7c"
ACCENT = "#c1121f"  # the red of official seals, used sparingly
PAGE_BACKGROUND = "#f4f6f9"
CARD_BORDER = "#d9dee7"
MUTED_TEXT = "#5a6678"

STYLE_SHEET = f"""
QListWidget#navigation {{
    background: {NAVY};
    color: white;
    border: none;
    outline: 0;
    padding: 8px 8px 0px 8px;
}}
QListWidget#navigation::item {{
    padding-left: 12px;
    border-radius: 6px;
}}
QListWidget#navigation::item:selected {{
    background: {NAVY_LIGHT};
    color: white;
}}
QListWidget#navigation::item:hover:!selected {{
    background: #264569;
}}
QLabel#brandTitle {{
    color: white;
    font-weight: bold;
    padding: 14px 16px 2px 16px;
}}
QLabel#brandUnit {{
    color: #c9d6e8;
    padding: 0px 16px 12px 16px;
}}
QWidget#sidebar {{
    background: {NAVY};
}}
QWidget#pageArea {{
    background: {PAGE_BACKGROUND};
}}
QLabel#pageTitle {{
    font-size: 17pt;
    font-weight: bold;
    color: {NAVY};
}}
QLabel#pageSubtitle {{
    color: {MUTED_TEXT};
}}
QFrame#card {{
    background: white;
    border: 1px solid {CARD_BORDER};
    border-radius: 8px;
}}
QLabel#cardTitle {{
    font-weight: bold;
    color: {NAVY};
}}
QPushButton#workTile {{
    background: white;
    border: 1px solid {CARD_BORDER};
    border-radius: 8px;
    text-align: left;
}}
QPushButton#workTile:hover {{
    border-color: {NAVY_LIGHT};
}}
QPushButton#workTile:checked {{
    border: 2px solid {NAVY};
    background: #eef3fa;
}}
QLabel#tileCount {{
    font-size: 20pt;
    font-weight: bold;
    color: {NAVY};
}}
QLabel#tileName {{
    color: {MUTED_TEXT};
}}
QLabel#figure {{
    font-size: 20pt;
    font-weight: bold;
    color: {NAVY};
}}
QStatusBar QLabel {{
    color: {MUTED_TEXT};
    padding: 0px 10px;
    border-left: 1px solid {CARD_BORDER};
}}
QLabel#fieldError {{
    color: {ACCENT};
}}
QLabel#hint {{
    color: {MUTED_TEXT};
}}
QPushButton#primaryButton {{
    background: {NAVY};
    color: white;
    border: none;
    border-radius: 5px;
    padding: 7px 18px;
    font-weight: bold;
}}
QPushButton#primaryButton:hover {{
    background: {NAVY_LIGHT};
}}
QPushButton#primaryButton:disabled {{
    background: #9aa7b8;
}}
QTableView {{
    background: white;
    alternate-background-color: #f7f9fc;
    gridline-color: #e3e7ee;
    selection-background-color: #cfe0f5;
    selection-color: black;
}}
QHeaderView::section {{
    background: #e9eef5;
    padding: 5px;
    border: none;
    border-right: 1px solid {CARD_BORDER};
    border-bottom: 1px solid {CARD_BORDER};
    font-weight: bold;
}}
QLabel#dueDate {{
    font-size: 20pt;
    font-weight: bold;
    color: {NAVY};
}}
QLabel#dueStatus {{
    border-radius: 4px;
    padding: 3px 8px;
    font-weight: bold;
    background: #e3f1e6;
    color: #1e6b33;
}}
QLabel#dueStatus[state="sap_den_han"] {{
    background: #fff1d6;
    color: #8a5a00;
}}
QLabel#dueStatus[state="den_han_hom_nay"], QLabel#dueStatus[state="qua_han"] {{
    background: #fbe3e4;
    color: {ACCENT};
}}
QLabel#provisionalWarning, QLabel#calendarWarning {{
    background: #fff6df;
    border: 1px solid #f0d28c;
    border-radius: 4px;
    padding: 6px 8px;
    color: #6b4a00;
}}
QTextBrowser#explanationText {{
    border: none;
    background: white;
}}
"""
