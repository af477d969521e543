"""The booklet of local activities (事例集) for the demo data: ours against a plain platypus
document of the same text and photos.

Usage: python benchmarks/bench_booklet.py [--scale 1] [--repeat 3] [--keep DIR]

- end to end: ``services.catalogue.booklet.write_booklet`` on the demo database (``sasaeai demo
  --scale N``, cached): the query of the published entries and consented photos, then the PDF.
  Target (issue 19): < 10 s.
- ours: ``io.pdf.booklet.write_booklet_pdf`` of the collected booklet (cover, contents with page
  numbers, every card measured and placed on half or a whole page, page numbers, the footer);
- baseline: the same texts as plain Paragraphs and the same JPEGs as platypus Images (from files,
  so reportlab embeds them as they are, as ours does), flowing in one ``SimpleDocTemplate``.

Runs alternate after a warm-up; medians, their ratio, pages and file sizes are printed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import demo_run
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.domain.booklet import Booklet
from sasaeai_desktop.services.catalogue.booklet import BookletOptions
from sasaeai_desktop.services.catalogue.booklet import collect
from sasaeai_desktop.services.catalogue.booklet import write_booklet


def ours(booklet: Booklet, path: Path) -> int:
    from sasaeai_desktop.io.pdf.booklet import write_booklet_pdf

    return write_booklet_pdf(path, booklet, footer="長野県健康福祉部介護支援課 026-235-7111")


def plain(booklet: Booklet, path: Path, photo_files: dict[int, Path]) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image
    from reportlab.platypus import PageBreak
    from reportlab.platypus import Paragraph
    from reportlab.platypus import SimpleDocTemplate

    from sasaeai_desktop.io.pdf.common import register_fonts
    from sasaeai_desktop.io.pdf.common import styles

    register_fonts()
    st = styles()
    story: list[object] = [Paragraph(booklet.title, st["title"]), Paragraph(booklet.year_label, st["subtitle"]), PageBreak()]
    for section in booklet.sections:
        story.append(Paragraph(section.name, st["heading"]))
        for e in section.entries:
            story.append(Paragraph(f"{e.kind} {e.name}", st["heading"]))
            story.append(Paragraph(f"{e.municipality} {e.area}", st["small"]))
            for p in e.photos:
                scale = min(55 * mm / p.width, 42 * mm / p.height)
                story.append(Image(str(photo_files[id(p)]), p.width * scale, p.height * scale))
            for text in (e.organiser, e.content, e.schedule, e.frequency, str(e.participants or ""), e.cost,
                         e.contact, e.description):
                if text:
                    story.append(Paragraph(text, st["body"]))
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build(story)
    return int(doc.page)


def main() -> None:
    args, db, folder = demo_run("booklet")
    with open_database(db) as ctx:
        booklet = collect(ctx.uow(), BookletOptions())
        photo_files: dict[int, Path] = {}
        for section in booklet.sections:
            for e in section.entries:
                for p in e.photos:
                    photo_files[id(p)] = folder / f"photo{len(photo_files)}.jpg"
                    photo_files[id(p)].write_bytes(p.jpeg)
        photos = len(photo_files)
        runs = {"end to end": lambda: write_booklet(ctx.uow(), folder / "service.pdf", BookletOptions()).pages,
                "ours": lambda: ours(booklet, folder / "ours.pdf"),
                "plain": lambda: plain(booklet, folder / "plain.pdf", photo_files)}
        times: dict[str, list[float]] = {k: [] for k in runs}
        cpu: dict[str, list[float]] = {k: [] for k in runs}
        pages: dict[str, int] = {}
        for fn in runs.values():
            fn()  # warm-up: fonts registered, modules imported
        for _ in range(args.repeat):
            for name, fn in runs.items():
                t0, c0 = time.perf_counter(), time.process_time()
                pages[name] = fn()
                times[name].append(time.perf_counter() - t0)
                cpu[name].append(time.process_time() - c0)
    print(f"booklet, demo scale {args.scale}: {booklet.entry_count} published activities, {photos} photos; "
          f"median of {args.repeat} alternating runs")
    for name, file in (("end to end", "service.pdf"), ("ours", "ours.pdf"), ("plain", "plain.pdf")):
        size = (folder / file).stat().st_size / 1024 / 1024
        print(f"  {name:10s} {statistics.median(times[name]):6.2f} s wall  {statistics.median(cpu[name]):6.2f} s CPU"
              f"  {pages[name]:4d} pages  {size:5.1f} MB")
    ratio = statistics.median(times["ours"]) / statistics.median(times["plain"])
    print(f"  ratio ours / plain platypus: {ratio:.2f} wall; end to end target < 10 s: "
          f"{'ok' if statistics.median(times['end to end']) < 10 else 'MISSED'}")
    print(f"  PDFs in {folder}")


if __name__ == "__main__":
    main()
