"""Generated from ui/*.ui by packaging/build_ui.py — do not edit the ui_*.py files by hand."""
