"""Importing conflictevents.codes reads no data file; the files ship with the package."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources


def test_import_reads_no_file() -> None:
    script = (
        "import importlib.resources as r\n"
        "calls = []\n"
        "real = r.files\n"
        "r.files = lambda *a, **k: calls.append(a) or real(*a, **k)\n"
        "import conflictevents.codes as c\n"
        "from conflictevents.codes import _loader, acled, cameo, crosswalks, plover\n"
        "assert _loader.read_count() == 0, _loader.read_count()\n"
        "assert cameo._events.cache_info().currsize == 0\n"
        "assert not [a for a in calls if a and str(a[0]).startswith('conflictevents.codes')]\n"
        "cameo.event('010')\n"
        "n = _loader.read_count()\n"
        "assert n == 2, n\n"
        "cameo.event('193'); list(cameo.events())\n"
        "assert _loader.read_count() == n\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_data_files_are_package_resources() -> None:
    data = resources.files("conflictevents.codes").joinpath("data")
    names = {p.name for p in data.iterdir()}
    for expected in (
        "cameo_events.csv", "cameo_quad_classes.csv", "cameo_countries.csv", "cameo_types.csv",
        "cameo_known_groups.csv", "cameo_ethnic.csv", "cameo_religions.csv",
        "acled_event_types.csv", "acled_sub_event_types.csv", "acled_actor_types.csv",
        "acled_interactions.csv", "acled_precision.csv", "plover_event_types.csv",
        "plover_modes.csv", "crosswalk_acled_to_cameo.csv", "crosswalk_cameo_to_acled.csv",
        "crosswalk_cameo_to_plover.csv", "crosswalk_acled_actor_to_cameo_role.csv",
        "README.md",
    ):
        assert expected in names
    readme = data.joinpath("README.md").read_text(encoding="utf-8")
    for name in names - {"README.md"}:
        assert name in readme, f"{name} has no source in data/README.md"
