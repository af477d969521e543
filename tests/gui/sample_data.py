"""Realistic-looking records for GUI tests and screenshots, written straight into the SQLite file.

Test data only: the GUI itself reaches data through services. Rows go in with plain sqlite3 so that
10,000 people take a fraction of a second; columns a test does not care about get their empty value.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import uuid
from collections.abc import Iterable
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key

FAMILY = [
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("髙橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
    ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
    ("吉田", "よしだ"), ("山田", "やまだ"), ("丸山", "まるやま"), ("宮坂", "みやさか"), ("小松", "こまつ"),
    ("柳沢", "やなぎさわ"), ("北原", "きたはら"), ("百瀬", "ももせ"), ("清水", "しみず"), ("塩原", "しおばら"),
]
GIVEN = [
    ("一郎", "いちろう"), ("恵子", "けいこ"), ("健一", "けんいち"), ("美和", "みわ"), ("誠", "まこと"),
    ("裕子", "ゆうこ"), ("翔太", "しょうた"), ("幸子", "さちこ"), ("浩", "ひろし"), ("由美", "ゆみ"),
    ("大輔", "だいすけ"), ("直美", "なおみ"), ("修", "おさむ"), ("久美子", "くみこ"), ("拓也", "たくや"),
]
AFFILIATIONS = ["社会福祉協議会", "地域包括支援センター", "介護保険課", "福祉課", "NPO法人 ささえあい", "住民自治協議会"]
VISIT_TEXTS = [
    ("第2層協議体の立ち上げについて意見交換", "地区社協と住民の話し合いの場を活用し、既存会議から始めることを助言"),
    ("生活支援コーディネーターの配置状況の確認", "委託先の社協と役割分担を文書にしておくよう助言"),
    ("住民主体の通いの場の把握", "地域資源マップを住民と一緒に作ることを提案"),
    ("移動支援のニーズ調査の進め方", "調査票の項目を隣接町村と揃えると比較しやすいと助言"),
    ("総合事業 訪問Bの担い手確保", "有償ボランティアの先行事例（県内2町）を紹介"),
]
CONSULT_TOPICS = ["協議体", "コーディネーター", "総合事業", "担い手養成", "ニーズ調査"]
EVENTS = [
    ("養成研修", "生活支援コーディネーター養成研修（初任者）"),
    ("フォローアップ研修", "生活支援コーディネーター フォローアップ研修"),
    ("情報交換会", "第2層協議体 情報交換会（北信ブロック）"),
    ("現地見学", "先進地 現地見学会（バスツアー）"),
    ("市町村職員向け研修", "市町村職員向け 体制整備事業 基礎研修"),
    ("トップセミナー", "首長・管理職向け トップセミナー"),
]


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool, bool]]:
    """(name, declared type, not null, has default) for every column."""
    return [(r[1], (r[2] or "").upper(), bool(r[3]), r[4] is not None) for r in conn.execute(f"PRAGMA table_info({table})")]


def insert_rows(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
    cols = _columns(conn, table)
    rows = list(rows)
    if not rows:
        return 0
    names = [c[0] for c in cols if c[0] in rows[0] or (c[2] and not c[3])]

    def empty(col_type: str) -> Any:
        return 0 if any(t in col_type for t in ("INT", "BOOL", "FLOAT", "REAL")) else ""

    types = {c[0]: c[1] for c in cols}
    values = [[row.get(n, empty(types[n])) for n in names] for row in rows]
    conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values)
    return len(rows)


def new_id() -> str:
    return str(uuid.uuid4())


def municipality_ids(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return list(conn.execute("SELECT id, name FROM municipality WHERE deleted = 0 AND kind != '区' ORDER BY code"))


def person_rows(munis: list[tuple[str, str]], count: int, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for i in range(count):
        (fam, fam_k), (giv, giv_k) = rng.choice(FAMILY), rng.choice(GIVEN)
        mid, mname = rng.choice(munis)
        name, kana = f"{fam} {giv}", f"{fam_k} {giv_k}"
        rows.append(
            dict(
                id=new_id(),
                name=name,
                kana=kana,
                name_key=name_key(name),
                kana_key=kana_key(kana),
                role=rng.choice(vocab.ROLES[:8]),
                municipality_id=mid,
                affiliation=f"{mname}{rng.choice(AFFILIATIONS)}",
                title=rng.choice(["主事", "主任", "係長", "課長補佐", ""]),
                phone=f"026-{rng.randint(200, 299)}-{rng.randint(1000, 9999)}",
                email=f"user{i}@example.jp",
            )
        )
    return rows


def add_people(db_path: Path | str, count: int, *, seed: int = 1) -> int:
    rng = random.Random(seed)
    with sqlite3.connect(db_path) as conn:
        rows = person_rows(municipality_ids(conn), count, rng)
        return insert_rows(conn, "person", rows)


def add_sample_records(db_path: Path | str, *, people: int = 60, seed: int = 7, today: dt.date | None = None) -> None:
    """A small prefecture office's first months: people, advisors, visits, consultations, trainings."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    fy_start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)

    def day_this_year() -> dt.date:
        return fy_start + dt.timedelta(days=rng.randint(0, max((today - fy_start).days, 1)))

    with sqlite3.connect(db_path) as conn:
        munis = municipality_ids(conn)
        person_list = person_rows(munis, people, rng)
        insert_rows(conn, "person", person_list)
        # population and 高齢化率 for the first cities, as an officer would enter them
        for mid, _name in munis[:12]:
            conn.execute(
                "UPDATE municipality SET population = ?, aging_rate = ?, daily_life_areas = ? WHERE id = ?",
                (rng.randint(8_000, 370_000), round(rng.uniform(27, 42), 1), rng.randint(3, 18), mid),
            )
        advisors = []
        for person in person_list[:8]:
            advisors.append(
                dict(
                    id=new_id(),
                    person_id=person["id"],
                    category=rng.choice(vocab.ADVISOR_CATEGORIES),
                    affiliation=person["affiliation"],
                    activity_text="、".join(rng.sample(vocab.DEFAULT_ACTIVITY_FIELDS, 3)),
                    publish_phone=rng.choice([1, 0, None]),
                    publish_email=rng.choice([1, 0, None]),
                )
            )
        insert_rows(conn, "advisor", advisors)
        insert_rows(
            conn,
            "advisor_assignment",
            [dict(id=new_id(), advisor_id=a["id"], municipality_id=rng.choice(munis)[0], role="主担当") for a in advisors],
        )
        visits = []
        for _ in range(40):
            purpose, advice = rng.choice(VISIT_TEXTS)
            d = day_this_year()
            visits.append(
                dict(
                    id=new_id(),
                    municipality_id=rng.choice(munis)[0],
                    visit_date=d.isoformat(),
                    purpose_category=rng.choice(vocab.VISIT_PURPOSES),
                    purpose=purpose,
                    advice=advice,
                    next_visit_date=(d + dt.timedelta(days=rng.choice([30, 60, 90]))).isoformat(),
                    is_draft=0,
                )
            )
        insert_rows(conn, "visit", visits)
        consultations = []
        for i in range(15):
            asker = rng.choice(person_list)
            consultations.append(
                dict(
                    id=new_id(),
                    received_date=day_this_year().isoformat(),
                    channel=rng.choice(vocab.CONSULTATION_CHANNELS[:3]),
                    municipality_id=asker["municipality_id"],
                    person_id=asker["id"],
                    topics=rng.choice(CONSULT_TOPICS),
                    question="第2層の協議体を既存の地区会議で代替してよいか、他市町村の例を知りたい",
                    answer="県内の事例を紹介し、アドバイザー派遣の制度を案内した" if i % 3 else "",
                    is_closed=int(i % 3 != 0),
                )
            )
        insert_rows(conn, "consultation", consultations)
        events, sessions = [], []
        for event_type, title in EVENTS:
            eid = new_id()
            events.append(dict(id=eid, fiscal_year=fy_start.year, event_type=event_type, title=title, co_hosts="県社会福祉協議会"))
            for n in range(rng.randint(1, 3)):
                sessions.append(dict(id=new_id(), event_id=eid, label=f"{n + 1}日目", date=day_this_year().isoformat(), required=1))
        insert_rows(conn, "training_event", events)
        insert_rows(conn, "training_session", sessions)
        tasks = [
            dict(
                id=new_id(),
                municipality_id=v["municipality_id"],
                visit_id=v["id"],
                title="協議体の設置要綱案を送付する",
                due_date=(today + dt.timedelta(days=rng.randint(-20, 40))).isoformat(),
                done=int(rng.random() < 0.3),
            )
            for v in visits[:10]
        ]
        insert_rows(conn, "follow_up_task", tasks)
