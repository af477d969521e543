"""run_gui as a whole, in a fresh process each: screenshot mode, the first page, bad databases."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sasaeai_desktop.bootstrap import open_database

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, *, env: dict[str, str] | None = None, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.update({"QT_QPA_PLATFORM": "offscreen", **(env or {})})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=timeout
    )


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_screenshot_mode_writes_a_png_and_stays_light(db_path: Path, tmp_path: Path) -> None:
    png = tmp_path / "municipalities.png"
    code = (
        "import sys\n"
        "from sasaeai_desktop.gui.app import run_gui\n"
        f"rc = run_gui({str(db_path)!r}, screenshot={str(png)!r}, page='municipalities')\n"
        # start-up must not have paid for the Excel and PDF libraries, nor the import dialog
        "heavy = ('openpyxl', 'reportlab', 'sasaeai_desktop.gui.dialogs.import_dialog')\n"
        "print('heavy:', sorted(m for m in heavy if m in sys.modules))\n"
        "sys.exit(rc)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert _png_size(png) == (1280, 800)
    assert "heavy: []" in result.stdout


def test_screenshot_without_a_prefecture_shows_the_window_anyway(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_database(db).close()  # migrated, no prefecture yet: a first start
    png = tmp_path / "first.png"
    code = f"import sys; from sasaeai_desktop.gui.app import run_gui; sys.exit(run_gui({str(db)!r}, screenshot={str(png)!r}))"
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert _png_size(png) == (1280, 800)


# Run in the child: once the first page has its data, what it shows and, for a list, what a search
# through the same model finds; then the program ends.
_FIRST_PAGE_SPY = """
import sys
from PySide6.QtCore import QTimer
from sasaeai_desktop.gui.app import Launcher, run_gui
attach = Launcher._attach
def spy(self, shell):
    page = attach(self, shell)
    def ready():
        if getattr(page, '_spied', False):
            return  # the search below shows data again
        page._spied = True
        rows = page.model.total if hasattr(page, 'model') else page.summary.municipalities
        searched = -1
        if hasattr(page, 'model'):
            page.model.set_search('{search}')
            searched = page.model.total
        print('spy', rows, searched, flush=True)
        self.app.exit(0)
    if page.is_data_ready():
        QTimer.singleShot(0, ready)
    else:
        page.data_ready.connect(ready)
    return page
Launcher._attach = spy
sys.exit(run_gui({db!r}, page={page!r}))
"""


def _spy_line(result: subprocess.CompletedProcess[str]) -> list[str]:
    return next(line.split() for line in result.stdout.splitlines() if line.startswith("spy"))


@pytest.mark.parametrize(("page", "search", "rows", "searched"),
                         [("people", "", 0, 0), ("municipalities", "松本", 77, 1), ("dashboard", "", 77, -1)])
def test_the_first_page_shows_its_data_and_searches(db_path: Path, page: str, search: str, rows: int, searched: int) -> None:
    result = _run(_FIRST_PAGE_SPY.format(db=str(db_path), page=page, search=search))
    assert result.returncode == 0, result.stderr
    assert _spy_line(result)[1:] == [str(rows), str(searched)]


def test_a_database_to_migrate_is_migrated_after_a_backup_then_shown(db_path: Path) -> None:
    import sqlite3

    from alembic import command
    from sqlalchemy import create_engine

    from sasaeai_desktop.db.migrate import alembic_config
    from sasaeai_desktop.db.migrate import head_revision

    engine = create_engine(f"sqlite:///{db_path}")
    cfg = alembic_config()
    with engine.begin() as connection:  # back to revision 0004 by the migrations' own downgrades
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0004")
    engine.dispose()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0004",)]
    conn.close()
    result = _run(_FIRST_PAGE_SPY.format(db=str(db_path), page="municipalities", search=""))
    assert result.returncode == 0, result.stderr
    assert _spy_line(result)[1] == "77"
    assert list(db_path.parent.glob("*.bak*")) or list(db_path.parent.glob("*backup*")), "a backup before migrating"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
    conn.close()


def test_a_file_that_is_not_a_database_exits_2_with_the_message(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("これはデータベースではありません", encoding="utf-8")
    code = (
        "import sys; from sasaeai_desktop.gui.app import run_gui; "
        f"sys.exit(run_gui({str(bogus)!r}, screenshot={str(tmp_path / 'x.png')!r}))"
    )
    result = _run(code)
    assert result.returncode == 2
    assert "SQLiteデータベースではありません" in result.stderr
    assert bogus.read_text(encoding="utf-8") == "これはデータベースではありません"


def test_a_failing_migration_is_said_and_exits_1(db_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(db_path) as conn:  # says 0004, but 0005's index change is already there
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    conn.close()
    png = db_path.parent / "x.png"  # a screenshot run never waits for a person: the message goes to stderr
    code = (
        "import sys; from sasaeai_desktop.gui.app import run_gui; "
        f"sys.exit(run_gui({str(db_path)!r}, screenshot={str(png)!r}, page='people'))"
    )
    result = _run(code)
    assert result.returncode == 1, result.stderr
    assert "データベースを開けませんでした（内部エラー" in result.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0004",)  # rolled back
    conn.close()


def test_unknown_page_is_refused(db_path: Path) -> None:
    from sasaeai_desktop.gui.app import run_gui

    assert run_gui(str(db_path), page="reports") == 1


def test_importing_the_app_module_does_not_import_qt() -> None:
    result = _run("import sys, sasaeai_desktop.gui.app; print('PySide6' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr


def test_database_open_error_is_shown_in_a_box(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, message_boxes: Any) -> None:
    from sasaeai_desktop.gui.app import run_gui

    bogus = tmp_path / "bad.db"
    bogus.write_bytes(b"not sqlite at all")
    assert run_gui(str(bogus)) == 2
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "critical" and "SQLiteデータベースではありません" in text
