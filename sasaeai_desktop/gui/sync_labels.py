"""Japanese names for the columns the history and conflict dialogs show (the column name when unknown).

Only what an officer reads: the record forms' labels. Derived columns (name_key, kana_key) and
bookkeeping ones are listed in HIDDEN_FIELDS so the history view can leave them out by default.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

FIELD_LABELS: dict[str, str] = {
    "name": "名前", "kana": "ふりがな", "role": "役割", "affiliation": "所属", "title": "件名",
    "phone": "電話", "email": "メール", "notes": "備考", "address": "住所", "code": "コード",
    "kind": "種類", "county": "郡", "population": "人口", "aging_rate": "高齢化率",
    "daily_life_areas": "日常生活圏域数", "municipality_id": "市町村", "organisation_id": "団体",
    "person_id": "人", "advisor_id": "アドバイザー", "event_id": "研修", "session_id": "研修日程",
    "visit_id": "訪問", "dispatch_id": "派遣", "consultation_id": "相談", "region_id": "圏域",
    "fiscal_year": "年度", "date": "日付", "visit_date": "訪問日", "received_date": "受付日",
    "request_date": "依頼日", "due_date": "期限", "done_date": "完了日", "closed_date": "終了日",
    "start_time": "開始時刻", "end_time": "終了時刻", "purpose": "目的", "question": "質問・相談内容",
    "answer": "回答", "advice": "助言", "outcome": "結果", "details": "詳細", "summary": "概要",
    "topics": "話題", "issues": "課題", "observations": "所見", "status": "状況", "stage": "段階",
    "place": "場所", "venue": "会場", "capacity": "定員", "event_type": "研修の種類", "organiser": "主催",
    "present": "出席", "rating": "評価", "comment": "コメント", "label": "表示名", "category": "分類",
    "channel": "受付方法", "handled_by": "対応者", "recorded_by": "記録者", "requested_by": "依頼者",
    "from_fy": "担当開始年度", "to_fy": "担当終了年度", "publish_phone": "電話の公開", "publish_email": "メールの公開",
    "strengths": "得意分野", "merged_into_id": "統合先の人", "parent_id": "親の市町村",
    "designated_city": "政令市", "sort_order": "並び順", "done": "完了", "is_draft": "下書き",
    "deleted": "削除", "created_at": "作成日時", "updated_at": "更新日時", "prefecture_id": "都道府県",
    "lg_code": "地方公共団体コード", "walk_in": "当日参加", "is_closed": "終了", "required": "必須", "note": "メモ",
}
# 0/1 columns shown as はい/いいえ
YES_NO_FIELDS = frozenset({
    "designated_city", "done", "is_draft", "present", "publish_phone", "publish_email", "walk_in", "is_closed",
    "required", "council1_established", "sc1_placed",
})
HIDDEN_FIELDS = frozenset({"id", "name_key", "kana_key", "created_at", "updated_at"})
OP_LABELS = {"I": "追加", "U": "変更", "D": "完全に削除"}


# where one column name means different things
TABLE_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("person", "title"): "職名", ("training_event", "title"): "研修名", ("person", "name"): "氏名",
    ("municipality", "name"): "市町村名", ("municipality", "kind"): "種別",
}


def field_label(field: str, table: str = "") -> str:
    label = TABLE_FIELD_LABELS.get((table, field)) or FIELD_LABELS.get(field)
    return QCoreApplication.translate("sync_labels", label) if label else field


def value_text(field: str, value: Any) -> str:
    """A stored value as an officer reads it (削除 flags in words, nothing as （空）)."""
    if field == "deleted":
        words = {0: "有効", 1: "削除", 2: "完全に削除"}
        return QCoreApplication.translate("sync_labels", words.get(value, str(value)))
    if value is None or value == "":
        return QCoreApplication.translate("sync_labels", "（空）")
    if isinstance(value, bool) or (field in YES_NO_FIELDS and value in (0, 1)):
        return QCoreApplication.translate("sync_labels", "はい" if value else "いいえ")
    return str(value).replace("\n", " ⏎ ")
