"""Controlled vocabularies of the 体制整備事業 (values stored in the database, shown as is)."""

from __future__ import annotations

PREFECTURE_COUNT = 47

MUNICIPALITY_KINDS: tuple[str, ...] = ("市", "町", "村", "特別区", "区", "広域連合", "一部事務組合")
# Kinds that are insurers in their own right; a 区 (行政区) belongs to its 政令指定都市.
INSURER_KINDS: frozenset[str] = frozenset({"市", "町", "村", "特別区", "広域連合", "一部事務組合"})

ROLES: tuple[str, ...] = (
    "市町村職員",
    "第1層SC",
    "第2層SC",
    "包括職員",
    "社協職員",
    "NPO",
    "住民リーダー",
    "首長・管理職",
    "アドバイザー",
    "県職員",
    "協議体構成員",  # 協議体メンバー: a usual audience of trainings (handbook ch.4)
    "その他",
)

ORGANISATION_KINDS: tuple[str, ...] = (
    "市町村", "社会福祉協議会", "地域包括支援センター", "NPO法人", "中間支援組織", "大学・研究機関",
    "民間企業", "生協・農協", "県", "その他",
)

ADVISOR_CATEGORIES: tuple[str, ...] = (
    "中間支援組織", "社協", "先行市町村職員", "生活支援コーディネーター", "有識者", "その他",
)

DEFAULT_ACTIVITY_FIELDS: tuple[str, ...] = (
    "協議体の立ち上げ", "協議体の運営", "住民ワークショップ", "居場所づくり", "移動支援",
    "有償ボランティア", "見守り", "地域資源の把握", "ニーズ調査", "担い手養成", "総合事業の制度設計",
    "ファシリテーション",
)

# 地域資源・活動事例の種類 a new database starts with (the list is editable; imports add new ones).
DEFAULT_CATALOGUE_KINDS: tuple[str, ...] = (
    "通いの場", "居場所", "見守り", "移動支援", "買い物支援", "配食", "有償ボランティア", "サロン",
)

REGION_KINDS_DEFAULT: tuple[str, ...] = ("保健所圏域", "高齢者福祉圏域", "ブロック")

VISIT_PURPOSES: tuple[str, ...] = (
    "定期訪問", "ヒアリング", "協議体への参加", "研修・勉強会", "個別助言", "アドバイザー同行", "その他",
)

CONSULTATION_CHANNELS: tuple[str, ...] = ("電話", "メール", "来所", "訪問時", "その他")

DISPATCH_PURPOSES: tuple[str, ...] = (
    "勉強会講師", "ファシリテーション", "協議体設置支援", "個別助言", "住民向け講演", "その他",
)

EVENT_TYPES: tuple[str, ...] = (
    "養成研修", "フォローアップ研修", "市町村職員向け研修", "情報交換会", "トップセミナー", "現地見学",
    "フォーラム・セミナー", "勉強会",
)

# How an event's sessions relate (training_event.session_structure): decides who completed it and
# which certificate they get (domain.completion).
SESSION_STRUCTURES: dict[str, str] = {
    "course": "全日程で一つの課程",  # 1日目 + 2日目: a 修了証書 needs every required part
    "alternatives": "同じ内容の日程から選ぶ",  # 長野会場 / 松本会場: one date is the whole course
    "series": "各回が独立した講座",  # 第1回, 第2回 …: each attended session counts on its own
}
DEFAULT_SESSION_STRUCTURE = "course"

STAGES: dict[int, str] = {
    1: "① 基盤整備",
    2: "② ニーズと担い手の掘り起こし",
    3: "③ 地域の課題解決",
}

SURVEY_SCALE: dict[int, str] = {1: "とても良かった", 2: "良かった", 3: "あまり良くなかった", 4: "良くなかった"}

SERVICE_TYPE_LABELS: dict[str, str] = {
    "houmon_a": "訪問A", "houmon_b": "訪問B", "houmon_c": "訪問C", "houmon_d": "訪問D",
    "tsusho_a": "通所A", "tsusho_b": "通所B", "tsusho_c": "通所C", "ippan_yobo": "一般介護予防",
}
