"""修了証書 for 500 attendees: target under 5 s. Baseline in the same run: the same 500 pages
laid out as platypus flowables (Paragraphs + PageBreak) through io.pdf.common.build_pdf.

    python benchmarks/bench_certificates.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from reportlab.platypus import PageBreak
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Spacer

    from sasaeai_desktop.io.pdf.common import build_pdf
    from sasaeai_desktop.io.pdf.common import register_fonts
    from sasaeai_desktop.io.pdf.common import styles
    from sasaeai_desktop.io.pdf.trainings import CertificateText
    from sasaeai_desktop.io.pdf.trainings import write_certificates

    register_fonts()
    body = "あなたは令和7年7月1日から令和7年7月2日までに開催された「令和7年度 生活支援コーディネーター養成研修（初任者編）」の全課程を修了したことを証します。"
    certs = [CertificateText(f"受講 者{i:03d}", body, "令和7年7月2日", "長野県知事", f"第 {i} 号") for i in range(1, 501)]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        pages = write_certificates(Path(tmp) / "c.pdf", "養成研修", certs)
        ours = time.perf_counter() - t0
        size = (Path(tmp) / "c.pdf").stat().st_size
        st = styles()
        story = []
        for c in certs:
            story += [Paragraph("修了証書", st["title"]), Spacer(1, 30), Paragraph(f"{c.name}　殿", st["title"]),
                      Spacer(1, 30), Paragraph(c.body, st["body"]), Paragraph(c.date_text, st["body"]),
                      Paragraph(c.issuer, st["right"]), PageBreak()]
        t0 = time.perf_counter()
        build_pdf(Path(tmp) / "b.pdf", story, title="baseline", subject="baseline")
        base = time.perf_counter() - t0
    print(f"certificates: {pages} pages in {ours:.2f} s ({size / 1e6:.1f} MB) — target < 5 s: {'OK' if ours < 5 else 'MISSED'}")
    print(f"baseline (platypus flowables): {base:.2f} s — ours is {base / ours:.1f}x faster")


if __name__ == "__main__":
    main()
