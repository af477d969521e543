"""A box layout written as the list of what it holds, in order: widgets, inner layouts, a fixed
space, a stretch, or a widget or layout that takes a share of the room left (``(view, 1)``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Space:
    pixels: int


@dataclass(frozen=True)
class Stretch:
    factor: int = 1


Item = QWidget | QLayout | Space | Stretch | tuple[QWidget | QLayout, int]
Margins = tuple[int, int, int, int]


def fill(layout: QBoxLayout, items: tuple[Item, ...], margins: Margins | None, spacing: int | None) -> None:
    if margins is not None:
        layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    for item in items:
        stretch = 0
        if isinstance(item, tuple):
            item, stretch = item
        if isinstance(item, Space):
            layout.addSpacing(item.pixels)
        elif isinstance(item, Stretch):
            layout.addStretch(item.factor)
        elif isinstance(item, QWidget):
            layout.addWidget(item, stretch)
        else:
            layout.addLayout(item, stretch)


def column(parent: QWidget | None, *items: Item, margins: Margins | None = None,
           spacing: int | None = None) -> QVBoxLayout:
    """Top to bottom; set on ``parent`` when given. Margins and spacing stay the style's unless given."""
    layout = QVBoxLayout(parent) if parent is not None else QVBoxLayout()
    fill(layout, items, margins, spacing)
    return layout


def row(parent: QWidget | None, *items: Item, margins: Margins | None = None,
        spacing: int | None = None) -> QHBoxLayout:
    """Left to right; as ``column``."""
    layout = QHBoxLayout(parent) if parent is not None else QHBoxLayout()
    fill(layout, items, margins, spacing)
    return layout
