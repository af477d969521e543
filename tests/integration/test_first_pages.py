"""The start-up's first look (services/first_pages.py): the same figures and rows as the ordinary
services, from SQL that is not stale, and no look at all where the ordinary opening must speak."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from sasaeai_desktop.bootstrap import AppContext, open_database
from sasaeai_desktop.db.instance_lock import InstanceLock
from sasaeai_desktop.services import dashboard_counts, demo, first_page_sql, listing, setup
from sasaeai_desktop.services.first_pages import first_look
from sasaeai_desktop.services.list_types import PageRequest

ROOT = Path(__file__).resolve().parents[2]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_first_page_sql", ROOT / "packaging" / "build_first_page_sql.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_sql_is_current() -> None:
    gen = _generator()
    assert gen.render() == gen.TARGET.read_text(encoding="utf-8"), "run python packaging/build_first_page_sql.py"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(tmp_path_factory.mktemp("first")) / "demo.db"
    ctx = open_database(path)
    try:
        setup.init_prefecture(ctx.uow(), "長野県")
        demo.fill_demo(ctx.uow(), scale=1)
    finally:
        ctx.close()
    return path


@pytest.fixture
def unlocked(demo_db: Path) -> Iterator[AppContext]:
    """The ordinary services on the same file, without the instance lock the look holds."""
    ctx = open_database(demo_db, lock=False)
    yield ctx
    ctx.close()


def test_the_look_shows_what_the_services_show(demo_db: Path, unlocked: AppContext) -> None:
    look = first_look(demo_db)
    assert look is not None
    try:
        assert look.prefecture == setup.current_prefecture(unlocked.uow()) == ("20", "長野県")
        for today in (dt.date.today(), dt.date(2026, 4, 1), dt.date(2026, 3, 31), dt.date(2024, 11, 5)):
            assert look.dashboard_summary(today) == dashboard_counts.dashboard_summary(unlocked.uow(), today)
        for (kind, sort_key) in first_page_sql.LISTS:
            req = PageRequest(sort_key=sort_key)
            quick = look.first_block(kind, req)
            ordinary = listing.fetch_page(unlocked.uow(), kind, req)
            assert quick is not None and quick.total > 0
            assert (quick.ids, quick.rows, quick.total) == (ordinary.ids, ordinary.rows, ordinary.total)
            assert [type(v) for v in quick.rows[0]] == [type(v) for v in ordinary.rows[0]]
    finally:
        look.release()


@pytest.mark.parametrize(
    "req",
    [PageRequest(sort_key="kana", search="山"), PageRequest(sort_key="kana", descending=True),
     PageRequest(sort_key="kana", offset=200), PageRequest(sort_key="name"), PageRequest(sort_key="kana", limit=50),
     PageRequest(sort_key="kana", filters={"role": "第1層SC"})],
)
def test_anything_but_the_first_page_is_left_to_the_services(demo_db: Path, req: PageRequest) -> None:
    look = first_look(demo_db)
    assert look is not None
    try:
        assert look.first_block("people", req) is None
        assert look.first_block("visits", PageRequest()) is None  # no first-look SQL for this list
    finally:
        look.release()


def test_the_lock_is_handed_over_to_the_proper_opening(demo_db: Path) -> None:
    look = first_look(demo_db)
    assert look is not None
    with pytest.raises(Exception, match="使用中"):
        open_database(demo_db)  # a second copy is refused while the look holds the lock
    ctx = open_database(demo_db, held_lock=look.hand_over())
    try:
        assert setup.current_prefecture(ctx.uow()) == ("20", "長野県")
    finally:
        ctx.close()
    with InstanceLock(demo_db):  # released with the context
        pass


def _copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


def _assert_lock_free(path: Path) -> None:
    with InstanceLock(path):
        pass


def test_no_look_where_the_ordinary_opening_must_speak(demo_db: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert first_look(missing) is None and not missing.exists()  # nothing created
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert first_look(empty) is None
    text = tmp_path / "notes.db"
    text.write_text("データベースではありません", encoding="utf-8")
    assert first_look(text) is None
    assert text.read_text(encoding="utf-8") == "データベースではありません"

    older = _copy(demo_db, tmp_path / "older.db")
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    conn.close()
    assert first_look(older) is None  # the ordinary opening migrates it (after a backup)
    _assert_lock_free(older)

    fresh = tmp_path / "fresh.db"
    open_database(fresh).close()  # migrated, no prefecture: the first start asks for one
    assert first_look(fresh) is None
    _assert_lock_free(fresh)

    in_use = _copy(demo_db, tmp_path / "in_use.db")
    with InstanceLock(in_use):
        assert first_look(in_use) is None  # the ordinary opening explains who holds it

    read_only = _copy(demo_db, tmp_path / "read_only.db")
    os.chmod(read_only, stat.S_IRUSR)
    try:
        assert first_look(read_only) is None
    finally:
        os.chmod(read_only, stat.S_IRUSR | stat.S_IWUSR)


def test_a_look_that_fails_leaves_the_page_to_the_services(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    look = first_look(demo_db)
    assert look is not None
    try:
        def broken(*_args: object) -> list[tuple[object, ...]]:
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(look.reader, "query", broken)
        assert look.dashboard_summary(dt.date.today()) is None
        assert look.first_block("people", PageRequest(sort_key="kana")) is None
    finally:
        look.release()
