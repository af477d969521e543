"""``sasaeai pdf booklet`` end to end: entries imported from Excel, the booklet printed, filtered,
and bad filters refused with exit 2 and no file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli_runner import CliRunner
from tests.excel_books import book

HEADER = ["名称", "種類", "市町村", "地区", "実施主体", "内容", "曜日・時間", "頻度", "参加人数", "費用", "連絡先", "連絡先掲載", "掲載"]


@pytest.fixture
def db(sasaeai: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    assert sasaeai("--db", str(path), "init", "--prefecture", "長野県").returncode == 0
    source = book(tmp_path / "資源.xlsx", [HEADER,
        ["ふれあいサロン", "サロン", "松本市", "中央", "中央社協", "体操と茶話会", "火曜 10時", "週1回", 20, "100円", "0263-11-1111", "可", "可"],
        ["移動販売あおぞら", "買い物支援", "上田市", "", "", "", "", "", "", "", "0268-22-2222", "否", "可"],
        ["内緒の集まり", "サロン", "上田市", "", "", "", "", "", "", "", "0268-33-3333", "可", "否"]], sheet="資源")
    done = sasaeai("--db", str(path), "import", "activities", str(source))
    assert done.returncode == 0, done.stdout + done.stderr
    return path


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(pdf).pages))


def test_booklet_prints_the_published_and_nothing_else(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "事例集.pdf"
    done = sasaeai("--db", str(db), "pdf", "booklet", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "地域の支え合い活動事例集（2件、" in done.stdout
    text = _text(out)
    assert "ふれあいサロン" in text and "0263-11-1111" in text and "移動販売あおぞら" in text
    assert "0268-22-2222" not in text and "内緒の集まり" not in text and "0268-33-3333" not in text


def test_filters_and_title(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    done = sasaeai("--db", str(db), "pdf", "booklet", "--out", str(out), "--kind", "買い物支援", "--municipality", "202037",
                   "--title", "買い物を支える活動", "--fiscal-year", "2026")
    assert done.returncode == 0, done.stderr
    text = _text(out)
    assert "買い物を支える活動" in text and "令和8年度（2026年度）" in text
    assert "移動販売あおぞら" in text and "ふれあいサロン" not in text


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "南極"], "圏域「南極」は登録されていません"),
    (["--kind", "宇宙旅行"], "種類「宇宙旅行」は一覧にありません"),
    (["--municipality", "999999"], "市町村コード「999999」の市町村は登録されていません"),
])
def test_bad_filters_exit_2_and_write_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path, args: list[str],
                                              message: str) -> None:
    out = tmp_path / "out" / "x.pdf"
    out.parent.mkdir()
    done = sasaeai("--db", str(db), "pdf", "booklet", "--out", str(out), *args)
    assert done.returncode == 2, done
    assert message in done.stderr
    assert list(out.parent.iterdir()) == []
