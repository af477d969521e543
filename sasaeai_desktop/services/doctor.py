"""``sasaeai doctor``: what the program sees on this machine, and whether it will work.

Read-only and safe beside a running window: the database is opened read-only (no lock taken, no
migration, no backup, nothing created — not even its folder; only SQLite's own -wal/-shm appear, as
for any reader of a WAL database), backups are only listed. Each check is a plain
record; Qt's part (can a window start, Qt's Japanese translations) comes from
gui/qt_preflight.py through the command line, since services never import Qt.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

OK = "ok"
WARNING = "warning"  # works, with something the user may want to know (no backups yet …)
PROBLEM = "problem"  # something will not work: the command exits non-zero

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
PDF_FONT = "ipaexg.ttf"  # io/pdf/common.py embeds this one in every printout
SHOWN_BACKUPS = 5


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    status: str
    text: str
    details: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["details"] = list(self.details)
        return data


def overall_ok(checks: list[Check]) -> bool:
    return all(c.status != PROBLEM for c in checks)


def version_check() -> Check:
    from sasaeai_desktop import __version__

    frozen = "デスクトップ版（PyInstaller）" if getattr(sys, "frozen", False) else "Python パッケージ"
    return Check("version", "バージョン", OK, f"SasaeAI Desktop {__version__}（{frozen}、Python {platform.python_version()}、{platform.system()}）")


def resources_check() -> Check:
    from sasaeai_desktop.paths import resources_dir

    folder = resources_dir()
    needed = [folder / "data" / "prefectures.csv", folder / "data" / "municipalities.csv"]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        return Check("resources", "同梱データ", PROBLEM, f"市町村マスタがありません（{folder}）。インストールし直してください。", tuple(missing))
    return Check("resources", "同梱データ", OK, str(folder))


def database_checks(db_path: Path) -> list[Check]:
    """The file, its schema revision against the code's, and free disk beside it."""
    from sasaeai_desktop.db.backups import database_bytes
    from sasaeai_desktop.db.errors import DatabaseOpenError
    from sasaeai_desktop.db.file_checks import check_database_file
    from sasaeai_desktop.db.migrate import head_revision
    from sasaeai_desktop.db.migrate import preflight

    head = head_revision()
    checks: list[Check] = []
    size = database_bytes(db_path) if db_path.is_file() else 0
    revision: str | None = None
    problem: str | None = None
    try:
        check_database_file(db_path)
        revision = preflight(db_path)  # read-only; raises for a damaged, foreign or newer file
    except DatabaseOpenError as exc:
        problem = str(exc)
    if not db_path.exists():
        checks.append(Check("database", "データベース", OK, f"{db_path}（まだありません。最初の起動で作られます）"))
    elif problem is not None:
        checks.append(Check("database", "データベース", PROBLEM, f"{db_path}（{_mb(size)}）", (problem,)))
    else:
        checks.append(Check("database", "データベース", OK, f"{db_path}（{_mb(size)}）"))

    if problem is not None and db_path.exists():
        checks.append(Check("schema", "スキーマ", PROBLEM, f"読めません（プログラムの版: {head}）"))
    elif revision is None:
        checks.append(Check("schema", "スキーマ", OK, f"未作成（プログラムの版: {head}）"))
    elif revision == head:
        checks.append(Check("schema", "スキーマ", OK, f"{revision}（最新）"))
    else:
        checks.append(Check("schema", "スキーマ", OK, f"{revision} → {head}（次に開くとき、バックアップを取ってから更新されます）"))
    checks.append(disk_check(db_path, size))
    return checks


def disk_check(db_path: Path, db_bytes: int) -> Check:
    """Room for what opening may write: a backup (a whole copy) and a migration (about one more)."""
    from sasaeai_desktop.db.disk_space import MARGIN_BYTES
    from sasaeai_desktop.db.disk_space import MB
    from sasaeai_desktop.db.disk_space import free_bytes

    folder = _existing_folder(db_path.parent)
    free = free_bytes(folder)
    needed = 2 * db_bytes + MARGIN_BYTES
    text = f"空き {free // MB:,} MB（{folder}）"
    if free < needed:
        return Check("disk", "ディスクの空き", PROBLEM, text, (f"バックアップと更新に約 {needed // MB + 1:,} MB 必要です。不要なファイルを削除してください。",))
    return Check("disk", "ディスクの空き", OK, text)


def backups_check(db_path: Path) -> Check:
    """This database's backups (its backup folder, and those older versions left beside it),
    newest first, with what made each one."""
    from sasaeai_desktop.db.backups import backup_folder
    from sasaeai_desktop.db.backups import backup_infos

    found = backup_infos(db_path) if db_path.parent.is_dir() else []
    if not found:
        return Check("backups", "バックアップ", WARNING if db_path.exists() else OK,
                     f"まだありません（保存先: {backup_folder(db_path)}）")
    shown = tuple(f"{b.made:%Y-%m-%d %H:%M}  {b.label}  {_mb(b.size)}  {b.path.name}" for b in found[:SHOWN_BACKUPS])
    more = f"（新しい {SHOWN_BACKUPS} 件を表示）" if len(found) > SHOWN_BACKUPS else ""
    return Check("backups", "バックアップ", OK, f"{len(found)} 件（{found[0].path.parent}）{more}", shown)


def fonts_check() -> Check:
    """Every bundled font: found, and allowed to be embedded in a PDF (its licence bits, read the
    way reportlab reads them when it embeds). The PDF font missing or locked is a problem."""
    from sasaeai_desktop.paths import resource_path

    folder = resource_path("fonts")
    fonts = sorted(p for p in folder.glob("*") if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []
    details = []
    status = OK
    for font in fonts:
        problem = _embedding_problem(font)
        details.append(f"{font.name}: {'埋め込み可' if problem is None else '使えません（' + problem + '）'}")
        if problem is not None and font.name == PDF_FONT:
            status = PROBLEM
    if PDF_FONT not in {f.name for f in fonts}:
        status = PROBLEM
        details.append(f"{PDF_FONT}: ありません（PDF が作れません）。インストールし直してください。")
    return Check("fonts", "フォント", status, str(folder), tuple(details))


def _embedding_problem(font: Path) -> str | None:
    from reportlab.pdfbase.ttfonts import TTFError
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        TTFontFile(str(font), validate=0)  # raises when the font forbids embedding or is not a TrueType
    except (TTFError, OSError) as exc:
        return str(exc)
    return None


def _existing_folder(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return candidate
    return folder


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB"
