"""The command line end to end, as a user or a script runs it (a real subprocess each time)."""

from __future__ import annotations

from pathlib import Path

from tests.cli_runner import CliRunner


def test_version_and_help(sasaeai: CliRunner) -> None:
    assert sasaeai("--version").stdout.startswith("SasaeAI Desktop")
    helped = sasaeai("--help")
    assert helped.returncode == 0 and "init" in helped.stdout and "export" in helped.stdout


def test_init_twice_changes_nothing(sasaeai: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    first = sasaeai("--db", str(db), "init", "--prefecture", "長野県")
    assert first.returncode == 0, first.stderr
    assert "77 件" in first.stdout
    second = sasaeai("init", "--prefecture", "20", "--db", str(db))  # --db after the command works too
    assert second.returncode == 0 and "変更はありません" in second.stdout


def test_sasaeai_db_environment_variable(sasaeai: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    done = sasaeai("init", "--prefecture", "鳥取県", env={"SASAEAI_DB": str(db)})
    assert done.returncode == 0, done.stderr
    assert db.exists()


def test_unknown_prefecture_exits_2_with_choices(sasaeai: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    done = sasaeai("--db", str(db), "init", "--prefecture", "信州")
    assert done.returncode == 2
    assert "信州" in done.stderr and "長野県" in done.stderr and "沖縄県" in done.stderr
    assert not db.exists()  # nothing created for a bad request


def test_bad_usage_exits_2(sasaeai: CliRunner) -> None:
    assert sasaeai("init").returncode == 2  # --prefecture missing
    assert sasaeai("no-such-command").returncode == 2
    assert sasaeai("demo", "--scale", "abc").returncode == 2


def test_not_a_database_exits_2_and_file_is_kept(sasaeai: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "report.db"
    bad.write_bytes(b"%PDF-1.7 not a database")
    done = sasaeai("--db", str(bad), "init", "--prefecture", "長野県")
    assert done.returncode == 2 and "SQLite" in done.stderr
    assert bad.read_bytes() == b"%PDF-1.7 not a database"


def test_export_municipalities(sasaeai: CliRunner, tmp_path: Path) -> None:
    import openpyxl

    db, out = tmp_path / "c.db", tmp_path / "市町村.xlsx"
    assert sasaeai("--db", str(db), "init", "--prefecture", "長野県").returncode == 0
    done = sasaeai("--db", str(db), "export", "municipalities", "--out", str(out))
    assert done.returncode == 0, done.stderr
    wb = openpyxl.load_workbook(out)
    values = [c for row in wb.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "長野市" in values and "松本市" in values and "202011" in [str(v) for v in values]


def test_export_bad_input_exits_2(sasaeai: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert sasaeai("--db", str(db), "init", "--prefecture", "長野県").returncode == 0
    assert sasaeai("--db", str(db), "export", "nonsense", "--out", str(tmp_path / "x.xlsx")).returncode == 2
    assert sasaeai("--db", str(db), "export", "municipalities", "--out", str(tmp_path / "x.csv")).returncode == 2
    missing_dir = tmp_path / "no" / "such" / "x.xlsx"
    assert sasaeai("--db", str(db), "export", "municipalities", "--out", str(missing_dir)).returncode == 2


def test_demo_fills_every_area(sasaeai: CliRunner, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "demo.db"
    done = sasaeai("--db", str(db), "demo", "--scale", "1")
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(db)
    try:
        for table in ("person", "advisor", "visit", "consultation", "dispatch", "training_event",
                      "training_session", "registration", "attendance", "municipality_status", "follow_up_task"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_gui_screenshot_offscreen(sasaeai: CliRunner, tmp_path: Path) -> None:
    db, png = tmp_path / "g.db", tmp_path / "main.png"
    assert sasaeai("--db", str(db), "init", "--prefecture", "長野県").returncode == 0
    done = sasaeai("--db", str(db), "gui", "--screenshot", str(png), "--page", "municipalities")
    assert done.returncode == 0, done.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_gui_screenshot_with_unusable_database_exits_2(sasaeai: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("nope", encoding="utf-8")
    done = sasaeai("--db", str(bad), "gui", "--screenshot", str(tmp_path / "x.png"))
    assert done.returncode == 2 and "SQLite" in done.stderr
