"""Importing the package imports none of its optional or slow dependencies (issue 17).

``import conflictevents`` must stay cheap: the extras (pyarrow, pandas, polars, dask, httpx,
hypothesis) and ``dateutil`` (45 ms, needed only for loosely written dates) are imported
where they are used. Each check runs in a fresh interpreter, since this one has imported
them all by now. How long the import takes is measured in ``benchmarks/run.py``, not here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

LAZY = ("dateutil", "pyarrow", "pandas", "polars", "numpy", "dask", "distributed", "httpx",
        "hypothesis")


def _imported_after(statement: str) -> set[str]:
    code = (
        "import sys\n"
        f"{statement}\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("statement", [
    "import conflictevents",
    "import conflictevents.cli",
    "import conflictevents.codes.cameo, conflictevents.codes.acled",
    "import conflictevents as ce; ce.format_names()",
    "import conflictevents as ce; ce.parse_date('2024-12-05'); ce.parse_date('20241205')",
])
def test_no_optional_or_slow_module_is_imported(statement: str) -> None:
    assert _imported_after(statement) & set(LAZY) == set()


def test_the_check_sees_a_module_that_is_imported() -> None:
    # the property above is only worth something if an import shows up
    assert "dateutil" in _imported_after(
        "import conflictevents as ce; ce.parse_date('5 December 2024')")
