"""Every dialog of the program, opened on real records of a database (the demo data at best), for
the window-fit test (tests/gui/test_window_fit.py) and the screenshot script (packaging/screenshots.py).

A dialog added to gui/dialogs or to a page must be added here too: the fit test fails otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog

from tests.excel_books import people_book

from .helpers import sql

# Classes that are frames for others, never opened themselves.
NOT_OPENED = frozenset({"RecordDialog"})

IMPORT_ROWS = [
    ["佐藤 一郎", "さとう いちろう", "第1層SC", "松本市", "松本市社協", "主任", "0263-34-3000", "sato@example.jp", ""],
    ["鈴木 花子", "すずき はなこ", "市町村職員", "北佐久郡軽井沢町"],
    ["高橋 誠", "たかはし まこと", "第2層SC", "上田市", "上田市社会福祉協議会", "", "0268-27-2025", "", "第2層（塩田地区）"],
]


@dataclass(frozen=True)
class Entry:
    name: str  # the file name of its screenshot
    cls: str  # the class it opens (what the enumeration test checks)
    make: Callable[[Any, Path, Path], QDialog]  # (shell, db path, work folder) → the dialog, not shown


def _first(db: Path, query: str) -> Any:
    rows = sql(db, query)
    if not rows:
        raise LookupError(f"no record for the gallery: {query}")
    return rows[0][0]


def _busy_visit(db: Path) -> str:
    """The visit with the most participants: the form at its longest."""
    return _first(db, "SELECT visit_id FROM visit_participant GROUP BY visit_id ORDER BY count(*) DESC LIMIT 1")


def _event(db: Path) -> str:
    return _first(db, "SELECT event_id FROM training_session GROUP BY event_id ORDER BY count(*) DESC LIMIT 1")


def _municipality(db: Path) -> str:
    return _first(db, "SELECT id FROM municipality WHERE deleted = 0 AND kind != '区' ORDER BY code LIMIT 1")


def _visit(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.visit_dialog import VisitDialog

    return VisitDialog(shell, _busy_visit(db))


def _consultation(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.consultation_dialog import ConsultationDialog

    return ConsultationDialog(shell, _first(db, "SELECT id FROM consultation ORDER BY length(question) DESC LIMIT 1"))


def _grant(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.grant_dialog import GrantDialog

    # a model project linked to a visit and an event: the form with its link list filled
    return GrantDialog(shell, _first(db, "SELECT grant_id FROM grant_link GROUP BY grant_id ORDER BY count(*) DESC LIMIT 1"))


def _event_media(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.event_media_dialog import EventMediaDialog
    from sasaeai_desktop.services.trainings import outreach

    # the longest link: a path on the office's file server
    media_id = _first(db, "SELECT id FROM event_media WHERE deleted = 0 ORDER BY length(link) DESC LIMIT 1")
    event_id = _first(db, f"SELECT event_id FROM event_media WHERE id = '{media_id}'")
    item = next(x for x in outreach.get_outreach(shell.uow(), event_id).media if x.id == media_id)
    return EventMediaDialog(shell, event_id, item)


def _grant_summary(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.grant_summary_dialog import GrantSummaryDialog

    return GrantSummaryDialog(shell, _first(db, "SELECT max(fiscal_year) FROM grant_record WHERE deleted = 0"))


def _site_export(shell: Any, _db: Path, work: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.site_export_dialog import SiteExportDialog
    from sasaeai_desktop.gui.pages.catalogue_page import CataloguePage

    page = CataloguePage(shell)  # its filter lists are copied; the page is not needed after
    dialog = SiteExportDialog(shell, (page.municipality_combo, page.region_combo, page.kind_combo))
    dialog.folder_edit.setText(str(work / "site"))  # the dry run of the whole catalogue, ready to write
    page.deleteLater()
    return dialog


def _dispatch(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.dispatch_dialog import DispatchDialog

    return DispatchDialog(shell, _first(db, "SELECT dispatch_id FROM dispatch_date GROUP BY dispatch_id ORDER BY count(*) DESC LIMIT 1"))


def _event_dialog(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.event_dialog import EventDialog

    return EventDialog(shell, _event(db))


def _certificate_numbers(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.certificate_numbers_dialog import CertificateNumbersDialog

    return CertificateNumbersDialog(shell, _event(db), "研修")


def _registration(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.registration_dialog import RegistrationDialog
    from sasaeai_desktop.services.trainings import events

    return RegistrationDialog(shell, events.get_event(shell.uow(), _event(db)))


def _registration_edit(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.registration_edit_dialog import RegistrationEditDialog
    from sasaeai_desktop.services.trainings import events
    from sasaeai_desktop.services.trainings import registrations

    event = events.get_event(shell.uow(), _event(db))
    return RegistrationEditDialog(shell, event, registrations.list_registrations(shell.uow(), event.id)[0])


def _survey_answer(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.registration_dialog import SurveyAnswerDialog

    return SurveyAnswerDialog(shell, _event(db))


def _person(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.person_dialog import PersonDialog

    return PersonDialog(shell, _first(db, "SELECT id FROM person WHERE deleted = 0 ORDER BY length(notes) DESC LIMIT 1"))


def _municipality_dialog(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.municipality_dialog import MunicipalityDialog

    return MunicipalityDialog(shell, _municipality(db))


def _advisor(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.advisor_dialog import AdvisorDialog

    return AdvisorDialog(shell, _first(db, "SELECT id FROM advisor ORDER BY length(activity_text) DESC LIMIT 1"))


def _catalogue(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.catalogue_dialog import CatalogueDialog

    # the entry with most photos, and of those the longest texts
    return CatalogueDialog(shell, _first(db, "SELECT e.id FROM catalogue_entry e WHERE e.deleted = 0 ORDER BY"
                                             " (SELECT count(*) FROM catalogue_photo p WHERE p.entry_id = e.id) DESC,"
                                             " length(e.content) + length(e.description) DESC LIMIT 1"))


def _status(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.status_dialog import StatusDialog
    from sasaeai_desktop.services.progress import status

    years = status.fiscal_years(shell.uow())
    return StatusDialog(shell, _municipality(db), max(years) if years else 2025)


def _import(shell: Any, _db: Path, work: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(shell, "people")
    dialog.set_file(people_book(work / "関係者名簿.xlsx", IMPORT_ROWS))  # read on the task lane: see settle()
    return dialog


def _catalogue_kinds(shell: Any, _db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.catalogue_kinds_dialog import CatalogueKindsDialog

    return CatalogueKindsDialog(shell)


def _regions(shell: Any, _db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.regions_dialog import RegionsDialog

    return RegionsDialog(shell)


def _handout(shell: Any, _db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.handout_dialog import HandoutDialog

    return HandoutDialog(shell)


def _conflicts(shell: Any, _db: Path, work: Path) -> QDialog:
    """Two laptops changed the same person's phone and 市町村 before they synchronised."""
    from dataclasses import replace

    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.gui.dialogs.conflicts_dialog import ConflictsDialog
    from sasaeai_desktop.io.sync import package
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services import people
    from sasaeai_desktop.services.sync import enrolment as sync_enrolment
    from sasaeai_desktop.services.sync import export as sync_export
    from sasaeai_desktop.services.sync import importing as sync_import
    from sasaeai_desktop.services.sync import replica as sync_replica
    from tests.property.sync_world import FAST_SCRYPT_N

    words = "職場の合言葉2026"
    slow, package.SCRYPT_N = package.SCRYPT_N, FAST_SCRYPT_N  # a picture, not a safe file
    try:
        uow = shell.uow
        sync_replica.set_replica_name(uow(), "事務所PC")
        pid = people.save(uow(), people.PersonData(id=None, name="山田 一郎", kana="やまだ いちろう", phone="026-000-0000"))
        sync_enrolment.make_enrolment(uow(), work / "enrol.sync", words)
        laptop = open_database(work / "laptop.db")
        try:
            sync_enrolment.join(laptop.uow(), work / "enrol.sync", words, name="田中PC")
            for ctx, phone, town in ((shell.app, "026-111-1111", "202011"), (laptop, "026-222-2222", "202029")):
                town_id = municipalities.find_by_code(ctx.uow(), town).id
                people.save(ctx.uow(), replace(people.get(ctx.uow(), pid), phone=phone, municipality_id=town_id))
            sync_export.export_changes(laptop.uow(), work / "from-tanaka.sync", words, for_peer="事務所PC")
        finally:
            laptop.close()
        sync_import.import_file(uow(), work / "from-tanaka.sync", words)
    finally:
        package.SCRYPT_N = slow
    return ConflictsDialog(shell)


