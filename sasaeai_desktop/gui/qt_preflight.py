"""Can Qt show a window here? Asked before the QApplication exists, because Qt cannot say it.

On Linux, Qt picks its X11 platform plugin (libqxcb.so) and, when a library that plugin needs is
missing, prints a misleading line about xcb-cursor0 and aborts the process (signal 6): the user
sees a crash, not a cause. The same abort follows when DISPLAY names an X server that does not
answer. So before creating the QApplication the program looks for itself: it loads the plugin
(ctypes; Qt would load it next anyway) and, when that fails, lists every missing library with
``ldd``; then a test connection to the display through libxcb (~0.004 s). What is missing is said in
Japanese with the Debian/Ubuntu packages to install, and the window is not attempted (exit 2).

Only on Linux and only when Qt would use xcb: QT_QPA_PLATFORM unset or ``xcb``, and no Wayland
session that Qt would take instead. offscreen (tests, screenshots on a server) is never checked.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

PLATFORM_ENV = "QT_QPA_PLATFORM"
XCB_PLUGIN = "libqxcb.so"
README_SECTION = "README.md「Linux で必要なパッケージ」"
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_DLOPEN_MISSING = re.compile(r"(\S+\.so[\.\d]*): cannot open shared object file")
_SONAME = re.compile(r"^(lib.+?)\.so\.([\d.]+)$")


@dataclass(frozen=True)
class QtPlatformReport:
    """What Qt would use and whether it can start; ``problem`` is None when it can."""

    platform: str
    plugin: Path | None = None
    missing: tuple[str, ...] = ()
    problem: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.problem is None


def platform_in_use(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The platform Qt will choose: QT_QPA_PLATFORM, else what the platform's default would be."""
    env = os.environ if environ is None else environ
    chosen = env.get(PLATFORM_ENV, "").split(":", 1)[0].strip()
    if chosen:
        return chosen
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    if env.get("WAYLAND_DISPLAY") and _plugin_file("libqwayland") is not None:
        return "wayland"
    return "xcb"


def _qt_path(kind: str) -> Path:
    from PySide6.QtCore import QLibraryInfo  # QtCore alone starts nothing and cannot abort

    from sasaeai_desktop.gui.qt_japanese import use_japanese_dates_in_qt

    use_japanese_dates_in_qt()  # QLibraryInfo fixes the process's time locale: Japanese first
    return Path(QLibraryInfo.path(getattr(QLibraryInfo.LibraryPath, kind)))


def plugins_dir() -> Path:
    """Qt's plugin folder as Qt itself will look for it (also inside a frozen build)."""
    return _qt_path("PluginsPath")


def xcb_plugin_path() -> Path | None:
    return _plugin_file(XCB_PLUGIN.removesuffix(".so"))


def _plugin_file(stem: str) -> Path | None:
    folder = plugins_dir() / "platforms"
    for candidate in (folder / f"{stem}.so", *folder.glob(f"{stem}*.so")):
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs that the dynamic linker cannot find, by file name.

    First a plain load (what Qt is about to do anyway: ~0.02 s that Qt then does not spend), and
    only when that fails ``ldd``, which lists every missing library, not just the first."""
    try:
        ctypes.CDLL(str(library), mode=getattr(os, "RTLD_LAZY", 0))
        return []
    except OSError as exc:
        first = _DLOPEN_MISSING.search(str(exc))
        error = str(exc)
    listed = _ldd_missing(library)
    if listed:
        return listed
    return [first.group(1)] if first else [error]


def _ldd_missing(library: Path) -> list[str]:
    ldd = shutil.which("ldd")
    if not ldd:
        return []
    try:
        done = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(set(_NOT_FOUND.findall(done.stdout)))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships a library: libxcb-icccm.so.4 → libxcb-icccm4,
    libxkbcommon-x11.so.0 → libxkbcommon-x11-0 (Debian's naming rule for shared libraries)."""
    found = _SONAME.match(soname)
    if not found:
        return soname
    stem, version = found.group(1).lower(), found.group(2).split(".")[0]
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"


def display_answers(display: str) -> bool | None:
    """Does the X server named by ``display`` accept a connection? None when libxcb cannot be
    loaded to ask (the library check has then already said so)."""
    name = ctypes.util.find_library("xcb") or "libxcb.so.1"
    try:
        xcb = ctypes.CDLL(name)
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)  # also frees a connection that failed (xcb's own rule)


def check_qt_platform(environ: dict[str, str] | None = None) -> QtPlatformReport:
    """What ``sasaeai doctor`` reports and what the window checks before it starts."""
    env = dict(os.environ) if environ is None else environ
    platform = platform_in_use(env)
    if not sys.platform.startswith("linux") or platform != "xcb":
        return QtPlatformReport(platform=platform, notes=(_platform_note(platform),))
    display = env.get("DISPLAY", "")
    if not display:
        return QtPlatformReport(
            platform=platform,
            problem=(
                "画面が見つかりません（環境変数 DISPLAY がありません）。ウィンドウはデスクトップの中で開いてください。"
                "画面を使わないコマンド（sasaeai init、export、pdf など）はこのまま使えます。"
            ),
        )
    plugin = xcb_plugin_path()
    if plugin is None:
        return QtPlatformReport(
            platform=platform,
            problem=f"Qt の画面部品（{XCB_PLUGIN}）が「{plugins_dir() / 'platforms'}」にありません。PySide6 を入れ直してください。",
        )
    missing = tuple(missing_libraries(plugin))
    if missing:
        return QtPlatformReport(platform=platform, plugin=plugin, missing=missing, problem=missing_message(missing))
    if display_answers(display) is False:
        return QtPlatformReport(
            platform=platform,
            plugin=plugin,
            problem=(
                f"画面（X サーバー「{display}」）に接続できません。デスクトップにログインした状態で起動してください"
                "（リモート接続なら X の転送の設定を確かめてください）。"
            ),
        )
    return QtPlatformReport(platform=platform, plugin=plugin, notes=(f"X サーバー「{display}」",))


def missing_message(missing: tuple[str, ...] | list[str]) -> str:
    packages = " ".join(dict.fromkeys(debian_package(name) for name in missing))
    return (
        "ウィンドウを開けません: Qt が画面を表示するのに必要なライブラリがありません: "
        f"{', '.join(missing)}。\n"
        f"Debian / Ubuntu では次のコマンドで入れられます: sudo apt-get install {packages}\n"
        f"（必要なパッケージの一覧: {README_SECTION}）。"
        "画面を使わないコマンド（sasaeai init、export、pdf など）はこのまま使えます。"
    )


def _platform_note(platform: str) -> str:
    return {"offscreen": "画面なし（offscreen）", "wayland": "Wayland", "windows": "Windows", "cocoa": "macOS"}.get(platform, platform)


def japanese_translation() -> Path | None:
    """Qt's own Japanese strings (はい/いいえ, キャンセル, the file dialog), where Qt will look."""
    found = _qt_path("TranslationsPath") / "qtbase_ja.qm"
    return found if found.is_file() else None
