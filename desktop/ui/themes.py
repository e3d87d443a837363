"""Light and dark themes: follow the system by default, or what the reader chose (View > Theme)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.core.resources import resource_path

THEMES = ("system", "light", "dark")
STYLESHEETS = {"light": "style.qss", "dark": "style-dark.qss"}


def effective_theme(choice: str) -> str:
    """light or dark: "system" asks the platform (light when it does not say)."""
    if choice in ("light", "dark"):
        return choice
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def stylesheet(theme: str) -> str:
    path = resource_path(STYLESHEETS[theme])
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#22252a",
        QPalette.ColorRole.WindowText: "#e6e4df",
        QPalette.ColorRole.Base: "#1a1c20",
        QPalette.ColorRole.AlternateBase: "#23262b",
        QPalette.ColorRole.Text: "#e6e4df",
        QPalette.ColorRole.Button: "#2c3036",
        QPalette.ColorRole.ButtonText: "#e6e4df",
        QPalette.ColorRole.ToolTipBase: "#2c3036",
        QPalette.ColorRole.ToolTipText: "#e6e4df",
        QPalette.ColorRole.Highlight: "#3d7cc9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8b8f96",
        QPalette.ColorRole.Link: "#7fb2f0",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b6f76"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b6f76"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#6b6f76"))
    return palette


def apply_theme(app: QApplication, choice: str) -> str:
    """Palette and stylesheet for the chosen theme; returns the theme applied (light or dark)."""
    theme = effective_theme(choice)
    app.setPalette(_dark_palette() if theme == "dark" else app.style().standardPalette())
    app.setStyleSheet(stylesheet(theme))
    return theme
