"""Issue 16 item 1: controlled values in their official wording (役割 「第1層生活支援コーディネーター」,
区分 「社会福祉協議会」 …) import as the stored values; an unknown value is answered once with
``--map`` and remembered; ambiguous wordings are asked, never guessed. The CLI runs in-process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.services.trainings import events
from tests.cli_runner import CliResult
from tests.cli_runner import CliRunner
from tests.excel_books import PEOPLE_HEADER
from tests.excel_books import book
from tests.excel_books import people_book
from tests.gui.helpers import copy_database
from tests.gui.helpers import sql

TITLE = [["令和7年度 生活支援体制整備事業 関係者名簿"], ["長野県 健康福祉部"], []]


@pytest.fixture(scope="module")
def template(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wordings") / "t.db"
    assert sasaeai.inside("--db", str(path), "init", "--prefecture", "長野県").returncode == 0
    return path


@pytest.fixture
def db(tmp_path: Path, template: Path) -> Path:
    return copy_database(template, tmp_path / "t.db")  # init once (~1 s), copy in ms


def _import(sasaeai: CliRunner, db: Path, *args: str) -> CliResult:
    return sasaeai.inside("--db", str(db), "import", *args)


def _roles(db: Path) -> dict[str, str]:
    return dict(sql(db, "SELECT name, role FROM person WHERE deleted = 0"))


def _event(db: Path, kind: str, title: str, day: dt.date) -> str:
    with open_database(db) as ctx:
        return events.save_event(ctx.uow(), events.EventData(None, kind, title, 2025, sessions=(events.SessionData(None, day, "1日目"),)))


def test_sign_up_sheet_in_official_wording_imports_with_nothing_refused(sasaeai: CliRunner, db: Path,
                                                                       tmp_path: Path) -> None:
    event = _event(db, "養成研修", "生活支援コーディネーター養成研修", dt.date(2025, 7, 1))
    sheet = book(tmp_path / "申込書.xlsx", [
        ["令和７年度 生活支援コーディネーター養成研修 申込書"], ["締切: 6月20日"], [],
        ["氏名", "ふりがな", "市町村", "所属", "役割"],
        ["高橋 一郎", "たかはし いちろう", "松本市", "松本市社会福祉協議会", "第1層生活支援コーディネーター"],
        ["丸山 健", "まるやま けん", "上田市", "上田市社協", "第２層生活支援コーディネーター"],
        ["小松 幸子", "こまつ さちこ", "塩尻市", "塩尻市役所", "市役所"],
        ["宮坂 美和", "みやさか みわ", "諏訪市", "諏訪市地域包括支援センター", "地域包括支援センター職員"],
        ["中村 聡", "なかむら さとし", "飯田市", "飯田市社協", "社会福祉協議会"],
        ["北村 真", "きたむら まこと", "伊那市", "", "協議体構成員"],
        ["岡田 光", "おかだ ひかる", "佐久市", "佐久市社協", "第一層　ＳＣ"],
        ["林 理恵", "はやし りえ", "茅野市", "", "生活支援コーディネーター（第２層）"],
    ], sheet="申込者")
    done = _import(sasaeai, db, "registrations", "--event", event, str(sheet))
    assert done.returncode == 0, done
    assert _roles(db) == {
        "高橋 一郎": "第1層SC", "丸山 健": "第2層SC", "小松 幸子": "市町村職員", "宮坂 美和": "包括職員",
        "中村 聡": "社協職員", "北村 真": "協議体構成員", "岡田 光": "第1層SC", "林 理恵": "第2層SC"}
    out = done.stdout
    assert "読み替え（同じ意味の表記）: 役割「第1層生活支援コーディネーター」→「第1層SC」" in out


def test_roster_advisors_visits_and_consultations_in_the_words_offices_use(sasaeai: CliRunner, db: Path,
                                                                          tmp_path: Path) -> None:
    roster = people_book(tmp_path / "名簿.xlsx", [
        ["青木 一", "あおき はじめ", "行政", "松本市"], ["石井 二郎", "いしい じろう", "地域包括", "松本市"],
        ["上野 三郎", "うえの さぶろう", "ＮＰＯ法人", "長野市"], ["江藤 史子", "えとう ふみこ", "首長／管理職", "長野市"],
        ["大野 五月", "おおの さつき", "都道府県職員", ""],
    ])
    done = _import(sasaeai, db, "people", str(roster))
    assert done.returncode == 0, done
    assert _roles(db) == {"青木 一": "市町村職員", "石井 二郎": "包括職員", "上野 三郎": "NPO",
                              "江藤 史子": "首長・管理職", "大野 五月": "県職員"}

    advisors = book(tmp_path / "アドバイザー.xlsx", [
        ["長野県生活支援体制整備アドバイザー名簿"], [],
        ["氏名", "ふりがな", "区分", "所属", "活動分野の分類"],
        ["木下 明", "きのした あきら", "社会福祉協議会", "長野県社会福祉協議会", "協議体立ち上げ、移動・外出支援"],
        ["久保 光", "くぼ ひかる", "学識経験者", "信州大学", "ニーズ把握"],
        ["小林 茂", "こばやし しげる", "第１層生活支援コーディネーター", "茅野市社協", "居場所作り"],
    ], sheet="アドバイザー")
    done = _import(sasaeai, db, "advisors", str(advisors))
    assert done.returncode == 0, done
    assert dict(sql(db, "SELECT p.name, a.category FROM advisor a JOIN person p ON p.id = a.person_id")) == {
        "木下 明": "社協", "久保 光": "有識者", "小林 茂": "生活支援コーディネーター"}
    assert sorted(sql(db, "SELECT f.name FROM advisor_field af JOIN activity_field f ON f.id = af.field_id")) == [
        ("ニーズ調査",), ("協議体の立ち上げ",), ("居場所づくり",), ("移動支援",)]

    visits = book(tmp_path / "訪問記録.xlsx", [
        ["訪問記録（令和7年度）"], [],
        ["訪問日", "市町村", "目的区分", "市町村側の出席者", "把握した状況"],
        ["R7.5.12", "松本市", "聞き取り", "青木 一（第１層生活支援コーディネーター）", "第1層協議体を設置済み"],
        ["令和7年6月3日", "長野市", "協議体傍聴", "", "第2層の立ち上げを検討中"],
    ], sheet="訪問記録")
    done = _import(sasaeai, db, "visits", str(visits))
    assert done.returncode == 0, done
    assert sorted(sql(db, "SELECT purpose_category FROM visit")) == [("ヒアリング",), ("協議体への参加",)]
    assert sql(db, "SELECT role FROM visit_participant") == [("第1層SC",)]

    municipalities = book(tmp_path / "市町村.xlsx", [["市町村", "種別", "人口"], ["長野市", "中核市", 365000],
                                                     ["軽井沢町", "町", 20000]], sheet="市町村")
    done = _import(sasaeai, db, "municipalities", str(municipalities))
    assert done.returncode == 0, done
    assert sql(db, "SELECT kind FROM municipality WHERE name = '長野市'") == [("市",)]

    consultations = book(tmp_path / "相談記録.xlsx", [
        ["受付日", "相談方法", "市町村", "相談内容"],
        ["2025/7/1", "ＴＥＬ", "松本市", "協議体の運営について"], ["2025/7/2", "電子メール", "長野市", "研修の日程"],
        ["2025/7/3", "来庁", "上田市", "補助金の使い方"],
    ], sheet="相談記録")
    done = _import(sasaeai, db, "consultations", str(consultations))
    assert done.returncode == 0, done
    assert sorted(sql(db, "SELECT channel FROM consultation")) == [("メール",), ("来所",), ("電話",)]


def test_unknown_value_answered_with_map_is_remembered_for_the_next_file(sasaeai: CliRunner, db: Path,
                                                                        tmp_path: Path) -> None:
    first = people_book(tmp_path / "名簿1.xlsx", [["佐藤 一", "さとう はじめ", "保健師", "松本市"],
                                                   ["佐藤 二", "さとう じろう", "コーディネーター", "松本市"]])
    done = _import(sasaeai, db, "people", str(first))
    assert done.returncode == 2
    out = done.stdout
    assert "名簿!5:役割 — 役割「保健師」は使えません" in out
    # A bare コーディネーター is not taken as 第1層: it stays a problem, saying what is missing.
    assert "名簿!6:役割 — 役割「コーディネーター」は使えません（第1層か第2層かが分かりません。" in out
    assert "この値は？（例: --map 役割=保健師:市町村職員。" in out and "役割「保健師」（1か所）→ 市町村職員／第1層SC" in out
    assert "役割「コーディネーター」（1か所、第1層か第2層かが分かりません）→" in out
    assert _roles(db) == {}  # all or nothing

    done = _import(sasaeai, db, "people", str(first), "--map", "役割=保健師:市町村職員",
                   "--map", "役割=コーディネーター:第2層生活支援コーディネーター")
    assert done.returncode == 0, done
    assert _roles(db) == {"佐藤 一": "市町村職員", "佐藤 二": "第2層SC"}

    # The next file — another kind of sheet with the same 役割 column, the value in 全角 — asks nothing.
    event = _event(db, "情報交換会", "北信ブロック情報交換会", dt.date(2025, 9, 1))
    second = book(tmp_path / "申込.xlsx", [["氏名", "ふりがな", "市町村", "役割"],
                                          ["鈴木 三", "すずき さぶろう", "長野市", "保健師"],
                                          ["鈴木 四", "すずき しろう", "長野市", "ｺｰﾃﾞｨﾈｰﾀｰ"]])
    done = _import(sasaeai, db, "registrations", "--event", event, str(second))
    assert done.returncode == 0, done
    assert "読み替え（前回の回答）: 役割「保健師」→「市町村職員」" in done.stdout
    assert _roles(db)["鈴木 三"] == "市町村職員" and _roles(db)["鈴木 四"] == "第2層SC"


def test_map_answering_empty_leaves_the_cell_blank(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [["佐藤 一", "さとう はじめ", "ボランティア", "松本市"]])
    assert _import(sasaeai, db, "people", str(path), "--map", "区分=ボランティア:").returncode == 0  # 区分 is a synonym of 役割 here
    assert _roles(db) == {"佐藤 一": ""}


@pytest.mark.parametrize(("arg", "said"), [
    ("電話=保健師:市町村職員", "--map 電話=保健師:市町村職員: 列「電話」はこの取り込み（people）で値を選べる列ではありません（役割）"),
    ("役割=保健師:看護師", "--map 役割=保健師:看護師: 「看護師」は役割の値ではありません"),
    ("役割=保健師", "--map: 「役割=保健師」は 列=書かれた値:取り込む値 の形で指定してください"),
    ("=保健師:市町村職員", "--map: 「=保健師:市町村職員」の列が空です"),
])
def test_a_bad_map_is_exit_2_naming_the_argument(sasaeai: CliRunner, db: Path, tmp_path: Path,
                                                 arg: str, said: str) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [["佐藤 一", "さとう はじめ", "保健師", "松本市"]])
    done = _import(sasaeai, db, "people", str(path), "--map", arg)  # argparse refuses a malformed one itself
    assert done.returncode == 2
    assert said in done.stderr
    assert _roles(db) == {}


def test_map_with_an_activity_field_not_in_this_database_names_the_argument(sasaeai: CliRunner, db: Path,
                                                                           tmp_path: Path) -> None:
    path = book(tmp_path / "a.xlsx", [["氏名", "区分", "活動分野の分類"], ["木下 明", "有識者", "子育て支援"]])
    done = _import(sasaeai, db, "advisors", str(path), "--map", "活動分野の分類=子育て支援:保育")
    assert done.returncode == 2
    assert "--map 活動分野の分類=子育て支援:保育: 「保育」は活動分野の値ではありません" in done.stderr
    assert _import(sasaeai, db, "advisors", str(path), "--map", "活動分野の分類=子育て支援:見守り").returncode == 0
    assert sql(db, "SELECT f.name FROM advisor_field af JOIN activity_field f ON f.id = af.field_id") == [("見守り",)]


def test_dry_run_with_map_remembers_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [["佐藤 一", "さとう はじめ", "保健師", "松本市"]])
    assert _import(sasaeai, db, "people", str(path), "--dry-run", "--map", "役割=保健師:市町村職員").returncode == 0
    assert _import(sasaeai, db, "people", str(path)).returncode == 2
    assert PEOPLE_HEADER[2] == "役割"


def test_event_create_reads_the_official_type_and_audiences(sasaeai: CliRunner, db: Path) -> None:
    done = sasaeai.inside("--db", str(db), "event", "create", "--type", "生活支援コーディネーター養成研修", "--title", "養成研修",
                          "--fiscal-year", "2025", "--session", "2025-07-01", "--audience", "第１層生活支援コーディネーター",
                          "--audience", "地域包括支援センター")
    assert done.returncode == 0, done
    assert sql(db, "SELECT event_type FROM training_event") == [("養成研修",)]
    assert sorted(sql(db, "SELECT role FROM event_audience")) == [("包括職員",), ("第1層SC",)]
