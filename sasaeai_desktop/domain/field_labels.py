"""Japanese names of stored columns, as an officer reads them in a record's history, a sync
conflict or a message on the command line. Plain data: the window translates them through Qt
(gui/sync_labels.py), the command line prints them as they are.

Only what an officer reads: the record forms' labels. Derived columns (name_key, kana_key) and
bookkeeping ones are listed in HIDDEN_FIELDS so the history view can leave them out by default.
"""

from __future__ import annotations

from sasaeai_desktop.domain.outreach import COUNT_LABELS

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
# a photo's bytes (base64 text) are no reading in a history either
HIDDEN_FIELDS = frozenset({"id", "name_key", "kana_key", "created_at", "updated_at", "image", "thumbnail"})
OP_LABELS = {"I": "追加", "U": "変更", "D": "完全に削除"}


# where one column name means different things
TABLE_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("person", "title"): "職名", ("training_event", "title"): "研修名", ("person", "name"): "氏名",
    ("municipality", "name"): "市町村名", ("municipality", "kind"): "種別",
}


# Columns of the status table (市町村の取組状況) as on the status sheet; of the other tables,
# whatever a history or a conflict can show.
FIELD_LABELS.update({
    "as_of": "時点", "source": "入力元", "transition_date": "総合事業の移行時期", "transition_note": "移行についての補足",
    "sc1_placed": "第1層SCの配置", "sc1_entrusted_to": "第1層SCの委託先", "sc1_since": "第1層SCの配置時期",
    "sc1_count": "第1層SCの人数", "sc2_placed_areas": "第2層SCを配置した圏域数", "sc2_total_areas": "日常生活圏域の数",
    "sc2_note": "第2層SCの補足", "council1_established": "第1層協議体の設置", "council1_since": "第1層協議体の設置時期",
    "council1_meetings_per_year": "第1層協議体の開催回数（年）", "council2_established_areas": "第2層協議体を設置した圏域数",
    "council2_total_areas": "日常生活圏域の数（協議体）", "council2_note": "第2層協議体の補足",
    "houmon_a": "訪問型A", "houmon_b": "訪問型B", "houmon_c": "訪問型C", "houmon_d": "訪問型D",
    "tsusho_a": "通所型A", "tsusho_b": "通所型B", "tsusho_c": "通所型C", "ippan_yobo": "一般介護予防",
    "houmon_a_note": "訪問型Aの内容", "houmon_b_note": "訪問型Bの内容", "houmon_c_note": "訪問型Cの内容",
    "houmon_d_note": "訪問型Dの内容", "tsusho_a_note": "通所型Aの内容", "tsusho_b_note": "通所型Bの内容",
    "tsusho_c_note": "通所型Cの内容", "ippan_yobo_note": "一般介護予防の内容", "support_wanted": "県に求める支援",
    "active_from_fy": "活動開始年度", "active_to_fy": "活動終了年度", "activity_text": "日頃の活動分野",
    "field_id": "活動分野", "checked_in_at": "受付時刻", "registration_id": "申込", "from_name": "相談者",
    "referred_advisor_id": "紹介したアドバイザー", "payer": "費用負担", "purpose_category": "目的区分",
    "owner_name": "担当者", "owner_person_id": "担当者", "kind_id": "圏域の種類", "group_label": "グループ",
    "pre_assignment_received": "事前課題の受領", "registered_on": "申込日", "row_order": "受付番号",
    "question_id": "アンケートの設問", "co_hosts": "共催", "copied_from_id": "複写元の研修",
    "program_notes": "プログラム", "next_visit_date": "次回訪問予定日", "next_visit_note": "次回訪問のメモ",
    "side": "立場", "strengths": "地域の強み", "session_structure": "日程の関係", "number": "証書番号",
    "issued_on": "発行日", "host_municipality_id": "開催市町村",
})
YES_NO_FIELDS = YES_NO_FIELDS | {"council1_established", "sc1_placed", "pre_assignment_received", "houmon_a", "houmon_b",
                                 "houmon_c", "houmon_d", "tsusho_a", "tsusho_b", "tsusho_c", "ippan_yobo"}
TABLE_FIELD_LABELS[("municipality_status", "issues")] = "地域の課題"
# the visit form's own words (visit_dialog.py), so a conflict names the box the officer typed in
TABLE_FIELD_LABELS.update({
    ("visit", "advice"): "助言内容", ("visit", "observations"): "把握した状況",
    ("visit", "purpose_category"): "目的区分",
})
# 補助金・モデル事業: the form's words (gui/dialogs/grant_dialog.py, services/grants/records.FIELD_LABELS)
FIELD_LABELS.update({
    "program": "事業名", "amount_decided": "交付決定額", "amount_paid": "支払額", "applied_on": "申請日",
    "decided_on": "交付決定日", "report_due": "実績報告期限", "report_received": "実績報告受理日", "grant_id": "補助金・モデル事業",
})
TABLE_FIELD_LABELS.update({("grant_record", "kind"): "種別", ("grant_record", "purpose"): "使途"})

# 普及啓発 (domain/outreach.py): the 日程 tab's words for an event's public attendance and its media
FIELD_LABELS.update({**COUNT_LABELS, "link": "リンク"})
TABLE_FIELD_LABELS.update({("event_media", "title"): "題名", ("event_media", "kind"): "媒体の種類"})


# 地域資源・活動事例: the form's words (gui/dialogs/catalogue_dialog.py, the sheet's headers)
TABLE_FIELD_LABELS.update({
    ("catalogue_entry", "name"): "名称", ("catalogue_entry", "organiser"): "実施主体",
    ("catalogue_entry", "area"): "地区", ("catalogue_entry", "content"): "内容",
    ("catalogue_entry", "schedule"): "曜日・時間", ("catalogue_entry", "frequency"): "頻度",
    ("catalogue_entry", "participants"): "参加人数", ("catalogue_entry", "cost"): "費用",
    ("catalogue_entry", "contact"): "連絡先", ("catalogue_entry", "contact_consent"): "連絡先の掲載",
    ("catalogue_entry", "description"): "紹介文", ("catalogue_entry", "tags"): "タグ",
    ("catalogue_entry", "publishable"): "掲載", ("catalogue_entry", "info_date"): "更新日",
    ("catalogue_photo", "entry_id"): "地域資源", ("catalogue_photo", "position"): "写真の順番",
    ("catalogue_photo", "caption"): "写真の説明", ("catalogue_photo", "alt_text"): "代替テキスト",
    ("catalogue_photo", "publish_consent"): "写真の掲載の同意", ("catalogue_photo", "width"): "写真の幅",
    ("catalogue_photo", "height"): "写真の高さ", ("catalogue_photo", "image"): "写真",
    ("catalogue_photo", "thumbnail"): "写真の縮小版",
})
YES_NO_FIELDS = YES_NO_FIELDS | {"publishable", "publish_consent"}


def field_label_ja(field: str, table: str = "") -> str:
    """The Japanese name of a column (the column's own name only when none is known)."""
    return TABLE_FIELD_LABELS.get((table, field)) or FIELD_LABELS.get(field) or field
