"""The benchmark scripts run (on tiny inputs); their figures are not asserted."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.model
def test_speed_benchmark_runs_on_a_tiny_input() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "speed.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "× raw spaCy" in result.stdout
    assert "Cold start: launch → window shown" in result.stdout
    assert "1,500 words in the reader: interactions" in result.stdout


@pytest.mark.model
def test_the_cold_start_alone_is_printed_and_the_report_kept(tmp_path) -> None:
    report = tmp_path / "benchmarks.md"
    speed = str(ROOT / "benchmarks" / "speed.py")
    result = subprocess.run(
        [sys.executable, speed, "--cold-start-only", "--runs", "1", "--out", str(report)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Cold start: launch → seed article highlighted" in result.stdout
    assert "load average" in result.stdout
    assert not report.exists()
