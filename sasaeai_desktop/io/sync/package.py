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
    def from_json(cls, d: dict[str, Any]) -> "KdfParams":
        if d.get("name") != "scrypt":
            raise DamagedPackageError("鍵の導出方式が不明です。")
        return cls(base64.b64decode(d["salt"]), int(d["n"]), int(d["r"]), int(d["p"]))

    @classmethod
    def new(cls) -> "KdfParams":
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


def read_header(blob: bytes) -> tuple[dict[str, Any], int]:
    """The verified cleartext header and the offset of the nonce."""
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
    if len(blob) < at + head_len + 32 + 12 + 16:
        raise DamagedPackageError("ファイルが途中で切れています（ヘッダーまたは本体が欠けています）。")
    head = blob[at : at + head_len]
    digest = blob[at + head_len : at + head_len + 32]
    if hashlib.sha256(blob[: at + head_len]).digest() != digest:
        raise DamagedPackageError("ファイルのヘッダーが壊れています（チェックサムが一致しません）。")
    try:
        header = json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise DamagedPackageError("ファイルのヘッダーが読めません。") from exc
    end = at + head_len + 32
    if len(blob) - end - 12 != int(header.get("payload_bytes", -1)):
        raise DamagedPackageError(
            f"ファイルが途中で切れているか、余分なデータがあります（本体 {len(blob) - end - 12:,} バイト、"
            f"本来 {int(header.get('payload_bytes', 0)):,} バイト）。"
        )
    return header, end


def open_package(blob: bytes, header: dict[str, Any], offset: int, passphrase: str) -> dict[str, Any]:
    """Check the passphrase, decrypt, verify and decompress the payload."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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
        return json.loads(zlib.decompress(compressed))
    except (zlib.error, ValueError) as exc:
        raise DamagedPackageError("ファイルの中身を展開できません。") from exc


def read_package(path: Path, passphrase: str) -> Package:
    blob = Path(path).read_bytes()
    header, offset = read_header(blob)
    payload = open_package(blob, header, offset, passphrase)
    return Package(header, payload, hashlib.sha256(blob).hexdigest(), len(blob))
