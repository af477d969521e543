"""The advisor-list handout with 1,000 advisors: ours against one plain platypus Table, one run.

Usage: python benchmarks/bench_handout.py [--advisors 1000] [--repeat 3] [--keep DIR]

Both print the very same cells — ふりがな and 氏名, 所属 and 職名, 活動分野 and the free text,
担当市町村, phone and e-mail — with the same embedded font and the same Paragraph styles:

- ours: ``io.pdf.advisor_handout.render_handout`` (title block and note, 行 headings, one card per
  advisor kept whole on its page, page numbers "N / M" and the office footer);
- baseline: the same cells as rows of ONE reportlab ``Table`` (header row repeated on every page),
  built by ``SimpleDocTemplate`` — what the issue calls "one plain platypus Table".

Runs alternate after a warm-up; the medians, their ratio (target ≤ 2.0), pages and file sizes
(target < 1 MB) are printed. The data is made up here (no database), the same for both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.advisor_handout import Handout
from sasaeai_desktop.domain.advisor_handout import HandoutEntry
from sasaeai_desktop.domain.advisor_handout import HandoutSection
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.office import OfficeSettings
from sasaeai_desktop.services.advisors.handout import gyo_of

FAMILY = [("佐藤", "さとう"), ("鈴木", "すずき"), ("髙橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
          ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
          ("吉田", "よしだ"), ("山﨑", "やまさき"), ("清水", "しみず"), ("松本", "まつもと"), ("井上", "いのうえ")]
GIVEN = [("一郎", "いちろう"), ("花子", "はなこ"), ("健太", "けんた"), ("美咲", "みさき"), ("大輔", "だいすけ"),
         ("さくら", "さくら"), ("翔太", "しょうた"), ("陽菜", "ひな"), ("直樹", "なおき"), ("由美", "ゆみ")]
ORGS = ["長野県社会福祉協議会", "松本市社会福祉協議会", "NPO法人 ながの支え合いネット", "信州大学 医学部保健学科",
        "さわやか福祉財団", "生活協同組合 コープながの", "上田市役所 高齢者介護課", "一般社団法人 地域包括ケア研究会"]
TITLES = ["理事長", "事務局長", "主任", "第1層生活支援コーディネーター", "教授", "係長", ""]
PHRASES = ["協議体の立ち上げと運営の支援。", "住民ワークショップのファシリテーション。", "通いの場・居場所づくり。",
           "移動・買い物支援の仕組みづくり。", "有償ボランティアの組織化。", "地域資源の把握とマップづくり。",
           "ニーズ調査の設計と集計。", "担い手養成講座の講師。", "見守りネットワークの構築。"]
TOWNS = ["長野市", "松本市", "上田市", "岡谷市", "飯田市", "諏訪市", "須坂市", "小諸市", "伊那市", "駒ヶ根市",
         "軽井沢町", "白馬村", "小布施町", "阿智村"]


def make_handout(n: int) -> Handout:
    rnd = random.Random(20261126)
    entries = []
    for i in range(n):
        (f, fk), (g, gk) = rnd.choice(FAMILY), rnd.choice(GIVEN)
        fields = tuple(rnd.sample(vocab.DEFAULT_ACTIVITY_FIELDS, rnd.randint(1, 4)))
        text = "".join(rnd.choice(PHRASES) for _ in range(rnd.randint(1, 6)))
        consent_phone, consent_mail = rnd.random() < 0.6, rnd.random() < 0.5
        munis = tuple(f"{t}（{r}）" for t, r in zip(rnd.sample(TOWNS, rnd.randint(0, 3)), ("主担当", "副担当", "副担当")))
        entries.append(HandoutEntry(
            advisor_id=f"a{i}", name=f"{f} {g}", kana=f"{fk} {gk}", category=rnd.choice(vocab.ADVISOR_CATEGORIES),
            affiliation=rnd.choice(ORGS), title=rnd.choice(TITLES), fields=fields, activity_text=text,
            phone=f"026-{rnd.randint(200, 999)}-{rnd.randint(1000, 9999)}" if consent_phone else "",
            email=f"advisor{i}@example.jp" if consent_mail else "", municipalities=munis,
        ))
    entries.sort(key=lambda e: (kana_key(e.kana), e.advisor_id))
    groups: dict[str, list[HandoutEntry]] = {}
    for e in entries:
        groups.setdefault(gyo_of(e.kana), []).append(e)
    office = OfficeSettings(office_name="長野県健康福祉部介護支援課", department="地域包括ケア係",
                            phone="026-235-7111", email="kaigo@pref.nagano.lg.jp")
    return Handout("生活支援体制整備事業 アドバイザー名簿", "", 2025, dt.date(2025, 11, 26), "長野県", office, "kana",
                   tuple(HandoutSection(h, tuple(es)) for h, es in groups.items()), (), n)


def ours(handout: Handout, path: Path) -> int:
    from sasaeai_desktop.io.pdf.advisor_handout import render_handout

    return render_handout(handout, path).pages


def plain_table(handout: Handout, path: Path) -> int:
    """The same cells as one Table with a repeated header row (reportlab as it comes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table
    from reportlab.platypus import TableStyle

    from sasaeai_desktop.io.pdf.advisor_handout import _styles
    from sasaeai_desktop.io.pdf.common import FONT
    from sasaeai_desktop.io.pdf.common import escape
    from sasaeai_desktop.io.pdf.common import register_fonts

    register_fonts()
    st = _styles()
    rows: list[list[object]] = [["氏名", "所属", "活動分野", "連絡先"]]
    for e in handout.entries():
        rows.append([
            Paragraph(escape(f"{e.kana}\n{e.name}\n{e.category}"), st["cell"]),
            Paragraph(escape(f"{e.affiliation}\n{e.title}"), st["cell"]),
            Paragraph(escape(" ／ ".join(e.fields) + "\n" + e.activity_text + "\n" + "、".join(e.municipalities)), st["text"]),
            Paragraph(escape("\n".join(x for x in (e.phone, e.email) if x)), st["cell"]),
        ])
    table = Table(rows, colWidths=[36 * mm, 42 * mm, 62 * mm, 40 * mm], repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, "#777777"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, initialFontName=FONT)
    doc.build([table])
    return doc.page


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--advisors", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="folder to leave the two PDFs in")
    args = ap.parse_args()
    handout = make_handout(args.advisors)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-handout-"))
    folder.mkdir(parents=True, exist_ok=True)
    runs = {"ours": ours, "plain Table": plain_table}
    times: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}  # CPU time: steadier on a shared machine
    pages: dict[str, int] = {}
    for fn in runs.values():  # warm-up: font loading, imports
        fn(handout, folder / "warmup.pdf")
    for _ in range(args.repeat):
        for name, fn in runs.items():
            t0, c0 = time.perf_counter(), time.process_time()
            pages[name] = fn(handout, folder / f"{name.replace(' ', '_')}.pdf")
            times[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
    (folder / "warmup.pdf").unlink()
    print(f"advisor handout, {args.advisors:,} advisors, median of {args.repeat} alternating runs")
    for name in runs:
        size = (folder / f"{name.replace(' ', '_')}.pdf").stat().st_size
        print(f"  {name:12s} {statistics.median(times[name]):6.2f} s wall  {statistics.median(cpu[name]):6.2f} s CPU"
              f"  {pages[name]:4d} pages  {size / 1e6:5.2f} MB")
    ratio = statistics.median(times["ours"]) / statistics.median(times["plain Table"])
    cpu_ratio = statistics.median(cpu["ours"]) / statistics.median(cpu["plain Table"])
    size = (folder / "ours.pdf").stat().st_size
    print(f"  ratio ours / plain Table: {ratio:.2f} wall, {cpu_ratio:.2f} CPU (target ≤ 2.0)"
          f"   our file: {size / 1e6:.2f} MB (target < 1 MB)")
    if args.keep:
        print(f"  PDFs kept in {folder}")


if __name__ == "__main__":
    main()
