"""Build the standalone Dossier app: `python packaging/build.py [--deb]`.

Runs PyInstaller on packaging/dossier.spec (dist/Dossier/, or dist/Dossier.app on
macOS), strips the spaCy extension modules on Linux, adds the desktop
integration files and writes dist/Dossier-VERSION-linux-x86_64.tar.gz (and with
--deb a .deb for /opt/dossier). Run it with the Python of the environment to
freeze (the project's .venv with PyInstaller installed).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "Dossier"

# Their compiled modules carry symbols worth ~100 MB (the spaCy stack) or ~3 MB (the
# others, each exercised by tests/packaging); strip only these: `strip` on every
# library (PyInstaller's --strip) breaks numpy's OpenBLAS.
STRIPPABLE_PACKAGES = (
    *("spacy", "thinc", "blis", "srsly", "cymem", "preshed", "murmurhash"),
    *("regex", "wrapt", "text_to_num"),
)
# A Python built from source (pyenv) ships libpython and lib-dynload with debug info
# (~30 MB); Debian's are stripped already. Only the debug sections go.
INTERPRETER_GLOBS = ("libpython3*.so*", "python3*/lib-dynload/*.so")
# Debian packages Qt's xcb platform needs (the same list as the Makefile's system-deps).
DEB_DEPENDS = (
    "libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxkbcommon-x11-0, libegl1, libgl1, "
    "libfontconfig1, libdbus-1-3"
)


def version() -> str:
    sys.path.insert(0, str(ROOT))
    import desktop

    return desktop.__version__


def run_pyinstaller() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(PACKAGING / "dossier.spec"),
        ],
        check=True,
        cwd=ROOT,
    )


def strip_libraries(internal: Path) -> int:
    """Strip the spaCy stack's extension modules and the interpreter's debug info; return bytes saved."""
    extensions = [lib for package in STRIPPABLE_PACKAGES for lib in (internal / package).rglob("*.so")]
    interpreter = [
        lib for pattern in INTERPRETER_GLOBS for lib in internal.glob(pattern) if not lib.is_symlink()
    ]
    before = sum(lib.stat().st_size for lib in extensions + interpreter)
    subprocess.run(["strip", "--strip-unneeded", *map(str, extensions)], check=True)
    subprocess.run(["strip", "--strip-debug", *map(str, interpreter)], check=True)
    return before - sum(lib.stat().st_size for lib in extensions + interpreter)


def add_desktop_integration(bundle: Path) -> None:
    """The .desktop entry, icons and per-user installer go beside the executable."""
    for name in ("dossier.desktop", "install.sh"):
        shutil.copy2(PACKAGING / name, bundle / name)
    shutil.copy2(ROOT / "resources" / "icons" / "dossier.svg", bundle / "dossier.svg")
    shutil.copy2(ROOT / "build" / "icons" / "dossier.png", bundle / "dossier.png")


def _normalized(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """Same owner and, with SOURCE_DATE_EPOCH, same times on every build."""
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    if "SOURCE_DATE_EPOCH" in os.environ:
        info.mtime = int(os.environ["SOURCE_DATE_EPOCH"])
    return info


def make_tarball(bundle: Path, out: Path) -> None:
    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        for path in sorted([bundle, *bundle.rglob("*")]):
            tar.add(
                path, arcname=path.relative_to(bundle.parent).as_posix(), recursive=False, filter=_normalized
            )


def make_deb(bundle: Path, version_: str, out: Path) -> None:
    """A .deb that installs the folder in /opt/dossier with a menu entry and /usr/bin/dossier."""
    stage = ROOT / "build" / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle, stage / "opt" / "dossier", symlinks=True, copy_function=os.link)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "dossier").symlink_to("/opt/dossier/Dossier")
    for sub, name in (("applications", "dossier.desktop"), ("icons/hicolor/256x256/apps", "dossier.png")):
        (stage / "usr" / "share" / sub).mkdir(parents=True)
        shutil.copy2(bundle / name, stage / "usr" / "share" / sub / name)
    (stage / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(bundle / "dossier.svg", stage / "usr/share/icons/hicolor/scalable/apps/dossier.svg")
    installed_kib = (
        sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    )
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(
        f"Package: dossier\nVersion: {version_}\nArchitecture: amd64\nMaintainer: Dossier developers\n"
        f"Installed-Size: {installed_kib}\nDepends: {DEB_DEPENDS}\nSection: text\nPriority: optional\n"
        "Description: desktop news reader that highlights who, what and how many\n"
        " Highlights people, organizations, places, weapons and numbers in an article,\n"
        " lists quoted sources and facts, and exports annotated JSON. Runs offline.\n",
        encoding="utf-8",
    )
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(stage), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _megabytes(path: Path) -> str:
    if path.is_file():
        return f"{path.stat().st_size / 1e6:.0f} MB"
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return f"{size / 1e6:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deb", action="store_true", help="also build a .deb with dpkg-deb (Linux)")
    args = parser.parse_args()
    version_ = version()
    started = time.monotonic()
    run_pyinstaller()
    if sys.platform != "linux":
        print(f"Built {DIST}; the tarball, stripping and .deb steps are Linux only.")
        return 0
    saved = strip_libraries(BUNDLE / "_internal")
    add_desktop_integration(BUNDLE)
    tarball = DIST / f"Dossier-{version_}-linux-{platform.machine()}.tar.gz"
    make_tarball(BUNDLE, tarball)
    print(f"{BUNDLE}: {_megabytes(BUNDLE)} (strip saved {saved / 1e6:.0f} MB)")
    print(f"{tarball}: {_megabytes(tarball)}")
    if args.deb:
        deb = DIST / f"dossier_{version_}_amd64.deb"
        make_deb(BUNDLE, version_, deb)
        print(f"{deb}: {_megabytes(deb)}")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
