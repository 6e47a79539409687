"""Shared test set-up: the hypothesis profiles and the seed-story fixture."""

from __future__ import annotations

import importlib.util
import os

import pytest
from hypothesis import HealthCheck, settings

from _support import REAL_DATA, REAL_SUMMARY, ROOT

# "ci" (the default under CI=true) bounds the run time; "dev" is the everyday profile;
# "thorough" is for long local runs: HYPOTHESIS_PROFILE=thorough pytest
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)


def load_hama_example() -> list[object]:
    """The records of the seed story (examples/hama_2024.py)."""
    spec = importlib.util.spec_from_file_location("hama_2024", ROOT / "examples" / "hama_2024.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records: list[object] = module.build()
    return records


@pytest.fixture
def hama_records() -> list[object]:
    """The records of the seed story."""
    return load_hama_example()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Per real file: the format, rows read, rows refused and warnings by code."""
    if REAL_SUMMARY:
        terminalreporter.section(f"real data ({REAL_DATA})")
        for name, line in sorted(REAL_SUMMARY.items()):
            terminalreporter.write_line(f"{name:70} {line}")
