"""The exchange file: one file, cleartext header, AES-256-GCM encrypted compressed payload.

Layout::

    MAGIC (13 bytes) | format version (1 byte) | header length (4 bytes, big endian)
    | header (UTF-8 JSON, no personal data) | SHA-256 of everything before it (32 bytes)
    | nonce (12 bytes) | ciphertext + GCM tag

The header holds the dataset id, schema revision, source replica, the sender's version vector,
the ranges of changes, the payload's SHA-256 and length, the KDF parameters and a key check
value. The key is HKDF-SHA256(master, per-file salt) where master = scrypt(passphrase, dataset
salt); the check value (an HMAC under the master key) tells a wrong passphrase apart from a
damaged file before anything is decrypted. The header (with its digest) is the GCM associated
data, so no byte of the file can change unnoticed. Files are written to a temporary name and
renamed into place.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import json
import secrets
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAGIC = b"SASAEAI-SYNC\n"
FORMAT_VERSION = 1
KIND_CHANGES = "changes"
KIND_ENROL = "enrol"

# scrypt work factor for new datasets (about 0.1 s and 32 MiB here); the parameters travel with
# the dataset, so raising this later does not break existing files. Tests lower it.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_PREFIX = struct.Struct(">BI")

# What a file may ask of scrypt. A tampered header (its digest is recomputed easily: the digest
# guards against damage, not against an attacker) could otherwise ask for hours of work
# (p = 4096 ran 155 s) or fail inside hashlib (n = 3, n = 2**20). Only what this program writes
# is accepted: r and p as above, n a power of two from the tests' 2**4 up to four times today's
# work factor (room to raise SCRYPT_N later; 2**17 costs about 0.4 s and 128 MiB here).
KDF_N_RANGE = (2**4, 2**17)
SALT_BYTES = 16
MAX_HEADER_BYTES = 4 * 1024 * 1024  # a version vector of thousands of laptops fits many times
_MAX_ID = 200  # dataset, replica and schema ids are short (uuid hex, alembic revision)
_MAX_TEXT = 1000  # a laptop's name, a timestamp


class PackageError(Exception):
    """The file cannot be read; ``str()`` is a Japanese message for the user."""


class NotAPackageError(PackageError):
    pass


class DamagedPackageError(PackageError):
    pass


class WrongPassphraseError(PackageError):
    pass


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    def to_json(self) -> dict[str, Any]:
        return {"name": "scrypt", "salt": base64.b64encode(self.salt).decode("ascii"), "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_json(cls, d: Any) -> KdfParams:
        """The parameters of ``d`` when they are ones this program writes, else DamagedPackageError."""
        if not isinstance(d, dict):
            raise DamagedPackageError("鍵の導出方式（kdf）がありません。")
        if d.get("name") != "scrypt":
            raise DamagedPackageError("鍵の導出方式が不明です。")
        n, r, p = (_int_field(d, k, "kdf.") for k in ("n", "r", "p"))
        lo, hi = KDF_N_RANGE
        if not (lo <= n <= hi and n & (n - 1) == 0):
            raise DamagedPackageError(f"鍵の導出の設定（kdf.n = {n}）がこのプログラムの書く値ではありません（{lo}〜{hi} の2のべき乗）。")
        if r != SCRYPT_R or p != SCRYPT_P:
            raise DamagedPackageError(f"鍵の導出の設定（kdf.r = {r}、kdf.p = {p}）がこのプログラムの書く値（r = {SCRYPT_R}、p = {SCRYPT_P}）ではありません。")
        return cls(_b64_field(d, "salt", SALT_BYTES, "kdf."), n, r, p)

    @classmethod
    def new(cls) -> KdfParams:
        return cls(secrets.token_bytes(16), SCRYPT_N, SCRYPT_R, SCRYPT_P)


@functools.lru_cache(maxsize=16)
def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)


def master_key(passphrase: str, kdf: KdfParams) -> bytes:
    return _scrypt(passphrase, kdf.salt, kdf.n, kdf.r, kdf.p)


def key_check(master: bytes) -> str:
    """A value that shows the passphrase is right without revealing anything about it."""
    return hmac.new(master, b"sasaeai-sync key check v1", hashlib.sha256).hexdigest()[:32]


def _file_key(master: bytes, file_salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=file_salt, info=b"sasaeai-sync file v1").derive(master)


@dataclass(frozen=True)
class Package:
    header: dict[str, Any]
    payload: dict[str, Any]
    sha256: str  # of the whole file
    size: int


def write_package(path: Path, header: dict[str, Any], payload_json: bytes, passphrase: str, kdf: KdfParams) -> tuple[str, int]:
    """Encrypt and write atomically; returns (SHA-256 of the file, size)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    master = master_key(passphrase, kdf)
    compressed = zlib.compress(payload_json, 6)
    file_salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    header = {
        **header,
        "format": FORMAT_VERSION,
        "kdf": kdf.to_json(),
        "key_check": key_check(master),
        "file_salt": base64.b64encode(file_salt).decode("ascii"),
        "payload_sha256": hashlib.sha256(compressed).hexdigest(),
        "payload_bytes": len(compressed) + 16,
        "compression": "zlib",
        "cipher": "AES-256-GCM",
    }
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    prefix = MAGIC + _PREFIX.pack(FORMAT_VERSION, len(head)) + head
    aad = prefix + hashlib.sha256(prefix).digest()
    body = AESGCM(_file_key(master, file_salt)).encrypt(nonce, compressed, aad)
    blob = aad + nonce + body
    from sasaeai_desktop.io.output_files import write_bytes

    write_bytes(path, blob)  # atomic, never onto a database in use
    return hashlib.sha256(blob).hexdigest(), len(blob)


