"""Issue 16, H1-H4 and item 2: memory is bounded by construction, whatever the input.

Each reader runs in a subprocess over hostile inputs generated on the fly (a 200 MiB line
with no newline, a quote left open before 200 MiB of lines, a JSON document of 200 MiB of
spaces, a document of empty objects within the size limit), and its peak resident memory
must stay under 100 MB above its baseline with the default limits. Compressed bombs are
refused by the expansion-ratio limit long before the byte limit.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zipfile

import pytest

import conflictevents as ce
from conflictevents.cli import main

MB = 1024 * 1024

_SCRIPT = r'''
import io, json, resource, sys
import conflictevents as ce

FORMAT = sys.argv[1]
SIZE = 200 * 1024 * 1024


class Lazy(io.RawIOBase):
    """The chunks of a generator as a binary stream: the input is never all in memory."""

    def __init__(self, chunks):
        self.chunks = chunks
        self.buffer = memoryview(b"")

    def readable(self):
        return True

    def readinto(self, view):
        while not len(self.buffer):
            chunk = next(self.chunks, None)
            if chunk is None:
                return 0
            self.buffer = memoryview(chunk)
        size = min(len(view), len(self.buffer))
        view[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size


def repeated(head, unit, tail=b"", line_end=b""):
    """head, then unit (at most 1 MiB) to SIZE bytes, with line_end every 11 MiB, then tail."""
    yield head
    block = unit * max(1, (1 << 20) // len(unit))
    written = 0
    while written < SIZE:
        yield block
        written += len(block)
        if line_end and written % (11 << 20) < len(block):
            yield line_end
    yield tail


HEADS = {
    "acled": b"event_id_cnty,event_date,event_type,sub_event_type\n",
    "hxl": b"When,Where\n#date+occurred,#loc+name\n",
    "ucdp-ged": b"id,relid,year,active_year,type_of_violence,conflict_new_id,date_start,"
                b"date_end,best,high,low\n",
    "gdelt1": b"", "gdelt2": b"", "icews": (
        "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
        "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
        "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\t"
        "Longitude\n").encode(),
    "gdelt-reduced": "\t".join(ce.formats.get_format("gdelt-reduced") and __import__(
        "conflictevents.formats.gdelt_reduced", fromlist=["COLUMNS"]).COLUMNS).encode() + b"\n",
    "jsonl": b"", "geojson": b'{"type":"FeatureCollection","features":[\n',
    "acled-api": b'{"data":[',
    "parquet": b"PAR1",  # the magic bytes, then no Parquet at all
}


def inputs():
    head = HEADS[FORMAT]
    yield "one long line", Lazy(repeated(head, b"x" * 4096))
    yield "an open quote", Lazy(repeated(head + b'SYR1,"', b"y" * 999 + b"\n"))
    yield "long lines", Lazy(repeated(head, b"z" * 4096, line_end=b"\n"))
    if FORMAT in ("acled-api", "geojson"):
        yield "spaces in a document", Lazy(repeated(head, b" " * 4096, b"]}"))
        opening = b'{"data":[' if FORMAT == "acled-api" else (
            b'{"type":"FeatureCollection","features":[')
        body = b"{}," * (16 * 1024 * 1024 // 3 - 20)
        yield "empty objects", io.BytesIO(opening + body + b"{}]}")
        yield "short strings", io.BytesIO(opening + b'"ab",' * (16 * 1024 * 1024 // 5 - 20)
                                          + b'"a"]}')
        most = 16 * 1024 * 1024 // 16 - 100  # the most values the default limit allows
        yield "most objects", io.BytesIO(opening + b'{},' * most + b"{}]}")
        yield "most arrays", io.BytesIO(opening + b'[[]],' * (most // 2) + b"[]]}")
        yield "most strings", io.BytesIO(opening + b'"abcdefghijkl",' * most + b'"a"]}')
        yield "most floats", io.BytesIO(opening + b'1.5,' * most + b'1]}')


def peak():
    """The peak resident memory since the last reset (Linux), else since the start."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset():
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        pass


# warm up: load the format and its code books
try:
    list(ce.read(io.BytesIO(HEADS[FORMAT]), FORMAT, on_error="skip"))
except ce.ParseError:  # a binary format refuses its magic bytes alone
    pass
