"""Dialogs: detail forms (their layout lives in ui/*.ui) and small choosers."""
