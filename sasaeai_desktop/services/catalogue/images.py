"""Turning a photo file into what the catalogue stores: a JPEG of at most 1600 px on its long side
and a thumbnail of at most 240 px, both as base64 text (see db/models/catalogue.py for why text).

The file is decoded with Pillow, turned upright by its EXIF orientation and saved again without
its metadata: a phone's photo carries the place it was taken (GPS) and the camera, which must not
travel into a booklet or a web site. JPEG and PNG are accepted; a transparent PNG is put on white.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sasaeai_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

MAX_SIDE = 1600
THUMB_SIDE = 240
MAX_FILE_BYTES = 40 * 1024 * 1024  # a camera's largest JPEG is well below this
_QUALITY, _THUMB_QUALITY = 82, 75
_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}  # MPO: what some cameras write as .jpg


@dataclass(frozen=True)
class PreparedImage:
    image: str  # base64 JPEG
    thumbnail: str  # base64 JPEG
    width: int
    height: int


def prepare(data: bytes, name: str = "写真") -> PreparedImage:
    """``data`` (the bytes of a JPEG or PNG file called ``name``) resized and re-encoded; a
    ``UserError`` naming the file for anything else (another format, a damaged or huge file)."""
    from PIL import Image
    from PIL import ImageOps
    from PIL import UnidentifiedImageError

    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"「{name}」は大きすぎます（{len(data) / 1024 / 1024:.0f} MB、{MAX_FILE_BYTES // 1024 // 1024} MBまで）。")
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in _FORMATS:
                raise UserError(f"「{name}」はJPEGかPNGの画像ではありません（{img.format or '不明な形式'}）。")
            img.draft("RGB", (MAX_SIDE, MAX_SIDE))  # a JPEG decodes at 1/2, 1/4 … of its size: faster
            upright = ImageOps.exif_transpose(img)
            rgb = _on_white(upright)
    except UserError:
        raise
    except Image.DecompressionBombError:
        raise UserError(f"「{name}」は画素数が多すぎて読み込めません。") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise UserError(f"「{name}」は画像として読み込めませんでした（JPEGかPNGのファイルを選んでください）。") from None
    return from_image(rgb)


def from_image(rgb: PilImage, quality: int = _QUALITY) -> PreparedImage:
    """An RGB picture as stored: at most ``MAX_SIDE`` px, JPEG, with its thumbnail (the demo
    draws its photos and stores them through this too)."""
    from PIL import Image

    rgb.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    width, height = rgb.size
    image = _jpeg(rgb, quality)
    small = rgb.copy()
    small.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return PreparedImage(image, _jpeg(small, _THUMB_QUALITY), width, height)


def _on_white(img: PilImage) -> PilImage:
    from PIL import Image

    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return img.convert("RGB")


def _jpeg(img: PilImage, quality: int) -> str:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return base64.b64encode(out.getvalue()).decode("ascii")


def decode(text: str) -> bytes:
    """The JPEG bytes of a stored image or thumbnail."""
    return base64.b64decode(text)
