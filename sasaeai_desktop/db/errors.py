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


class DamagedDatabaseError(NotADatabaseError):
    """SQLite's own check found damage: nothing may be written into the file (db/integrity.py)."""


class NotEnoughSpaceError(DatabaseOpenError):
    """Too little free disk space for a backup or a migration (db/disk_space.py); nothing written."""


class BackupFailedError(DatabaseOpenError):
    """The copy made before a migration could not be written or failed its check; no file left."""


class RestoreRefusedError(DatabaseOpenError):
    """The file chosen to restore from is damaged, not ours or from a newer version; nothing written."""
