"""One rule for a new 合言葉 (issue 20 item 10): 8 characters at least, not counting spaces at the
ends — for SASAEAI_PASSPHRASE, --passphrase-file and the window alike (domain/passphrase.py, applied
where the dataset's passphrase is set); a dataset's existing passphrase still opens its files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sasaeai_desktop.domain.passphrase import new_passphrase_problem
from sasaeai_desktop.services.sync import passphrase as sync_passphrase
from tests.cli_runner import CliRunner


@pytest.mark.parametrize("weak", ["a", " ", " 1234567 "])
def test_a_weak_new_passphrase_is_refused_everywhere(sasaeai: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     weak: str) -> None:
    db = str(tmp_path / "a.db")
    assert sasaeai.inside("--db", db, "init", "--prefecture", "長野県").returncode == 0
    monkeypatch.setenv("SASAEAI_PASSPHRASE", weak)
    enrol = sasaeai.inside("--db", db, "sync", "enrol", "--out", str(tmp_path / "e.sync"))
    export = sasaeai.inside("--db", db, "sync", "export", "--out", str(tmp_path / "x.sync"))
    monkeypatch.delenv("SASAEAI_PASSPHRASE")
    (tmp_path / "pass.txt").write_text(weak + "\n", encoding="utf-8")
    from_file = sasaeai.inside("--db", db, "sync", "enrol", "--out", str(tmp_path / "e.sync"),
                               "--passphrase-file", str(tmp_path / "pass.txt"))
    assert (enrol.returncode, export.returncode, from_file.returncode) == (2, 2, 2)
    err = enrol.stderr + export.stderr + from_file.stderr
    assert "8 文字以上" in err or "空です" in err
    assert not (tmp_path / "e.sync").exists() and not (tmp_path / "x.sync").exists()
    monkeypatch.setenv("SASAEAI_PASSPHRASE", "職場の合言葉2026")
    assert sasaeai.inside("--db", db, "sync", "enrol", "--out", str(tmp_path / "e.sync")).returncode == 0


def test_an_existing_short_passphrase_still_opens_the_dataset(sasaeai: CliRunner, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    office, laptop = str(tmp_path / "office.db"), str(tmp_path / "laptop.db")
    assert sasaeai.inside("--db", office, "init", "--prefecture", "長野県").returncode == 0
    monkeypatch.setenv("SASAEAI_PASSPHRASE", "abc")
    with monkeypatch.context() as older_version:  # the dataset got its passphrase before the rule
        older_version.setattr(sync_passphrase, "new_passphrase_problem", lambda _p: None)
        assert sasaeai.inside("--db", office, "sync", "enrol", "--out", str(tmp_path / "e.sync")).returncode == 0
    assert sasaeai.inside("--db", laptop, "sync", "join", str(tmp_path / "e.sync")).returncode == 0
    assert sasaeai.inside("--db", laptop, "sync", "export", "--out", str(tmp_path / "l.sync")).returncode == 0
    assert sasaeai.inside("--db", office, "sync", "import", str(tmp_path / "l.sync")).returncode == 0


def test_rule() -> None:
    assert new_passphrase_problem("12345678") is None
    assert new_passphrase_problem("合言葉は八文字以上") is None
    assert new_passphrase_problem(" 1234567 ") and new_passphrase_problem("")
