"""Dossier: a desktop news reader that highlights and extracts who, what and how many."""

__version__ = "0.1.0"
