"""The core must import and work without PySide6 (DESIGN.md: Qt-free core)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_core_imports_without_qt_available() -> None:
    # Block every Qt binding at import time, then import all of desktop.core.
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'shiboken6', 'qtawesome', 'qtpy', 'PyQt5', 'PyQt6'):
                    raise ImportError('Qt is blocked in this test: ' + name)
        sys.meta_path.insert(0, Block())
        import desktop.core
        for module in pkgutil.walk_packages(desktop.core.__path__, 'desktop.core.'):
            importlib.import_module(module.name)
        loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]
        assert not loaded, loaded
        print('ok')
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_linter_contract_is_kept() -> None:
    from importlinter.cli import lint_imports

    assert lint_imports() == 0
