"""Schema migrations at start-up: back the file up, upgrade in one transaction, refuse the future."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from .errors import NewerSchemaError, NotADatabaseError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_file(db_path: Path, label: str) -> Path:
    """A consistent copy through SQLite's backup API (safe with WAL, unlike copying bytes)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.backup-{label}-{stamp}{db_path.suffix or '.db'}")
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def ensure_schema(engine: Engine, db_path: Path | None, *, target: str = "head") -> MigrationResult:
    """Bring the database to ``target``; never touch a database from a newer program."""
    script = script_directory()
    current = current_revision(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerSchemaError(
            f"このデータベース（{db_path or 'メモリ'}）は新しいバージョンの SasaeAI で更新されています"
            f"（スキーマ {current}）。このプログラムでは開けません。プログラムを更新してください。"
            "データベースには何も書き込んでいません。"
        )
    wanted = script.get_current_head() if target == "head" else target
    assert wanted is not None
    if current == wanted:
        return MigrationResult(current, wanted, None)
    if current is None:
        foreign = [t for t in inspect(engine).get_table_names() if not t.startswith("sqlite_")]
        if foreign:
            raise NotADatabaseError(
                f"「{db_path}」は SasaeAI のデータベースではありません（別のアプリのテーブル {', '.join(foreign[:5])} があります）。"
                "ファイルは変更していません。"
            )
    backup = None
    if current is not None and db_path is not None:
        backup = backup_file(db_path, current)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, wanted)
    return MigrationResult(current, wanted, backup)
