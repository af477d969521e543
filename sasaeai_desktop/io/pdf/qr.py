"""QR codes in our PDFs: encoded once per content (zxing-cpp), drawn as one filled path in a form
XObject that the document reuses wherever the same code appears again.

reportlab's own QrCodeWidget encoded each code twice (once to measure, once to draw) and drew it
module by module as separate shapes: a 1,200-row sign-in sheet made ~530,000 shape objects and
took 30 s. Here a code is a handful of rectangles (one per run of dark modules in a row) filled in
a single operation, so no hairline seams appear between modules, and the output stays vector
(sharp at any printer resolution).

The encoder is zxing-cpp (C++; the full mask selection of the QR standard): segno, pure Python,
took 4.6–6.1 ms a code — 6–7 s for 1,200 codes alone, over the whole sheet's target — where
zxing-cpp takes 0.4 ms. The same package reads codes back in the tests.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

from reportlab.platypus import Flowable

__all__ = ["QUIET_ZONE", "QrCode", "draw_qr", "matrix", "path_operators"]

QUIET_ZONE = 4  # modules of white border on each side, as the QR standard asks (and the old widget drew)


def _modules(value: str, error: str) -> tuple[int, bytes]:
    """(modules per side without the quiet zone, one byte a module row by row from the top, 0 = dark)."""
    import zxingcpp

    code = zxingcpp.create_barcode(value, zxingcpp.BarcodeFormat.QRCode, ec_level=error)
    image = code.to_image(scale=1, add_quiet_zones=False)
    # zxingcpp's stub leaves out the buffer protocol its Image has (one byte a pixel).
    return image.shape[0], memoryview(image).tobytes()  # type: ignore[arg-type]


def matrix(value: str, error: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The code's modules, row by row from the top, quiet zone included (True = dark)."""
    side, pixels = _modules(value, error)
    blank = (False,) * (side + 2 * QUIET_ZONE)
    pad = (False,) * QUIET_ZONE
    body = [pad + tuple(b == 0 for b in pixels[y * side:(y + 1) * side]) + pad for y in range(side)]
    return (blank,) * QUIET_ZONE + tuple(body) + (blank,) * QUIET_ZONE


_DARK_RUN = re.compile(rb"\x00+")


@lru_cache(maxsize=4096)
def path_operators(value: str, error: str = "M") -> tuple[int, str]:
    """(modules per side with the quiet zone, the PDF path that fills the dark modules): one
    ``re`` a run of dark modules in a row, in module units with y going up, closed by one fill.
    Cached per content: a code printed again (a second day's sheet) is not encoded again."""
    side, pixels = _modules(value, error)
    n = side + 2 * QUIET_ZONE
    ops = []
    for y in range(side):
        row_y = n - 1 - (y + QUIET_ZONE)  # PDF's y goes up: the top row is the highest
        for run in _DARK_RUN.finditer(pixels, y * side, (y + 1) * side):
            ops.append(f"{run.start() - y * side + QUIET_ZONE} {row_y} {run.end() - run.start()} 1 re")
    ops.append("f")
    return n, "\n".join(ops)


def _form_name(value: str, error: str) -> str:
    return "qr" + hashlib.blake2s(f"{error}\0{value}".encode(), digest_size=10).hexdigest()


def draw_qr(canv: Any, value: str, x: float, y: float, size: float, error: str = "M") -> None:
    """Draw the code with its lower-left corner at (x, y), ``size`` points square (quiet zone
    included). The first use in a document defines the form; later ones only reference it."""
    from reportlab.lib import colors

    n, path = path_operators(value, error)
    name = _form_name(value, error)
    if not canv.hasForm(name):
        canv.beginForm(name, lowerx=0, lowery=0, upperx=n, uppery=n)
        canv.setFillColor(colors.black)
        canv.addLiteral(path)  # the path as written above: canvas path objects cost ~1 ms a code
        canv.endForm()
    canv.saveState()
    canv.translate(x, y)
    canv.scale(size / n, size / n)
    canv.doForm(name)
    canv.restoreState()


class QrCode(Flowable):
    """A QR code as a platypus flowable, ``size`` points square."""

    def __init__(self, value: str, size: float, error: str = "M") -> None:
        super().__init__()
        self.value, self.size, self.error = value, size, error
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.value, 0, 0, self.size, self.error)


class QrWithLabel(Flowable):
    """A code and a short label to its right, both centred on the same middle line: what a
    one-row Table of the two (no side padding, reportlab's 3 pt above and below) drew, without a
    nested Table's layout on every row of a 1,200-row sheet."""

    PAD = 3.0  # reportlab Table's default top and bottom cell padding, kept so rows stay as tall

    def __init__(self, value: str, size: float, label: Flowable, qr_column: float, label_column: float) -> None:
        super().__init__()
        self.value, self.size, self.label = value, size, label
        self.qr_column, self.label_column = qr_column, label_column
        self._label_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._label_height = self.label.wrap(self.label_column, availHeight)[1]
        self.width = self.qr_column + self.label_column
        self.height = max(self.size, self._label_height) + 2 * self.PAD
        return self.width, self.height

    def draw(self) -> None:
        inner = self.height - 2 * self.PAD
        draw_qr(self.canv, self.value, 0, self.PAD + (inner - self.size) / 2, self.size)
        self.label.drawOn(self.canv, self.qr_column, self.PAD + (inner - self._label_height) / 2)
