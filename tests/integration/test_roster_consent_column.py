"""Issue 16 item 2: a roster with ONE column for publishing contacts (連絡先掲載, 掲載可否 …).

Before, that column landed in 取り込まない列 and every advisor stayed 未確認, so the handout
printed no phone at all. The handout is read back with pdftotext, as a person's viewer would.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

from sasaeai_desktop.services.advisors import handout as H
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import planning

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def roster(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws["A1"] = "令和7年度 アドバイザー名簿"
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def consents(ctx) -> dict[str, tuple[bool | None, bool | None]]:
    from sqlalchemy import select

    from sasaeai_desktop.db import models as m

    with ctx.uow() as uow:
        rows = uow.session.execute(
            select(m.Person.name, m.Advisor.publish_phone, m.Advisor.publish_email).join(m.Person, m.Person.id == m.Advisor.person_id)
        ).all()
    return {n: (p, e) for n, p, e in rows}


def test_one_consent_column_is_read_under_its_usual_headers(nagano, tmp_path: Path) -> None:
    for header_text in ("連絡先掲載", "掲載可否", "連絡先の公開", "公開の可否", "名簿への掲載", "公開可否", "掲載"):
        path = roster(tmp_path / "r.xlsx", ["氏名", "ふりがな", "電話番号", header_text],
                      [["青木 一郎", "あおき いちろう", "026-111-1111", "可"]])
        plan = planning.plan_import(nagano.uow(), "advisors", path)
        assert plan.problems == [], header_text
        assert [c.key for c in plan.columns] == ["name", "kana", "phone", "contact_ok"], header_text
        assert plan.unknown_columns == [], header_text


@needs_poppler
def test_one_consent_column_sets_both_and_the_handout_prints_only_consenting_phones(nagano, tmp_path: Path) -> None:
    values = [("可", True), ("否", False), ("○", True), ("×", False), ("〇", True), ("✕", False), ("同意", True),
              ("不同意", False), ("はい", True), ("いいえ", False), ("する", True), ("しない", False),
              ("掲載する", True), ("掲載しない", False), (None, None)]
    rows = [[f"相談員{i:02d}", f"そうだんいん{i:02d}", f"026-200-{i:04d}", f"a{i}@example.jp", v]
            for i, (v, _) in enumerate(values)]
    path = roster(tmp_path / "r.xlsx", ["氏名", "ふりがな", "電話番号", "メールアドレス", "連絡先掲載"], rows)
    plan = planning.plan_import(nagano.uow(), "advisors", path)
    assert plan.problems == [] and plan.counts["create"] == len(values)
    assert any("電話とメールの両方の掲載可否" in n for n in plan.notes)
    applying.apply_import(nagano.uow(), plan)

    got = consents(nagano)
    for i, (_, want) in enumerate(values):
        assert got[f"相談員{i:02d}"] == (want, want), values[i]

    pdf = tmp_path / "handout.pdf"
    H.write_handout(nagano.uow(), pdf, H.HandoutOptions(), today=dt.date(2025, 11, 26))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for i, (_, want) in enumerate(values):
        assert (f"026-200-{i:04d}" in text) is bool(want), values[i]
        assert (f"a{i}@example.jp" in text) is bool(want), values[i]


def test_separate_columns_win_for_their_field_and_the_preview_says_so(nagano, tmp_path: Path) -> None:
    path = roster(tmp_path / "r.xlsx", ["氏名", "電話番号", "電話公開", "メールアドレス", "掲載可否"], [
        ["青木 一郎", "026-111-1111", "否", "aoki@example.jp", "可"],  # 電話: the separate 否 wins
        ["井上 二郎", "026-222-2222", None, "inoue@example.jp", "可"],  # blank separate cell: the one column fills it
    ])
    plan = planning.plan_import(nagano.uow(), "advisors", path)
    assert plan.problems == []
    note = next(n for n in plan.notes if "掲載可否" in n)
    assert "電話は「電話公開」列の値を優先" in note and "メールは「掲載可否」列で決まります" in note
    applying.apply_import(nagano.uow(), plan)
    got = consents(nagano)
    assert got["青木 一郎"] == (False, True)
    assert got["井上 二郎"] == (True, True)


def test_a_consent_that_is_neither_yes_nor_no_is_a_problem_at_its_cell(nagano, tmp_path: Path) -> None:
    path = roster(tmp_path / "r.xlsx", ["氏名", "電話番号", "連絡先の公開"], [
        ["青木 一郎", "026-111-1111", "可"],
        ["井上 二郎", "026-222-2222", "たぶん"],
    ])
    plan = planning.plan_import(nagano.uow(), "advisors", path)
    assert [str(p) for p in plan.problems] == [
        "名簿!5:連絡先の公開 — 「たぶん」は「はい/いいえ」として読み取れません"
        "（可/否、○/×、はい/いいえ、同意/不同意、掲載する/掲載しない、TRUE/FALSE、1/0、有/無、する/しない）"
    ]
