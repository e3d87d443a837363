"""Qt-free core: document model, NLP pipeline, import/export.

Nothing under this package may import Qt; an import-linter contract in
pyproject.toml and tests/core/test_no_qt.py enforce it.
"""
