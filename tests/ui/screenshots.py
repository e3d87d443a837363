"""Run `python -m desktop FILE --screenshot OUT.png` offscreen and inspect the picture."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from tests.ui.fakes import REPO


def run_screenshot(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def has_colour(image: QImage, colour: str) -> bool:
    """Whether any pixel has exactly this colour (highlight backgrounds are flat fills)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    wanted = QColor(colour)
    needle = bytes((wanted.red(), wanted.green(), wanted.blue()))
    data = bytes(rgb.constBits())
    stride = rgb.bytesPerLine()
    return any(needle in data[row * stride : row * stride + rgb.width() * 3] for row in range(rgb.height()))
