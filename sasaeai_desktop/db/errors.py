"""Errors about the database file that the user can act on (shown as is, in Japanese)."""

from __future__ import annotations


class DatabaseOpenError(Exception):
    """The database cannot be opened safely; nothing was written. ``str()`` is for the user."""


class NotADatabaseError(DatabaseOpenError):
    pass


class ReadOnlyDatabaseError(DatabaseOpenError):
    pass


class DatabaseInUseError(DatabaseOpenError):
    pass


class NewerSchemaError(DatabaseOpenError):
    pass


class NotInitialisedError(DatabaseOpenError):
    """The database has no prefecture yet: run ``sasaeai init``."""
