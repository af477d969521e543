"""PNG pictures of every page (each tab of the 研修 page) and every dialog, on the demo data, as they
look on a 1366×768 laptop — to check by eye that nothing is cut off or cramped.

    python packaging/screenshots.py OUT_FOLDER [--scale N] [--width 1366] [--height 728]

Builds a fresh demo database (``sasaeai demo --scale N``) in a temporary folder, opens the real
main window offscreen on a screen of the given size (1366×728: a 1366×768 laptop less its
taskbar), and saves ``page_<key>.png``, ``page_trainings_<n>_<tab>.png``,
``page_trainings_outreach.png`` (a forum's 日程 tab) and ``dialog_<name>.png`` into OUT_FOLDER.
The user's window settings are neither read nor changed.
The dialogs come from tests/gui/dialog_gallery.py, the list the window-fit test checks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _offscreen_screen(folder: Path, width: int, height: int) -> str:
    """QT_QPA_PLATFORM for an offscreen screen of this size (the default one is 800×800)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({
        "windowFrameMargins": True,
        "screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
    }), encoding="utf-8")
    return f"offscreen:configfile={config}"


def _make_demo(db: Path, scale: int) -> None:
    subprocess.run([sys.executable, "-m", "sasaeai_desktop", "--db", str(db), "demo", "--scale", str(scale)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def _wait(app: Any, done: Callable[[], bool], timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            return False
        app.processEvents()
        time.sleep(0.01)
    return True


def _settle(app: Any, ms: int = 150) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text).strip("_")


def take(out: Path, db: Path, work: Path) -> list[Path]:
    from PySide6.QtWidgets import QMessageBox
    from PySide6.QtWidgets import QTabWidget

    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.gui.application import create_application
    from sasaeai_desktop.gui.main_window import MainWindow
    from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS
    from sasaeai_desktop.gui.shell_context import ShellContext
    from sasaeai_desktop.services import setup
    from sasaeai_desktop.services.trainings import events as training_events
    from tests.gui.dialog_gallery import GALLERY
    from tests.gui.dialog_gallery import settle

    app = create_application(["sasaeai-screenshots"])
    # A message box would wait for a click nobody gives: say it on stderr instead.
    for kind in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, kind, staticmethod(lambda _p, title, text, *a, _k=kind, **kw:
                                                print(f"[{_k}] {title}: {text}", file=sys.stderr)
                                                or QMessageBox.StandardButton.No))
    ctx = open_database(db)
    code, name = setup.current_prefecture(ctx.uow()) or ("", "")
    shell = ShellContext(ctx, code, name)
    saved: list[Path] = []

    def grab(widget: Any, file_name: str) -> None:
        _settle(app)
        path = out / f"{file_name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        saved.append(path)

    window = MainWindow(shell)
    window.show()
    _settle(app, 300)
    print(f"main window {window.width()}×{window.height()} on a {app.primaryScreen().availableGeometry().width()}"
          f"×{app.primaryScreen().availableGeometry().height()} screen", file=sys.stderr)
    for key in PAGE_KEYS:
        window.show_page(key)
        page = window.current_page()
        _wait(app, page.is_data_ready)
        grab(window, f"page_{key}")
        if key == "trainings":
            # the tabs on the year's busiest event: the first in the list may be one planned
            # with nobody registered yet, which shows empty tables
            busiest = max(training_events.list_events(ctx.uow(), page.fiscal_year(), ""),
                          key=lambda e: e.registrations, default=None)
            if busiest is not None:
                page.reveal(busiest.id)
                _settle(app, 300)
            tabs = page.findChild(QTabWidget)
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                grab(window, f"page_trainings_{i + 1}_{_safe(tabs.tabText(i))}")
            # the 日程 tab of the year's latest forum or seminar: its public attendance and media
            from sasaeai_desktop.domain.outreach import is_outreach

            forum = next((e for e in training_events.list_events(ctx.uow(), page.fiscal_year(), "")
                          if is_outreach(e.event_type) and e.first_date is not None
                          and e.first_date <= dt.date.today()), None)
            if forum is not None:
                page.reveal(forum.id)
                tabs.setCurrentIndex(0)
                _settle(app, 300)
                grab(window, "page_trainings_outreach")
            tabs.setCurrentIndex(0)

    for entry in GALLERY:
        dialog = entry.make(shell, db, work)
        dialog.setParent(window, dialog.windowFlags())
        dialog.show()
        settle(dialog, lambda done: _wait(app, done))
        grab(dialog, f"dialog_{entry.name}")
        print(f"dialog {entry.name}: {dialog.width()}×{dialog.height()}", file=sys.stderr)
        dialog.done(0)
        dialog.deleteLater()
    window.close()
    ctx.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--scale", type=int, default=1, help="年度 of demo data (sasaeai demo --scale)")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=728, help="the screen less its taskbar")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sasaeai-shots-") as tmp:
        folder = Path(tmp)
        db = folder / "demo.db"
        _make_demo(db, args.scale)
        os.environ["QT_QPA_PLATFORM"] = _offscreen_screen(folder, args.width, args.height)
        os.environ["SASAEAI_SETTINGS"] = str(folder / "window-settings.ini")
        sys.path.insert(0, str(ROOT))  # this checkout's package and tests/gui/dialog_gallery.py
        saved = take(args.out, db, folder)
    print(f"{len(saved)} pictures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
