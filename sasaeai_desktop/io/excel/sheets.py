"""The sheets the program writes and reads back: one ``SheetSpec`` per kind of table.

A sheet exported here must import again unchanged, so each spec lists every field a user may
edit, with the canonical header written on export and the synonyms a reader should accept from
sheets people made themselves. Plain Python: no openpyxl, no database.
"""

from __future__ import annotations

from .spec import ColumnSpec
from .spec import SheetSpec

__all__ = ["ADVISORS", "ADVISORS_READ", "CONTACT_CONSENT", "MUNICIPALITIES", "PEOPLE", "SHEETS", "IGNORED_HEADERS"]

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

# Columns both sheets of people share, with the synonyms people type for them.
_NAME = ColumnSpec("name", "氏名", "text", 12, ("名前", "お名前", "氏名（漢字）", "姓名", "名前（漢字）"))
_KANA = ColumnSpec(
    "kana", "ふりがな", "text", 14,
    ("フリガナ", "よみがな", "ヨミガナ", "よみ", "読み", "かな", "ふりがな（ひらがな）", "氏名ふりがな", "氏名フリガナ"),
)
_AFFILIATION = ("所属法人等の名称", "所属団体", "所属先", "所属機関", "勤務先", "所属団体名", "法人名", "所属名")
_TITLE = ColumnSpec("title", "職名", "text", 10, ("役職", "職位", "職", "肩書", "肩書き"))
_PHONE = ColumnSpec(
    "phone", "電話", "text", 13,
    ("電話番号", "TEL", "Tel", "電話(代表)", "連絡先電話番号", "連絡先（電話）", "携帯電話", "電話・携帯"),
)
_EMAIL = ColumnSpec(
    "email", "メール", "text", 22,
    ("メールアドレス", "E-mail", "Eメール", "e-mail", "email", "mail", "Mail", "電子メール", "連絡先（メール）"),
)
_NOTES = ColumnSpec("notes", "備考", "multiline", 24, ("メモ", "特記事項", "その他"))
# The record's id, written by the export as a hidden last column: an exported sheet imports back
# onto the very records it came from, even where two people share name, reading and municipality.
_ID = ColumnSpec("id", "ID", "text", 10, ("管理ID", "レコードID"), hidden=True)

PEOPLE = SheetSpec(
    "people",
    "関係者一覧",
    (
        _NAME,
        _KANA,
        ColumnSpec("role", "役割", "text", 10, ("立場", "区分", "種別")),
        # 市町村 by name ('松本市', '北佐久郡軽井沢町', '札幌市中央区') or by code.
        ColumnSpec("municipality", "市町村", "text", 12, ("市町村名", "市区町村", "市区町村名", "自治体", "自治体名", "所属市町村", "保険者")),
        ColumnSpec("affiliation", "所属", "text", 20, _AFFILIATION),
        _TITLE,
        _PHONE,
        _EMAIL,
        _NOTES,
        _ID,
    ),
)

ADVISORS = SheetSpec(
    "advisors",
    "アドバイザー名簿",
    (
        _NAME,
        _KANA,
        ColumnSpec("category", "区分", "text", 14, ("アドバイザー区分", "種別", "分類")),
        ColumnSpec("affiliation", "所属", "text", 22, _AFFILIATION),
        _TITLE,
        # 日頃の活動分野 is the text as written (the handout prints it); 活動分野の分類 lists the
        # controlled fields (ActivityField) it is filed under, 、-separated.
        ColumnSpec("activity", "日頃の活動分野", "multiline", 30, ("活動分野", "得意分野", "専門分野", "主な活動", "活動内容")),
        ColumnSpec("fields", "活動分野の分類", "text", 24, ("分野の分類", "分類（活動分野）")),
        _PHONE,
        # Consent to print the contact on handouts: 可/否, ○/× …; blank = not recorded.
        ColumnSpec("phone_ok", "電話公開", "bool", 6, ("電話の公開", "電話番号の公開", "電話掲載", "電話番号掲載", "電話公開可否", "電話掲載可否", "電話番号の掲載")),
        _EMAIL,
        ColumnSpec("email_ok", "メール公開", "bool", 6, ("メールの公開", "メールアドレスの公開", "メール掲載", "メールアドレス掲載", "メール公開可否", "メール掲載可否", "メールアドレスの掲載")),
        ColumnSpec("municipalities", "担当市町村", "text", 20, ("担当", "担当自治体", "担当地域")),
        ColumnSpec("active_from_fy", "開始年度", "text", 9, ("活動開始年度", "委嘱年度", "登録年度")),
        ColumnSpec("active_to_fy", "終了年度", "text", 9, ("活動終了年度",)),
        _NOTES,
        _ID,
    ),
)

# Most rosters have ONE column for publishing the contacts (電話 and メール together). The reader
# takes it for both consents (services/imports/contact_consent.py); the export keeps the two separate
# columns, which say more, so this column is read and never written.
CONTACT_CONSENT = ColumnSpec(
    "contact_ok", "連絡先掲載", "bool", 8,
    ("連絡先の掲載", "連絡先掲載可否", "連絡先の掲載可否", "連絡先掲載の可否", "掲載可否", "掲載の可否", "掲載",
     "掲載同意", "掲載への同意", "掲載の同意", "連絡先の公開", "連絡先公開", "連絡先公開可否", "連絡先の公開可否",
     "公開の可否", "公開可否", "公開同意", "名簿への掲載", "名簿掲載", "名簿掲載可否", "名簿への掲載可否",
     "名簿への掲載の可否", "連絡先の掲載同意", "連絡先掲載同意"),
)
# What the advisors import reads: the exported columns and the one-column consent.
ADVISORS_READ = SheetSpec(ADVISORS.kind, ADVISORS.title, (*ADVISORS.columns, CONTACT_CONSENT))

# Headers a reader recognises and leaves alone (not reported as unknown): row numbers.
IGNORED_HEADERS: tuple[str, ...] = ("No.", "No", "NO.", "№", "番号", "連番", "通し番号", "#")

SHEETS: dict[str, SheetSpec] = {s.kind: s for s in (MUNICIPALITIES, PEOPLE, ADVISORS)}
