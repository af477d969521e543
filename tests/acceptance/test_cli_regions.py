"""sasaeai region: kinds, regions and memberships edited from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_runner import CliRunner


def test_region_commands(sasaeai: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")

    def run(*args: str) -> tuple[int, str, str]:
        # In this process (many calls); one real process below.
        done = sasaeai.inside("--db", db, "region", *args)
        return done.returncode, done.stdout, done.stderr

    assert sasaeai("--db", db, "init", "--prefecture", "鳥取県").returncode == 0
    assert run("add-kind", "広域ブロック")[0] == 0
    assert run("add", "広域ブロック", "東部", "中部", "西部")[0] == 0
    code, _out, err = run("add", "広域ブロック", "南部", "東部")
    assert code == 2 and "東部" in err  # all or nothing: 南部 not added either
    code, out, err = run("assign", "広域ブロック", "東部", "鳥取市", "31325", "岩美郡岩美町")  # 31325: 若桜町
    assert code == 0 and "3 市町村" in out, err
    code, _out, err = run("assign", "広域ブロック", "西部", "米子市", "どこでもない町")
    assert code == 2 and "どこでもない町" in err and "何も変更していません" in err
    assert run("assign", "広域ブロック", "北部", "米子市")[0] == 2  # no such region
    assert run("assign", "広域ブロック", "西部", "米子市")[0] == 0
    assert run("assign", "広域ブロック", "中部", "鳥取市")[0] == 0  # moves: one region per kind

    code, out, _err = run("list", "--kind", "広域ブロック", "--json")
    kind, = json.loads(out)["kinds"]
    members = {r["name"]: [m["name"] for m in r["municipalities"]] for r in kind["regions"]}
    assert members == {"東部": ["岩美町", "若桜町"], "中部": ["鳥取市"], "西部": ["米子市"]}
    assert len(kind["unassigned"]) == 19 - 4
    code, out, _err = run("list")
    assert code == 0 and "■ 広域ブロック（圏域 3）" in out and "東部: 2 市町村" in out

    code, _out, err = run("delete", "広域ブロック", "東部")
    assert code == 2 and "--force" in err
    assert run("rename", "広域ブロック", "東部", "東部圏")[0] == 0
    assert run("rename-kind", "広域ブロック", "ブロック")[0] == 2  # init made a ブロック already
    assert run("delete", "広域ブロック", "東部圏", "--force")[0] == 0
    assert run("unassign", "広域ブロック", "米子市")[0] == 0
    kind, = json.loads(run("list", "--kind", "広域ブロック", "--json")[1])["kinds"]
    assert [r["name"] for r in kind["regions"]] == ["中部", "西部"] and len(kind["unassigned"]) == 18
    # the grid through Excel: export, change a cell, preview, import
    from openpyxl import load_workbook

    xlsx = tmp_path / "regions.xlsx"
    assert run("export", str(xlsx))[0] == 0
    wb = load_workbook(xlsx)
    ws = wb.active
    head = next(r for r in range(1, 6) if ws.cell(r, 1).value == "コード")
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value == "広域ブロック")
    row = next(r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 2).value == "米子市")
    ws.cell(row, col, "西部")
    wb.save(xlsx)
    code, out, _err = run("import", str(xlsx), "--dry-run")
    assert code == 0 and "米子市　広域ブロック: （未設定） → 西部" in out and "確認のみ" in out
    assert run("import", str(xlsx))[0] == 0
    kind, = json.loads(run("list", "--kind", "広域ブロック", "--json")[1])["kinds"]
    assert [m["name"] for m in kind["regions"][1]["municipalities"]] == ["米子市"]
    assert run("delete-kind", "広域ブロック")[0] == 2
    assert run("delete-kind", "広域ブロック", "--force")[0] == 0
    r = sasaeai("--db", db, "region", "list")  # a real process, end to end
    assert r.returncode == 0 and "■ ブロック" in r.stdout and "広域ブロック" not in r.stdout
