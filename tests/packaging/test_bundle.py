"""The standalone app, as a user gets it: build, unpack the .tar.gz elsewhere, run with an empty environment.

Slow (a PyInstaller build): runs only with DOSSIER_TEST_BUNDLE=1, as .ci/run does.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import desktop
from desktop.core.annotated_json import load_document
from desktop.core.model import Document
from tests.conftest import ROOT, SEED_ARTICLE

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(os.environ.get("DOSSIER_TEST_BUNDLE") != "1", reason="set DOSSIER_TEST_BUNDLE=1"),
]

TARBALL = ROOT / "dist" / f"Dossier-{desktop.__version__}-linux-{platform.machine()}.tar.gz"
MAX_UNPACKED_BYTES = 300e6
MAX_TARBALL_BYTES = 130e6


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Dossier executable unpacked from a fresh build's tarball, away from the checkout."""
    build = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    unpacked = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(TARBALL) as tar:
        tar.extractall(unpacked, filter="data")
    return unpacked / "Dossier" / "Dossier"


def run_app(app: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Like `env -i HOME=… QT_QPA_PLATFORM=offscreen Dossier …`: no PATH, no venv, no PYTHONPATH."""
    home = cwd / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [str(app), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )


def mention_spans(document: Document) -> set[tuple[int, int, str]]:
    return {(m.start, m.end, m.label) for m in document.mentions}


def test_prints_its_version(app: Path, tmp_path: Path) -> None:
    result = run_app(app, "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Dossier {desktop.__version__}"


def test_annotates_like_the_unfrozen_cli(app: Path, tmp_path: Path) -> None:
    frozen_out, source_out = tmp_path / "frozen.json", tmp_path / "source.json"
    frozen = run_app(app, "annotate", str(SEED_ARTICLE), "-o", str(frozen_out), cwd=tmp_path)
    assert frozen.returncode == 0, frozen.stderr
    source = subprocess.run(
        [sys.executable, "-m", "desktop", "annotate", str(SEED_ARTICLE), "-o", str(source_out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert source.returncode == 0, source.stderr
    frozen_doc, source_doc = load_document(frozen_out), load_document(source_out)  # validate the schema
    assert frozen_doc.pipeline == source_doc.pipeline
    assert mention_spans(frozen_doc) == mention_spans(source_doc)
    assert len(frozen_doc.mentions) > 50
    assert {(e.name, e.label) for e in frozen_doc.entities} == {
        (e.name, e.label) for e in source_doc.entities
    }
    assert [(q.start, q.end) for q in frozen_doc.quotes] == [(q.start, q.end) for q in source_doc.quotes]


def test_reads_a_saved_web_page(app: Path, tmp_path: Path) -> None:
    """trafilatura, justext's stoplists and lxml are collected: a page gives its article text."""
    paragraphs = SEED_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Kim leaves Russia</title></head><body><nav>Home | World</nav><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article><footer>© News</footer></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "page.json"
    result = run_app(app, "annotate", str(page), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = load_document(out)
    assert "Kim Jong Un" in document.text and "Home | World" not in document.text
    assert any(e.name == "Kim Jong Un" for e in document.entities)


def test_screenshot_of_the_reader_is_not_blank(app: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = run_app(app, str(SEED_ARTICLE), "--screenshot", str(shot), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 400 and image.height() >= 300
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 80))
        for y in range(0, image.height(), max(1, image.height() // 60))
    }
    assert len(colours) >= 16  # text, highlights in several colours, panels; a blank window has one or two


def test_bundle_holds_what_dossier_needs_and_nothing_it_does_not(app: Path) -> None:
    internal = app.parent / "_internal"
    assert (internal / "resources" / "dossier.schema.json").is_file()
    assert (internal / "seeds" / SEED_ARTICLE.name).is_file()
    assert list(internal.glob("en_core_web_sm*.dist-info/METADATA")), "spacy.load by name needs the metadata"
    assert list((internal / "qtawesome" / "fonts").glob("*.ttf"))
    for unused in ("sklearn", "scipy", "textacy", "torch", "tkinter", "pytest", "PySide6/Qt/translations"):
        assert not (internal / unused).exists(), f"{unused} should not be bundled"
    for desktop_file in ("dossier.desktop", "dossier.png", "install.sh"):
        assert (app.parent / desktop_file).is_file()


def test_download_stays_small(app: Path) -> None:
    unpacked = sum(p.stat().st_size for p in app.parent.rglob("*") if p.is_file() and not p.is_symlink())
    assert unpacked <= MAX_UNPACKED_BYTES, f"{unpacked / 1e6:.0f} MB unpacked"
    assert TARBALL.stat().st_size <= MAX_TARBALL_BYTES, f"{TARBALL.stat().st_size / 1e6:.0f} MB .tar.gz"