def _int_field(d: dict[str, Any], key: str, where: str = "", *, low: int = 0, high: int = 2**63 - 1) -> int:
    value = d.get(key)
    if type(value) is not int:  # bool is an int to Python, a float or "12" is not what we write
        raise DamagedPackageError(f"ヘッダーの項目「{where}{key}」が整数ではありません。")
    if not low <= value <= high:
        raise DamagedPackageError(f"ヘッダーの項目「{where}{key}」の値 {value} が範囲外です（{low}〜{high}）。")
    return value


def _text_field(d: dict[str, Any], key: str, limit: int, *, optional: bool = False) -> None:
    value = d.get(key)
    if value is None and optional:
        return
    if not isinstance(value, str) or (not value and not optional) or len(value) > limit:
        raise DamagedPackageError(f"ヘッダーの項目「{key}」がないか、正しい文字列ではありません（{limit}文字まで）。")


def _b64_field(d: dict[str, Any], key: str, size: int, where: str = "") -> bytes:
    value = d.get(key)
    try:
        if not isinstance(value, str) or len(value) > 4 * size:
            raise ValueError(key)
        raw = base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        raise DamagedPackageError(f"ヘッダーの項目「{where}{key}」がないか、正しい形式ではありません。") from None
    if len(raw) != size:
        raise DamagedPackageError(f"ヘッダーの項目「{where}{key}」の長さが違います（{len(raw)} バイト、本来 {size} バイト）。")
    return raw


def _hex_field(d: dict[str, Any], key: str, length: int) -> None:
    value = d.get(key)
    if not isinstance(value, str) or len(value) != length or any(ch not in "0123456789abcdef" for ch in value):
        raise DamagedPackageError(f"ヘッダーの項目「{key}」がないか、正しい形式ではありません。")


def _counters(d: dict[str, Any], key: str, *, pairs: bool) -> None:
    """{replica id: counter} (the version vector) or {replica id: [first, last]} (the ranges)."""
    value = d.get(key)
    if not isinstance(value, dict):
        raise DamagedPackageError(f"ヘッダーの項目「{key}」がないか、正しい形式ではありません。")
    for replica, v in value.items():
        items = v if pairs else [v]
        if (
            len(replica) > _MAX_ID
            or not isinstance(items, list)
            or len(items) != (2 if pairs else 1)
            or any(type(x) is not int or not 0 <= x < 2**63 for x in items)
        ):
            raise DamagedPackageError(f"ヘッダーの項目「{key}」の「{replica[:40]}」が正しい形式ではありません。")


def validate_header(header: Any) -> dict[str, Any]:
    """``header`` when every field this program reads has the type, length and range it writes.

    Checked before any work (scrypt, decryption, a look at the database), so a tampered header
    ends in one plain message instead of a traceback deep inside the import."""
    try:
        return _validate(header)
    except NotAPackageError:
        raise
    except DamagedPackageError as exc:
        raise DamagedPackageError(f"ファイルのヘッダーが壊れているか、書き換えられています（{str(exc).rstrip('。')}）。") from None


def _validate(header: Any) -> dict[str, Any]:
    if not isinstance(header, dict):
        raise DamagedPackageError("ファイルのヘッダーが正しい形式ではありません。")
    if _int_field(header, "format", low=1, high=2**31) > FORMAT_VERSION:
        raise NotAPackageError(
            f"この同期ファイルは新しい形式（{header['format']}）です。SasaeAI を更新してから読み込んでください。ファイルはそのまま保管してください。"
        )
    if header.get("kind") not in (KIND_CHANGES, KIND_ENROL):
        raise DamagedPackageError("ヘッダーの項目「kind」がこのプログラムの書く値ではありません。")
    if header.get("compression") != "zlib" or header.get("cipher") != "AES-256-GCM":
        raise DamagedPackageError("圧縮または暗号の方式（compression, cipher）がこのプログラムの書くものではありません。")
    for key in ("dataset_id", "schema", "source"):
        _text_field(header, key, _MAX_ID)
    _text_field(header, "for", _MAX_ID, optional=True)
    for key in ("source_name", "created_at"):
        _text_field(header, key, _MAX_TEXT, optional=True)
    _counters(header, "sender_vv", pairs=False)
    _counters(header, "ranges", pairs=True)
    for key in ("entries", "changes"):
        _int_field(header, key)
    _int_field(header, "payload_bytes", low=16)
    _hex_field(header, "payload_sha256", 64)
    _hex_field(header, "key_check", 32)
    _b64_field(header, "file_salt", SALT_BYTES)
    KdfParams.from_json(header.get("kdf"))
    return header


