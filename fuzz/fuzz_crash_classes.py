"""Coverage-guided fuzzing of the crash classes of issue 16 with atheris.

    python fuzz/fuzz_crash_classes.py FORMAT [CORPUS_DIR] -atheris_runs=1000000
    python fuzz/fuzz_crash_classes.py FORMAT --random N [SEED]   # without atheris

Each input picks a crash class (long digit strings, non-ASCII digits, deeply nested dates,
lone surrogates), a token of a valid file of FORMAT (the fixtures of the test suite, or what
the format's own writer makes) and a variant of the hostile value, and reads the result
under every ``on_error`` policy. Anything but a ConflictEventsError is a crash. See
fuzz/README.md.
"""

from __future__ import annotations

import contextlib
import random
import sys
from pathlib import Path

try:
    import atheris
except ImportError:  # the --random driver needs no atheris
    atheris = None

with atheris.instrument_imports() if atheris is not None else contextlib.nullcontext():
    import conflictevents
    from conflictevents._fuzzing import CRASH_CLASSES, check, crash_class_input

    FORMATS = conflictevents.format_names()

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def templates(format_name: str) -> list[bytes]:
    """Small valid files of *format_name*: the fixtures it detects, else a written example."""
    import datetime as dt
    import io

    found: list[bytes] = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.stat().st_size < 20_000 and path.suffix != ".zip":
            data = path.read_bytes()
            try:
                stream = conflictevents.read(io.BytesIO(data), format_name)
                next(iter(stream), None)
            except conflictevents.ConflictEventsError:
                continue
            found.append(data)
    if not found:
        event = conflictevents.Event(
            id="1", date=dt.date(2024, 12, 5),
            classifications=[conflictevents.Classification("cameo", "190"),
                             conflictevents.Classification("acled", "Armed clash",
                                                           parent="Battles")],
            location=conflictevents.Location("Hama", country="SYR", latitude=35.1,
                                             longitude=36.7),
            fatalities=3, notes="n")
        out = io.BytesIO()
        spec = conflictevents.formats.get_format(format_name)
        options = {"derive": True} if "derive" in spec.write_options else {}
        conflictevents.write([event], out, format_name, **options)
        found.append(out.getvalue())
    return found


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        print(__doc__)
        sys.exit(2)
    format_name = sys.argv.pop(1)
    if format_name not in FORMATS:
        sys.exit(f"unknown format {format_name!r}: {', '.join(FORMATS)}")
    files = templates(format_name)
    if len(sys.argv) >= 3 and sys.argv[1] == "--random":
        runs = int(sys.argv[2])
        chooser = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 0)
        crashes: dict[str, int] = {}
        for number in range(1, runs + 1):
            kind = chooser.choice(CRASH_CLASSES)
            data = crash_class_input(format_name, chooser.choice(files), kind,
                                     chooser.randrange(1 << 16), chooser.randrange(1 << 16),
                                     chooser.randrange(1 << 16))
            try:
                check(data, format_name)
            except Exception as error:  # a crash: keep the first input of each kind
                signature = f"{kind}:{type(error).__name__}"
                if signature not in crashes:
                    Path(f"crash-{format_name}-{kind}-{number}").write_bytes(data)
                    print(f"{format_name}: crash {signature} at input {number}", flush=True)
                crashes[signature] = crashes.get(signature, 0) + 1
            if number % 100 == 0:
                print(f"{format_name}: {number} inputs, crashes {crashes}", flush=True)
        print(f"{format_name}: {runs} inputs, crashes {crashes or 'none'}", flush=True)
        sys.exit(1 if crashes else 0)
    if atheris is None:
        sys.exit("atheris is not installed: pip install atheris, or use --random N")

    def target(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        kind = CRASH_CLASSES[provider.ConsumeIntInRange(0, len(CRASH_CLASSES) - 1)]
        template = files[provider.ConsumeIntInRange(0, len(files) - 1)]
        index = provider.ConsumeIntInRange(0, 1 << 16)
        size = provider.ConsumeIntInRange(0, 1 << 16)
        pick = provider.ConsumeIntInRange(0, 1 << 16)
        check(crash_class_input(format_name, template, kind, index, size, pick), format_name)

    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
