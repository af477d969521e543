"""The site's shared style sheet and its search script, written into ``assets/``.

Colours meet WCAG AA (text 4.5:1 and more on its background: #1b1b1b, #0a4d8c and #fff on
#0b3d6e); the focus ring is wide and of its own colour; the layout is one column on a phone and
reads the system's Japanese font (no web font: nothing is fetched).
"""

from __future__ import annotations

from sasaeai_desktop.io.site.search import FOLD_JS

INDEX_VARIABLE = "SASAEAI_SITE_INDEX"

CSS = """\
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: #1b1b1b; background: #fff; line-height: 1.75; font-size: 1rem;
  font-family: system-ui, -apple-system, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP",
    "Noto Sans JP", "Yu Gothic", "Meiryo", sans-serif;
  overflow-wrap: anywhere;
}
a { color: #0a4d8c; }
a:visited { color: #5b2a86; }
a:hover { color: #06325c; }
:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
a:focus-visible, button:focus-visible, input:focus-visible { box-shadow: 0 0 0 5px #fff; }
.skip-link { position: absolute; left: 0.5rem; top: -4rem; z-index: 10; padding: 0.5rem 1rem;
  background: #fff; color: #0a4d8c; border: 2px solid #0a4d8c; }
.skip-link:focus { top: 0.5rem; }
.site-header { background: #0b3d6e; color: #fff; padding: 0.75rem 1rem; }
.site-header a, .site-header a:visited { color: #fff; }
.site-header .site-name { font-weight: bold; font-size: 1.1rem; text-decoration: none; }
.site-header .site-name:hover, .site-header .site-name:focus-visible { text-decoration: underline; }
.header-inner, main, .site-footer .footer-inner { max-width: 60rem; margin: 0 auto; }
.header-inner { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; }
.site-header form { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center;
  flex: 1 1 20rem; justify-content: flex-end; }
.site-header form input[type="search"] { flex: 1 1 8rem; width: auto; max-width: 16rem; }
.site-header label { font-size: 0.95rem; }
input[type="search"] { font: inherit; padding: 0.4rem 0.5rem; border: 2px solid #555; border-radius: 4px;
  min-width: 0; width: 14rem; max-width: 100%; color: #1b1b1b; background: #fff; }
button { font: inherit; padding: 0.4rem 1rem; border: 2px solid #0a4d8c; border-radius: 4px; background: #0a4d8c;
  color: #fff; cursor: pointer; }
.site-header button { border-color: #fff; }
main { padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.4; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; line-height: 1.4; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid #0b3d6e; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
.lead { font-size: 1.05rem; }
.breadcrumb ol { list-style: none; padding: 0; margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.25rem; font-size: 0.95rem; }
.breadcrumb li + li::before { content: "›"; margin-right: 0.25rem; color: #444; }
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0; list-style: none; }
.counts strong { font-size: 1.3rem; }
.search-box { background: #eef4fa; border: 1px solid #b9cde0; border-radius: 6px; padding: 1rem; }
.search-box label { display: block; font-weight: bold; margin-bottom: 0.25rem; }
.search-box .row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.search-box input[type="search"] { flex: 1 1 12rem; width: auto; }
.hint { font-size: 0.9rem; color: #3d3d3d; margin: 0.5rem 0 0; }
.link-grid { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.25rem 1rem;
  grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); }
.link-grid a { display: inline-block; padding: 0.2rem 0; }
.cards { list-style: none; padding: 0; margin: 0; }
.cards li { border-bottom: 1px solid #ccc; padding: 0.75rem 0; }
.cards a { font-weight: bold; font-size: 1.05rem; }
.meta { display: block; color: #3d3d3d; font-size: 0.92rem; }
.fields { display: grid; grid-template-columns: 1fr; margin: 0; }
.fields dt { font-weight: bold; margin-top: 0.5rem; }
.fields dd { margin: 0 0 0.25rem; }
.photos { display: grid; gap: 1rem; grid-template-columns: 1fr; }
figure { margin: 0; }
figure img { display: block; max-width: 100%; height: auto; border-radius: 4px; }
figcaption { font-size: 0.92rem; color: #3d3d3d; }
.site-footer { border-top: 1px solid #ccc; margin-top: 2rem; padding: 1rem; font-size: 0.92rem; color: #3d3d3d; }
@media (min-width: 40rem) {
  .fields { grid-template-columns: 10rem 1fr; column-gap: 1rem; }
  .fields dt { margin-top: 0; padding: 0.35rem 0; border-top: 1px solid #ddd; }
  .fields dd { padding: 0.35rem 0; border-top: 1px solid #ddd; margin: 0; }
  .photos { grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
  h1 { font-size: 1.9rem; }
}
@media print {
  .site-header form, .skip-link { display: none; }
  .site-header { background: none; color: #000; }
}
"""

# Search in the browser over the index (search-index.js, loaded by a <script> tag: a fetch() of
# a JSON file is refused on file://). The index page lists the hits as links; the search forms of
# the other pages send the words there (index.html?q=…).
_SEARCH_TEMPLATE = r"""(function () {
  "use strict";
  FOLD_FUNCTION
  var index = window.INDEX_VARIABLE || [];
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status) { return; }
  function run(query) {
    var words = String(query).split(/\s+/).map(fold).filter(function (w) { return w.length > 0; });
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!words.length) { status.textContent = ""; list.hidden = true; return; }
    var hits = index.filter(function (e) {
      return words.every(function (w) { return e.t.indexOf(w) >= 0; });
    });
    hits.forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e.u;
      link.textContent = e.n;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = [e.k, e.m, e.a].filter(Boolean).join("・");
      item.appendChild(link);
      item.appendChild(meta);
      list.appendChild(item);
    });
    list.hidden = hits.length === 0;
    status.textContent = "「" + String(query).trim() + "」" +
      (hits.length ? "を含む活動: " + hits.length + "件" : "を含む活動は見つかりませんでした");
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
  input.addEventListener("input", function () { run(input.value); });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; run(asked); }
}());
"""
SEARCH_JS = _SEARCH_TEMPLATE.replace("FOLD_FUNCTION", FOLD_JS).replace("INDEX_VARIABLE", INDEX_VARIABLE)
