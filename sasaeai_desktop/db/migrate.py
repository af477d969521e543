"""Schema migrations at start-up: back the file up, upgrade in one transaction, refuse the future."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy import text

from .backups import backup_file
from .backups import damaged_message
from .backups import database_bytes
from .disk_space import check_free_space
from .disk_space import disk_full_message
from .disk_space import is_disk_full
from .errors import DamagedDatabaseError
from .errors import NewerSchemaError
from .errors import NotADatabaseError
from .errors import NotEnoughSpaceError
from .integrity import quick_check_problem

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION_RE = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_RE = re.compile(r"^down_revision\s*=\s*(None|['\"]([^'\"]+)['\"])", re.MULTILINE)


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@lru_cache(maxsize=1)
def revision_graph() -> dict[str, str | None]:
    """revision → down_revision, read from the migration files as text.

    Importing Alembic costs ~0.25 s, which every start would pay just to learn that the
    database is already current; a test checks this reading against Alembic's own.
    """
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION_RE.search(source), _DOWN_RE.search(source)
        if rev and down:
            graph[rev.group(1)] = down.group(2)
    return graph


def known_revisions() -> set[str]:
    return set(revision_graph())


def head_revision() -> str:
    graph = revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).first()
        if not has_table:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def preflight(db_path: Path) -> str | None:
    """Read-only look at an existing file before anything writes to it (not even the WAL switch).

    Returns the schema revision (None for an empty file); raises when the file is
    damaged, belongs to another program, or comes from a newer SasaeAI.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            current = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                current = row[0] if row else None
            problem = quick_check_problem(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_CORRUPT":
            raise DamagedDatabaseError(damaged_message(db_path, str(exc))) from exc
        raise NotADatabaseError(
            f"データベース「{db_path}」を読めません（ファイルが壊れているか、SQLite ではありません: {exc}）。"
            "ファイルは変更していません。バックアップから戻すか、別のファイルを指定してください。"
        ) from exc
    if problem is not None:
        raise DamagedDatabaseError(damaged_message(db_path, problem))
    if current is None:
        foreign = [t for t in tables if not t.startswith("sqlite_")]
        if foreign:
            raise NotADatabaseError(
                f"「{db_path}」は SasaeAI のデータベースではありません（別のアプリのテーブル {', '.join(foreign[:5])} があります）。"
                "ファイルは変更していません。"
            )
    _refuse_newer(current, db_path)
    return current


def _refuse_newer(current: str | None, db_path: Path | None) -> None:
    if current is not None and current not in known_revisions():
        raise NewerSchemaError(
            f"このデータベース（{db_path or 'メモリ'}）は新しいバージョンの SasaeAI で更新されています"
            f"（スキーマ {current}）。このプログラムでは開けません。プログラムを更新してください。"
            "データベースには何も書き込んでいません。"
        )


def ensure_schema(engine: Engine, db_path: Path | None, *, target: str = "head") -> MigrationResult:
    """Bring the database to ``target`` in one transaction, after a backup of an existing schema."""
    current = current_revision(engine)
    _refuse_newer(current, db_path)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return MigrationResult(current, wanted, None)
    from alembic import command
    # The copy, then at worst a write-ahead log as large as the file (a migration may rebuild
    # any table): both must fit before either starts.
    needed = 2 * database_bytes(db_path) if db_path is not None else 0
    if db_path is not None:
        check_free_space(db_path.parent, needed, before="データベースの更新（移行）とそのバックアップ")
    backup = None
    if current is not None and db_path is not None:
        backup = backup_file(db_path, "migration")
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, wanted)
    except Exception as exc:
        if not is_disk_full(exc):
            raise
        kept = f"バックアップ「{backup}」は残しています。" if backup is not None else ""
        raise NotEnoughSpaceError(
            f"{disk_full_message(needed)}データベースの更新（移行）を書き込めなかったため、取り消しました。"
            f"データベースは元のままです。{kept}空きを作ってから、もう一度開いてください。"
        ) from exc
    return MigrationResult(current, wanted, backup)
