"""The sheets the program writes and (later) reads back: one ``SheetSpec`` per kind of table.

A sheet exported here must import again unchanged, so each spec lists every field a user may
edit, with the canonical header written on export and the synonyms a reader should accept from
sheets people made themselves. Plain Python: no openpyxl, no database.
"""

from __future__ import annotations

from .spec import ColumnSpec, SheetSpec

__all__ = ["MUNICIPALITIES", "SHEETS"]

MUNICIPALITIES = SheetSpec(
    "municipalities",
    "市町村一覧",
    (
        # 6-digit 全国地方公共団体コード with its check digit; text, so leading zeros stay (011002).
        ColumnSpec("code", "コード", "text", 8, ("団体コード", "市町村コード", "地方公共団体コード", "全国地方公共団体コード")),
        # A ward of a designated city is written with its city: 札幌市中央区.
        ColumnSpec("name", "市町村名", "text", 14, ("市区町村名", "市町村", "団体名", "自治体名", "保険者名")),
        ColumnSpec("kana", "ふりがな", "text", 14, ("フリガナ", "よみがな", "ヨミガナ", "よみ", "読み", "かな")),
        ColumnSpec("kind", "種別", "text", 6, ("区分", "団体区分")),
        ColumnSpec("county", "郡", "text", 8, ("郡名",)),
        ColumnSpec("population", "人口", "int", 10, ("総人口",)),
        ColumnSpec("aging_rate", "高齢化率(%)", "float", 9, ("高齢化率", "高齢化率（％）"), number_format="0.0"),
        ColumnSpec("daily_life_areas", "日常生活圏域数", "int", 9, ("日常生活圏域", "圏域数")),
        ColumnSpec("address", "住所", "text", 24, ("所在地", "庁舎所在地")),
        ColumnSpec("phone", "電話", "text", 13, ("電話番号", "TEL", "代表電話")),
        ColumnSpec("notes", "備考", "multiline", 24, ("メモ",)),
    ),
)

SHEETS: dict[str, SheetSpec] = {MUNICIPALITIES.kind: MUNICIPALITIES}
