"""One search over visits, consultations and dispatches: ranked, highlighted, every substring found.

The index (db/search_index.py) is FTS5 with the trigram tokenizer; every indexed column ends with
two newlines, so each character of a document starts a trigram. A query's words (all required):

- a word of **3+ characters** is a phrase of the index;
- a **1–2 character** word (移動, 居場, SC …), which a trigram index cannot match by itself, is the
  OR of the trigrams that *begin* with it, read from the index's vocabulary (fts5vocab, a range
  scan of sorted terms): the document contains the word exactly when it contains one of those.
  A word with no such trigram matches nothing (answered at once, no scan). A word too common to
  be worth an OR of hundreds of terms is checked with ``instr`` on the documents the other words
  found; a query that is only one common short word scans the documents newest-written first and
  stops at the first page of matches (common, so that is quick) — method ``scan``.

Ranking is bm25 (a hit in the heading — purpose, topics — counts three times a hit in the body).
bm25 has to read every matching document's size, so for a word found in tens of thousands of
documents only the ``RANK_WINDOW`` most recently written matches are ranked (the rowid of the
window's last match is found first, then ``rowid >= it`` limits the ranking): a common word is
answered in milliseconds, and the newest records come first among equals.

Hits carry a snippet of the document around the first match, cut into (text, is_match) segments,
so the GUI can bold the matches and the CLI can bracket them; the same highlighting serves every
way of answering. ``benchmarks/bench_search.py`` measures all of this at demo scale 20.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import NamedTuple
from typing import cast

from sasaeai_desktop.db import search_index
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError

KIND_LABELS = {"visit": "訪問", "consultation": "相談", "dispatch": "派遣"}
KINDS: tuple[str, ...] = tuple(KIND_LABELS)
MIN_FTS_CHARS = 3  # the trigram tokenizer needs three characters to find anything
SNIPPET_CHARS = 90
MAX_QUERY_CHARS = 200
RANK_WINDOW = 1000  # matches ranked by bm25 at most (the most recently written ones)
MAX_PREFIX_TERMS = 200  # trigrams OR-ed for one short word at most; beyond that it is checked with instr
MAX_PREFIX_DOCS = 50_000  # (sum of) documents of those trigrams at most, likewise
SCAN_ABOVE_DOCS = 50_000  # a query of one short word this common: the early-stopping scan (a rarer word's
# matches may all be old, and a newest-first scan then reads most documents: 庁内 took 40 ms that way)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: str
    date: dt.date | None
    municipality_id: str | None
    municipality: str
    heading: str
    snippet: tuple[tuple[str, bool], ...]  # (text, is_match) segments
    score: float = 0.0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def snippet_text(self, open_mark: str = "【", close_mark: str = "】") -> str:
        return "".join(f"{open_mark}{t}{close_mark}" if hit else t for t, hit in self.snippet)

    def snippet_html(self) -> str:
        def esc(t: str) -> str:
            return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")

        return "".join(f"<b style='background:#fff2a8'>{esc(t)}</b>" if hit else esc(t) for t, hit in self.snippet)


@dataclass(frozen=True)
class SearchResult:
    query: str
    terms: tuple[str, ...]
    method: str  # 'fts' (a 3+ character word) / 'prefix' (short words through the index) / 'scan' / 'none'
    hits: list[SearchHit] = field(default_factory=list)
    more: bool = False  # there were more hits than the limit
    elapsed_ms: float = 0.0


def split_terms(query: str) -> tuple[str, ...]:
    """Words of the query (spaces of either width, any white space, separate them), duplicates removed."""
    text = unicodedata.normalize("NFC", query or "").replace("\u3000", " ").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise UserError(f"検索語が長すぎます（{len(text)}文字）。{MAX_QUERY_CHARS}文字以内にしてください。")
    return tuple(dict.fromkeys(text.split()))


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fold(text: str) -> str:
    """ASCII-only case folding, the same as the trigram tokenizer's and SQLite's lower()."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def highlight(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> tuple[tuple[str, bool], ...]:
    """A window of ``text`` around the first match, cut into (segment, is_match) parts."""
    flat = re.sub(r"\s+", " ", text).strip()
    folded = _fold(flat)
    spans: list[tuple[int, int]] = []
    for term in terms:
        t = _fold(term)
        start = folded.find(t)
        while start >= 0 and t:
            spans.append((start, start + len(t)))
            start = folded.find(t, start + 1)
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    first = merged[0][0] if merged else 0
    lo = max(0, first - width // 3)
    hi = min(len(flat), lo + width)
    lo = max(0, min(lo, hi - width))
    out: list[tuple[str, bool]] = []
    if lo > 0:
        out.append(("…", False))
    pos = lo
    for s, e in merged:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        if s > pos:
            out.append((flat[pos:s], False))
        out.append((flat[s:e], True))
        pos = e
    if pos < hi:
        out.append((flat[pos:hi], False))
    if hi < len(flat):
        out.append(("…", False))
    return tuple(out)


def _kinds(kinds: Iterable[str] | None) -> list[str]:
    if kinds is None:
        return list(KINDS)
    kinds = list(dict.fromkeys(kinds))
    bad = [k for k in kinds if k not in KIND_LABELS]
    if bad:
        raise UserError(f"検索対象「{'、'.join(bad)}」はありません（{', '.join(KINDS)}）。")
    return kinds


class _Columns(NamedTuple):
    """The index's columns as one query names them: the FTS table's, or its plain content table's."""

    rowid: str
    day: str
    municipality_id: str
    heading: str
    body: str


_FTS = _Columns("rowid", "day", "municipality_id", "heading", "body")
_CONTENT = _Columns("id", "c2", "c3", "c4", "c5")


def _filters(
    columns: _Columns, kinds: list[str], fiscal_year: int | None, municipality_id: str | None, short: list[str]
) -> tuple[list[str], list[Any]]:
    """The conditions beside the words: kinds, 年度, municipality, and instr() for short words."""
    where: list[str] = []
    params: list[Any] = []
    if set(kinds) != set(KINDS):
        nums = [search_index.KIND_NUMBER[k] for k in kinds]
        where.append(f"({columns.rowid} % 4) IN ({', '.join(str(n) for n in nums)})" if nums else "0")
    if fiscal_year is not None:
        where.append(f"{columns.day} >= ? AND {columns.day} < ?")
        params.extend([f"{fiscal_year:04d}-04-01", f"{fiscal_year + 1:04d}-04-01"])
    if municipality_id:
        where.append(f"{columns.municipality_id} = ?")
        params.append(municipality_id)
    where.extend(_short_filters(short, columns.heading, columns.body))
    params.extend(a for t in short for a in (t, t))
    return where, params


def _fts_where(kinds: list[str], fiscal_year: int | None, municipality_id: str | None, short: list[str]) -> tuple[str, list[Any]]:
    """The conditions beside MATCH, as ``AND …`` to append."""
    where, params = _filters(_FTS, kinds, fiscal_year, municipality_id, short)
    return "".join(f" AND {w}" for w in where), params


def _window_sql(extra: str) -> str:
    """The rowid of the RANK_WINDOW-th most recently written match (none when there are fewer)."""
    t = search_index.TABLE
    return f"SELECT rowid FROM {t} WHERE {t} MATCH ?{extra} ORDER BY rowid DESC LIMIT 1 OFFSET ?"


def _fts_sql(extra: str, *, windowed: bool) -> str:
    """Rank by bm25 on the rowid alone (reading the text of 30,000 matches to sort them would
    double the time), then fetch the columns of the few rows kept."""
    t = search_index.TABLE
    window = " AND rowid >= ?" if windowed else ""
    return (
        f"SELECT f.kind, f.ref_id, f.day, f.municipality_id, f.heading, f.body, top.score FROM ("
        f"SELECT rowid, bm25({t}, 0, 0, 0, 0, 3.0, 1.0) AS score FROM {t} WHERE {t} MATCH ?{extra}{window} "
        f"ORDER BY score, rowid DESC LIMIT ?) AS top JOIN {t} AS f ON f.rowid = top.rowid ORDER BY top.score, f.rowid DESC"
    )


def _prefix_trigrams(conn: Any, term: str) -> tuple[list[str], int]:
    """The index's trigrams that begin with ``term`` (1–2 characters, folded the way the tokenizer
    folds case) and the sum of their document counts; at most MAX_PREFIX_TERMS + 1 of them."""
    low = term.lower()
    rows = conn.exec_driver_sql(
        f"SELECT term, doc FROM {search_index.VOCAB} WHERE term >= ? AND term < ? LIMIT ?",
        (low, low + "\U0010ffff", MAX_PREFIX_TERMS + 1),
    ).fetchall()
    return [r[0] for r in rows], sum(r[1] for r in rows)


def _short_filters(short: list[str], heading: str, body: str) -> list[str]:
    """instr() per column (no concatenation); lower() only for words with ASCII letters."""
    out = []
    for t in short:
        if t != t.upper():  # has a (folded) ASCII letter: compare case-insensitively
            out.append(f"(instr(lower({heading}), ?) > 0 OR instr(lower({body}), ?) > 0)")
        else:
            out.append(f"(instr({heading}, ?) > 0 OR instr({body}, ?) > 0)")
    return out


def _scan_sql(kinds: list[str], fiscal_year: int | None, municipality_id: str | None, short: list[str]) -> tuple[str, list[Any]]:
    """Only 1–2 character words: scan the index's stored documents (one plain table, two text
    columns) newest-written first, stopping at the first page of matches; the page is then shown
    newest date first."""
    where, params = _filters(_CONTENT, kinds, fiscal_year, municipality_id, short)
    sql = (
        "SELECT c0, c1, c2, c3, c4, c5, 0.0 FROM ("
        f"SELECT * FROM {search_index.TABLE}_content WHERE {' AND '.join(where) or '1'} ORDER BY id DESC LIMIT ?"
        ") ORDER BY c2 DESC"
    )
    return sql, params


def search(
    uow: UnitOfWork,
    query: str,
    *,
    limit: int = 50,
    kinds: Iterable[str] | None = None,
    fiscal_year: int | None = None,
    municipality_id: str | None = None,
) -> SearchResult:
    """Hits for ``query`` (words separated by spaces, all required): the ``limit`` best matches,
    shown newest first as officers expect of a record search (equal dates: best match first)."""
    t0 = time.perf_counter()
    terms = split_terms(query)
    if not terms:
        return SearchResult(query, terms, "none")
    kind_list = _kinds(kinds)
    long_terms = [t for t in terms if len(t) >= MIN_FTS_CHARS]
    short_terms = [t for t in terms if len(t) < MIN_FTS_CHARS]
    with uow:
        conn = uow.session.connection()
        match = [_phrase(t) for t in long_terms]
        loose: list[str] = []  # short words too common for the index: checked with instr
        for term in short_terms:
            trigrams, docs = _prefix_trigrams(conn, term)
            if not trigrams:
                return SearchResult(query, terms, "prefix", elapsed_ms=(time.perf_counter() - t0) * 1000)
            single_common = len(terms) == 1 and docs > SCAN_ABOVE_DOCS
            if single_common or len(trigrams) > MAX_PREFIX_TERMS or docs > MAX_PREFIX_DOCS:
                loose.append(_fold(term))
            else:
                match.append("(" + " OR ".join(_phrase(g) for g in trigrams) + ")")
        if match:
            method = "fts" if long_terms else "prefix"
            extra, params = _fts_where(kind_list, fiscal_year, municipality_id, loose)
            expr = " AND ".join(match)
            bound = conn.exec_driver_sql(_window_sql(extra), (expr, *params, RANK_WINDOW - 1)).fetchone()
            window = [bound[0]] if bound is not None else []
            sql = _fts_sql(extra, windowed=bool(window))
            args: list[Any] = [expr, *params, *window, limit + 1]
        else:
            method = "scan"
            sql, params = _scan_sql(kind_list, fiscal_year, municipality_id, loose)
            args = [*params, limit + 1]
        raw = conn.exec_driver_sql(sql, tuple(args)).fetchall()
        more = len(raw) > limit
        raw = raw[:limit]
        names = _municipality_names(conn, {r[3] for r in raw if r[3]})
    hits = [
        SearchHit(
            kind=r[0], id=r[1], date=_date(r[2]), municipality_id=r[3], municipality=names.get(r[3], ""),
            heading=" ".join((r[4] or "").split()),
            snippet=highlight(r[5] if _has_any(r[5], terms) else r[4] or "", terms),
            score=float(r[6] or 0.0),
        )
        for r in raw
    ]
    hits.sort(key=lambda h: h.date or dt.date.min, reverse=True)  # stable: ties keep their rank
    return SearchResult(query, terms, method, hits, more, (time.perf_counter() - t0) * 1000)


def _has_any(text: str | None, terms: Sequence[str]) -> bool:
    folded = _fold(text or "")
    return any(_fold(t) in folded for t in terms)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _municipality_names(conn: Any, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = conn.exec_driver_sql(
        "SELECT m.id, coalesce(p.name, '') || m.name FROM municipality m "
        f"LEFT JOIN municipality p ON p.id = m.parent_id WHERE m.id IN ({marks})",
        tuple(ids),
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def rebuild_index(uow: UnitOfWork) -> int:
    """Re-create every document of the search index (after a VACUUM, or to repair it)."""
    with uow:
        n = search_index.rebuild(_sqlite(uow))
        uow.commit()
    return n


def check_index(uow: UnitOfWork) -> list[str]:
    with uow:
        return search_index.check(_sqlite(uow))


def _sqlite(uow: UnitOfWork) -> sqlite3.Connection:
    """The driver's connection under the session's (the index is kept with plain sqlite3)."""
    return cast(sqlite3.Connection, uow.session.connection().connection.dbapi_connection)
