"""Coverage-guided fuzzing of every parser with atheris, for long runs.

    python -m pip install atheris
    python fuzz/fuzz_parsers.py FORMAT [CORPUS_DIR] -atheris_runs=1000000

FORMAT is a format name (``conflictevents formats`` lists them). The target reads the input
under every ``on_error`` policy; anything but a ConflictEventsError is a crash, which
libFuzzer reports with the input that caused it (saved as ``crash-*``). See fuzz/README.md.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import conflictevents
    from conflictevents._fuzzing import check

    # Format modules load lazily; load them all here so that they are instrumented too.
    FORMATS = conflictevents.format_names()


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        print(__doc__)
        sys.exit(2)
    format_name = sys.argv.pop(1)
    if format_name not in FORMATS:
        sys.exit(f"unknown format {format_name!r}: {', '.join(FORMATS)}")

    def target(data: bytes) -> None:
        check(data, format_name)

    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
