"""One timed start of the program, run by bench_startup.py in a fresh process.

``python benchmarks/startup_child.py DB PAGE [no-quick-check]`` starts ``python -m sasaeai_desktop --db DB gui
--page PAGE`` in this process and prints ``window_shown`` when the empty window has painted and
``first_page_shown`` once the database is open and the first page, with its data from the
services, is painted; then it ends. The parent times the lines as they arrive. It never waits for
a person and takes no daily backup (as a screenshot run), so nothing but the start is timed.
``no-quick-check``: the opening's quick_check (db/integrity.py) skipped, to show what it costs.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    db, page = sys.argv[1], sys.argv[2]
    sys.path.insert(0, str(ROOT))
    from sasaeai_desktop.gui.app import Launcher

    skip_quick_check = "no-quick-check" in sys.argv[3:]

    load, attach = Launcher.load, Launcher._attach

    def timed_load(self: Launcher) -> None:  # the launcher loads right after the window's first paint
        print("window_shown", flush=True)
        if skip_quick_check:  # patched here, after the paint, as the program imports it
            from sasaeai_desktop.db import migrate

            migrate.quick_check_problem = lambda conn, **_kw: None  # type: ignore[assignment]
        load(self)

    def timed_attach(self: Launcher, shell: Any) -> Any:
        from PySide6.QtCore import Qt
        from PySide6.QtCore import QTimer

        first = attach(self, shell)
        window = self.window
        assert window is not None

        def shown() -> None:
            window.repaint()  # the data painted, not only handed to the widgets
            print("first_page_shown", flush=True)
            self.app.exit(0)

        if first.is_data_ready():
            QTimer.singleShot(0, shown)
        else:
            first.data_ready.connect(shown, Qt.ConnectionType.SingleShotConnection)
        return first

    Launcher.load = timed_load  # type: ignore[method-assign]
    Launcher._attach = timed_attach  # type: ignore[method-assign]
    Launcher.unattended = property(lambda self: True)  # type: ignore[method-assign, assignment]
    sys.argv = ["sasaeai", "--db", db, "gui", "--page", page]
    runpy.run_module("sasaeai_desktop", run_name="__main__")


if __name__ == "__main__":
    main()
