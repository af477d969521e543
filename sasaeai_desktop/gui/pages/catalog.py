"""The pages of the main window, in navigation order: key, label, icon and how to build each.

Keys are stable names used by ``run_gui(page=...)``, the 表示 menu (Ctrl+1..9, Ctrl+0) and tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication

from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.shell_context import ShellContext

_tr = partial(QCoreApplication.translate, "pages")


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str
    icon: str  # file in resources/icons
    factory: Callable[[ShellContext], Page]


def _dashboard(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.progress_dashboard import ProgressDashboardPage

    return ProgressDashboardPage(shell)


def _municipalities(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.municipalities_page import MunicipalitiesPage

    return MunicipalitiesPage(shell)


def _activities(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.activities_page import ActivitiesPage

    return ActivitiesPage(shell)


def _trainings(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.trainings.page import TrainingsPage

    return TrainingsPage(shell)


def _advisors(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.advisors_page import AdvisorsPage

    return AdvisorsPage(shell)


def _grants(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.grants_page import GrantsPage

    return GrantsPage(shell)


def _catalogue(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.catalogue_page import CataloguePage

    return CataloguePage(shell)


def _people(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.list_page import ListPage
    from sasaeai_desktop.gui.pages.record_editors import DialogEditor
    from sasaeai_desktop.gui.pages.record_editors import person_forms

    return ListPage(
        shell, "people", editor=DialogEditor(shell, person_forms), default_sort=("kana", False), watches={"municipalities"},
        exportable=True,  # only with a password set in 設定, and then locked (gui/export_lock.py)
    )


def _sync(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.sync_page import SyncPage

    return SyncPage(shell)


def _settings(shell: ShellContext) -> Page:
    from sasaeai_desktop.gui.pages.settings_page import SettingsPage

    return SettingsPage(shell)


PAGE_KEYS: tuple[str, ...] = (
    "dashboard", "municipalities", "activities", "trainings", "advisors", "catalogue", "people", "grants", "sync",
    "settings",
)


def page_specs() -> list[PageSpec]:
    """Built on call so the labels are translated with the translators installed by then."""
    return [
        PageSpec("dashboard", _tr("ダッシュボード"), "dashboard.svg", _dashboard),
        PageSpec("municipalities", _tr("市町村"), "municipalities.svg", _municipalities),
        PageSpec("activities", _tr("訪問・相談"), "activities.svg", _activities),
        PageSpec("trainings", _tr("研修"), "trainings.svg", _trainings),
        PageSpec("advisors", _tr("アドバイザー"), "advisors.svg", _advisors),
        PageSpec("catalogue", _tr("地域資源"), "catalogue.svg", _catalogue),
        PageSpec("people", _tr("人"), "people.svg", _people),
        # 補助金 (Ctrl+8) after 人: the pages reached by number before it keep their numbers
        PageSpec("grants", _tr("補助金"), "grants.svg", _grants),
        PageSpec("sync", _tr("同期"), "sync.svg", _sync),
        PageSpec("settings", _tr("設定"), "settings.svg", _settings),
    ]
