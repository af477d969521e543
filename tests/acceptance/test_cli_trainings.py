"""Trainings from the command line, end to end (issue 7's command contract): a real subprocess each
time. One database is built for the module (init, event, sign-ups, attendance) and the tests then
read from it in order; the refusal/confirmation of removing a session runs last on that database."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.cli_runner import CliRunner

NAMES = [("高橋 一郎", "たかはし いちろう", "松本市", "社会福祉協議会", "第1層SC"),
         ("佐藤 恵子", "さとう けいこ", "長野市", "介護保険課", "市町村職員"),
         ("丸山 健一", "まるやま けんいち", "上田市", "社会福祉協議会", "第2層SC"),
         ("宮坂 美和", "みやさか みわ", "諏訪市", "地域包括支援センター", "市町村職員")]


def _book(path: Path, header: list[str], rows: list[tuple[object, ...]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def _ok(done: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert done.returncode == 0, done.stdout + done.stderr
    return done


class Flow:
    sasaeai: CliRunner
    db: Path
    event_id: str
    sessions: list[str]
    tmp: Path
    shown: str

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.sasaeai("--db", str(self.db), *args)


@pytest.fixture(scope="module")
def flow(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Flow:
    f = Flow()
    f.sasaeai = sasaeai
    f.tmp = tmp_path_factory.mktemp("trainings")
    f.db = f.tmp / "t.db"
    _ok(f.run("init", "--prefecture", "長野県"))
    created = _ok(f.run("event", "create", "--type", "養成研修", "--title", "生活支援コーディネーター養成研修",
                        "--fiscal-year", "2025", "--session", "2025-07-01,長野市ふれあい福祉センター,40",
                        "--session", "2025-08-01"))
    f.event_id = created.stdout.strip()
    f.shown = shown = _ok(f.run("event", "show", f.event_id)).stdout
    f.sessions = [line.split("\t")[1] for line in shown.splitlines() if line.startswith("日程\t")]
    return f


def test_event_create_prints_id_and_sessions(flow: Flow) -> None:
    assert re.fullmatch(r"[0-9a-f-]{36}", flow.event_id)
    assert len(flow.sessions) == 2
    listed = _ok(flow.run("event", "list", "--fiscal-year", "2025")).stdout
    assert flow.event_id in listed and "日程2" in listed and "申込0" in listed
    shown = flow.shown
    assert "2025-07-01" in shown and "長野市ふれあい福祉センター" in shown and "\t40\t" in shown


def test_bad_signup_list_reports_every_row_and_imports_nothing(flow: Flow) -> None:
    bad = _book(flow.tmp / "bad.xlsx", ["氏名", "ふりがな", "市町村", "所属", "役割"],
                [("高橋 一郎", "たかはし いちろう", "松元市", "社会福祉協議会", "第1層SC"),  # misspelt 松本市
                 ("佐藤 恵子", "さとう けいこ", "嬬恋村", "介護保険課", "市町村職員"),  # 群馬県
                 ("丸山 健一", "まるやま けんいち", "上田市", "社会福祉協議会", "第2層SC")])
    done = flow.run("import", "registrations", "--event", flow.event_id, str(bad))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Sheet!2" in done.stdout and "松元市" in done.stdout and "松本市" in done.stdout
    assert "Sheet!3" in done.stdout and "嬬恋村" in done.stdout and "群馬県" in done.stdout
    assert "何も書き込みませんでした" in done.stderr
    assert "申込0" in _ok(flow.run("event", "list")).stdout


def test_import_registrations_dry_run_then_for_real(flow: Flow) -> None:
    book = _book(flow.tmp / "申込.xlsx", ["氏名", "ふりがな", "市町村", "所属", "役割"], NAMES)
    dry = _ok(flow.run("import", "registrations", "--event", flow.event_id, str(book), "--dry-run"))
    assert "新規 4件" in dry.stdout and "--dry-run" in dry.stdout
    real = _ok(flow.run("import", "registrations", "--event", flow.event_id, str(book)))
    assert "新規 4件" in real.stdout and "取り込みました" in real.stdout  # the dry run wrote nothing
    assert "申込4" in _ok(flow.run("event", "list")).stdout


def test_import_attendance_circles_and_crosses(flow: Flow) -> None:
    first, second = flow.sessions
    book = _book(flow.tmp / "出欠.xlsx", ["No.", "氏名", "出欠"],
                 [(1, "高橋 一郎", "○"), (2, "佐藤 恵子", "×"), (3, "丸山 健一", "○"), (4, "宮坂 美和", "○")])
    ambiguous = flow.run("import", "attendance", "--event", flow.event_id, str(book))
    assert ambiguous.returncode == 2 and "--session" in ambiguous.stderr  # two sessions: which one?
    _ok(flow.run("import", "attendance", "--event", flow.event_id, "--session", first, str(book)))
    book2 = _book(flow.tmp / "出欠2.xlsx", ["No.", "氏名", "出欠"],
                  [(1, "高橋 一郎", "○"), (2, "佐藤 恵子", "○"), (3, "丸山 健一", "×"), (4, "宮坂 美和", "○")])
    _ok(flow.run("import", "attendance", "--event", flow.event_id, "--session", second, str(book2)))
    _ok(flow.run("event", "groups", flow.event_id, "--size", "2"))


def _pdf_checks(path: Path) -> str:
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, fonts
    for row in rows:
        cols = row.split()
        # name type [encoding…] emb sub uni object ID: 'emb' is the 5th field from the end
        assert cols[-5] == "yes", f"font not embedded in {path.name}: {row}"
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("kind, expected", [
    ("sign-in-sheet", ["高橋", "佐藤", "丸山", "宮坂"]),
    ("name-cards", ["高橋", "佐藤", "丸山", "宮坂"]),
    ("participants", ["高橋", "佐藤", "丸山", "宮坂"]),
    ("groups", ["高橋", "佐藤", "丸山", "宮坂"]),
    ("certificates", ["高橋", "宮坂"]),  # 佐藤 missed the first day, 丸山 the second
])
def test_pdf_kinds_embed_fonts_and_hold_the_names(flow: Flow, kind: str, expected: list[str]) -> None:
    out = flow.tmp / f"{kind}.pdf"
    done = _ok(flow.run("pdf", kind, "--event", flow.event_id, "--out", str(out)))
    assert str(out) in done.stdout
    text = _pdf_checks(out)
    squeezed = re.sub(r"\s+", "", text)
    for name in expected:
        assert name in squeezed, (kind, name, text[:400])
    if kind == "certificates":
        assert "佐藤" not in squeezed and "丸山" not in squeezed


def test_export_attendance_opens_with_openpyxl(flow: Flow) -> None:
    import openpyxl

    out = flow.tmp / "出席.xlsx"
    _ok(flow.run("export", "attendance", "--fiscal-year", "2025", "--out", str(out)))
    wb = openpyxl.load_workbook(out)
    values = {str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None}
    assert {"高橋 一郎", "佐藤 恵子", "丸山 健一", "宮坂 美和"} <= values
    assert any("生活支援コーディネーター養成研修" in v for v in values)


def test_remove_session_with_attendance_refused_then_confirmed(flow: Flow) -> None:
    first = flow.sessions[0]
    refused = flow.run("event", "remove-session", first)
    assert refused.returncode == 2
    assert "4件" in refused.stderr and "--yes" in refused.stderr
    done = _ok(flow.run("event", "remove-session", first, "--yes"))
    assert "4 件" in done.stdout and "履歴" in done.stdout  # the refusal removed nothing: 4 rows still there
    assert "日程1" in _ok(flow.run("event", "list")).stdout


def test_event_structure_is_chosen_on_create_and_shown(flow: Flow) -> None:
    assert "日程の関係\tcourse\t全日程で一つの課程" in flow.shown  # the default
    created = _ok(flow.run("event", "create", "--type", "現地見学", "--title", "先進地見学（長野・松本）",
                           "--fiscal-year", "2025", "--session", "2025-09-01,長野市", "--session", "2025-09-08,松本市",
                           "--structure", "alternatives")).stdout.strip()
    shown = _ok(flow.run("event", "show", created)).stdout
    assert "日程の関係\talternatives\t同じ内容の日程から選ぶ" in shown
    bad = flow.run("event", "create", "--type", "勉強会", "--title", "x", "--fiscal-year", "2025",
                   "--session", "2025-09-01", "--structure", "weekly")
    assert bad.returncode == 2 and "series" in bad.stderr
    helptext = flow.run("event", "create", "--help").stdout
    assert "各回が独立した講座" in helptext


def test_certificate_numbers_are_listed_and_a_clash_renumbered(flow: Flow) -> None:
    """After the certificates print above: 高橋 and 宮坂 hold 第1号 and 第2号; a duplicate number
    (as two laptops would make it) is reported and settled with renumber-certificate."""
    import sqlite3

    listed = _ok(flow.run("event", "certificates", flow.event_id)).stdout.splitlines()
    assert [line.split("\t")[:2] for line in listed] == [["第1号", "高橋 一郎"], ["第2号", "宮坂 美和"]]
    takahashi = listed[0].split("\t")[2]
    con = sqlite3.connect(flow.db)
    con.execute("UPDATE certificate SET number = 1")  # as if two laptops had each issued 第1号
    con.commit()
    con.close()
    clash = _ok(flow.run("event", "certificates", flow.event_id))
    assert "第1号が 2 人" in clash.stderr and "renumber-certificate" in clash.stderr
    # (the test overwrote 第2号, so no certificate holds it: it is the next free number)
    assert "第2号" in _ok(flow.run("event", "renumber-certificate", flow.event_id, takahashi)).stdout
    again = _ok(flow.run("event", "certificates", flow.event_id))
    assert again.stderr == "" and [line.split("\t")[0] for line in again.stdout.splitlines()] == ["第1号", "第2号"]