def _duplicates(shell: Any, _db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.duplicate_people_dialog import DuplicatePeopleDialog
    from sasaeai_desktop.services import people

    for phone in ("026-111-1111", "026-222-2222"):  # the same person typed on two laptops
        people.save(shell.uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう", phone=phone))
    return DuplicatePeopleDialog(shell)


def _passphrase(_shell: Any, _db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.passphrase_dialog import PassphraseDialog

    return PassphraseDialog(new=True, purpose="同期ファイルの作成")


def _matrix(shell: Any, _db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.advisor_matrix import AdvisorMatrixDialog

    return AdvisorMatrixDialog(shell)


def _history(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.history_dialog import HistoryDialog

    person, name = sql(db, "SELECT id, name FROM person WHERE deleted = 0 LIMIT 1")[0]
    return HistoryDialog(shell, "person", person, name)


def _chooser(_shell: Any, _db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.prefecture_chooser import PrefectureChooser
    from sasaeai_desktop.io import master_data

    return PrefectureChooser(master_data.prefectures())


def _answer_surveys(folder: Path) -> None:
    """What the municipalities typed into their returned workbooks."""
    from openpyxl import load_workbook

    answers = {"issues": "担い手の高齢化、移動手段の不足", "sc1_count": 7, "council1_meetings_per_year": 9}
    for path in sorted(folder.glob("*.xlsx")):
        book = load_workbook(path)
        for row in book["調査票"].iter_rows():
            if row[0].value in answers:
                row[3].value = answers[row[0].value]
        book.save(path)


def _collect(shell: Any, db: Path, work: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.survey_collect_dialog import CollectDialog
    from sasaeai_desktop.services.progress import status
    from sasaeai_desktop.services.progress import survey_collect
    from sasaeai_desktop.services.progress import survey_forms

    years = status.fiscal_years(shell.uow())
    fy = max(years) if years else 2025
    folder = work / "surveys"
    ids = [r[0] for r in sql(db, "SELECT id FROM municipality WHERE deleted = 0 AND kind != '区' ORDER BY code LIMIT 3")]
    survey_forms.make_surveys(shell.uow(), fy, folder, municipality_ids=ids)
    _answer_surveys(folder)
    return CollectDialog(shell, survey_collect.collect(shell.uow(), fy, folder))


def _timeline(shell: Any, db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.pages.activities_page import TimelineDialog

    busiest = _first(db, "SELECT municipality_id FROM visit GROUP BY municipality_id ORDER BY count(*) DESC LIMIT 1")
    return TimelineDialog(shell, busiest)


def _restore(shell: Any, _db: Path, _w: Path) -> QDialog:
    from sasaeai_desktop.gui.dialogs.restore_dialog import RestoreDialog
    from sasaeai_desktop.services import backups

    db = shell.db_path
    for trigger in ("daily", "import", "manual"):
        backups.create(db, trigger)
    return RestoreDialog(None, db, backups.folder_of(db), backups.list_backups(db))


GALLERY: tuple[Entry, ...] = (
    Entry("visit", "VisitDialog", _visit),
    Entry("consultation", "ConsultationDialog", _consultation),
    Entry("dispatch", "DispatchDialog", _dispatch),
    Entry("grant", "GrantDialog", _grant),
    Entry("grant_summary", "GrantSummaryDialog", _grant_summary),
    Entry("event", "EventDialog", _event_dialog),
    Entry("event_media", "EventMediaDialog", _event_media),
    Entry("certificate_numbers", "CertificateNumbersDialog", _certificate_numbers),
    Entry("registration", "RegistrationDialog", _registration),
    Entry("registration_edit", "RegistrationEditDialog", _registration_edit),
    Entry("survey_answer", "SurveyAnswerDialog", _survey_answer),
    Entry("person", "PersonDialog", _person),
    Entry("municipality", "MunicipalityDialog", _municipality_dialog),
    Entry("advisor", "AdvisorDialog", _advisor),
    Entry("catalogue", "CatalogueDialog", _catalogue),
    Entry("site_export", "SiteExportDialog", _site_export),
    Entry("status", "StatusDialog", _status),
    Entry("import", "ImportDialog", _import),
    Entry("regions", "RegionsDialog", _regions),
    Entry("catalogue_kinds", "CatalogueKindsDialog", _catalogue_kinds),
    Entry("handout", "HandoutDialog", _handout),
    Entry("conflicts", "ConflictsDialog", _conflicts),
    Entry("duplicates", "DuplicatePeopleDialog", _duplicates),
    Entry("passphrase", "PassphraseDialog", _passphrase),
    Entry("advisor_matrix", "AdvisorMatrixDialog", _matrix),
    Entry("history", "HistoryDialog", _history),
    Entry("prefecture_chooser", "PrefectureChooser", _chooser),
    Entry("survey_collect", "CollectDialog", _collect),
    Entry("timeline", "TimelineDialog", _timeline),
    Entry("restore", "RestoreDialog", _restore),
)


def settle(dialog: QDialog, wait: Callable[[Callable[[], bool]], None]) -> None:
    """Wait for what a dialog reads after opening (the import dialog's preview)."""
    task = getattr(dialog, "task", None)
    if task is not None:
        wait(lambda: bool(task.done))


def dialog_classes() -> set[str]:
    """The names of every QDialog subclass defined in gui/dialogs and gui/pages."""
    import importlib
    import inspect
    import pkgutil

    from sasaeai_desktop.gui import dialogs
    from sasaeai_desktop.gui import pages

    found: set[str] = set()
    for package in (dialogs, pages):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, obj in inspect.getmembers(module, inspect.isclass):
                if issubclass(obj, QDialog) and obj.__module__ == module.__name__:
                    found.add(name)
    return found - NOT_OPENED
