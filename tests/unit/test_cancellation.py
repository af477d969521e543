"""中止 reaches the PDF writers between pages: nothing of the file is left, and outside a task
(the command line) nothing is current, so nothing stops."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph

from sasaeai_desktop import cancellation
from sasaeai_desktop.io.pdf.common import build_pdf
from sasaeai_desktop.io.pdf.common import styles
from sasaeai_desktop.io.pdf.trainings import CertificateText
from sasaeai_desktop.io.pdf.trainings import NameCard
from sasaeai_desktop.io.pdf.trainings import write_certificates
from sasaeai_desktop.io.pdf.trainings import write_name_cards


class _PressStopAfter(Flowable):
    """Takes no room; laid out as the n-th flowable, it presses 中止 (as the window's button would)."""

    def __init__(self, event: threading.Event) -> None:
        super().__init__()
        self.event = event

    def wrap(self, *_args: Any) -> tuple[float, float]:
        self.event.set()
        return (0, 0)

    def draw(self) -> None:
        pass


def _story(event: threading.Event) -> list[Flowable]:
    lines = [Paragraph(f"{i}行目の文章です。", styles()["body"]) for i in range(400)]
    return lines[:150] + [_PressStopAfter(event)] + lines[150:]


def test_a_pressed_stop_ends_build_pdf_between_flowables_and_leaves_no_file(tmp_path: Path) -> None:
    event = threading.Event()
    out = tmp_path / "一覧.pdf"
    with cancellation.abort_on(event), pytest.raises(cancellation.Cancelled):
        build_pdf(out, _story(event), title="一覧", subject="試験")
    assert list(tmp_path.iterdir()) == []


def test_without_a_task_nothing_stops(tmp_path: Path) -> None:
    event = threading.Event()
    assert build_pdf(tmp_path / "一覧.pdf", _story(event), title="一覧", subject="試験") > 1
    assert cancellation.current() is None  # nothing current: no Cancelled even though the flowable set its own event


@pytest.mark.parametrize("write", [
    lambda p: write_name_cards(p, "研修", [NameCard("山田 花子", "やまだ はなこ", "長野市", "社協")] * 20),
    lambda p: write_certificates(p, "研修", [CertificateText("山田 花子", "修了しました。", "令和8年4月1日", "知事")] * 3),
])
def test_canvas_writers_stop_too(tmp_path: Path, write: Callable[[Path], int]) -> None:
    event = threading.Event()
    event.set()
    with cancellation.abort_on(event), pytest.raises(cancellation.Cancelled):
        write(tmp_path / "out.pdf")
    assert list(tmp_path.iterdir()) == []