def read_header(blob: bytes) -> tuple[dict[str, Any], int]:
    """The verified cleartext header (every field checked, see ``validate_header``) and the
    offset of the nonce."""
    if not blob.startswith(MAGIC):
        if MAGIC.startswith(blob[: len(MAGIC)]) and len(blob) < len(MAGIC) + _PREFIX.size:
            raise DamagedPackageError("ファイルが途中で切れています（先頭部分しかありません）。")
        raise NotAPackageError("SasaeAI の同期ファイルではありません（ファイルの形式が違います）。")
    at = len(MAGIC)
    if len(blob) < at + _PREFIX.size:
        raise DamagedPackageError("ファイルが途中で切れています。")
    version, head_len = _PREFIX.unpack_from(blob, at)
    at += _PREFIX.size
    if version > FORMAT_VERSION:
        raise NotAPackageError(
            f"この同期ファイルは新しい形式（{version}）です。SasaeAI を更新してから読み込んでください。ファイルはそのまま保管してください。"
        )
    if head_len > MAX_HEADER_BYTES:
        raise DamagedPackageError(f"ファイルのヘッダーが壊れています（長さ {head_len:,} バイト、上限 {MAX_HEADER_BYTES:,} バイト）。")
    if len(blob) < at + head_len + 32 + 12 + 16:
        raise DamagedPackageError("ファイルが途中で切れています（ヘッダーまたは本体が欠けています）。")
    head = blob[at : at + head_len]
    digest = blob[at + head_len : at + head_len + 32]
    if hashlib.sha256(blob[: at + head_len]).digest() != digest:
        raise DamagedPackageError("ファイルのヘッダーが壊れています（チェックサムが一致しません）。")
    try:
        header = json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise DamagedPackageError("ファイルのヘッダーが読めません。") from exc
    validate_header(header)
    end = at + head_len + 32
    if len(blob) - end - 12 != header["payload_bytes"]:
        raise DamagedPackageError(
            f"ファイルが途中で切れているか、余分なデータがあります（本体 {len(blob) - end - 12:,} バイト、"
            f"本来 {header['payload_bytes']:,} バイト）。"
        )
    return header, end


def _let_other_threads_run(obj: dict[str, Any]) -> dict[str, Any]:
    """The identity, in Python: json.loads of a whole payload is one C call holding the GIL
    (0.3–0.7 s for a week's file, the window frozen meanwhile); a Python call per JSON object
    is where the interpreter may hand the GIL to the GUI thread (the parse is ~17 % slower)."""
    return obj


def open_package(blob: bytes, header: dict[str, Any], offset: int, passphrase: str) -> dict[str, Any]:
    """Check the passphrase, decrypt, verify and decompress the payload."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    validate_header(header)  # callers may hand in a header of their own: checked again, it is cheap
    kdf = KdfParams.from_json(header["kdf"])
    master = master_key(passphrase, kdf)
    if not hmac.compare_digest(key_check(master), str(header.get("key_check", ""))):
        raise WrongPassphraseError("合言葉（パスフレーズ）が違います。このファイルを作った端末と同じ合言葉を指定してください。")
    nonce = blob[offset : offset + 12]
    try:
        compressed = AESGCM(_file_key(master, base64.b64decode(header["file_salt"]))).decrypt(
            nonce, blob[offset + 12 :], blob[:offset]
        )
    except InvalidTag as exc:
        raise DamagedPackageError("ファイルの中身が壊れています（暗号の検証に失敗しました）。") from exc
    if hashlib.sha256(compressed).hexdigest() != header.get("payload_sha256"):
        raise DamagedPackageError("ファイルの中身が壊れています（チェックサムが一致しません）。")
    try:
        return json.loads(zlib.decompress(compressed), object_hook=_let_other_threads_run)
    except (zlib.error, ValueError) as exc:
        raise DamagedPackageError("ファイルの中身を展開できません。") from exc


def read_package(path: Path, passphrase: str) -> Package:
    blob = Path(path).read_bytes()
    header, offset = read_header(blob)
    payload = open_package(blob, header, offset, passphrase)
    return Package(header, payload, hashlib.sha256(blob).hexdigest(), len(blob))
