"""Issue 16 item 5: names are stored as written; only the matching keys are folded.

NFKC on the way in turned the compatibility kanji people write their names with (塚 U+FA10,
神 U+FA19, 祐 U+FA4F, 隆 U+F9DC, 晴 U+FA12) into the standard forms and widened half-width kana,
so the original was lost. The roster below is built as offices keep theirs: a title row, one
consent column, compatibility kanji, 﨑 and 髙, half-width kana and 全角 spaces.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.services import exports
from sasaeai_desktop.services import people
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import planning
from sasaeai_desktop.services.sync import duplicates as sync_duplicates

TSUKA, KAMI, YUU, TAKA, HARU = "\ufa10", "\ufa19", "\ufa4f", "\uf9dc", "\ufa12"

# (cell as typed, what is stored): only outer and doubled white space goes.
NAMES = [
    (f"{TSUKA}本　{KAMI}一", f"{TSUKA}本 {KAMI}一"),
    (f"  {YUU}川 {TAKA}  ", f"{YUU}川 {TAKA}"),
    (f"小{HARU}　美咲", f"小{HARU} 美咲"),
    ("髙橋 﨑子", "髙橋 﨑子"),
    ("ﾔﾏﾀﾞ ﾊﾅｺ", "ﾔﾏﾀﾞ ﾊﾅｺ"),  # a name written in half-width kana stays so
]
KANA = ["つかもと しんいち", "ﾕｳｶﾜ ﾀｶｼ", "オハル ミサキ", "たかはし さきこ", "ﾔﾏﾀﾞ ﾊﾅｺ"]
KANA_STORED = ["つかもと しんいち", "ゆうかわ たかし", "おはる みさき", "たかはし さきこ", "やまだ はなこ"]
AFFILIATION = ["ＮＰＯ法人 ささえ愛", "社会福祉法人　﨑山会", "長野市社協", "（株）髙山ケア", "ｶﾌｪ ひだまり"]
AFFILIATION_STORED = ["ＮＰＯ法人 ささえ愛", "社会福祉法人 﨑山会", "長野市社協", "（株）髙山ケア", "ｶﾌｪ ひだまり"]


def roster(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws["A1"] = "令和7年度　生活支援体制整備事業　アドバイザー名簿"
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["No.", "氏名", "フリガナ", "所属団体", "電話番号", "メールアドレス", "連絡先の掲載"])
    for i, ((name, _), kana, aff) in enumerate(zip(NAMES, KANA, AFFILIATION), start=1):
        ws.append([str(i), name, kana, aff, f"026-200-000{i}", f"a{i}@example.jp", "可" if i % 2 else "否"])
    ws.append(["※連絡先は、ご本人の同意を得たものに限り掲載しています。"])
    wb.save(path)
    return path


def stored(ctx) -> list[tuple[str, str, str]]:
    with ctx.uow() as uow:
        rows = uow.session.execute(
            select(m.Person.name, m.Person.kana, m.Advisor.affiliation)
            .join(m.Advisor, m.Advisor.person_id == m.Person.id).order_by(m.Advisor.created_at, m.Person.kana)
        ).all()
    return [tuple(r) for r in rows]


def code_points(s: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in s]


def test_a_real_roster_imports_names_as_written_and_re_imports_unchanged(nagano, tmp_path: Path) -> None:
    plan = planning.plan_import(nagano.uow(), "advisors", roster(tmp_path / "roster.xlsx"))
    assert plan.problems == [] and plan.unknown_columns == [] and plan.counts["create"] == len(NAMES)
    applying.apply_import(nagano.uow(), plan)

    got = {name: (kana, aff) for name, kana, aff in stored(nagano)}
    for (_, name), kana, aff in zip(NAMES, KANA_STORED, AFFILIATION_STORED):
        assert name in got, (code_points(name), [code_points(n) for n in got])
        assert got[name] == (kana, aff)
    # 塚 U+FA10 really is stored, not 塚 U+585A
    assert any(TSUKA in n for n in got) and not any("\u585a" in n for n in got)

    # The same file again, and the program's own export of it: nothing to change.
    again = planning.plan_import(nagano.uow(), "advisors", tmp_path / "roster.xlsx")
    assert again.problems == [] and again.counts["skip"] == len(NAMES), again.lines()
    out = tmp_path / "export.xlsx"
    exports.export_list(nagano.uow(), "advisors", out)
    from openpyxl import load_workbook

    cells = {c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert {name for _, name in NAMES} <= cells  # the file carries the names as written, code point for code point
    back = planning.plan_import(nagano.uow(), "advisors", out)
    assert back.problems == [] and back.counts["skip"] == len(NAMES), back.lines()


def test_compatibility_and_standard_forms_are_the_same_person_on_re_import(nagano, tmp_path: Path) -> None:
    """A sheet that writes 塚 U+585A finds the person stored with 塚 U+FA10 (and keeps the stored form)."""
    applying.apply_import(nagano.uow(), planning.plan_import(nagano.uow(), "advisors", roster(tmp_path / "a.xlsx")))
    wb = Workbook()
    ws = wb.active
    ws.append(["氏名", "ふりがな", "電話番号"])
    ws.append(["塚本 神一", "つかもと しんいち", "026-200-0001"])  # the standard forms
    wb.save(tmp_path / "b.xlsx")
    plan = planning.plan_import(nagano.uow(), "advisors", tmp_path / "b.xlsx")
    assert plan.problems == [] and plan.counts["skip"] == 1
    applying.apply_import(nagano.uow(), plan)
    assert f"{TSUKA}本 {KAMI}一" in {n for n, _, _ in stored(nagano)}


def _people_sheet(path: Path, rows: list[list[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "関係者"
    ws.append(["氏名", "ふりがな", "市町村"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_saito_written_two_ways_is_offered_as_a_possible_match_never_merged(nagano, tmp_path: Path) -> None:
    people.save(nagano.uow(), people.PersonData(id=None, name="齋藤 三郎", kana="さいとう さぶろう",
                                                municipality_id=_mid(nagano, "松本市")))
    plan = planning.plan_import(nagano.uow(), "people", _people_sheet(tmp_path / "p.xlsx", [
        ["斉藤 三郎", "さいとう さぶろう", "松本市"],
        ["斉藤 四郎", "さいとう しろう", "松本市"],  # another reading: another person
        ["斉藤 三郎", "さいとう さぶろう", "上田市"],  # another town: another person
    ]))
    r2, r3, r4 = plan.rows
    assert (r2.action, r3.action, r4.action) == ("ask", "create", "create")
    assert "同じ人かも" in r2.problems[0].message
    assert [c.label for c in r2.candidates] == ["齋藤 三郎（さいとう さぶろう・松本市）"]
    # nothing is merged without an answer; answered "new", both stay, and the duplicates list offers them
    plan.decide(2, None)
    applying.apply_import(nagano.uow(), plan)
    groups = sync_duplicates.find_duplicate_people(nagano.uow())
    assert [sorted(p.name for p in g.people) for g in groups] == [["斉藤 三郎", "齋藤 三郎"]]
    from sasaeai_desktop.services.sync.duplicates import count_duplicates_raw
    from sasaeai_desktop.services.sync.replica import transaction

    with transaction(nagano.uow(), immediate=False) as db:
        assert count_duplicates_raw(db) == 1


def _mid(ctx, name: str) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == name))


def test_forms_store_names_as_typed(nagano) -> None:
    pid = people.save(nagano.uow(), people.PersonData(
        id=None, name=f"  {TSUKA}田\u3000{YUU}子 ", kana="ﾂｶﾀﾞ ﾕｳｺ", affiliation="ＮＰＯ法人　﨑の会", notes="ﾒﾓ\n２行目"))
    d = people.get(nagano.uow(), pid)
    assert code_points(d.name) == code_points(f"{TSUKA}田 {YUU}子")
    assert (d.kana, d.affiliation, d.notes) == ("つかだ ゆうこ", "ＮＰＯ法人 﨑の会", "ﾒﾓ\n２行目")


def test_the_form_s_match_hint_calls_the_same_spelling_exact(nagano) -> None:
    people.save(nagano.uow(), people.PersonData(id=None, name=f"{TSUKA}本 一郎"))
    (exact,) = people.find_matches(nagano.uow(), f"{TSUKA}本 一郎")
    (variant,) = people.find_matches(nagano.uow(), "塚本 一郎")
    assert exact.exact and not variant.exact


def test_consultation_and_visit_sheets_keep_names_and_free_text_as_written(nagano, tmp_path: Path) -> None:
    import datetime as dt

    from sasaeai_desktop.services.activities import consultations

    cid = consultations.save(nagano.uow(), consultations.ConsultationData(
        id=None, received_date=dt.date(2025, 6, 2), from_name=f"{TSUKA}本さん（ＮＰＯ）",
        question="ｶﾌｪの立ち上げ\n２回目", handled_by="髙橋"))
    got = consultations.get(nagano.uow(), cid)
    assert (got.from_name, got.question, got.handled_by) == (f"{TSUKA}本さん（ＮＰＯ）", "ｶﾌｪの立ち上げ\n２回目", "髙橋")

    wb = Workbook()
    ws = wb.active
    ws.append(["訪問日", "市町村", "市町村側の出席者", "把握した状況", "記録者"])
    ws.append(["2025/6/3", "松本市", f"{TSUKA}田 {YUU}子（市町村職員）", "ｶﾌｪの運営 ２件", f"小{HARU}"])
    wb.save(tmp_path / "v.xlsx")
    plan = planning.plan_import(nagano.uow(), "visits", tmp_path / "v.xlsx")
    assert plan.problems == [], plan.lines()
    applying.apply_import(nagano.uow(), plan)
    with nagano.uow() as uow:
        visit = uow.session.execute(select(m.Visit.observations, m.Visit.recorded_by)).one()
        names = set(uow.session.scalars(select(m.Person.name)))
    assert tuple(visit) == ("ｶﾌｪの運営 ２件", f"小{HARU}")
    assert f"{TSUKA}田 {YUU}子" in names
