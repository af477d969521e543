"""Every way the search answers finds exactly the documents that contain every word (issue 6).

The search picks a path per query — phrases of the trigram index, short words as the trigrams
that begin with them (fts5vocab), instr() for short words too common for that, the early-stopping
scan, bm25 over a window of the newest matches. Each path is forced here by its threshold and
compared with a plain substring check of the same documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.activities import consultations
from sasaeai_desktop.services.activities import search
from sasaeai_desktop.services.activities import visits

TEXTS = [
    # (purpose, observations) — short words at the very end of a column, ASCII case, repeats
    ("定期訪問の確認", "居場所が3か所できた。移動"),
    ("SCとの打合せ", "生活支援コーディネーターと協議体の会"),
    ("協議体への参加", "sc連絡会で移動支援を検討。会"),
    ("ヒアリング", "ゴミ出し支援の担い手が不足"),
    ("個別助言", "空き家を居場所にする案。庁内連携"),
    ("移", "動"),  # one character per column: '移動' spans two columns and must not match
]
QUERIES = [
    "移動", "居場", "居場所", "会", "SC", "sc", "協議体 会", "居場所 移動", "庁内", "ゴミ 担い手",
    "動", "移", "移動支援", "協議体 sc 会", "ｘｙ", "該当なし語句", "所が", "。会",
]


def _oracle(docs: dict[str, str], query: str) -> set[str]:
    terms = search.split_terms(query)
    fold = search._fold
    return {i for i, text in docs.items() if all(fold(t) in fold(text) for t in terms)}


@pytest.fixture
def indexed(nagano: AppContext) -> Iterator[tuple[AppContext, dict[str, str]]]:
    mid = municipalities.choices(nagano.uow())[0][0]
    docs: dict[str, str] = {}
    for i, (purpose, seen) in enumerate(TEXTS):
        vid = visits.save(nagano.uow(), visits.VisitData(
            None, mid, dt.date(2025, 5, 1) + dt.timedelta(days=i), purpose=purpose, observations=seen)).id
        assert vid
        docs[vid] = f"{purpose}\x00{seen}"  # columns are separate: no word spans two of them
    cid = consultations.save(nagano.uow(), consultations.ConsultationData(
        None, dt.date(2025, 6, 1), "電話", mid, topics="移動支援", question="居場所の立ち上げ方は？SC"))
    docs[cid] = "電話\n移動支援\x00居場所の立ち上げ方は？SC"
    yield nagano, docs


def _ids(ctx: AppContext, query: str) -> tuple[str, set[str]]:
    result = search.search(ctx.uow(), query, limit=1000)
    assert not result.more
    return result.method, {h.id for h in result.hits}


def _check_all(ctx: AppContext, docs: dict[str, str]) -> set[str]:
    methods = set()
    for q in QUERIES:
        method, found = _ids(ctx, q)
        assert found == _oracle(docs, q), (q, method)
        methods.add(method)
    return methods


def test_default_paths_find_every_substring_and_nothing_else(indexed) -> None:
    ctx, docs = indexed
    assert {"fts", "prefix"} <= _check_all(ctx, docs)
    # a word with no trigram in the index is answered without reading any document
    assert search.search(ctx.uow(), "ｘｙ").method == "prefix"


def test_common_short_words_through_instr_and_the_scan(indexed, monkeypatch) -> None:
    ctx, docs = indexed
    monkeypatch.setattr(search, "SCAN_ABOVE_DOCS", 0)  # a single short word: the scan
    monkeypatch.setattr(search, "MAX_PREFIX_DOCS", 0)  # short words beside others: instr()
    methods = _check_all(ctx, docs)
    assert {"fts", "scan"} <= methods
    assert search.search(ctx.uow(), "移動").method == "scan"


def test_too_many_trigrams_fall_back_to_instr(indexed, monkeypatch) -> None:
    ctx, docs = indexed
    monkeypatch.setattr(search, "MAX_PREFIX_TERMS", 1)
    _check_all(ctx, docs)


def test_ranking_window_keeps_every_hit_it_ranks_and_stays_ordered(indexed, monkeypatch) -> None:
    ctx, docs = indexed
    monkeypatch.setattr(search, "RANK_WINDOW", 2)  # only the two newest matches are ranked
    for q in ("移動", "居場所", "会", "SC"):
        result = search.search(ctx.uow(), q, limit=1000)
        everything = _oracle(docs, q)
        found = {h.id for h in result.hits}
        assert found <= everything and len(found) == min(2, len(everything)), q
        # shown newest first; on one date, the best match (lowest bm25 score) first
        keys = [(-(h.date.toordinal() if h.date else 0), h.score) for h in result.hits]
        assert keys == sorted(keys)


def test_filters_apply_on_every_path(indexed, monkeypatch) -> None:
    ctx, docs = indexed
    for q in ("移動", "居場所", "SC", "協議体 会"):
        only_visits = search.search(ctx.uow(), q, kinds=["consultation"], limit=1000)
        assert {h.kind for h in only_visits.hits} <= {"consultation"}
        assert search.search(ctx.uow(), q, fiscal_year=2024, limit=1000).hits == []
    monkeypatch.setattr(search, "SCAN_ABOVE_DOCS", 0)
    assert [h.kind for h in search.search(ctx.uow(), "移動", kinds=["consultation"]).hits] == ["consultation"]
