"""The pages of the site, as (relative path, bytes) pairs: ``site_files(booklet, ...)``.

index.html                      title, 年度, counts, the search box, links by municipality and kind
activities/<entry id>.html      one activity: every field it is given, its photos, its contact
municipalities/<code>.html      the activities of one municipality
kinds/<nn>.html                 the activities of one kind (numbered in the kinds' own order)
photos/<entry id>-<n>.jpg       the photos, as stored (already resized and stripped of metadata)
assets/site.css, assets/search.js, assets/search-index.js

Every page: lang="ja", a skip link, one h1, headings in order, landmarks (header, nav, main,
footer), relative links only, so the folder works from file:// and from any web server path.
The generator meta names the program: the folder check (folder.py) knows an earlier export by it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from sasaeai_desktop.domain.booklet import Booklet
from sasaeai_desktop.domain.booklet import BookletEntry
from sasaeai_desktop.domain.wareki import format_date
from sasaeai_desktop.io.site.assets import CSS
from sasaeai_desktop.io.site.assets import INDEX_VARIABLE
from sasaeai_desktop.io.site.assets import SEARCH_JS
from sasaeai_desktop.io.site.search import fold

GENERATOR = "SasaeAI Desktop"
OTHER_KIND = "その他"  # an entry with no kind


@dataclass(frozen=True)
class SiteLists:
    """The list pages: each municipality and each kind with its file name."""

    municipalities: dict[str, str]  # municipality (as printed) → file under municipalities/
    kinds: dict[str, str]  # kind → file under kinds/


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + "<br>".join(_e(line) for line in p.split("\n")) + "</p>" for p in parts)


def _date(day: dt.date) -> str:
    return format_date(day)


def lists_of(booklet: Booklet, kinds_order: Sequence[str]) -> SiteLists:
    munis: dict[str, str] = {}
    found: list[str] = []
    for entry in _entries(booklet):
        if entry.municipality not in munis:
            munis[entry.municipality] = f"{entry.municipality_code or len(munis) + 1}.html"
        kind = entry.kind or OTHER_KIND
        if kind not in found:
            found.append(kind)
    # Numbered by their place in the whole list of kinds, so a kind keeps its address when a
    # later export (other filters) leaves some kinds out.
    number = {k: i for i, k in enumerate(kinds_order, 1)}
    for k in sorted(k for k in found if k not in number):
        number[k] = len(number) + 1
    ordered = sorted(found, key=lambda k: number[k])
    return SiteLists(munis, {k: f"{number[k]:02d}.html" for k in ordered})


def _entries(booklet: Booklet) -> Iterator[BookletEntry]:
    for section in booklet.sections:
        yield from section.entries


def _page(booklet: Booklet, title: str, body: str, *, depth: int, footer: str, as_of: dt.date,
          crumbs: Sequence[tuple[str, str]] = (), scripts: Sequence[str] = ()) -> bytes:
    up = "../" * depth
    search = "" if not depth else (
        f'<form class="header-search" role="search" action="{up}index.html" method="get">'
        '<label for="site-q">活動をさがす</label>'
        '<input type="search" id="site-q" name="q" autocomplete="off">'
        '<button type="submit">検索</button></form>')
    trail = ""
    if crumbs:
        items = "".join(f'<li><a href="{_e(href)}">{_e(label)}</a></li>' for label, href in crumbs)
        trail = (f'<nav class="breadcrumb" aria-label="現在位置"><ol>{items}'
                 f'<li><span aria-current="page">{_e(title)}</span></li></ol></nav>')
    head_title = title if not depth else f"{title}｜{booklet.title}"
    footer_lines = [f"{_e(booklet.title)}（{_e(booklet.year_label)}）"]
    if footer:
        footer_lines.append(f"発行: {_e(footer)}")
    footer_lines.append(f"{_e(_date(as_of))}現在の情報です。")
    script_tags = "".join(f'<script src="{up}assets/{name}"></script>' for name in scripts)
    html = (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        f"<title>{_e(head_title)}</title>\n"
        f'<link rel="stylesheet" href="{up}assets/site.css">\n</head>\n<body>\n'
        '<a class="skip-link" href="#main">本文へ移動</a>\n'
        f'<header class="site-header"><div class="header-inner">'
        f'<a class="site-name" href="{up}index.html">{_e(booklet.title)}</a>{search}</div></header>\n'
        f'<main id="main" tabindex="-1">\n{trail}{body}\n</main>\n'
        f'<footer class="site-footer"><div class="footer-inner">'
        + "".join(f"<p>{line}</p>" for line in footer_lines)
        + f"</div></footer>\n{script_tags}</body>\n</html>\n"
    )
    return html.encode("utf-8")


def _card(entry: BookletEntry, up: str, *, show_place: bool = True, show_kind: bool = True) -> str:
    meta = [x for x in (entry.kind if show_kind else "", entry.municipality if show_place else "", entry.area) if x]
    text = entry.content or entry.description
    short = text if len(text) <= 80 else text[:80] + "…"
    return (f'<li><a href="{up}activities/{_e(entry.key)}.html">{_e(entry.name)}</a>'
            f'<span class="meta">{_e("・".join(meta))}</span>'
            + (f"<span>{_e(short)}</span>" if short else "") + "</li>")


def index_page(booklet: Booklet, lists: SiteLists, *, footer: str, as_of: dt.date) -> bytes:
    entries = list(_entries(booklet))
    photos = sum(len(e.photos) for e in entries)
    places = Counter(e.municipality for e in entries)
    kind_counts = Counter(e.kind or OTHER_KIND for e in entries)
    where = f"{booklet.prefecture}内の" if booklet.prefecture else ""
    intro = [f'<p class="lead">{_e(where)}地域の支え合い活動・通いの場などを紹介します。{_e(booklet.year_label)}版です。</p>']
    if booklet.conditions:
        intro.append(f"<p>掲載の範囲: {_e('／'.join(booklet.conditions))}</p>")
    intro.append(
        '<ul class="counts">'
        f"<li>活動 <strong>{len(entries):,}</strong> 件</li>"
        f"<li>市町村 <strong>{len(lists.municipalities):,}</strong></li>"
        f"<li>種類 <strong>{len(lists.kinds):,}</strong></li>"
        f"<li>写真 <strong>{photos:,}</strong> 枚</li></ul>")
    search = (
        '<section aria-labelledby="search-heading"><h2 id="search-heading">キーワードでさがす</h2>'
        '<form id="search-form" class="search-box" role="search" action="index.html" method="get">'
        '<label for="q">活動の名前・内容・地区などのことば</label>'
        '<div class="row"><input type="search" id="q" name="q" autocomplete="off" aria-describedby="search-hint">'
        '<button type="submit">検索</button></div>'
        '<p class="hint" id="search-hint">例: 配食、サロン、見守り、体操（ひらがな・カタカナのどちらでも探せます）</p>'
        "</form>"
        '<p id="search-status" role="status" aria-live="polite"></p>'
        '<ul id="search-results" class="cards" hidden></ul>'
        "<noscript><p>キーワード検索にはJavaScriptが必要です。下の市町村・種類の一覧からお探しください。</p></noscript>"
        "</section>")
    by_place = ['<section aria-labelledby="by-municipality"><h2 id="by-municipality">市町村からさがす</h2>']
    for section in booklet.sections:
        shown = list(dict.fromkeys(e.municipality for e in section.entries))
        links = "".join(f'<li><a href="municipalities/{_e(lists.municipalities[p])}">{_e(p)}</a>'
                        f"（{places[p]}件）</li>" for p in shown)
        if booklet.grouping != "市町村":
            by_place.append(f"<h3>{_e(section.name)}</h3>")
        by_place.append(f'<ul class="link-grid">{links}</ul>')
    by_place.append("</section>")
    kinds = "".join(f'<li><a href="kinds/{_e(file)}">{_e(kind)}</a>（{kind_counts[kind]}件）</li>'
                    for kind, file in lists.kinds.items())
    by_kind = (f'<section aria-labelledby="by-kind"><h2 id="by-kind">種類からさがす</h2>'
               f'<ul class="link-grid">{kinds}</ul></section>')
    body = f"<h1>{_e(booklet.title)}</h1>" + "".join(intro) + search + "".join(by_place) + by_kind
    return _page(booklet, booklet.title, body, depth=0, footer=footer, as_of=as_of,
                 scripts=("search-index.js", "search.js"))


def photo_name(entry: BookletEntry, n: int) -> str:
    return f"{entry.key}-{n}.jpg"


def activity_page(booklet: Booklet, entry: BookletEntry, lists: SiteLists, *, footer: str, as_of: dt.date) -> bytes:
    kind = entry.kind or OTHER_KIND
    place_link = f'../municipalities/{_e(lists.municipalities[entry.municipality])}'
    kind_link = f"../kinds/{_e(lists.kinds[kind])}"
    fields: list[tuple[str, str]] = [
        ("種類", f'<a href="{kind_link}">{_e(kind)}</a>'),
        ("市町村", f'<a href="{place_link}">{_e(entry.municipality)}</a>'),
    ]
    plain = (("地区", entry.area), ("実施主体", entry.organiser), ("曜日・時間", entry.schedule),
             ("頻度", entry.frequency),
             ("参加人数", f"{entry.participants:,}人程度" if entry.participants is not None else ""),
             ("費用", entry.cost), ("連絡先", entry.contact))
    fields += [(label, _e(value)) for label, value in plain if value]
    if entry.info_date is not None:
        fields.append(("情報の更新日", _e(_date(entry.info_date))))
    body = [f"<h1>{_e(entry.name)}</h1>",
            f'<p class="lead">{_e(kind)}・{_e(entry.municipality)}{_e(" " + entry.area if entry.area else "")}</p>',
            '<section aria-labelledby="facts"><h2 id="facts">活動の概要</h2><dl class="fields">'
            + "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in fields) + "</dl></section>"]
    if entry.content:
        body.append(f'<section aria-labelledby="content"><h2 id="content">活動の内容</h2>{_paragraphs(entry.content)}</section>')
    if entry.description:
        body.append(f'<section aria-labelledby="about"><h2 id="about">紹介</h2>{_paragraphs(entry.description)}</section>')
    if entry.photos:
        figures = []
        for n, photo in enumerate(entry.photos, 1):
            alt = photo.alt_text or photo.caption or f"{entry.name}の写真（{n}枚目）"
            caption = f"<figcaption>{_e(photo.caption)}</figcaption>" if photo.caption else ""
            size = f' width="{photo.width}" height="{photo.height}"' if photo.width and photo.height else ""
            figures.append(f'<figure><img src="../photos/{_e(photo_name(entry, n))}" alt="{_e(alt)}"{size}'
                           f' loading="lazy">{caption}</figure>')
        body.append(f'<section aria-labelledby="photos"><h2 id="photos">写真</h2>'
                    f'<div class="photos">{"".join(figures)}</div></section>')
    crumbs = (("トップ", "../index.html"), (entry.municipality, place_link))
    return _page(booklet, entry.name, "".join(body), depth=1, footer=footer, as_of=as_of, crumbs=crumbs)


def list_page(booklet: Booklet, heading: str, entries: Sequence[BookletEntry], *, footer: str, as_of: dt.date,
              by_place: bool) -> bytes:
    cards = "".join(_card(e, "../", show_place=not by_place, show_kind=by_place) for e in entries)
    body = (f"<h1>{_e(heading)}</h1><p>{len(entries):,}件の活動があります。</p>"
            f'<ul class="cards">{cards}</ul>')
    return _page(booklet, heading, body, depth=1, footer=footer, as_of=as_of, crumbs=(("トップ", "../index.html"),))


def search_index(booklet: Booklet) -> bytes:
    rows = []
    for e in _entries(booklet):
        text = " ".join((e.name, e.kind, e.municipality, e.area, e.organiser, e.content, e.schedule, e.frequency,
                         e.cost, e.description))
        rows.append({"u": f"activities/{e.key}.html", "n": e.name, "k": e.kind or OTHER_KIND,
                     "m": e.municipality, "a": e.area, "t": fold(text)})
    data = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return f"window.{INDEX_VARIABLE} = {data};\n".encode()


def site_files(booklet: Booklet, *, kinds_order: Sequence[str], footer: str,
               as_of: dt.date) -> Iterator[tuple[str, bytes]]:
    """Every file of the site (paths with '/'), the pages one by one so a writer can report progress."""
    lists = lists_of(booklet, kinds_order)
    yield "assets/site.css", CSS.encode()
    yield "assets/search.js", SEARCH_JS.encode()
    yield "assets/search-index.js", search_index(booklet)
    yield "index.html", index_page(booklet, lists, footer=footer, as_of=as_of)
    entries = list(_entries(booklet))
    for place, file in lists.municipalities.items():
        mine = [e for e in entries if e.municipality == place]
        yield f"municipalities/{file}", list_page(booklet, f"{place}の活動", mine, footer=footer, as_of=as_of,
                                                   by_place=True)
    for kind, file in lists.kinds.items():
        mine = [e for e in entries if (e.kind or OTHER_KIND) == kind]
        yield f"kinds/{file}", list_page(booklet, f"{kind}の活動", mine, footer=footer, as_of=as_of, by_place=False)
    for entry in entries:
        yield f"activities/{entry.key}.html", activity_page(booklet, entry, lists, footer=footer, as_of=as_of)
        for n, photo in enumerate(entry.photos, 1):
            yield f"photos/{photo_name(entry, n)}", photo.jpeg
