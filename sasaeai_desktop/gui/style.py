"""The application style sheet: a few named widgets only, so the platform look stays otherwise.

Colours are chosen for contrast on office projectors as much as on laptops.
"""

from __future__ import annotations

STYLE_SHEET = """
QListWidget#navigation {
    background: #f2f4f7;
    border: none;
    border-right: 1px solid #d5dae1;
    padding-top: 10px;
    outline: 0;
}
QListWidget#navigation::item {
    padding-left: 8px;
    margin: 1px 8px;
    border-radius: 6px;
    color: #1f2933;
}
QListWidget#navigation::item:hover { background: #e4e9f0; }
QListWidget#navigation::item:selected { background: #d3e3f7; color: #0b4f9c; }

QLabel#pageTitle { font-size: 16pt; font-weight: bold; color: #1f2933; }
QLabel#pageSubtitle { color: #52606d; }
QLabel#sectionHeader { font-size: 11pt; font-weight: bold; color: #334e68; }
QLabel#countLabel { color: #52606d; }
QLabel#noteLabel { color: #616e7c; }
QLabel#bodyText { color: #1f2933; }
QLabel#errorLabel { color: #c62828; }
QLabel#savedLabel { color: #2f7d32; }
QLabel#matchWarningLabel {
    color: #7a4a00;
    background: #fff4e0;
    border: 1px solid #f0c36d;
    border-radius: 4px;
    padding: 6px;
}

QFrame#tile {
    background: #ffffff;
    border: 1px solid #d5dae1;
    border-radius: 8px;
}
QFrame#tile:hover { border-color: #7aa7dc; }
QFrame#tile[alert="true"] { border-color: #d64545; }
QLabel#tileCaption { color: #334e68; font-weight: bold; }
QLabel#tileNumber { font-size: 26pt; font-weight: bold; color: #0b4f9c; }
QFrame#tile[alert="true"] QLabel#tileNumber { color: #c62828; }
QLabel#tileDetail { color: #7b8794; font-size: 9pt; }

*[invalid="true"] { border: 1px solid #d32f2f; background: #fff5f5; }
"""
