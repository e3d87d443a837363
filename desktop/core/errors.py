"""The one exception type the core raises for bad input; its message is for the user."""


class DossierError(Exception):
    """A problem the user can act on: the message names the file and what is wrong."""
