"""The NLP pipeline: spaCy's English model plus Dossier's own components."""
