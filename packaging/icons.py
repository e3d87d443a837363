"""Render the app icon from one SVG into the formats each platform's bundle needs.

Qt does it (QtSvg plus its ico/icns image writers), so the build needs no
image tool beyond what Dossier already depends on.
"""

from __future__ import annotations

import os
from pathlib import Path

SIZE = 256


def render_icons(svg: Path, out_dir: Path) -> dict[str, Path]:
    """Write dossier.png (256 px, for Linux), .ico (Windows) and .icns (macOS); return them by suffix."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()

    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for suffix in ("png", "ico", "icns"):
        path = out_dir / f"dossier.{suffix}"
        writer = QImageWriter(str(path), suffix.encode())
        if not writer.write(image):
            raise RuntimeError(f"could not write {path}: {writer.errorString()}")
        written[suffix] = path
    return written