results = {}
for label, source in inputs():
    reset()
    base = peak()
    report = ce.ConversionReport()
    try:  # an input refused whole (a binary format's) is fine: memory is what is measured
        for _ in ce.read(source, FORMAT, on_error="skip", report=report):
            pass
    except ce.ParseError:
        report.skipped += 1
    results[label] = [report.skipped, (peak() - base) // (1024 * 1024)]
print(json.dumps({"growth_mb": max(mb for _, mb in results.values()), "inputs": results}))
'''

READERS = ce.format_names()


@pytest.mark.parametrize("fmt", READERS)
def test_no_hostile_input_makes_a_reader_grow_past_100_mb(fmt: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, fmt], capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["growth_mb"] < 100, result
    for label, (errors, _) in result["inputs"].items():
        if not label.startswith("most"):
            assert errors >= 1, (label, result)


def _gzip_bomb(size: int) -> bytes:
    compressor = gzip.compress(b"\n" * size, compresslevel=9)
    return compressor


def test_a_gzip_bomb_is_stopped_by_the_ratio_limit() -> None:
    """H4: 4 MB of gzip expanded to 4 GiB of blank lines (80 minutes of CPU)."""
    bomb = _gzip_bomb(64 * MB)
    assert len(bomb) < MB
    with pytest.raises(ce.InputTooLargeError, match="expands more than 100 times"):
        list(ce.read(io.BytesIO(bomb), "jsonl", on_error="collect"))
    # raising max_ratio lets it through (it is only blank lines)
    assert list(ce.read(io.BytesIO(bomb), "jsonl", max_ratio=10_000)) == []


def test_a_zip_bomb_is_refused_before_it_is_read() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("events.jsonl", b"\n" * (32 * MB))
    with pytest.raises(ce.InputTooLargeError, match="expands more than"):
        list(ce.read(io.BytesIO(buffer.getvalue()), "jsonl"))


def test_ordinary_compression_is_not_refused() -> None:
    line = json.dumps({"schema": "conflictevents/1", "type": "event", "id": "X",
                       "date": "2024-12-05"})
    text = "".join(line.replace('"X"', f'"X{i}"') + "\n" for i in range(300_000))
    packed = gzip.compress(text.encode())
    assert len(text) > 16 * MB
    assert len(text) / len(packed) < 100
    assert sum(1 for _ in ce.read(io.BytesIO(packed), "jsonl")) == 300_000


def test_cli_can_lower_max_bytes(tmp_path: object) -> None:
    path = os.path.join(str(tmp_path), "in.jsonl.gz")
    line = json.dumps({"schema": "conflictevents/1", "type": "event", "id": "X",
                       "date": "2024-12-05"}) + "\n"
    with gzip.open(path, "wt") as out:
        out.write(line * 1000)
    assert main(["validate", path, "-q"]) == 0
    assert main(["validate", path, "--max-bytes", "10K", "-q"]) != 0
    assert main(["validate", path, "--max-ratio", "1", "-q"]) == 0  # under the 16 MiB floor
    assert main(["validate", path, "--max-bytes", "nonsense"]) == 2


def test_head_does_not_hold_a_whole_long_line() -> None:
    from conflictevents.formats._io import Input

    text = io.StringIO("x" * 5000 + "\nnext\n")
    opened = Input(text, "<t>", max_line=100)
    assert len(opened.head(2)[0]) == 101  # cut at the limit...
    lines = list(opened.lines())
    assert len(lines[0]) == 5001  # ...and its real length is known when read
    assert str(lines[0])[:3] == "xxx"
    assert lines[1] == "next\n"


def test_head_then_a_larger_limit_reads_the_whole_line() -> None:
    from conflictevents.formats._io import Input

    opened = Input(io.StringIO("y" * 500 + "\nnext\n"), "<t>", max_line=100)
    opened.head(2)
    opened.max_line = 1000
    assert list(opened.lines()) == ["y" * 500 + "\n", "next\n"]


def test_acled_api_document_limit() -> None:
    """H3: the whole document was read with no bound."""
    document = '{"data":[' + " " * 2000 + "]}"
    stream = ce.read(io.StringIO(document), "acled-api", on_error="collect", max_document=1000)
    assert list(stream) == []
    assert "max_document" in str(stream.report.errors[0])
    assert list(ce.read(io.StringIO(document), "acled-api", max_document=5000)) == []


def test_an_endless_input_stops_at_max_bytes() -> None:
    """H1: reading /dev/zero ended in MemoryError."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with pytest.raises(ce.InputTooLargeError, match="the input exceeds the limit"):
        list(ce.read("/dev/zero", "acled", on_error="collect", max_bytes=8 * MB))


def test_cli_disk_full_names_the_path(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    """K6: 'No space left on device' was printed without a path."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    path = os.path.join(str(tmp_path), "in.jsonl")
    line = json.dumps({"schema": "conflictevents/1", "type": "event", "id": "X",
                       "date": "2024-12-05"}) + "\n"
    with open(path, "w", encoding="utf-8") as out:
        out.write(line * 5000)
    assert main(["convert", path, "/dev/full", "--to", "jsonl", "-q"]) == 2
    assert "/dev/full: No space left on device" in capsys.readouterr().err


def test_a_long_peek_holds_at_most_the_line_limit() -> None:
    from conflictevents.formats._io import Input

    text = "".join(f"{i:04d}" + "x" * 95 + "\n" for i in range(30))  # 30 lines of 100
    opened = Input(io.StringIO(text), "<t>", max_line=250)
    peeked = opened.head(30)
    assert sum(len(line) for line in peeked) <= 251
    assert len(peeked) == 3
    assert "".join(opened.lines()) == text  # nothing is lost
