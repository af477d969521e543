"""The fictional demo dataset (sasaeai_desktop.demo) against real temporary SQLite files."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.cancellation import Cancelled
from sasaeai_desktop.demo.municipalities import DEMO_KINDS
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.names import ITAIJI_FOLD
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.services import people
from sasaeai_desktop.services import setup

TODAY = date(2026, 2, 10)  # late in 令和7年度: ~87 % of the year's workdays have passed
FY = 2025
SEED = 7

# Tables the demo writes (whatever else exists, e.g. sync bookkeeping, is not the demo's).
DEMO_TABLES = (
    "region", "region_membership", "organisation", "person", "advisor", "advisor_field",
    "advisor_assignment", "municipality_status", "visit", "visit_participant", "consultation",
    "dispatch", "dispatch_advisor", "dispatch_date", "follow_up_task", "training_event",
    "training_session", "event_audience", "event_staff", "event_field", "survey_question",
    "registration", "attendance", "survey_answer", "grant_record", "grant_link",
    "registration", "attendance", "survey_answer", "catalogue_entry", "catalogue_photo", "event_media",
)

# scale 1 for 長野県 (77 municipalities), today = TODAY. Ranges leave room for the seed.
EXPECTED = {
    "region": (24, 30),
    "region_membership": (231, 231),  # 77 × 3 kinds: one region per kind
    "organisation": (250, 500),
    "person": (2_300, 2_800),  # ~2,500 a year, plus the advisor roster
    "advisor": (35, 45),
    "advisor_field": (70, 180),
    "advisor_assignment": (154, 154),  # 主担当 + 副担当 for each municipality, one period at scale 1
    "municipality_status": (77, 77),
    "visit": (1_900, 2_500),  # ~2,500 a year × the part of the year that has passed
    "visit_participant": (5_000, 9_000),
    "consultation": (1_900, 2_500),
    "dispatch": (35, 75),
    "dispatch_advisor": (35, 110),
    "dispatch_date": (35, 110),
    "follow_up_task": (700, 1_300),
    "training_event": (20, 30),
    "training_session": (25, 45),
    "event_audience": (80, 180),
    "event_staff": (20, 80),
    "event_field": (40, 80),
    "survey_question": (60, 110),
    "registration": (4_000, 5_800),
    "attendance": (4_000, 8_000),
    "survey_answer": (5_000, 13_000),
    "grant_record": (36, 50),  # two 年度: 3 model projects and ~18 smaller grants each
    "grant_link": (5, 30),
    "catalogue_entry": (200, 200),  # at least 200, 2 per municipality when there are more
    "catalogue_photo": (150, 300),
    "event_media": (4, 12),  # a flyer for each of the 2 forums/seminars, video or DVD and a report for those held
}


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in DEMO_TABLES}
    finally:
        con.close()


def _digest(db: Path) -> str:
    """Content of the dataset without ids and clocks-of-the-run: equal for equal seeds."""
    con = sqlite3.connect(db)
    queries = (
        "SELECT p.name, p.kana, p.role, p.title, p.affiliation, p.phone, p.email, coalesce(m.code, '')"
        " FROM person p LEFT JOIN municipality m ON m.id = p.municipality_id ORDER BY p.id",
        "SELECT v.visit_date, m.code, v.purpose, v.observations, v.advice FROM visit v"
        " JOIN municipality m ON m.id = v.municipality_id ORDER BY v.id",
        "SELECT m.code, s.fiscal_year, s.stage, s.sc2_placed_areas, s.council2_established_areas, s.issues"
        " FROM municipality_status s JOIN municipality m ON m.id = s.municipality_id ORDER BY m.code",
        "SELECT e.title, p.name, r.status, r.group_label FROM registration r"
        " JOIN training_event e ON e.id = r.event_id JOIN person p ON p.id = r.person_id ORDER BY r.id",
        "SELECT name, population, aging_rate, daily_life_areas FROM municipality ORDER BY code",
        "SELECT e.name, e.kind, m.code, e.contact, e.publishable, p.image FROM catalogue_entry e"
        " JOIN municipality m ON m.id = e.municipality_id LEFT JOIN catalogue_photo p ON p.entry_id = e.id ORDER BY e.id, p.position",
    )
    h = hashlib.sha256()
    try:
        for q in queries:
            for row in con.execute(q):
                h.update(repr(row).encode())
    finally:
        con.close()
    return h.hexdigest()


def _fresh(path: Path, prefecture: str = "長野県") -> AppContext:
    ctx = open_database(path)
    setup.init_prefecture(ctx.uow(), prefecture)
    return ctx


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, demo.DemoResult, list]]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    ctx = _fresh(path)
    calls: list[tuple[float, str]] = []
    try:
        result = demo.fill_demo(ctx.uow(), scale=1, seed=SEED, today=TODAY,
                                progress=lambda f, msg: calls.append((f, msg)))
    finally:
        ctx.close()
    yield path, result, calls


@pytest.fixture
def con(filled) -> Iterator[sqlite3.Connection]:
    c = sqlite3.connect(filled[0])
    yield c
    c.close()


def test_result_and_counts_in_expected_ranges(filled) -> None:
    path, result, calls = filled
    assert result.fiscal_years == (FY,)
    assert result.prefecture_name == "長野県"
    counts = _counts(path)
    assert result.rows == {t: n for t, n in counts.items() if n}
    for table, (lo, hi) in EXPECTED.items():
        assert lo <= counts[table] <= hi, f"{table}: {counts[table]} not in {lo}..{hi}"
    # progress: fractions rise from 0 to 1, messages are Japanese
    fractions = [f for f, _ in calls]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert all(re.search(r"[ぁ-んァ-ン一-龥]", msg) for _, msg in calls)


def test_database_is_consistent(con) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    marker = con.execute("SELECT value FROM local_meta WHERE key = ?", (demo.META_DEMO,)).fetchone()
    assert marker is not None and '"seed": 7' in marker[0]


def test_municipal_figures_and_regions(con) -> None:
    rows = con.execute("SELECT kind, population, aging_rate, daily_life_areas FROM municipality").fetchall()
    assert len(rows) == 77
    for kind, pop, aging, areas in rows:
        assert kind in DEMO_KINDS
        assert 500 <= pop <= 1_500_000 and 25 <= aging <= 50 and 1 <= areas <= 30
    kinds = con.execute("SELECT count(*) FROM region_kind").fetchone()[0]
    per_kind = con.execute("SELECT count(*) FROM region GROUP BY kind_id").fetchall()
    assert len(per_kind) == kinds and all(8 <= n <= 10 for (n,) in per_kind)
    # exactly one region of each kind per municipality
    assert con.execute(
        "SELECT count(*) FROM (SELECT rm.municipality_id, r.kind_id, count(*) n FROM region_membership rm"
        " JOIN region r ON r.id = rm.region_id GROUP BY 1, 2 HAVING n = 1)"
    ).fetchone()[0] == 77 * kinds


def test_people_are_plausible_and_keyed(con) -> None:
    rows = con.execute("SELECT name, kana, name_key, kana_key, role, phone, email FROM person").fetchall()
    for name, kana, nk, kk, role, phone, email in rows:
        assert nk == name_key(name) and kk == kana_key(kana), name
        assert role in vocab.ROLES
        assert re.fullmatch(r"[ぁ-ゖー ]+", kana), kana
        assert not phone or re.fullmatch(r"026-\d{3}-\d{4}", phone), phone
        assert not email or re.fullmatch(r"[a-z0-9.]+@example(\.lg)?\.jp", email), email
    variants = sum(1 for r in rows if any(ch in ITAIJI_FOLD for ch in r[0]))  # 髙橋, 山﨑, 𠮷田 …
    assert 0.003 * len(rows) <= variants <= 0.025 * len(rows)
    # deliberate near-duplicates: same key, written differently
    twins = con.execute(
        "SELECT count(*) FROM person a JOIN person b ON a.name_key = b.name_key AND a.kana_key = b.kana_key"
        " AND a.municipality_id IS b.municipality_id AND a.id < b.id AND a.name != b.name"
    ).fetchone()[0]
    assert twins >= 3
    roles = dict(con.execute("SELECT role, count(*) FROM person GROUP BY role").fetchall())
    assert 8 <= roles["県職員"] <= 12 and roles["アドバイザー"] == 40
    for role in ("市町村職員", "首長・管理職", "第1層SC", "第2層SC", "包括職員", "社協職員", "NPO", "住民リーダー"):
        assert roles.get(role, 0) > 0, role


def test_duplicate_detection_finds_a_variant_twin(filled) -> None:
    path = filled[0]
    con = sqlite3.connect(path)
    try:
        a, b, muni = con.execute(
            "SELECT a.name, b.name, a.municipality_id FROM person a JOIN person b ON a.name_key = b.name_key"
            " AND a.id < b.id AND a.name != b.name AND replace(a.name, ' ', '') != replace(b.name, ' ', '')"
        ).fetchone()
    finally:
        con.close()
    with open_database(path) as ctx:
        matches = people.find_matches(ctx.uow(), a, municipality_id=muni)
    assert {a, b} <= {x.name for x in matches}


def test_advisors_and_assignments(con) -> None:
    assert con.execute("SELECT count(DISTINCT category) FROM advisor").fetchone()[0] == len(vocab.ADVISOR_CATEGORIES)
    assert {r[0] for r in con.execute("SELECT DISTINCT publish_phone FROM advisor")} == {0, 1, None}
    # every municipality has its 主担当 and 副担当 for the current 年度
    pairs = con.execute(
        "SELECT municipality_id, group_concat(role) FROM advisor_assignment"
        " WHERE from_fy <= ? AND (to_fy IS NULL OR to_fy >= ?) GROUP BY 1", (FY, FY)
    ).fetchall()
    assert len(pairs) == 77 and all(sorted(r.split(",")) == ["主担当", "副担当"] for _, r in pairs)
    assert con.execute("SELECT count(*) FROM advisor WHERE activity_text = ''").fetchone()[0] == 0


def test_nothing_that_happened_is_after_today(con) -> None:
    t = TODAY.isoformat()
    assert con.execute("SELECT max(visit_date) FROM visit").fetchone()[0] <= t
    assert con.execute("SELECT max(received_date) FROM consultation").fetchone()[0] <= t
    assert con.execute("SELECT max(request_date) FROM dispatch").fetchone()[0] <= t
    assert con.execute(
        "SELECT count(*) FROM attendance a JOIN training_session s ON s.id = a.session_id WHERE s.date > ?", (t,)
    ).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM dispatch WHERE status = '実施済' AND id IN"
                       " (SELECT dispatch_id FROM dispatch_date WHERE date > ?)", (t,)).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM follow_up_task WHERE done_date > ?", (t,)).fetchone()[0] == 0
    # some follow-ups are still open, some of them overdue
    assert con.execute("SELECT count(*) FROM follow_up_task WHERE NOT done AND due_date < ?", (t,)).fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM follow_up_task WHERE NOT done AND due_date >= ?", (t,)).fetchone()[0] > 0
    # weekdays only
    assert con.execute("SELECT count(*) FROM visit WHERE strftime('%w', visit_date) IN ('0', '6')").fetchone()[0] == 0


def test_the_catalogue_is_alive_and_has_what_publishing_must_leave_out(con) -> None:
    import base64
    import io

    from PIL import Image

    rows = con.execute("SELECT e.kind, e.municipality_id, e.publishable, e.contact_consent, e.info_date, e.visit_id"
                       " FROM catalogue_entry e").fetchall()
    assert len(rows) >= 150
    assert {r[0] for r in rows} == set(vocab.DEFAULT_CATALOGUE_KINDS)
    assert len({r[1] for r in rows}) == 77  # every municipality
    assert 0 < sum(not r[2] for r in rows) < len(rows) / 2  # some not 掲載可
    assert sum(r[3] is None for r in rows) > 0 and sum(r[3] == 0 for r in rows) > 0  # contacts without consent
    assert max(r[4] for r in rows) <= TODAY.isoformat()
    assert sum(r[5] is not None for r in rows) > 0  # some learnt of on a visit, confirmed then or later
    assert con.execute("SELECT count(*) FROM catalogue_entry e JOIN visit v ON v.id = e.visit_id"
                       " WHERE e.info_date < v.visit_date").fetchone()[0] == 0
    photos = con.execute("SELECT entry_id, position, image, thumbnail, publish_consent FROM catalogue_photo").fetchall()
    per_entry: dict[str, list[int]] = {}
    for entry, pos, *_ in photos:
        per_entry.setdefault(entry, []).append(pos)
    assert all(sorted(p) == list(range(len(p))) and len(p) <= 3 for p in per_entry.values())
    assert len(per_entry) > len(rows) / 2
    images = [base64.b64decode(p[2]) for p in photos]
    assert len(set(images)) == len(images)  # each drawn anew
    assert max(len(b) for b in images) < 16_000  # a few KB
    assert Image.open(io.BytesIO(images[0])).format == "JPEG"
    assert any(not p[4] for p in photos)  # some photos without consent to publish


def test_trainings_are_plausible(con) -> None:
    types = {r[0] for r in con.execute("SELECT DISTINCT event_type FROM training_event")}
    assert types == set(vocab.EVENT_TYPES)
    # 養成研修 has 2–3 sessions, 現地見学 A/B/C of ~10 people within capacity
    for (n,) in con.execute("SELECT count(*) FROM training_session s JOIN training_event e ON e.id = s.event_id"
                            " WHERE e.event_type = '養成研修' GROUP BY e.id"):
        assert n in (2, 3)
    for label, cap, n in con.execute(
        "SELECT s.label, s.capacity, count(r.id) FROM training_session s JOIN training_event e ON e.id = s.event_id"
        " LEFT JOIN registration r ON r.session_id = s.id WHERE e.event_type = '現地見学' GROUP BY s.id"
    ):
        assert label in ("A日程", "B日程", "C日程") and 5 <= n <= cap
    present, total = con.execute("SELECT sum(present), count(*) FROM attendance").fetchone()
    assert 0.85 <= present / total <= 0.95
    assert con.execute("SELECT min(rating), max(rating) FROM survey_answer").fetchone() == (1, 4)
    assert con.execute(
        "SELECT count(*) FROM registration r JOIN training_event e ON e.id = r.event_id"
        " WHERE r.pre_assignment_received AND e.event_type != '養成研修'"
    ).fetchone()[0] == 0
    # mostly coordinators and municipal staff; a few municipalities never come
    sc_staff, regs = con.execute(
        "SELECT sum(p.role IN ('第1層SC', '第2層SC', '市町村職員')), count(*) FROM registration r"
        " JOIN person p ON p.id = r.person_id JOIN training_event e ON e.id = r.event_id"
        " WHERE e.event_type IN ('養成研修', 'フォローアップ研修', '情報交換会')"
    ).fetchone()
    assert sc_staff / regs > 0.5
    attending = con.execute(
        "SELECT count(DISTINCT p.municipality_id) FROM registration r JOIN person p ON p.id = r.person_id"
    ).fetchone()[0]
    assert 70 <= attending <= 76


def _small(path: Path, seed: int) -> demo.DemoResult:
    """鳥取県 (19 municipalities, a quarter of 長野県's volumes) keeps these tests quick."""
    ctx = _fresh(path, "鳥取県")
    try:
        return demo.fill_demo(ctx.uow(), scale=1, seed=seed, today=TODAY)
    finally:
        ctx.close()


def _first_names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM person ORDER BY id LIMIT 20")]
    finally:
        con.close()


def test_same_seed_same_data_even_in_another_process(tmp_path: Path) -> None:
    """Same seed: the same counts, first 20 names and content, also in another interpreter (where
    str hashing, hence set order, differs); another seed: other people."""
    here, there, other_seed = tmp_path / "here.db", tmp_path / "there.db", tmp_path / "seed8.db"
    result = _small(here, SEED)
    code = (
        "import sys, datetime\n"
        "from sasaeai_desktop.bootstrap import open_database\n"
        "from sasaeai_desktop import demo\n"
        "from sasaeai_desktop.services import setup\n"
        "with open_database(sys.argv[1]) as ctx:\n"
        "    setup.init_prefecture(ctx.uow(), '鳥取県')\n"
        f"    demo.fill_demo(ctx.uow(), scale=1, seed={SEED}, today=datetime.date.fromisoformat('{TODAY}'))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-c", code, str(there)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert _counts(there) == _counts(here)
    assert _first_names(there) == _first_names(here)
    assert _digest(there) == _digest(here)
    _small(other_seed, 8)
    assert _first_names(other_seed) != _first_names(here)
    # a smaller prefecture gets smaller volumes and its own area code
    assert 450 <= result.rows["person"] <= 800  # ~2,500 × 19 / 77
    con = sqlite3.connect(here)
    try:
        phones = [r[0] for r in con.execute("SELECT phone FROM person WHERE phone != '' LIMIT 50")]
        assert phones and all(p.startswith("0857-") for p in phones)
        assert con.execute("SELECT count(*) FROM advisor_assignment").fetchone()[0] == 19 * 2
    finally:
        con.close()


def test_wards_are_left_alone_and_early_april_works(tmp_path: Path) -> None:
    """神奈川県: the 区 of designated cities are not insurers; on 2 April little has happened yet."""
    ctx = _fresh(tmp_path / "k.db", "神奈川県")
    try:
        result = demo.fill_demo(ctx.uow(), scale=1, seed=1, today=date(2026, 4, 2))
    finally:
        ctx.close()
    assert result.fiscal_years == (2026,)
    con = sqlite3.connect(tmp_path / "k.db")
    try:
        assert con.execute("SELECT count(*) FROM municipality WHERE kind = '区' AND population IS NOT NULL"
                           ).fetchone()[0] == 0
        insurers = con.execute("SELECT count(*) FROM municipality WHERE kind != '区'").fetchone()[0]
        assert con.execute("SELECT count(*) FROM municipality_status").fetchone()[0] == insurers
        assert con.execute("SELECT count(*) FROM municipality_status s JOIN municipality m"
                           " ON m.id = s.municipality_id WHERE m.kind = '区'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM visit").fetchone()[0] < 20
        assert con.execute("SELECT count(*) FROM person").fetchone()[0] > 500  # people are there from day one
        assert con.execute("SELECT count(*) FROM training_event WHERE fiscal_year = 2026").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM attendance a JOIN training_session s ON s.id = a.session_id"
                           " WHERE s.date >= '2026-04-01'").fetchone()[0] == 0
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def _init_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def test_abort_before_start_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    ctx = _fresh(path)
    before = _init_counts(path)
    stop = threading.Event()
    stop.set()
    try:
        with pytest.raises(Cancelled, match="中止"):
            demo.fill_demo(ctx.uow(), scale=1, abort=stop, today=TODAY)
    finally:
        ctx.close()
    assert _init_counts(path) == before
    assert all(before.get(t, 0) == 0 for t in DEMO_TABLES)


def test_abort_half_way_rolls_back_everything(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    ctx = _fresh(path, "鳥取県")
    before = _init_counts(path)
    stop = threading.Event()
    seen: list[float] = []

    def progress(fraction: float, _message: str) -> None:
        seen.append(fraction)
        if fraction > 0.4:
            stop.set()

    try:
        with pytest.raises(Cancelled):
            demo.fill_demo(ctx.uow(), scale=1, abort=stop, progress=progress, today=TODAY)
    finally:
        ctx.close()
    assert max(seen) < 0.9  # it did stop part-way, after writing some chunks
    assert _init_counts(path) == before


def test_refuses_a_second_run_and_real_data(tmp_path: Path, filled) -> None:
    with open_database(filled[0]) as ctx:
        with pytest.raises(UserError, match="既にデモデータが入っています"):
            demo.fill_demo(ctx.uow(), today=TODAY)
    path = tmp_path / "real.db"
    ctx = _fresh(path)
    try:
        people.save(ctx.uow(), people.PersonData(id=None, name="山田 太郎", role="市町村職員"))
        with pytest.raises(UserError, match="既にデータが登録されています"):
            demo.fill_demo(ctx.uow(), today=TODAY)
    finally:
        ctx.close()
    assert _init_counts(path)["person"] == 1


def test_needs_a_prefecture_and_a_sane_scale(tmp_path: Path) -> None:
    with open_database(tmp_path / "empty.db") as ctx:
        with pytest.raises(UserError, match="都道府県が設定されていません"):
            demo.fill_demo(ctx.uow())
        setup.init_prefecture(ctx.uow(), "長野県")
        for bad in (0, -1, demo.MAX_SCALE + 1, True, 1.5):
            with pytest.raises(UserError, match="1〜"):
                demo.fill_demo(ctx.uow(), scale=bad)  # type: ignore[arg-type]


def test_events_say_how_their_sessions_relate(con) -> None:
    """養成研修 are courses, 見学 A/B/C and the forum's venues alternatives, the winter study a series."""
    rows = con.execute(
        "SELECT e.event_type, e.title, e.session_structure, count(s.id),"
        " sum(EXISTS (SELECT 1 FROM registration r WHERE r.event_id = e.id AND r.session_id IS NOT NULL))"
        " FROM training_event e JOIN training_session s ON s.event_id = e.id GROUP BY e.id"
    ).fetchall()
    by = {}
    for event_type, title, structure, n, _tied in rows:
        by.setdefault(structure, []).append((event_type, title, n))
        assert structure in vocab.SESSION_STRUCTURES
    assert {t for t, _, _ in by["course"]} >= {"養成研修"} and all(n >= 2 for t, _, n in by["course"] if t == "養成研修")
    assert {t for t, _, _ in by["alternatives"]} == {"現地見学", "フォーラム・セミナー"}
    assert [(t, n) for t, _, n in by["series"]] == [("勉強会", 3)] and "連続" in by["series"][0][1]


def test_grants_over_two_fiscal_years_with_reports_due_and_received(filled) -> None:
    from sasaeai_desktop.services.grants import queries
    from sasaeai_desktop.services.grants import records

    ctx = open_database(filled[0])
    try:
        rows = queries.list_grants(ctx.uow(), today=TODAY)
        assert {r.fiscal_year for r in rows} == {FY - 1, FY}
        models = [r for r in rows if r.kind == "モデル事業"]
        assert len(models) == 6 and all(5_500_000 <= (r.amount_decided or 0) <= 6_000_000 for r in models)
        assert {r.kind for r in rows} == {"補助金", "委託", "モデル事業", "現物提供"}
        statuses = {r.status for r in rows}
        assert {"完了", "報告期限超過", "実績報告待ち"} <= statuses
        assert all(r.report_received is None or r.report_received <= TODAY for r in rows)
        assert all(not records.validation_errors(records.get(ctx.uow(), r.id)) for r in rows)
    finally:
        ctx.close()


def test_forums_held_have_public_attendance_and_media(filled) -> None:
    from sasaeai_desktop.services.trainings import outreach

    ctx = open_database(filled[0])
    try:
        f = outreach.outreach_figures(ctx.uow(), FY)
        assert f.events == 2 and f.with_counts >= 1 and f.attendance >= 150 * f.with_counts
        assert 0 < f.residents + f.professionals <= f.attendance
        assert f.media.get("チラシ") == 2 and f.media_total > 2
        con = sqlite3.connect(filled[0])
        try:
            others = con.execute("SELECT count(*) FROM training_event WHERE event_type != 'フォーラム・セミナー'"
                                 " AND public_attendance IS NOT NULL").fetchone()[0]
            planned = con.execute(
                "SELECT count(*) FROM training_event e WHERE public_attendance IS NOT NULL AND"
                " (SELECT max(date) FROM training_session s WHERE s.event_id = e.id) > ?", (TODAY.isoformat(),)
            ).fetchone()[0]
        finally:
            con.close()
        assert others == 0 and planned == 0  # nobody has come to what has not happened
        from sasaeai_desktop.domain.outreach import OutreachCounts
        from sasaeai_desktop.services.progress import dashboard
        from sasaeai_desktop.services.progress import regions

        block = regions.list_kinds(ctx.uow())[0].name
        d = dashboard.progress_dashboard(ctx.uow(), FY, group_by=block)
        placed = sum((g.outreach for g in d.groups), OutreachCounts())
        assert placed.events >= 1  # held somewhere: the 圏域 table shows it
        assert d.outreach is not None and placed + d.outreach.unplaced == d.outreach.counts
        from sasaeai_desktop.services.trainings import events

        for ev in events.list_events(ctx.uow(), FY):
            shown = outreach.get_outreach(ctx.uow(), ev.id)
            outreach.validate_counts(shown.counts)  # what the demo wrote, the form would save
            for item in shown.media:
                outreach.validate_media(item)
    finally:
        ctx.close()
