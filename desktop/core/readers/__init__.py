"""One module per article format; each has ``read(path, raw, limit) -> Article``.

Called through ``desktop.core.articles.read_article``, which does the shared
checks and imports these modules only when a file of their kind is opened.
"""
