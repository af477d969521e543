"""The one atomic save: write a temporary file in the target's folder, rename it onto the target
(``os.replace``) only when the writing ended without error, remove it otherwise. A kill or a
full disk never leaves half a file, and an existing target stays as it was until the new one is
complete.

Every file the program writes goes through ``atomic_write``: the outputs a user gets
(io/output_files.py adds its checks around it: never onto an open database, a full disk said in
plain Japanese, locked targets), backups (db/backups.py), the ``.replica`` side file
(db/change_capture.py) and the settings (app_settings.py).

Why here, at the top of the package beside paths.py and app_settings.py, and not in io/: db/ may
not import io/ (tests/unit/test_architecture.py) and domain/ does no file I/O, while every layer
may import these few modules, which import nothing of the package themselves.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def new_temp_beside(target: Path, suffix: str = ".tmp") -> Path:
    """A new empty hidden file in ``target``'s folder whose name no other writer has taken."""
    for _ in range(100):
        candidate = target.with_name(f".{target.stem[:80]}.{secrets.token_hex(4)}{suffix}")
        try:
            # Created by us (not mkstemp) so the final file gets the usual permissions.
            with open(candidate, "xb"):
                pass
            return candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target))


@contextmanager
def atomic_write(target: str | os.PathLike[str], *, temp: Path | None = None) -> Iterator[Path]:
    """Yield the temporary path to write; it replaces ``target`` when the block ends without error.

    ``temp``: the temporary path to use, in ``target``'s folder (a fixed name that a later run
    overwrites or a clean-up finds: ``.partial`` backups); by default a new hidden file.
    Checks that must hold at the moment of the rename go at the end of the block."""
    target = Path(target)
    tmp = new_temp_beside(target, target.suffix + ".tmp") if temp is None else temp
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise
