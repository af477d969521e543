"""The rotation rule (db/backup_rotation.py) on made-up backup lists: no files, no clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sasaeai_desktop.db.backup_rotation import to_keep
from sasaeai_desktop.db.backups import BackupInfo
from sasaeai_desktop.db.backups import parse_name


def _b(when: dt.datetime, trigger: str = "daily") -> BackupInfo:
    return BackupInfo(Path(f"x.backup-{trigger}-{when:%Y%m%d-%H%M%S}.db"), when, trigger, 1)


def test_today_is_kept_whole_and_earlier_days_by_their_first_backup() -> None:
    today = dt.date(2026, 12, 7)
    def at(d: int, h: int) -> dt.datetime:
        return dt.datetime.combine(today - dt.timedelta(days=d), dt.time(h))

    todays = [_b(at(0, 8)), _b(at(0, 10), "import"), _b(at(0, 11), "import"), _b(at(0, 15), "sync-import")]
    yesterday = [_b(at(1, 8)), _b(at(1, 13), "import")]
    keep = to_keep(todays + yesterday, today)
    assert {b.path for b in todays} <= keep
    assert yesterday[0].path in keep and yesterday[1].path not in keep


def test_seven_days_four_weeks_twelve_months_and_manual_ones_forever() -> None:
    today = dt.date(2026, 12, 7)  # a Monday
    days = [today - dt.timedelta(days=n) for n in range(0, 500)]
    infos = [_b(dt.datetime.combine(d, dt.time(9))) for d in days]
    manual = _b(dt.datetime(2024, 1, 5, 12), "manual")
    keep = to_keep([*infos, manual], today)
    kept_days = sorted((b.made.date() for b in infos if b.path in keep), reverse=True)
    # 7 most recent days; the first day (Monday) of the 4 most recent ISO weeks; the 1st of the 12 most recent months
    daily = set(days[:7])
    weekly = {today - dt.timedelta(weeks=w) for w in range(4)}
    monthly = {dt.date(y, mth, 1) for y, mth in [(2026, m) for m in range(1, 13)]}
    assert set(kept_days) == daily | weekly | monthly
    assert len(kept_days) == len(daily | weekly | monthly) <= 7 + 4 + 12
    assert manual.path in keep


def test_days_without_backups_do_not_use_up_the_seven() -> None:
    """A laptop left in a drawer: its last seven days of use stay, not seven calendar days."""
    today = dt.date(2026, 12, 7)
    used = [dt.date(2026, 10, d) for d in range(1, 15)]
    infos = [_b(dt.datetime.combine(d, dt.time(9))) for d in used]
    keep = to_keep(infos, today)
    assert {dt.date(2026, 10, d) for d in range(8, 15)} <= {b.made.date() for b in infos if b.path in keep}


def test_names_carry_trigger_and_time() -> None:
    assert parse_name(Path("/x/a.b.backup-sync-import-20261207-101500-3.db")) == (
        "sync-import", dt.datetime(2026, 12, 7, 10, 15), 3)
    assert parse_name(Path("/x/a.backup-0008-20261207-101500.db"))[0] == "0008"
    assert parse_name(Path("/x/a.db")) is None


def test_the_daily_check_counts_only_finished_backups(tmp_path: Path) -> None:
    from sasaeai_desktop.db.backups import has_backup_on

    db = tmp_path / "t.db"
    folder = tmp_path / "b"
    folder.mkdir()
    day = dt.date(2026, 12, 7)
    for name in ("t.damaged-20261207-090000.db", "t.backup-daily-20261207-090000.db.partial", "database.txt"):
        (folder / name).write_bytes(b"")
    assert not has_backup_on(db, day, folder)
    (folder / "t.backup-import-20261207-101500.db").write_bytes(b"")
    assert has_backup_on(db, day, folder) and not has_backup_on(db, day + dt.timedelta(days=1), folder)


def test_two_backups_of_one_second_are_ordered_by_when_they_were_written(tmp_path: Path) -> None:
    """A damaged-database message names the newest good backup: with a daily and a pre-import
    backup made in the same second, the name's time alone left their order to the listing."""
    import os

    from sasaeai_desktop.db.backups import backups

    db = tmp_path / "office.db"
    for trigger, when in (("import", 2_000_000_000), ("daily", 1_700_000_000), ("manual", 1_800_000_000)):
        made = tmp_path / f"office.backup-{trigger}-20261207-040333.db"
        made.write_bytes(b"x")
        os.utime(made, (when, when))
    assert [p.name.split("-")[1] for p in backups(db)] == ["import", "manual", "daily"]


def test_a_busy_day_keeps_its_first_and_newest_ten_backups() -> None:
    """An office reading twenty laptops' files makes twenty pre-import copies within the hour:
    kept all day they would fill the disk with copies of nearly one state."""
    today = dt.date(2026, 12, 7)
    day = [_b(dt.datetime.combine(today, dt.time(8)))]
    day += [_b(dt.datetime.combine(today, dt.time(9, m)), "sync-import") for m in range(20)]
    manual = _b(dt.datetime.combine(today, dt.time(9, 30)), "manual")
    keep = to_keep([*day, manual], today)
    assert keep == {day[0].path, manual.path} | {b.path for b in day[-10:]}
