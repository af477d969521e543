"""全国地方公共団体コード: 2-digit prefecture + 3-digit body + 1 check digit (e.g. 長野市 202011).

Check digit (総務省 rule): multiply the five digits by 6, 5, 4, 3, 2, sum, take the remainder
by 11, and use the ones digit of 11 - remainder. So remainder 0 gives 1 (長野市 20201 → 202011,
新宿区 13104 → 131041) and remainder 1 gives 0 (長野県 20000 → 200000, 渋谷区 13113 → 131130).

Codes read from Excel must be read as text: a numeric cell loses the leading 0 of 北海道 (01…).
"""

from __future__ import annotations

import re
import unicodedata
import uuid

__all__ = [
    "MUNICIPALITY_NAMESPACE",
    "PREFECTURE_COUNT",
    "CodeError",
    "check_digit",
    "is_prefecture_code",
    "is_valid_code",
    "municipality_uuid",
    "normalize_code",
    "prefecture_code_of",
    "prefecture_lg_code",
    "prefecture_uuid",
]

# Fixed forever: every laptop must derive the same id for the same municipality so merges line up.
MUNICIPALITY_NAMESPACE = uuid.UUID("6f1c2c1e-5a4b-5d1e-9a53-8f3c0b6a1d01")

PREFECTURE_COUNT = 47
_WEIGHTS = (6, 5, 4, 3, 2)
_FIVE = re.compile(r"[0-9]{5}")
_SIX = re.compile(r"[0-9]{6}")
_PREF = re.compile(r"[0-9]{1,2}")


class CodeError(ValueError):
    """A text that is not a valid 地方公共団体コード; the message is Japanese and shown to the user."""

    def __init__(self, text: object, message: str) -> None:
        super().__init__(message)
        self.text = text


def _normalise(text: str) -> str:
    if not isinstance(text, str):
        # Refuse ints on purpose: 011002 read as a number is 11002, a different code.
        raise TypeError(f"code must be str, not {type(text).__name__}")
    return unicodedata.normalize("NFKC", text).strip()


def _compute(first5: str) -> str:
    total = sum(int(c) * w for c, w in zip(first5, _WEIGHTS))
    return str((11 - total % 11) % 10)


def _pref_ok(code: str) -> bool:
    return 1 <= int(code[:2]) <= PREFECTURE_COUNT


def check_digit(first5: str) -> str:
    """The check digit of a 5-digit code: '20201' → '1'."""
    digits = _normalise(first5)
    if not _FIVE.fullmatch(digits):
        raise CodeError(first5, f"コード「{first5.strip()}」は5桁の数字ではありません")
    return _compute(digits)


def is_valid_code(code: str) -> bool:
    """True for a stored-form code: exactly six ASCII digits, prefecture 01–47, right check digit."""
    return (
        isinstance(code, str)
        and _SIX.fullmatch(code) is not None
        and _pref_ok(code)
        and _compute(code[:5]) == code[5]
    )


def normalize_code(text: str) -> str:
    """The 6-digit code for a typed 6-digit code (checked) or 5-digit code (check digit added)."""
    digits = _normalise(text)
    shown = text.strip()
    if not digits:
        raise CodeError(text, "市町村コードが入力されていません")
    if not (_SIX.fullmatch(digits) or _FIVE.fullmatch(digits)):
        raise CodeError(text, f"市町村コード「{shown}」は6桁の数字ではありません")
    if not _pref_ok(digits):
        raise CodeError(
            text,
            f"市町村コード「{shown}」の都道府県番号「{digits[:2]}」は01〜{PREFECTURE_COUNT}の範囲外です",
        )
    expected = digits[:5] + _compute(digits[:5])
    if len(digits) == 6 and digits != expected:
        raise CodeError(
            text,
            f"市町村コード「{shown}」のチェックディジットが正しくありません（正しくは{expected}）",
        )
    return expected


def _normalise_pref2(pref2: str) -> str:
    digits = _normalise(pref2)
    if not _PREF.fullmatch(digits) or not 1 <= int(digits) <= PREFECTURE_COUNT:
        raise CodeError(
            pref2,
            f"都道府県番号「{pref2.strip()}」は01〜{PREFECTURE_COUNT}の数字ではありません",
        )
    return digits.zfill(2)


def prefecture_code_of(code: str) -> str:
    """The 2-digit prefecture number of a municipality code: '202011' → '20'."""
    return normalize_code(code)[:2]


def prefecture_lg_code(pref2: str) -> str:
    """The prefecture's own 6-digit code: '20' → '200000', '1' or '01' → '010006'."""
    first5 = _normalise_pref2(pref2) + "000"
    return first5 + _compute(first5)


def is_prefecture_code(code: str) -> bool:
    """True when the code names a prefecture itself (body digits 000), e.g. '130001' 東京都."""
    return normalize_code(code)[2:5] == "000"


def municipality_uuid(code: str) -> uuid.UUID:
    """A stable UUID for a municipality: uuid5 of its normalised 6-digit code."""
    return uuid.uuid5(MUNICIPALITY_NAMESPACE, normalize_code(code))


def prefecture_uuid(pref2: str) -> uuid.UUID:
    """A stable UUID for a prefecture: uuid5 of 'pref:' + its 2-digit number."""
    return uuid.uuid5(MUNICIPALITY_NAMESPACE, "pref:" + _normalise_pref2(pref2))
