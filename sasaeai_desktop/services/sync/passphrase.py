"""The dataset's passphrase: set by the first file written, checked by every later one, adopted
from the first file read (the key derivation parameters live in the database's meta table)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.passphrase import new_passphrase_problem
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services.sync.replica import META_KDF


def check_passphrase_text(passphrase: str | None) -> str:
    if not passphrase:
        raise UserError("合言葉（パスフレーズ）を指定してください（--passphrase-file または環境変数 SASAEAI_PASSPHRASE）。")
    return passphrase


def kdf_for_writing(db: sqlite3.Connection, passphrase: str) -> pkg.KdfParams:
    """The dataset's KDF parameters after checking the passphrase; set on first use."""
    stored = cc.get_meta(db, META_KDF)
    if stored:
        d = json.loads(stored)
        kdf = pkg.KdfParams.from_json(d)
        if pkg.key_check(pkg.master_key(passphrase, kdf)) != d.get("check"):
            raise UserError("合言葉（パスフレーズ）が違います。このデータの同期に使っている合言葉を指定してください。")
        return kdf
    # The first file sets the dataset's passphrase: the one rule for a new one applies here, for
    # the window and the command line alike (an existing one is only checked above).
    problem = new_passphrase_problem(passphrase)
    if problem:
        raise UserError(problem)
    kdf = pkg.KdfParams.new()
    cc.set_meta(db, META_KDF, json.dumps({**kdf.to_json(), "check": pkg.key_check(pkg.master_key(passphrase, kdf))}))
    return kdf


def adopt_kdf(db: sqlite3.Connection, header: dict[str, Any]) -> None:
    if not cc.get_meta(db, META_KDF):
        cc.set_meta(db, META_KDF, json.dumps({**header["kdf"], "check": header["key_check"]}))
