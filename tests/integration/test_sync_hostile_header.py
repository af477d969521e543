"""Tampered exchange-file headers: each refused with one plain message, fast, the database unchanged.

The header's SHA-256 only guards against damage: anyone can change a field and recompute it. So
each case here rewrites the header of a good file and recomputes the digest the way
``write_package`` does; the refusal must come from checking the fields, before scrypt runs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from tests.cli_runner import CliRunner
from tests.integration.test_sync_faults import PASS
from tests.integration.test_sync_faults import _refused
from tests.integration.test_sync_faults import content
from tests.integration.test_sync_faults import sync_pair


@pytest.fixture
def pair(tmp_path: Path):
    with sync_pair(tmp_path) as made:
        yield made


def retamper(good: Path, out: Path, change: Callable[[dict[str, Any]], Any]) -> Path:
    """``good`` with its header replaced by ``change(header)`` (None: changed in place) and
    the digest recomputed, the encrypted body left as it was."""
    blob = good.read_bytes()
    header, offset = pkg.read_header(blob)
    new = change(header)
    new = header if new is None else new
    head = json.dumps(new, ensure_ascii=False, sort_keys=True).encode("utf-8")
    prefix = pkg.MAGIC + pkg._PREFIX.pack(pkg.FORMAT_VERSION, len(head)) + head
    out.write_bytes(prefix + hashlib.sha256(prefix).digest() + blob[offset:])
    return out


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda h: h.pop(key)


def _kdf(**values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda h: h["kdf"].update(values)


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda h: h.update({key: value})


CASES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "no kdf": _drop("kdf"),
    "no file_salt": _drop("file_salt"),
    "kdf n=3": _kdf(n=3),
    "kdf n=2**20": _kdf(n=2**20),
    "kdf p=4096": _kdf(p=4096),
    "kdf r=2**20": _kdf(r=2**20),
    "kdf n as text": _kdf(n="32768"),
    "kdf n as float": _kdf(n=32768.0),
    "kdf n true": _kdf(n=True),
    "kdf is a list": _set("kdf", [1, 2]),
    "kdf salt not base64": _kdf(salt="@@@@"),
    "kdf salt too long": _kdf(salt="QUFB" * 1000),
    "file_salt 3 bytes": _set("file_salt", "QUFB"),
    "header is a list": lambda h: [h],
    "header is a number": lambda h: 7,
    "payload_bytes text": _set("payload_bytes", "12"),
    "key_check a number": _set("key_check", 5),
    "sender_vv a list": _set("sender_vv", [1]),
    "sender_vv counter text": _set("sender_vv", {"abc": "9"}),
    "ranges bad pair": _set("ranges", {"abc": [1]}),
    "schema a dict": _set("schema", {"x": 1}),
    "dataset_id huge": _set("dataset_id", "x" * 100_000),
    "format text": _set("format", "1"),
    "kind unknown": _set("kind", "nuke"),
}


def test_tampered_headers_are_refused_before_scrypt(pair, monkeypatch) -> None:
    office, _laptop, good, tmp = pair  # one pair for every case: building it is the slow part

    def no_scrypt(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("scrypt ran on a tampered header")

    monkeypatch.setattr(pkg.hashlib, "scrypt", no_scrypt)
    pkg._scrypt.cache_clear()
    for case, change in CASES.items():
        bad = retamper(good, tmp / "bad.sync", change)
        message = _refused(office, bad)
        assert "「bad.sync」" in message and "変更していません" in message, (case, message)


def test_the_cli_exits_2_on_a_tampered_header(sasaeai: CliRunner, pair, monkeypatch) -> None:
    office, _laptop, good, tmp = pair

    def no_scrypt(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("scrypt ran on a tampered header")

    monkeypatch.setattr(pkg.hashlib, "scrypt", no_scrypt)
    pkg._scrypt.cache_clear()
    bad = retamper(good, tmp / "p4096.sync", _kdf(p=4096))
    before = content(office.db_path)
    office.close()
    pass_file = tmp / "pass.txt"
    pass_file.write_text(PASS, encoding="utf-8")
    done = sasaeai.inside("--db", str(office.db_path), "sync", "import", str(bad), "--passphrase-file", str(pass_file))
    err = done.stderr
    assert done.returncode == 2, err
    assert "Traceback" not in err and "p4096.sync" in err and "kdf" in err
    assert content(office.db_path) == before


def test_a_tampered_enrolment_file_is_refused_by_join(pair, tmp_path: Path) -> None:
    office, _laptop, _good, tmp = pair
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError

    enrol = retamper(tmp / "enrol.sync", tmp / "enrol-bad.sync", _kdf(n=2**20))
    fresh = open_database(tmp / "fresh.db")
    try:
        before = content(fresh.db_path)
        with pytest.raises(UserError, match="kdf.n"):
            sync_enrolment.join(fresh.uow(), enrol, PASS, name="新しいPC")
        assert content(fresh.db_path) == before
    finally:
        fresh.close()


def test_the_files_this_program_writes_still_pass(pair) -> None:
    _office, _laptop, good, _tmp = pair
    header, _ = pkg.read_header(good.read_bytes())
    assert pkg.validate_header(header) is header
    real = dict(header["kdf"], n=2**15)  # the tests' pair was made with a lower work factor
    assert pkg.KdfParams.from_json(real).n == 2**15
