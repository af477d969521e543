"""The グループ表 prints whatever the groups hold: a group too long for one page breaks across pages."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sasaeai_desktop.io.pdf.trainings import write_group_table


def _members(n: int, tag: str) -> list[tuple[str, str, str, str]]:
    return [("長野市", f"{tag}山田 太郎{i}", "生活支援コーディネーター", "3") for i in range(n)]


def test_a_group_of_four_hundred_breaks_across_pages(tmp_path: Path) -> None:
    out = tmp_path / "groups.pdf"
    groups = [("A", _members(6, "甲")), ("B", _members(400, "乙")), ("C", _members(5, "丙")), ("D", _members(7, "丁"))]
    pages = write_group_table(out, "研修", "グループ表", groups)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert pages > 5
    for i in (0, 199, 399):
        assert f"乙山田 太郎{i}" in text
    assert "甲山田 太郎5" in text and "丙山田 太郎4" in text and "丁山田 太郎6" in text
    # the long group's label is repeated at the top of every page it runs over
    assert text.count("B（400名）") >= pages - 1
