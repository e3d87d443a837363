"""Figures for docs/packaging.md: bundle sizes, largest parts, and launch times of the frozen app.

`python packaging/measure.py [--runs 5]` after `python packaging/build.py`. The app runs
from a copy of the unpacked tarball with an empty environment, offscreen, as in
tests/packaging. A --screenshot launch ends once the seed article is analysed,
highlighted and painted. When Xvfb and xwininfo are installed, the time until
the window is mapped on a virtual X screen (xcb, as on a desktop) is measured too.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "kim-jong-un-leaves-russia.txt"


def file_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(internal: Path, count: int) -> list[tuple[str, int]]:
    """Top-level entries of _internal (a package, a library) by size."""
    sizes = [(entry.name, file_bytes(entry)) for entry in internal.iterdir() if not entry.is_symlink()]
    return sorted(sizes, key=lambda item: -item[1])[:count]


def timed_run(app: Path, args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one run of the app."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [str(app), *args],
        cwd=cwd,
        env={"HOME": str(cwd), "QT_QPA_PLATFORM": "offscreen"},
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def window_shown_after(app: Path, cwd: Path, display: str) -> float:
    """Seconds from launch until a top-level window titled Dossier is viewable on the X display."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(app), str(SEED)],
        cwd=cwd,
        env={"HOME": str(cwd), "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while process.poll() is None:
            tree = subprocess.run(
                ["xwininfo", "-display", display, "-root", "-children"], capture_output=True, text=True
            ).stdout
            if '"Dossier' in tree:
                windows = [line.split()[0] for line in tree.splitlines() if '"Dossier' in line]
                states = [
                    subprocess.run(
                        ["xwininfo", "-display", display, "-id", window], capture_output=True, text=True
                    ).stdout
                    for window in windows
                ]
                if any("IsViewable" in state for state in states):
                    return time.perf_counter() - started
            time.sleep(0.02)
        raise RuntimeError(f"Dossier exited ({process.returncode}) before showing a window")
    finally:
        process.terminate()
        process.wait(timeout=30)


def window_timings(app: Path, cwd: Path, runs: int) -> list[float] | None:
    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        return None
    display = ":87"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
    try:
        time.sleep(1.5)
        return [window_shown_after(app, cwd, display) for _ in range(runs)]
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(label: str, runs: list[tuple[float, float]]) -> None:
    walls = [wall for wall, _ in runs]
    cpus = [cpu for _, cpu in runs]
    print(
        f"{label}: median {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
        f"(walls {', '.join(f'{w:.2f}' for w in walls)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import desktop

    tarball = ROOT / "dist" / f"Dossier-{desktop.__version__}-linux-{platform.machine()}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="dossier-measure-") as scratch:
        work = Path(scratch)
        with tarfile.open(tarball) as tar:
            tar.extractall(work, filter="data")
        bundle = work / "Dossier"
        app = bundle / "Dossier"
        print(f"unpacked: {file_bytes(bundle) / 1e6:.0f} MB; .tar.gz: {tarball.stat().st_size / 1e6:.0f} MB")
        for name, size in largest_parts(bundle / "_internal", 5):
            print(f"  {name}: {size / 1e6:.1f} MB")
        print(f"load before: {os.getloadavg()[0]:.2f} (1-min average, {os.cpu_count()} CPUs)")
        report("--version", [timed_run(app, ["--version"], work) for _ in range(args.runs)])
        shot = str(work / "shot.png")
        report(
            "window on the seed, analysed (--screenshot)",
            [timed_run(app, [str(SEED), "--screenshot", shot], work) for _ in range(args.runs)],
        )
        shown = window_timings(app, work, args.runs)
        if shown is not None:
            print(
                f"window shown on the seed (Xvfb): median {statistics.median(shown):.2f} s wall "
                f"(walls {', '.join(f'{w:.2f}' for w in shown)})"
            )
        out = str(work / "seed.json")
        report(
            "annotate the seed",
            [timed_run(app, ["annotate", str(SEED), "-o", out], work) for _ in range(args.runs)],
        )
        print(f"load after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
